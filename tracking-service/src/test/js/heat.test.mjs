import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DENSITY_RAMP, densityColor, zoneColor } from '../../main/resources/static/assets/heat.js';

test('the density scale runs blue to red and clamps outside 0..1', () => {
  assert.deepEqual(densityColor(0), DENSITY_RAMP[0]);
  assert.deepEqual(densityColor(1), DENSITY_RAMP[3]);
  assert.deepEqual(densityColor(-2), DENSITY_RAMP[0]);
  assert.deepEqual(densityColor(7), DENSITY_RAMP[3]);
  assert.deepEqual(densityColor(1 / 3), DENSITY_RAMP[1]);
});

test('the density scale blends between its stops', () => {
  const [r, g, b] = densityColor(1 / 6);
  assert.ok(Math.abs(r - 35) < 1e-9 && Math.abs(g - 140) < 1e-9 && Math.abs(b - 170) < 1e-9, `${r},${g},${b}`);
});

test('the zone scale runs deep blue to pink, as CSS colours', () => {
  assert.equal(zoneColor(0), 'rgb(37,64,140)');
  assert.equal(zoneColor(0.35), 'rgb(59,130,246)');
  assert.equal(zoneColor(0.7), 'rgb(168,85,247)');
  assert.equal(zoneColor(1), 'rgb(236,72,153)');
  assert.equal(zoneColor(3), 'rgb(236,72,153)');
  assert.equal(zoneColor(-1), 'rgb(37,64,140)');
  assert.equal(zoneColor(0.175), 'rgb(48,97,193)');
});
