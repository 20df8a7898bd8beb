// What a person would find in the browser's developer console: console errors and warnings, uncaught exceptions,
// requests that failed (a tile server out of reach, a blocked host) and answers of 400 or more (a missing favicon,
// a refused API call). watchConsole(page, label) starts listening; problems() lists what was seen since.
// Requests the page itself cancels (net::ERR_ABORTED: a poll cut short by navigating away) are not failures.
export function watchConsole(page, label) {
  const seen = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') seen.push(`${label}: console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`${label}: uncaught ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure() ? r.failure().errorText : 'failed';
    if (why !== 'net::ERR_ABORTED') seen.push(`${label}: request failed: ${r.url()} (${why})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) seen.push(`${label}: ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  return { problems: () => [...seen], clear: () => seen.splice(0) };
}
