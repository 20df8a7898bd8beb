// Zone statistics from analytics' zone-stats topic (served by /api/v1/zones/live): a heat
// layer of riders per zone (geohash-6 cells) and the city sparklines.
import * as L from '/webjars/leaflet/dist/leaflet-src.esm.js';
import { formatDuration, formatRate } from '../format.js';
import { zoneColor } from '../heat.js';
import { spark } from './spark.js';

const $ = (id) => document.getElementById(id);

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
    if (on) this.layer.addTo(this.map);
    else this.map.removeLayer(this.layer);
    $('zone-scale').hidden = !on;
    this.draw();
  }

  async refresh() {
    try {
      const r = await fetch('/api/v1/zones/live');
      if (!r.ok) return;
      this.data = await r.json();
    } catch {
      return;
    }
    this.draw();
    this.charts();
  }

  draw() {
    if (!this.on || !this.data) return;
    this.layer.clearLayers();
    const zones = this.data.zones;
    const max = Math.max(1, ...zones.map((z) => z.activeRiders));
    $('zone-max').textContent = String(max);
    $('zone-scale').dataset.zones = String(zones.length);
    for (const z of zones) {
      const [s, w, n, e] = z.bounds;
      const f = Math.sqrt(z.activeRiders / max); // sqrt: a few busy cells do not wash out the rest
      L.rectangle(
        [
          [s, w],
          [n, e],
        ],
        {
          renderer: this.renderer,
          stroke: true,
          weight: 1,
          color: zoneColor(f),
          opacity: 0.35,
          fillColor: zoneColor(f),
          fillOpacity: 0.12 + 0.43 * f,
        },
      )
        .bindTooltip(
          `<b>${z.zoneId}</b><br>${z.activeRiders} riders · ${z.fixes} fixes<br>avg ${(z.avgSpeedMps * 3.6).toFixed(1)} km/h` +
            (z.deliveriesCompleted ? `<br>${z.deliveriesCompleted} delivered` : ''),
          { sticky: true },
        )
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
    } catch {
      /* analytics down: the panel says so below */
    }
    // the newest window is still filling: show complete ones only
    const windows = data && data.fixes ? data.fixes.filter((w) => Date.parse(w.windowEnd) <= Date.now()) : [];
    $('s-riders').textContent = windows.length ? String(windows[windows.length - 1].activeRiders) : '–';
    $('riders-spark').classList.toggle('off', !windows.length);
    spark(
      $('g-riders'),
      windows.map((w) => w.activeRiders),
      '#c084fc',
      'analytics not reachable',
    );
  }

  charts() {
    const series = this.data.series || [];
    if (!series.length) return;
    const last = series[series.length - 1];
    $('city-at').textContent = `window to ${new Date(last.windowEnd).toLocaleTimeString()}`;
    $('s-fixes').textContent = formatRate(last.fixesPerSecond);
    $('s-deliveries').textContent = String(last.deliveriesPerMinute);
    const lastTime = [...series].reverse().find((p) => p.avgDeliverySeconds != null);
    $('s-delivery-time').textContent = lastTime ? formatDuration(lastTime.avgDeliverySeconds) : '–';
    spark(
      $('g-fixes'),
      series.map((p) => p.fixesPerSecond),
      '#5ea9ff',
    );
    spark(
      $('g-deliveries'),
      series.map((p) => p.deliveriesPerMinute),
      '#2fd47d',
    );
    spark(
      $('g-delivery-time'),
      series.map((p) => p.avgDeliverySeconds),
      '#f5a524',
    );
  }
}
