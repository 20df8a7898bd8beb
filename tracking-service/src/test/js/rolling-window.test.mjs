import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RollingWindow } from '../../main/resources/static/assets/rolling-window.js';

test('percentiles of what arrived in the last span only', () => {
  const w = new RollingWindow(5000);
  for (let i = 1; i <= 100; i++) w.add(i, 1000);
  assert.equal(w.percentile(0.5, 1000), 51);
  assert.equal(w.percentile(0.99, 1000), 100);
  assert.equal(w.percentile(0, 1000), 1);
  w.add(7, 5500);
  // 6,001 ms later the first hundred are out of the window
  assert.equal(w.percentile(0.5, 7001), 7);
});

test('no value when nothing arrived in the span', () => {
  const w = new RollingWindow(1000);
  assert.equal(w.percentile(0.5, 0), null);
  w.add(3, 0);
  assert.equal(w.percentile(0.5, 2000), null);
});

test('percentiles sort numbers as numbers', () => {
  const w = new RollingWindow(1000);
  [100, 9, 25].forEach((v) => w.add(v, 0));
  assert.equal(w.percentile(0.5, 0), 25);
  assert.equal(w.percentile(0.99, 0), 100);
});
