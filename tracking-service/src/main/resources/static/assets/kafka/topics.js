// The topics section: every topic with its health, and one topic's partitions (leader, replicas, ISR, offsets).
import { api, Poller } from './api.js';
import { $, h, replace, notice, errorNotice, table, badge } from './dom.js';
import { fmtInt, fmtBytes, fmtRate, describeConfig, KEY_CONFIGS } from './format.js';
import { TOPIC_KINDS } from './colors.js';

function health(t) {
  if (t.offline > 0) return badge('bad', `${t.offline} offline`, 'Partitions without a leader: no writes, no reads');
  if (t.underReplicated > 0) {
    return badge('warn', `${t.underReplicated} under-replicated`, 'Partitions with fewer in-sync copies than copies');
  }
  return badge('ok', 'healthy', 'Every partition has a leader and all its replicas in sync');
}

function kindTag(kind) {
  return badge(
    `kind kind-${(kind || 'OTHER').toLowerCase()}`,
    (kind || 'OTHER').toLowerCase().replace('_', ' '),
    TOPIC_KINDS[kind],
  );
}

function renderList(el, topics, selected, navigate) {
  if (topics.length === 0) {
    replace(el, notice('empty', 'No topics yet', 'The platform creates its topics at start-up. Is the stack running?'));
    return;
  }
  const rows = topics.map((t) =>
    h(
      'tr',
      {
        class: `clickable ${t.name === selected ? 'selected' : ''} ${t.offline > 0 ? 'row-bad' : t.underReplicated > 0 ? 'row-warn' : ''}`,
        'data-topic': t.name,
        onclick: () => navigate(`topics/${t.name}`),
      },
      h(
        'td',
        {},
        h('a', { href: `#topics/${encodeURIComponent(t.name)}`, class: 'name' }, t.name),
        ' ',
        kindTag(t.kind),
      ),
      h('td', { class: 'num' }, String(t.partitionCount)),
      h('td', { class: 'num' }, String(t.replicationFactor)),
      h('td', {}, health(t)),
      h('td', { class: 'num' }, fmtInt(t.messages)),
      h('td', { class: 'num' }, fmtBytes(t.sizeBytes)),
      h('td', { class: 'num' }, fmtRate(t.recordsPerSecond)),
    ),
  );
  replace(
    el,
    table(
      [
        'Topic',
        { label: 'Part.', attrs: { class: 'num', title: 'Partitions' } },
        { label: 'RF', attrs: { class: 'num', title: 'Replication factor: copies of each partition' } },
        'Health',
        { label: 'Records', attrs: { class: 'num', title: 'Records in the log now (end − start offsets)' } },
        { label: 'Size', attrs: { class: 'num' } },
        { label: 'In / s', attrs: { class: 'num' } },
      ],
      rows,
      { id: 'topics-table' },
    ),
  );
  el.dataset.loaded = 'true';
}

function replicaChips(p) {
  const isr = new Set(p.isr || []);
  return h(
    'span',
    { class: 'replicas' },
    (p.replicas || []).map((r) => {
      const cls = ['rep'];
      if (r === p.leader) cls.push('leader');
      if (!isr.has(r)) cls.push('out');
      const title =
        r === p.leader ? `broker ${r}: leader` : isr.has(r) ? `broker ${r}: in sync` : `broker ${r}: NOT in sync`;
      return h('span', { class: cls.join(' '), title }, String(r));
    }),
  );
}

function partitionRow(p) {
  const cls = p.offline ? 'row-bad' : p.underReplicated ? 'row-warn' : '';
  return h(
    'tr',
    { class: cls, 'data-partition': p.partition },
    h('td', { class: 'num' }, String(p.partition)),
    h('td', {}, p.leader === null || p.leader === undefined ? badge('bad', 'none') : `broker ${p.leader}`),
    h('td', {}, replicaChips(p)),
    h(
      'td',
      {},
      (p.isr || []).join(', ') || '–',
      p.offline ? badge('bad', 'offline') : p.underReplicated ? badge('warn', 'under-replicated') : null,
    ),
    h('td', { class: 'num' }, fmtInt(p.startOffset)),
    h('td', { class: 'num' }, fmtInt(p.endOffset)),
    h('td', { class: 'num' }, fmtInt(p.endOffset - p.startOffset)),
    h('td', { class: 'num' }, fmtBytes(p.sizeBytes)),
    h('td', { class: 'num' }, fmtRate(p.recordsPerSecond)),
  );
}

