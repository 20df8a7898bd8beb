// How the pages write numbers, times and user text. Pure: no DOM.

// counts: 9999, then 10.0k
export const formatCount = (n) => (n >= 10000 ? (n / 1000).toFixed(1) + 'k' : String(Math.round(n)));

// rates that may be small: 4.5, 120, 12.3k
export const formatRate = (n) =>
  n >= 10000 ? (n / 1000).toFixed(1) + 'k' : n >= 100 ? String(Math.round(n)) : n.toFixed(1);

export const formatBytes = (n) =>
  n >= 1e6 ? (n / 1e6).toFixed(2) + ' MB' : n >= 1e3 ? (n / 1e3).toFixed(0) + ' kB' : n + ' B';

export const formatMs = (v) => (v == null ? '–' : v >= 1000 ? (v / 1000).toFixed(1) + ' s' : Math.round(v) + ' ms');

export const formatSpeed = (mps) => `${(mps * 3.6).toFixed(1)} km/h`;

export const formatDistance = (m) => (m >= 1000 ? `${(m / 1000).toFixed(2)} km` : `${Math.round(m)} m`);

export function formatAgo(ms) {
  if (ms < 1000) return 'just now';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s ago`;
  return `${Math.floor(s / 60)} min ${s % 60} s ago`;
}

const pad = (n) => String(n).padStart(2, '0');

export function formatDuration(s) {
  s = Math.round(s);
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${pad(m)} min` : `${m} min ${pad(s % 60)} s`;
}

// local wall-clock time, 14:05:09
export function formatClock(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatDate(ms) {
  const d = new Date(ms);
  return `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${formatClock(ms)}`;
}

export function compass(deg) {
  return ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'][Math.round((((deg % 360) + 360) % 360) / 45) % 8];
}

// an ETA as eta-service computed it, counted down since computedAt
export function etaText(eta, prefix = '', now = Date.now()) {
  if (!eta || eta.seconds == null) return '';
  const left = Math.max(0, eta.seconds - (now - eta.computedAt) / 1000);
  return prefix + (left < 60 ? '< 1 min' : `${Math.round(left / 60)} min`);
}

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

// user and server text inside innerHTML
export const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (c) => ENTITIES[c]);
