// Measures the dashboard in headless Chromium while the benchmark feeds 100,000 riders: fps from
// requestAnimationFrame, bytes/s and frames/s received, riders in view, over 10 s in each of three views:
// the whole city (zoomed out: the density grid), zoom 14 on the centre (tens of thousands of riders drawn
// one by one) and zoom 16 (a neighbourhood). Screenshots: dashboard-100k-{city,zoom14,zoom16}.png.
// usage: node bench-browser.mjs <baseUrl> <operatorToken> <outDir> [riders]
import { chromium } from 'playwright-core';

const [base, operatorToken, outDir, fleet = '100000'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const measure = (page) => page.evaluate(() => new Promise((resolve) => {
  const m = window.__ridertrack;
  const bytes0 = m.bytes, frames0 = m.frames;
  let raf = 0;
  const t0 = performance.now();
  const count = () => { raf++; if (performance.now() - t0 < 10000) requestAnimationFrame(count); else done(); };
  const done = () => {
    const secs = (performance.now() - t0) / 1000;
    resolve({ fps: raf / secs, bytesPerSec: (m.bytes - bytes0) / secs, framesPerSec: (m.frames - frames0) / secs,
      riders: m.riders, mode: m.mode, cells: m.densityCells, cellPx: m.densityCellPx, e2eP50: m.e2eP50, e2eP99: m.e2eP99,
      pushP50: m.pushP50, zoom: window.__ridertrackZoom() });
  };
  requestAnimationFrame(count);
}));
const line = (name, r) => console.log(`  ${name.padEnd(30)} zoom ${r.zoom}, ${r.mode === 'density'
  ? `density grid: ${r.riders} riders in ${r.cells} cells of ${r.cellPx} px`
  : `${r.riders} riders drawn`}: ${r.fps.toFixed(1)} fps, ${(r.bytesPerSec / 1e6).toFixed(3)} MB/s in ${r.framesPerSec.toFixed(1)} frames/s`
  + (r.mode === 'riders' ? `, in-page fix->screen p50 ${r.e2eP50} ms p99 ${r.e2eP99} ms, push p50 ${r.pushP50} ms` : ''));
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + '/login');
  await page.fill('#token', operatorToken);
  await Promise.all([page.waitForURL(base + '/'), page.click('button[type=submit]')]);
  // the page opens on the world and fits itself to the city: a density view of every rider
  await page.waitForFunction((n) => window.__ridertrack && window.__ridertrack.riders > n * 0.9, Number(fleet), { timeout: 90000 });
  await page.waitForTimeout(4000);
  const city = await measure(page);
  line('whole city (fitted)', city);
  await page.screenshot({ path: `${outDir}/dashboard-100k-city.png` });
  for (const zoom of [14, 16]) {
    await page.evaluate((z) => window.__ridertrackBase.view(52.52, 13.405, z), zoom);
    await page.waitForFunction(() => window.__ridertrack.mode === 'riders' && window.__ridertrack.riders > 0, null, { timeout: 30000 })
      .catch(() => {});
    await page.waitForTimeout(4000);
    line(`centre at zoom ${zoom}`, await measure(page));
    await page.screenshot({ path: `${outDir}/dashboard-100k-zoom${zoom}.png` });
  }
} finally {
  await browser.close();
}
