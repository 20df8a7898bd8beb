// Replay of a recorded track from db-writer's history (through this service's
// /api/v1/history proxy): the whole path dimmed, the part already played bright, a marker
// moving along it at 1×–20×, restaurant and home pins for an order, and the trip's figures.
import * as L from '/webjars/leaflet/dist/leaflet-src.esm.js';
import { escapeHtml as esc, formatClock, formatDate, formatDistance, formatDuration, formatSpeed } from '../format.js';

const $ = (id) => document.getElementById(id);

export class Replay {
  constructor(map, { toast, onOpen, onClose } = {}) {
    this.map = map;
    this.toast = toast || (() => {});
    this.onOpen = onOpen || (() => {});
    this.onClose = onClose || (() => {});
    this.group = L.layerGroup();
    this.speed = 10;
    this.playing = false;
    this.points = [];
    this.times = [];
    this.t = 0;
    $('r-play').onclick = () => this.toggle();
    $('r-close').onclick = () => this.close();
    $('r-slider').oninput = (e) => {
      if (!this.times.length) return;
      this.t = this.t0 + (this.t1 - this.t0) * (e.target.value / 1000);
      this.render(false);
    };
    $('r-speeds')
      .querySelectorAll('button')
      .forEach((b) => {
        b.onclick = () => {
          this.speed = Number(b.dataset.speed);
          $('r-speeds')
            .querySelectorAll('button')
            .forEach((x) => x.classList.toggle('on', x === b));
        };
      });
    document.addEventListener('keydown', (e) => {
      if ($('replay').hidden || e.target.tagName === 'INPUT') return;
      if (e.code === 'Space') {
        e.preventDefault();
        this.toggle();
      }
      if (e.code === 'Escape') this.close();
    });
  }

  async rider(riderId) {
    const to = new Date();
    const from = new Date(to.getTime() - 3600_000);
    const url = `/api/v1/history/riders/${encodeURIComponent(riderId)}?from=${from.toISOString()}&to=${to.toISOString()}&maxPoints=3000`;
    const data = await this.fetch(url, `rider ${riderId}`);
    if (data) this.open({ kind: 'Rider · last hour', title: riderId, data });
  }

  async order(orderId) {
    const data = await this.fetch(
      `/api/v1/history/orders/${encodeURIComponent(orderId)}?maxPoints=3000`,
      `order ${orderId}`,
    );
    if (data)
      this.open({
        kind: `Order · ${data.order && data.order.riderId ? data.order.riderId : 'no rider'}`,
        title: orderId,
        data,
      });
  }

  async fetch(url, what) {
    let r;
    try {
      r = await fetch(url);
    } catch {
      this.toast('History service unavailable');
      return null;
    }
    if (r.status === 502) {
      this.toast('History service unavailable — is db-writer running?');
      return null;
    }
    if (r.status === 404) {
      this.toast(`No recorded track for ${what}`);
      return null;
    }
    if (!r.ok) {
      this.toast(`History for ${what}: HTTP ${r.status}`);
      return null;
    }
    const data = await r.json();
    if (!data.points || data.points.length < 2) {
      this.toast(`No recorded track for ${what} in that time`);
      return null;
    }
    return data;
  }

  open({ kind, title, data }) {
    this.stop();
    this.group.clearLayers();
    this.points = data.points;
    this.times = data.points.map((p) => Date.parse(p.t));
    this.t0 = this.times[0];
    this.t1 = this.times[this.times.length - 1];
    this.t = this.t0;
    const latlngs = data.points.map((p) => [p.lat, p.lon]);
    L.polyline(latlngs, { color: '#5ea9ff', weight: 7, opacity: 0.18, lineJoin: 'round', interactive: false }).addTo(
      this.group,
    );
    L.polyline(latlngs, { color: '#8fbfff', weight: 2, opacity: 0.55, dashArray: '2 6', interactive: false }).addTo(
      this.group,
    );
    this.played = L.polyline([], {
      color: '#5ea9ff',
      weight: 4.5,
      opacity: 0.95,
      lineJoin: 'round',
      interactive: false,
    }).addTo(this.group);
    const order = data.order;
    if (order) {
      if (order.restaurant) pin(order.restaurant, 'R', 'restaurant', 'Restaurant').addTo(this.group);
      if (order.customer) pin(order.customer, '⌂', 'home', 'Customer').addTo(this.group);
    }
    L.circleMarker(latlngs[0], {
      radius: 5,
      color: '#0b121b',
      weight: 2,
      fillColor: '#8ea3bd',
      fillOpacity: 1,
      interactive: false,
    })
      .bindTooltip('start', { direction: 'top' })
      .addTo(this.group);
    this.halo = L.circleMarker(latlngs[0], {
      radius: 14,
      stroke: false,
      fillColor: '#5ea9ff',
      fillOpacity: 0.22,
      interactive: false,
    }).addTo(this.group);
    this.marker = L.circleMarker(latlngs[0], {
      radius: 7.5,
      color: '#ffffff',
      weight: 3,
      fillColor: '#2fd47d',
      fillOpacity: 1,
      interactive: false,
    }).addTo(this.group);
    this.group.addTo(this.map);

    const s = data.stats || {};
    $('r-kind').textContent = kind;
    $('r-title').textContent = title;
    $('r-range').textContent =
      `${formatDate(this.t0)} – ${formatClock(this.t1)}${data.truncated ? ' · truncated' : ''}`;
    $('r-distance').textContent = s.distanceMeters != null ? formatDistance(s.distanceMeters) : '–';
    $('r-moving').textContent =
      s.movingSeconds != null
        ? formatDuration(s.movingSeconds) + (s.durationSeconds ? ` of ${formatDuration(s.durationSeconds)}` : '')
        : '–';
    $('r-stops').textContent = s.stops != null ? String(s.stops) : '–';
    $('r-avg').textContent = s.avgMovingSpeedMps != null ? formatSpeed(s.avgMovingSpeedMps) : '–';
    $('r-end').textContent = formatClock(this.t1);
    this.ticks(order);
    $('replay').hidden = false;
    document.body.classList.add('replaying');
    this.map.invalidateSize();
    const box = this.map.getSize();
    this.map.fitBounds(
      L.latLngBounds(
        latlngs.concat(order ? [order.restaurant, order.customer].filter(Boolean).map((p) => [p.lat, p.lon]) : []),
      ),
      { paddingTopLeft: [40, 40], paddingBottomRight: [40, Math.min(220, box.y * 0.3)] },
    );
    this.render(true);
    this.onOpen();
    this.play();
  }

