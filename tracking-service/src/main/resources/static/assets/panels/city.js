// The city panel's figures, from analytics' GET /api/v1/city (through this service).
// Headlines come from the newest complete window: the one still filling holds only the
// fixes of its first seconds (at 1,000 fixes/s a 2 s old window read "22.4 fixes/s").
// When analytics is behind, its newest complete window is old: the panel says by how
// much instead of passing old figures off as current.
import { formatClock, formatDuration } from '../format.js';

// analytics normally trails the clock by a few seconds (fetch, one-second slices, the
// 5 s grace before a window closes); beyond this the panel says it is behind
export const BEHIND_AFTER_SECONDS = 15;

// What the panel shows, from the /api/v1/city answer (null: analytics not reachable).
export function cityView(city) {
  if (!city || !Array.isArray(city.fixes)) {
    return {
      reachable: false,
      counting: false,
      riders: null,
      fixesPerSecond: null,
      windowStart: null,
      windowEnd: null,
      deliveriesPerMinute: null,
      avgDeliverySeconds: null,
      behindSeconds: 0,
      series: { riders: [], fixes: [], deliveries: [], deliveryTime: [] },
    };
  }
  const windows = city.fixes.filter((w) => w.complete);
  const minutes = (city.deliveries || []).filter((m) => m.complete);
  const last = windows.length ? windows[windows.length - 1] : null;
  const minute = minutes.length ? minutes[minutes.length - 1] : null;
  const timed = [...minutes].reverse().find((m) => m.deliveries > 0);
  return {
    reachable: true,
    counting: city.fixes.length > 0,
    riders: last ? last.activeRiders : null,
    fixesPerSecond: last ? last.fixesPerSecond : null,
    windowStart: last ? Date.parse(last.windowStart) : null,
    windowEnd: last ? Date.parse(last.windowEnd) : null,
    deliveriesPerMinute: minute ? minute.deliveries : null,
    avgDeliverySeconds: timed ? timed.avgDeliverySeconds : null,
    behindSeconds: city.behindSeconds || 0,
    series: {
      riders: windows.map((w) => w.activeRiders),
      fixes: windows.map((w) => w.fixesPerSecond),
      deliveries: minutes.map((m) => m.deliveries),
      deliveryTime: minutes.map((m) => (m.deliveries > 0 ? m.avgDeliverySeconds : null)),
    },
  };
}

// The line under the panel's title: which window the figures are, or why there are none.
export function cityNote(view, clock = formatClock) {
  if (!view.reachable) return { text: 'analytics not reachable', warn: true };
  if (!view.counting) return { text: 'no fixes counted yet', warn: false };
  if (view.windowEnd == null) return { text: 'first 10 s window still filling', warn: false };
  const span = `${clock(view.windowStart)}–${clock(view.windowEnd)}`;
  if (view.behindSeconds >= BEHIND_AFTER_SECONDS) {
    return { text: `analytics ${formatDuration(view.behindSeconds)} behind · ${span}`, warn: true };
  }
  return { text: `window ${span}`, warn: false };
}
