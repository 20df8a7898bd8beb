// The zoomed-out picture's numbers: riders counted per cell (Web Mercator squares, 2^level across the world), kept as
// the server sends changed cells (a reset frame, or a grid that moved, starts over). Pure: map-layer.js paints it.
import { latOf, lonOf } from './geo.js';

export class DensityGrid {
  constructor() {
    this.cells = new Map();
    this.active = false;
    this.total = 0;
    this.totals = [0, 0, 0];
    this.max = 0;
    this.changed = false; // counts changed since the layer last drew
  }

  clear() {
    this.changed = true;
    this.cells.clear();
    this.active = false;
    this.total = 0;
    this.totals = [0, 0, 0];
    this.max = 0;
  }

  apply(frame) {
    if (
      frame.reset ||
      frame.level !== this.level ||
      frame.x0 !== this.x0 ||
      frame.y0 !== this.y0 ||
      frame.cols !== this.cols
    ) {
      this.cells.clear();
    }
    Object.assign(this, {
      level: frame.level,
      cellPx: frame.cellPx,
      x0: frame.x0,
      y0: frame.y0,
      cols: frame.cols,
      rows: frame.rows,
    });
    this.active = true;
    this.changed = true;
    this.total = frame.total;
    this.totals = frame.totals;
    const [a, b, c] = frame.counts;
    for (let i = 0; i < frame.n; i++) {
      if (a[i] + b[i] + c[i] === 0) this.cells.delete(frame.cell[i]);
      else this.cells.set(frame.cell[i], [a[i], b[i], c[i]]);
    }
    // the busiest cell, at least 1: the top of the scale
    let max = 1;
    for (const v of this.cells.values()) {
      const t = v[0] + v[1] + v[2];
      if (t > max) max = t;
    }
    this.max = max;
  }

  // the counts under a world point (normalised mercator), or null
  at(wx, wy) {
    if (!this.active) return null;
    const scale = Math.pow(2, this.level);
    const col = Math.floor(wx * scale) - this.x0;
    const row = Math.floor(wy * scale) - this.y0;
    if (col < 0 || row < 0 || col >= this.cols || row >= this.rows) return null;
    return this.cells.get(row * this.cols + col) || null;
  }

  // [[south, west], [north, east]] around every non-empty cell, or null
  bounds() {
    if (!this.active || !this.cells.size) return null;
    let c0 = Infinity;
    let c1 = -1;
    let r0 = Infinity;
    let r1 = -1;
    for (const cell of this.cells.keys()) {
      const col = cell % this.cols;
      const row = Math.floor(cell / this.cols);
      if (col < c0) c0 = col;
      if (col > c1) c1 = col;
      if (row < r0) r0 = row;
      if (row > r1) r1 = row;
    }
    const scale = Math.pow(2, this.level);
    return [
      [latOf(this.y0 + r1 + 1, scale), lonOf(this.x0 + c0, scale)],
      [latOf(this.y0 + r0, scale), lonOf(this.x0 + c1 + 1, scale)],
    ];
  }
}
