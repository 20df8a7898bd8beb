// The message at the bottom of the dashboard: a few seconds, then gone.
const el = () => document.getElementById('toast');

export function toast(html, ms = 3500) {
  const t = el();
  t.innerHTML = html;
  t.hidden = false;
  clearTimeout(t._timer);
  t._timer = setTimeout(() => {
    t.hidden = true;
  }, ms);
}

export function hideToast() {
  el().hidden = true;
}
