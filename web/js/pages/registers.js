// registers.js: the key-project register (GET /api/v1/projects) and the
// investment-promotion leads (/leads) as sortable, filterable tables; a
// row's code leads to the project or lead in full (/projects/{code},
// /leads/{code} ?sections=1: its attributes and the tables kfq project|lead
// show prints: a project's plans, progress, problems and history, a
// lead's stages and changes).
import { api } from '../api.js';
import { h, put, fig, hashQuery, link, table } from '../dom.js';
import { t } from '../i18n.js';

// The codes the API gives, as the pages show them (Chinese first).
const WORDS = {
  reserve: '储备', approved: '审批', construction: '在建', completed: '竣工', production: '投产', suspended: '停缓建',
  contact: '接洽', negotiation: '洽谈跟踪', signed: '签约', landed: '注册落户', started: '开工', dropped: '终止',
};
export const word = (v) => t(WORDS[v] || v);

// Attribute / value pairs of one row; refs: cells that link elsewhere.
function attributes(id, row, labels, refs) {
  return h('dl', { class: 'kv', id },
    Object.entries(row).map(([k, v]) => [h('dt', {}, labels[k] ? t(labels[k]) : k),
      h('dd', {}, refs[k] && v ? h('a', { href: refs[k](v) }, String(v))
        : k === 'status' || k === 'stage' ? word(v) : fig(v))]));
}

// The sections of the detail: [key, title, columns].
const PROJECT_SECTIONS = [
  ['plans', '年度计划', [['year', '年度'], ['plan', '计划投资(亿元)', 1], ['ytd_investment', '累计完成(亿元)', 1],
    ['ytd_period', '截至'], ['completion', '完成(%)', 1]]],
  ['progress', '进度', [['period', '期间'], ['investment', '完成投资(亿元)', 1], ['physical', '形象进度(%)', 1], ['note', '备注']]],
  ['problems', '项目问题', [['raised', '提出日期'], ['description', '问题'], ['dept', '责任部门'], ['deadline', '办结时限'],
    ['resolved', '解决']]],
  ['history', '变更记录', [['at', '时间'], ['who', '谁'], ['kind', '类别'], ['indicator', '指标'], ['period', '期间'],
    ['old_value', '原值', 1], ['new_value', '新值', 1], ['note', '说明']]],
];
const LEAD_SECTIONS = [
  ['stages', '阶段', [['stage', '阶段', 0, word], ['date', '日期'], ['reason', '原因'], ['days_in_previous', '上一阶段天数', 1]]],
  ['changes', '变更记录', [['at', '时间'], ['who', '谁'], ['date', '日期'], ['note', '说明']]],
];

function sections(id, data, list) {
  return list.map(([key, title, cols]) => h('section', { id: `${id}-${key}` },
    h('h2', {}, `${t(title)} (${(data[key] || []).length})`),
    (data[key] || []).length ? table(data[key], cols.map(([k, l, num, f]) => ({ key: k, label: t(l), num: !!num,
      cell: f ? (r) => f(r[k]) : null })))
      : h('p', { class: 'mute' }, t('没有数据'))));
}

const PROJECT_LABELS = {
  code: '编号', name: '名称', category: '类别', park: '园区', park_name: '园区名称', owner: '业主单位',
  industry: '行业', key_level: '重点级别', total_investment: '总投资(亿元)', planned_start: '计划开工',
  planned_end: '计划竣工', actual_start: '实际开工', actual_end: '实际竣工', production: '投产日期',
  status: '状态', reason: '原因', milestones: '节点',
};
const LEAD_LABELS = {
  code: '编号', name: '名称', investor: '投资方', origin: '来源地', industry: '产业', park: '园区',
  total_investment: '总投资(亿元)', foreign_investment: '外资(万美元)', officer: '负责人', source: '信息来源',
  stage: '阶段', stage_date: '时间', enterprise: '落户企业', project: '重点项目',
};

function page(id, title, path, cols, params, labels, refs, parts) {
  async function detail(view, code) {
    const { data } = await api(`${path}/${encodeURIComponent(code)}?sections=1`);
    const row = (data.attributes && data.attributes[0]) || {};
    put(view, h('h1', {}, `${t(title)} · ${code} ${row.name || ''}`),
      h('p', {}, h('a', { href: '#/' + id }, '← ' + t(title))),
      attributes(`${id}-attributes`, row, labels, refs),
      sections(id, data, parts));
  }
  return {
    async render(view) {
      const q = hashQuery();
      if (q.get('code')) return detail(view, q.get('code'));
      const p = new URLSearchParams();
      for (const k of params) if (q.get(k)) p.set(k, q.get(k));
      const { data } = await api(`${path}${p.toString() ? '?' + p : ''}`);
      const filter = h('input', { type: 'search', id: `${path.slice(1)}-filter`, 'aria-label': t('筛选'), placeholder: t('筛选') });
      const count = h('span');
      const c = cols();
      c[0].cell = (r) => h('a', { href: link(id, { code: r.code }) }, r.code);
      put(view, h('h1', {}, t(title)),
        h('div', { class: 'bar' }, filter, h('span', { class: 'mute' }, count, ' ', t('条'))),
        table(data, c, { filter, count }));
    },
  };
}

export const projects = page('projects', '重点项目', '/projects', () => [
  { key: 'code', label: t('编号') },
  { key: 'name', label: t('名称') },
  { key: 'park', label: t('园区') },
  { key: 'category', label: t('类别') },
  { key: 'status', label: t('状态') },
  { key: 'planned_start', label: t('计划开工') },
  { key: 'actual_start', label: t('实际开工') },
  { key: 'total_investment', label: t('总投资(亿元)'), num: true },
  { key: 'ytd_investment', label: t('投资完成'), num: true },
], ['status', 'park', 'late', 'date'], PROJECT_LABELS, {}, PROJECT_SECTIONS);

export const leads = page('leads', '招商项目', '/leads', () => [
  { key: 'code', label: t('编号') },
  { key: 'name', label: t('名称') },
  { key: 'investor', label: t('投资方') },
  { key: 'origin', label: t('来源地') },
  { key: 'industry', label: t('产业') },
  { key: 'park', label: t('园区') },
  { key: 'stage', label: t('阶段') },
  { key: 'stage_date', label: t('时间') },
  { key: 'total_investment', label: t('总投资(亿元)'), num: true },
], ['stage', 'park', 'date'], LEAD_LABELS, {
  project: (v) => link('projects', { code: v }),
  enterprise: (v) => link('history', { unit: v }),
}, LEAD_SECTIONS);
