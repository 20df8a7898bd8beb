// The cluster section: brokers, the KRaft quorum, versions and features; and the header's counters.
import { api, Poller } from './api.js';
import { $, h, replace, notice, errorNotice, table, badge } from './dom.js';
import { fmtInt, fmtDuration, fmtAgo } from './format.js';

function brokerCard(b) {
  return h(
    'div',
    { class: `broker ${b.up ? 'up' : 'down'}`, 'data-broker': b.id },
    h(
      'div',
      { class: 'broker-head' },
      h('span', { class: 'broker-id' }, `Broker ${b.id}`),
      b.controller
        ? badge('info', 'controller', 'The active KRaft controller: the leader of the metadata quorum')
        : null,
      badge(b.up ? 'ok' : 'bad', b.up ? 'up' : 'down'),
    ),
    h(
      'div',
      { class: 'broker-addr' },
      `${b.host}:${b.port}`,
      b.rack ? h('span', { class: 'muted' }, ` · rack ${b.rack}`) : null,
    ),
    h(
      'dl',
      { class: 'mini' },
      h('div', {}, h('dd', {}, fmtInt(b.leaderFor)), h('small', {}, 'partitions led')),
      h('div', {}, h('dd', {}, fmtInt(b.replicaFor)), h('small', {}, 'replicas held')),
    ),
    b.up
      ? null
      : h(
          'p',
          { class: 'hint' },
          'Seen before, missing now. Its partitions moved to other brokers if they had copies.',
        ),
  );
}

function voterRows(list, leaderId, role) {
  return list.map((v) =>
    h(
      'tr',
      { class: v.lag > 0 ? 'row-warn' : '' },
      h('td', {}, `${v.id}`, v.id === leaderId ? badge('info', 'leader') : null),
      h('td', {}, role),
      h('td', { class: 'num' }, fmtInt(v.logEndOffset)),
      h('td', { class: `num ${v.lag > 0 ? 't-warn' : ''}` }, fmtInt(v.lag)),
      h('td', { class: 'num' }, v.lastCaughtUpMsAgo === null ? '–' : `${fmtDuration(v.lastCaughtUpMsAgo)} ago`),
    ),
  );
}

function render(body, c) {
  const q = c.quorum || { voters: [], observers: [] };
  const brokers = c.brokers || [];
  replace(
    body,
    c.reachable
      ? null
      : notice(
          'error',
          'The cluster does not answer',
          `${c.error || 'No answer from the brokers.'} Showing the last known state. Is the broker running?`,
        ),
    brokers.length === 0
      ? notice('empty', 'No brokers seen yet', 'The watcher has not reached the cluster yet.')
      : h('div', { class: 'brokers', id: 'brokers' }, brokers.map(brokerCard)),
    h(
      'div',
      { class: 'cols' },
      h(
        'div',
        { class: 'panel' },
        h(
          'div',
          { class: 'panel-head' },
          h('h2', {}, 'KRaft quorum'),
          h('span', { class: 'hint' }, `epoch ${fmtInt(q.leaderEpoch)}`),
        ),
        h(
          'p',
          { class: 'explain' },
          'Voters elect a leader (the active controller) and copy its metadata log; a write counts once most voters ',
          'have it. Observers are brokers that only follow the log. Lag = how many metadata records a node is behind.',
        ),
        table(
          [
            'Node',
            'Role',
            { label: 'Log end offset', attrs: { class: 'num' } },
            { label: 'Lag', attrs: { class: 'num' } },
            { label: 'Last caught up', attrs: { class: 'num' } },
          ],
          [...voterRows(q.voters || [], q.leaderId, 'voter'), ...voterRows(q.observers || [], q.leaderId, 'observer')],
          { id: 'quorum' },
        ),
        h(
          'p',
          { class: 'hint' },
          `High watermark ${fmtInt(q.highWatermark)}: the last metadata offset most voters hold.`,
        ),
      ),
      h(
        'div',
        { class: 'panel' },
        h('div', { class: 'panel-head' }, h('h2', {}, 'Versions and features')),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, 'Kafka'),
          h('dd', {}, c.kafkaVersion || '–'),
          h('dt', {}, 'Metadata'),
          h('dd', {}, c.metadataVersion || '–'),
          h('dt', {}, 'Cluster id'),
          h('dd', {}, h('code', {}, c.clusterId || '–')),
        ),
        h(
          'p',
          { class: 'explain' },
          'Feature levels switch protocol features on for the whole cluster once every broker supports them: ',
          'metadata.version for the metadata format, group.version for the KIP-848 consumer protocol, ',
          'share.version for share groups, streams.version for the Streams protocol.',
        ),
        table(
          ['Feature', { label: 'Level', attrs: { class: 'num' } }, { label: 'Supported', attrs: { class: 'num' } }],
          (c.features || []).map((f) =>
            h(
              'tr',
              { class: f.level > 0 ? '' : 'row-off' },
              h('td', {}, f.name),
              h('td', { class: 'num' }, f.level > 0 ? String(f.level) : 'off'),
              h('td', { class: 'num' }, `${f.minVersion}–${f.maxVersion}`),
            ),
          ),
          { id: 'features' },
        ),
      ),
    ),
  );
  body.dataset.loaded = 'true';
}

function header(c) {
  const brokers = c.brokers || [];
  const up = brokers.filter((b) => b.up).length;
  $('h-brokers').textContent = brokers.length ? `${up} / ${brokers.length}` : '–';
  $('h-brokers').classList.toggle('t-bad', up < brokers.length);
  $('h-controller').textContent = c.controllerId === null || c.controllerId === undefined ? '–' : `#${c.controllerId}`;
  $('h-version').textContent = c.kafkaVersion || '–';
  $('h-cluster').textContent = c.clusterId ? c.clusterId.slice(0, 8) : '–';
  $('h-cluster').title = c.clusterId || '';
  const conn = $('conn');
  conn.classList.toggle('ok', !!c.reachable);
  conn.dataset.polledAt = c.polledAt || '';
  $('conn-text').textContent = c.reachable ? `Cluster up · polled ${fmtAgo(c.polledAt)}` : 'Cluster unreachable';
}

/** The header polls the cluster all the time (it is always visible); the section renders when it is shown. */
export function createClusterView() {
  const body = $('cluster-body');
  let visible = false;
  let last = null;
  const poller = new Poller(
    api.cluster,
    4000,
    (c) => {
      last = c;
      header(c);
      if (visible) render(body, c);
    },
    (e) => {
      $('conn').classList.remove('ok');
      $('conn-text').textContent = e.status === 401 ? 'Signed out' : 'No answer';
      if (visible) replace(body, errorNotice(e, 'the cluster'));
    },
  );
  setInterval(() => {
    if (last && last.reachable && !document.hidden)
      $('conn-text').textContent = `Cluster up · polled ${fmtAgo(last.polledAt)}`;
  }, 1000);
  return {
    start: () => poller.start(),
    stop: () => poller.stop(),
    show() {
      visible = true;
      if (last) render(body, last);
      poller.refresh();
    },
    hide() {
      visible = false;
    },
  };
}
