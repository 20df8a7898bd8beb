// Active orders with their rider, ETA, replay and customer links; refreshed every 5 s.
import { escapeHtml as esc, etaText, formatCount } from '../format.js';

const $ = (id) => document.getElementById(id);

// select(riderId, pan) opens a rider's details; replay.order(orderId) plays an order's track
export function startOrders(select, replay) {
  refresh(select, replay);
  setInterval(() => refresh(select, replay), 5000);
}

async function refresh(select, replay) {
  const r = await fetch('/api/v1/orders?limit=6');
  if (!r.ok) return;
  const data = await r.json();
  $('o-count').textContent = formatCount(data.active);
  $('orders').innerHTML = data.orders.length
    ? data.orders
        .map(
          (o) => `
    <li><span class="oid">${esc(o.orderId)}</span>
      <span class="status s-${o.status.toLowerCase()}">${o.status.replace('_', ' ').toLowerCase()}${o.eta ? `<span class="eta-chip" title="ETA from eta-service">${etaText(o.eta)}</span>` : ''}</span>
      ${o.riderId ? `<button class="link" data-rider="${esc(o.riderId)}">${esc(o.riderId)}</button>` : '<span class="muted">no rider yet</span>'}
      <span class="row-actions"><button class="link replay-link" data-order="${esc(o.orderId)}" title="Replay this order's track">▶ replay</button>
      <a href="${o.trackUrl}" target="_blank" title="Open the customer's tracking page">customer ↗</a></span></li>`,
        )
        .join('')
    : '<li class="empty">No active orders yet</li>';
  $('orders')
    .querySelectorAll('button[data-rider]')
    .forEach((b) => {
      b.onclick = () => select(b.dataset.rider, true);
    });
  $('orders')
    .querySelectorAll('button[data-order]')
    .forEach((b) => {
      b.onclick = () => replay.order(b.dataset.order);
    });
}
