// Colours and labels for owners, statuses and kinds. Pure: no DOM.

/** Distinct on the dark background, in an order where neighbours differ in hue. */
export const PALETTE = [
  '#5ea9ff',
  '#f5a524',
  '#2fd47d',
  '#c084fc',
  '#f472b6',
  '#22d3ee',
  '#facc15',
  '#fb7185',
  '#a3e635',
  '#818cf8',
  '#fdba74',
  '#5eead4',
];

export const NO_OWNER = '#3a4a60';

/**
 * One colour per owner, stable across polls: owners sorted by name, so a member keeps its colour while the
 * group is unchanged, and the order does not depend on the order the broker lists them in.
 */
export function ownerColors(owners) {
  const names = [...new Set(owners.filter((o) => o !== null && o !== undefined))].sort();
  const colors = new Map();
  names.forEach((name, i) => colors.set(name, PALETTE[i % PALETTE.length]));
  return colors;
}

export const STATUS = {
  OK: { cls: 'ok', label: 'OK', help: 'The group keeps up.' },
  WARN: { cls: 'warn', label: 'WARN', help: 'Lag is growing: the group reads, but slower than records arrive.' },
  STALL: { cls: 'bad', label: 'STALL', help: 'Offsets are committed but do not move while lag stays: stuck.' },
  STOP: { cls: 'bad', label: 'STOP', help: 'No commits for a while and records are waiting: nobody is reading.' },
  REWIND: { cls: 'warn', label: 'REWIND', help: 'The committed offset went backwards: a reset or a replay.' },
  UNKNOWN: { cls: 'off', label: 'UNKNOWN', help: 'Not enough history yet to judge.' },
};

export function statusOf(code) {
  return STATUS[code] || STATUS.UNKNOWN;
}

/** Group states: green when settled, amber while the group is moving partitions, grey when nobody is in it. */
export function stateClass(state) {
  switch (state) {
    case 'STABLE':
      return 'ok';
    case 'PREPARING_REBALANCE':
    case 'COMPLETING_REBALANCE':
    case 'ASSIGNING':
    case 'RECONCILING':
      return 'warn';
    case 'DEAD':
    case 'UNKNOWN':
      return 'bad';
    default:
      return 'off';
  }
}

export const GROUP_TYPES = {
  CLASSIC: 'Classic protocol: the group leader (a client) assigns partitions; any change stops the whole group.',
  CONSUMER: 'KIP-848 consumer protocol: the broker assigns partitions and moves them one at a time.',
  STREAMS: 'Kafka Streams application (KIP-1071): the broker assigns tasks to Streams instances.',
  SHARE: 'Share group (KIP-932): members share partitions and acknowledge each record, like a queue.',
};

export const TOPIC_KINDS = {
  CATALOG: 'A RiderTrack topic from the catalog',
  DEAD_LETTER: 'Dead-letter topic: records a consumer could not process',
  STREAMS: 'Kafka Streams internal topic (changelog or repartition)',
  LESSON: 'Created by a lesson',
  INTERNAL: 'Kafka’s own bookkeeping',
  OTHER: 'Not from the catalog',
};

/** Timeline kinds in plain words and a tone for their marker. */
export const EVENT_KINDS = {
  GROUP_CREATED: ['Group created', 'ok'],
  GROUP_REBALANCE: ['Rebalance', 'warn'],
  GROUP_EMPTY: ['Group empty', 'off'],
  GROUP_GONE: ['Group gone', 'off'],
  GROUP_STATUS: ['Status change', 'info'],
  BROKER_DOWN: ['Broker down', 'bad'],
  BROKER_UP: ['Broker up', 'ok'],
  CONTROLLER_CHANGED: ['Controller changed', 'warn'],
  LEADER_CHANGED: ['Leader changed', 'info'],
  ISR_SHRUNK: ['ISR shrunk', 'bad'],
  ISR_EXPANDED: ['ISR expanded', 'ok'],
  TOPIC_CREATED: ['Topic created', 'ok'],
  TOPIC_DELETED: ['Topic deleted', 'off'],
  AUTOSCALER: ['Autoscaler', 'info'],
  PROCESS_CRASHED: ['Process crashed', 'bad'],
  PROCESS_RESTARTED: ['Process restarted', 'warn'],
  PROCESS_RECOVERED: ['Process recovered', 'ok'],
  PROCESS_GAVE_UP: ['Crash loop: left down', 'bad'],
};

export function eventKind(kind) {
  const [label, tone] = EVENT_KINDS[kind] || [kind, 'info'];
  return { label, tone };
}

/** Which filter of the timeline a kind belongs to. */
export function eventFamily(kind) {
  if (kind.startsWith('GROUP_')) return 'groups';
  if (kind.startsWith('TOPIC_')) return 'topics';
  if (kind === 'LEADER_CHANGED' || kind.startsWith('ISR_')) return 'partitions';
  return 'brokers';
}
