import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveFigures } from '../../main/resources/static/assets/panels/figures.js';

const delta = (ages) => ({ kind: 1, reset: false, age: Uint16Array.from(ages) });

test('fix→screen is the push latency plus each fix age when the server sent it', () => {
  const figures = new LiveFigures({ dataset: {} });
  figures.frame(100, 20, delta([30, 50, 80]), 1000);
  assert.deepEqual(
    [0.5, 1].map((p) => figures.e2e.percentile(p, 1000)),
    [70, 100],
  );
  assert.equal(figures.age.percentile(1, 1000), 80);
  assert.equal(figures.push.percentile(1, 1000), 20);
  assert.equal(figures.element.dataset.frames, '1');
  assert.equal(figures.element.dataset.bytes, '100');
});

test('a reset frame counts as a frame, but its riders as last heard from are not latency', () => {
  const figures = new LiveFigures({ dataset: {} });
  // a new view: every rider in it, the oldest heard from almost a fix interval (5 s) ago
  figures.frame(4000, 15, { kind: 1, reset: true, age: Uint16Array.from([4900, 120, 2500]) }, 1000);
  figures.frame(200, 10, { kind: 2, reset: false }, 1100);
  assert.equal(figures.e2e.percentile(0.99, 1100), null);
  assert.equal(figures.age.percentile(0.99, 1100), null);
  assert.equal(figures.push.percentile(1, 1100), 15);
  figures.frame(100, 10, delta([90]), 1200);
  assert.equal(figures.e2e.percentile(0.99, 1200), 100);
  assert.equal(figures.element.dataset.frames, '3');
});
