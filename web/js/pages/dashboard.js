// dashboard.js: the leadership's 一张图 for the account's unit and a
// period: the headline indicators with growth, target completion and
// 序时进度 (GET /api/v1/figures, the bulletin), a month-by-month trend
// against last year and the parks side by side (/figures/{indicator}),
// the key projects (/projects/stats, /projects?late=1) and the eyewear
// index (/index), the investment pipeline (/leads/funnel, /leads/stats),
// the campaign's problems (/cases/stats) and the province's ranking (the
// year's stored assessment runs that rate the unit, /assessments). Every
// indicator's figure links to its explanation (#/explain).
import { api, all } from '../api.js';
import { h, put, fig, growth, hashQuery, link } from '../dom.js';
import { t, lang } from '../i18n.js';
import { chart, dropCharts } from '../charts.js';
import { word } from './registers.js';

// The periods a user can pick: the year, then each of its months.
export function periodsOf(year) {
  const out = [{ v: String(year), label: `${year} ${t('全年')}` }];
  for (let m = 1; m <= 12; m++) {
    const v = `${year}-${String(m).padStart(2, '0')}`;
    out.push({ v, label: lang() === 'en' ? v : `${year}年1-${m}月` });
  }
  return out;
}

// The latest period with data (what kfq show gives when none is asked).
export async function latestPeriod(unit, ind) {
  const { data } = await api(`/figures/${encodeURIComponent(ind)}?unit=${encodeURIComponent(unit)}`);
  return data.length ? data[0].period : String(new Date().getFullYear());
}

export async function headline() {
  const inds = await all('/indicators');
  return { inds, head: inds.filter((i) => i.headline > 0).sort((a, b) => a.headline - b.headline) };
}

export function indName(i) {
  return lang() === 'en' ? i.name_en : i.name_zh;
}

