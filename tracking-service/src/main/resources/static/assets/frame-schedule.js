// When the rider layer runs: at an animation frame, and only when it has something to draw. A page that asks for every
// animation frame keeps the browser producing 60 frames a second even when it draws none of them (an empty
// requestAnimationFrame loop cost headless Chromium about 8 % of a core on the build machine, a page that asks for
// none under 1 %). Pure: the timing functions are the browser's unless a test passes its own.
const browser = {
  now: () => performance.now(),
  requestFrame: (callback) => requestAnimationFrame(callback),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (timer) => clearTimeout(timer),
};

export class FrameSchedule {
  // run(now) draws what is due and answers when it wants to run again: at the next frame (a time not after now), at
  // a later time (a timer wakes it then), or Infinity (not until someone calls wake())
  constructor(run, timing = browser) {
    this.run = run;
    this.timing = timing;
    this.asked = false;
    this.timer = null;
  }

  // something the layer shows changed: run at the next animation frame (once, however often it is woken before)
  wake() {
    if (this.asked) return;
    this.asked = true;
    this.timing.requestFrame(() => this.frame());
  }

  frame() {
    this.asked = false;
    const now = this.timing.now();
    const next = this.run(now);
    if (this.timer !== null) this.timing.clearTimer(this.timer);
    this.timer = null;
    if (next <= now) this.wake();
    else if (next !== Infinity) this.timer = this.timing.setTimer(() => this.wake(), next - now);
  }
}
