import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compressRanges,
  describeAssignment,
  describeConfig,
  fmtBytes,
  fmtCompact,
  fmtDuration,
  fmtInt,
  fmtRate,
  fmtAgo,
  jsonTokens,
  keyOrder,
  shortId,
  isErrorHeader,
  memberLabels,
} from '../../../main/resources/static/assets/kafka/format.js';

test('an assignment reads as ranges, whatever order the broker lists it in', () => {
  assert.equal(compressRanges([7, 0, 1, 2, 5, 8, 2]), '0–2, 5, 7–8');
  assert.equal(compressRanges([3]), '3');
  assert.equal(compressRanges([]), '');
  assert.equal(compressRanges([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), '0–11');
});

test('an assignment over two topics names each topic once, and no partition reads as idle', () => {
  const a = [
    { topic: 'rider-locations', partition: 1 },
    { topic: 'order-events', partition: 0 },
    { topic: 'rider-locations', partition: 0 },
    { topic: 'rider-locations', partition: 4 },
  ];
  assert.equal(describeAssignment(a), 'rider-locations 0–1, 4; order-events 0');
  assert.equal(describeAssignment([]), 'no partition (idle)');
});

test('sizes, counts and rates read at a glance, and unknowns as a dash', () => {
  assert.equal(fmtBytes(0), '0 B');
  assert.equal(fmtBytes(1536), '1.50 KiB');
  assert.equal(fmtBytes(9876543), '9.42 MiB');
  assert.equal(fmtBytes(-1), 'unlimited');
  assert.equal(fmtInt(123456), '123,456');
  assert.equal(fmtInt(null), '–');
  assert.equal(fmtCompact(999), '999');
  assert.equal(fmtCompact(1200), '1.2k');
  assert.equal(fmtCompact(45000), '45k');
  assert.equal(fmtCompact(3000000), '3M');
  assert.equal(fmtRate(398.5), '399/s');
  assert.equal(fmtRate(0.25), '0.3/s');
  assert.equal(fmtRate(2500), '2.5k/s');
  assert.equal(fmtRate(undefined), '–');
});

test('durations pick the unit a person would say', () => {
  assert.equal(fmtDuration(12), '12 ms');
  assert.equal(fmtDuration(3400), '3.4 s');
  assert.equal(fmtDuration(95000), '2 min');
  assert.equal(fmtDuration(86400000), '24 h');
  assert.equal(fmtDuration(7 * 86400000), '7 d');
  assert.equal(fmtDuration(-1), 'forever');
  assert.equal(fmtAgo('2026-12-05T18:30:00Z', Date.parse('2026-12-05T18:30:05Z')), '5 s ago');
  assert.equal(fmtAgo('2026-12-05T18:30:00Z', Date.parse('2026-12-05T18:30:00.500Z')), 'just now');
});

test('topic configs show in words where the raw number says little', () => {
  assert.equal(describeConfig('retention.ms', '86400000'), '24 h');
  assert.equal(describeConfig('retention.ms', '-1'), 'forever');
  assert.equal(describeConfig('retention.bytes', '-1'), 'unlimited');
  assert.equal(describeConfig('segment.bytes', '1073741824'), '1.00 GiB');
  assert.equal(describeConfig('cleanup.policy', 'compact,delete'), 'compact,delete');
  assert.equal(describeConfig('min.insync.replicas', '2'), '2');
});

test('pretty JSON tokens join back to the JSON and tell keys from string values', () => {
  const value = { riderId: 'rider-000042', seq: 17, orderId: null, moving: true, lat: -52.5, tags: ['a'] };
  const tokens = jsonTokens(value);
  assert.equal(tokens.map((t) => t.s).join(''), JSON.stringify(value, null, 2));
  assert.deepEqual(
    tokens.filter((t) => t.t === 'key').map((t) => t.s),
    ['"riderId"', '"seq"', '"orderId"', '"moving"', '"lat"', '"tags"'],
  );
  assert.deepEqual(
    tokens.filter((t) => t.t === 'number').map((t) => t.s),
    ['17', '-52.5'],
  );
  assert.deepEqual(
    tokens.filter((t) => t.t === 'literal').map((t) => t.s),
    ['null', 'true'],
  );
  assert.deepEqual(
    tokens.filter((t) => t.t === 'string').map((t) => t.s),
    ['"rider-000042"', '"a"'],
  );
  assert.deepEqual(jsonTokens('not json {{'), [{ t: 'string', s: 'not json {{' }]);
});

test('a string value containing a colon and quotes stays one string token', () => {
  const value = { message: 'failed: "x": y' };
  const tokens = jsonTokens(value);
  assert.equal(tokens.map((t) => t.s).join(''), JSON.stringify(value, null, 2));
  assert.equal(tokens.filter((t) => t.t === 'string').length, 1);
});

test("a key's records are checked for one partition and a rising seq", () => {
  const rec = (partition, seq) => ({ partition, value: { seq } });
  assert.deepEqual(keyOrder([rec(3, 1), rec(3, 2), rec(3, 5)]), {
    partitions: [3],
    count: 3,
    seqs: 3,
    firstSeq: 1,
    lastSeq: 5,
    rising: true,
  });
  assert.equal(keyOrder([rec(3, 2), rec(3, 1)]).rising, false);
  assert.equal(keyOrder([rec(3, 2), rec(3, 2)]).rising, false);
  assert.deepEqual(keyOrder([rec(1, 1), { partition: 4, value: 'raw' }]).partitions, [1, 4]);
});

test('member ids are shortened to their tail, short ids kept whole', () => {
  assert.equal(shortId('db-writer-1-7f1c2a9e-4b8d-4c1e'), '…b8d-4c1e');
  assert.equal(shortId('abcdefghijklmnop', 4), '…mnop');
  assert.equal(shortId('abc'), 'abc');
  assert.equal(shortId(null), '–');
});

test("dead-letter headers are told from the record's own", () => {
  assert.ok(isErrorHeader('kafka_dlt-exception-message'));
  assert.ok(isErrorHeader('kafka_dlt-original-offset'));
  assert.ok(!isErrorHeader('__TypeId__'));
});

test('members of one process get numbered names that stay put; a lone member keeps its plain name', () => {
  const members = [
    { memberId: 'db-writer-0-b9', clientId: 'db-writer-0', process: 'db-writer' },
    { memberId: 'db-writer-0-7d', clientId: 'db-writer-0', process: 'db-writer' },
    { memberId: 'tracking-0-aa', clientId: 'tracking-0', process: 'tracking-service' },
    { memberId: 'lesson-1-cc', clientId: 'lesson-1', process: null },
  ];
  const labels = memberLabels(members);
  assert.equal(labels.get('db-writer-0-7d'), 'db-writer #1');
  assert.equal(labels.get('db-writer-0-b9'), 'db-writer #2');
  assert.equal(labels.get('tracking-0-aa'), 'tracking-service');
  assert.equal(labels.get('lesson-1-cc'), 'lesson-1');
  assert.deepEqual(memberLabels([...members].reverse()), labels);
});
