// What the live map draws over the base map: the density grid and the one canvas for every rider. Shared by the
// dashboard and the customer page.
import * as L from '/webjars/leaflet/dist/leaflet-src.esm.js';
import { densityColor } from './heat.js';
import { FrameSchedule } from './frame-schedule.js';
import { DensityGrid } from './density-grid.js';
import { mercX, mercY } from './geo.js';
import { PHONE_PREFIX } from './riders.js';
import { STATES } from './states.js';

export { L };

// The density grid as the map shows it: painted one pixel per cell into a small canvas that the rider layer
// stretches over the map (smoothed, so it reads as a heat layer).
export class Density extends DensityGrid {
  constructor() {
    super();
    this.canvas = document.createElement('canvas');
  }

  apply(frame) {
    super.apply(frame);
    this.paint();
  }

  paint() {
    const { cols, rows } = this;
    if (this.canvas.width !== cols || this.canvas.height !== rows) {
      this.canvas.width = cols;
      this.canvas.height = rows;
    }
    const ctx = this.canvas.getContext('2d');
    const image = ctx.createImageData(cols, rows);
    const px = image.data;
    for (const [cell, v] of this.cells) {
      const f = Math.sqrt((v[0] + v[1] + v[2]) / this.max);
      const [r, g, b] = densityColor(f);
      const o = cell * 4;
      px[o] = r;
      px[o + 1] = g;
      px[o + 2] = b;
      px[o + 3] = 110 + 140 * f;
    }
    ctx.putImageData(image, 0, 0);
  }

  bounds() {
    const b = super.bounds();
    return b && L.latLngBounds(b);
  }

  draw(ctx, t) {
    if (!this.active || !this.cells.size) return;
    const size = t.scale / Math.pow(2, this.level);
    ctx.save();
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.canvas, this.x0 * size + t.dx, this.y0 * size + t.dy, this.cols * size, this.rows * size);
    ctx.restore();
  }
}

const RGBA = STATES.map((s) => {
  const v = parseInt(s.color.slice(1), 16);
  // little-endian ABGR for a Uint32 view of ImageData
  return (0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff);
});

// The longest a gliding rider waits for its next redraw, in ms: a new fix starts a glide from where the rider is drawn,
// so this is the most its glide can start late.
const MAX_DRAW_WAIT_MS = 100;

// ONE canvas for every rider. Few riders: round dots with a rim. Many: pixels written straight into ImageData, which
// software rendering handles at 100,000 riders. It is redrawn when the picture changes, not at every animation frame:
// when the map moves, a rider comes, goes or changes state, new counts arrive, or the fastest gliding rider has moved
// half a pixel (at zoom 14 a rider glides about a pixel a second). Redrawing 15,000 riders 60 times a second, almost
// always onto the same pixels, kept a core half busy. It asks for an animation frame only when a draw is due
// (FrameSchedule): the page calls wake() when new fixes or counts arrive and redraw() when it changed what only it
// knows (the selection, the extra drawing), the map's moves redraw it, and a gliding rider sets a timer for its next
// half pixel.
export class RiderLayer {
  constructor(map, riders, options = {}) {
    this.map = map;
    this.riders = riders;
    this.selected = -1;
    this.trail = [];
    this.extra = options.extra || null;
    this.radius = options.radius || 0;
    this.density = options.density || null;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'rider-canvas';
    map.getContainer().appendChild(this.canvas);
    this.ctx = this.canvas.getContext('2d');
    this.draws = 0;
    this.drawsPerSec = 0;
    this.drawMs = 0; // the slowest draw of the last second
    this.slowest = 0;
    this.countedAt = performance.now();
    this.dirty = true;
    this.nextDrawAt = Infinity;
    this.schedule = new FrameSchedule((now) => this.frame(now));
    this.resize();
    map.on('resize', () => this.resize());
    map.on('move zoom viewreset', () => this.redraw());
    setInterval(() => this.count(performance.now()), 1000);
  }

  // The riders or the density counts changed (they say themselves whether the picture did): look at the next frame
  wake() {
    this.schedule.wake();
  }

  // What only the page knows changed (the selection, the extra drawing): draw at the next frame
  redraw() {
    this.dirty = true;
    this.schedule.wake();
  }

