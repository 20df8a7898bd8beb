// Opens the Kafka page (/kafka) in headless Chromium against a running tracking-service, signs in through the
// page's own "sign in" link, and checks every section renders with data, without console errors, polling only what
// is visible and never two requests at once per endpoint. Saves screenshots.
// usage: node kafka-check.mjs <baseUrl> <operatorToken> <outDir> [group to open] [rider id (a key)] [dead-letter topic]
import { chromium } from 'playwright-core';
import { watchConsole } from './console-watch.mjs';
import { mkdirSync } from 'node:fs';

const [base, operatorToken, outDir, groupName = '', riderKey = '', dltTopic = ''] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const fail = (msg) => {
  console.error('FAIL: ' + msg);
  process.exitCode = 1;
};
const rows = (page, selector) => page.locator(`${selector} tbody tr`).count();

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
  let signedIn = false;
  page.on('pageerror', (e) => fail('page error: ' + e.message));
  page.on('console', (m) => {
    if (signedIn && m.type() === 'error') fail('console error: ' + m.text());
  });
  // requests per API endpoint: how many at once, and which were asked for
  const inFlight = new Map();
  const asked = [];
  const endpoint = (url) => {
    const u = new URL(url);
    return u.pathname.startsWith('/api/') ? u.pathname : null;
  };
  page.on('request', (r) => {
    const e = endpoint(r.url());
    if (!e) return;
    asked.push({ e, at: Date.now() });
    inFlight.set(e, (inFlight.get(e) || 0) + 1);
    if (inFlight.get(e) > 1) fail(`two requests in flight at once to ${e}`);
  });
  const done = (r) => {
    const e = endpoint(r.url());
    if (e) inFlight.set(e, inFlight.get(e) - 1);
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);

  // signed out: the page says it is for operators and links to the sign-in, which comes back here
  const refused = await page.goto(base + '/kafka');
  if (refused.status() !== 401) fail('/kafka without a session answered ' + refused.status());
  await page.click('a[href^="/login"]');
  await page.waitForURL(/\/login/);
  await page.fill('#token', operatorToken);
  await Promise.all([page.waitForURL(base + '/kafka'), page.click('button[type=submit]')]);
  signedIn = true;
  // from here on, the console stays empty and no request fails (checked at the end)
  const pageConsole = watchConsole(page, 'Kafka page');
  console.log('signed in, back on ' + page.url());

  // cluster: brokers, quorum, versions and the header
  await page.waitForSelector('#cluster-body[data-loaded=true] .broker', { timeout: 30000 });
  await page.waitForFunction(() => document.getElementById('h-version').textContent !== '–');
  const brokers = await page.locator('.broker').count();
  const voters = await rows(page, '#quorum');
  const features = await rows(page, '#features');
  console.log(
    `cluster: ${brokers} broker(s), ${voters} quorum node(s), ${features} feature(s), Kafka ${await page.textContent('#h-version')}, ` +
      `header "${await page.textContent('#conn-text')}"`,
  );
  if (brokers < 1 || voters < 1 || features < 1) fail('cluster section without brokers, quorum or features');
  if (!(await page.locator('.broker .tag', { hasText: 'controller' }).count()))
    fail('no broker marked as the controller');
  await page.screenshot({ path: `${outDir}/kafka-cluster.png` });

  // topics: the list, one topic's partitions, the internal topics behind the toggle
  await page.click('.tabs a[data-tab=topics]');
  await page.waitForSelector('#topics-table tbody tr');
  await page.goto(base + '/kafka#topics/rider-locations');
  await page.waitForSelector('#topic-detail[data-topic="rider-locations"] #partitions-table tbody tr');
  const partitions = await rows(page, '#partitions-table');
  const listed = Number(await page.textContent('#topics-table tr[data-topic="rider-locations"] td:nth-child(2)'));
  console.log(`topics: ${await rows(page, '#topics-table')} shown; rider-locations has ${partitions} partitions`);
  if (partitions !== listed) fail(`the list says ${listed} partitions, the detail shows ${partitions}`);
  if ((await page.locator('#partitions-table .rep.leader').count()) < 1) fail('no partition shows its leader');
  if ((await page.locator('#topic-detail .configs div').count()) < 3) fail('topic configs missing');
  await page.screenshot({ path: `${outDir}/kafka-topics.png` });
  if (await page.locator('#topics-table tr[data-topic="__consumer_offsets"]').count())
    fail('internal topics shown by default');
  await page.click('label.switch:has(#topics-internal)');
  await page.waitForSelector('#topics-table tr[data-topic="__consumer_offsets"]');

  // groups: list, one group's assignment, members, lag and lag history
  await page.click('.tabs a[data-tab=groups]');
  await page.waitForSelector('#groups-table tbody tr');
  const groups = await page.$$eval('#groups-table tbody tr', (trs) => trs.map((tr) => tr.dataset.group));
  console.log('groups: ' + groups.join(', '));
  if (groupName) {
    if (!groups.includes(groupName)) fail(`group ${groupName} not listed`);
    await page.click(`#groups-table tr[data-group="${groupName}"] a`);
  }
  await page.waitForSelector('#group-detail[data-loaded=true] #assignment');
  const shown = await page.getAttribute('#group-detail', 'data-group');
  const cells = await page.locator('#assignment .pcell').count();
  const members = await page.locator('#assignment .owner').count();
  const status = await page.getAttribute('#group-detail [data-status]', 'data-status');
  const reason = await page.textContent('#group-detail .status-big span');
  console.log(`group ${shown}: ${cells} partition cells, ${members} member(s), status ${status} (${reason})`);
  if (cells < 1 || members < 1) fail('group assignment without partitions or members');
  await page
    .waitForSelector('#lag-chart svg.chart path.line', { state: 'attached', timeout: 30000 })
    .catch(() => fail('no lag history chart within 30 s'));
  const points = await page.getAttribute('#lag-chart svg.chart', 'data-points');
  // a reload asks the server again and draws the same history
  await page.reload();
  await page.waitForSelector(`#group-detail[data-group="${shown}"] #lag-chart svg.chart path.line`, {
    state: 'attached',
    timeout: 30000,
  });
  const again = Number(await page.getAttribute('#lag-chart svg.chart', 'data-points'));
  console.log(`lag history: ${points} points, after a reload ${again}`);
  if (again < Number(points)) fail('the lag history lost points on reload');
  await page.screenshot({ path: `${outDir}/kafka-groups.png` });
  await page.screenshot({ path: `${outDir}/kafka-groups-full.png`, fullPage: true });

  // timeline
  await page.click('.tabs a[data-tab=timeline]');
  await page.waitForSelector('#timeline-body[data-loaded=true]');
  const events = await page.locator('#events li').count();
  console.log(`timeline: ${events} event(s); newest: ${events ? await page.textContent('#events li p') : '-'}`);
  if (events < 1) fail('the timeline shows no event');
  await page.screenshot({ path: `${outDir}/kafka-timeline.png` });

  // messages: newest records, then one rider's fixes in one partition
  await page.click('.tabs a[data-tab=messages]');
  await page.waitForSelector('#msg-body[data-loaded=true] #records tbody tr', { timeout: 15000 });
  console.log(`messages: ${await rows(page, '#records')} newest records of ${await page.inputValue('#m-topic')}`);
  if ((await page.locator('#records pre.json').count()) < 1) fail('no pretty-printed JSON value');
  if (riderKey) {
    await page.fill('#m-key', riderKey);
    await page.click('#msg-form button[type=submit]');
    await page
      .waitForFunction(() => /all in partition/.test(document.getElementById('msg-summary').textContent), null, {
        timeout: 15000,
      })
      .catch(() => fail("no summary of the key's partition"));
    const parts = await page.$$eval('#records tbody tr', (trs) => [...new Set(trs.map((tr) => tr.dataset.partition))]);
    const summary = await page.textContent('#msg-summary');
    console.log(`key ${riderKey}: ${summary}`);
    if (parts.length !== 1) fail(`a key's records came from partitions ${parts.join(', ')}`);
    if (!/in order/.test(summary)) fail("the key's fixes are not shown in seq order");
    await page.screenshot({ path: `${outDir}/kafka-messages-key.png` });
    await page.fill('#m-key', '');
  }
  if (dltTopic) {
    await page.selectOption('#m-topic', dltTopic);
    await page.click('#msg-form button[type=submit]');
    await page
      .waitForSelector('#records [data-dead-letter]', { timeout: 15000 })
      .catch(() => fail('no dead-letter record explained in ' + dltTopic));
    console.log('dead letter: ' + (await page.textContent('#records .dead-letter')).replace(/\s+/g, ' '));
    await page.screenshot({ path: `${outDir}/kafka-messages-dlt.png` });
    await page.selectOption('#m-topic', 'rider-locations');
  }
  // the live tail asks again and again; a reading with the tail off asks once
  const before = asked.filter((a) => a.e.endsWith('/messages')).length;
  await page.click('label.switch:has(#m-tail)');
  await page.waitForFunction(() => document.getElementById('m-tail').checked);
  const t0 = Date.now();
  while (asked.filter((a) => a.e.endsWith('/messages')).length < before + 3 && Date.now() - t0 < 20000) {
    await page.waitForRequest((r) => r.url().includes('/messages'), { timeout: 20000 });
  }
  const tails = asked.filter((a) => a.e.endsWith('/messages')).length - before;
  console.log(`live tail: ${tails} readings`);
  if (tails < 3) fail('the live tail did not keep reading');
  await page.waitForSelector('#msg-body[data-loaded=true] #records tbody tr');
  await page.screenshot({ path: `${outDir}/kafka-messages.png` });

  // only the visible section polls: between two header polls on the messages tab nothing asks for groups or topics
  await page.click('label.switch:has(#m-tail)');
  const mark = Date.now();
  await page.waitForRequest((r) => r.url().endsWith('/api/v1/kafka/cluster'), { timeout: 15000 });
  await page.waitForRequest((r) => r.url().endsWith('/api/v1/kafka/cluster'), { timeout: 15000 });
  const hidden = asked.filter((a) => a.at > mark && /\/(groups|topics$|timeline)/.test(a.e));
  if (hidden.length) fail('hidden sections polled: ' + hidden.map((a) => a.e).join(', '));
  console.log(`polling: only the header and the visible section asked (${asked.length} API requests in all)`);
  for (const problem of pageConsole.problems()) fail(problem);
  console.log(`Kafka page console: ${pageConsole.problems().length} problem(s)`);
} finally {
  await browser.close();
}
