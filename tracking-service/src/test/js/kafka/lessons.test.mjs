import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actionKind,
  actionRequest,
  actionSettled,
  assignmentModel,
  chosenLesson,
  initialValue,
  isResetAction,
  narrationDiff,
  rangeLabel,
  resetRequest,
  step,
  trackAction,
  QUIET_MS,
  ANSWER_MAX_MS,
  WAIT_MAX_MS,
} from '../../../main/resources/static/assets/kafka/lessons-logic.js';

// the actions as the lessons send them (LessonState.Action's factories)
const consumers = {
  id: 'set',
  label: 'Consumers in lesson-group',
  method: 'PUT',
  field: 'consumers',
  min: 0,
  max: 5,
  value: 3,
  options: [],
  hint: 'Adds or removes consumers one at a time.',
};
const burst = {
  id: 'burst',
  label: 'Send a burst',
  method: 'POST',
  field: 'records',
  min: 1,
  max: 1000,
  value: 200,
  options: [],
};
const keyed = {
  id: 'send-keyed',
  label: 'Send with a key',
  method: 'POST',
  field: 'key',
  options: ['rider-1', 'rider-2'],
};
const start = { id: 'start', label: 'Start writing', method: 'POST', field: null, min: null, max: null, options: [] };
const reset = { id: 'reset', label: 'Reset', method: 'POST', field: null, options: [] };

test('each action gets the control it needs: a number a stepper, a choice a select, the rest a button', () => {
  assert.equal(actionKind(consumers), 'number');
  assert.equal(actionKind(burst), 'number');
  assert.equal(actionKind(keyed), 'choice');
  assert.equal(actionKind(start), 'button');
  assert.equal(isResetAction(reset), true);
  assert.equal(isResetAction(start), false);
  assert.equal(rangeLabel(consumers), 'Consumers in lesson-group: 0–5');
  assert.equal(rangeLabel(start), 'Start writing');
});

test("the lesson's setting is a PUT to the lesson with the number in its field", () => {
  assert.deepEqual(actionRequest('partitions', consumers, '5'), {
    method: 'PUT',
    path: '/api/v1/lessons/partitions',
    body: { consumers: 5 },
  });
  assert.deepEqual(actionRequest('partitions', consumers, 0).body, { consumers: 0 });
});

test('other actions are POSTed to /{lesson}/{action}, with their field when they take one', () => {
  assert.deepEqual(actionRequest('queue-vs-pubsub', burst, 200), {
    method: 'POST',
    path: '/api/v1/lessons/queue-vs-pubsub/burst',
    body: { records: 200 },
  });
  assert.deepEqual(actionRequest('keys', keyed, 'rider-2'), {
    method: 'POST',
    path: '/api/v1/lessons/keys/send-keyed',
    body: { key: 'rider-2' },
  });
  assert.deepEqual(actionRequest('retention', start, null), {
    method: 'POST',
    path: '/api/v1/lessons/retention/start',
    body: {},
  });
  assert.deepEqual(resetRequest('partitions'), { method: 'POST', path: '/api/v1/lessons/partitions/reset', body: {} });
});

test('a value the action cannot take is refused in words before anything is sent', () => {
  assert.throws(() => actionRequest('partitions', consumers, 6), /from 0 to 5/);
  assert.throws(() => actionRequest('partitions', consumers, -1), /from 0 to 5/);
  assert.throws(() => actionRequest('partitions', consumers, '2.5'), /whole number/);
  assert.throws(() => actionRequest('partitions', consumers, ''), /whole number/);
  assert.throws(() => actionRequest('keys', keyed, 'rider-9'), /one of rider-1, rider-2/);
});

test('a stepper starts at the current value and stays within the range', () => {
  assert.equal(initialValue(consumers), 3);
  assert.equal(initialValue({ ...consumers, value: null }), 0);
  assert.equal(initialValue(keyed), 'rider-1');
  assert.equal(step(consumers, 5, 1), 5);
  assert.equal(step(consumers, 0, -1), 0);
  assert.equal(step(consumers, 2, 1), 3);
  assert.equal(step(consumers, Number('x'), 1), 4, 'an unreadable value steps from the current one');
});

test('new narration lines are appended, lines the server dropped off the top are removed', () => {
  assert.deepEqual(narrationDiff([], ['a', 'b']), { drop: 0, add: ['a', 'b'] });
  assert.deepEqual(narrationDiff(['a', 'b'], ['a', 'b']), { drop: 0, add: [] });
  assert.deepEqual(narrationDiff(['a', 'b'], ['a', 'b', 'c', 'd']), { drop: 0, add: ['c', 'd'] });
  // capped at a number of lines: the oldest go as new ones come
  assert.deepEqual(narrationDiff(['a', 'b', 'c'], ['b', 'c', 'd']), { drop: 1, add: ['d'] });
  assert.deepEqual(narrationDiff(['a', 'b', 'c'], ['c', 'd', 'e']), { drop: 2, add: ['d', 'e'] });
});

test('a narration that does not continue the old one (a reset) is drawn anew', () => {
  assert.deepEqual(narrationDiff(['a', 'b'], []), { replace: true, add: [] });
  assert.deepEqual(narrationDiff(['a', 'b'], ['x']), { replace: true, add: ['x'] });
  assert.deepEqual(narrationDiff(undefined, ['x']), { drop: 0, add: ['x'] });
});