  // lifecycle moments of an order as marks on the time line
  ticks(order) {
    const el = $('r-ticks');
    el.innerHTML = '';
    if (!order || !order.timestamps) return;
    const labels = { ASSIGNED: 'assigned', PICKED_UP: 'picked up', DELIVERED: 'delivered', CANCELLED: 'cancelled' };
    for (const [status, at] of Object.entries(order.timestamps)) {
      const t = Date.parse(at);
      if (!labels[status] || t < this.t0 || t > this.t1) continue;
      const f = (t - this.t0) / Math.max(1, this.t1 - this.t0);
      el.insertAdjacentHTML(
        'beforeend',
        `<span class="tick t-${status.toLowerCase()}" style="left:${(f * 100).toFixed(2)}%" title="${labels[status]} ${formatClock(t)}"><b>${labels[status]}</b></span>`,
      );
    }
  }

  toggle() {
    if (this.playing) this.stop();
    else this.play();
  }

  play() {
    if (this.t >= this.t1) this.t = this.t0;
    this.playing = true;
    $('r-play').textContent = '❚❚';
    $('r-play').setAttribute('aria-label', 'Pause');
    let last = performance.now();
    const step = (now) => {
      if (!this.playing) return;
      this.t = Math.min(this.t1, this.t + (now - last) * this.speed);
      last = now;
      this.render(true);
      if (this.t >= this.t1) {
        this.stop();
        return;
      }
      this.raf = requestAnimationFrame(step);
    };
    this.raf = requestAnimationFrame(step);
  }

  stop() {
    this.playing = false;
    cancelAnimationFrame(this.raf);
    $('r-play').textContent = '▶';
    $('r-play').setAttribute('aria-label', 'Play');
  }

  // position at time t: the two recorded points around it, interpolated
  at(t) {
    const ts = this.times;
    let lo = 0,
      hi = ts.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (ts[mid] <= t) lo = mid;
      else hi = mid;
    }
    const a = this.points[lo],
      b = this.points[hi];
    const f = ts[hi] > ts[lo] ? Math.min(1, Math.max(0, (t - ts[lo]) / (ts[hi] - ts[lo]))) : 0;
    return { index: lo, lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f, speed: a.speedMps };
  }

  render(moveSlider) {
    if (!this.times.length) return;
    const p = this.at(this.t);
    const here = [p.lat, p.lon];
    this.marker.setLatLng(here);
    this.halo.setLatLng(here);
    const played = this.points.slice(0, p.index + 1).map((q) => [q.lat, q.lon]);
    played.push(here);
    this.played.setLatLngs(played);
    if (moveSlider) $('r-slider').value = Math.round((1000 * (this.t - this.t0)) / Math.max(1, this.t1 - this.t0));
    $('r-clock').textContent = formatClock(this.t);
    $('r-speed').textContent = p.speed != null ? formatSpeed(p.speed) : '–';
    // keep the marker in view while following it
    if (this.playing && !this.map.getBounds().pad(-0.1).contains(here)) this.map.panTo(here, { animate: false });
  }

  close() {
    this.stop();
    this.group.clearLayers();
    this.map.removeLayer(this.group);
    this.points = [];
    this.times = [];
    $('replay').hidden = true;
    document.body.classList.remove('replaying');
    this.onClose();
  }
}

function pin(place, glyph, cls, label) {
  const icon = L.divIcon({
    className: `pin pin-${cls}`,
    html: `<span><i>${glyph}</i></span>`,
    iconSize: [30, 30],
    iconAnchor: [15, 30],
  });
  return L.marker([place.lat, place.lon], { icon, keyboard: false }).bindTooltip(
    `${label}${place.name ? ': ' + esc(place.name) : ''}`,
    { direction: 'top', offset: [0, -28] },
  );
}