export async function render(view, ctx) {
  dropCharts();
  const q = hashQuery();
  const unit = q.get('unit') || ctx.session.me.unit;
  const { inds, head } = await headline();
  if (!head.length) return put(view, h('h1', {}, t('一张图')), h('p', {}, t('没有数据')));
  const period = q.get('period') || await latestPeriod(unit, head[0].code);
  const year = period.slice(0, 4);
  const sel = q.get('indicator') || head[0].code;
  const [u, bull, kids] = await Promise.all([
    api(`/units/${encodeURIComponent(unit)}`),
    api(`/figures?period=${encodeURIComponent(period)}&unit=${encodeURIComponent(unit)}`),
    api(`/figures/${encodeURIComponent(sel)}?unit=${encodeURIComponent(unit)}&period=${encodeURIComponent(period)}&by=children`),
  ]);
  const me = u.data;
  const byName = new Map(inds.map((i) => [indName(i), i]));
  const rows = bull.data.filter((r) => r.unit === me.name);

  const go = (p) => { location.hash = link('dashboard', { unit, period: p.period ?? period, indicator: p.indicator ?? sel }); };
  const psel = h('select', { id: 'dash-period', onchange: () => go({ period: psel.value }) },
    periodsOf(year).map((p) => h('option', { value: p.v, selected: p.v === period }, p.label)));
  const isel = h('select', { id: 'dash-indicator', onchange: () => go({ indicator: isel.value }) },
    head.map((i) => h('option', { value: i.code, selected: i.code === sel }, indName(i))));

  const cards = h('div', { class: 'cards', id: 'dash-cards' }, rows.map((r) => {
    const ind = byName.get(r.indicator);
    const comp = Number(r.completion), tp = Number(r.time_progress);
    return h('div', { class: 'card' },
      h('div', { class: 'name' }, r.indicator),
      h('div', { class: 'value' },
        ind ? h('a', { href: link('explain', { indicator: ind.code, unit, period }) }, fig(r.ytd)) : fig(r.ytd),
        h('small', {}, r.measure)),
      h('div', {}, t('增长'), ' ', growth(r.growth)),
      r.coverage ? h('div', { class: 'partial', title: t('部分单位未报：增长和完成暂不计算') }, `${t('已报/应报')} ${r.coverage}`) : null,
      h('div', { class: 'mute' }, `${t('目标完成')} ${fig(r.completion)}% · ${t('序时进度')} ${fig(r.time_progress)}%`),
      h('div', { class: 'meter', title: `${t('目标完成')} ${fig(r.completion)}%` },
        h('span', { style: `width:${Math.min(100, comp || 0)}%` }),
        isFinite(tp) ? h('i', { style: `left:${Math.min(100, tp)}%` }) : null));
  }));

  const c1 = h('div', { class: 'chart', id: 'chart-target' });
  const c2 = h('div', { class: 'chart', id: 'chart-trend' });
  const c3 = h('div', { class: 'chart', id: 'chart-parks' });
  const c4 = h('div', { class: 'chart', id: 'chart-index' });
  const c5 = h('div', { class: 'chart', id: 'chart-funnel' });
  const c6 = h('div', { class: 'chart', id: 'chart-cases' });
  const c7 = h('div', { class: 'chart', id: 'chart-rank' });
  const leadFigs = h('div', { class: 'figs' });
  const caseFigs = h('div', { class: 'figs' });
  const rankHead = h('h2', {}, t('全省排名'));
  const rankFigs = h('div', { class: 'figs' });
  const projFigs = h('div', { class: 'figs' });
  const lagging = h('div');
  const selName = indName(inds.find((i) => i.code === sel) || head[0]);
  put(view,
    h('h1', {}, `${t('一张图')} · ${me.name}`),
    h('div', { class: 'bar' }, h('label', {}, t('期间'), ' ', psel), h('label', {}, t('指标'), ' ', isel)),
    cards,
    h('div', { class: 'panels' },
      h('section', { class: 'panel' }, h('h2', {}, t('主要指标完成情况')), c1),
      h('section', { class: 'panel' }, h('h2', {}, `${t('月度走势')} · ${selName}`), c2),
      h('section', { class: 'panel' }, h('h2', {}, `${t('各园区对比')} · ${selName}`), c3),
      h('section', { class: 'panel', id: 'panel-projects' }, h('h2', {}, h('a', { href: '#/projects' }, t('重点项目'))), projFigs, lagging),
      h('section', { class: 'panel', id: 'panel-leads' }, h('h2', {}, h('a', { href: '#/leads' }, t('招商漏斗'))), leadFigs, c5),
      h('section', { class: 'panel', id: 'panel-cases' }, h('h2', {}, h('a', { href: '#/cases' }, t('问题办理'))), caseFigs, c6),
      h('section', { class: 'panel', id: 'panel-rank' }, rankHead, rankFigs, c7),
      h('section', { class: 'panel' }, h('h2', {}, h('a', { href: '#/index' }, t('眼镜指数'))), c4)));

  // what has to be in the page before a chart can measure its box
  await new Promise((r) => requestAnimationFrame(r));
  const names = rows.map((r) => r.indicator);
  const target = chart(c1, {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('目标完成'), t('序时进度')], top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 30, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      { name: t('目标完成'), type: 'bar', data: rows.map((r) => r.completion) },
      { name: t('序时进度'), type: 'line', data: rows.map((r) => r.time_progress) },
    ],
  });
  if (target) target.on('click', (p) => {
    const ind = byName.get(names[p.dataIndex]);
    if (ind) location.hash = link('explain', { indicator: ind.code, unit, period });
  });

  // the trend: each month of the year up to the period's, this year and last
  const last = period.length > 4 ? Number(period.slice(5, 7)) : 12;
  const months = [];
  for (let m = 1; m <= last; m++) months.push(`${year}-${String(m).padStart(2, '0')}`);
  const per = await Promise.all(months.map((m) =>
    api(`/figures/${encodeURIComponent(sel)}?unit=${encodeURIComponent(unit)}&period=${m}`)
      .then((r) => r.data[0] || {}).catch(() => ({}))));
  const trend = chart(c2, {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('今年'), t('去年')], top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 30, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.slice(5) + (lang() === 'en' ? '' : '月')) },
    yAxis: { type: 'value', name: per.find((p) => p.measure)?.measure || '' },
    series: [
      { name: t('今年'), type: 'line', data: per.map((p) => p.value ?? null) },
      { name: t('去年'), type: 'line', data: per.map((p) => p.prior ?? null), lineStyle: { type: 'dashed' } },
    ],
  });
  if (trend) trend.on('click', (p) => {
    location.hash = link('explain', { indicator: sel, unit, period: months[p.dataIndex] });
  });

  // the parks (the unit's children) side by side
  const parts = kids.data.filter((r) => r.unit !== unit);
  const kidNames = new Map((await all(`/units?parent=${encodeURIComponent(unit)}`)).map((x) => [x.code, x.name]));
  const parks = chart(c3, {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('增长'), t('目标完成')], top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 30, containLabel: true },
    xAxis: { type: 'category', data: parts.map((r) => kidNames.get(r.unit) || r.unit),
      axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      { name: t('增长'), type: 'bar', data: parts.map((r) => r.growth) },
      { name: t('目标完成'), type: 'bar', data: parts.map((r) => r.completion) },
    ],
  });
  if (parks) parks.on('click', (p) => {
    location.hash = link('explain', { indicator: sel, unit: parts[p.dataIndex].unit, period });
  });

  // the key projects: the office's figures and the lagging ones
  try {
    const [st, late] = await Promise.all([
      api(`/projects/stats?period=${encodeURIComponent(period)}&unit=${encodeURIComponent(unit)}`),
      api(`/projects?late=1`),
    ]);
    const s = st.data[0] || {};
    put(projFigs,
      h('div', {}, t('开工率'), h('b', {}, `${fig(s.start_rate)}%`), h('span', { class: 'mute' }, `${fig(s.started)}/${fig(s.planned_starts)}`)),
      h('div', {}, t('投资完成'), h('b', {}, fig(s.investment)), h('span', { class: 'mute' }, `${t('计划')} ${fig(s.plan)} 亿元`)),
      h('div', {}, t('目标完成'), h('b', {}, `${fig(s.completion)}%`), h('span', { class: 'mute' }, `${t('序时进度')} ${fig(s.time_progress)}%`)));
    put(lagging, h('h2', {}, h('a', { href: link('projects', { late: '1' }) }, `${t('落后项目')} (${late.data.length})`)),
      h('ul', { id: 'lagging' }, late.data.slice(0, 8).map((p) =>
        h('li', {}, p.name, ' ', h('span', { class: 'mute' }, `${t('计划开工')} ${fig(p.planned_start)} · ${t('实际开工')} ${fig(p.actual_start)}`)))));
  } catch (e) {
    put(projFigs, h('span', { class: 'mute' }, e.message));
  }

  // the eyewear index's level month by month
  try {
    const ix = await api('/index');
    chart(c4, {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, bottom: 8, top: 20, containLabel: true },
      xAxis: { type: 'category', data: ix.data.map((r) => r.period) },
      yAxis: { type: 'value', scale: true },
      series: [{ name: t('指数'), type: 'line', data: ix.data.map((r) => r.level) }],
    });
  } catch (e) {
    put(c4, h('span', { class: 'mute' }, e.message));
  }

  const year4 = period.slice(0, 4);
  await Promise.all([funnel(), campaign(), ranking()]);

  // the investment pipeline: leads by stage, FDI against its target
  async function funnel() {
    try {
      const [f, s] = await Promise.all([api('/leads/funnel'),
        api(`/leads/stats?period=${encodeURIComponent(period)}&unit=${encodeURIComponent(unit)}`)]);
      const st = s.data[0] || {};
      put(leadFigs,
        h('div', {}, t('落地'), h('b', {}, fig(st.landed)), h('span', { class: 'mute' }, `${fig(st.landed_investment)} 亿元`)),
        h('div', {}, t('在谈在签'), h('b', {}, fig(st.pipeline)), h('span', { class: 'mute' }, `${fig(st.pipeline_investment)} 亿元`)),
        h('div', {}, t('外资到账'), h('b', {}, fig(st.fdi_arrived)), h('span', { class: 'mute' }, `${t('目标')} ${fig(st.fdi_target)} · ${fig(st.fdi_completion)}%`)));
      const stages = f.data.filter((r) => r.stage !== 'dropped');
      chart(c5, {
        tooltip: { trigger: 'item' },
        series: [{ type: 'funnel', sort: 'none', left: 10, right: 10, top: 10, bottom: 10, minSize: '15%',
          label: { position: 'inside', formatter: '{b}: {c}', color: '#fff' },
          data: stages.map((r) => ({ name: word(r.stage), value: r.leads })) }],
      });
    } catch (e) {
      put(leadFigs, h('span', { class: 'mute' }, e.message));
      c5.remove();
    }
  }

  // the campaign's problems: raised, resolved, on time and overdue by department
  async function campaign() {
    try {
      const [all1, by, vis] = await Promise.all([api(`/cases/stats?period=${encodeURIComponent(year4)}`),
        api(`/cases/stats?period=${encodeURIComponent(year4)}&by=dept`),
        api(`/visits/stats?period=${encodeURIComponent(year4)}`)]);
      const tot = all1.data[all1.data.length - 1] || {};
      const v = vis.data[0] || {};
      put(caseFigs,
        h('div', {}, t('走访企业'), h('b', {}, fig(v.enterprises)), h('span', { class: 'mute' }, `${t('走访群众')} ${fig(v.households)}`)),
        h('div', {}, t('收集问题'), h('b', {}, fig(tot.raised))),
        h('div', {}, t('解决'), h('b', {}, `${fig(tot.resolution_rate)}%`), h('span', { class: 'mute' }, fig(tot.resolved))),
        h('div', {}, t('按期'), h('b', {}, `${fig(tot.on_time_rate)}%`)),
        h('div', {}, t('逾期'), h('b', {}, h('a', { href: link('cases', { overdue: '1' }) }, fig(tot.overdue)))));
      const depts = by.data.filter((r) => r.group && r.group !== 'total' && r.group !== '合计');
      chart(c6, {
        tooltip: { trigger: 'axis' },
        legend: { data: [t('收集问题'), t('解决'), t('逾期')], top: 0 },
        grid: { left: 8, right: 8, bottom: 8, top: 30, containLabel: true },
        xAxis: { type: 'category', data: depts.map((r) => r.group), axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
        yAxis: { type: 'value' },
        series: [
          { name: t('收集问题'), type: 'bar', data: depts.map((r) => r.raised) },
          { name: t('解决'), type: 'bar', data: depts.map((r) => r.resolved) },
          { name: t('逾期'), type: 'bar', data: depts.map((r) => r.overdue) },
        ],
      });
      c6.addEventListener('click', () => { location.hash = link('cases', { overdue: '1' }); });
    } catch (e) {
      put(caseFigs, h('span', { class: 'mute' }, e.message));
      c6.remove();
    }
  }

  // the province's ranking: the first stored run of the year that rates this unit
  async function ranking() {
    try {
      const runs = (await api(`/assessments?period=${encodeURIComponent(year4)}`)).data;
      for (const run of runs) {
        const rows = (await api(`/assessments/${encodeURIComponent(run.scheme)}/${year4}`)).data;
        const mine = rows.find((r) => r.code === unit);
        if (!mine) continue;
        // the rank interval: the 5th to 95th percentile of its rank over the
        // sensitivity analysis (the rank alone when it cannot be had)
        let interval = null;
        try {
          const sens = (await api(`/assessments/${encodeURIComponent(run.scheme)}/${year4}/sensitivity`)).data;
          const s = sens.find((r) => r.code === unit);
          if (s) interval = s.p5 === s.p95 ? `${s.p5}` : `${s.p5}–${s.p95}`;
        } catch (e) { interval = null; }
        put(rankHead, `${t('全省排名')} · ${run.name || run.scheme}`);
        put(rankFigs,
          h('div', {}, t('名次'), h('b', { id: 'rank-mine' }, `${fig(mine.rank)} / ${rows.length}`),
            h('span', { class: 'mute' }, `${t('较上年')} ${fig(mine.change)}`),
            interval === null ? null
              : h('div', { class: 'mute', id: 'rank-interval' }, `${t('名次区间')} ${interval}`)),
          h('div', {}, t('得分'), h('b', {}, fig(mine.score))));
        const top = rows.filter((r) => r.rank !== null && (Number(r.rank) <= 10 || r.code === unit));
        chart(c7, {
          tooltip: { trigger: 'axis' },
          grid: { left: 8, right: 24, bottom: 8, top: 8, containLabel: true },
          xAxis: { type: 'value' },
          yAxis: { type: 'category', inverse: true, data: top.map((r) => `${r.rank}. ${r.name}`), axisLabel: { fontSize: 11 } },
          series: [{ type: 'bar', data: top.map((r) => ({ value: r.score,
            itemStyle: { color: r.code === unit ? '#b91c1c' : '#94a3b8' } })) }],
        });
        return;
      }
      put(rankFigs, h('span', { class: 'mute' }, t('没有数据')));
      c7.remove();
    } catch (e) {
      put(rankFigs, h('span', { class: 'mute' }, e.message));
      c7.remove();
    }
  }
}
