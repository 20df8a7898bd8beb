// What the live map draws: the density grid, the one canvas for every rider, and the base map (OpenStreetMap tiles,
// or a drawn offline map when tiles cannot load). Shared by the dashboard and the customer page.
import * as L from '/webjars/leaflet/dist/leaflet-src.esm.js';
import { densityColor } from './heat.js';
import { latOf, lonOf, mercX, mercY } from './geo.js';
import { STATES } from './states.js';

export { L };

// The zoomed-out picture: riders counted per cell (Web Mercator squares, 2^level across the world),
// kept as the server sends changed cells, painted one pixel per cell into a small canvas that the
// rider layer stretches over the map (smoothed, so it reads as a heat layer).
export class Density {
  constructor() {
    this.cells = new Map();
    this.active = false;
    this.total = 0;
    this.totals = [0, 0, 0];
    this.max = 0;
    this.canvas = document.createElement('canvas');
  }

  clear() {
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
    this.total = frame.total;
    this.totals = frame.totals;
    const [a, b, c] = frame.counts;
    for (let i = 0; i < frame.n; i++) {
      if (a[i] + b[i] + c[i] === 0) this.cells.delete(frame.cell[i]);
      else this.cells.set(frame.cell[i], [a[i], b[i], c[i]]);
    }
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
    let max = 1;
    for (const v of this.cells.values()) {
      const t = v[0] + v[1] + v[2];
      if (t > max) max = t;
    }
    this.max = max;
    for (const [cell, v] of this.cells) {
      const f = Math.sqrt((v[0] + v[1] + v[2]) / max);
      const [r, g, b] = densityColor(f);
      const o = cell * 4;
      px[o] = r;
      px[o + 1] = g;
      px[o + 2] = b;
      px[o + 3] = 110 + 140 * f;
    }
    ctx.putImageData(image, 0, 0);
  }

  // the counts under a world point (normalised mercator), or null
  at(wx, wy) {
    if (!this.active) return null;
    const scale = Math.pow(2, this.level);
    const col = Math.floor(wx * scale) - this.x0,
      row = Math.floor(wy * scale) - this.y0;
    if (col < 0 || row < 0 || col >= this.cols || row >= this.rows) return null;
    return this.cells.get(row * this.cols + col) || null;
  }

