// Opens the dashboard and a customer page in headless Chromium against a running
// tracking-service, checks riders appear and move, and saves screenshots.
// usage: node ui-check.mjs <baseUrl> <operatorToken> <customerPath> <outDir> [riderIdPrefix of the moving riders]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, operatorToken, customerPath, outDir, movingPrefix = ''] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const fail = (msg) => { console.error('FAIL: ' + msg); process.exitCode = 1; };

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => fail('page error: ' + e.message));

  // unauthenticated: the dashboard sends us to the login page
  await page.goto(base + '/');
  if (!page.url().endsWith('/login')) fail('expected the login page, got ' + page.url());
  await page.screenshot({ path: `${outDir}/login.png` });
  await page.fill('#token', operatorToken);
  await Promise.all([page.waitForURL(base + '/'), page.click('button[type=submit]')]);

  await page.waitForFunction(() => window.__ridertrack && window.__ridertrack.riders > 0, null, { timeout: 30000 });
  const first = await page.evaluate((p) => window.__ridertrackSample(p), movingPrefix);
  await page.waitForTimeout(3000);
  const later = await page.evaluate((p) => window.__ridertrackSample(p), movingPrefix);
  const moved = Object.keys(first).filter((id) => later[id] && (later[id][0] !== first[id][0] || later[id][1] !== first[id][1]));
  console.log(`riders on map: ${await page.evaluate(() => window.__ridertrack.riders)}, moved in 3 s: ${moved.length}/${Object.keys(first).length}`);
  if (moved.length === 0) fail('no rider moved in 3 s');
  // other tests' riders in this JVM are scattered over the world: look at the moving city
  if (movingPrefix) await page.evaluate((p) => window.__ridertrackFit(p), movingPrefix);
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `${outDir}/dashboard.png` });

  // click a rider: the details panel opens with its trail
  const point = await page.evaluate((p) => window.__ridertrackScreenPoint(p), movingPrefix);
  if (point) {
    await page.mouse.click(point[0], point[1]);
    await page.waitForSelector('#details:not([hidden])', { timeout: 5000 });
    await page.waitForFunction(() => document.getElementById('d-speed').textContent.includes('km/h'), null, { timeout: 10000 });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `${outDir}/dashboard-rider.png` });
    console.log('details panel: ' + (await page.textContent('#d-title')));
  } else fail('no rider on screen to click');

  // the customer page, phone-sized
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
  const customer = await phone.newPage();
  customer.on('pageerror', (e) => fail('customer page error: ' + e.message));
  const response = await customer.goto(base + customerPath);
  if (response.status() !== 200) fail('customer page answered ' + response.status());
  await customer.waitForFunction(() => window.__ridertrack && window.__ridertrack.riders > 0, null, { timeout: 30000 });
  await customer.waitForTimeout(2000);
  const headline = await customer.textContent('#headline');
  console.log('customer page: ' + headline);
  if (!/rider|way/i.test(headline)) fail('unexpected headline: ' + headline);
  await customer.screenshot({ path: `${outDir}/customer.png` });

  const refused = await (await phone.newPage()).goto(base + customerPath.replace(/token=[^&]+/, 'token=wrong'));
  if (refused.status() !== 403) fail('a wrong token answered ' + refused.status());
} finally {
  await browser.close();
}
