// explain.js: where a figure comes from: the indicator's definition (its
// measure, how it rolls up, its formula), the figure for the unit and
// period, the parts it sums (each child unit, GET /figures/{indicator}
// ?by=children), and for a unit with no children its stored value's
// history (/history). Every dashboard number links here.
import { api, all } from '../api.js';
import { h, put, fig, growth, hashQuery, link, table } from '../dom.js';
import { t } from '../i18n.js';
import { indName } from './dashboard.js';

export async function render(view, ctx) {
  const q = hashQuery();
  const ind = q.get('indicator'), unit = q.get('unit') || ctx.session.me.unit, period = q.get('period') || '';
  const inds = await all('/indicators');
  const def = inds.find((i) => i.code === ind);
  const per = period ? `&period=${encodeURIComponent(period)}` : '';
  const [u, f] = await Promise.all([
    api(`/units/${encodeURIComponent(unit)}`),
    api(`/figures/${encodeURIComponent(ind)}?unit=${encodeURIComponent(unit)}${per}&by=children`),
  ]);
  const me = f.data.find((r) => r.unit === unit) || {};
  const parts = f.data.filter((r) => r.unit !== unit);
  const hist = parts.length ? null
    : (await api(`/history?unit=${encodeURIComponent(unit)}&indicator=${encodeURIComponent(ind)}${per}`)).data;
  put(view,
    h('h1', {}, `${t('说明')} · ${def ? indName(def) : ind} · ${u.data.name} · ${fig(me.period || period)}`),
    h('dl', { class: 'kv', id: 'explain-def' },
      h('dt', {}, t('指标')), h('dd', {}, `${def ? indName(def) : ind} (${ind})`),
      h('dt', {}, t('口径')), h('dd', {}, def ? `${def.measure} · ${def.kind} · ${def.agg}` : '—'),
      def && def.formula ? [h('dt', {}, t('公式')), h('dd', {}, h('code', {}, def.formula))] : null,
      h('dt', {}, t('本月')), h('dd', {}, `${fig(me.value)} ${me.measure || ''}`),
      h('dt', {}, t('累计')), h('dd', {}, `${fig(me.ytd)} ${me.measure || ''}`),
      h('dt', {}, t('同期')), h('dd', {}, fig(me.prior)),
      h('dt', {}, t('增长')), h('dd', {}, growth(me.growth)),
      h('dt', {}, t('目标')), h('dd', {}, `${fig(me.target)} · ${t('目标完成')} ${fig(me.completion)}%`)),
    parts.length ? [
      h('h2', {}, `${t('数据来源')}: ${t('下级单位')} (${parts.length})`),
      table(parts, [
        { key: 'unit', label: t('单位'), cell: (r) => h('a', { href: link('explain', { indicator: ind, unit: r.unit, period }) }, r.unit) },
        { key: 'value', label: t('本月'), num: true },
        { key: 'ytd', label: t('累计'), num: true },
        { key: 'prior', label: t('同期'), num: true },
        { key: 'growth', label: t('增长'), num: true },
        { key: 'share', label: '%', num: true },
      ]),
    ] : [
      h('h2', {}, `${t('历史')} (${hist.length})`),
      hist.length ? table(hist, Object.keys(hist[0]).map((k) => ({ key: k, label: k }))) : h('p', { class: 'mute' }, t('没有数据')),
    ]);
}
