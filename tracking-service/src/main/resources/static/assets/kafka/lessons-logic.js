// The Lessons tab's logic: which control an action needs, the request it sends, what is new in the narration,
// when an action has shown its effect, and a lesson's assignment as cells and members. Pure: no DOM, no fetch.

import { compressRanges } from './format.js';

const BASE = '/api/v1/lessons';

/** The action the lesson lists as its reset: drawn as the panel's Reset button, not among the actions. */
export const isResetAction = (action) => action.id === 'reset';

/** 'number' (stepper + apply), 'choice' (select + button) or 'button'. */
export function actionKind(action) {
  if (action.options && action.options.length > 0) return 'choice';
  if (
    action.field &&
    action.min !== null &&
    action.min !== undefined &&
    action.max !== null &&
    action.max !== undefined
  )
    return 'number';
  return 'button';
}

/** The value a number control starts at: the lesson's current value, else its smallest. */
export function initialValue(action) {
  if (actionKind(action) === 'choice') return action.options[0];
  if (actionKind(action) !== 'number') return null;
  return action.value === null || action.value === undefined ? action.min : action.value;
}

/** A stepper's next value, kept within the action's range. */
export function step(action, value, delta) {
  const n = Number.isInteger(value) ? value : initialValue(action);
  return Math.min(action.max, Math.max(action.min, n + delta));
}

/** "Consumers in lesson-group: 0–5" */
export function rangeLabel(action) {
  return actionKind(action) === 'number' ? `${action.label}: ${action.min}–${action.max}` : action.label;
}

/**
 * The request an action sends: {method, path, body}. The lesson's setting ("set", a PUT) goes to the lesson itself;
 * any other action is POSTed to /{lesson}/{action}. Throws an Error with words for a value the action cannot take,
 * so the page says so before the server would.
 */
export function actionRequest(lessonId, action, value) {
  const lesson = encodeURIComponent(lessonId);
  const method = (action.method || 'POST').toUpperCase();
  const path =
    method === 'PUT' || action.id === 'set'
      ? `${BASE}/${lesson}`
      : `${BASE}/${lesson}/${encodeURIComponent(action.id)}`;
  const body = {};
  const kind = actionKind(action);
  if (kind === 'number') {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (!Number.isInteger(n) || n < action.min || n > action.max) {
      throw new Error(`${action.label}: choose a whole number from ${action.min} to ${action.max}.`);
    }
    body[action.field] = n;
  } else if (kind === 'choice') {
    if (!action.options.includes(value)) {
      throw new Error(`${action.label}: choose one of ${action.options.join(', ')}.`);
    }
    body[action.field] = value;
  } else if (action.field && value !== null && value !== undefined) {
    body[action.field] = value;
  }
  return { method: method === 'PUT' ? 'PUT' : 'POST', path, body };
}

/** The reset of a lesson. */
export function resetRequest(lessonId) {
  return { method: 'POST', path: `${BASE}/${encodeURIComponent(lessonId)}/reset`, body: {} };
}

/**
 * What changed between two narrations, so the page appends the new lines (and drops the ones the server let go
 * off the top) instead of drawing all again: {drop, add} with drop lines to remove from the start; or
 * {replace: true, add} when the new narration does not continue the old one (a reset).
 */
export function narrationDiff(prev, next) {
  const before = prev || [];
  const after = next || [];
  for (let drop = 0; drop < before.length; drop++) {
    const kept = before.length - drop;
    if (kept > after.length) continue;
    let continues = true;
    for (let i = 0; i < kept; i++) {
      if (before[drop + i] !== after[i]) {
        continues = false;
        break;
      }
    }
    if (continues) return { drop, add: after.slice(kept) };
  }
  if (before.length === 0) return { drop: 0, add: after };
  return { replace: true, add: after };
}

