// The dashboard's frame decoder against the golden frame FrameEncoderTests writes (src/test/resources/golden).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeFrame } from '../../main/resources/static/assets/frame.js';

const golden = new URL('../resources/golden/', import.meta.url);
const bytes = readFileSync(new URL('frame.bin', golden));
const expected = JSON.parse(readFileSync(new URL('frame.json', golden), 'utf8'));
const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

test('decodes the golden frame as FrameEncoder wrote it', () => {
  const frame = decodeFrame(buffer);
  const plain = {
    kind: frame.kind,
    reset: frame.reset,
    sentAt: frame.sentAt,
    dict: frame.dict,
    n: frame.n,
    index: Array.from(frame.index),
    lat: Array.from(frame.lat),
    lon: Array.from(frame.lon),
    age: Array.from(frame.age),
    state: Array.from(frame.state),
    removed: Array.from(frame.removed),
  };
  assert.deepEqual({ ...plain, bytes: buffer.byteLength }, expected);
});

test('reads rider ids as UTF-8, not a byte per character', () => {
  const ids = decodeFrame(buffer).dict.map(([, id]) => id);
  assert.ok(ids.includes('rider-ü-東京'), `ids decoded: ${ids.join(', ')}`);
});

// A density frame (kind 2, DensityGrid) built here byte by byte from docs/tracking.md.
function densityFrame() {
  const n = 2;
  const view = new DataView(new ArrayBuffer(52 + n * 10));
  let o = 0;
  view.setUint8(o, 2);
  view.setUint8(o + 1, 1);
  o += 4;
  view.setFloat64(o, 1767225600123, true);
  o += 8;
  view.setUint8(o, 16);
  o += 2;
  view.setUint16(o, 8, true);
  o += 2;
  for (const v of [35210, -21490]) {
    view.setInt32(o, v, true);
    o += 4;
  }
  for (const v of [180, 120, 45, 20, 15, 10, n, 5, 181]) {
    view.setUint32(o, v, true);
    o += 4;
  }
  for (const v of [3, 0, 4, 0, 6, 9]) {
    view.setUint16(o, v, true);
    o += 2;
  }
  return view.buffer;
}

test('decodes a density frame: the grid, the totals by state and the changed cells', () => {
  const frame = decodeFrame(densityFrame());
  assert.equal(frame.kind, 2);
  assert.equal(frame.reset, true);
  assert.equal(frame.sentAt, 1767225600123);
  assert.deepEqual(
    [frame.level, frame.cellPx, frame.x0, frame.y0, frame.cols, frame.rows],
    [16, 8, 35210, -21490, 180, 120],
  );
  assert.equal(frame.total, 45);
  assert.deepEqual(frame.totals, [20, 15, 10]);
  assert.deepEqual(Array.from(frame.cell), [5, 181]);
  assert.deepEqual(
    frame.counts.map((c) => Array.from(c)),
    [
      [3, 0],
      [4, 0],
      [6, 9],
    ],
  );
});
