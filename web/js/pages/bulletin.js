// bulletin.js: the bulletin (经济运行简报) of a unit and its children for
// any period, as kfq bulletin prints it (GET /api/v1/figures).
import { api } from '../api.js';
import { h, put, fig, hashQuery, link, table } from '../dom.js';
import { t } from '../i18n.js';
import { headline, latestPeriod, periodsOf } from './dashboard.js';

export async function render(view, ctx) {
  const q = hashQuery();
  const unit = q.get('unit') || ctx.session.me.unit;
  const { head } = await headline();
  const period = q.get('period') || (head.length ? await latestPeriod(unit, head[0].code) : String(new Date().getFullYear()));
  const { data } = await api(`/figures?period=${encodeURIComponent(period)}&unit=${encodeURIComponent(unit)}`);
  const psel = h('select', { id: 'bulletin-period', onchange: () => { location.hash = link('bulletin', { unit, period: psel.value }); } },
    periodsOf(period.slice(0, 4)).map((p) => h('option', { value: p.v, selected: p.v === period }, p.label)));
  const filter = h('input', { type: 'search', 'aria-label': t('筛选'), placeholder: t('筛选') });
  put(view, h('h1', {}, `${t('简报')} · ${period}`),
    h('div', { class: 'bar' }, h('label', {}, t('期间'), ' ', psel), filter),
    table(data, [
      { key: 'unit', label: t('单位') },
      { key: 'indicator', label: t('指标') },
      { key: 'measure', label: t('口径') },
      { key: 'ytd', label: t('累计'), num: true },
      { key: 'growth', label: t('增长'), num: true },
      { key: 'comparable_growth', label: '同口径', num: true },
      { key: 'target', label: t('目标'), num: true },
      { key: 'completion', label: t('目标完成'), num: true },
      { key: 'time_progress', label: t('序时进度'), num: true, cell: (r) => fig(r.time_progress) },
      { key: 'coverage', label: t('已报/应报'), cell: (r) => (r.coverage ? h('span', { class: 'partial', title: t('部分单位未报：增长和完成暂不计算') }, r.coverage) : '') },
    ], { filter }),
    data.some((r) => r.coverage) ? h('p', { class: 'partial', id: 'bulletin-partial' }, t('部分单位未报：增长和完成暂不计算')) : null);
}
