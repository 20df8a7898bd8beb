// Formatting for the Kafka page: numbers, sizes, rates, times, partition ranges and JSON.
// Pure: no DOM, so node --test can check every function.

const DASH = '–';

export function fmtInt(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return DASH;
  return Math.round(n).toLocaleString('en-US');
}

export function fmtCompact(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return DASH;
  const abs = Math.abs(n);
  if (abs < 1000) return String(Math.round(n));
  const units = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (abs >= size) {
      const v = n / size;
      return (Math.abs(v) < 10 ? v.toFixed(1).replace(/\.0$/, '') : String(Math.round(v))) + unit;
    }
  }
  return String(n);
}

export function fmtBytes(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return DASH;
  if (n < 0) return 'unlimited';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${units[i]}`;
}

export function fmtRate(perSecond) {
  if (perSecond === null || perSecond === undefined || Number.isNaN(perSecond)) return DASH;
  if (perSecond === 0) return '0/s';
  if (perSecond < 10) return `${perSecond.toFixed(1).replace(/\.0$/, '')}/s`;
  return `${fmtCompact(perSecond)}/s`;
}

/** A duration in words a newcomer reads at a glance: 850 ms, 3.4 s, 12 min, 24 h, 7 d. */
export function fmtDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return DASH;
  if (ms < 0) return 'forever';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1).replace(/\.0$/, '') : Math.round(s)} s`;
  const min = s / 60;
  if (min < 60) return `${Math.round(min)} min`;
  const h = min / 60;
  if (h < 48) return `${h < 10 ? h.toFixed(1).replace(/\.0$/, '') : Math.round(h)} h`;
  return `${Math.round(h / 24)} d`;
}

export function fmtAgo(iso, now = Date.now()) {
  if (!iso) return DASH;
  const ms = now - Date.parse(iso);
  if (Number.isNaN(ms)) return DASH;
  if (ms < 1500) return 'just now';
  return `${fmtDuration(ms)} ago`;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Local wall-clock time, with milliseconds when asked (offsets arrive within the same second). */
export function fmtTime(iso, { millis = false } = {}) {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return DASH;
  const base = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return millis ? `${base}.${pad(d.getMilliseconds(), 3)}` : base;
}

export function fmtDateTime(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return DASH;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${fmtTime(iso, { millis: true })}`;
}

/** [0, 1, 2, 5, 7, 8] → "0–2, 5, 7–8": an assignment read as ranges, not a wall of numbers. */
export function compressRanges(numbers) {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** An assignment grouped by topic: "rider-locations 0–5; order-events 0–2". */
export function describeAssignment(assignment) {
  if (!assignment || assignment.length === 0) return 'no partition (idle)';
  const byTopic = new Map();
  for (const { topic, partition } of assignment) {
    if (!byTopic.has(topic)) byTopic.set(topic, []);
    byTopic.get(topic).push(partition);
  }
  return [...byTopic.entries()].map(([topic, ps]) => `${topic} ${compressRanges(ps)}`).join('; ');
}

/** A config value in words where that helps: retention.ms 86400000 → "1 d". */
export function describeConfig(name, value) {
  if (value === null || value === undefined) return DASH;
  const n = Number(value);
  if (/\.ms$/.test(name) && Number.isFinite(n)) return n < 0 ? 'forever' : fmtDuration(n);
  if (/\.bytes$/.test(name) && Number.isFinite(n)) return fmtBytes(n);
  return String(value);
}

/** Member ids are long UUID-like strings; their tail is enough to tell them apart. */
export function shortId(id, keep = 8) {
  if (!id) return DASH;
  return id.length <= keep + 1 ? id : `…${id.slice(-keep)}`;
}

/**
 * Tokens of pretty-printed JSON for colouring: [{t: 'key'|'string'|'number'|'literal'|'punct', s}].
 * Joined, the token texts are exactly JSON.stringify(value, null, 2).
 */
export function jsonTokens(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  if (text === undefined) return [{ t: 'literal', s: 'null' }];
  if (typeof value === 'string') return [{ t: 'string', s: text }];
  const re = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;
  const out = [];
  let last = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) out.push({ t: 'punct', s: text.slice(last, m.index) });
    if (m[1] !== undefined) {
      out.push({ t: m[2] ? 'key' : 'string', s: m[1] });
      if (m[2]) out.push({ t: 'punct', s: m[2] });
    } else if (m[3] !== undefined) {
      out.push({ t: 'number', s: m[3] });
    } else {
      out.push({ t: 'literal', s: m[4] });
    }
    last = re.lastIndex;
  }
  if (last < text.length) out.push({ t: 'punct', s: text.slice(last) });
  return out;
}

/**
 * What a key's records say about ordering: the seq of each fix, whether it only rises, and the partitions seen.
 * Records without a numeric seq are left out of the order check.
 */
export function keyOrder(records) {
  const partitions = [...new Set(records.map((r) => r.partition))].sort((a, b) => a - b);
  const seqs = records
    .map((r) => (r.value && typeof r.value === 'object' ? r.value.seq : undefined))
    .filter((s) => typeof s === 'number');
  let rising = true;
  for (let i = 1; i < seqs.length; i++) if (seqs[i] <= seqs[i - 1]) rising = false;
  return {
    partitions,
    count: records.length,
    seqs: seqs.length,
    firstSeq: seqs.length ? seqs[0] : null,
    lastSeq: seqs.length ? seqs[seqs.length - 1] : null,
    rising,
  };
}

/** The config keys a learner should see first, in this order. */
export const KEY_CONFIGS = [
  'cleanup.policy',
  'retention.ms',
  'retention.bytes',
  'min.insync.replicas',
  'compression.type',
  'segment.bytes',
];

/** Headers Spring Kafka's dead-letter recoverer adds (kafka_dlt-exception-message, kafka_dlt-original-offset, …). */
export function isErrorHeader(name) {
  return /^kafka_dlt-/.test(name);
}

/**
 * A name for each member: its RiderTrack process, else its client id. One process often runs several consumers
 * (one per listener) with the same client id, so names that repeat get a number, in member-id order to stay put.
 */
export function memberLabels(members) {
  const base = (m) => m.process || m.clientId || shortId(m.memberId);
  const counts = new Map();
  for (const m of members) counts.set(base(m), (counts.get(base(m)) || 0) + 1);
  const seen = new Map();
  const labels = new Map();
  for (const m of [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : 1))) {
    const name = base(m);
    if (counts.get(name) === 1) {
      labels.set(m.memberId, name);
    } else {
      seen.set(name, (seen.get(name) || 0) + 1);
      labels.set(m.memberId, `${name} #${seen.get(name)}`);
    }
  }
  return labels;
}
