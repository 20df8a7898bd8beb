// The customer's page: their order's steps and ETA, and their rider moving on the map.
import { etaText } from './format.js';
import { decodeFrame } from './frame.js';
import { toWorld } from './geo.js';
import { addBaseMap } from './base-map.js';
import { L, RiderLayer } from './map-layer.js';
import { RiderSet } from './riders.js';

const $ = (id) => document.getElementById(id);
const orderId = decodeURIComponent(location.pathname.split('/').pop());
const token = new URLSearchParams(location.search).get('token') || '';
const q = token ? `?token=${encodeURIComponent(token)}` : '';
$('order-id').textContent = orderId;

const riders = new RiderSet();
let order = null;
let route = []; // the route so far: the trail, then every live position
const map = L.map('map', { zoomControl: false, zoomAnimation: false, attributionControl: false }).setView([0, 0], 3);
L.control.attribution({ position: 'topright' }).addTo(map);
addBaseMap(map, () => {
  const pts = [];
  if (order && order.restaurant) pts.push([order.restaurant.lat, order.restaurant.lon]);
  if (order && order.customer) pts.push([order.customer.lat, order.customer.lon]);
  route.forEach((p) => pts.push([p.lat, p.lon]));
  return pts.length ? L.latLngBounds(pts) : null;
});

function drawPlaces(ctx, t) {
  // the route so far, then the restaurant and home pins
  if (route.length > 1) {
    ctx.beginPath();
    route.forEach((p, i) => {
      const [x, y] = toWorld(p.lat, p.lon);
      const px = x * t.scale + t.dx,
        py = y * t.scale + t.dy;
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    });
    ctx.lineWidth = 5;
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    ctx.strokeStyle = 'rgba(94,169,255,0.85)';
    ctx.stroke();
  }
  pin(ctx, t, order && order.restaurant, '#f5a524', 'R');
  pin(ctx, t, order && order.customer, '#2fd47d', '⌂');
}

function pin(ctx, t, place, color, glyph) {
  if (!place) return;
  const [x, y] = toWorld(place.lat, place.lon);
  const px = x * t.scale + t.dx,
    py = y * t.scale + t.dy;
  ctx.beginPath();
  ctx.arc(px, py - 18, 15, Math.PI * 0.8, Math.PI * 2.2);
  ctx.lineTo(px, py);
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = '#0d1520';
  ctx.stroke();
  ctx.fillStyle = '#0d1520';
  ctx.font = '600 15px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(glyph, px, py - 19);
}

const layer = new RiderLayer(map, riders, { extra: drawPlaces, radius: 9 });
let fitted = false;

async function load() {
  const r = await fetch(`/api/v1/orders/${encodeURIComponent(orderId)}${q}`);
  if (r.status === 404) {
    $('headline').textContent = 'We are waiting for your order to appear.';
    return;
  }
  if (!r.ok) {
    $('headline').textContent = 'This tracking link is not valid.';
    return;
  }
  order = await r.json();
  route = (order.trail || []).map((p) => ({ lat: p.lat, lon: p.lon }));
  layer.redraw();
  render();
  fit();
}

function fit() {
  const pts = [];
  if (order.restaurant) pts.push([order.restaurant.lat, order.restaurant.lon]);
  if (order.customer) pts.push([order.customer.lat, order.customer.lon]);
  if (order.rider) pts.push([order.rider.lat, order.rider.lon]);
  if (pts.length) {
    map.fitBounds(L.latLngBounds(pts).pad(0.25), { maxZoom: 16 });
    fitted = true;
  }
}

const HEADLINES = {
  CREATED: 'Your order is placed. We are finding a rider.',
  ASSIGNED: 'Your rider is on the way to the restaurant.',
  PICKED_UP: 'Your food is on its way!',
  DELIVERED: 'Delivered. Enjoy your meal!',
  CANCELLED: 'This order was cancelled.',
};

function render() {
  if (!order) return;
  $('headline').textContent = HEADLINES[order.status] || order.status;
  const steps = order.steps || {};
  const order4 = ['placed', 'assigned', 'pickedUp', 'delivered'];
  let current = -1;
  order4.forEach((s, i) => {
    if (steps[s]) current = i;
  });
  document.querySelectorAll('#steps li').forEach((li, i) => {
    li.classList.toggle('done', i <= current);
    li.classList.toggle('current', i === current);
    const at = steps[li.dataset.step];
    li.querySelector('time').textContent = at
      ? new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      : '';
  });
  if (order.status === 'DELIVERED') {
    $('eta-label').textContent = 'Delivered';
    $('eta').textContent = '✓';
  } else if (order.eta && order.eta.seconds != null) {
    $('eta-label').textContent = 'Arriving in';
    $('eta').textContent = etaText(order.eta);
  } else {
    $('eta-label').textContent = 'Estimated arrival';
    $('eta').innerHTML = '<span class="eta-wait">calculating…</span>';
  }
  if (order.riderId) {
    $('rider-row').hidden = false;
    $('rider-name').textContent = order.riderId;
    const r = order.rider;
    $('rider-info').textContent = r
      ? `${(r.speedMps * 3.6).toFixed(0)} km/h · ${order.status === 'PICKED_UP' ? 'heading to you' : 'heading to the restaurant'}`
      : '';
  }
}
setInterval(render, 5000);
// a safety net under the push: the order (and its ETA) from REST once a minute
setInterval(() => {
  if (order)
    fetch(`/api/v1/orders/${encodeURIComponent(orderId)}${q}`)
      .then((r) => (r.ok ? r.json() : null))
      .then((o) => {
        if (o) {
          order = Object.assign(order, o, { trail: undefined });
          render();
        }
      })
      .catch(() => {});
}, 60000);

let frames = 0;

function connect() {
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(
    `${proto}://${location.host}/ws/track?order=${encodeURIComponent(orderId)}&token=${encodeURIComponent(token)}`,
  );
  ws.binaryType = 'arraybuffer';
  ws.onmessage = (e) => {
    if (typeof e.data === 'string') {
      const msg = JSON.parse(e.data);
      if (msg.type === 'order' && msg.order) {
        const trail = order ? null : [];
        order = Object.assign(order || {}, msg.order);
        if (trail) route = [];
        layer.redraw();
        render();
        if (!fitted) fit();
      }
      return;
    }
    const frame = decodeFrame(e.data);
    riders.apply(frame, performance.now());
    for (let i = 0; i < frame.n; i++) route.push({ lat: frame.lat[i] / 1e6, lon: frame.lon[i] / 1e6 });
    if (order && frame.n) {
      order.rider = Object.assign(order.rider || {}, { lat: frame.lat[0] / 1e6, lon: frame.lon[0] / 1e6 });
      if (!fitted) fit();
    }
    layer.redraw();
    frames++;
    // page state for whoever reads the page (the browser tests do): riders drawn, frames received
    Object.assign(document.body.dataset, { riders: String(riders.count), frames: String(frames) });
  };
  ws.onclose = (e) => {
    if (e.code === 1008) {
      $('headline').textContent = 'This tracking link is not valid.';
      return;
    }
    setTimeout(connect, 2000);
  };
}

load().then(connect);
