import { L, STATES, RiderSet, RiderLayer, Density, addBaseMap, decodeFrame, formatAgo, Window, toWorld } from './live.js';
import { Replay } from './replay.js';
import { Zones } from './zones.js';

const $ = (id) => document.getElementById(id);
const riders = new RiderSet();
const map = L.map('map', { zoomControl: true, zoomAnimation: false, preferCanvas: true, worldCopyJump: false })
  .setView([0, 0], 2);
const density = new Density();
addBaseMap(map, () => riders.bounds() || density.bounds());
const layer = new RiderLayer(map, riders, { density });

// metrics, also read by the browser test and the benchmark (window.__ridertrack)
const metrics = { frames: 0, bytes: 0, framesPerSec: 0, bytesPerSec: 0, e2eP50: null, e2eP99: null, pushP50: null, fps: 0, riders: 0, fixesPerSec: 0,
  mode: 'riders', densityCells: 0, densityTotal: 0, densityCellPx: 0 };
window.__ridertrack = metrics;
// for the browser test: where some riders are (lat/lon), and a screen point on one of them
window.__ridertrackSample = (prefix = '') => {
  const out = {};
  for (let k = 0, n = 0; k < riders.max && n < 50; k++) {
    if (riders.alive[k] && riders.ids[k].startsWith(prefix)) { out[riders.ids[k]] = [riders.lat[k], riders.lon[k]]; n++; }
  }
  return out;
};
window.__ridertrackFit = (prefix) => {
  const pts = [];
  for (let k = 0; k < riders.max; k++) if (riders.alive[k] && riders.ids[k].startsWith(prefix)) pts.push([riders.lat[k], riders.lon[k]]);
  if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.1));
};
window.__ridertrackZoom = () => map.getZoom();
window.__ridertrackScreenPoint = (prefix = '') => {
  const rect = map.getContainer().getBoundingClientRect();
  const size = map.getSize();
  for (let k = 0; k < riders.max; k++) {
    if (!riders.alive[k] || !riders.ids[k].startsWith(prefix)) continue;
    const p = layer.containerPoint(k, performance.now());
    if (p[0] > 40 && p[1] > 40 && p[0] < size.x - 40 && p[1] < size.y - 80) return [rect.left + p[0], rect.top + p[1]];
  }
  return null;
};
const e2e = new Window(5000), push = new Window(5000);
let fitted = false;
let densityFits = 0;
// once the operator (or a test) moves the map, the page stops fitting it to the riders
const stopFitting = () => { fitted = true; };
['mousedown', 'wheel', 'touchstart', 'keydown'].forEach((type) => map.getContainer().addEventListener(type, stopFitting, { passive: true }));
const base = window.__ridertrackBase;
window.__ridertrackBase = { ...base, zoomBy: (dz) => { stopFitting(); base.zoomBy(dz); }, zoomTo: (z) => { stopFitting(); base.zoomTo(z); },
  view: (lat, lon, z) => { stopFitting(); map.setView([lat, lon], z); } };
let socket;

$('legend').innerHTML = STATES.map((s) => `<span><i style="background:${s.color}"></i>${s.name}</span>`).join('')
  + '<label class="switch" title="Riders per zone, from analytics\' zone-stats"><input type="checkbox" id="zones-toggle"><b></b>Zones heat</label>';
const zones = new Zones(map);
$('zones-toggle').onchange = (e) => zones.toggle(e.target.checked);
window.__ridertrackZonesToggle = (on) => { $('zones-toggle').checked = on; zones.toggle(on); };
const replay = new Replay(map, { toast: (m) => toast(m, 5000) });

