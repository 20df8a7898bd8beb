// The groups section: every group with its status, and one group's members, assignment, lag and lag over time.
import { api, Poller } from './api.js';
import { $, h, svg, replace, notice, errorNotice, table, badge } from './dom.js';
import { fmtInt, fmtCompact, fmtTime, describeAssignment, shortId, memberLabels } from './format.js';
import { ownerColors, statusOf, stateClass, GROUP_TYPES, NO_OWNER } from './colors.js';
import { lagChart, barFraction } from './chart.js';

function statusBadge(status) {
  const s = statusOf(status && status.code);
  return badge(`status ${s.cls}`, s.label, status && status.reason ? status.reason : s.help);
}

function lagText(lag) {
  return lag === null || lag === undefined ? 'n/a' : fmtInt(lag);
}

function renderList(el, groups, selected, navigate) {
  if (groups.length === 0) {
    replace(
      el,
      notice(
        'empty',
        'No groups yet',
        'A group appears when a consumer joins it. Start the services (./ridertrack up).',
      ),
    );
    return;
  }
  const rows = groups.map((g) =>
    h(
      'tr',
      {
        class: `clickable ${g.group === selected ? 'selected' : ''}`,
        'data-group': g.group,
        onclick: () => navigate(`groups/${g.group}`),
      },
      h(
        'td',
        {},
        h('a', { href: `#groups/${encodeURIComponent(g.group)}`, class: 'name' }, g.group),
        h(
          'div',
          { class: 'sub' },
          badge('type', g.type.toLowerCase(), GROUP_TYPES[g.type]),
          ' ',
          (g.topics || []).join(', '),
        ),
      ),
      h('td', {}, badge(stateClass(g.state), g.state.toLowerCase().replace(/_/g, ' '))),
      h('td', { class: 'num' }, String(g.memberCount)),
      h('td', { class: 'num' }, lagText(g.totalLag)),
      h('td', {}, statusBadge(g.status)),
    ),
  );
  replace(
    el,
    table(
      [
        'Group',
        'State',
        { label: 'Members', attrs: { class: 'num' } },
        { label: 'Lag', attrs: { class: 'num' } },
        'Status',
      ],
      rows,
      { id: 'groups-table' },
    ),
  );
  el.dataset.loaded = 'true';
}

/** Partitions per topic as cells coloured by owner, with each cell's lag as a bar on one shared scale. */
function assignment(g, colors) {
  const byTopic = new Map();
  for (const p of g.partitions || []) {
    if (!byTopic.has(p.topic)) byTopic.set(p.topic, []);
    byTopic.get(p.topic).push(p);
  }
  // a floor, so a lag of a few records, normal between two polls, does not fill a cell
  const maxLag = Math.max(100, ...(g.partitions || []).map((p) => p.lag || 0));
  const names = memberLabels(g.members || []);
  const strips = [...byTopic.entries()].map(([topic, parts]) =>
    h(
      'div',
      { class: 'strip' },
      h('div', { class: 'strip-topic' }, topic),
      h(
        'div',
        { class: 'cells', style: { gridTemplateColumns: `repeat(${Math.min(parts.length, 12)}, 1fr)` } },
        parts
          .sort((a, b) => a.partition - b.partition)
          .map((p) => {
            const color = p.owner ? colors.get(p.owner) || NO_OWNER : NO_OWNER;
            const owner = p.owner ? names.get(p.owner) || p.ownerProcess || shortId(p.owner) : 'no owner';
            return h(
              'div',
              {
                class: `pcell ${p.owner ? '' : 'orphan'}`,
                style: { '--c': color },
                'data-owner': p.owner || '',
                title: `${topic}-${p.partition}: ${owner}; committed ${fmtInt(p.committedOffset)}, end ${fmtInt(p.endOffset)}, lag ${lagText(p.lag)}`,
              },
              h('b', {}, String(p.partition)),
              h('small', {}, p.lag === null || p.lag === undefined ? '–' : fmtCompact(p.lag)),
              h('i', { class: 'lagbar', style: { height: `${Math.round(barFraction(p.lag, maxLag) * 100)}%` } }),
            );
          }),
      ),
    ),
  );
  const legend = (g.members || []).map((m) =>
    h(
      'div',
      {
        class: `owner ${m.idle ? 'idle' : ''}`,
        'data-member': m.memberId,
        style: { '--c': colors.get(m.memberId) || NO_OWNER },
      },
      h('i', {}),
      h('b', {}, names.get(m.memberId)),
      h('span', { class: 'muted' }, m.idle ? 'idle: no partition to read' : describeAssignment(m.assignment)),
    ),
  );
  const orphans = (g.partitions || []).filter((p) => !p.owner).length;
  if (orphans > 0 && g.type !== 'SHARE') {
    legend.push(
      h(
        'div',
        { class: 'owner orphan' },
        h('i', {}),
        h('b', {}, 'no owner'),
        h(
          'span',
          { class: 'muted' },
          `${orphans} partition(s) nobody reads now: a rebalance is moving them, or no member is left`,
        ),
      ),
    );
  }
  const idle = (g.members || []).filter((m) => m.idle).length;
  return [
    strips.length
      ? strips
      : h(
          'p',
          { class: 'explain' },
          g.type === 'SHARE'
            ? 'A share group does not divide partitions: every member may read every partition, the broker hands out ' +
                'records in batches and each member acknowledges the records it processed, like a queue.'
            : 'This group has no partitions assigned or committed yet.',
        ),
    h('div', { class: 'owners' }, legend),
    idle > 0
      ? h(
          'p',
          { class: 'hint' },
          `${idle} member(s) idle: a partition is read by one member of a group only, so members beyond the partition `,
          'count wait as stand-bys. They take over if a member leaves.',
        )
      : null,
  ];
}

