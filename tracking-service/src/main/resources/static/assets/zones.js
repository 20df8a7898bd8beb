// Zone statistics from analytics' zone-stats topic (served by /api/v1/zones/live): a heat
// layer of riders per zone (geohash-6 cells) and the city sparklines.
import { L } from './live.js';
import { fmtDuration } from './replay.js';

const $ = (id) => document.getElementById(id);

// deep blue → blue → violet → pink: reads on the dark map, and the riders' grey, amber and
// green stay distinct on top of it
const RAMP = [[0, [37, 64, 140]], [0.35, [59, 130, 246]], [0.7, [168, 85, 247]], [1, [236, 72, 153]]];
export function heat(f) {
  f = Math.max(0, Math.min(1, f));
  for (let i = 1; i < RAMP.length; i++) {
    if (f <= RAMP[i][0]) {
      const [f0, c0] = RAMP[i - 1], [f1, c1] = RAMP[i];
      const k = (f - f0) / (f1 - f0);
      return `rgb(${c0.map((c, j) => Math.round(c + (c1[j] - c) * k)).join(',')})`;
    }
  }
  return 'rgb(236,72,153)';
}

export class Zones {
  constructor(map) {
    this.map = map;
    this.renderer = L.canvas({ padding: 0.2 });
    this.layer = L.layerGroup();
    this.on = false;
    this.data = null;
    this.refresh();
    setInterval(() => this.refresh(), 3000);
    this.city();
    setInterval(() => this.city(), 10000);
  }

  toggle(on) {
    this.on = on;
    if (on) this.layer.addTo(this.map); else this.map.removeLayer(this.layer);
    $('zone-scale').hidden = !on;
    this.draw();
  }

  async refresh() {
    try {
      const r = await fetch('/api/v1/zones/live');
      if (!r.ok) return;
      this.data = await r.json();
    } catch (e) {
      return;
    }
    window.__ridertrackZones = this.data;
    window.__ridertrackFitZones = () => this.fit();
    this.draw();
    this.charts();
  }

  draw() {
    if (!this.on || !this.data) return;
    this.layer.clearLayers();
    const zones = this.data.zones;
    const max = Math.max(1, ...zones.map((z) => z.activeRiders));
    $('zone-max').textContent = String(max);
    for (const z of zones) {
      const [s, w, n, e] = z.bounds;
      const f = Math.sqrt(z.activeRiders / max); // sqrt: a few busy cells do not wash out the rest
      L.rectangle([[s, w], [n, e]], {
        renderer: this.renderer, stroke: true, weight: 1, color: heat(f), opacity: 0.35,
        fillColor: heat(f), fillOpacity: 0.12 + 0.43 * f,
      }).bindTooltip(`<b>${z.zoneId}</b><br>${z.activeRiders} riders · ${z.fixes} fixes<br>avg ${(z.avgSpeedMps * 3.6).toFixed(1)} km/h`
        + (z.deliveriesCompleted ? `<br>${z.deliveriesCompleted} delivered` : ''), { sticky: true })
        .addTo(this.layer);
    }
  }

  // distinct riders come from analytics' /api/v1/city (through this service): summing
  // zones would count a rider who crossed a border twice
  async city() {
    let data = null;
    try {
      const r = await fetch('/api/v1/city');
      if (r.ok) data = await r.json();
    } catch (e) { /* analytics down: the panel says so below */ }
    // the newest window is still filling: show complete ones only
    const windows = data && data.fixes ? data.fixes.filter((w) => Date.parse(w.windowEnd) <= Date.now()) : [];
    $('s-riders').textContent = windows.length ? String(windows[windows.length - 1].activeRiders) : '–';
    $('riders-spark').classList.toggle('off', !windows.length);
    spark($('g-riders'), windows.map((w) => w.activeRiders), '#c084fc', 'analytics not reachable');
  }

  // the map around every reporting zone
  fit() {
    if (!this.data || !this.data.zones.length) return;
    const b = L.latLngBounds([]);
    for (const z of this.data.zones) { b.extend([z.bounds[0], z.bounds[1]]); b.extend([z.bounds[2], z.bounds[3]]); }
    this.map.fitBounds(b.pad(0.05));
  }

  charts() {
    const series = this.data.series || [];
    if (!series.length) return;
    const last = series[series.length - 1];
    $('city-at').textContent = `window to ${new Date(last.windowEnd).toLocaleTimeString()}`;
    $('s-fixes').textContent = fmtNum(last.fixesPerSecond);
    $('s-deliveries').textContent = String(last.deliveriesPerMinute);
    const lastTime = [...series].reverse().find((p) => p.avgDeliverySeconds != null);
    $('s-delivery-time').textContent = lastTime ? fmtDuration(lastTime.avgDeliverySeconds) : '–';
    spark($('g-fixes'), series.map((p) => p.fixesPerSecond), '#5ea9ff');
    spark($('g-deliveries'), series.map((p) => p.deliveriesPerMinute), '#2fd47d');
    spark($('g-delivery-time'), series.map((p) => p.avgDeliverySeconds), '#f5a524');
  }
}

const fmtNum = (n) => n >= 10000 ? (n / 1000).toFixed(1) + 'k' : n >= 100 ? String(Math.round(n)) : n.toFixed(1);

// a sparkline: area + line + a dot on the newest value; gaps (null) break the line
export function spark(canvas, values, color, empty = 'no data yet') {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || canvas.width, h = canvas.clientHeight || canvas.height;
  if (canvas.width !== w * ratio) { canvas.width = w * ratio; canvas.height = h * ratio; }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const nums = values.filter((v) => v != null);
  if (!nums.length) {
    ctx.fillStyle = 'rgba(139,155,176,.6)'; ctx.font = '11px system-ui'; ctx.fillText(empty, 4, h / 2 + 4);
    return;
  }
  const max = Math.max(...nums) * 1.1 || 1;
  const n = Math.max(2, values.length);
  const x = (i) => 2 + (w - 6) * i / (n - 1);
  const y = (v) => h - 3 - (h - 8) * v / max;
  ctx.strokeStyle = 'rgba(139,155,176,.15)'; ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(0, h - 2.5); ctx.lineTo(w, h - 2.5); ctx.stroke();
  const grad = ctx.createLinearGradient(0, 0, 0, h);
  grad.addColorStop(0, color + '55'); grad.addColorStop(1, color + '00');
  let run = [];
  const flush = () => {
    if (run.length > 1) {
      ctx.beginPath(); ctx.moveTo(x(run[0][0]), h);
      for (const [i, v] of run) ctx.lineTo(x(i), y(v));
      ctx.lineTo(x(run[run.length - 1][0]), h); ctx.closePath(); ctx.fillStyle = grad; ctx.fill();
      ctx.beginPath();
      run.forEach(([i, v], k) => (k ? ctx.lineTo(x(i), y(v)) : ctx.moveTo(x(i), y(v))));
      ctx.strokeStyle = color; ctx.lineWidth = 1.8; ctx.lineJoin = 'round'; ctx.stroke();
    }
    run = [];
  };
  values.forEach((v, i) => { if (v == null) flush(); else run.push([i, v]); });
  flush();
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] == null) continue;
    ctx.beginPath(); ctx.arc(x(i), y(values[i]), 3, 0, Math.PI * 2); ctx.fillStyle = color; ctx.fill();
    break;
  }
}
