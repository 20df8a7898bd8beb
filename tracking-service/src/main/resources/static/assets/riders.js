// Riders by server index, in typed arrays. Each keeps where it was drawn and where it is heading; the layer moves it
// between the two over the time fixes usually take to arrive, so motion is smooth. Pure: no DOM, no Leaflet.
import { mercX, mercY } from './geo.js';

// Real phones (Traccar Client, OsmAnd, OwnTracks through location-producer's /osmand and /owntracks) get rider ids
// that start with this; simulated riders are rider-NNNNNN. The map draws phones apart so a person finds themself.
export const PHONE_PREFIX = 'phone-';
export const isPhone = (id) => typeof id === 'string' && id.startsWith(PHONE_PREFIX);

export class RiderSet {
  constructor() {
    this.capacity = 0;
    this.ids = [];
    this.byId = new Map();
    this.phones = new Set(); // indices of real phones: few, drawn on top
    this.grow(4096);
    this.count = 0;
    this.max = 0;
    this.changed = false; // a rider came, went or changed state since the layer last drew: it draws at once
  }

  grow(min) {
    let cap = Math.max(this.capacity * 2, 4096);
    while (cap < min) cap *= 2;
    const copy = (Type, old) => {
      const a = new Type(cap);
      if (old) a.set(old);
      return a;
    };
    this.fromX = copy(Float64Array, this.fromX);
    this.fromY = copy(Float64Array, this.fromY);
    this.toX = copy(Float64Array, this.toX);
    this.toY = copy(Float64Array, this.toY);
    this.t0 = copy(Float64Array, this.t0);
    this.dur = copy(Float32Array, this.dur);
    this.lat = copy(Float64Array, this.lat);
    this.lon = copy(Float64Array, this.lon);
    this.state = copy(Uint8Array, this.state);
    this.alive = copy(Uint8Array, this.alive);
    this.capacity = cap;
  }

  clear() {
    this.alive.fill(0);
    this.count = 0;
  }

  apply(frame, now) {
    if (frame.reset) {
      this.clear();
      this.changed = true;
    }
    for (const [index, id] of frame.dict) {
      if (index >= this.capacity) this.grow(index + 1);
      this.ids[index] = id;
      this.byId.set(id, index);
      if (isPhone(id)) this.phones.add(index);
      else this.phones.delete(index);
    }
    for (let i = 0; i < frame.n; i++) {
      const k = frame.index[i];
      if (k >= this.capacity) this.grow(k + 1);
      const x = mercX(frame.lon[i] / 1e6);
      const y = mercY(frame.lat[i] / 1e6);
      if (this.alive[k]) {
        const p = this.position(k, now);
        this.fromX[k] = p[0];
        this.fromY[k] = p[1];
        // glide over about the time since the previous fix (clamped), so riders never stop dead
        this.dur[k] = Math.min(6000, Math.max(250, now - this.t0[k]));
      } else {
        this.fromX[k] = x;
        this.fromY[k] = y;
        this.dur[k] = 1;
        this.alive[k] = 1;
        this.count++;
        this.changed = true;
      }
      if (this.state[k] !== frame.state[i]) this.changed = true;
      this.toX[k] = x;
      this.toY[k] = y;
      this.t0[k] = now;
      this.lat[k] = frame.lat[i] / 1e6;
      this.lon[k] = frame.lon[i] / 1e6;
      this.state[k] = frame.state[i];
      if (k >= this.max) this.max = k + 1;
    }
    for (const k of frame.removed) {
      if (this.alive[k]) {
        this.alive[k] = 0;
        this.count--;
        this.changed = true;
      }
    }
  }

  // How long until the fastest gliding rider has moved half a pixel at this scale (pixels per world unit), in ms:
  // until then a redraw would put every rider on the pixel it is on already. Infinity when nobody glides.
  glideWait(scale, now) {
    let fastest = 0; // squared pixels per ms², of the fastest glide still under way
    for (let k = 0; k < this.max; k++) {
      if (!this.alive[k] || now - this.t0[k] >= this.dur[k]) continue;
      const dx = (this.toX[k] - this.fromX[k]) * scale;
      const dy = (this.toY[k] - this.fromY[k]) * scale;
      const v = (dx * dx + dy * dy) / (this.dur[k] * this.dur[k]);
      if (v > fastest) fastest = v;
    }
    return fastest > 0 ? 0.5 / Math.sqrt(fastest) : Infinity;
  }

  position(k, now) {
    const f = Math.min(1, (now - this.t0[k]) / this.dur[k]);
    return [this.fromX[k] + (this.toX[k] - this.fromX[k]) * f, this.fromY[k] + (this.toY[k] - this.fromY[k]) * f];
  }

  // [[south, west], [north, east]] around every live rider, or null
  bounds() {
    let s = 90;
    let w = 180;
    let n = -90;
    let e = -180;
    let any = false;
    for (let k = 0; k < this.max; k++) {
      if (!this.alive[k]) continue;
      any = true;
      const la = this.lat[k];
      const lo = this.lon[k];
      if (la < s) s = la;
      if (la > n) n = la;
      if (lo < w) w = lo;
      if (lo > e) e = lo;
    }
    return any
      ? [
          [s, w],
          [n, e],
        ]
      : null;
  }
}