  // draws if a draw is due; when to run again: at every frame while a rider is selected (its ring and trail follow
  // it), else when the fastest glide has moved half a pixel
  frame(now) {
    if (this.due(now)) this.draw(now);
    else if (this.nextDrawAt === Infinity) this.nextDrawAt = this.glideDrawAt(now, this.transform().scale); // new fixes
    return this.selected >= 0 ? now : this.nextDrawAt;
  }

  // draws: how many times a second the riders were redrawn; drawMs: how long the slowest of them took
  count(now) {
    this.drawsPerSec = (this.draws * 1000) / (now - this.countedAt);
    this.drawMs = this.slowest;
    this.draws = 0;
    this.slowest = 0;
    this.countedAt = now;
  }

  due(now) {
    return (
      this.dirty ||
      now >= this.nextDrawAt ||
      this.riders.changed ||
      (this.density !== null && this.density.changed) ||
      this.selected >= 0
    );
  }

  resize() {
    this.redraw();
    const size = this.map.getSize();
    const ratio = 1; // one canvas pixel per CSS pixel keeps 100k riders affordable
    this.canvas.width = size.x * ratio;
    this.canvas.height = size.y * ratio;
    this.canvas.style.width = size.x + 'px';
    this.canvas.style.height = size.y + 'px';
    this.image = this.ctx.createImageData(this.canvas.width, this.canvas.height);
    this.pixels = new Uint32Array(this.image.data.buffer);
  }

  // world (normalised mercator) → container pixels
  transform() {
    const zoom = this.map.getZoom();
    const scale = 256 * Math.pow(2, zoom);
    const origin = this.map.getPixelOrigin();
    const offset = this.map.containerPointToLayerPoint([0, 0]);
    return { scale, dx: -origin.x - offset.x, dy: -origin.y - offset.y };
  }

  containerPoint(k, now) {
    const t = this.transform();
    const p = this.riders.position(k, now);
    return [p[0] * t.scale + t.dx, p[1] * t.scale + t.dy];
  }

