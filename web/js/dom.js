// dom.js: building the page out of elements. Every text goes in as a text
// node (textContent), never as HTML, so that a unit named <script> shows
// as those characters.

// h('a', {href: '#/x', class: 'on'}, 'text', child, [children]): an element.
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  add(el, kids);
  return el;
}

function add(el, kids) {
  for (const k of kids) {
    if (k === null || k === undefined || k === false) continue;
    if (Array.isArray(k)) add(el, k);
    else if (k instanceof Node) el.appendChild(k);
    else el.appendChild(document.createTextNode(String(k)));
  }
}

// Replace el's children.
export function put(el, ...kids) {
  el.replaceChildren();
  add(el, kids);
  return el;
}

// A typed number as the server reads it: the full-width forms a Chinese
// input method types (１２３４．５, －３) as ASCII (base/narrow.c), trimmed.
export function narrow(s) {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
    .replace(/\u3000/g, ' ').replace(/\u2212/g, '-').trim();
}

// A number as the server takes it: digits with a point, thousands in groups
// of three (1,234.5), a sign.
export const NUMBER = /^[-+]?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)$/;

// A figure as the API gave it (numbers keep the decimals the server wrote),
// or a visible gap for a figure without a value: never 0.
export function fig(v) {
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

// A growth rate with its sign and colour.
export function growth(v) {
  if (v === null || v === undefined) return h('span', { class: 'mute' }, '—');
  const n = Number(v);
  return h('span', { class: n > 0 ? 'up' : n < 0 ? 'down' : '' }, (n > 0 ? '+' : '') + v + '%');
}

// The query of the current hash (#/page?a=1&b=2).
export function hashQuery() {
  const i = location.hash.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : location.hash.slice(i + 1));
}

// #/page?… with the parameters given (empty ones left out).
export function link(page, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {}))
    if (v !== null && v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return '#/' + page + (s ? '?' + s : '');
}

// A table of rows (objects) with the columns given: [{key, label, num,
// cell(row) -> Node|text}], sortable by clicking a heading, filtered by
// the text in opts.filter when given; at most opts.limit rows are drawn
// (of all those the filter keeps), opts.count told how many it keeps.
export function table(rows, cols, opts = {}) {
  let sortKey = null, dir = 1;
  const tbody = h('tbody');
  const filter = opts.filter;
  function draw() {
    let list = rows;
    const f = filter ? filter.value.trim().toLowerCase() : '';
    if (f) list = list.filter((r) => cols.some((c) => String(r[c.key] ?? '').toLowerCase().includes(f)));
    if (sortKey) {
      const c = cols.find((x) => x.key === sortKey);
      list = [...list].sort((a, b) => {
        const x = a[sortKey], y = b[sortKey];
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (c && c.num ? Number(x) - Number(y) : String(x).localeCompare(String(y), 'zh-CN')) * dir;
      });
    }
    ths.forEach((th, k) => th.setAttribute('aria-sort',
      cols[k].key === sortKey ? (dir > 0 ? 'ascending' : 'descending') : 'none'));
    if (opts.count) put(opts.count, String(list.length));
    if (opts.limit) list = list.slice(0, opts.limit);
    put(tbody, list.map((r) => h('tr', {}, cols.map((c) =>
      h('td', { class: c.num ? 'num' : null }, c.cell ? c.cell(r) : fig(r[c.key]))))));
  }
  const ths = [];
  const head = h('tr', {}, cols.map((c) => {
    const th = h('th', { class: c.num ? 'num' : null, scope: 'col' },
      h('button', { type: 'button', class: 'link', onclick: () => {
        dir = sortKey === c.key ? -dir : 1;
        sortKey = c.key;
        draw();
      } }, c.label));
    ths.push(th);
    return th;
  }));
  if (filter) filter.addEventListener('input', draw);
  draw();
  return h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, head), tbody));
}
