// Scaling for the lag-over-time chart: from points to SVG path data and axis ticks. Pure: no DOM.

/** The smallest 1, 2 or 5 × 10^k at or above v: axis maxima people read without effort. */
export function niceMax(v) {
  if (!(v > 0)) return 1;
  const exp = Math.floor(Math.log10(v));
  const base = 10 ** exp;
  for (const m of [1, 2, 5, 10]) {
    if (m * base >= v) return m * base;
  }
  return 10 * base;
}

/**
 * The chart of a group's total lag over the window that ends at `now`.
 * Returns the line and area paths, the axis ticks and the largest lag, all in the box's pixel coordinates.
 */
export function lagChart(points, { width, height, minutes = 30, now = Date.now(), pad = {} } = {}) {
  const p = { left: 48, right: 12, top: 10, bottom: 22, ...pad };
  const w = width - p.left - p.right;
  const h = height - p.top - p.bottom;
  const end = now;
  const start = end - minutes * 60000;
  const series = (points || [])
    .map((pt) => ({ t: Date.parse(pt.time), lag: pt.lag }))
    .filter((pt) => pt.t >= start && pt.t <= end && typeof pt.lag === 'number')
    .sort((a, b) => a.t - b.t);
  const peak = series.reduce((m, pt) => Math.max(m, pt.lag), 0);
  // lag counts whole records: a scale under 10 would label its ticks 0.5, 1, …
  const max = Math.max(10, niceMax(peak));
  const x = (t) => p.left + ((t - start) / (end - start)) * w;
  const y = (lag) => p.top + h - (lag / max) * h;
  const r = (v) => Math.round(v * 10) / 10;
  let line = '';
  series.forEach((pt, i) => {
    line += `${i === 0 ? 'M' : 'L'}${r(x(pt.t))},${r(y(pt.lag))}`;
  });
  const area = series.length
    ? `${line}L${r(x(series[series.length - 1].t))},${r(y(0))}L${r(x(series[0].t))},${r(y(0))}Z`
    : '';
  const yTicks = [0, 0.5, 1].map((f) => ({ y: r(y(max * f)), value: max * f }));
  const xTicks = [];
  for (let m = minutes; m >= 0; m -= minutes >= 20 ? 10 : 5) {
    xTicks.push({ x: r(x(end - m * 60000)), label: m === 0 ? 'now' : `−${m} min` });
  }
  const last = series.length ? series[series.length - 1] : null;
  return {
    line,
    area,
    yTicks,
    xTicks,
    max,
    peak,
    empty: series.length === 0,
    last: last ? { x: r(x(last.t)), y: r(y(last.lag)), lag: last.lag } : null,
    box: { left: p.left, right: p.left + w, top: p.top, bottom: p.top + h },
  };
}

/** Height of a lag bar in a partition cell, 0..1, on a shared scale so cells compare. */
export function barFraction(lag, maxLag) {
  if (!(lag > 0) || !(maxLag > 0)) return 0;
  return Math.max(0.06, Math.min(1, lag / maxLag));
}
