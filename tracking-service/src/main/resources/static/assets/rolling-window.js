// A rolling window of numbers with percentiles, for the latency counters.
export class RollingWindow {
  constructor(span = 5000) {
    this.span = span;
    this.items = [];
  }

  add(value, now) {
    this.items.push([now, value]);
  }

  trim(now) {
    while (this.items.length && this.items[0][0] < now - this.span) this.items.shift();
  }

  percentile(p, now) {
    this.trim(now);
    if (!this.items.length) return null;
    const v = this.items.map((x) => x[1]).sort((a, b) => a - b);
    return v[Math.min(v.length - 1, Math.floor(p * v.length))];
  }
}
