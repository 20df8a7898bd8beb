// The Kafka page's client of /api/v1/kafka: one function per endpoint, problems as errors with words,
// and a poller that never has more than one request in flight.

const BASE = '/api/v1/kafka';

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title || `HTTP ${status}`;
    this.detail = detail || '';
  }
}

async function getJson(path) {
  return requestJson('GET', path);
}

/** GET, or PUT / POST a JSON body; the answer's JSON, or an ApiError with the problem's title and detail. */
export async function requestJson(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'Server unreachable', 'tracking-service does not answer. Is it running?');
  }
  if (!res.ok) {
    let problem = {};
    try {
      problem = await res.json();
    } catch {
      // not problem+json (a proxy's page, say): the status says enough
    }
    if (res.status === 401) {
      throw new ApiError(401, 'Signed out', 'Your operator session has ended. Sign in again to keep watching.');
    }
    throw new ApiError(res.status, problem.title, problem.detail);
  }
  return res.json();
}

const enc = encodeURIComponent;

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  cluster: () => getJson(`${BASE}/cluster`),
  topics: (internal) => getJson(`${BASE}/topics${query({ internal: internal ? 'true' : 'false' })}`),
  topic: (name) => getJson(`${BASE}/topics/${enc(name)}`),
  groups: () => getJson(`${BASE}/groups`),
  group: (name) => getJson(`${BASE}/groups/${enc(name)}`),
  lagHistory: (name, minutes = 30) => getJson(`${BASE}/groups/${enc(name)}/lag-history${query({ minutes })}`),
  timeline: (limit = 200) => getJson(`${BASE}/timeline${query({ limit })}`),
  messages: (topic, params) => getJson(`${BASE}/topics/${enc(topic)}/messages${query(params)}`),
  lessons: () => getJson('/api/v1/lessons'),
  lesson: (id) => getJson(`/api/v1/lessons/${enc(id)}`),
};

/**
 * Runs a task every `intervalMs` after the previous run finished, so a slow server never gets a second request
 * for the same thing. refresh() runs it now (or right after the one in flight); restart() also drops the answer
 * in flight, which was to an old question.
 */
export class Poller {
  constructor(task, intervalMs, onResult, onError) {
    this.task = task;
    this.intervalMs = intervalMs;
    this.onResult = onResult;
    this.onError = onError;
    this.running = false;
    this.inFlight = false;
    this.again = false;
    this.timer = null;
    this.generation = 0;
  }

  start() {
    if (this.running) return;
    this.running = true;
    if (!this.inFlight) this.run();
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = null;
  }

  restart() {
    this.generation++;
    this.running = true;
    clearTimeout(this.timer);
    if (this.inFlight) this.again = true;
    else this.run();
  }

  refresh() {
    if (!this.running) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.run();
  }

  async run() {
    if (!this.running || this.inFlight) return;
    this.inFlight = true;
    this.again = false;
    const generation = this.generation;
    try {
      const result = await this.task();
      if (generation === this.generation && this.running) this.onResult(result);
    } catch (e) {
      if (generation === this.generation && this.running) this.onError(e);
    } finally {
      this.inFlight = false;
      if (this.running) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.run(), this.again ? 0 : this.intervalMs);
      }
    }
  }
}
