// finance.js: the finance platform (金融活水), the zone's: the risk
// compensation fund on a day (GET /api/v1/finance/fund, as kfq finance
// fund): its capital, balance and what it paid and recovered, the loans
// outstanding against its leverage limit; its loans (/finance/loans),
// sortable and filterable; the bank–enterprise meetings with the
// financing matched and granted per bank and per park (/finance/meetings);
// the firms under loan pressure (压贷抽贷预警, /finance/warn), and a firm's
// exposure in the guarantee network when clicked (/finance/exposure/{code}).
// For an account of a top-level unit (the server refuses the others).
import { api } from '../api.js';
import { h, put, fig, hashQuery, link, table } from '../dom.js';
import { t } from '../i18n.js';

// The codes the API gives, as the pages show them (Chinese first; i18n.js
// has their English).
const STATUS = { outstanding: '在贷', overdue: '逾期', repaid: '已还', defaulted: '代偿', future: '未发放' };
const RELATION = { circle: '担保圈内', guarantor: '担保企业', guaranteed: '被担保方' };
const YES = { yes: '是', no: '否' };
const word = (map, v) => t(map[v] || v || '');

function card(name, value, unit, id) {
  return h('div', { class: 'card', id }, h('div', { class: 'name' }, name),
    h('div', { class: 'value' }, fig(value), unit ? h('small', {}, unit) : null));
}

// One fund: the figures, and the loans outstanding against the limit.
function fund(f) {
  const used = Number(f['leverage_used(%)']);
  return h('div', { class: 'panel fund', dataset: { fund: f.code } },
    h('h2', {}, `${f.name} (${f.code}) · ${fig(f.bank)}`),
    h('div', { class: 'cards' },
      card(t('基金规模'), f['capital(万元)'], t('万元'), `fund-capital-${f.code}`),
      card(t('基金余额'), f['balance(万元)'], t('万元'), `fund-balance-${f.code}`),
      card(t('在贷余额'), f['outstanding(万元)'], t('万元')),
      card(t('放大倍数上限'), f['limit(万元)'], `${t('万元')} (${f.leverage}×)`),
      card(t('可用额度'), f['headroom(万元)'], t('万元'))),
    h('div', { class: 'lever', id: `fund-leverage-${f.code}` },
      `${t('放大倍数已用')} ${fig(f['leverage_used(%)'])}%`,
      h('div', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100,
        'aria-valuenow': Number.isFinite(used) ? used : 0, 'aria-label': t('放大倍数已用') },
      h('span', { style: `width:${Math.max(0, Math.min(100, used || 0))}%` }))),
    h('h2', {}, t('资金变动')),
    h('dl', { class: 'kv' },
      h('dt', {}, t('累计放款')), h('dd', {}, `${fig(f.loans)} ${t('笔')} · ${fig(f['granted(万元)'])} ${t('万元')}`),
      h('dt', {}, t('代偿')), h('dd', {}, `${fig(f.defaults)} ${t('笔')} · ${fig(f['defaulted(万元)'])} ${t('万元')} · ${t('不良率')} ${fig(f['default_rate(%)'])}%`),
      h('dt', {}, t('基金承担')), h('dd', {}, `${fig(f['paid_fund(万元)'])} ${t('万元')} (${f.share_fund}%)`),
      h('dt', {}, t('银行承担')), h('dd', {}, `${fig(f['paid_bank(万元)'])} ${t('万元')} (${f.share_bank}%)`),
      h('dt', {}, t('保险承担')), h('dd', {}, `${fig(f['paid_insurer(万元)'])} ${t('万元')} (${f.share_insurer}%)`),
      h('dt', {}, t('追偿收回')), h('dd', {}, `${fig(f['recovered(万元)'])} ${t('万元')}`)));
}

