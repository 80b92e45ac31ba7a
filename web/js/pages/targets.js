// targets.js: 目标管理, a unit's annual targets in a year (GET
// /api/v1/targets, as kfq target list): each headline indicator and each
// with a target, the target and whose it is (the unit's own, or its
// children's sum), the year to date at the indicator's latest month,
// completion and 序时进度, and a bar of the two; sortable. An account with
// the right setup changes a target in its row, with a reason (PUT
// /targets/{unit}/{indicator}/{year} with the version read): when someone
// changed it since, the row says so with both values and writes nothing.
import { api, all } from '../api.js';
import { h, put, fig, hashQuery, link, table, narrow, NUMBER } from '../dom.js';
import { t } from '../i18n.js';
import { headline, indName, latestPeriod } from './dashboard.js';

export async function render(view, ctx) {
  const q = hashQuery();
  const me = ctx.session.me;
  const unit = q.get('unit') || me.unit;
  const { inds, head } = await headline();
  let year = q.get('year');
  if (!year) year = head.length ? (await latestPeriod(unit, head[0].code)).slice(0, 4) : String(new Date().getFullYear());
  const [units, list] = await Promise.all([
    all('/units'),
    api(`/targets?unit=${encodeURIComponent(unit)}&year=${encodeURIComponent(year)}`),
  ]);
  const byCode = new Map(inds.map((i) => [i.code, i]));
  const uname = new Map(units.map((u) => [u.code, u.name]));
  const rows = list.data.map((r) => ({ ...r, name: byCode.has(r.indicator) ? indName(byCode.get(r.indicator)) : r.indicator }));

  const usel = h('input', { id: 'targets-unit', list: 'targets-units', value: unit, size: 16 });
  const dl = h('datalist', { id: 'targets-units' },
    units.filter((u) => ['province', 'zone', 'park'].includes(u.kind) || u.code === unit).map((u) => h('option', { value: u.code }, u.name)));
  const ysel = h('input', { id: 'targets-year', type: 'number', min: 1900, max: 2999, value: year, style: 'width:6em' });
  const bar = h('form', { class: 'bar', onsubmit: (e) => {
    e.preventDefault();
    location.hash = link('targets', { unit: usel.value.trim(), year: ysel.value.trim() });
  } }, h('label', { for: 'targets-unit' }, t('单位')), usel, dl,
  h('label', { for: 'targets-year' }, t('年度')), ysel,
  h('button', { type: 'submit', class: 'secondary' }, t('重新读取')));

  const source = (r) => (r.source === 'own' ? t('本单位') : r.source === 'children' ? t('下级合计') : '');
  const edit = ctx.can('setup');

  // a row's target, and for an account with setup its change in place
  function targetCell(r) {
    const cell = h('div', { class: 'target-cell', id: `target-${r.indicator}` });
    function show() {
      put(cell, h('span', { class: 'num' }, fig(r.target)), ' ',
        r.source ? h('span', { class: `tag ${r.source}` }, source(r)) : null,
        edit ? h('button', { type: 'button', class: 'link', id: `target-edit-${r.indicator}`,
          'aria-label': `${t('修改目标')} ${r.name}`, onclick: form }, t('修改目标')) : null);
    }
    function form() {
      const value = h('input', { id: `target-value-${r.indicator}`, inputmode: 'decimal', size: 10,
        value: r.source === 'own' ? fig(r.target) : '', 'aria-label': `${r.name} ${t('目标')} (${r.measure})` });
      const note = h('input', { id: `target-note-${r.indicator}`, size: 24, placeholder: t('理由（必填）'),
        'aria-label': `${r.name} ${t('理由（必填）')}` });
      const msg = h('div', { id: `target-msg-${r.indicator}`, class: 'note', role: 'alert' });
      const save = h('button', { type: 'submit', id: `target-save-${r.indicator}` }, t('保存'));
      put(cell, h('form', { class: 'target-form', onsubmit: async (e) => {
        e.preventDefault();
        put(msg);
        const typed = narrow(value.value);
        if (!NUMBER.test(typed)) { put(msg, t('不是数字')); value.focus(); return; }
        if (!note.value.trim()) { put(msg, t('请填写理由')); note.focus(); return; }
        save.disabled = true;
        try {
          const res = await api(`/targets/${encodeURIComponent(unit)}/${encodeURIComponent(r.indicator)}/${encodeURIComponent(year)}`, {
            method: 'PUT', headers: { 'If-Match': `"${r.version}"` },
            body: { value: typed, measure: r.measure, note: note.value.trim() } });
          // the list read again: the target, its completion and version now
          await render(view, ctx);
          ctx.say('ok', `${t('已保存')}: ${r.name} ${typed} ${r.measure} (${res.data.version})`);
        } catch (err) {
          if (err.status === 409 && err.body && err.body.error) {
            const x = err.body.error;
            put(msg, h('p', { class: 'errors', id: `target-conflict-${r.indicator}` },
              `${t('有人在你读取之后修改了此目标：')}${t('现在的')} ${fig(x.stored)}, ${t('你填的')} ${fig(x.yours)} (${r.measure})`),
            h('button', { type: 'button', class: 'secondary', onclick: () => { location.hash = link('targets', { unit, year, at: Date.now() }); } }, t('重新读取')));
          } else {
            put(msg, h('p', { class: 'errors' }, err.message));
          }
        } finally {
          save.disabled = false;
        }
      } }, value, ' ', r.measure, ' ', note, ' ', save, ' ',
      h('button', { type: 'button', class: 'secondary', onclick: show }, t('取消')), msg));
      value.focus();
    }
    show();
    return cell;
  }

  // completion as a bar, 序时进度's share of the year elapsed as its marker
  function meter(r) {
    const comp = Number(r.completion), tp = Number(r.time_progress);
    if (r.completion === null || r.completion === undefined) return h('span', { class: 'mute' }, '—');
    const elapsed = isFinite(tp) && tp > 0 ? comp / tp * 100 : NaN;
    return h('div', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100,
      'aria-valuenow': Math.min(100, comp || 0), 'aria-label': `${r.name} ${t('目标完成')}`,
      title: `${t('目标完成')} ${fig(r.completion)}% · ${t('序时进度')} ${fig(r.time_progress)}%` },
    h('span', { class: isFinite(tp) && tp < 100 ? 'behind' : null, style: `width:${Math.min(100, comp || 0)}%` }),
    isFinite(elapsed) ? h('i', { style: `left:${Math.min(100, elapsed)}%` }) : null);
  }

  put(view, h('h1', {}, `${t('目标管理')} · ${uname.get(unit) || unit} · ${year}`), bar,
    rows.length ? Object.assign(table(rows, [
      { key: 'name', label: t('指标'), cell: (r) => [h('a', { href: link('explain', { indicator: r.indicator, unit, period: r.period || year }) }, r.name),
        h('small', { class: 'mute phone-only' }, ` (${r.measure})`)] },
      { key: 'measure', label: t('计量单位') },
      { key: 'target', label: t('目标'), num: true, cell: targetCell },
      { key: 'ytd', label: t('累计'), num: true, cell: (r) => h('span', { title: r.period || '' }, fig(r.ytd), r.period && r.period !== year ? h('small', { class: 'mute' }, ` (${r.period})`) : null) },
      { key: 'completion', label: t('完成(%)'), num: true },
      { key: 'time_progress', label: t('序时进度(%)'), num: true, cell: (r) => h('span', { class: Number(r.time_progress) < 100 ? 'behind' : null }, fig(r.time_progress)) },
      { key: 'bar', label: t('进度'), cell: meter },
    ]), { id: 'targets-table' }) : h('p', { class: 'mute' }, t('没有数据')),
    h('p', { class: 'mute' }, t('目标来源：本单位的目标，没有时为下级单位目标之和；序时进度 = 完成 ÷ 已过月份占全年的比例，100 为按进度。')));
}
