// form.js: the monthly report form (月报) of one enterprise: this month's
// value of each headline indicator (GET /api/v1/forms/{unit}/{period}),
// last year's same month beside it (the form's "prior"), checks as the
// user types (not a number; negative; a value more than JUMP times last
// year's, which must be confirmed with a note kept in history), and
// saving all or nothing with the versions read (PUT /forms/...): when
// someone else saved in between, the form says which values and both
// figures, and nothing is written.
import { api, all } from '../api.js';
import { h, put, fig, hashQuery, link, narrow, NUMBER } from '../dom.js';
import { t } from '../i18n.js';
import { latestPeriod, headline } from './dashboard.js';

const JUMP = 3;

// The problem with a typed value against last year's, or '' when none;
// 'confirm' when it needs a confirmation.
export function check(text, prior) {
  const s = narrow(text);
  if (s === '') return { msg: '' };
  if (!NUMBER.test(s)) return { msg: t('不是数字'), block: true };
  const v = Number(s.replace(/,/g, ''));
  if (v < 0) return { msg: t('不能为负'), confirm: true };
  const p = Number(prior);
  if (prior !== null && prior !== undefined && p > 0 && (v > p * JUMP || v * JUMP < p))
    return { msg: t('比去年同月大 %s 倍以上，请确认', JUMP), confirm: true };
  return { msg: '' };
}

