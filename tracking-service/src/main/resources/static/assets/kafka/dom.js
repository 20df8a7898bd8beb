// Small helpers to build the page's DOM without innerHTML, so record contents are never parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'style' && typeof v === 'object') {
      for (const [prop, value] of Object.entries(v)) {
        if (prop.startsWith('--')) el.style.setProperty(prop, value);
        else el.style[prop] = value;
      }
    } else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** h('td', {class: 'num'}, '12') */
export function h(tag, attrs, ...children) {
  return apply(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs, ...children) {
  return apply(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function $(id) {
  return document.getElementById(id);
}

export function replace(el, ...children) {
  el.replaceChildren();
  return apply(el, {}, children);
}

/** A message in place of a section's content: what is going on and what to do. */
export function notice(kind, title, text, ...extra) {
  return h(
    'div',
    { class: `notice ${kind}`, 'data-state': kind },
    h('b', {}, title),
    text ? h('p', {}, text) : null,
    extra,
  );
}

export function errorNotice(e, what) {
  if (e && e.status === 401) {
    return notice(
      'error',
      'Signed out',
      'Your operator session has ended.',
      h('a', { class: 'btn', href: '/login?next=/kafka' }, 'Sign in again'),
    );
  }
  const detail = e && e.detail ? e.detail : e && e.message ? e.message : String(e);
  return notice('error', `Could not load ${what}`, `${detail} The page keeps trying every few seconds.`);
}

/** A table from column headers and rows of cells (nodes or text). */
export function table(headers, rows, attrs = {}) {
  return h(
    'table',
    { class: 'grid', ...attrs },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((c) => (typeof c === 'string' ? h('th', {}, c) : h('th', c.attrs || {}, c.label))),
      ),
    ),
    h('tbody', {}, rows),
  );
}

export function badge(cls, text, title) {
  return h('span', { class: `tag ${cls}`, title }, text);
}
