// Opens the dashboard and a customer page in headless Chromium against a running
// tracking-service, checks riders appear and move, and saves screenshots.
// usage: node ui-check.mjs <baseUrl> <operatorToken> <customerPath> <outDir> [riderIdPrefix of the moving riders]
//        [orderId to replay (needs a history service behind the proxy)]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, operatorToken, customerPath, outDir, movingPrefix = '', replayOrder = ''] = process.argv.slice(2);
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

  // The page opens on the whole world (a density view) and fits itself to where the riders are. Other tests'
  // riders in this JVM are scattered over the world, so that may stay a density view: go to the moving city
  // (CitySimulation's centre) and wait for its riders.
  await page.waitForFunction(() => window.__ridertrack && window.__ridertrack.riders > 0, null, { timeout: 30000 });
  await page.evaluate(() => window.__ridertrackBase.view(52.52, 13.405, 12));
  await page.waitForFunction(() => window.__ridertrack.mode === 'riders' && window.__ridertrack.riders > 0, null, { timeout: 30000 });
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
    if (replayOrder) {
      // the rider's last hour from the details panel: it plays and the marker moves
      await page.click('#d-replay');
      await page.waitForSelector('#replay:not([hidden])', { timeout: 10000 });
      const t0 = await page.evaluate(() => window.__ridertrackReplay.t);
      await page.waitForTimeout(1500);
      const t1 = await page.evaluate(() => window.__ridertrackReplay.t);
      console.log(`rider replay: ${await page.textContent('#r-title')}, ${await page.textContent('#r-distance')}, advanced ${Math.round((t1 - t0) / 1000)} s of track in 1.5 s at 10x`);
      if (!(t1 > t0)) fail('the rider replay did not advance');
      await page.screenshot({ path: `${outDir}/replay-rider.png` });
      await page.click('#r-close');
      await page.click('#d-close');
    }
  } else fail('no rider on screen to click');

  if (replayOrder) {
    // an order from the search box: the toast offers its replay
    await page.fill('#search-input', replayOrder);
    await page.press('#search-input', 'Enter');
    await page.click(`#toast button[data-replay-order="${replayOrder}"]`, { timeout: 10000 });
    await page.waitForSelector('#replay:not([hidden])', { timeout: 10000 });
    await page.click('#r-speeds button[data-speed="20"]');
    await page.waitForTimeout(2000);
    await page.click('#r-play'); // pause
    const playing = await page.evaluate(() => window.__ridertrackReplay.playing);
    if (playing) fail('pause did not pause');
    // scrub to just after the pick-up, where the picture tells the story
    await page.evaluate(() => {
      const s = document.getElementById('r-slider');
      s.value = 640; s.dispatchEvent(new Event('input'));
    });
    await page.waitForTimeout(600);
    const stats = await page.evaluate(() => ['r-distance', 'r-moving', 'r-stops'].map((id) => document.getElementById(id).textContent));
    const ticks = await page.locator('#r-ticks .tick').count();
    console.log(`order replay: ${await page.textContent('#r-title')} distance ${stats[0]}, moving ${stats[1]}, stops ${stats[2]}, ${ticks} lifecycle marks`);
    if (stats[0] === '–' || ticks < 3) fail('order replay without its figures or lifecycle marks');
    if ((await page.locator('.pin-restaurant').count()) !== 1 || (await page.locator('.pin-home').count()) !== 1) fail('restaurant and home pins missing');
    await page.screenshot({ path: `${outDir}/replay.png` });
    await page.click('#r-close');

    // the zone heat layer and the city charts from zone-stats
    await page.waitForFunction(() => window.__ridertrackZones && window.__ridertrackZones.zones.length > 0, null, { timeout: 30000 });
    await page.click('#d-close').catch(() => {});
    await page.evaluate(() => window.__ridertrackZonesToggle(true));
    await page.evaluate(() => window.__ridertrackFitZones());
    await page.waitForTimeout(1500);
    const zones = await page.evaluate(() => window.__ridertrackZones.zones.length);
    const fixesPerSec = await page.textContent('#s-fixes');
    await page.waitForFunction(() => document.getElementById('s-riders').textContent !== '–', null, { timeout: 15000 })
      .catch(() => fail('no distinct riders from analytics (through /api/v1/city)'));
    console.log(`zones: ${zones} cells, riders (analytics) ${await page.textContent('#s-riders')}, city fixes/s ${fixesPerSec}, deliveries/min ${await page.textContent('#s-deliveries')}, avg delivery ${await page.textContent('#s-delivery-time')}`);
    if (fixesPerSec === '–') fail('city charts empty');
    await page.screenshot({ path: `${outDir}/zones.png` });
    await page.evaluate(() => window.__ridertrackZonesToggle(false));
  }

  // zoomed out: the density layer replaces the riders, with its scale; zoomed in again: riders
  await page.evaluate(() => { document.getElementById('details').hidden = true; });
  if (movingPrefix) await page.evaluate((p) => window.__ridertrackFit(p), movingPrefix);
  await page.waitForTimeout(1000);
  const before = await page.evaluate(() => window.__ridertrack.riders);
  const zoomBefore = await page.evaluate(() => window.__ridertrackZoom());
  await page.evaluate(() => window.__ridertrackBase.zoomTo(10)); // the density zoom: the city still fills a good part of the screen
  await page.waitForFunction(() => window.__ridertrack.mode === 'density' && window.__ridertrack.densityTotal > 0, null, { timeout: 15000 })
    .catch(() => fail('zoomed out, but no density layer'));
  await page.waitForTimeout(1500);
  const dense = await page.evaluate(() => ({ ...window.__ridertrack }));
  const scaleShown = await page.isVisible('#density-scale');
  console.log(`density view: ${dense.densityTotal} riders in ${dense.densityCells} cells of ${dense.densityCellPx} px (riders drawn before zooming out: ${before}), scale shown: ${scaleShown}, ${Math.round(dense.bytesPerSec)} B/s`);
  if (dense.densityTotal < before) fail(`density counts ${dense.densityTotal} riders, fewer than the ${before} drawn before zooming out`);
  if (!scaleShown) fail('density scale not shown');
  const painted = await page.evaluate(() => {
    const c = document.querySelector('.rider-canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  if (painted < 50) fail(`density layer painted only ${painted} pixels`);
  await page.screenshot({ path: `${outDir}/dashboard-density.png` });
  await page.evaluate((z) => window.__ridertrackBase.zoomTo(Math.max(z, 12)), zoomBefore);
  await page.waitForFunction(() => window.__ridertrack.mode === 'riders' && window.__ridertrack.riders > 0, null, { timeout: 15000 })
    .catch(() => fail('zoomed in again, but riders did not come back'));
  console.log(`zoomed in again: ${await page.evaluate(() => window.__ridertrack.riders)} riders drawn`);

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
  // the ETA eta-service published for this order, not "calculating…"
  await customer.waitForFunction(() => /min/.test(document.getElementById('eta').textContent), null, { timeout: 15000 })
    .catch(async () => fail('customer page shows no ETA: ' + await customer.textContent('#eta')));
  console.log('customer ETA: ' + (await customer.textContent('#eta')) + ', district names: ' + (await customer.evaluate(() => window.__ridertrackBase.labels())));
  await customer.screenshot({ path: `${outDir}/customer.png` });
  // zoomed out on a phone: district names thin out instead of piling up
  await customer.evaluate(() => window.__ridertrackBase.zoomBy(-4));
  await customer.waitForTimeout(800);
  const labels = await customer.evaluate(() => window.__ridertrackBase.labels());
  console.log(`customer page zoomed out: ${labels} district names drawn`);
  if (labels !== null && labels > 1) fail(`${labels} district names crowd the zoomed-out phone map`);
  await customer.screenshot({ path: `${outDir}/customer-zoomed-out.png` });

  const refused = await (await phone.newPage()).goto(base + customerPath.replace(/token=[^&]+/, 'token=wrong'));
  if (refused.status() !== 403) fail('a wrong token answered ' + refused.status());
} finally {
  await browser.close();
}
