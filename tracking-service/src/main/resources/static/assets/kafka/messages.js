// The message browser: records straight from the log, by topic, partition, offset, time or key; and a live tail.
import { api, Poller } from './api.js';
import { $, h, replace, notice, errorNotice, table, badge } from './dom.js';
import { fmtDateTime, fmtInt, jsonTokens, keyOrder, isErrorHeader } from './format.js';

function jsonView(value) {
  if (value === null || value === undefined)
    return h('span', { class: 'muted' }, 'null (a tombstone: deletes the key in a compacted topic)');
  if (typeof value === 'string') {
    return [
      h('pre', { class: 'json' }, h('span', { class: 'j-string' }, value)),
      h('small', { class: 'muted' }, 'not JSON: shown as text'),
    ];
  }
  return h(
    'pre',
    { class: 'json' },
    jsonTokens(value).map((t) => (t.t === 'punct' ? t.s : h('span', { class: `j-${t.t}` }, t.s))),
  );
}

function headerList(entries) {
  return h(
    'dl',
    { class: 'headers' },
    entries.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', { title: v }, v))),
  );
}

/** Headers as name and value; a dead letter's error headers folded away, since the box beside says it in words. */
function headersView(headers) {
  const entries = Object.entries(headers || {});
  if (entries.length === 0) return h('span', { class: 'muted' }, 'none');
  const errors = entries.filter(([k]) => isErrorHeader(k));
  const others = entries.filter(([k]) => !isErrorHeader(k));
  return [
    others.length ? headerList(others) : null,
    errors.length
      ? h('details', { class: 'error-headers' }, h('summary', {}, `${errors.length} error headers`), headerList(errors))
      : null,
  ];
}

function deadLetterView(d) {
  return h(
    'div',
    { class: 'dead-letter', 'data-dead-letter': 'true' },
    h('b', {}, 'Dead letter'),
    h(
      'p',
      {},
      'Group ',
      h('b', {}, d.group || '?'),
      ' could not process this record and moved on. ',
      d.exception ? [h('b', {}, d.exception.replace(/^.*\./, '')), d.message ? `: ${d.message}` : ''] : d.message || '',
    ),
    h(
      'p',
      { class: 'muted' },
      'Originally ',
      h('code', {}, `${d.originalTopic ?? '?'}-${d.originalPartition ?? '?'} @ offset ${d.originalOffset ?? '?'}`),
      d.originalTimestamp ? `, written ${fmtDateTime(d.originalTimestamp)}` : '',
      '.',
    ),
  );
}

function byNewest(a, b) {
  return Date.parse(b.timestamp) - Date.parse(a.timestamp) || b.offset - a.offset;
}

const seqOf = (r) => (r.value && typeof r.value === 'object' && typeof r.value.seq === 'number' ? r.value.seq : null);

function recordRow(r, fresh, withSeq) {
  return h(
    'tr',
    {
      class: `${r.deadLetter ? 'row-dlt' : ''} ${fresh ? 'fresh' : ''}`,
      'data-offset': r.offset,
      'data-partition': r.partition,
    },
    h('td', { class: 'num' }, String(r.partition)),
    h('td', { class: 'num' }, fmtInt(r.offset)),
    h('td', { class: 'nowrap' }, fmtDateTime(r.timestamp)),
    h('td', { class: 'mono' }, r.key === null || r.key === undefined ? h('span', { class: 'muted' }, 'no key') : r.key),
    withSeq ? h('td', { class: 'num strong' }, seqOf(r) === null ? '–' : String(seqOf(r))) : null,
    h('td', {}, headersView(r.headers)),
    h('td', { class: 'value' }, r.deadLetter ? deadLetterView(r.deadLetter) : null, jsonView(r.value)),
  );
}

function summary(result, params) {
  const n = result.records.length;
  const parts = [];
  if (params.key) {
    const o = keyOrder(result.records);
    if (n === 0) return `No record with key ${params.key} in ${result.topic}.`;
    parts.push(`${n} record${n === 1 ? '' : 's'} with key `, h('b', {}, params.key));
    parts.push(o.partitions.length === 1 ? `, all in partition ${o.partitions[0]}: the key chose it. ` : ', ');
    if (o.seqs > 1) {
      parts.push(
        o.rising
          ? badge('ok', `seq ${o.firstSeq} → ${o.lastSeq}, in order`)
          : badge('warn', 'seq not rising: a retry or a replay wrote some fix twice'),
      );
    }
    return parts;
  }
  parts.push(`${n} record${n === 1 ? '' : 's'} from `, h('b', {}, result.topic));
  parts.push(
    result.partition === null || result.partition === undefined
      ? ', all partitions'
      : `, partition ${result.partition}`,
  );
  parts.push(
    params.offset !== undefined || params.time !== undefined ? ', oldest first.' : ', the newest, newest first.',
  );
  return parts;
}

