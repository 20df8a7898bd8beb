// The lessons section: the tour's lessons on the left, the chosen one on the right with its concept, its actions,
// its live view and the narration of what really happened. Only the chosen lesson is polled, every 1.5 s.
// One module because the panel's parts share the chosen lesson's state and the action in progress; what needs no DOM
// (requests, ranges, narration diffs, the assignment model) is already apart in lessons-logic.js, with unit tests.
import { api, requestJson, Poller } from './api.js';
import { $, h, replace, notice, errorNotice, table, badge } from './dom.js';
import { fmtInt, fmtTime, fmtDuration } from './format.js';
import { ownerColors, NO_OWNER } from './colors.js';
import {
  actionKind,
  actionRequest,
  assignmentModel,
  chosenLesson,
  initialValue,
  isResetAction,
  narrationDiff,
  rangeLabel,
  resetRequest,
  step,
  trackAction,
} from './lessons-logic.js';

const POLL_MS = 1500;
// an action that shows nothing for this long is reported as slow, not as failed: the lesson may still be working
const PATIENCE_MS = 20000;

/** What the panel is built from: rebuilt only when it changes, so a value being chosen survives the polls. */
function panelKey(l) {
  return JSON.stringify([
    l.id,
    l.available,
    l.byHand,
    (l.actions || []).map((a) => [a.id, a.label, a.min, a.max, a.options]),
  ]);
}

function renderList(el, lessons, selected, navigate) {
  if (lessons.length === 0) {
    replace(el, notice('empty', 'No lessons here', 'This tracking-service was built without any lesson.'));
    return;
  }
  replace(
    el,
    h(
      'ol',
      { class: 'lesson-list', id: 'lesson-list' },
      lessons.map((l) =>
        h(
          'li',
          {
            class: `${l.id === selected ? 'selected' : ''} ${l.available ? '' : 'unavailable'}`,
            'data-lesson': l.id,
            onclick: (e) => {
              e.preventDefault();
              navigate(`lessons/${l.id}`);
            },
          },
          h('span', { class: 'lesson-no' }, String(l.number)),
          h(
            'a',
            { href: `#lessons/${encodeURIComponent(l.id)}` },
            l.title,
            l.running ? badge('ok', 'running', 'Its consumers or producers are running now') : null,
            l.available ? null : badge('off', 'not here', l.unavailable || 'Not available on this installation'),
          ),
        ),
      ),
    ),
  );
  el.dataset.loaded = 'true';
}

/** A copyable command. */
function commandBlock(command) {
  const copy = h('button', { class: 'btn ghost copy', type: 'button', title: 'Copy the command' }, 'Copy');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(command);
      copy.textContent = 'Copied';
    } catch {
      // no clipboard without https or permission: select the text so Ctrl-C copies it
      const range = document.createRange();
      range.selectNodeContents(copy.previousElementSibling);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      copy.textContent = 'Selected: press Ctrl-C';
    }
    setTimeout(() => (copy.textContent = 'Copy'), 2000);
  });
  return h('div', { class: 'command' }, h('pre', { class: 'mono' }, command), copy);
}

function assignmentBlock(block) {
  const model = assignmentModel(block);
  const colors = ownerColors(model.members.map((m) => m.name));
  return h(
    'div',
    { class: 'lesson-block assignment', 'data-block': 'assignment' },
    h('h3', {}, block.title),
    h('div', { class: 'strip-topic' }, `group ${block.group} on ${block.topic}, ${block.partitions} partitions`),
    h(
      'div',
      {
        class: 'cells',
        id: 'lesson-strip',
        style: { gridTemplateColumns: `repeat(${Math.min(block.partitions, 12)}, 1fr)` },
      },
      model.cells.map((c) => {
        const shared = c.owners.length > 1;
        const read = c.owners.length > 0;
        return h(
          'div',
          {
            class: `pcell ${read ? '' : model.members.length ? 'orphan' : 'unread'} ${shared ? 'shared' : ''}`,
            style: { '--c': read ? colors.get(c.owners[0]) : NO_OWNER },
            'data-partition': c.partition,
            'data-owner': c.owners.join(' '),
            title: `${block.topic}-${c.partition}: ${read ? c.owners.join(', ') : 'nobody reads it now'}`,
          },
          h('b', {}, `P${c.partition}`),
          h('small', {}, shared ? `${c.owners.length} members` : c.owners[0] || 'nobody'),
          shared
            ? h(
                'span',
                { class: 'sharers' },
                c.owners.map((o) => h('i', { style: { '--c': colors.get(o) }, title: o })),
              )
            : null,
        );
      }),
    ),
    model.members.length === 0
      ? h('p', { class: 'hint' }, 'No consumer in the group: nobody reads the topic.')
      : h(
          'div',
          { class: 'owners lesson-members' },
          model.members.map((m) =>
            h(
              'div',
              {
                class: `owner ${m.state === 'reads' ? '' : 'idle'}`,
                'data-member': m.name,
                'data-state': m.state,
                style: { '--c': colors.get(m.name) || NO_OWNER },
              },
              h('i', {}),
              h('b', {}, m.name),
              h('span', { class: m.state === 'idle' ? 't-warn' : 'muted' }, m.text),
              h(
                'span',
                { class: 'received', title: 'Records this consumer has received' },
                `${fmtInt(m.received)} received`,
              ),
            ),
          ),
        ),
    model.orphans > 0 && model.members.length > 0
      ? h('p', { class: 'hint' }, `${model.orphans} partition(s) without a reader: the group is rebalancing.`)
      : null,
  );
}