  nearest(point, maxPx) {
    const t = this.transform();
    const now = performance.now();
    let best = -1,
      bestD = maxPx * maxPx;
    const r = this.riders;
    for (let k = 0; k < r.max; k++) {
      if (!r.alive[k]) continue;
      const p = r.position(k, now);
      const dx = p[0] * t.scale + t.dx - point.x,
        dy = p[1] * t.scale + t.dy - point.y;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best;
  }

  draw(now) {
    this.draws++;
    this.dirty = false;
    this.riders.changed = false;
    if (this.density) this.density.changed = false;
    const { ctx, canvas } = this;
    const w = canvas.width,
      h = canvas.height;
    const t = this.transform();
    const r = this.riders;
    if (this.density && this.density.active) {
      ctx.clearRect(0, 0, w, h);
      this.density.draw(ctx, t);
    } else if (r.count > 2500) {
      const px = this.pixels;
      px.fill(0);
      const size = r.count > 40000 ? 2 : 3;
      for (let k = 0; k < r.max; k++) {
        if (!r.alive[k]) continue;
        const f = Math.min(1, (now - r.t0[k]) / r.dur[k]);
        const x = ((r.fromX[k] + (r.toX[k] - r.fromX[k]) * f) * t.scale + t.dx) | 0;
        const y = ((r.fromY[k] + (r.toY[k] - r.fromY[k]) * f) * t.scale + t.dy) | 0;
        if (x < 0 || y < 0 || x >= w - size || y >= h - size) continue;
        const c = RGBA[r.state[k]] || RGBA[0];
        let row = y * w + x;
        for (let j = 0; j < size; j++, row += w) {
          for (let i = 0; i < size; i++) px[row + i] = c;
        }
      }
      ctx.putImageData(this.image, 0, 0);
    } else {
      // Few riders: round dots with a rim, stamped from one pre-drawn sprite per state (an arc and a stroke per
      // rider cost ~20 fps at 1,700 riders in software rendering); three passes so active riders lie on top.
      ctx.clearRect(0, 0, w, h);
      const radius = this.radius || (this.map.getZoom() >= 15 ? 6 : 4.5);
      const sprites = this.sprites(radius);
      const half = sprites.half;
      for (let s = 0; s < 3; s++) {
        const sprite = sprites[s];
        for (let k = 0; k < r.max; k++) {
          if (!r.alive[k] || r.state[k] !== s) continue;
          const f = Math.min(1, (now - r.t0[k]) / r.dur[k]);
          const x = (r.fromX[k] + (r.toX[k] - r.fromX[k]) * f) * t.scale + t.dx;
          const y = (r.fromY[k] + (r.toY[k] - r.fromY[k]) * f) * t.scale + t.dy;
          if (x < -10 || y < -10 || x > w + 10 || y > h + 10) continue;
          ctx.drawImage(sprite, Math.round(x - half), Math.round(y - half));
        }
      }
    }
    if (!(this.density && this.density.active)) this.drawPhones(now, t);
    this.drawSelection(now, t);
    if (this.extra) this.extra(ctx, t, now);
    this.nextDrawAt = this.glideDrawAt(now, t.scale);
    this.slowest = Math.max(this.slowest, performance.now() - now);
  }

  // when the fastest gliding rider will have moved half a pixel, at most MAX_DRAW_WAIT_MS away; Infinity: none glides
  glideDrawAt(now, scale) {
    const glide = this.density && this.density.active ? Infinity : this.riders.glideWait(scale, now);
    return glide === Infinity ? Infinity : now + Math.min(MAX_DRAW_WAIT_MS, glide);
  }

  // Real phones on top of every simulated rider, at any rider count: larger, a white ring, and their name.
  drawPhones(now, t) {
    const r = this.riders;
    if (!r.phones.size) return;
    const ctx = this.ctx;
    ctx.save();
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const k of r.phones) {
      if (!r.alive[k]) continue;
      const p = r.position(k, now);
      const x = p[0] * t.scale + t.dx;
      const y = p[1] * t.scale + t.dy;
      if (x < -40 || y < -40 || x > this.canvas.width + 40 || y > this.canvas.height + 40) continue;
      ctx.beginPath();
      ctx.arc(x, y, 7, 0, Math.PI * 2);
      ctx.fillStyle = STATES[r.state[k]].color;
      ctx.fill();
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      const name = r.ids[k].slice(PHONE_PREFIX.length);
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(10,16,26,0.9)';
      ctx.strokeText(name, x + 12, y);
      ctx.fillStyle = '#ffffff';
      ctx.fillText(name, x + 12, y);
    }
    ctx.restore();
  }

  sprites(radius) {
    if (this.spriteSet && this.spriteSet.radius === radius) return this.spriteSet;
    const size = Math.ceil(radius * 2 + 4),
      half = size / 2;
    const set = STATES.map((state) => {
      const c = document.createElement('canvas');
      c.width = c.height = size;
      const g = c.getContext('2d');
      g.beginPath();
      g.arc(half, half, radius, 0, Math.PI * 2);
      g.fillStyle = state.color;
      g.fill();
      g.lineWidth = 1.5;
      g.strokeStyle = 'rgba(10,16,26,0.85)';
      g.stroke();
      return c;
    });
    set.radius = radius;
    set.half = half;
    this.spriteSet = set;
    return set;
  }

  drawSelection(now, t) {
    const k = this.selected;
    if (k < 0) return;
    const ctx = this.ctx;
    const pts = this.trail.map((p) => [mercX(p.lon) * t.scale + t.dx, mercY(p.lat) * t.scale + t.dy]);
    const alive = this.riders.alive[k];
    const here = alive ? this.containerPoint(k, now) : null;
    if (here) pts.push(here);
    if (pts.length > 1) {
      ctx.beginPath();
      ctx.moveTo(pts[0][0], pts[0][1]);
      for (const p of pts.slice(1)) ctx.lineTo(p[0], p[1]);
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = 'rgba(94,169,255,0.9)';
      ctx.lineJoin = 'round';
      ctx.stroke();
    }
    if (here) {
      ctx.beginPath();
      ctx.arc(here[0], here[1], 11, 0, Math.PI * 2);
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(here[0], here[1], 6, 0, Math.PI * 2);
      ctx.fillStyle = STATES[this.riders.state[k]].color;
      ctx.fill();
    }
  }
}