function lagChartSvg(history) {
  const width = 640;
  const height = 180;
  const c = lagChart(history.points || [], { width, height, minutes: 30 });
  if (c.empty) {
    return h('p', { class: 'empty chart-empty' }, 'No lag history yet: the server records a point every few seconds.');
  }
  const points = history.points || [];
  const since = points.length ? fmtTime(points[0].time) : '';
  const chart = svg(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': 'Total lag over the last 30 minutes',
      'data-points': points.length,
    },
    c.yTicks.map((t) => [
      svg('line', { class: 'grid-line', x1: c.box.left, x2: c.box.right, y1: t.y, y2: t.y }),
      svg('text', { class: 'axis', x: c.box.left - 6, y: t.y + 4, 'text-anchor': 'end' }, fmtCompact(t.value)),
    ]),
    c.xTicks.map((t) => svg('text', { class: 'axis', x: t.x, y: height - 4, 'text-anchor': 'middle' }, t.label)),
    svg('path', { class: 'area', d: c.area }),
    svg('path', { class: 'line', d: c.line }),
    c.last
      ? svg(
          'circle',
          { class: 'dot', cx: c.last.x, cy: c.last.y, r: 3.5 },
          svg('title', {}, `lag now ${fmtInt(c.last.lag)}`),
        )
      : null,
  );
  return [
    chart,
    h(
      'div',
      { class: 'chart-legend' },
      h('span', {}, 'now ', h('b', {}, fmtInt(c.last ? c.last.lag : null))),
      h('span', {}, 'peak ', h('b', {}, fmtInt(c.peak))),
      h('span', { class: 'muted' }, `recorded since ${since}, one point every ${history.resolutionSeconds} s`),
    ),
  ];
}

