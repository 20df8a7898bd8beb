import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ownerColors,
  PALETTE,
  statusOf,
  stateClass,
  eventFamily,
  eventKind,
} from '../../../main/resources/static/assets/kafka/colors.js';

test('each owner gets its own colour, the same whatever order the members are listed in', () => {
  const a = ownerColors(['m-2', 'm-1', 'm-3']);
  const b = ownerColors(['m-3', 'm-1', 'm-2', 'm-1']);
  assert.deepEqual([...a.entries()], [...b.entries()]);
  assert.equal(new Set(a.values()).size, 3);
  assert.equal(a.get('m-1'), PALETTE[0]);
});

test('no owner (a partition between members during a rebalance) gets no colour of a member', () => {
  const colors = ownerColors(['m-1', null, undefined]);
  assert.equal(colors.size, 1);
  assert.equal(colors.has(null), false);
});

test('more owners than colours reuse the palette rather than failing', () => {
  const many = Array.from({ length: PALETTE.length + 2 }, (_, i) => `m-${String(i).padStart(2, '0')}`);
  const colors = ownerColors(many);
  assert.equal(colors.size, many.length);
  assert.equal(colors.get(many[PALETTE.length]), PALETTE[0]);
});

test('Burrow statuses map to a tone, and an unknown code reads as UNKNOWN', () => {
  assert.equal(statusOf('OK').cls, 'ok');
  assert.equal(statusOf('WARN').cls, 'warn');
  assert.equal(statusOf('STALL').cls, 'bad');
  assert.equal(statusOf('STOP').cls, 'bad');
  assert.equal(statusOf('REWIND').cls, 'warn');
  assert.equal(statusOf('SOMETHING_NEW').label, 'UNKNOWN');
  assert.equal(statusOf(undefined).label, 'UNKNOWN');
});

test('a group moving partitions is amber, a settled one green, an empty one grey', () => {
  assert.equal(stateClass('STABLE'), 'ok');
  assert.equal(stateClass('PREPARING_REBALANCE'), 'warn');
  assert.equal(stateClass('RECONCILING'), 'warn');
  assert.equal(stateClass('ASSIGNING'), 'warn');
  assert.equal(stateClass('EMPTY'), 'off');
  assert.equal(stateClass('DEAD'), 'bad');
});

test('timeline kinds fall into the filters and read in words', () => {
  assert.equal(eventFamily('GROUP_REBALANCE'), 'groups');
  assert.equal(eventFamily('ISR_SHRUNK'), 'partitions');
  assert.equal(eventFamily('LEADER_CHANGED'), 'partitions');
  assert.equal(eventFamily('BROKER_DOWN'), 'brokers');
  assert.equal(eventFamily('CONTROLLER_CHANGED'), 'brokers');
  assert.equal(eventFamily('TOPIC_CREATED'), 'topics');
  assert.deepEqual(eventKind('BROKER_DOWN'), { label: 'Broker down', tone: 'bad' });
  assert.deepEqual(eventKind('SOMETHING_NEW'), { label: 'SOMETHING_NEW', tone: 'info' });
});

test('the local stack healing a process reads in words on the timeline', () => {
  assert.deepEqual(eventKind('PROCESS_CRASHED'), { label: 'Process crashed', tone: 'bad' });
  assert.deepEqual(eventKind('PROCESS_RECOVERED'), { label: 'Process recovered', tone: 'ok' });
  assert.deepEqual(eventKind('PROCESS_GAVE_UP'), { label: 'Crash loop: left down', tone: 'bad' });
  assert.deepEqual(eventKind('AUTOSCALER'), { label: 'Autoscaler', tone: 'info' });
  assert.equal(eventFamily('PROCESS_RESTARTED'), 'brokers');
});
