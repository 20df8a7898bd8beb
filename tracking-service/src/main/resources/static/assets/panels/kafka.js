// Kafka at work: rider-locations' partitions (those this instance owns highlighted) and, per consumer group, its
// members and the lag per partition, from /api/v1/kafka every 3 s.
import { escapeHtml as esc, formatCount } from '../format.js';

const $ = (id) => document.getElementById(id);

export function startKafkaPanel() {
  refresh();
  setInterval(refresh, 3000);
}

const GROUP_COLORS = ['#5ea9ff', '#f5a524', '#2fd47d', '#c084fc', '#f87171', '#22d3ee'];
async function refresh() {
  let data;
  try {
    const r = await fetch('/api/v1/kafka');
    if (!r.ok) throw new Error(r.status);
    data = await r.json();
  } catch {
    $('kafka').innerHTML = '<p class="empty">Kafka admin not reachable</p>';
    return;
  }
  const mine = new Set(data.thisInstance);
  const parts = [...Array(data.partitions).keys()];
  const partRow = parts
    .map(
      (p) => `<div class="part ${mine.has(p) ? 'mine' : ''}" title="partition ${p}: end offset ${data.endOffsets[p]}">
      <b>${p}</b><small>${formatCount(data.endOffsets[p] || 0)}</small></div>`,
    )
    .join('');
  const groups = data.groups
    .map((g) => {
      const owner = {};
      g.members.forEach((m, i) =>
        m.partitions.forEach((p) => {
          owner[p] = i;
        }),
      );
      const maxLag = Math.max(1, ...Object.values(g.lag));
      const cells = parts
        .map((p) => {
          const lag = g.lag[p] || 0;
          const color = owner[p] === undefined ? '#3a4656' : GROUP_COLORS[owner[p] % GROUP_COLORS.length];
          return `<div class="cell" title="partition ${p}, lag ${lag}${owner[p] !== undefined ? ', member ' + (owner[p] + 1) : ''}">
        <span class="bar" style="height:${Math.max(8, (100 * lag) / maxLag)}%;background:${color}"></span></div>`;
        })
        .join('');
      return `<div class="group">
      <div class="group-head"><b>${esc(g.group)}</b><span class="muted">${g.members.length} member${g.members.length === 1 ? '' : 's'}${g.totalLag < 0 ? '' : ' · ' + g.state.toLowerCase()}</span>
      <span class="lag ${g.totalLag > 10000 ? 'warn' : ''} ${g.totalLag < 0 ? 'off' : ''}">${g.totalLag < 0 ? 'not running' : 'lag ' + formatCount(g.totalLag)}</span></div>
      <div class="cells">${cells}</div></div>`;
    })
    .join('');
  $('kafka').innerHTML = `<div class="parts">${partRow}</div>
    <p class="hint">Highlighted: partitions this instance owns in group <b>tracking</b> (${data.thisInstance.length} of ${data.partitions}). Its live view reads all of them.</p>
    ${groups}<p class="hint">Bars: lag per partition, coloured by the member that owns it.</p>`;
}
