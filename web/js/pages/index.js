// index.js: the China Danyang Eyewear Index (GET /api/v1/index, as kfq
// index show): its level month by month, month-on-month and
// year-on-year, and, for the index office, publishing up to a month.
import { api } from '../api.js';
import { h, put, table } from '../dom.js';
import { t } from '../i18n.js';
import { chart, dropCharts } from '../charts.js';

export async function render(view, ctx) {
  dropCharts();
  const { data } = await api('/index');
  const c = h('div', { class: 'chart', id: 'chart-index-page' });
  const per = h('input', { id: 'index-period', size: 8, value: data.length ? data[data.length - 1].period : '' });
  const pub = ctx.can('index') ? h('form', { class: 'bar', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api('/index/publish', { method: 'POST', body: { period: per.value.trim() } });
      ctx.say('ok', `${t('已发布')}: ${per.value}`);
    } catch (err) {
      ctx.say('error', err);
    }
  } }, h('label', { for: 'index-period' }, t('期间')), per, h('button', { type: 'submit' }, t('已发布'))) : null;
  put(view, h('h1', {}, t('眼镜指数')), h('section', { class: 'panel' }, c), pub,
    table(data, [
      { key: 'period', label: t('期间') },
      { key: 'level', label: t('指数'), num: true },
      { key: 'mom', label: t('环比'), num: true },
      { key: 'yoy', label: t('同比'), num: true },
      { key: 'published', label: t('已发布') },
      { key: 'revision', label: t('修订'), num: true },
    ]));
  await new Promise((r) => requestAnimationFrame(r));
  chart(c, {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, bottom: 8, top: 20, containLabel: true },
    xAxis: { type: 'category', data: data.map((r) => r.period) },
    yAxis: { type: 'value', scale: true },
    series: [{ name: t('指数'), type: 'line', data: data.map((r) => r.level) }],
  });
}