function connect() {
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  socket = new WebSocket(`${proto}://${location.host}/ws/live`);
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => { setConn(true, 'Live'); sendViewport(); };
  socket.onclose = (e) => {
    setConn(false, e.code === 1008 ? 'Signed out' : 'Reconnecting…');
    if (e.code === 1008) { location.href = '/login'; return; }
    setTimeout(connect, 1500);
  };
  socket.onmessage = (e) => {
    const now = performance.now();
    if (typeof e.data === 'string') {
      const msg = JSON.parse(e.data);
      if (msg.type === 'stats') { metrics.fixesPerSec = msg.fixesPerSec; $('c-fixes').textContent = fmt(msg.fixesPerSec); }
      return;
    }
    metrics.frames++; metrics.bytes += e.data.byteLength;
    const frame = decodeFrame(e.data);
    const arrival = Date.now();
    const sendLatency = arrival - frame.sentAt;
    push.add(sendLatency, now);
    if (frame.kind === 2) {
      // zoomed out: counts per cell replace the riders until the view zooms back in
      if (frame.reset) riders.clear();
      density.apply(frame);
      showDensity();
    } else {
      if (frame.reset && density.active) { density.clear(); showDensity(); }
      const stride = Math.max(1, Math.floor(frame.n / 40));
      for (let i = 0; i < frame.n; i += stride) e2e.add(sendLatency + frame.age[i], now);
      riders.apply(frame, now);
    }
    // Open on where the riders are. From the whole world (a density view) the cells are coarse, so
    // fit to them, get finer cells at the new zoom, fit again, until the riders themselves arrive.
    if (!fitted && riders.count > 0) {
      fitted = true;
      const b = riders.bounds();
      if (b) map.fitBounds(b.pad(0.12));
    } else if (!fitted && frame.kind === 2 && frame.reset && density.total > 0 && densityFits < 6) {
      densityFits++;
      const b = density.bounds();
      if (b) map.fitBounds(b.pad(0.05));
    }
    if (selectedId && riders.byId.has(selectedId)) layer.selected = riders.byId.get(selectedId);
  };
}

function sendViewport() {
  if (!socket || socket.readyState !== 1) return;
  const b = map.getBounds().pad(0.15);
  socket.send(JSON.stringify({ bbox: [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()], zoom: map.getZoom() }));
}
map.on('moveend', sendViewport);

function setConn(ok, text) {
  $('conn').classList.toggle('ok', ok);
  $('conn-text').textContent = text;
}

const fmt = (n) => n >= 10000 ? (n / 1000).toFixed(1) + 'k' : String(Math.round(n));
const fmtBytes = (n) => n >= 1e6 ? (n / 1e6).toFixed(2) + ' MB' : n >= 1e3 ? (n / 1e3).toFixed(0) + ' kB' : n + ' B';
const fmtMs = (v) => v == null ? '–' : v >= 1000 ? (v / 1000).toFixed(1) + ' s' : Math.round(v) + ' ms';

let lastFrames = 0, lastBytes = 0, lastAt = performance.now();
setInterval(() => {
  const now = performance.now();
  const secs = (now - lastAt) / 1000;
  metrics.framesPerSec = (metrics.frames - lastFrames) / secs;
  metrics.bytesPerSec = (metrics.bytes - lastBytes) / secs;
  lastFrames = metrics.frames; lastBytes = metrics.bytes; lastAt = now;
  metrics.e2eP50 = e2e.percentile(0.5, now); metrics.e2eP99 = e2e.percentile(0.99, now);
  metrics.pushP50 = push.percentile(0.5, now);
  metrics.fps = layer.fps; metrics.riders = density.active ? density.total : riders.count;
  metrics.mode = density.active ? 'density' : 'riders';
  metrics.densityCells = density.cells.size; metrics.densityTotal = density.total; metrics.densityCellPx = density.cellPx || 0;
  $('c-riders').textContent = fmt(metrics.riders);
  $('c-e2e').textContent = fmtMs(metrics.e2eP50);
  $('c-push').textContent = fmtMs(metrics.pushP50);
  $('c-msgs').textContent = metrics.framesPerSec.toFixed(1);
  $('c-bytes').textContent = fmtBytes(Math.round(metrics.bytesPerSec));
  $('c-fps').textContent = Math.round(layer.fps);
}, 1000);

// ---- density view: scale, split by state, and the counts under the pointer
function showDensity() {
  const on = density.active;
  $('density-scale').hidden = !on;
  $('legend').classList.toggle('dimmed', on);
  if (!on) { $('density-tip').hidden = true; return; }
  $('density-max').textContent = fmt(density.max);
  const metres = 40075016 * Math.cos(map.getCenter().lat * Math.PI / 180) / Math.pow(2, density.level);
  $('density-cell').textContent = `cells ≈ ${metres >= 1000 ? (metres / 1000).toFixed(1) + ' km' : Math.round(metres) + ' m'}`;
  $('density-split').innerHTML = STATES.map((st, i) => `<span><i style="background:${st.color}"></i>${fmt(density.totals[i])}</span>`).join('');
}
map.on('mousemove', (e) => {
  const tip = $('density-tip');
  if (!density.active) { tip.hidden = true; return; }
  const [wx, wy] = toWorld(e.latlng.lat, e.latlng.lng);
  const v = density.at(wx, wy);
  if (!v) { tip.hidden = true; return; }
  tip.hidden = false;
  tip.style.left = (e.containerPoint.x + 14) + 'px'; tip.style.top = (e.containerPoint.y + 10) + 'px';
  tip.innerHTML = `<b>${fmt(v[0] + v[1] + v[2])} riders</b>` + STATES.map((st, i) => `<span><i style="background:${st.color}"></i>${st.name} ${v[i]}</span>`).join('')
    + '<small>click to zoom in</small>';
});
map.on('mouseout', () => { $('density-tip').hidden = true; });