function countersBlock(block) {
  return h(
    'div',
    { class: 'lesson-block', 'data-block': 'counters' },
    h('h3', {}, block.title),
    h(
      'dl',
      { class: 'figures' },
      (block.items || []).map((c) =>
        h(
          'div',
          { class: c.tone ? `tone-${c.tone}` : '' },
          h('dt', {}, c.label),
          h('dd', { class: c.tone === 'good' ? 't-ok' : c.tone === 'bad' ? 't-bad' : '' }, c.value),
        ),
      ),
    ),
  );
}

function tableBlock(block) {
  const rows = block.rows || [];
  return h(
    'div',
    { class: 'lesson-block', 'data-block': 'table' },
    h('h3', {}, block.title),
    rows.length === 0
      ? h('p', { class: 'empty' }, 'Nothing yet.')
      : table(
          block.columns,
          rows.map((r) =>
            h(
              'tr',
              {},
              r.map((cell) => h('td', {}, cell)),
            ),
          ),
        ),
  );
}

function viewBlocks(view) {
  return (view || []).map((b) => {
    switch (b.type) {
      case 'assignment':
        return assignmentBlock(b);
      case 'counters':
        return countersBlock(b);
      case 'table':
        return tableBlock(b);
      default:
        return h('p', { class: 'hint' }, `(${b.title || b.type}: this page cannot draw a “${b.type}” block yet)`);
    }
  });
}

/** The actions, built once per lesson so a value being chosen survives the polls. */
function actionControls(lesson, send) {
  const controls = (lesson.actions || [])
    .filter((a) => !isResetAction(a))
    .map((a) => {
      const kind = actionKind(a);
      let control;
      let value = () => null;
      if (kind === 'number') {
        const input = h('input', {
          type: 'number',
          min: a.min,
          max: a.max,
          step: 1,
          value: initialValue(a),
          'data-field': a.field,
          'aria-label': a.label,
        });
        const bump = (delta) => () => {
          input.value = step(a, Number(input.value), delta);
        };
        control = h(
          'div',
          { class: 'stepper' },
          h('button', { type: 'button', class: 'btn ghost', onclick: bump(-1), 'aria-label': 'less' }, '−'),
          input,
          h('button', { type: 'button', class: 'btn ghost', onclick: bump(1), 'aria-label': 'more' }, '+'),
        );
        value = () => input.value;
      } else if (kind === 'choice') {
        const select = h(
          'select',
          { 'data-field': a.field, 'aria-label': a.label },
          a.options.map((o) => h('option', { value: o }, o)),
        );
        control = select;
        value = () => select.value;
      }
      const apply = h(
        'button',
        { type: 'submit', class: 'btn' },
        kind === 'number' ? 'Apply' : kind === 'choice' ? 'Go' : a.label,
      );
      return h(
        'form',
        {
          class: `lesson-action kind-${kind}`,
          'data-action': a.id,
          // the page says in words what is wrong with a value, rather than the browser's bubble
          novalidate: true,
          onsubmit: (e) => {
            e.preventDefault();
            send(a, value());
          },
        },
        kind === 'button' ? null : h('label', { class: 'action-label' }, rangeLabel(a)),
        h('div', { class: 'action-row' }, control, apply),
        a.hint ? h('p', { class: 'hint' }, a.hint) : null,
        kind === 'number' ? h('p', { class: 'now', 'data-now': a.id }) : null,
      );
    });
  return controls.length ? controls : h('p', { class: 'hint' }, 'This lesson has nothing to press: watch it.');
}

