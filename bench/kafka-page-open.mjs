// Keeps N signed-in headless Chromium pages open on the Kafka page for a while, as N
// operators would, for bench/kafka-page-cpu.py. Each page stays on its default tab and
// polls the API as it does for a person.
// usage: node kafka-page-open.mjs <baseUrl> <operatorToken> <pages> <seconds>
// Needs playwright-core: npm ci --prefix tracking-service/src/test/browser (run from the repository root).
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tracking-service/src/test/browser/', import.meta.url));
const { chromium } = require('playwright-core');

const [base, token, pages = '2', seconds = '60'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
try {
  const opened = [];
  for (let i = 0; i < Number(pages); i++) {
    // a context each: separate cookies and timers, as separate people would have
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(base + '/login?next=/kafka');
    await page.fill('#token', token);
    await Promise.all([page.waitForURL((url) => url.pathname === '/kafka' || url.pathname === '/'),
      page.click('button[type=submit]')]);
    if (new URL(page.url()).pathname !== '/kafka') {
      await page.goto(base + '/kafka');
    }
    opened.push(page);
  }
  console.log(`${opened.length} Kafka page(s) open for ${seconds} s`);
  await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000));
} finally {
  await browser.close();
}
