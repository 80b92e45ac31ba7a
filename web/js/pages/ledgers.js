// ledgers.js: the offices' ledgers (台账): the ledgers defined (GET
// /api/v1/ledgers: fields, figures, rows held); one ledger's rows
// (/ledgers/{name}/rows, as kfq ledger list) filtered by unit, period and
// field values (?where=F=V), and the figures it publishes for the unit and
// period (/figures/{code}, as kfq show), each linking to its explanation.
import { api } from '../api.js';
import { h, put, fig, hashQuery, link, table } from '../dom.js';
import { t, lang } from '../i18n.js';

const SHOWN = 500;

function title(x) {
  return (lang() === 'en' && x.title_en) || x.title || x.name || x.code;
}

// #/ledgers?name=…&unit=…&period=…&where=F=V&where=…
function address(name, unit, period, wheres) {
  const q = new URLSearchParams();
  q.set('name', name);
  if (unit) q.set('unit', unit);
  if (period) q.set('period', period);
  for (const w of wheres) q.append('where', w);
  return '#/ledgers?' + q;
}

async function list(view) {
  const { data } = await api('/ledgers');
  const filter = h('input', { type: 'search', id: 'ledgers-filter', 'aria-label': t('筛选'), placeholder: t('筛选') });
  const count = h('span');
  put(view, h('h1', {}, `${t('台账')} (${data.length})`),
    h('div', { class: 'bar' }, filter, h('span', { class: 'mute' }, count, ' ', t('条'))),
    h('div', { id: 'ledgers-list' }, table(data.map((l) => ({ ...l, shown: title(l),
      nfields: l.fields.length, nfigures: l.figures.length,
      figs: l.figures.map((f) => f.code).join(' ') })), [
      { key: 'name', label: t('编号'), cell: (r) => h('a', { href: address(r.name, '', '', []) }, r.name) },
      { key: 'shown', label: t('名称') },
      { key: 'rows', label: t('行'), num: true },
      { key: 'nfields', label: t('字段'), num: true },
      { key: 'figs', label: t('指标') },
    ], { filter, count })));
}

async function one(view, ctx, name) {
  const q = hashQuery();
  const unit = q.get('unit') || '', period = q.get('period') || '';
  const wheres = q.getAll('where');
  const p = new URLSearchParams();
  if (unit) p.set('unit', unit);
  if (period) p.set('period', period);
  for (const w of wheres) p.append('where', w);
  const [defs, rows] = await Promise.all([
    api('/ledgers'),
    api(`/ledgers/${encodeURIComponent(name)}/rows${p.toString() ? '?' + p : ''}`),
  ]);
  const def = defs.data.find((l) => l.name === name);
  if (!def) throw new Error(`${t('台账')} ${name}?`);
  // the filters: unit, period, and a value for each field that has few
  // (choices, yes/no) or any text for the others
  const u = h('input', { id: 'ledger-unit', value: unit, size: 14, placeholder: ctx.session.me.unit });
  const d = h('input', { id: 'ledger-period', value: period, size: 10, placeholder: '2017' });
  const given = Object.fromEntries(wheres.map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
  const inputs = def.fields.filter((f) => f.type !== 'date' && f.type !== 'number').map((f) => {
    const id = `ledger-f-${f.name}`;
    const choices = f.type === 'choice' ? f.choices : f.type === 'yesno' ? ['是', '否'] : null;
    const el = choices
      ? h('select', { id }, ['', ...choices].map((c) => h('option', { value: c, selected: c === (given[f.name] || '') }, c || t('全部'))))
      : h('input', { id, value: given[f.name] || '', size: 10 });
    return { f, el };
  });
  const figs = h('div', { id: 'ledger-figures' }, h('p', { class: 'loading' }, t('加载中') + '…'));
  const cols = Object.keys(rows.data[0] || {}).map((k) => {
    const f = def.fields.find((x) => x.name === k || `${x.name}(${x.measure})` === k);
    return { key: k, label: f && f.title ? (f.measure ? `${f.title}(${f.measure})` : f.title) : k,
      num: !!(f && f.type === 'number') };
  });
  const filter = h('input', { type: 'search', 'aria-label': t('筛选'), placeholder: t('筛选') });
  const count = h('span');
  put(view, h('h1', {}, `${t('台账')} · ${title(def)} (${name})`),
    h('p', {}, h('a', { href: '#/ledgers' }, '← ' + t('台账'))),
    h('form', { class: 'bar', id: 'ledger-filters', onsubmit: (e) => {
      e.preventDefault();
      const w = inputs.filter((x) => x.el.value.trim() !== '').map((x) => `${x.f.name}=${x.el.value.trim()}`);
      location.hash = address(name, u.value.trim(), d.value.trim(), w);
    } },
    h('label', {}, t('单位'), ' ', u), h('label', {}, t('期间'), ' ', d),
    inputs.map((x) => h('label', {}, x.f.title || x.f.name, ' ', x.el)),
    h('button', { type: 'submit', id: 'ledger-apply' }, t('检查'))),
    h('h2', {}, t('发布的指标')), figs,
    h('h2', {}, `${t('记录')} (${rows.data.length})`),
    h('div', { class: 'bar' }, filter, h('span', { class: 'mute' }, count, ` (≤ ${SHOWN})`)),
    h('div', { id: 'ledger-rows' }, rows.data.length ? table(rows.data, cols, { filter, count, limit: SHOWN })
      : h('p', { class: 'mute' }, t('没有数据'))));
  // each figure for the unit and period (the server's latest when none),
  // as kfq show gives it, linking to where it comes from
  const fu = unit || ctx.session.me.unit;
  const values = await Promise.all(def.figures.map((f) =>
    api(`/figures/${encodeURIComponent(f.code)}?unit=${encodeURIComponent(fu)}${period ? '&period=' + encodeURIComponent(period) : ''}`)
      .then((r) => (r.data && r.data[0]) || {}, () => ({}))));
  put(figs, h('div', { class: 'cards' }, def.figures.map((f, i) => {
    const v = values[i];
    const per = v.period || period;
    return h('div', { class: 'card', dataset: { figure: f.code } },
      h('div', { class: 'name' }, `${title(f)} · ${fig(per)}`),
      h('div', { class: 'value' },
        h('a', { href: link('explain', { indicator: f.code, unit: fu, period: per }) }, fig(v.value)),
        h('small', {}, v.measure || f.measure || '')),
      h('div', { class: 'mute' }, `${f.code} · ${t({ count: '计数', sum: '合计', ratio: '比率' }[f.kind] || f.kind)}${f.stock ? ' · ' + t('期末') : ''} · ${t('累计')} ${fig(v.ytd)}`));
  })));
}

export async function render(view, ctx) {
  const name = hashQuery().get('name');
  return name ? one(view, ctx, name) : list(view);
}
