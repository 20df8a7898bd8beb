import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Poller } from '../../../main/resources/static/assets/kafka/api.js';

/** A task whose answers the test releases one by one, counting how many are asked at once. */
function slowTask() {
  const pending = [];
  const state = { calls: 0, atOnce: 0, maxAtOnce: 0 };
  state.task = () => {
    state.calls++;
    state.atOnce++;
    state.maxAtOnce = Math.max(state.maxAtOnce, state.atOnce);
    return new Promise((resolve) => pending.push(resolve));
  };
  state.answer = async (value) => {
    // on a busy machine the poller's next request may not be out yet: wait for it (up to 2 s), never guess a delay
    for (let waited = 0; pending.length === 0 && waited < 2000; waited++) {
      await new Promise((r) => setTimeout(r, 1));
    }
    const resolve = pending.shift();
    state.atOnce--;
    resolve(value);
    await new Promise((r) => setTimeout(r, 5));
  };
  return state;
}

test('a slow server never gets a second request for the same thing', async () => {
  const s = slowTask();
  const results = [];
  const p = new Poller(s.task, 1, (r) => results.push(r), assert.fail);
  p.start();
  p.refresh();
  p.refresh();
  p.start();
  assert.equal(s.calls, 1);
  await s.answer('a');
  await s.answer('b');
  p.stop();
  assert.equal(s.maxAtOnce, 1);
  assert.deepEqual(results, ['a', 'b']);
});

test('a restart while a request is out waits for it, drops its answer and asks again', async () => {
  const s = slowTask();
  const results = [];
  const p = new Poller(s.task, 10000, (r) => results.push(r), assert.fail);
  p.start();
  p.restart();
  assert.equal(s.calls, 1, 'no second request while the first is out');
  await s.answer('for the old question');
  assert.equal(s.calls, 2, 'asked again at once');
  await s.answer('for the new question');
  p.stop();
  assert.deepEqual(results, ['for the new question']);
  assert.equal(s.maxAtOnce, 1);
});

test('a stopped poller delivers nothing and asks no more', async () => {
  const s = slowTask();
  const results = [];
  const p = new Poller(s.task, 1, (r) => results.push(r), assert.fail);
  p.start();
  p.stop();
  await s.answer('late');
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(results, []);
  assert.equal(s.calls, 1);
});

test('an error is reported and the poller keeps trying', async () => {
  let calls = 0;
  const errors = [];
  await new Promise((done) => {
    const p = new Poller(
      async () => {
        calls++;
        if (calls === 1) throw new Error('down');
        return 'up';
      },
      1,
      (r) => {
        p.stop();
        assert.equal(r, 'up');
        done();
      },
      (e) => errors.push(e.message),
    );
    p.start();
  });
  assert.deepEqual(errors, ['down']);
});
