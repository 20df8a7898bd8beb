// Opens the dashboard and a customer page in headless Chromium against a running tracking-service, drives them as a
// person would (search box, zoom buttons, clicking a rider, the replay controls, the zones switch, the keyboard) and
// reads what the pages show: their text, and the figures the dashboard keeps as data-* attributes on its counters
// (data-riders, data-mode, data-density-total, ...) and the map's data-zoom. No hooks into the pages' code.
// usage: node ui-check.mjs <baseUrl> <operatorToken> <customerPath> <outDir> <riderId of a moving rider>
//        [orderId to replay (needs a history service behind the proxy)]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { watchConsole } from './console-watch.mjs';

const [base, operatorToken, customerPath, outDir, riderId, replayOrder = ''] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const fail = (msg) => {
  console.error('FAIL: ' + msg);
  process.exitCode = 1;
};

// the dashboard's live figures, as numbers where they are numbers
const figures = (page) =>
  page.evaluate(() => {
    const out = {};
    for (const [k, v] of Object.entries(document.getElementById('counters').dataset)) {
      out[k] = v !== '' && !isNaN(Number(v)) ? Number(v) : v;
    }
    return out;
  });
const until = (page, predicate, arg, timeout = 15000) => page.waitForFunction(predicate, arg, { timeout });
const zoomOf = (page) => page.evaluate(() => Number(document.getElementById('map').dataset.zoom));
// what is drawn has been painted: two animation frames
const painted = (page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

// with the map's + and − buttons, one level a click; whether the map moved
async function zoomTo(page, zoom) {
  let moved = false;
  for (let z = await zoomOf(page); z !== zoom; z = await zoomOf(page)) {
    await page.click(z > zoom ? '.leaflet-control-zoom-out' : '.leaflet-control-zoom-in');
    await until(page, (was) => Number(document.getElementById('map').dataset.zoom) !== was, z);
    moved = true;
  }
  return moved;
}

// The live view after a move: the server answered the new viewport (a reset frame: everything in view) with riders,
// not the density grid. resets: how many reset frames the page had before the move.
async function ridersShown(page, resets) {
  await until(
    page,
    (r) => {
      const d = document.getElementById('counters').dataset;
      return d.mode === 'riders' && Number(d.riders) > 0 && Number(d.resets) > r;
    },
    resets,
  );
}
const resetsOf = async (page) => (await figures(page)).resets || 0;

// a rider dot on the map, found by its colour in the rider canvas, away from the panels over the map's edges
const riderOnScreen = (page) =>
  page.evaluate(() => {
    const canvas = document.querySelector('.rider-canvas');
    const { width: w, height: h } = canvas;
    // read a copy: reading the page's own canvas back again and again makes Chromium warn
    const copy = document.createElement('canvas');
    copy.width = w;
    copy.height = h;
    const copyContext = copy.getContext('2d', { willReadFrequently: true });
    copyContext.drawImage(canvas, 0, 0);
    const data = copyContext.getImageData(0, 0, w, h).data;
    const colours = new Set(['142,163,189', '245,165,36', '47,212,125']);
    const rect = canvas.getBoundingClientRect();
    let best = null;
    for (let y = Math.round(h * 0.2); y < h * 0.75; y++) {
      for (let x = Math.round(w * 0.2); x < w * 0.8; x++) {
        const o = (y * w + x) * 4;
        if (data[o + 3] !== 255 || !colours.has(`${data[o]},${data[o + 1]},${data[o + 2]}`)) continue;
        const d = Math.hypot(x - w / 2, y - h / 2);
        if (!best || d < best.d) best = { d, x: rect.left + x, y: rect.top + y };
      }
    }
    return best && [best.x, best.y];
  });

const browser = await chromium.launch({
  executablePath,
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
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => fail('page error: ' + e.message));

  // every request of the sign-in page and the dashboard, and their consoles: empty at the end (checked below)
  const signInConsole = watchConsole(page, 'sign-in page');

  // unauthenticated: the dashboard sends us to the login page
  await page.goto(base + '/');
  if (!page.url().endsWith('/login')) fail('expected the login page, got ' + page.url());
  await page.screenshot({ path: `${outDir}/login.png` });
  for (const problem of signInConsole.problems()) fail(problem);
  signInConsole.clear();
  await page.fill('#token', operatorToken);
  await Promise.all([page.waitForURL(base + '/'), page.click('button[type=submit]')]);
  const dashboardConsole = watchConsole(page, 'dashboard');
  if ((await page.getAttribute('header a[href="/kafka"]', 'href')) !== '/kafka') fail('no link to the Kafka page');

  // The page opens on the whole world (a density view) and fits itself to where the riders are. Other tests'
  // riders in this JVM are scattered over the world, so that may stay a density view: search for a rider of the
  // moving city; the map goes to it, and its panel shows where it is.
  await until(page, () => Number(document.getElementById('counters').dataset.riders) > 0, null, 30000);
  for (let attempt = 1; ; attempt++) {
    await page.fill('#search-input', riderId);
    await page.press('#search-input', 'Enter');
    await page.waitForSelector('#details:not([hidden])', { timeout: 5000 });
    await until(page, (id) => document.getElementById('d-title').textContent === id, riderId);
    // until its first fix is in, the panel says "not live": search again, as a person would
    const found = await until(page, () => document.getElementById('d-pos').textContent.includes(','), null, 5000)
      .then(() => true)
      .catch(() => false);
    if (found) break;
    if (attempt === 5) throw new Error(`${riderId} not found by the search box`);
  }
  await until(page, () => Number(document.getElementById('map').dataset.zoom) >= 15).catch(async () =>
    fail(`the search did not zoom to the rider (zoom ${await zoomOf(page)})`),
  );
  const here = await page.textContent('#d-pos');
  await until(page, (was) => document.getElementById('d-pos').textContent !== was, here, 10000).catch(() =>
    fail(`${riderId} did not move from ${here} in 10 s`),
  );
  console.log(
    `${riderId} moved: ${here} → ${await page.textContent('#d-pos')}, at ${await page.textContent('#d-speed')}`,
  );
  await page.click('#d-close');

  // the moving city, zoomed out with the − button
  let resets = await resetsOf(page);
  await zoomTo(page, 12);
  await ridersShown(page, resets);
  // the top bar's text catches up once a second
  await until(
    page,
    () => document.getElementById('c-riders').textContent === document.getElementById('counters').dataset.riders,
  );
  console.log(`riders on map at zoom 12: ${await page.textContent('#c-riders')}`);
  // the riders glide on the map between their fixes, with no one touching it
  // the riders glide between their fixes with nobody touching the map: the riders' canvas changes. The page draws
  // only when the picture changes (new fixes wake it, a gliding rider sets a timer for its next half pixel).
  await painted(page);
  const still = await page.evaluate(() => document.querySelector('.rider-canvas').toDataURL());
  await page
    .waitForFunction((was) => document.querySelector('.rider-canvas').toDataURL() !== was, still, {
      timeout: 5000,
      polling: 250,
    })
    .catch(() => fail('the riders did not move on the map in 5 s'));
  await page.screenshot({ path: `${outDir}/dashboard.png` });

  // click a rider: the details panel opens with its trail
  const point = await riderOnScreen(page);
  if (point) {
    await page.mouse.click(point[0], point[1]);
    await page.waitForSelector('#details:not([hidden])', { timeout: 5000 });
    await until(page, () => document.getElementById('d-speed').textContent.includes('km/h'), null, 10000);
    await painted(page);
    await page.screenshot({ path: `${outDir}/dashboard-rider.png` });
    console.log('details panel: ' + (await page.textContent('#d-title')));
    if (replayOrder) {
      // the rider's last hour from the details panel: it plays and the marker moves
      await page.click('#d-replay');
      await page.waitForSelector('#replay:not([hidden])', { timeout: 10000 });
      const start = await page.textContent('#r-clock');
      const slider = Number(await page.inputValue('#r-slider'));
      await until(page, (v) => Number(document.getElementById('r-slider').value) > v, slider, 5000).catch(() =>
        fail('the rider replay did not advance'),
      );
      console.log(
        `rider replay: ${await page.textContent('#r-title')}, ${await page.textContent('#r-distance')}, ` +
          `playing from ${start} to ${await page.textContent('#r-clock')}`,
      );
      await page.screenshot({ path: `${outDir}/replay-rider.png` });
      await page.click('#r-close');
      await page.click('#d-close');
    }
  } else fail('no rider on screen to click');

  if (replayOrder) {
    // an order from the search box: the message offers its replay
    await page.fill('#search-input', replayOrder);
    await page.press('#search-input', 'Enter');
    await page.click(`#toast button[data-replay-order="${replayOrder}"]`, { timeout: 10000 });
    await page.waitForSelector('#replay:not([hidden])', { timeout: 10000 });
    await page.click('#r-speeds button[data-speed="20"]');
    const slider = Number(await page.inputValue('#r-slider'));
    await until(page, (v) => Number(document.getElementById('r-slider').value) > v + 20, slider, 5000).catch(() =>
      fail('the order replay did not advance'),
    );
    await page.click('#r-play'); // pause
    if ((await page.getAttribute('#r-play', 'aria-label')) !== 'Play') fail('pause did not pause');
    const paused = await page.inputValue('#r-slider');
    await painted(page); // playing, it would have moved on each animation frame
    if ((await page.inputValue('#r-slider')) !== paused) fail('the replay moved on while paused');
    // scrub to just after the pick-up, where the picture tells the story
    await page.$eval('#r-slider', (s) => {
      s.value = 640;
      s.dispatchEvent(new Event('input'));
    });
    await painted(page);
    const stats = await page.evaluate(() =>
      ['r-distance', 'r-moving', 'r-stops'].map((id) => document.getElementById(id).textContent),
    );
    const ticks = await page.locator('#r-ticks .tick').count();
    console.log(
      `order replay: ${await page.textContent('#r-title')} distance ${stats[0]}, moving ${stats[1]}, ` +
        `stops ${stats[2]}, ${ticks} lifecycle marks`,
    );
    if (stats[0] === '–' || ticks < 3) fail('order replay without its figures or lifecycle marks');
    if ((await page.locator('.pin-restaurant').count()) !== 1 || (await page.locator('.pin-home').count()) !== 1) {
      fail('restaurant and home pins missing');
    }
    await page.screenshot({ path: `${outDir}/replay.png` });
    await page.click('#r-close');
    await page.click('#d-close').catch(() => {});

    // the zone heat layer and the city charts from zone-stats, over the city
    await zoomTo(page, 12);
    await page.click('label.switch');
    await until(page, () => Number(document.getElementById('zone-scale').dataset.zones) > 0, null, 30000).catch(() =>
      fail('zones heat switched on, but no zones drawn'),
    );
    if (!(await page.isVisible('#zone-scale'))) fail('zone scale not shown');
    await until(page, () => document.getElementById('s-riders').textContent !== '–').catch(() =>
      fail('no distinct riders from analytics (through /api/v1/city)'),
    );
    await until(page, () => document.getElementById('s-fixes').textContent !== '–').catch(() =>
      fail('city charts empty'),
    );
    // the headline is the last complete window, never the one still filling (the stub's
    // reads 0.5 fixes/s and 1 rider), and the panel names the window
    if ((await page.textContent('#s-fixes')) === '0.5' || (await page.textContent('#s-riders')) === '1') {
      fail(`city headline from the window still filling: ${await page.textContent('#s-fixes')} fixes/s`);
    }
    if (!/^window \d\d:\d\d:\d\d–\d\d:\d\d:\d\d$/.test(await page.textContent('#city-at'))) {
      fail(`city panel does not name its window: "${await page.textContent('#city-at')}"`);
    }
    await painted(page);
    const zones = await page.getAttribute('#zone-scale', 'data-zones');
    console.log(
      `zones: ${zones} cells, riders (analytics) ${await page.textContent('#s-riders')}, ` +
        `city fixes/s ${await page.textContent('#s-fixes')}, deliveries/min ${await page.textContent('#s-deliveries')}, ` +
        `avg delivery ${await page.textContent('#s-delivery-time')}`,
    );
    await page.screenshot({ path: `${outDir}/zones.png` });
    await page.click('label.switch');
    await page.waitForSelector('#zone-scale[hidden]', { state: 'attached', timeout: 5000 });
  }

  // zoomed out: the density layer replaces the riders, with its scale; zoomed in again: riders
  resets = await resetsOf(page);
  if (await zoomTo(page, 12)) await ridersShown(page, resets);
  const before = (await figures(page)).riders;
  await zoomTo(page, 10); // the density zoom: the city still fills a good part of the screen
  await until(page, () => {
    const d = document.getElementById('counters').dataset;
    return d.mode === 'density' && Number(d.densityTotal) > 0;
  }).catch(() => fail('zoomed out, but no density layer'));
  await painted(page);
  const dense = await figures(page);
  const scaleShown = await page.isVisible('#density-scale');
  console.log(
    `density view: ${dense.densityTotal} riders in ${dense.densityCells} cells of ${dense.densityCellPx} px ` +
      `(riders drawn before zooming out: ${before}), scale shown: ${scaleShown}, ${dense.bytesPerSec} B/s`,
  );
  if (dense.densityTotal < before) {
    fail(`density counts ${dense.densityTotal} riders, fewer than the ${before} drawn before zooming out`);
  }
  if (!scaleShown) fail('density scale not shown');
  // the busiest cell on screen, and what hovering it says
  const heat = await page.evaluate(() => {
    const c = document.querySelector('.rider-canvas');
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const copyContext = copy.getContext('2d', { willReadFrequently: true });
    copyContext.drawImage(c, 0, 0);
    const d = copyContext.getImageData(0, 0, c.width, c.height).data;
    const rect = c.getBoundingClientRect();
    let n = 0;
    let best = 0;
    let at = null;
    for (let i = 3; i < d.length; i += 4) {
      if (d[i] === 0) continue;
      n++;
      if (d[i] > best) {
        best = d[i];
        at = [rect.left + ((i >> 2) % c.width), rect.top + Math.floor((i >> 2) / c.width)];
      }
    }
    return { n, at };
  });
  if (heat.n < 50) fail(`density layer painted only ${heat.n} pixels`);
  if (heat.at) {
    await page.mouse.move(heat.at[0], heat.at[1]);
    await page.waitForSelector('#density-tip:not([hidden])', { timeout: 5000 }).catch(() => fail('no counts on hover'));
    console.log(`hovering the busiest cell: ${(await page.textContent('#density-tip')).replace(/\s+/g, ' ')}`);
  }
  await page.screenshot({ path: `${outDir}/dashboard-density.png` });
  await page.mouse.move(5, 5);
  resets = await resetsOf(page);
  await zoomTo(page, 12);
  await ridersShown(page, resets).catch(() => fail('zoomed in again, but riders did not come back'));
  console.log(`zoomed in again: ${(await figures(page)).riders} riders drawn`);

  // the whole visit's console, the map drawn without a tile server: nothing failed, nothing complained
  for (const problem of dashboardConsole.problems()) fail(problem);
  console.log(`dashboard console: ${dashboardConsole.problems().length} problem(s)`);

  // the customer page, phone-sized
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
  });
  const customer = await phone.newPage();
  customer.on('pageerror', (e) => fail('customer page error: ' + e.message));
  const customerConsole = watchConsole(customer, 'customer page');
  const response = await customer.goto(base + customerPath);
  if (response.status() !== 200) fail('customer page answered ' + response.status());
  await until(customer, () => Number(document.body.dataset.riders) > 0, null, 30000);
  const headline = await customer.textContent('#headline');
  console.log('customer page: ' + headline);
  if (!/rider|way/i.test(headline)) fail('unexpected headline: ' + headline);
  // the ETA eta-service published for this order, not "calculating…"
  await until(customer, () => /min/.test(document.getElementById('eta').textContent)).catch(async () =>
    fail('customer page shows no ETA: ' + (await customer.textContent('#eta'))),
  );
  await painted(customer);
  const labelsOf = () => customer.getAttribute('#map', 'data-district-labels');
  console.log(`customer ETA: ${await customer.textContent('#eta')}, district names: ${await labelsOf()}`);
  await customer.screenshot({ path: `${outDir}/customer.png` });
  // zoomed out on a phone (four presses of − on the focused map): district names thin out instead of piling up
  const zoom = await zoomOf(customer);
  await customer.focus('#map');
  for (let i = 1; i <= 4; i++) {
    await customer.keyboard.press('-');
    await until(customer, (z) => Number(document.getElementById('map').dataset.zoom) <= z, zoom - i);
  }
  await painted(customer);
  const labels = await labelsOf();
  console.log(`customer page zoomed out from ${zoom} to ${await zoomOf(customer)}: ${labels} district names drawn`);
  if (labels !== null && Number(labels) > 1) fail(`${labels} district names crowd the zoomed-out phone map`);
  await customer.screenshot({ path: `${outDir}/customer-zoomed-out.png` });

  for (const problem of customerConsole.problems()) fail(problem);

  const refused = await (await phone.newPage()).goto(base + customerPath.replace(/token=[^&]+/, 'token=wrong'));
  if (refused.status() !== 403) fail('a wrong token answered ' + refused.status());
} finally {
  await browser.close();
}
