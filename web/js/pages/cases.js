// cases.js: the visiting campaign's problems (GET /api/v1/cases, as kfq
// case list), filtered by status, department and overdue; one problem in
// full (/cases/{code}), its steps so far and a button for each step its
// status and the account allow (GET /cases/{code}/steps: the server says
// which), taken by POST /cases/{code}/steps.
import { api } from '../api.js';
import { h, put, fig, hashQuery, link, table } from '../dom.js';
import { t } from '../i18n.js';

const SHOWN = 300;

// One row of a grid as attribute / value pairs.
function attributes(rows) {
  const row = (Array.isArray(rows) ? rows[0] : rows) || {};
  return h('dl', { class: 'kv', id: 'case-attributes' },
    Object.entries(row).map(([k, v]) => [h('dt', {}, k), h('dd', {}, fig(v))]));
}

const ZH = { assign: '交办', accept: '签收', progress: '办理', resolve: '办结', confirm: '确认',
  reopen: '重办', transfer: '转办', merge: '合并', close: '关闭' };

async function detail(view, ctx, code) {
  const [c, s] = await Promise.all([
    api(`/cases/${encodeURIComponent(code)}`),
    api(`/cases/${encodeURIComponent(code)}/steps`),
  ]);
  const note = h('input', { id: 'step-note', size: 30, 'aria-label': t('说明'), placeholder: t('说明') });
  const dept = h('input', { id: 'step-dept', size: 12, 'aria-label': t('部门'), placeholder: t('部门') });
  const into = h('input', { id: 'step-into', size: 10, 'aria-label': 'into', placeholder: 'wt0001' });
  const rating = h('select', { id: 'step-rating', 'aria-label': t('评价') },
    ['', '5', '4', '3', '2', '1'].map((v) => h('option', { value: v }, v ? '★'.repeat(Number(v)) : t('评价'))));
  const actions = s.data.actions;
  const steps = h('div', { class: 'steps', id: 'case-steps' }, actions.map((a) =>
    h('button', { type: 'button', dataset: { action: a }, onclick: async () => {
      const body = { action: a };
      if (note.value.trim()) body.note = note.value.trim();
      if (dept.value.trim()) body.dept = dept.value.trim();
      if (into.value.trim()) body.into = into.value.trim();
      if (rating.value) body.rating = Number(rating.value);
      try {
        const { data } = await api(`/cases/${encodeURIComponent(code)}/steps`, { method: 'POST', body });
        await detail(view, ctx, code);
        ctx.say('ok', `${code}: ${data.from} → ${data.to}`);
      } catch (e) {
        ctx.say('error', e);
      }
    } }, document.documentElement.lang === 'en' ? a : `${ZH[a] || a} ${a}`)));
  put(view, h('h1', {}, `${t('走访问题')} · ${code}`),
    h('p', {}, h('a', { href: '#/cases' }, '← ' + t('走访问题'))),
    attributes(c.data),
    h('h2', {}, `${t('状态')}: ${fig(s.data.status)}`),
    h('div', { id: 'case-timeline' }, s.data.steps.length ? table(s.data.steps, [
      { key: 'date', label: t('时间') }, { key: 'action', label: t('事件') }, { key: 'dept', label: t('部门') },
      { key: 'who', label: t('谁') }, { key: 'note', label: t('说明') }, { key: 'rating', label: '★', num: true },
    ]) : h('p', { class: 'mute' }, t('没有数据'))),
    actions.length ? [h('div', { class: 'bar' }, note, dept, into, rating), steps] : null);
}

// The cases to chase (督办): overdue or due soon, per department, those
// overdue too long to be escalated (GET /cases/overdue).
async function chase(view, ctx) {
  const [rows, depts] = await Promise.all([api('/cases/overdue'), api('/cases/overdue?by=dept')]);
  put(view, h('h1', {}, `${t('督办')} (${rows.data.length})`),
    h('p', {}, h('a', { href: '#/cases' }, '← ' + t('走访问题'))),
    h('h2', {}, t('各部门')),
    table(depts.data, [
      { key: 'dept', label: t('部门') }, { key: 'overdue', label: t('逾期'), num: true },
      { key: 'escalate', label: t('督办'), num: true }, { key: 'action', label: t('事件') },
    ]),
    h('h2', {}, t('问题')),
    table(rows.data, [
      { key: 'code', label: t('编号'), cell: (r) => h('a', { href: link('cases', { code: r.code }) }, r.code) },
      { key: 'dept', label: t('部门') }, { key: 'category', label: t('类别') },
      { key: 'deadline', label: t('时限') }, { key: 'days_overdue', label: t('逾期天数'), num: true },
      { key: 'enterprise', label: t('企业') }, { key: 'household', label: t('户') },
      { key: 'action', label: t('督办') },
    ], { limit: SHOWN }));
}

export async function render(view, ctx) {
  const q = hashQuery();
  if (q.get('code')) return detail(view, ctx, q.get('code'));
  if (q.get('view') === 'overdue') return chase(view, ctx);
  const p = new URLSearchParams();
  for (const k of ['status', 'dept', 'category', 'overdue']) if (q.get(k)) p.set(k, q.get(k));
  const { data } = await api(`/cases${p.toString() ? '?' + p : ''}`);
  const st = h('select', { id: 'cases-status', onchange: () => { location.hash = link('cases', { ...Object.fromEntries(p), status: st.value }); } },
    ['', 'registered', 'assigned', 'accepted', 'in_progress', 'resolved', 'confirmed', 'closed', 'merged']
      .map((s) => h('option', { value: s, selected: s === (q.get('status') || '') }, s || t('全部'))));
  const od = h('input', { type: 'checkbox', id: 'cases-overdue', checked: q.get('overdue') === '1',
    onchange: () => { location.hash = link('cases', { ...Object.fromEntries(p), overdue: od.checked ? '1' : '' }); } });
  const filter = h('input', { type: 'search', 'aria-label': t('筛选'), placeholder: t('筛选') });
  const count = h('span');
  const rows = data;
  put(view, h('h1', {}, `${t('走访问题')} (${data.length})`),
    h('div', { class: 'bar' }, h('label', {}, t('状态'), ' ', st), h('label', {}, od, ' ', t('仅逾期')), filter,
      ctx.session.me.top && !ctx.session.me.dept
        ? h('a', { href: link('cases', { view: 'overdue' }), id: 'cases-chase' }, t('督办')) : null,
      h('span', { class: 'mute' }, count, ` (≤ ${SHOWN})`)),
    table(rows, [
      { key: 'code', label: t('编号'), cell: (r) => h('a', { href: link('cases', { code: r.code }) }, r.code) },
      { key: 'raised', label: t('提出日期') },
      { key: 'category', label: t('类别') },
      { key: 'dept', label: t('部门') },
      { key: 'status', label: t('状态') },
      { key: 'deadline', label: t('时限') },
      { key: 'days_overdue', label: t('逾期天数'), num: true },
      { key: 'enterprise', label: t('企业') },
      { key: 'household', label: t('户') },
    ], { filter, count, limit: SHOWN }));
}
