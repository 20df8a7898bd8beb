import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compass,
  escapeHtml,
  etaText,
  formatAgo,
  formatBytes,
  formatClock,
  formatCount,
  formatDistance,
  formatDuration,
  formatMs,
  formatRate,
  formatSpeed,
} from '../../main/resources/static/assets/format.js';

test('counts stay whole up to 9,999, then read in thousands', () => {
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(412.6), '413');
  assert.equal(formatCount(9999), '9999');
  assert.equal(formatCount(10000), '10.0k');
  assert.equal(formatCount(100000), '100.0k');
});

test('rates keep a decimal while small', () => {
  assert.equal(formatRate(4.54), '4.5');
  assert.equal(formatRate(120.4), '120');
  assert.equal(formatRate(12345), '12.3k');
});

test('bytes per second in B, kB and MB', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(40_400), '40 kB');
  assert.equal(formatBytes(1_234_567), '1.23 MB');
});

test('latencies in ms, seconds above one, a dash when unknown', () => {
  assert.equal(formatMs(null), '–');
  assert.equal(formatMs(undefined), '–');
  assert.equal(formatMs(37.4), '37 ms');
  assert.equal(formatMs(1500), '1.5 s');
});

test('speed in km/h, distance in m then km', () => {
  assert.equal(formatSpeed(5), '18.0 km/h');
  assert.equal(formatDistance(950.4), '950 m');
  assert.equal(formatDistance(4321), '4.32 km');
});

test('how long ago a fix was, in words', () => {
  assert.equal(formatAgo(400), 'just now');
  assert.equal(formatAgo(12_400), '12 s ago');
  assert.equal(formatAgo(125_000), '2 min 5 s ago');
});

test('durations in s, min and h', () => {
  assert.equal(formatDuration(42), '42 s');
  assert.equal(formatDuration(605), '10 min 05 s');
  assert.equal(formatDuration(3 * 3600 + 7 * 60), '3 h 07 min');
});

test('clock time is local and zero-padded', () => {
  assert.equal(formatClock(new Date(2026, 0, 2, 3, 4, 5).getTime()), '03:04:05');
});

test('headings as compass points, any angle', () => {
  assert.equal(compass(0), 'N');
  assert.equal(compass(44), 'NE');
  assert.equal(compass(181), 'S');
  assert.equal(compass(350), 'N');
  assert.equal(compass(-90), 'W');
  assert.equal(compass(720 + 270), 'W');
});

test('an ETA counts down from when eta-service computed it', () => {
  const computedAt = 1_000_000;
  assert.equal(etaText({ seconds: 600, computedAt }, '', computedAt), '10 min');
  assert.equal(etaText({ seconds: 600, computedAt }, ' · ETA ', computedAt + 300_000), ' · ETA 5 min');
  assert.equal(etaText({ seconds: 600, computedAt }, '', computedAt + 570_000), '< 1 min');
  assert.equal(etaText({ seconds: 60, computedAt }, '', computedAt + 3_600_000), '< 1 min');
  assert.equal(etaText(null), '');
  assert.equal(etaText({ seconds: null, computedAt }), '');
});

test('text put into HTML cannot become markup', () => {
  assert.equal(escapeHtml('<img src=x onerror="alert(1)">&'), '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;');
  assert.equal(escapeHtml('rider-ü-東京'), 'rider-ü-東京');
});