test('an action has shown its effect when the narration changes or the lesson stops, not when counters tick', () => {
  const before = { running: false, narration: ['one'], view: [{ type: 'counters', items: [{ value: '1' }] }] };
  assert.equal(actionSettled(before, { ...before, view: [{ type: 'counters', items: [{ value: '2' }] }] }), false);
  assert.equal(
    actionSettled(before, { ...before, running: true }),
    false,
    'running is reported before anything happened',
  );
  assert.equal(actionSettled(before, { ...before, narration: ['one', 'two'] }), true);
  assert.equal(actionSettled({ ...before, running: true }, { ...before, narration: [] }), true);
  assert.equal(actionSettled({ ...before, running: true }, { ...before, running: false }), true);
  assert.equal(actionSettled(null, before), true);
});

test('an action is followed while it waits, while narration keeps coming, and ends once it is quiet', () => {
  const before = { running: false, narration: [] };
  let p = { label: 'Consumers → 5', since: 0, before };
  p = trackAction(p, { running: true, narration: [] }, 100);
  assert.equal(p.phase, 'waiting', 'asked, nothing seen yet');
  p = trackAction(p, { running: true, narration: ['went from 0 to 1'] }, 1000);
  assert.equal(p.phase, 'answering');
  p = trackAction(p, { running: true, narration: ['went from 0 to 1'] }, 1000 + QUIET_MS - 1);
  assert.equal(p.phase, 'answering', 'a rebalance takes a moment: not over yet');
  p = trackAction(p, { running: true, narration: ['went from 0 to 1', 'went from 1 to 2'] }, 1000 + QUIET_MS);
  assert.equal(p.changedAt, 1000 + QUIET_MS, 'each new line restarts the wait');
  assert.equal(
    trackAction(p, { running: true, narration: ['went from 0 to 1', 'went from 1 to 2'] }, 1000 + 2 * QUIET_MS),
    null,
  );
  assert.equal(trackAction(null, before, 0), null);
});

test('a line rewritten with live counts on every read does not keep an action going', () => {
  let p = { label: 'Share consumers → 5', since: 0, before: { running: false, narration: [] } };
  p = trackAction(p, { running: true, narration: ['5 consumers received 3, 1, 2'] }, 1000);
  assert.equal(p.phase, 'answering');
  p = trackAction(p, { running: true, narration: ['5 consumers received 4, 2, 2'] }, 2000);
  assert.equal(trackAction(p, { running: true, narration: ['5 consumers received 5, 3, 2'] }, 1000 + QUIET_MS), null);
});

test('an action whose lesson narrates without pause is followed for ANSWER_MAX_MS at most', () => {
  let p = { label: 'Go', since: 0, before: { running: false, narration: [] } };
  const lines = [];
  for (let t = 0; t <= ANSWER_MAX_MS; t += 1000) {
    lines.push(`line ${t}`);
    p = trackAction(p, { running: true, narration: [...lines] }, t);
    if (p === null) break;
  }
  assert.equal(p, null);
});

test('an action that changes nothing stops waiting after WAIT_MAX_MS', () => {
  const same = { running: true, narration: ['one'] };
  const p = { label: 'Consumers → 3', since: 0, before: same };
  assert.equal(trackAction(p, same, WAIT_MAX_MS - 1).phase, 'waiting');
  assert.equal(trackAction(p, same, WAIT_MAX_MS), null);
});

test('an assignment becomes cells coloured by owner and members that read, are idle, or wait for partitions', () => {
  const model = assignmentModel({
    title: 'Who reads which partition',
    group: 'lesson-group',
    topic: 'lesson-partitions',
    partitions: 4,
    members: [
      { name: 'consumer-1', partitions: [3, 0], received: 12, idle: false },
      { name: 'consumer-2', partitions: [1], received: 7, idle: false },
      { name: 'consumer-3', partitions: [], received: 0, idle: true },
      { name: 'consumer-4', partitions: [], received: 0, idle: false },
    ],
  });
  assert.deepEqual(model.cells, [
    { partition: 0, owner: 'consumer-1', owners: ['consumer-1'] },
    { partition: 1, owner: 'consumer-2', owners: ['consumer-2'] },
    { partition: 2, owner: null, owners: [] },
    { partition: 3, owner: 'consumer-1', owners: ['consumer-1'] },
  ]);
  assert.deepEqual(
    model.members.map((m) => [m.name, m.state, m.text, m.received]),
    [
      ['consumer-1', 'reads', 'partitions 0, 3', 12],
      ['consumer-2', 'reads', 'partition 1', 7],
      ['consumer-3', 'idle', 'idle: no partition to read', 0],
      ['consumer-4', 'waiting', 'waiting for partitions', 0],
    ],
  );
  assert.deepEqual(model.idle, ['consumer-3']);
  assert.equal(model.orphans, 1);
});

test("a share group's partition read by several members keeps them all", () => {
  const model = assignmentModel({
    partitions: 2,
    members: [
      { name: 'share-1', partitions: [0, 1], received: 3, idle: false },
      { name: 'share-2', partitions: [0], received: 2, idle: false },
    ],
  });
  assert.deepEqual(model.cells, [
    { partition: 0, owner: null, owners: ['share-1', 'share-2'] },
    { partition: 1, owner: 'share-1', owners: ['share-1'] },
  ]);
  assert.equal(model.orphans, 0);
});

test('a deep link chooses its lesson; none, or an unknown one, the first of the tour', () => {
  const lessons = [{ id: 'partitions' }, { id: 'queue-vs-pubsub' }];
  assert.equal(chosenLesson('queue-vs-pubsub', lessons), 'queue-vs-pubsub');
  assert.equal(chosenLesson(null, lessons), 'partitions');
  assert.equal(chosenLesson('nope', lessons), 'partitions');
  assert.equal(chosenLesson('keys', null), 'keys', 'before the list arrives the link is trusted');
  assert.equal(chosenLesson(null, []), null);
});
