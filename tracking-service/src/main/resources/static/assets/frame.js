// The live feed's binary frames (docs/tracking.md), decoded. Pure: no DOM, no Leaflet, so it runs in Node's tests
// against the golden frame FrameEncoderTests writes.

const UTF8 = new TextDecoder('utf-8');

// u8 kind, u8 flags, u16 reserved, f64 sentAt, dictionary, update columns, removals;
// kind 2 is a density grid instead (decodeDensity)
export function decodeFrame(buffer) {
  const view = new DataView(buffer);
  let o = 0;
  const kind = view.getUint8(o);
  o += 1;
  if (kind === 2) return decodeDensity(view);
  const flags = view.getUint8(o);
  o += 3;
  const sentAt = view.getFloat64(o, true);
  o += 8;
  const dictCount = view.getUint32(o, true);
  o += 4;
  const dict = new Array(dictCount);
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < dictCount; i++) {
    const index = view.getUint32(o, true);
    o += 4;
    const len = view.getUint8(o);
    o += 1;
    // ids are UTF-8 on the wire: a byte per char would turn "ü" into "Ã¼"
    dict[i] = [index, UTF8.decode(bytes.subarray(o, o + len))];
    o += len;
  }
  const n = view.getUint32(o, true);
  o += 4;
  const index = new Int32Array(n);
  const lat = new Int32Array(n);
  const lon = new Int32Array(n);
  const age = new Uint16Array(n);
  const state = new Uint8Array(n);
  for (let i = 0; i < n; i++, o += 4) index[i] = view.getInt32(o, true);
  for (let i = 0; i < n; i++, o += 4) lat[i] = view.getInt32(o, true);
  for (let i = 0; i < n; i++, o += 4) lon[i] = view.getInt32(o, true);
  for (let i = 0; i < n; i++, o += 2) age[i] = view.getUint16(o, true);
  for (let i = 0; i < n; i++, o += 1) state[i] = view.getUint8(o);
  const removeCount = view.getUint32(o, true);
  o += 4;
  const removed = new Int32Array(removeCount);
  for (let i = 0; i < removeCount; i++, o += 4) removed[i] = view.getInt32(o, true);
  return { kind, reset: (flags & 1) === 1, sentAt, dict, n, index, lat, lon, age, state, removed };
}

// u8 kind = 2, u8 flags, u16, f64 sentAt, u8 level, u8, u16 cellPx, i32 x0, i32 y0, u32 cols, u32 rows,
// u32 total, u32 per state ×3, u32 n, u32 cell[n], u16 idle[n], u16 toRestaurant[n], u16 toCustomer[n]
function decodeDensity(view) {
  let o = 1;
  const flags = view.getUint8(o);
  o += 3;
  const sentAt = view.getFloat64(o, true);
  o += 8;
  const level = view.getUint8(o);
  o += 2;
  const cellPx = view.getUint16(o, true);
  o += 2;
  const x0 = view.getInt32(o, true);
  o += 4;
  const y0 = view.getInt32(o, true);
  o += 4;
  const cols = view.getUint32(o, true);
  o += 4;
  const rows = view.getUint32(o, true);
  o += 4;
  const total = view.getUint32(o, true);
  o += 4;
  const totals = [view.getUint32(o, true), view.getUint32(o + 4, true), view.getUint32(o + 8, true)];
  o += 12;
  const n = view.getUint32(o, true);
  o += 4;
  const cell = new Uint32Array(n);
  for (let i = 0; i < n; i++, o += 4) cell[i] = view.getUint32(o, true);
  const counts = [new Uint16Array(n), new Uint16Array(n), new Uint16Array(n)];
  for (let s = 0; s < 3; s++) for (let i = 0; i < n; i++, o += 2) counts[s][i] = view.getUint16(o, true);
  return {
    kind: 2,
    reset: (flags & 1) === 1,
    sentAt,
    level,
    cellPx,
    x0,
    y0,
    cols,
    rows,
    total,
    totals,
    n,
    cell,
    counts,
  };
}