  bounds() {
    if (!this.active || !this.cells.size) return null;
    let c0 = Infinity,
      c1 = -1,
      r0 = Infinity,
      r1 = -1;
    for (const cell of this.cells.keys()) {
      const col = cell % this.cols,
        row = Math.floor(cell / this.cols);
      if (col < c0) c0 = col;
      if (col > c1) c1 = col;
      if (row < r0) r0 = row;
      if (row > r1) r1 = row;
    }
    const scale = Math.pow(2, this.level);
    return L.latLngBounds(
      [latOf(this.y0 + r1 + 1, scale), lonOf(this.x0 + c0, scale)],
      [latOf(this.y0 + r0, scale), lonOf(this.x0 + c1 + 1, scale)],
    );
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

// ONE canvas for every rider, redrawn each animation frame. Few riders: round dots with a
// rim. Many: pixels written straight into ImageData, which software rendering handles at
// 100,000 riders.
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
    this.frames = 0;
    this.fps = 0;
    this.fpsAt = performance.now();
    this.resize();
    map.on('resize', () => this.resize());
    const loop = () => {
      this.draw();
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  resize() {
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

  draw() {
    const now = performance.now();
    this.frames++;
    if (now - this.fpsAt >= 1000) {
      this.fps = (this.frames * 1000) / (now - this.fpsAt);
      this.frames = 0;
      this.fpsAt = now;
    }
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
    this.drawSelection(now, t);
    if (this.extra) this.extra(ctx, t, now);
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

// OpenStreetMap when it loads; otherwise a drawn map: a zone grid in two tones, the city's
// outline and district names, so an offline screen is never a grey void.
export function addBaseMap(map, cityBounds) {
  const osm = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 19,
    attribution: '&copy; OpenStreetMap contributors',
  });
  let loaded = 0,
    failed = 0,
    offline = null;
  osm.on('tileload', () => {
    loaded++;
  });
  osm.on('tileerror', () => {
    failed++;
    if (!offline && loaded === 0 && failed >= 2) {
      map.removeLayer(osm);
      offline = new OfflineMap(map, cityBounds);
      map.getContainer().classList.add('offline');
    }
  });
  osm.addTo(map);
  map.getContainer().classList.add('online');
  // the zoom as page state (data-zoom on the map), for whoever reads the page: the browser tests do
  const showZoom = () => {
    map.getContainer().dataset.zoom = String(map.getZoom());
  };
  map.on('zoomend', showZoom);
  showZoom();
}

const DISTRICTS = [
  ['Northgate', 'Hillside', 'Old Quarter'],
  ['Riverside', 'Centre', 'Market'],
  ['Harbour', 'Southbank', 'University'],
];

class OfflineMap {
  constructor(map, cityBounds) {
    this.map = map;
    this.cityBounds = cityBounds;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'base-canvas';
    map.getContainer().insertBefore(this.canvas, map.getContainer().firstChild);
    this.ctx = this.canvas.getContext('2d');
    const redraw = () => this.draw();
    map.on('move zoom resize', redraw);
    setInterval(redraw, 2000); // the city outline follows the riders as they arrive
    redraw();
  }

  draw() {
    const size = this.map.getSize();
    const c = this.canvas,
      ctx = this.ctx;
    if (c.width !== size.x || c.height !== size.y) {
      c.width = size.x;
      c.height = size.y;
    }
    ctx.fillStyle = '#0d1520';
    ctx.fillRect(0, 0, c.width, c.height);
    // zone grid: cells of a round number of degrees, about 60–150 px wide
    const b = this.map.getBounds();
    const pxPerDeg = size.x / (b.getEast() - b.getWest());
    let step = 10;
    const steps = [10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005];
    for (const s of steps) {
      if (s * pxPerDeg >= 60) step = s;
    }
    const west = Math.floor(b.getWest() / step) * step,
      south = Math.floor(b.getSouth() / step) * step;
    for (let lon = west; lon < b.getEast(); lon += step) {
      for (let lat = south; lat < b.getNorth(); lat += step) {
        const p0 = this.map.latLngToContainerPoint([lat + step, lon]);
        const p1 = this.map.latLngToContainerPoint([lat, lon + step]);
        const odd = (Math.round(lon / step) + Math.round(lat / step)) & 1;
        ctx.fillStyle = odd ? '#111c29' : '#0f1824';
        ctx.fillRect(p0.x, p0.y, p1.x - p0.x, p1.y - p0.y);
        ctx.strokeStyle = 'rgba(120,150,190,0.10)';
        ctx.lineWidth = 1;
        ctx.strokeRect(p0.x + 0.5, p0.y + 0.5, p1.x - p0.x, p1.y - p0.y);
      }
    }
    const city = this.cityBounds();
    if (!city) return;
    const pad = 0.08;
    const dLat = (city.getNorth() - city.getSouth()) * pad || 0.01,
      dLon = (city.getEast() - city.getWest()) * pad || 0.01;
    const nw = this.map.latLngToContainerPoint([city.getNorth() + dLat, city.getWest() - dLon]);
    const se = this.map.latLngToContainerPoint([city.getSouth() - dLat, city.getEast() + dLon]);
    const wpx = se.x - nw.x,
      hpx = se.y - nw.y;
    ctx.save();
    ctx.beginPath();
    ctx.roundRect ? ctx.roundRect(nw.x, nw.y, wpx, hpx, Math.min(wpx, hpx) * 0.12) : ctx.rect(nw.x, nw.y, wpx, hpx);
    ctx.fillStyle = 'rgba(60,90,130,0.10)';
    ctx.fill();
    ctx.setLineDash([8, 6]);
    ctx.lineWidth = 2;
    ctx.strokeStyle = 'rgba(140,175,220,0.45)';
    ctx.stroke();
    ctx.setLineDash([]);
    // a river through the middle, for orientation
    ctx.beginPath();
    ctx.moveTo(nw.x, nw.y + hpx * 0.58);
    ctx.bezierCurveTo(nw.x + wpx * 0.3, nw.y + hpx * 0.42, nw.x + wpx * 0.6, nw.y + hpx * 0.72, se.x, nw.y + hpx * 0.5);
    ctx.lineWidth = Math.max(3, wpx / 90);
    ctx.strokeStyle = 'rgba(70,130,200,0.25)';
    ctx.stroke();
    // District names, thinned by zoom so they never overlap: all nine when each fits its third of the
    // city, the four corners and the centre when they fit two thirds apart, the centre alone, or none.
    const font = Math.max(11, Math.min(18, wpx / 40));
    ctx.font = `600 ${font}px Inter, system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.fillStyle = 'rgba(170,195,225,0.42)';
    let widest = 0;
    for (const row of DISTRICTS)
      for (const name of row) widest = Math.max(widest, ctx.measureText(name.toUpperCase()).width);
    const room = (cells) => (wpx * cells) / 3 >= widest + 24 && (hpx * cells) / 3 >= font * 2.4;
    const shown = room(1)
      ? [0, 1, 2].flatMap((r) => [
          [r, 0],
          [r, 1],
          [r, 2],
        ])
      : room(2)
        ? [
            [0, 0],
            [0, 2],
            [1, 1],
            [2, 0],
            [2, 2],
          ]
        : room(3) && wpx >= widest * 1.6
          ? [[1, 1]]
          : [];
    for (const [row, col] of shown) {
      const x = nw.x + (wpx * (col + 0.5)) / 3,
        y = nw.y + (hpx * (row + 0.5)) / 3;
      ctx.fillText(DISTRICTS[row][col].toUpperCase(), x, y);
    }
    this.labels = shown.length;
    this.map.getContainer().dataset.districtLabels = String(shown.length);
    ctx.restore();
  }
}
