import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceMax, lagChart, barFraction } from '../../../main/resources/static/assets/kafka/chart.js';

const NOW = Date.parse('2026-12-05T18:30:00Z');
const at = (minutesAgo, lag) => ({ time: new Date(NOW - minutesAgo * 60000).toISOString(), lag });
const box = { width: 640, height: 180, minutes: 30, now: NOW };

test('the axis maximum is a round number at or above the peak', () => {
  assert.equal(niceMax(0), 1);
  assert.equal(niceMax(1), 1);
  assert.equal(niceMax(7), 10);
  assert.equal(niceMax(120), 200);
  assert.equal(niceMax(2455), 5000);
  assert.equal(niceMax(5000), 5000);
  assert.equal(niceMax(5001), 10000);
});

test('the line starts at the left edge 30 minutes ago and ends at the right edge now', () => {
  const c = lagChart([at(30, 0), at(15, 50), at(0, 100)], box);
  assert.equal(c.max, 100);
  assert.equal(c.peak, 100);
  assert.equal(c.empty, false);
  assert.equal(c.line, 'M48,158L338,84L628,10');
  assert.equal(c.last.x, 628);
  assert.equal(c.last.y, 10);
  assert.equal(c.box.bottom, 158);
  assert.match(c.area, /Z$/);
});

test('points older than the window are left out, and the points are drawn in time order', () => {
  const c = lagChart([at(0, 10), at(45, 9999), at(10, 20)], box);
  assert.equal(c.peak, 20);
  const xs = [...c.line.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
  assert.deepEqual(
    xs,
    [...xs].sort((a, b) => a - b),
  );
  assert.equal(xs.length, 2);
});

test('no history makes an empty chart rather than a broken path', () => {
  const c = lagChart([], box);
  assert.equal(c.empty, true);
  assert.equal(c.line, '');
  assert.equal(c.area, '');
  assert.equal(c.last, null);
  assert.equal(lagChart(undefined, box).empty, true);
});

test('a lag of zero all along sits on the baseline with a scale of whole records', () => {
  const c = lagChart([at(5, 0), at(0, 0)], box);
  assert.equal(c.max, 10);
  assert.deepEqual(
    c.yTicks.map((t) => t.value),
    [0, 5, 10],
  );
  assert.equal(c.last.y, c.box.bottom);
});

test('the axes say how long ago and how much', () => {
  const c = lagChart([at(1, 2455)], box);
  assert.deepEqual(
    c.xTicks.map((t) => t.label),
    ['−30 min', '−20 min', '−10 min', 'now'],
  );
  assert.deepEqual(
    c.yTicks.map((t) => t.value),
    [0, 2500, 5000],
  );
});

test('lag bars share one scale and a little lag still shows', () => {
  assert.equal(barFraction(0, 100), 0);
  assert.equal(barFraction(100, 100), 1);
  assert.equal(barFraction(50, 100), 0.5);
  assert.equal(barFraction(1, 10000), 0.06);
  assert.equal(barFraction(5, 0), 0);
  assert.equal(barFraction(null, 10), 0);
});