/**
 * Whether the lesson has shown what an action did: its narration changed (a new line, or emptied by a reset), or it
 * stopped running. Counters alone do not count: they tick on their own; nor does starting to run, which a lesson
 * reports as soon as it has been asked, before the cluster has done anything.
 */
export function actionSettled(before, now) {
  if (!now) return false;
  if (!before) return true;
  const diff = narrationDiff(before.narration, now.narration);
  if (diff.replace || diff.add.length > 0) return true;
  return before.running && !now.running;
}

/** How long the narration must stay quiet after an action's first effect before the page calls the action done. */
export const QUIET_MS = 3000;

/** The longest the page waits for an action's first effect. */
export const WAIT_MAX_MS = 60000;

/** The longest the page follows an action's answer: a lesson that narrates without pause is not an action in progress. */
export const ANSWER_MAX_MS = 30000;

/**
 * Follows an action until its effect is over: {phase: 'waiting'} until the lesson shows a first change, then
 * {phase: 'answering'} while narration lines keep coming (lesson 1 adds consumers one at a time, a rebalance each),
 * and null once no line has been added for QUIET_MS (or after ANSWER_MAX_MS). `pending` is {before, since} as the action was sent.
 */
export function trackAction(pending, state, nowMs) {
  if (!pending) return null;
  if (!pending.last) {
    if (!actionSettled(pending.before, state)) {
      // an action that changed nothing (the value it already had) must not spin for ever
      return nowMs - pending.since >= WAIT_MAX_MS ? null : { ...pending, phase: 'waiting' };
    }
    return { ...pending, phase: 'answering', last: state.narration || [], changedAt: nowMs, answeredAt: nowMs };
  }
  if (nowMs - pending.answeredAt >= ANSWER_MAX_MS) return null;
  // only new lines mean the action is still unfolding: a lesson may rewrite a line with live counts on every read
  const diff = narrationDiff(pending.last, state.narration);
  if (!diff.replace && diff.add.length > 0) return { ...pending, last: state.narration || [], changedAt: nowMs };
  return nowMs - pending.changedAt >= QUIET_MS ? null : { ...pending, last: state.narration || [] };
}

/**
 * An assignment block as partition cells (the owner of each, null for none or several; all its owners) and members, each with what it does
 * in words: reads partitions, idle (no partition while the group is settled), or waiting (a rebalance is dealing
 * partitions out).
 */
export function assignmentModel(block) {
  // a share group's members may all read one partition: a cell keeps every owner, in the members' order
  const owners = new Map();
  for (const m of block.members || []) {
    for (const p of m.partitions || []) owners.set(p, [...(owners.get(p) || []), m.name]);
  }
  const cells = [];
  for (let p = 0; p < block.partitions; p++) {
    const of = owners.get(p) || [];
    cells.push({ partition: p, owner: of.length === 1 ? of[0] : null, owners: of });
  }
  const members = (block.members || []).map((m) => {
    const parts = [...(m.partitions || [])].sort((a, b) => a - b);
    let state = 'reads';
    if (parts.length === 0) state = m.idle ? 'idle' : 'waiting';
    return {
      name: m.name,
      partitions: parts,
      received: m.received || 0,
      state,
      text:
        state === 'idle'
          ? 'idle: no partition to read'
          : state === 'waiting'
            ? 'waiting for partitions'
            : `${parts.length === 1 ? 'partition' : 'partitions'} ${compressRanges(parts)}`,
    };
  });
  return {
    cells,
    members,
    idle: members.filter((m) => m.state === 'idle').map((m) => m.name),
    orphans: cells.filter((c) => c.owners.length === 0).length,
  };
}

/** "#lessons/partitions" gives 'partitions'; no id means the first lesson of the tour. */
export function chosenLesson(arg, lessons) {
  const ids = (lessons || []).map((l) => l.id);
  if (arg && (ids.length === 0 || ids.includes(arg))) return arg;
  return ids.length ? ids[0] : arg || null;
}