export async function render(view, ctx) {
  const q = hashQuery();
  const date = q.get('date') || '';
  const period = q.get('period') || (date ? date.slice(0, 4) : '');
  const d = date ? `?date=${encodeURIComponent(date)}` : '';
  const [funds, loans, meetings, warn] = await Promise.all([
    api(`/finance/fund${d}`), api(`/finance/loans${d}`),
    api(`/finance/meetings${period ? '?period=' + encodeURIComponent(period) : ''}`),
    api(`/finance/warn${d}`),
  ]);
  const day = h('input', { type: 'date', id: 'finance-date', value: date, 'aria-label': t('日期') });
  const status = h('select', { id: 'loans-status', 'aria-label': t('状态') },
    ['', ...new Set(loans.data.map((l) => l.status))].map((s) => h('option', { value: s }, s ? word(STATUS, s) : t('全部'))));
  const filter = h('input', { type: 'search', id: 'loans-filter', 'aria-label': t('筛选'), placeholder: t('筛选') });
  const count = h('span', { id: 'loans-count' });
  const loanCols = [
    { key: 'code', label: t('编号') }, { key: 'bank', label: t('银行') },
    { key: 'enterprise', label: t('企业') }, { key: 'name', label: t('名称') },
    { key: 'product', label: t('产品') }, { key: 'amount(万元)', label: t('金额(万元)'), num: true },
    { key: 'granted', label: t('放款日') }, { key: 'due', label: t('到期日') },
    { key: 'repaid', label: t('还款日') },
    { key: 'status', label: t('状态'), cell: (r) => word(STATUS, r.status) },
    { key: 'default(万元)', label: t('代偿(万元)'), num: true },
  ];
  const loanBox = h('div', { id: 'finance-loans' });
  const drawLoans = () => {
    const rows = status.value ? loans.data.filter((l) => l.status === status.value) : loans.data;
    put(loanBox, table(rows, loanCols, { filter, count }));
  };
  status.addEventListener('change', drawLoans);
  drawLoans();
  const exposure = h('div', { id: 'finance-exposure' }, h('p', { class: 'mute' }, t('点击企业查看担保链风险敞口')));
  const showExposure = async (code, name) => {
    put(exposure, h('p', { class: 'loading' }, t('加载中') + '…'));
    try {
      const { data } = await api(`/finance/exposure/${encodeURIComponent(code)}${d}`);
      put(exposure, h('h2', {}, `${t('风险敞口')} · ${code} ${name || ''} (${data.length})`),
        data.length ? table(data, [
          { key: 'firm', label: t('企业') }, { key: 'name', label: t('名称') },
          { key: 'relation', label: t('关系'), cell: (r) => word(RELATION, r.relation) },
          { key: 'links_up', label: t('上游担保'), num: true }, { key: 'links_down', label: t('下游担保'), num: true },
        ]) : h('p', { class: 'mute' }, t('没有数据')));
    } catch (e) {
      put(exposure);
      ctx.say('error', e);
    }
  };
  put(view, h('h1', {}, t('金融活水')),
    h('form', { class: 'bar', onsubmit: (e) => {
      e.preventDefault();
      location.hash = link('finance', { date: day.value });
    } }, h('label', { for: 'finance-date' }, t('日期')), day, h('button', { type: 'submit' }, t('检查')),
    h('span', { class: 'mute' }, date || t('今天'))),
    h('div', { id: 'finance-funds' }, funds.data.map(fund)),
    h('h2', {}, `${t('贷款')} (${loans.data.length})`),
    h('div', { class: 'bar' }, h('label', {}, t('状态'), ' ', status), filter,
      h('span', { class: 'mute' }, count, ' ', t('条'))),
    loanBox,
    h('h2', {}, `${t('压贷抽贷预警')} (${warn.data.length})`),
    h('div', { id: 'finance-warn' }, warn.data.length ? table(warn.data, [
      { key: 'enterprise', label: t('企业'), cell: (r) => h('button', { type: 'button', class: 'link',
        dataset: { firm: r.enterprise }, onclick: () => showExposure(r.enterprise, r.name) }, r.enterprise) },
      { key: 'name', label: t('名称') },
      { key: 'cut(万元)', label: t('压贷(万元)'), num: true }, { key: 'called(万元)', label: t('抽贷(万元)'), num: true },
      { key: 'last', label: t('时间') }, { key: 'in_circle', label: t('担保圈'), cell: (r) => word(YES, r.in_circle) },
      { key: 'guarantors', label: t('担保方'), num: true }, { key: 'exposed', label: t('波及'), num: true },
      { key: 'interventions', label: t('帮扶措施') }, { key: 'helped', label: t('已化解'), cell: (r) => word(YES, r.helped) },
    ]) : h('p', { class: 'mute' }, t('没有数据'))),
    exposure,
    h('h2', {}, `${t('银企对接会')} (${meetings.data.meetings.length})`),
    h('div', { id: 'finance-meetings' }, table(meetings.data.meetings, [
      { key: 'code', label: t('编号') }, { key: 'date', label: t('日期') }, { key: 'title', label: t('名称') },
      { key: 'park', label: t('园区') }, { key: 'banks', label: t('参会银行') },
      { key: 'needs', label: t('需求数'), num: true }, { key: 'needs(万元)', label: t('需求(万元)'), num: true },
      { key: 'matched(万元)', label: t('对接(万元)'), num: true }, { key: 'granted(万元)', label: t('到位(万元)'), num: true },
    ])),
    h('div', { class: 'panels' },
      h('div', { class: 'panel', id: 'finance-by-bank' }, h('h2', {}, t('按银行')), table(meetings.data.by_bank, matchCols('bank', t('银行或基金')))),
      h('div', { class: 'panel', id: 'finance-by-park' }, h('h2', {}, t('按园区')), table(meetings.data.by_park, matchCols('park', t('园区'))))));
}

// The financing matched and granted per bank or per park.
function matchCols(key, label) {
  return [
    { key, label }, { key: 'meetings', label: t('对接会'), num: true }, { key: 'needs', label: t('需求数'), num: true },
    { key: 'needs(万元)', label: t('需求(万元)'), num: true }, { key: 'matched(万元)', label: t('对接(万元)'), num: true },
    { key: 'granted(万元)', label: t('到位(万元)'), num: true },
  ];
}
