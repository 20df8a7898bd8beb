import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BEHIND_AFTER_SECONDS, cityNote, cityView } from '../../main/resources/static/assets/panels/city.js';

const window10 = (start, fixesPerSecond, activeRiders, complete) => ({
  windowStart: new Date(start).toISOString(),
  windowEnd: new Date(start + 10_000).toISOString(),
  fixesPerSecond,
  activeRiders,
  complete,
});
const minute = (start, deliveries, avgDeliverySeconds, complete) => ({
  windowStart: new Date(start).toISOString(),
  windowEnd: new Date(start + 60_000).toISOString(),
  deliveries,
  avgDeliverySeconds,
  complete,
});
const T = Date.parse('2026-12-05T12:00:00Z');
const clock = (ms) => new Date(ms).toISOString().slice(11, 19);

// what analytics answered at 1,000 fixes/s, 2 s into a window (issue 15, item 9)
const city = {
  fixes: [
    window10(T, 1003.1, 5000, true),
    window10(T + 10_000, 998.4, 4998, true),
    window10(T + 20_000, 640.2, 4610, false),
    window10(T + 30_000, 22.4, 495, false),
  ],
  deliveries: [minute(T - 60_000, 40, 1510.5, true), minute(T, 12, 1400, false)],
  streamTime: new Date(T + 30_000).toISOString(),
  behindSeconds: 0,
};

test('headline figures come from the last complete window, not the one still filling', () => {
  const view = cityView(city);
  assert.equal(view.fixesPerSecond, 998.4);
  assert.equal(view.riders, 4998);
  assert.equal(view.windowEnd, T + 20_000);
  assert.equal(view.deliveriesPerMinute, 40);
  assert.equal(view.avgDeliverySeconds, 1510.5);
});

test('the sparklines draw complete windows only', () => {
  const view = cityView(city);
  assert.deepEqual(view.series.fixes, [1003.1, 998.4]);
  assert.deepEqual(view.series.riders, [5000, 4998]);
  assert.deepEqual(view.series.deliveries, [40]);
});

test('the note names the window the figures are of', () => {
  assert.deepEqual(cityNote(cityView(city), clock), { text: 'window 12:00:10–12:00:20', warn: false });
});

test('when analytics is behind the note says by how much, as a warning', () => {
  const view = cityView({ ...city, behindSeconds: 130 });
  assert.equal(view.fixesPerSecond, 998.4);
  assert.deepEqual(cityNote(view, clock), {
    text: 'analytics 2 min 10 s behind · 12:00:10–12:00:20',
    warn: true,
  });
});

test('a few seconds of delay is normal, not "behind"', () => {
  const view = cityView({ ...city, behindSeconds: BEHIND_AFTER_SECONDS - 1 });
  assert.equal(cityNote(view, clock).warn, false);
});

test('before the first window completes the panel says so and shows no figures', () => {
  const view = cityView({ ...city, fixes: [window10(T, 22.4, 495, false)], deliveries: [] });
  assert.equal(view.fixesPerSecond, null);
  assert.equal(view.riders, null);
  assert.equal(view.deliveriesPerMinute, null);
  assert.deepEqual(cityNote(view, clock), { text: 'first 10 s window still filling', warn: false });
});

test('no answer from analytics: no figures, a warning', () => {
  const view = cityView(null);
  assert.equal(view.riders, null);
  assert.deepEqual(view.series.fixes, []);
  assert.deepEqual(cityNote(view, clock), { text: 'analytics not reachable', warn: true });
});

test('average delivery time comes from the last complete minute that had deliveries', () => {
  const view = cityView({
    ...city,
    deliveries: [minute(T - 120_000, 5, 1300, true), minute(T - 60_000, 0, 0, true), minute(T, 2, 900, false)],
  });
  assert.equal(view.deliveriesPerMinute, 0);
  assert.equal(view.avgDeliverySeconds, 1300);
  assert.deepEqual(view.series.deliveryTime, [1300, null]);
});
