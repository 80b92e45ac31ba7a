// units.js: the units of the account's subtree (GET /api/v1/units) and
// the indicators (/indicators) as tables; a unit's code leads to its
// history and, for an enterprise, its monthly form.
import { all } from '../api.js';
import { h, put, link, table } from '../dom.js';
import { t } from '../i18n.js';
import { indName } from './dashboard.js';

export async function render(view, ctx) {
  const [units, inds] = await Promise.all([all('/units'), all('/indicators')]);
  const filter = h('input', { type: 'search', id: 'units-filter', 'aria-label': t('筛选'), placeholder: t('筛选') });
  const count = h('span');
  put(view, h('h1', {}, t('单位与指标')),
    h('h2', {}, `${t('单位')} (${units.length})`),
    h('div', { class: 'bar' }, filter, h('span', { class: 'mute' }, count, ' ', t('条'))),
    Object.assign(table(units, [
      { key: 'code', label: t('编号'), cell: (u) => h('a', { href: link('history', { unit: u.code }) }, u.code) },
      { key: 'name', label: t('名称') },
      { key: 'kind', label: t('类别') },
      { key: 'parent', label: t('上级') },
      { key: 'industry', label: t('产业') },
      { key: 'land_mu', label: t('用地(亩)'), num: true },
      { key: 'form', label: '', cell: (u) => (u.kind === 'enterprise' && ctx.can('data')
        ? h('a', { href: link('form', { unit: u.code }) }, t('月报填报')) : '') },
    ], { filter, count, limit: 500 }), { id: 'units-table' }),
    h('h2', {}, `${t('指标')} (${inds.length})`),
    Object.assign(table(inds, [
      { key: 'code', label: t('编号') },
      { key: 'name', label: t('名称'), cell: (i) => indName(i) },
      { key: 'measure', label: t('口径') },
      { key: 'kind', label: t('类别') },
      { key: 'agg', label: t('汇总') },
      { key: 'decimals', label: t('小数位'), num: true },
      { key: 'formula', label: t('公式') },
      { key: 'headline', label: t('主要指标'), num: true },
    ]), { id: 'indicators-table' }));
}
