// Measures the dashboard in headless Chromium while the benchmark feeds 100,000 riders: draws/s, bytes/s and frames/s
// received, riders in view, over 10 s in each of three views, then fps while the map is dragged (3 s):
// the whole city (zoomed out: the density grid), zoom 14 on the centre (tens of thousands of riders drawn
// one by one) and zoom 16 (a neighbourhood). Screenshots: dashboard-100k-{city,zoom14,zoom16}.png.
// It reads what the page shows (the figures it keeps as data-* attributes on its counters, the map's data-zoom)
// and moves the map with its + button, as an operator would. For each zoomed view it also prints the server's
// figures for the same seconds (GET /api/v1/live/latency): where a fix's time went before it was pushed.
// usage: node bench-browser.mjs <baseUrl> <operatorToken> <outDir> [riders]
// (LOCAL_ASSETS=<dir>: the page's scripts from that directory, see below)
import { chromium } from 'playwright-core';

const [base, operatorToken, outDir, fleet = '100000'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
// A view's figures over 10 s in which the page is left alone: only the page asks for animation frames, as it
// would on an operator's screen (the page draws when the picture changes). Then 3 s of dragging the map to and fro,
// as an operator would, in which every animation frame has a move to draw: fps is the frames the page drew then.
const measure = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const figures = () => document.getElementById('counters').dataset;
        const num = (v) => (v === undefined || v === '' ? null : Number(v));
        const zoom0 = num(document.getElementById('map').dataset.zoom);
        const bytes0 = num(figures().bytes);
        const frames0 = num(figures().frames);
        const draws = [];
        let slowest = 0;
        const t0 = performance.now();
        const sample = setInterval(() => {
          draws.push(num(figures().draws));
          slowest = Math.max(slowest, num(figures().drawMs) || 0);
        }, 1000);
        setTimeout(() => {
          clearInterval(sample);
          const secs = (performance.now() - t0) / 1000;
          const m = figures();
          resolve({
            draws: draws.reduce((a, b) => a + b, 0) / draws.length,
            drawMs: slowest,
            bytesPerSec: (num(m.bytes) - bytes0) / secs,
            framesPerSec: (num(m.frames) - frames0) / secs,
            riders: num(m.riders),
            mode: m.mode,
            cells: num(m.densityCells),
            cellPx: num(m.densityCellPx),
            e2eP50: num(m.e2eP50),
            e2eP99: num(m.e2eP99),
            pushP50: num(m.pushP50),
            pushP99: num(m.pushP99),
            ageP99: num(m.ageP99),
            zoom0,
            zoom: num(document.getElementById('map').dataset.zoom),
          });
        }, 10000);
      }),
  );
const dragged = async (page) => {
  const box = await page.locator('#map').boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  const frames = page.evaluate(
    () =>
      new Promise((resolve) => {
        let raf = 0;
        const t0 = performance.now();
        const count = () => {
          raf++;
          if (performance.now() - t0 < 3000) requestAnimationFrame(count);
          else resolve(raf / ((performance.now() - t0) / 1000));
        };
        requestAnimationFrame(count);
      }),
  );
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (const t0 = Date.now(); Date.now() - t0 < 3000;) {
    await page.mouse.move(x + 80 * Math.sin(((Date.now() - t0) / 1500) * 2 * Math.PI), y);
  }
  await page.mouse.move(x, y);
  await page.mouse.up();
  return frames;
};
const line = (name, r) =>
  console.log(
    `  ${name.padEnd(30)} zoom ${r.zoom}, ${
      r.mode === 'density'
        ? `density grid: ${r.riders} riders in ${r.cells} cells of ${r.cellPx} px`
        : `${r.riders} riders drawn`
    }: ${r.draws.toFixed(1)} draws/s (slowest ${r.drawMs} ms), ${r.fps.toFixed(1)} fps dragged, ${(r.bytesPerSec / 1e6).toFixed(3)} MB/s in ${r.framesPerSec.toFixed(1)} frames/s` +
      (r.mode === 'riders'
        ? `, in-page fix->screen p50 ${r.e2eP50} ms p99 ${r.e2eP99} ms, push p50 ${r.pushP50} ms p99 ${r.pushP99} ms, ` +
          `fix age when sent p99 ${r.ageP99} ms`
        : ''),
  );
