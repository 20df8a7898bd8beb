import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameSchedule } from '../../main/resources/static/assets/frame-schedule.js';

// a browser's timing by hand: frames run when the test says, timers when the clock passes them
function timing() {
  const t = { clock: 0, frames: [], timers: new Map(), nextTimer: 1 };
  Object.assign(t, {
    now: () => t.clock,
    requestFrame: (callback) => t.frames.push(callback),
    setTimer: (callback, ms) => {
      t.timers.set(t.nextTimer, { at: t.clock + ms, callback });
      return t.nextTimer++;
    },
    clearTimer: (id) => t.timers.delete(id),
    // the browser's next animation frame: whatever asked for it runs
    frame: () => t.frames.splice(0).forEach((callback) => callback()),
    // time passes; the timers due meanwhile fire
    advance: (ms) => {
      t.clock += ms;
      for (const [id, timer] of t.timers) {
        if (timer.at <= t.clock) {
          t.timers.delete(id);
          timer.callback();
        }
      }
    },
  });
  return t;
}

test('a page that changed nothing asks for no frame', () => {
  const t = timing();
  const runs = [];
  const schedule = new FrameSchedule((now) => {
    runs.push(now);
    return Infinity;
  }, t);
  schedule.wake();
  schedule.wake();
  schedule.wake();
  assert.equal(t.frames.length, 1, 'woken three times before a frame: one frame asked for');
  t.frame();
  assert.deepEqual(runs, [0]);
  t.advance(10_000);
  t.frame();
  assert.deepEqual(runs, [0], 'nothing to draw: no frame and no timer since');
  assert.equal(t.timers.size, 0);
});

test('a glide sets a timer for its next draw, and a wake before it does not add a second one', () => {
  const t = timing();
  const runs = [];
  const schedule = new FrameSchedule((now) => {
    runs.push(now);
    return now + 40; // the fastest rider moves half a pixel in 40 ms
  }, t);
  schedule.wake();
  t.frame();
  t.advance(16);
  t.frame();
  assert.deepEqual(runs, [0], 'no frame asked for before the timer');
  schedule.wake(); // a frame of fixes arrived
  t.frame();
  assert.deepEqual(runs, [0, 16]);
  assert.equal(t.timers.size, 1, 'the earlier timer is replaced, not added to');
  t.advance(40);
  t.frame();
  assert.deepEqual(runs, [0, 16, 56]);
});

test('a layer that wants every frame, as while a rider is selected, gets every frame until it stops wanting it', () => {
  const t = timing();
  let selected = true;
  let runs = 0;
  const schedule = new FrameSchedule((now) => {
    runs++;
    return selected ? now : Infinity;
  }, t);
  schedule.wake();
  for (let i = 0; i < 5; i++) {
    t.frame();
    t.advance(16);
  }
  assert.equal(runs, 5);
  selected = false;
  t.frame();
  t.frame();
  t.advance(1000);
  t.frame();
  assert.equal(runs, 6, 'unselected: the frame after it is the last');
});