function renderDetail(el, t) {
  const configs = t.configs || {};
  const names = [
    ...KEY_CONFIGS.filter((k) => k in configs),
    ...Object.keys(configs).filter((k) => !KEY_CONFIGS.includes(k)),
  ];
  replace(
    el,
    h(
      'div',
      { class: 'detail-head' },
      h('div', {}, h('h2', { class: 'title' }, t.name), h('span', { class: 'muted' }, TOPIC_KINDS[t.kind] || '')),
      h('a', { class: 'btn', href: `#messages?topic=${encodeURIComponent(t.name)}` }, 'Browse messages →'),
    ),
    h(
      'dl',
      { class: 'stats' },
      [
        ['Partitions', String(t.partitionCount)],
        ['Replication', `× ${t.replicationFactor}`],
        ['Records', fmtInt(t.messages)],
        ['Size', fmtBytes(t.sizeBytes)],
        ['In', fmtRate(t.recordsPerSecond)],
      ].map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))),
    ),
    t.offline > 0
      ? notice(
          'error',
          `${t.offline} partition(s) offline`,
          'No broker holding a copy is up: writes to them fail until one comes back.',
        )
      : t.underReplicated > 0
        ? notice(
            'warn',
            `${t.underReplicated} partition(s) under-replicated`,
            'A replica fell behind or its broker is down. Writes still succeed while the ISR has min.insync.replicas members.',
          )
        : null,
    h('h3', {}, 'Partitions'),
    h(
      'p',
      { class: 'explain' },
      'Replicas: the brokers holding a copy; the outlined one leads. An amber copy is not in sync (not in the ISR). ',
      'Start and end offset: the first record still kept (older ones were deleted by retention) and the next to be written.',
    ),
    table(
      [
        { label: '#', attrs: { class: 'num' } },
        'Leader',
        'Replicas',
        'ISR',
        { label: 'Start', attrs: { class: 'num' } },
        { label: 'End', attrs: { class: 'num' } },
        { label: 'Records', attrs: { class: 'num' } },
        { label: 'Size', attrs: { class: 'num' } },
        { label: 'In / s', attrs: { class: 'num' } },
      ],
      (t.partitions || []).map(partitionRow),
      { id: 'partitions-table' },
    ),
    h('h3', {}, 'Configuration'),
    h(
      'dl',
      { class: 'configs' },
      names.map((k) => h('div', {}, h('dt', {}, k), h('dd', { title: configs[k] }, describeConfig(k, configs[k])))),
    ),
  );
  el.dataset.topic = t.name;
  el.dataset.loaded = 'true';
}

export function createTopicsView(navigate) {
  const list = $('topics-list');
  const detail = $('topic-detail');
  const internal = $('topics-internal');
  let selected = null;
  let lastTopics = null;
  const listPoller = new Poller(
    () => api.topics(internal.checked),
    5000,
    (r) => {
      lastTopics = r.topics || [];
      if (!selected && lastTopics.length) {
        // nothing picked yet: show the busiest topic rather than an empty pane
        const busiest = [...lastTopics].sort((a, b) => (b.recordsPerSecond || 0) - (a.recordsPerSecond || 0))[0];
        selected = busiest.name;
        detailPoller.restart();
      }
      renderList(list, lastTopics, selected, navigate);
    },
    (e) => replace(list, errorNotice(e, 'topics')),
  );
  const detailPoller = new Poller(
    () => api.topic(selected),
    3000,
    (t) => renderDetail(detail, t),
    (e) =>
      replace(
        detail,
        e.status === 404
          ? notice('empty', `No topic named ${selected}`, 'It may have been deleted. Pick another topic from the list.')
          : errorNotice(e, `topic ${selected}`),
      ),
  );
  internal.addEventListener('change', () => listPoller.restart());
  return {
    show(arg) {
      const next = arg || null;
      if (next !== selected) {
        selected = next;
        detail.dataset.loaded = '';
        if (selected) replace(detail, h('p', { class: 'empty' }, `Loading ${selected}…`));
        if (lastTopics) renderList(list, lastTopics, selected, navigate);
      }
      listPoller.start();
      if (selected) detailPoller.restart();
      else detailPoller.stop();
    },
    hide() {
      listPoller.stop();
      detailPoller.stop();
    },
  };
}
