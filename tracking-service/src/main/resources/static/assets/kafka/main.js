// The Kafka page: one section visible at a time (#cluster, #topics/<topic>, #groups/<group>, #timeline,
// #messages?topic=…, #lessons/<lesson>), and only the visible section polls, and nothing polls while the tab is hidden.
import { createClusterView } from './cluster.js';
import { createTopicsView } from './topics.js';
import { createGroupsView } from './groups.js';
import { createTimelineView } from './timeline.js';
import { createMessagesView } from './messages.js';
import { createLessonsView } from './lessons.js';

const SECTIONS = ['cluster', 'topics', 'groups', 'timeline', 'messages', 'lessons'];

const navigate = (route) => {
  location.hash = route;
};

const cluster = createClusterView();
const views = {
  cluster,
  topics: createTopicsView(navigate),
  groups: createGroupsView(navigate),
  timeline: createTimelineView(navigate),
  messages: createMessagesView(),
  lessons: createLessonsView(navigate),
};

let current = null;

/** "#groups/db-writer" → ['groups', 'db-writer']; "#messages?topic=x" → ['messages', 'topic=x']. */
function parseHash() {
  const raw = decodeURIComponent(location.hash.replace(/^#/, ''));
  const m = /^([a-z]+)(?:[/?](.*))?$/.exec(raw);
  if (!m || !SECTIONS.includes(m[1])) return ['cluster', null];
  return [m[1], m[2] || null];
}

function route() {
  const [name, arg] = parseHash();
  if (current && current !== name) views[current].hide();
  current = name;
  for (const s of SECTIONS) {
    document.getElementById(`sec-${s}`).hidden = s !== name;
    document.querySelector(`.tabs a[data-tab="${s}"]`).classList.toggle('on', s === name);
  }
  document.body.dataset.section = name;
  if (!document.hidden) views[name].show(arg);
}

document.addEventListener('visibilitychange', () => {
  if (document.hidden) {
    cluster.stop();
    views[current].hide();
  } else {
    cluster.start();
    route();
  }
});

window.addEventListener('hashchange', route);
cluster.start();
route();
