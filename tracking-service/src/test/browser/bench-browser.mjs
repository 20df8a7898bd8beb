// Measures the dashboard in headless Chromium while the benchmark feeds 100,000 riders:
// fps from requestAnimationFrame and bytes/s received, over 15 s with every rider on screen.
// usage: node bench-browser.mjs <baseUrl> <operatorToken> <outDir>
import { chromium } from 'playwright-core';

const [base, operatorToken, outDir] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + '/login');
  await page.fill('#token', operatorToken);
  await Promise.all([page.waitForURL(base + '/'), page.click('button[type=submit]')]);
  await page.waitForFunction(() => window.__ridertrack && window.__ridertrack.riders > 90000, null, { timeout: 60000 });
  await page.waitForTimeout(3000);
  const result = await page.evaluate(() => new Promise((resolve) => {
    const m = window.__ridertrack;
    const bytes0 = m.bytes, frames0 = m.frames;
    let raf = 0;
    const t0 = performance.now();
    const count = () => { raf++; if (performance.now() - t0 < 15000) requestAnimationFrame(count); else done(); };
    const done = () => {
      const secs = (performance.now() - t0) / 1000;
      resolve({ fps: raf / secs, bytesPerSec: (m.bytes - bytes0) / secs, framesPerSec: (m.frames - frames0) / secs,
        riders: m.riders, e2eP50: m.e2eP50, e2eP99: m.e2eP99 });
    };
    requestAnimationFrame(count);
  }));
  await page.screenshot({ path: `${outDir}/dashboard-100k.png` });
  console.log(`browser: ${result.riders} riders on screen, ${result.fps.toFixed(1)} fps (requestAnimationFrame, 15 s), `
    + `${(result.bytesPerSec / 1e6).toFixed(2)} MB/s received in ${result.framesPerSec.toFixed(1)} frames/s, `
    + `in-page fix->screen p50 ${result.e2eP50} ms p99 ${result.e2eP99} ms`);
} finally {
  await browser.close();
}