export function createLessonsView(navigate) {
  const list = $('lessons-list');
  const detail = $('lesson-detail');
  let lessons = null;
  let selected = null;
  let current = null; // the chosen lesson's last state
  let built = null; // which lesson (and which actions) the panel was built for
  let pending = null; // {label, since, before}: an action sent, its effect not seen yet
  let problem = null;
  const parts = {};

  const status = () => {
    const el = parts.status;
    if (!el) return;
    if (problem) {
      replace(el, notice('error', problem.title, problem.detail));
      el.dataset.state = 'error';
    } else if (pending) {
      const took = fmtDuration(Date.now() - pending.since);
      const slow = pending.phase !== 'answering' && Date.now() - pending.since > PATIENCE_MS;
      let text = `${pending.label}: waiting for the cluster… ${took}`;
      if (pending.phase === 'answering') text = `${pending.label}: the cluster is answering… ${took}`;
      else if (slow) text = `${pending.label}: no change seen for ${took}. The lesson may still be working.`;
      replace(el, h('div', { class: `progress ${slow ? 'slow' : ''}` }, h('span', { class: 'spinner' }), text));
      el.dataset.state = 'pending';
    } else {
      replace(el);
      el.dataset.state = 'idle';
    }
  };

  // done: the answer is the state afterwards (a reset finishes before it answers), so no progress follows it
  const send = async (label, request, { done = false } = {}) => {
    problem = null;
    pending = { label, since: Date.now(), before: current };
    status();
    try {
      const state = await requestJson(request.method, request.path, request.body);
      if (done) pending = null;
      if (state && state.id === selected) show(state);
      else status();
    } catch (e) {
      pending = null;
      problem = {
        title: e.status === 401 ? 'Signed out' : `${label}: ${e.title || 'failed'}`,
        detail: e.detail || e.message,
      };
      status();
    }
    lessonPoller.refresh();
  };

  const runAction = (action, value) => {
    let request;
    try {
      request = actionRequest(selected, action, value);
    } catch (e) {
      problem = { title: 'Not sent', detail: e.message };
      status();
      return;
    }
    const label = actionKind(action) === 'button' ? action.label : `${action.label} → ${value}`;
    send(label, request);
  };

  function build(l) {
    const reset = (l.actions || []).find(isResetAction);
    parts.status = h('div', { class: 'lesson-status', id: 'lesson-status', 'aria-live': 'polite' });
    parts.running = h('span', { id: 'lesson-running' });
    parts.view = h('div', { class: 'lesson-view', id: 'lesson-view' });
    parts.narration = h('ol', {
      class: 'narration',
      id: 'narration',
      onscroll: (e) => e.target.classList.toggle('scrolled', e.target.scrollTop > 0),
    });
    parts.updated = h('p', { class: 'hint', id: 'lesson-updated' });
    parts.lines = [];
    parts.emptyText = l.available ? 'Nothing yet: try an action above.' : 'Nothing yet.';
    const narrationBox = h(
      'div',
      { class: 'lesson-block narration-box' },
      h('h3', {}, 'What happened'),
      h(
        'p',
        { class: 'explain' },
        'Told from what the consumers, producers and the broker really reported, newest last.',
      ),
      parts.narration,
    );
    const left = [];
    if (l.available) {
      left.push(
        h('h3', {}, 'Try it'),
        h('div', { class: 'lesson-actions', id: 'lesson-actions' }, actionControls(l, runAction)),
        parts.status,
        narrationBox,
      );
      if (l.byHand) left.push(h('h3', {}, 'Check it with Kafka’s own tools'), commandBlock(l.byHand));
    } else {
      left.push(
        h(
          'div',
          { class: 'notice warn', 'data-state': 'unavailable', id: 'lesson-unavailable' },
          h('b', {}, 'Not available on this installation'),
          h('p', {}, l.unavailable || 'This lesson needs something this installation does not have.'),
          l.byHand ? [h('p', {}, 'The same by hand:'), commandBlock(l.byHand)] : null,
        ),
        narrationBox,
      );
    }
    replace(
      detail,
      h(
        'div',
        { class: 'detail-head' },
        h(
          'div',
          {},
          h('span', { class: 'lesson-kicker' }, `Lesson ${l.number}`),
          h('h2', { class: 'title', id: 'lesson-title' }, l.title),
        ),
        h(
          'div',
          { class: 'head-actions' },
          parts.running,
          l.available
            ? h(
                'button',
                {
                  class: 'btn ghost',
                  id: 'lesson-reset',
                  type: 'button',
                  title: reset && reset.hint ? reset.hint : 'Stops what the lesson started and removes what it created',
                  onclick: () => send('Reset', resetRequest(l.id), { done: true }),
                },
                '↺ Reset',
              )
            : null,
        ),
      ),
      h(
        'div',
        { class: 'lesson-intro' },
        h('p', { class: 'concept' }, l.concept),
        h('div', { class: 'expect' }, h('h3', {}, 'What to expect'), h('p', {}, l.expect)),
      ),
      h(
        'div',
        { class: 'lesson-body' },
        h('div', { class: 'lesson-left' }, left),
        h('div', { class: 'lesson-right' }, parts.view, parts.updated),
      ),
    );
    built = panelKey(l);
  }

  function drawNarration(lines) {
    const el = parts.narration;
    const diff = narrationDiff(parts.lines, lines);
    if (diff.replace) el.replaceChildren();
    else for (let i = 0; i < diff.drop; i++) el.firstElementChild && el.firstElementChild.remove();
    const fresh = parts.lines.length > 0 || diff.replace;
    for (const line of diff.add) el.append(h('li', { class: fresh ? 'fresh' : '' }, line));
    const empty = el.querySelector('.none');
    if (lines.length === 0 && !empty) {
      el.append(h('li', { class: 'none' }, parts.emptyText));
    } else if (lines.length > 0 && empty) empty.remove();
    parts.lines = [...lines];
    el.dataset.lines = String(lines.length);
    // newest last: keep the newest in sight inside the box, without moving the page
    if (diff.add.length) el.scrollTop = el.scrollHeight;
    el.classList.toggle('scrolled', el.scrollTop > 0);
  }

  function show(l) {
    if (built !== panelKey(l)) build(l);
    pending = trackAction(pending, l, Date.now());
    current = l;
    replace(parts.running, l.running ? badge('ok', 'running', 'Its consumers or producers are running now') : null);
    for (const a of l.actions || []) {
      const now = detail.querySelector(`[data-now="${a.id}"]`);
      if (now) now.textContent = a.value === null || a.value === undefined ? '' : `Now: ${a.value}`;
    }
    replace(
      parts.view,
      l.view && l.view.length
        ? viewBlocks(l.view)
        : h(
            'div',
            { class: 'view-empty' },
            l.available
              ? 'What the cluster shows for this lesson appears here once it runs.'
              : 'This lesson runs where its processes can be controlled.',
          ),
    );
    // the list's running tag follows the chosen lesson at this lesson's pace, not the list's
    const listed = lessons && lessons.find((x) => x.id === l.id);
    if (listed && listed.running !== l.running) {
      listed.running = l.running;
      renderList(list, lessons, selected, navigate);
    }
    drawNarration(l.narration || []);
    parts.updated.textContent = `Read from the cluster at ${fmtTime(l.updatedAt)}.`;
    status();
    detail.dataset.lesson = l.id;
    detail.dataset.loaded = 'true';
    detail.dataset.running = String(!!l.running);
  }

  const lessonPoller = new Poller(
    () => api.lesson(selected),
    POLL_MS,
    (l) => {
      if (l.id !== selected) return;
      if (problem && problem.fromPoll) problem = null;
      show(l);
    },
    (e) => {
      if (!built || JSON.parse(built)[0] !== selected) {
        replace(
          detail,
          e.status === 404
            ? notice('empty', `No lesson named ${selected}`, 'Pick one from the list.')
            : errorNotice(e, `lesson ${selected}`),
        );
        built = null;
        return;
      }
      problem = {
        title: 'Could not read the lesson',
        detail: `${e.detail || e.message} The page keeps trying.`,
        fromPoll: true,
      };
      status();
    },
  );

  const listPoller = new Poller(
    api.lessons,
    5000,
    (r) => {
      lessons = r.lessons || [];
      const next = chosenLesson(selected, lessons);
      if (next !== selected) choose(next);
      renderList(list, lessons, selected, navigate);
    },
    (e) => replace(list, errorNotice(e, 'lessons')),
  );

  function choose(id) {
    selected = id;
    built = null;
    current = null;
    pending = null;
    problem = null;
    detail.dataset.loaded = '';
    replace(detail, h('p', { class: 'empty' }, id ? `Loading lesson ${id}…` : 'Loading the lessons…'));
    if (lessons) renderList(list, lessons, selected, navigate);
    if (id) lessonPoller.restart();
  }

  return {
    show(arg) {
      const next = chosenLesson(arg || selected, lessons);
      if (next !== selected) choose(next);
      else if (selected) lessonPoller.restart();
      listPoller.start();
    },
    hide() {
      listPoller.stop();
      lessonPoller.stop();
    },
  };
}