function renderDetail(el, g, history) {
  const colors = ownerColors((g.members || []).map((m) => m.memberId));
  const status = statusOf(g.status && g.status.code);
  const partitions = [...(g.partitions || [])].sort((a, b) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  );
  const names = memberLabels(g.members || []);
  replace(
    el,
    h(
      'div',
      { class: 'detail-head' },
      h('div', {}, h('h2', { class: 'title' }, g.group), h('span', { class: 'muted' }, GROUP_TYPES[g.type] || g.type)),
      h(
        'div',
        { class: `status-big ${status.cls}`, 'data-status': status.label },
        h('b', {}, status.label),
        h('span', {}, g.status && g.status.reason ? g.status.reason : status.help),
      ),
    ),
    h(
      'dl',
      { class: 'stats' },
      [
        ['Type', g.type.toLowerCase()],
        ['Protocol', g.protocol || '–'],
        ['State', g.state.toLowerCase().replace(/_/g, ' ')],
        ['Coordinator', g.coordinator === null || g.coordinator === undefined ? '–' : `broker ${g.coordinator}`],
        ['Members', String(g.memberCount)],
        ['Total lag', lagText(g.totalLag)],
      ].map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))),
    ),
    h('h3', {}, 'Who reads which partition'),
    h(
      'p',
      { class: 'explain' },
      'Each cell is a partition, coloured by the member that reads it; the number under it and the bar are its lag. ',
      'The coordinator (a broker) keeps the group together: members heartbeat to it, and it records their committed offsets.',
    ),
    h('div', { class: 'assignment', id: 'assignment' }, assignment(g, colors)),
    h('h3', {}, 'Lag over the last 30 minutes'),
    h(
      'p',
      { class: 'explain' },
      'Total lag of the group, recorded by the server every few seconds: a reload shows the same chart. ',
      'A saw-tooth near zero is healthy; a line that keeps rising means the group reads slower than records arrive.',
    ),
    h(
      'div',
      { class: 'chart-box', id: 'lag-chart' },
      history ? lagChartSvg(history) : h('p', { class: 'empty' }, 'Loading the lag history…'),
    ),
    h('h3', {}, 'Members'),
    (g.members || []).length === 0
      ? notice(
          'empty',
          'Nobody is in this group now',
          'Its committed offsets stay: a consumer that joins it starts where the group left off.',
        )
      : table(
          ['', 'Member', 'Client id', 'Host', 'Partitions', 'Member id'],
          g.members.map((m) =>
            h(
              'tr',
              { class: m.idle ? 'row-off' : '' },
              h('td', {}, h('i', { class: 'swatch', style: { '--c': colors.get(m.memberId) || NO_OWNER } })),
              h('td', {}, h('b', {}, names.get(m.memberId)), m.idle ? badge('off', 'idle') : null),
              h('td', {}, m.clientId || '–'),
              h('td', {}, m.host || '–'),
              h('td', {}, m.idle ? 'none' : describeAssignment(m.assignment)),
              h('td', { class: 'mono', title: m.memberId }, shortId(m.memberId, 12)),
            ),
          ),
          { id: 'members-table' },
        ),
    h('h3', {}, 'Lag per partition'),
    partitions.length === 0
      ? h(
          'p',
          { class: 'empty' },
          g.type === 'SHARE'
            ? 'Share groups track each record’s delivery instead of one committed offset per partition: there is no lag per partition.'
            : 'No committed offsets yet.',
        )
      : table(
          [
            'Partition',
            'Read by',
            { label: 'Committed', attrs: { class: 'num' } },
            { label: 'End', attrs: { class: 'num' } },
            { label: 'Lag', attrs: { class: 'num' } },
          ],
          partitions.map((p) =>
            h(
              'tr',
              { class: p.owner ? '' : 'row-warn' },
              h('td', {}, `${p.topic}-${p.partition}`),
              h(
                'td',
                {},
                p.owner
                  ? h(
                      'span',
                      { class: 'pill', style: { '--c': colors.get(p.owner) || NO_OWNER } },
                      names.get(p.owner) || p.ownerProcess || shortId(p.owner),
                    )
                  : h('span', { class: 't-warn' }, 'nobody'),
              ),
              h('td', { class: 'num' }, fmtInt(p.committedOffset)),
              h('td', { class: 'num' }, fmtInt(p.endOffset)),
              h('td', { class: `num ${p.lag > 0 ? 'strong' : ''}` }, lagText(p.lag)),
            ),
          ),
          { id: 'group-partitions' },
        ),
    h('p', { class: 'hint' }, `Snapshot of ${fmtTime(g.polledAt)}.`),
  );
  el.dataset.group = g.group;
  el.dataset.loaded = 'true';
}

export function createGroupsView(navigate) {
  const list = $('groups-list');
  const detail = $('group-detail');
  let selected = null;
  let lastGroups = null;
  let lastGroup = null;
  let lastHistory = null;
  const draw = () => {
    if (lastGroup && lastGroup.group === selected) renderDetail(detail, lastGroup, lastHistory);
  };
  const listPoller = new Poller(
    api.groups,
    3000,
    (r) => {
      lastGroups = r.groups || [];
      $('groups-count').textContent = `${lastGroups.length} group${lastGroups.length === 1 ? '' : 's'}`;
      if (!selected && lastGroups.length) {
        // nothing picked yet: show the group with the most lag, the one worth a look
        selected = [...lastGroups].sort((a, b) => (b.totalLag || 0) - (a.totalLag || 0))[0].group;
        groupPoller.restart();
        historyPoller.restart();
      }
      renderList(list, lastGroups, selected, navigate);
    },
    (e) => replace(list, errorNotice(e, 'groups')),
  );
  const groupPoller = new Poller(
    () => api.group(selected),
    3000,
    (g) => {
      lastGroup = g;
      draw();
    },
    (e) =>
      replace(
        detail,
        e.status === 404
          ? notice(
              'empty',
              `No group named ${selected}`,
              'It may have been deleted, or it expired after its members left.',
            )
          : errorNotice(e, `group ${selected}`),
      ),
  );
  const historyPoller = new Poller(
    () => api.lagHistory(selected, 30),
    5000,
    (r) => {
      lastHistory = r;
      draw();
    },
    () => {
      // the group's own poller reports the problem; the chart keeps its last picture
    },
  );
  return {
    show(arg) {
      const next = arg || selected;
      if (next !== selected) {
        selected = next;
        lastGroup = null;
        lastHistory = null;
        detail.dataset.loaded = '';
        replace(detail, h('p', { class: 'empty' }, `Loading ${selected}…`));
        if (lastGroups) renderList(list, lastGroups, selected, navigate);
      }
      listPoller.start();
      if (selected) {
        groupPoller.restart();
        historyPoller.restart();
      }
    },
    hide() {
      listPoller.stop();
      groupPoller.stop();
      historyPoller.stop();
    },
  };
}