// the live view after a move: the server's reset frame for the new viewport has arrived (data-resets counts them)
const settled = (page, resets) =>
  page
    .waitForFunction(
      (r) => {
        const d = document.getElementById('counters').dataset;
        return Number(d.resets) > r && Number(d.riders) > 0;
      },
      resets,
      { timeout: 30000 },
    )
    .catch(() => {});
const figure = (page, name) => page.evaluate((n) => document.getElementById('counters').dataset[n], name);
// the server's side of the same seconds: where the fixes' time went before the push (GET /api/v1/live/latency)
const latencyApi = base + '/api/v1/live/latency';
const authorised = { Authorization: `Bearer ${operatorToken}` };
const resetStages = () => fetch(latencyApi, { method: 'DELETE', headers: authorised });
const stages = async () => {
  const answer = await fetch(latencyApi, { headers: authorised });
  if (!answer.ok) return;
  for (const s of (await answer.json()).stages)
    console.log(
      `    server ${s.stage.padEnd(9)} p50 ${String(s.p50).padStart(4)} ms  p90 ${String(s.p90).padStart(4)} ms  ` +
        `p99 ${String(s.p99).padStart(4)} ms  max ${String(s.max).padStart(5)} ms  (${s.count}): ${s.measures}`,
    );
};
const measured = async (name, page) => {
  await resetStages();
  const quiet = await measure(page);
  line(name, { ...quiet, fps: await dragged(page) });
  await stages();
};
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (process.env.LOCAL_ASSETS) {
    // the page's scripts from this directory instead of the server: measures a change to the page against a running
    // stack without restarting it (LOCAL_ASSETS=tracking-service/src/main/resources/static/assets)
    await context.route('**/assets/**/*.js', (route) =>
      route.fulfill({
        path: process.env.LOCAL_ASSETS + new URL(route.request().url()).pathname.replace(/^\/assets/, ''),
        contentType: 'text/javascript',
      }),
    );
  }
  const page = await context.newPage();
  await page.goto(base + '/login');
  await page.fill('#token', operatorToken);
  await Promise.all([page.waitForURL(base + '/'), page.click('button[type=submit]')]);
  // the page opens on the world and fits itself to the city: a density view of every rider
  await page.waitForFunction(
    (n) => Number(document.getElementById('counters').dataset.riders) > n * 0.9,
    Number(fleet),
    { timeout: 90000 },
  );
  // the page may still be fitting itself to the city (a few zoom steps): measure a view that held still
  let city = await measure(page);
  for (let i = 0; i < 3 && city.zoom0 !== city.zoom; i++) city = await measure(page);
  line('whole city (fitted)', { ...city, fps: await dragged(page) });
  await page.screenshot({ path: `${outDir}/dashboard-100k-city.png` });
  // zoom in on the centre of the fitted city with the + button, one level a click
  for (const zoom of [14, 16]) {
    const resets = Number((await figure(page, 'resets')) || 0);
    while (Number(await page.getAttribute('#map', 'data-zoom')) < zoom) {
      const was = await page.getAttribute('#map', 'data-zoom');
      await page.click('.leaflet-control-zoom-in');
      await page.waitForFunction((z) => document.getElementById('map').dataset.zoom !== z, was);
    }
    await settled(page, resets);
    await measured(`centre at zoom ${zoom}`, page);
    await page.screenshot({ path: `${outDir}/dashboard-100k-zoom${zoom}.png` });
  }
} finally {
  await browser.close();
}