export async function render(view, ctx) {
  const q = hashQuery();
  const me = ctx.session.me;
  const mine = await api(`/units/${encodeURIComponent(me.unit)}`);
  const ents = mine.data.kind === 'enterprise' ? [mine.data] : await all('/units?kind=enterprise');
  const unit = q.get('unit') || (ents[0] && ents[0].code);
  const { head } = await headline();
  let period = q.get('period');
  if (!period && unit) {
    period = await latestPeriod(unit, head[0].code);
    if (period.length === 4) period += '-12';
  }
  // filed as this month's value, or as the year-to-date total (1-m月累计):
  // the server takes either period and gives the same figures (docs/formats.md)
  const basis = q.get('basis') === 'ytd' ? 'ytd' : 'month';
  const asked = basis === 'ytd' && period
    ? `${period.slice(0, 4)}年1-${Number(period.slice(5, 7))}月` : period;
  const dl = h('datalist', { id: 'form-units' }, ents.map((e) => h('option', { value: e.code }, e.name)));
  const usel = h('input', { id: 'form-unit', list: 'form-units', value: unit || '', size: 12 });
  const pin = h('input', { id: 'form-period', type: 'month', value: period || '' });
  const bsel = h('select', { id: 'form-basis' },
    h('option', { value: 'month', selected: basis === 'month' }, t('本月')),
    h('option', { value: 'ytd', selected: basis === 'ytd' }, t('累计')));
  const go = h('button', { type: 'button', class: 'secondary', onclick: () => {
    location.hash = link('form', { unit: usel.value.trim(), period: pin.value,
      basis: bsel.value === 'ytd' ? 'ytd' : '' });
  } }, t('重新读取'));
  const bar = h('div', { class: 'bar' }, h('label', { for: 'form-unit' }, t('企业')), usel, dl,
    h('label', { for: 'form-period' }, t('填报期间')), pin,
    h('label', { for: 'form-basis' }, t('口径')), bsel, go);
  if (!unit) return put(view, h('h1', {}, t('月报填报')), bar, h('p', {}, t('没有数据')));

  const [form, u] = await Promise.all([
    api(`/forms/${encodeURIComponent(unit)}/${encodeURIComponent(asked)}`),
    api(`/units/${encodeURIComponent(unit)}`),
  ]);
  const values = form.data.values;

  const rows = values.map((v) => {
    const id = `f-${v.indicator}`;
    const input = h('input', { id, name: v.indicator, inputmode: 'decimal', value: v.value ?? '',
      'aria-describedby': `${id}-msg`, size: 14 });
    const msg = h('span', { id: `${id}-msg`, class: 'note' });
    const ok = h('input', { type: 'checkbox', id: `${id}-ok` });
    const note = h('input', { id: `${id}-note`, placeholder: t('说明'), 'aria-label': `${v.name} ${t('说明')}`, size: 24 });
    const confirm = h('span', { hidden: true }, h('label', {}, ok, ' ', t('我已核实此数')), ' ', note);
    const row = { v, input, ok, note, confirm, msg, prior: v.prior, state: { msg: '' } };
    input.addEventListener('input', () => redo(row));
    return row;
  });
  function redo(row) {
    row.state = check(row.input.value, row.prior);
    row.input.classList.toggle('bad', !!row.state.msg);
    put(row.msg, row.state.msg);
    row.confirm.hidden = !row.state.confirm;
  }
  rows.forEach(redo);

  const errs = h('div', { id: 'form-errors', role: 'alert' });
  const save = h('button', { type: 'submit', id: 'form-save' }, t('保存'));
  const f = h('form', { id: 'monthly-form', onsubmit: async (ev) => {
    ev.preventDefault();
    put(errs);
    const bad = rows.filter((r) => r.state.block || (r.state.confirm && (!r.ok.checked || !r.note.value.trim())));
    if (bad.length) {
      put(errs, h('ul', { class: 'errors' }, bad.map((r) => h('li', {}, `${r.v.name}: ${r.state.msg}`))));
      bad[0].input.focus();
      return;
    }
    const changed = rows.filter((r) => narrow(r.input.value) !== (r.v.value ?? ''));
    if (!changed.length) return ctx.say('ok', t('已保存'));
    save.disabled = true;
    try {
      await api(`/forms/${encodeURIComponent(unit)}/${encodeURIComponent(asked)}`, { method: 'PUT', body: {
        values: changed.map((r) => ({ indicator: r.v.indicator, value: narrow(r.input.value),
          measure: r.v.measure, version: r.v.version,
          note: r.state.confirm ? r.note.value.trim() : undefined })),
      } });
      ctx.say('ok', `${t('已保存')}: ${changed.map((r) => r.v.name).join('、')}`);
      const again = await api(`/forms/${encodeURIComponent(unit)}/${encodeURIComponent(asked)}`);
      again.data.values.forEach((nv, k) => { rows[k].v = nv; });
    } catch (e) {
      if (e.status === 409 && e.body && e.body.error) {
        const c = e.body.error.details || e.body.error.conflicts || [];
        put(errs, h('p', { class: 'errors' }, t('有人在你之后修改了这些数：')),
          h('ul', { class: 'errors', id: 'form-conflicts' }, (Array.isArray(c) ? c : []).map((x) =>
            h('li', {}, typeof x === 'string' ? x
              : `${x.indicator}: ${t('你填的')} ${fig(x.yours)}, ${t('现在的')} ${fig(x.stored)}`))),
          h('p', {}, e.message));
      } else {
        ctx.say('error', e);
      }
    } finally {
      save.disabled = false;
    }
  } },
  h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, t('指标')), h('th', {}, t('口径')), h('th', {}, t(basis === 'ytd' ? '累计' : '本月')),
      h('th', { class: 'num' }, t(basis === 'ytd' ? '去年同期' : '去年同月')), h('th', {}))),
    h('tbody', {}, rows.map((r) => h('tr', {},
      h('td', {}, h('label', { for: `f-${r.v.indicator}` }, r.v.name)),
      h('td', {}, r.v.measure),
      h('td', {}, r.input),
      h('td', { class: 'num' }, fig(r.prior)),
      h('td', {}, r.msg, ' ', r.confirm)))))),
  errs, h('p', {}, save));
  put(view, h('h1', {}, `${t('月报填报')} · ${u.data.name} · ${asked}`), bar, f);
}