export function createMessagesView() {
  const form = $('msg-form');
  const topicSel = $('m-topic');
  const partSel = $('m-partition');
  const body = $('msg-body');
  const sum = $('msg-summary');
  const tail = $('m-tail');
  let topics = [];
  let params = null;
  let seen = new Set();
  let pending = null;

  const read = () => {
    const p = {};
    const partition = partSel.value;
    const offset = $('m-offset').value;
    const time = $('m-time').value;
    const key = $('m-key').value.trim();
    if (key) p.key = key;
    else if (partition !== '') p.partition = partition;
    if (!key && offset !== '' && partition !== '') p.offset = offset;
    if (!key && offset === '' && time) p.time = new Date(time).toISOString();
    p.limit = $('m-limit').value || 50;
    return { topic: topicSel.value, ...p };
  };

  const show = (result, fresh) => {
    const records = result.records || [];
    // the newest records read best newest first; from an offset or a time, and a key's fixes, in log order
    const newestFirst = tail.checked || (!params.key && params.offset === undefined && params.time === undefined);
    const rows = newestFirst ? [...records].sort(byNewest) : records;
    // one rider's fixes: their seq in a column of its own shows the order at a glance
    const withSeq = !!params.key && records.some((r) => seqOf(r) !== null);
    replace(sum, summary({ ...result, records }, params), result.note ? h('p', { class: 'note' }, result.note) : null);
    if (records.length === 0) {
      replace(
        body,
        notice(
          'empty',
          'No records',
          result.note ||
            (params.key
              ? 'Nothing with that key. Rider ids look like rider-000042; is the load generator running?'
              : 'Nothing here yet. Try another partition, an earlier offset or time, or turn on the live tail.'),
        ),
      );
    } else {
      replace(
        body,
        table(
          [
            'Part.',
            'Offset',
            'Timestamp',
            'Key',
            withSeq ? { label: 'Seq', attrs: { class: 'num' } } : null,
            'Headers',
            'Value',
          ].filter(Boolean),
          rows.map((r) => recordRow(r, fresh.has(`${r.partition}:${r.offset}`), withSeq)),
          { id: 'records', class: 'grid records' },
        ),
      );
    }
    body.dataset.loaded = 'true';
    body.dataset.count = String(records.length);
  };

  const poller = new Poller(
    () => {
      const { topic, ...p } = params;
      if (tail.checked) {
        delete p.offset;
        delete p.time;
      }
      return api.messages(topic, p);
    },
    2000,
    (result) => {
      const fresh = new Set();
      const first = seen.size === 0;
      for (const r of result.records || []) {
        const id = `${r.partition}:${r.offset}`;
        if (!first && !seen.has(id)) fresh.add(id);
        seen.add(id);
      }
      show(result, fresh);
      if (!tail.checked) poller.stop();
    },
    (e) => {
      replace(sum);
      replace(
        body,
        e.status === 400 || e.status === 404 ? notice('error', e.title, e.detail) : errorNotice(e, 'messages'),
      );
      if (!tail.checked) poller.stop();
    },
  );

  const submit = () => {
    if (!topicSel.value) return;
    if ($('m-offset').value !== '' && partSel.value === '' && !$('m-key').value.trim()) {
      replace(sum);
      replace(
        body,
        notice('warn', 'Pick a partition', 'An offset is a place in one partition: choose the partition too.'),
      );
      return;
    }
    params = read();
    seen = new Set();
    body.dataset.loaded = '';
    replace(body, h('p', { class: 'empty' }, 'Reading…'));
    const q = new URLSearchParams(Object.entries(params).filter(([k]) => k !== 'limit'));
    history.replaceState(null, '', `#messages?${q}`);
    poller.restart();
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit();
  });
  tail.addEventListener('change', () => {
    if (tail.checked) submit();
    else poller.stop();
  });
  topicSel.addEventListener('change', () => fillPartitions());

  function fillPartitions() {
    const t = topics.find((x) => x.name === topicSel.value);
    const keep = partSel.value;
    replace(
      partSel,
      h('option', { value: '' }, 'all'),
      t ? Array.from({ length: t.partitionCount }, (_, i) => h('option', { value: String(i) }, String(i))) : [],
    );
    if (t && keep !== '' && Number(keep) < t.partitionCount) partSel.value = keep;
  }

  function apply(args) {
    if (!args) return false;
    const q = new URLSearchParams(args);
    if (!q.get('topic')) return false;
    topicSel.value = q.get('topic');
    fillPartitions();
    partSel.value = q.get('partition') || '';
    $('m-offset').value = q.get('offset') || '';
    $('m-key').value = q.get('key') || '';
    return true;
  }

  async function loadTopics() {
    const r = await api.topics(true);
    topics = (r.topics || []).filter((t) => t.kind !== 'INTERNAL').sort((a, b) => a.name.localeCompare(b.name));
    const current = topicSel.value;
    replace(
      topicSel,
      topics.map((t) => h('option', { value: t.name }, t.kind === 'DEAD_LETTER' ? `${t.name} (dead letters)` : t.name)),
    );
    topicSel.value = current || (topics.find((t) => t.name === 'rider-locations') || topics[0] || {}).name || '';
    fillPartitions();
  }

  return {
    async show(args) {
      try {
        if (topics.length === 0) await loadTopics();
      } catch (e) {
        replace(body, errorNotice(e, 'the topic list'));
        return;
      }
      if (topics.length === 0) {
        replace(body, notice('empty', 'No topics to read', 'The cluster has no topics yet. Is the stack running?'));
        return;
      }
      const argsChanged = args !== pending;
      pending = args;
      if (apply(args) && argsChanged) submit();
      else if (!params) submit();
      else if (tail.checked) poller.start();
    },
    hide() {
      poller.stop();
    },
  };
}
