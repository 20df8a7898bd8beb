import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DensityGrid } from '../../main/resources/static/assets/density-grid.js';
import { mercX, mercY } from '../../main/resources/static/assets/geo.js';

// a density frame as decodeFrame returns it; cells: [cell, idle, toRestaurant, toCustomer]
function frame({ reset = false, level = 10, x0 = 550, y0 = 335, cols = 4, rows = 3, cells = [] }) {
  const col = (i) => Uint16Array.from(cells.map((c) => c[i]));
  const totals = [1, 2, 3].map((i) => cells.reduce((sum, c) => sum + c[i], 0));
  return {
    kind: 2,
    reset,
    level,
    cellPx: 8,
    x0,
    y0,
    cols,
    rows,
    total: totals[0] + totals[1] + totals[2],
    totals,
    n: cells.length,
    cell: Uint32Array.from(cells.map((c) => c[0])),
    counts: [col(1), col(2), col(3)],
  };
}

test('cells change as frames arrive, and an all-zero cell empties', () => {
  const grid = new DensityGrid();
  grid.apply(
    frame({
      reset: true,
      cells: [
        [0, 1, 0, 0],
        [5, 3, 2, 4],
      ],
    }),
  );
  assert.equal(grid.active, true);
  assert.equal(grid.cells.size, 2);
  assert.equal(grid.max, 9);
  grid.apply(
    frame({
      cells: [
        [5, 0, 0, 0],
        [6, 2, 0, 0],
      ],
    }),
  );
  assert.deepEqual([...grid.cells.keys()].sort(), [0, 6]);
  assert.equal(grid.max, 2);
});

test('a grid that moved starts over, even without a reset', () => {
  const grid = new DensityGrid();
  grid.apply(frame({ reset: true, cells: [[0, 1, 0, 0]] }));
  grid.apply(frame({ x0: 551, cells: [[1, 0, 1, 0]] }));
  assert.deepEqual([...grid.cells.keys()], [1]);
});

test('the counts under a point, none outside the grid', () => {
  const grid = new DensityGrid();
  assert.equal(grid.at(0.5, 0.5), null);
  grid.apply(frame({ reset: true, cells: [[5, 3, 2, 4]] }));
  // cell 5 of a 4-wide grid: column 1, row 1 → world cell (551, 336) of 1024
  assert.deepEqual(grid.at(551.5 / 1024, 336.5 / 1024), [3, 2, 4]);
  assert.equal(grid.at(552.5 / 1024, 336.5 / 1024), null);
  assert.equal(grid.at(0.1, 0.1), null);
});

test('bounds around the non-empty cells', () => {
  const grid = new DensityGrid();
  grid.apply(
    frame({
      reset: true,
      cells: [
        [5, 1, 0, 0],
        [10, 0, 0, 1],
      ],
    }),
  );
  const [[s, w], [n, e]] = grid.bounds();
  // columns 1..2, rows 1..2: world cells 551..552 × 336..337
  assert.ok(Math.abs(mercX(w) * 1024 - 551) < 1e-9 && Math.abs(mercX(e) * 1024 - 553) < 1e-9);
  assert.ok(Math.abs(mercY(n) * 1024 - 336) < 1e-9 && Math.abs(mercY(s) * 1024 - 338) < 1e-9);
  grid.clear();
  assert.equal(grid.bounds(), null);
});
