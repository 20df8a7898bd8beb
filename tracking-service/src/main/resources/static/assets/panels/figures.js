// The top bar's live figures: riders, fixes/s, fix→screen and push latency, frames and bytes received, the map's draws.
// The same figures are page state on the counters element (data-riders, data-mode, data-draws, ...), so anything
// reading the page, the browser tests among them, sees what the operator sees without reaching into the code.
import { formatBytes, formatCount, formatMs } from '../format.js';
import { RollingWindow } from '../rolling-window.js';

const $ = (id) => document.getElementById(id);

export class LiveFigures {
  constructor(element) {
    this.element = element;
    this.frames = 0;
    this.bytes = 0;
    this.e2e = new RollingWindow(5000);
    this.push = new RollingWindow(5000);
    // a fix's age when the server sent it (the generator, Kafka, the live feed and its tick): with push latency, the
    // two parts of fix→screen
    this.age = new RollingWindow(5000);
    this.lastFrames = 0;
    this.lastBytes = 0;
    this.lastAt = performance.now();
  }

  // a binary frame arrived: its size, and how long it and its fixes took to get here. Only a delta frame's riders
  // count towards fix→screen: a reset frame (a new view) carries every rider in it as last heard from, up to a fix
  // interval ago, and a density frame carries counts
  frame(byteLength, sendLatency, frame, now) {
    this.frames++;
    this.bytes += byteLength;
    this.push.add(sendLatency, now);
    const ages = frame.kind === 2 || frame.reset ? null : frame.age;
    if (ages) {
      const stride = Math.max(1, Math.floor(ages.length / 40));
      for (let i = 0; i < ages.length; i += stride) {
        this.e2e.add(sendLatency + ages[i], now);
        this.age.add(ages[i], now);
      }
    }
    this.element.dataset.frames = String(this.frames);
    this.element.dataset.bytes = String(this.bytes);
  }

  // a frame was drawn into the riders or the grid: what the map shows now; a reset frame answers a new viewport
  shown(frame, riders, density) {
    if (frame.reset) this.element.dataset.resets = String(Number(this.element.dataset.resets || 0) + 1);
    Object.assign(this.element.dataset, {
      riders: String(density.active ? density.total : riders.count),
      mode: density.active ? 'density' : 'riders',
    });
  }

  fixesPerSec(value) {
    this.element.dataset.fixesPerSec = String(value);
    $('c-fixes').textContent = formatCount(value);
  }

  // once a second: rates over the last second, latency percentiles over the last five
  tick({ draws, drawMs, riders, density }) {
    const now = performance.now();
    const secs = (now - this.lastAt) / 1000;
    const framesPerSec = (this.frames - this.lastFrames) / secs;
    const bytesPerSec = (this.bytes - this.lastBytes) / secs;
    this.lastFrames = this.frames;
    this.lastBytes = this.bytes;
    this.lastAt = now;
    const e2eP50 = this.e2e.percentile(0.5, now);
    const e2eP99 = this.e2e.percentile(0.99, now);
    const pushP50 = this.push.percentile(0.5, now);
    const pushP99 = this.push.percentile(0.99, now);
    const ageP99 = this.age.percentile(0.99, now);
    const shown = density.active ? density.total : riders.count;
    Object.assign(this.element.dataset, {
      riders: String(shown),
      mode: density.active ? 'density' : 'riders',
      draws: draws.toFixed(1),
      drawMs: drawMs.toFixed(1),
      framesPerSec: framesPerSec.toFixed(2),
      bytesPerSec: String(Math.round(bytesPerSec)),
      e2eP50: e2eP50 == null ? '' : String(e2eP50),
      e2eP99: e2eP99 == null ? '' : String(e2eP99),
      pushP50: pushP50 == null ? '' : String(pushP50),
      pushP99: pushP99 == null ? '' : String(pushP99),
      ageP99: ageP99 == null ? '' : String(ageP99),
      densityCells: String(density.cells.size),
      densityTotal: String(density.total),
      densityCellPx: String(density.cellPx || 0),
    });
    $('c-riders').textContent = formatCount(shown);
    $('c-e2e').textContent = formatMs(e2eP50);
    $('c-push').textContent = formatMs(pushP50);
    $('c-msgs').textContent = framesPerSec.toFixed(1);
    $('c-bytes').textContent = formatBytes(Math.round(bytesPerSec));
    $('c-draws').textContent = Math.round(draws);
    $('c-draws').parentElement.title =
      'The map redraws its riders when the picture changes: it moves, a rider comes, goes or changes state, or a ' +
      `gliding rider has moved half a pixel. The slowest draw of the last second took ${drawMs.toFixed(1)} ms ` +
      '(at 60 frames a second a frame has 16.7 ms).';
  }
}
