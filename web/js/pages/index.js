// index.js: the China Danyang Eyewear Index (GET /api/v1/index, as kfq
// index show): its level month by month, month-on-month and
// year-on-year; for a month, what moved it (/index/contributions, in
// percentage points by kind and channel) and the prosperity surveys
// (/index/prosperity); for the index office, the quotes flagged
// (/index/flags), computing up to a month and publishing.
import { api } from '../api.js';
import { h, put, hashQuery, link, table } from '../dom.js';
import { t } from '../i18n.js';
import { chart, dropCharts } from '../charts.js';

export async function render(view, ctx) {
  dropCharts();
  const { data } = await api('/index');
  const q = hashQuery();
  const months = data.map((r) => r.period);
  const period = q.get('period') || months[months.length - 1] || '';
  const [contrib, prosp, flags] = await Promise.all([
    api(`/index/contributions?period=${encodeURIComponent(period)}`).then((r) => r.data).catch(() => []),
    api(`/index/prosperity?period=${encodeURIComponent(period)}`).then((r) => r.data).catch(() => []),
    ctx.can('index') ? api(`/index/flags?period=${encodeURIComponent(period)}`).then((r) => r.data).catch(() => []) : null,
  ]);
  const c = h('div', { class: 'chart', id: 'chart-index-page' });
  const cc = h('div', { class: 'chart', id: 'chart-index-contrib' });
  const psel = h('select', { id: 'index-month', onchange: () => { location.hash = link('index', { period: psel.value }); } },
    months.map((m) => h('option', { value: m, selected: m === period }, m)));
  const act = (what, path) => h('button', { type: 'button', id: `index-${what}`, onclick: async () => {
    try {
      await api(path, { method: 'POST', body: { period } });
      ctx.say('ok', `${t(what === 'compute' ? '已计算' : '已发布')}: ${period}`);
    } catch (err) {
      ctx.say('error', err);
    }
  } }, t(what === 'compute' ? '计算' : '发布'));
  put(view, h('h1', {}, t('眼镜指数')),
    h('div', { class: 'bar' }, h('label', {}, t('期间'), ' ', psel),
      ctx.can('index') ? [act('compute', '/index/compute'), act('publish', '/index/publish')] : null),
    h('div', { class: 'panels' },
      h('section', { class: 'panel' }, h('h2', {}, t('指数')), c),
      h('section', { class: 'panel' }, h('h2', {}, `${t('拉动')} · ${period}`), cc)),
    h('h2', {}, t('指数')),
    table(data, [
      { key: 'period', label: t('期间') },
      { key: 'level', label: t('指数'), num: true },
      { key: 'mom', label: t('环比'), num: true },
      { key: 'yoy', label: t('同比'), num: true },
      { key: 'published', label: t('已发布') },
      { key: 'revision', label: t('修订'), num: true },
    ]),
    prosp.length ? [h('h2', {}, `${t('景气指数')} · ${period}`), table(prosp, [
      { key: 'survey', label: t('调查') }, { key: 'name', label: t('名称') },
      { key: 'share_up', label: '↑ %', num: true }, { key: 'share_flat', label: '→ %', num: true },
      { key: 'share_down', label: '↓ %', num: true }, { key: 'index', label: t('指数'), num: true },
    ])] : null,
    flags ? [h('h2', {}, `${t('异常报价')} · ${period} (${flags.length})`),
      flags.length ? table(flags, Object.keys(flags[0]).map((k) => ({ key: k, label: k })), { limit: 200 })
        : h('p', { class: 'mute' }, t('没有数据'))] : null);
  await new Promise((r) => requestAnimationFrame(r));
  chart(c, {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, bottom: 8, top: 20, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', scale: true },
    series: [{ name: t('指数'), type: 'line', data: data.map((r) => r.level) }],
  });
  chart(cc, {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('环比'), t('同比')], top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 30, containLabel: true },
    xAxis: { type: 'category', data: contrib.map((r) => r.name), axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
    yAxis: { type: 'value', name: 'pp' },
    series: [
      { name: t('环比'), type: 'bar', data: contrib.map((r) => r.mom_pp) },
      { name: t('同比'), type: 'bar', data: contrib.map((r) => r.yoy_pp) },
    ],
  });
}
