// The timeline section: rebalances, broker and partition changes, newest first, in words.
import { api, Poller } from './api.js';
import { $, h, replace, notice, errorNotice, badge } from './dom.js';
import { fmtTime, fmtAgo } from './format.js';
import { eventKind, eventFamily } from './colors.js';

function render(el, events, family, navigate) {
  const shown = events.filter((e) => family === 'all' || eventFamily(e.kind) === family);
  $('timeline-count').textContent = `${shown.length} of ${events.length} events · kept for 30 minutes or more`;
  if (events.length === 0) {
    replace(
      el,
      notice(
        'empty',
        'Nothing has happened yet',
        'Events appear as groups rebalance and brokers come and go. ' +
          'Try it: start a second instance of a service, or stop a broker, and watch here.',
      ),
    );
    return;
  }
  if (shown.length === 0) {
    replace(el, notice('empty', 'No events of this kind', 'Pick "All" to see every event.'));
    return;
  }
  replace(
    el,
    h(
      'ol',
      { class: 'events', id: 'events' },
      shown.map((e) => {
        const k = eventKind(e.kind);
        const isGroup = e.kind.startsWith('GROUP_');
        return h(
          'li',
          { class: `event ${k.tone}`, 'data-kind': e.kind },
          h('time', { datetime: e.time, title: fmtAgo(e.time) }, fmtTime(e.time)),
          h('i', { class: 'marker' }),
          h(
            'div',
            { class: 'event-body' },
            h(
              'div',
              { class: 'event-head' },
              badge(k.tone, k.label),
              isGroup && e.subject
                ? h(
                    'a',
                    {
                      href: `#groups/${encodeURIComponent(e.subject)}`,
                      onclick: (ev) => {
                        ev.preventDefault();
                        navigate(`groups/${e.subject}`);
                      },
                    },
                    e.subject,
                  )
                : h('b', {}, e.subject || ''),
              h('span', { class: 'muted' }, fmtAgo(e.time)),
            ),
            h('p', {}, e.text),
          ),
        );
      }),
    ),
  );
  el.dataset.loaded = 'true';
}

export function createTimelineView(navigate) {
  const body = $('timeline-body');
  const filter = $('timeline-filter');
  let family = 'all';
  let last = null;
  const poller = new Poller(
    () => api.timeline(200),
    4000,
    (r) => {
      last = r.events || [];
      render(body, last, family, navigate);
    },
    (e) => replace(body, errorNotice(e, 'the timeline')),
  );
  filter.addEventListener('click', (ev) => {
    const button = ev.target.closest('button[data-family]');
    if (!button) return;
    family = button.dataset.family;
    for (const b of filter.querySelectorAll('button')) b.classList.toggle('on', b === button);
    if (last) render(body, last, family, navigate);
  });
  return {
    show: () => poller.start(),
    hide: () => poller.stop(),
  };
}