// ---- selection and details
let selectedId = null;
let detailsTimer = null;

map.on('click', (e) => {
  if (density.active) { map.setView(e.latlng, Math.min(map.getZoom() + 2, 18)); return; }
  const k = layer.nearest(e.containerPoint, 14);
  if (k >= 0) select(riders.ids[k]);
  else unselect();
});
$('d-close').onclick = unselect;
$('d-replay').onclick = () => selectedId && replay.rider(selectedId);
$('d-replay-order').onclick = (e) => e.target.dataset.order && replay.order(e.target.dataset.order);

function unselect() {
  selectedId = null; layer.selected = -1; layer.trail = [];
  $('details').hidden = true;
  clearInterval(detailsTimer);
}

async function select(riderId, pan) {
  selectedId = riderId;
  layer.selected = riders.byId.has(riderId) ? riders.byId.get(riderId) : -1;
  $('details').hidden = false;
  $('d-title').textContent = riderId;
  clearInterval(detailsTimer);
  const ok = await refreshDetails(pan);
  if (!ok && pan) toast(`No live rider ${riderId}`);
  detailsTimer = setInterval(refreshDetails, 2000);
}

async function refreshDetails(pan) {
  const id = selectedId;
  if (!id) return false;
  const [rider, trail] = await Promise.all([
    fetch(`/api/v1/riders/${encodeURIComponent(id)}`).then((r) => r.ok ? r.json() : null),
    fetch(`/api/v1/riders/${encodeURIComponent(id)}/trail`).then((r) => r.ok ? r.json() : { points: [] }),
  ]);
  if (id !== selectedId) return false;
  layer.trail = trail.points;
  if (!rider) { $('d-state').textContent = 'not live'; return false; }
  const state = STATES.find((s) => s.key === rider.state) || STATES[0];
  $('d-state').innerHTML = `<span class="pill" style="--c:${state.color}">${state.name}</span>`;
  $('d-speed').textContent = `${(rider.speedMps * 3.6).toFixed(1)} km/h`;
  $('d-heading').textContent = `${Math.round(rider.headingDeg)}° ${compass(rider.headingDeg)}`;
  $('d-seen').textContent = formatAgo(Date.now() - rider.recordedAt);
  $('d-pos').textContent = `${rider.lat.toFixed(5)}, ${rider.lon.toFixed(5)}`;
  $('d-replay-order').hidden = !rider.orderId;
  $('d-replay-order').dataset.order = rider.orderId || '';
  if (rider.orderId) {
    const link = await fetch(`/api/v1/orders/${encodeURIComponent(rider.orderId)}/link`).then((r) => r.json());
    $('d-order').innerHTML = `${esc(rider.orderId)} · <a href="${link.trackUrl}" target="_blank">customer view ↗</a>`;
  } else {
    $('d-order').textContent = 'none';
  }
  if (pan) map.setView([rider.lat, rider.lon], Math.max(map.getZoom(), 15));
  return true;
}

function compass(deg) {
  return ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'][Math.round(((deg % 360) + 360) % 360 / 45) % 8];
}
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

$('search').onsubmit = async (e) => {
  e.preventDefault();
  const q = $('search-input').value.trim();
  if (!q) return;
  if (q.startsWith('order-')) {
    const r = await fetch(`/api/v1/orders/${encodeURIComponent(q)}`);
    if (!r.ok) { toast(`No order ${q}`); return; }
    const order = await r.json();
    if (order.riderId) select(order.riderId, true);
    const link = await fetch(`/api/v1/orders/${encodeURIComponent(q)}/link`).then((x) => x.json());
    toast(`${esc(q)}: ${order.status.toLowerCase().replace('_', ' ')}${etaText(order.eta, ' · ETA ')} · <a href="${link.trackUrl}" target="_blank">customer view ↗</a>
      · <button class="link replay-link" data-replay-order="${esc(q)}">▶ replay</button>`, 8000);
  } else {
    select(q, true);
  }
};

$('toast').onclick = (e) => {
  const id = e.target.dataset && e.target.dataset.replayOrder;
  if (id) { $('toast').hidden = true; replay.order(id); }
};

