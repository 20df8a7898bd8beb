// The selected rider: the details panel (state, speed, heading, last fix, position, order), its trail on the map,
// and the search box that selects a rider or shows an order.
import { compass, escapeHtml as esc, etaText, formatAgo, formatSpeed } from '../format.js';
import { isPhone } from '../riders.js';
import { STATES } from '../states.js';
import { hideToast, toast } from './toast.js';

const $ = (id) => document.getElementById(id);

// how long after a search for a rider not live yet its first fix still moves the map there
const PAN_PENDING_MS = 10000;

export class RiderDetails {
  // onPan: the page moved the map for the operator (a search), so it stops fitting the map to the riders
  constructor({ map, riders, layer, replay, onPan }) {
    Object.assign(this, { map, riders, layer, replay, onPan });
    this.selectedId = null;
    this.timer = null;
    // a search goes to its rider, also when the rider's first fix arrives only a moment later: until then
    this.panUntil = 0;
    $('d-close').onclick = () => this.unselect();
    $('d-replay').onclick = () => this.selectedId && replay.rider(this.selectedId);
    $('d-replay-order').onclick = (e) => e.target.dataset.order && replay.order(e.target.dataset.order);
    $('search').onsubmit = (e) => {
      e.preventDefault();
      this.search($('search-input').value.trim());
    };
    $('toast').onclick = (e) => {
      const id = e.target.dataset && e.target.dataset.replayOrder;
      if (id) {
        hideToast();
        replay.order(id);
      }
    };
  }

  // a new frame may have given the selected rider its index
  track() {
    if (this.selectedId && this.riders.byId.has(this.selectedId)) {
      this.layer.selected = this.riders.byId.get(this.selectedId);
    }
  }

  unselect() {
    this.selectedId = null;
    this.layer.selected = -1;
    this.layer.trail = [];
    this.layer.redraw();
    $('details').hidden = true;
    clearInterval(this.timer);
  }

  async select(riderId, pan) {
    this.selectedId = riderId;
    this.layer.selected = this.riders.byId.has(riderId) ? this.riders.byId.get(riderId) : -1;
    this.layer.redraw();
    $('details').hidden = false;
    $('d-title').textContent = isPhone(riderId) ? `${riderId} · real phone` : riderId;
    clearInterval(this.timer);
    this.panUntil = pan ? Date.now() + PAN_PENDING_MS : 0;
    const ok = await this.refresh();
    if (!ok && pan) toast(`No live rider ${esc(riderId)}`);
    this.timer = setInterval(() => this.refresh(), 2000);
  }

  async refresh() {
    const id = this.selectedId;
    if (!id) return false;
    const [rider, trail] = await Promise.all([
      fetch(`/api/v1/riders/${encodeURIComponent(id)}`).then((r) => (r.ok ? r.json() : null)),
      fetch(`/api/v1/riders/${encodeURIComponent(id)}/trail`).then((r) => (r.ok ? r.json() : { points: [] })),
    ]);
    if (id !== this.selectedId) return false;
    this.layer.trail = trail.points;
    if (!rider) {
      $('d-state').textContent = 'not live';
      return false;
    }
    const state = STATES.find((s) => s.key === rider.state) || STATES[0];
    $('d-state').innerHTML = `<span class="pill" style="--c:${state.color}">${state.name}</span>`;
    $('d-speed').textContent = formatSpeed(rider.speedMps);
    $('d-heading').textContent = `${Math.round(rider.headingDeg)}° ${compass(rider.headingDeg)}`;
    $('d-seen').textContent = formatAgo(Date.now() - rider.recordedAt);
    $('d-pos').textContent = `${rider.lat.toFixed(5)}, ${rider.lon.toFixed(5)}`;
    if (Date.now() < this.panUntil) {
      this.panUntil = 0;
      this.onPan();
      this.map.setView([rider.lat, rider.lon], Math.max(this.map.getZoom(), 15));
    }
    $('d-replay-order').hidden = !rider.orderId;
    $('d-replay-order').dataset.order = rider.orderId || '';
    if (rider.orderId) {
      const link = await fetch(`/api/v1/orders/${encodeURIComponent(rider.orderId)}/link`).then((r) => r.json());
      $('d-order').innerHTML = `${esc(rider.orderId)} · <a href="${link.trackUrl}" target="_blank">customer view ↗</a>`;
    } else {
      $('d-order').textContent = 'none';
    }
    return true;
  }

  async search(q) {
    if (!q) return;
    if (!q.startsWith('order-')) {
      this.select(q, true);
      return;
    }
    const r = await fetch(`/api/v1/orders/${encodeURIComponent(q)}`);
    if (!r.ok) {
      toast(`No order ${esc(q)}`);
      return;
    }
    const order = await r.json();
    if (order.riderId) this.select(order.riderId, true);
    const link = await fetch(`/api/v1/orders/${encodeURIComponent(q)}/link`).then((x) => x.json());
    toast(
      `${esc(q)}: ${order.status.toLowerCase().replace('_', ' ')}${etaText(order.eta, ' · ETA ')} · <a href="${link.trackUrl}" target="_blank">customer view ↗</a>
      · <button class="link replay-link" data-replay-order="${esc(q)}">▶ replay</button>`,
      8000,
    );
  }
}
