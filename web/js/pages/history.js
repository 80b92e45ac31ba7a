// history.js: the change history of a unit (GET /api/v1/history, as kfq
// history): who changed which value when, from what to what, and why.
import { api } from '../api.js';
import { h, put, hashQuery, link, table } from '../dom.js';
import { t } from '../i18n.js';

export async function render(view, ctx) {
  const q = hashQuery();
  const unit = q.get('unit') || ctx.session.me.unit;
  const ind = q.get('indicator') || '', per = q.get('period') || '';
  const p = new URLSearchParams({ unit, limit: '500' });
  if (ind) p.set('indicator', ind);
  if (per) p.set('period', per);
  const { data } = await api(`/history?${p}`);
  const u = h('input', { id: 'history-unit', value: unit, size: 14 });
  const i = h('input', { id: 'history-indicator', value: ind, size: 14 });
  const d = h('input', { id: 'history-period', value: per, size: 10 });
  const filter = h('input', { type: 'search', 'aria-label': t('筛选'), placeholder: t('筛选') });
  put(view, h('h1', {}, `${t('历史')} · ${unit}`),
    h('form', { class: 'bar', onsubmit: (e) => {
      e.preventDefault();
      location.hash = link('history', { unit: u.value.trim(), indicator: i.value.trim(), period: d.value.trim() });
    } },
    h('label', { for: 'history-unit' }, t('单位')), u, h('label', { for: 'history-indicator' }, t('指标')), i,
    h('label', { for: 'history-period' }, t('期间')), d, h('button', { type: 'submit' }, t('检查')), filter),
    data.length ? table(data, Object.keys(data[0]).map((k) => ({ key: k, label: k })), { filter })
      : h('p', { class: 'mute' }, t('没有数据')));
}
