// findings.js: the statistician's problem data (问题数据): the validation
// rules' findings under a unit of the subtree (GET /api/v1/findings, as kfq
// findings list), open, closed or all, filtered by rule and severity; one
// finding in full (/findings/{id}) and why (/findings/{id}/explain: the
// rule as written, every value its check read, the range, the verdict).
import { api } from '../api.js';
import { h, put, fig, hashQuery, link, table } from '../dom.js';
import { t } from '../i18n.js';

const SHOWN = 500;
// The codes the API gives, as the page shows them (Chinese first; i18n.js
// has their English).
const LABEL = { id: '编号', rule: '规则', severity: '级别', unit: '单位', name: '名称', period: '期间',
  status: '状态', detail: '说明', opened_at: '发现时间', opened_by: '发现人', closed_at: '关闭时间',
  closed_by: '关闭人', closed_how: '关闭方式', note: '备注', import: '导入批次' };
const SEVERITY = { error: '错误', warning: '警告' };
const STATUS = { open: '待处理', closed: '已关闭' };
const word = (map, v) => t(map[v] || v || '');

async function detail(view, id, ctx) {
  const [one, why] = await Promise.all([
    api(`/findings/${encodeURIComponent(id)}`),
    api(`/findings/${encodeURIComponent(id)}/explain`),
  ]);
  // kfq findings show's rows: field, value
  const f = Object.fromEntries((one.data || []).map((r) => [r.field, r.value]));
  put(view, h('h1', {}, `${t('问题数据')} · ${id} · ${fig(f.rule)}`),
    h('p', {}, h('a', { href: '#/findings' }, '← ' + t('问题数据'))),
    h('dl', { class: 'kv', id: 'finding-attributes' },
      Object.entries(f).map(([k, v]) => [h('dt', {}, word(LABEL, k)), h('dd', {}, k === 'severity' ? word(SEVERITY, v) : k === 'status' ? word(STATUS, v) : fig(v))])),
    h('h2', {}, t('为什么')),
    h('div', { id: 'finding-explain' }, table(why.data, [
      { key: 'part', label: t('部分') },   // in the request's language, as the server words it
      { key: 'item', label: t('项目') },
      { key: 'value', label: t('值') },
    ])),
    f.unit ? h('p', {}, h('a', { href: link('history', { unit: f.unit, period: f.period }) }, `${t('历史')} · ${f.unit}`)) : null,
    f.status === 'open' && ctx && ctx.can('publish') ? closeForm(id) : null);
}

// An open finding confirmed: the value stands, for the reason written
// (POST /findings/{id}/close, as kfq findings close --note).
function closeForm(id) {
  const note = h('textarea', { id: 'finding-note', rows: 2, cols: 60, 'aria-label': t('确认理由'),
    placeholder: t('确认理由：为什么这个数值是对的') });
  const msg = h('p', { id: 'finding-close-msg', class: 'mute' });
  return h('form', { id: 'finding-close', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api(`/findings/${encodeURIComponent(id)}/close`, { method: 'POST', body: { note: note.value } });
      location.hash = link('findings', { id, closed: Date.now() });
    } catch (err) {
      put(msg, err.message);
    }
  } },
  h('h2', {}, t('确认数值')), note, ' ', h('button', { type: 'submit', id: 'finding-close-button' }, t('确认并关闭')), msg);
}

export async function render(view, ctx) {
  const q = hashQuery();
  if (q.get('id')) return detail(view, q.get('id'), ctx);
  const p = new URLSearchParams();
  for (const k of ['status', 'severity', 'rule', 'unit', 'period']) if (q.get(k)) p.set(k, q.get(k));
  const { data } = await api(`/findings${p.toString() ? '?' + p : ''}`);
  const go = (k, v) => { location.hash = link('findings', { ...Object.fromEntries(p), [k]: v }); };
  const st = h('select', { id: 'findings-status', onchange: () => go('status', st.value) },
    [['', '待处理'], ['closed', '已关闭'], ['all', '全部']].map(([v, l]) =>
      h('option', { value: v, selected: v === (q.get('status') || '') }, t(l))));
  const sev = h('select', { id: 'findings-severity', onchange: () => go('severity', sev.value) },
    [['', '全部'], ['error', '错误'], ['warning', '警告']].map(([v, l]) =>
      h('option', { value: v, selected: v === (q.get('severity') || '') }, t(l))));
  const rules = [...new Set(data.map((r) => r.rule))].sort();
  if (q.get('rule') && !rules.includes(q.get('rule'))) rules.push(q.get('rule'));
  const rule = h('select', { id: 'findings-rule', onchange: () => go('rule', rule.value) },
    ['', ...rules].map((r) => h('option', { value: r, selected: r === (q.get('rule') || '') }, r || t('全部'))));
  const unit = h('input', { id: 'findings-unit', value: q.get('unit') || '', size: 12 });
  const period = h('input', { id: 'findings-period', value: q.get('period') || '', size: 9 });
  const filter = h('input', { type: 'search', 'aria-label': t('筛选'), placeholder: t('筛选') });
  const count = h('span');
  put(view, h('h1', {}, `${t('问题数据')} (${data.length})`),
    h('form', { class: 'bar', onsubmit: (e) => {
      e.preventDefault();
      location.hash = link('findings', { ...Object.fromEntries(p), unit: unit.value.trim(), period: period.value.trim() });
    } },
    h('label', {}, t('状态'), ' ', st), h('label', {}, t('级别'), ' ', sev), h('label', {}, t('规则'), ' ', rule),
    h('label', {}, t('单位'), ' ', unit), h('label', {}, t('期间'), ' ', period),
    h('button', { type: 'submit' }, t('检查')), filter, h('span', { class: 'mute' }, count, ` (≤ ${SHOWN})`)),
    h('div', { id: 'findings-list' }, data.length ? table(data, [
      { key: 'id', label: t('编号'), num: true, cell: (r) => h('a', { href: link('findings', { id: r.id }) }, String(r.id)) },
      { key: 'rule', label: t('规则') },
      { key: 'severity', label: t('级别'), cell: (r) => word(SEVERITY, r.severity) },
      { key: 'unit', label: t('单位') }, { key: 'name', label: t('名称') },
      { key: 'period', label: t('期间') },
      { key: 'status', label: t('状态'), cell: (r) => word(STATUS, r.status) },
      { key: 'detail', label: t('说明') },
    ], { filter, count, limit: SHOWN }) : h('p', { class: 'mute' }, t('没有数据'))));
}
