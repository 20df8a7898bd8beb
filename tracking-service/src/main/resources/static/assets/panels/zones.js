// Zone statistics: a heat layer of riders per zone (geohash-6 cells) from analytics'
// zone-stats topic (served by /api/v1/zones/live), and the city panel from analytics'
// /api/v1/city (complete windows only, see city.js).
import * as L from '/webjars/leaflet/dist/leaflet-src.esm.js';
import { formatCount, formatDuration, formatRate } from '../format.js';
import { zoneColor } from '../heat.js';
import { cityNote, cityView } from './city.js';
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
    // a window completes every 10 s; polling twice as often shows it within 5 s
    setInterval(() => this.city(), 5000);
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
    const view = cityView(data);
    const note = cityNote(view);
    $('city-at').textContent = note.text;
    $('city-at').classList.toggle('warn', note.warn);
    // old figures are greyed out, so they do not read as current
    $('city').classList.toggle('behind', view.reachable && note.warn);
    $('s-riders').textContent = view.riders == null ? '–' : formatCount(view.riders);
    $('s-fixes').textContent = view.fixesPerSecond == null ? '–' : formatRate(view.fixesPerSecond);
    $('s-deliveries').textContent = view.deliveriesPerMinute == null ? '–' : String(view.deliveriesPerMinute);
    $('s-delivery-time').textContent = view.avgDeliverySeconds == null ? '–' : formatDuration(view.avgDeliverySeconds);
    const empty = view.reachable ? 'no complete window yet' : 'analytics not reachable';
    $('riders-spark').classList.toggle('off', !view.series.riders.length);
    spark($('g-riders'), view.series.riders, '#c084fc', empty);
    spark($('g-fixes'), view.series.fixes, '#5ea9ff', empty);
    spark($('g-deliveries'), view.series.deliveries, '#2fd47d', empty);
    spark($('g-delivery-time'), view.series.deliveryTime, '#f5a524', view.reachable ? 'no deliveries yet' : empty);
  }
}
