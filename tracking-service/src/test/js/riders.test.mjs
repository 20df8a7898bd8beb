import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RiderSet, isPhone } from '../../main/resources/static/assets/riders.js';
import { latOf, lonOf, mercX, mercY, toWorld } from '../../main/resources/static/assets/geo.js';

// a rider frame as decodeFrame returns it
function frame({ reset = false, dict = [], updates = [], removed = [] }) {
  const col = (Type, i) => Type.from(updates.map((u) => u[i]));
  return {
    kind: 1,
    reset,
    dict,
    n: updates.length,
    index: col(Int32Array, 0),
    lat: col(Int32Array, 1),
    lon: col(Int32Array, 2),
    age: new Uint16Array(updates.length),
    state: col(Uint8Array, 3),
    removed: Int32Array.from(removed),
  };
}

test('riders arrive, move, and leave by index', () => {
  const riders = new RiderSet();
  riders.apply(
    frame({
      dict: [
        [0, 'rider-a'],
        [5, 'rider-ü'],
      ],
      updates: [
        [0, 52_520_000, 13_405_000, 2],
        [5, 52_530_000, 13_410_000, 0],
      ],
    }),
    1000,
  );
  assert.equal(riders.count, 2);
  assert.equal(riders.byId.get('rider-ü'), 5);
  assert.equal(riders.lat[0], 52.52);
  assert.equal(riders.state[0], 2);
  riders.apply(frame({ updates: [[0, 52_521_000, 13_405_000, 1]], removed: [5] }), 2000);
  assert.equal(riders.count, 1);
  assert.equal(riders.alive[5], 0);
  assert.equal(riders.state[0], 1);
  riders.apply(frame({ removed: [5] }), 2100);
  assert.equal(riders.count, 1, 'removing a rider twice counts once');
});

test('a rider glides from where it was drawn to its new fix over the time since its last one', () => {
  const riders = new RiderSet();
  riders.apply(frame({ dict: [[0, 'r']], updates: [[0, 0, 0, 0]] }), 1000);
  assert.deepEqual(riders.position(0, 1000), toWorld(0, 0), 'a new rider appears where it is');
  riders.apply(frame({ updates: [[0, 0, 1_000_000, 0]] }), 3000);
  const [x0] = toWorld(0, 0);
  const [x1] = toWorld(0, 1);
  assert.ok(Math.abs(riders.position(0, 4000)[0] - (x0 + x1) / 2) < 1e-12, 'half way after half the 2 s');
  assert.deepEqual(riders.position(0, 9000), toWorld(0, 1), 'there, and stays');
});

test('a reset frame drops every rider first', () => {
  const riders = new RiderSet();
  riders.apply(frame({ dict: [[0, 'a']], updates: [[0, 0, 0, 0]] }), 0);
  riders.apply(frame({ reset: true, dict: [[1, 'b']], updates: [[1, 10, 10, 0]] }), 10);
  assert.equal(riders.count, 1);
  assert.equal(riders.alive[0], 0);
});

test('the store grows past its first capacity', () => {
  const riders = new RiderSet();
  riders.apply(frame({ dict: [[10_000, 'far']], updates: [[10_000, 1_000_000, 2_000_000, 1]] }), 0);
  assert.ok(riders.capacity > 10_000);
  assert.equal(riders.count, 1);
  assert.equal(riders.lon[10_000], 2);
});

test('bounds around the live riders, none when there are none', () => {
  const riders = new RiderSet();
  assert.equal(riders.bounds(), null);
  riders.apply(
    frame({
      updates: [
        [0, 52_500_000, 13_300_000, 0],
        [1, 52_600_000, 13_500_000, 0],
        [2, 10_000_000, 10_000_000, 0],
      ],
      removed: [2],
    }),
    0,
  );
  assert.deepEqual(riders.bounds(), [
    [52.5, 13.3],
    [52.6, 13.5],
  ]);
});

test('Web Mercator and back', () => {
  assert.equal(mercX(-180), 0);
  assert.equal(mercX(0), 0.5);
  assert.equal(mercY(0), 0.5);
  const scale = 2 ** 16;
  assert.ok(Math.abs(lonOf(mercX(13.405) * scale, scale) - 13.405) < 1e-9);
  assert.ok(Math.abs(latOf(mercY(52.52) * scale, scale) - 52.52) < 1e-9);
});

test('real phones are told apart from simulated riders by their rider id', () => {
  const riders = new RiderSet();
  riders.apply(
    frame({
      dict: [
        [0, 'rider-000001'],
        [1, 'phone-alice'],
      ],
      updates: [
        [0, 52_520_000, 13_405_000, 0],
        [1, 52_521_000, 13_406_000, 0],
      ],
    }),
    1000,
  );
  assert.deepEqual([...riders.phones], [1]);
  assert.equal(isPhone('phone-alice'), true);
  assert.equal(isPhone('rider-000001'), false);
  // an index handed to a simulated rider is no longer a phone
  riders.apply(frame({ reset: true, dict: [[1, 'rider-000002']], updates: [[1, 52_521_000, 13_406_000, 0]] }), 2000);
  assert.deepEqual([...riders.phones], []);
});

test('the riders say when the picture changed: a rider came, went or changed state, not when one only moved', () => {
  const riders = new RiderSet();
  assert.equal(riders.changed, false);
  riders.apply(frame({ dict: [[0, 'r']], updates: [[0, 0, 0, 0]] }), 1000);
  assert.equal(riders.changed, true, 'a new rider');
  riders.changed = false;
  riders.apply(frame({ updates: [[0, 0, 1_000, 0]] }), 2000);
  assert.equal(riders.changed, false, 'a new fix starts a glide from where the rider is drawn');
  riders.apply(frame({ updates: [[0, 0, 2_000, 1]] }), 3000);
  assert.equal(riders.changed, true, 'a new state is a new colour');
  riders.changed = false;
  riders.apply(frame({ removed: [0] }), 4000);
  assert.equal(riders.changed, true, 'a rider left');
});

test('the wait for a redraw is the time the fastest glide takes to move half a pixel', () => {
  const riders = new RiderSet();
  const scale = 256 * 2 ** 14; // pixels per world unit at zoom 14
  assert.equal(riders.glideWait(scale, 0), Infinity, 'nobody to draw');
  riders.apply(frame({ dict: [[0, 'slow']], updates: [[0, 0, 0, 0]] }), 1000);
  riders.apply(frame({ dict: [[1, 'fast']], updates: [[1, 0, 0, 0]] }), 1000);
  // 'slow' glides 2 px and 'fast' 10 px, both over the 2 s since their first fix
  const lon = (px) => Math.round(lonOf(toWorld(0, 0)[0] + px / scale, 1) * 1e6);
  riders.apply(frame({ updates: [[0, 0, lon(2), 0]] }), 3000);
  riders.apply(frame({ updates: [[1, 0, lon(10), 0]] }), 3000);
  const wait = riders.glideWait(scale, 3500);
  assert.ok(Math.abs(wait - 100) < 1, `10 px in 2,000 ms: half a pixel in 100 ms, not ${wait}`);
  assert.equal(riders.glideWait(scale, 5000), Infinity, 'both glides are over');
});
