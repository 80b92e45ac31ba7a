// approval.js: a month's approval (数据审核) and publication (数据发布), as
// kfq approval, publish and revisions (docs/quality.md): the tree under a
// unit with each unit's state, who set it and what blocks its next step;
// the steps the account may take on a unit (submit with the right to enter
// data; approve, certify and reopen with a reason, and publish, with the
// right to publish); the published revisions and every figure changed.
import { api } from '../api.js';
import { h, put, hashQuery, link, table } from '../dom.js';
import { t } from '../i18n.js';
import { headline, latestPeriod } from './dashboard.js';

const STATE = { entered: '填报', submitted: '已提交', approved: '已审核', certified: '已核定' };
// the steps from each state (quality/approval.c's table)
const NEXT = {
  entered: ['submit'], submitted: ['approve', 'reopen'],
  approved: ['certify', 'reopen'], certified: ['reopen'],
};
const STEP = { submit: '提交', approve: '审核', certify: '核定', reopen: '退回重报' };

// The month to show: ?period=, else the month of the latest data.
async function month(q, unit) {
  if (q.get('period')) return q.get('period');
  const { head } = await headline();
  const p = head.length ? await latestPeriod(unit, head[0].code) : '';
  let m = /^(\d{4})年1-(\d{1,2})月$/.exec(p);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}`;
  m = /^(\d{4})-(\d{2})$/.exec(p);
  return m ? p : `${new Date().getFullYear()}-01`;
}

export async function render(view, ctx) {
  const q = hashQuery();
  const unit = q.get('unit') || ctx.session.me.unit;
  const period = await month(q, unit);
  const enc = encodeURIComponent;
  const { data: tree } = await api(`/approval?period=${enc(period)}&unit=${enc(unit)}`);
  const pubs = await api(`/publications/${enc(unit)}/${enc(period)}`).then((r) => r.data)
    .catch(() => ({ revisions: [], changes: [] }));
  const reload = () => { location.hash = link('approval', { unit, period: `${period}` }) + `&t=${Date.now()}`; };
  const per = h('input', { id: 'approval-period', value: period, size: 8 });
  const note = h('input', { id: 'approval-note', size: 30, placeholder: t('原因（退回、再次发布时必填）') });

  async function take(u, step) {
    try {
      await api(`/approval/${enc(u)}/${enc(period)}`, { method: 'POST', body: { step, note: note.value.trim() || undefined } });
      ctx.say('ok', `${u} ${period}: ${t(STEP[step])}`);
      reload();
    } catch (err) {
      ctx.say('error', err);
    }
  }
  const may = (step) => (step === 'submit' ? ctx.can('data') : ctx.can('publish'));
  const steps = (r) => (NEXT[r.state] || []).filter(may).map((s) =>
    h('button', { type: 'button', class: 'small', 'data-step': s, 'data-unit': r.unit.trim(),
      onclick: () => take(r.unit.trim(), s) }, t(STEP[s])));
  const publish = ctx.can('publish') ? h('button', { type: 'button', id: 'approval-publish', onclick: async () => {
    try {
      const { data } = await api(`/publications/${enc(unit)}/${enc(period)}`, { method: 'POST', body: { reason: note.value.trim() || undefined } });
      ctx.say('ok', `${unit} ${period}: ${t('已发布')} ${t('第')} ${data.revision} ${t('版')}`);
      reload();
    } catch (err) {
      ctx.say('error', err);
    }
  } }, t('发布')) : null;

  put(view, h('h1', {}, `${t('审核发布')} · ${unit} · ${period}`),
    h('form', { class: 'bar', onsubmit: (e) => {
      e.preventDefault();
      location.hash = link('approval', { unit, period: per.value.trim() });
    } }, h('label', { for: 'approval-period' }, t('月份')), per, h('button', { type: 'submit' }, t('检查')),
    note, publish),
    table(tree, [
      { key: 'unit', label: t('单位'), cell: (r) => h('span', { style: `padding-left:${(r.depth || 0)}em` }, r.unit) },
      { key: 'name', label: t('名称') },
      { key: 'state', label: t('状态'), cell: (r) => h('span', { class: `state-${r.state}` }, t(STATE[r.state] || r.state)) },
      { key: 'who', label: t('经办人') },
      { key: 'at', label: t('时间') },
      { key: 'blocks', label: t('待办') },
      { key: 'steps', label: t('操作'), cell: steps },
    ], {}),
    h('h2', {}, t('发布与修订')),
    pubs.revisions.length
      ? h('ul', { id: 'approval-revisions' }, pubs.revisions.map((r) =>
        h('li', {}, `${t('第')} ${r.revision} ${t('版')} · ${r.at} · ${r.who}${r.reason ? ' · ' + r.reason : ''}`)))
      : h('p', { class: 'mute', id: 'approval-unpublished' }, t('尚未发布')),
    pubs.changes.length
      ? table(pubs.changes, [
        { key: 'unit', label: t('单位') }, { key: 'indicator', label: t('指标') },
        { key: 'figure', label: t('数') }, { key: 'measure', label: t('口径') },
        { key: 'from', label: t('原版') }, { key: 'old', label: t('原值'), num: true },
        { key: 'to', label: t('新版') }, { key: 'new', label: t('新值'), num: true },
        { key: 'who', label: t('经办人') }, { key: 'reason', label: t('原因') },
      ], {})
      : null);
}