// an ETA as eta-service computed it, counted down since computedAt
function etaText(eta, prefix = '') {
  if (!eta || eta.seconds == null) return '';
  const left = Math.max(0, eta.seconds - (Date.now() - eta.computedAt) / 1000);
  return prefix + (left < 60 ? '< 1 min' : `${Math.round(left / 60)} min`);
}

function toast(html, ms = 3500) {
  const t = $('toast');
  t.innerHTML = html; t.hidden = false;
  clearTimeout(t._timer);
  t._timer = setTimeout(() => { t.hidden = true; }, ms);
}

// ---- active orders with customer links
async function refreshOrders() {
  const r = await fetch('/api/v1/orders?limit=6');
  if (!r.ok) return;
  const data = await r.json();
  $('o-count').textContent = fmt(data.active);
  $('orders').innerHTML = data.orders.length ? data.orders.map((o) => `
    <li><span class="oid">${esc(o.orderId)}</span>
      <span class="status s-${o.status.toLowerCase()}">${o.status.replace('_', ' ').toLowerCase()}${o.eta ? `<span class="eta-chip" title="ETA from eta-service">${etaText(o.eta)}</span>` : ''}</span>
      ${o.riderId ? `<button class="link" data-rider="${esc(o.riderId)}">${esc(o.riderId)}</button>` : '<span class="muted">no rider yet</span>'}
      <span class="row-actions"><button class="link replay-link" data-order="${esc(o.orderId)}" title="Replay this order's track">▶ replay</button>
      <a href="${o.trackUrl}" target="_blank" title="Open the customer's tracking page">customer ↗</a></span></li>`).join('')
    : '<li class="empty">No active orders yet</li>';
  $('orders').querySelectorAll('button[data-rider]').forEach((b) => { b.onclick = () => select(b.dataset.rider, true); });
  $('orders').querySelectorAll('button[data-order]').forEach((b) => { b.onclick = () => replay.order(b.dataset.order); });
}
refreshOrders();
setInterval(refreshOrders, 5000);

// ---- Kafka panel
const GROUP_COLORS = ['#5ea9ff', '#f5a524', '#2fd47d', '#c084fc', '#f87171', '#22d3ee'];
async function refreshKafka() {
  let data;
  try {
    const r = await fetch('/api/v1/kafka');
    if (!r.ok) throw new Error(r.status);
    data = await r.json();
  } catch (e) {
    $('kafka').innerHTML = '<p class="empty">Kafka admin not reachable</p>';
    return;
  }
  const mine = new Set(data.thisInstance);
  const parts = [...Array(data.partitions).keys()];
  const partRow = parts.map((p) => `<div class="part ${mine.has(p) ? 'mine' : ''}" title="partition ${p}: end offset ${data.endOffsets[p]}">
      <b>${p}</b><small>${fmt(data.endOffsets[p] || 0)}</small></div>`).join('');
  const groups = data.groups.map((g) => {
    const owner = {};
    g.members.forEach((m, i) => m.partitions.forEach((p) => { owner[p] = i; }));
    const maxLag = Math.max(1, ...Object.values(g.lag));
    const cells = parts.map((p) => {
      const lag = g.lag[p] || 0;
      const color = owner[p] === undefined ? '#3a4656' : GROUP_COLORS[owner[p] % GROUP_COLORS.length];
      return `<div class="cell" title="partition ${p}, lag ${lag}${owner[p] !== undefined ? ', member ' + (owner[p] + 1) : ''}">
        <span class="bar" style="height:${Math.max(8, 100 * lag / maxLag)}%;background:${color}"></span></div>`;
    }).join('');
    return `<div class="group">
      <div class="group-head"><b>${g.group}</b><span class="muted">${g.members.length} member${g.members.length === 1 ? '' : 's'}${g.totalLag < 0 ? '' : ' · ' + g.state.toLowerCase()}</span>
      <span class="lag ${g.totalLag > 10000 ? 'warn' : ''} ${g.totalLag < 0 ? 'off' : ''}">${g.totalLag < 0 ? 'not running' : 'lag ' + fmt(g.totalLag)}</span></div>
      <div class="cells">${cells}</div></div>`;
  }).join('');
  $('kafka').innerHTML = `<div class="parts">${partRow}</div>
    <p class="hint">Highlighted: partitions this instance owns in group <b>tracking</b> (${data.thisInstance.length} of ${data.partitions}). Its live view reads all of them.</p>
    ${groups}<p class="hint">Bars: lag per partition, coloured by the member that owns it.</p>`;
}
refreshKafka();
setInterval(refreshKafka, 3000);

connect();
