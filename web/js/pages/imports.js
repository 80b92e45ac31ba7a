// imports.js: importing a CSV or XLSX file by upload (POST
// /api/v1/imports/{kind}): first a dry run that lists every bad row, as
// the command line names them, before anything is written; then the
// import itself, all or nothing.
import { api } from '../api.js';
import { h, put } from '../dom.js';
import { t } from '../i18n.js';

// The kinds kfq import takes (kfq import --help; docs/formats.md).
const KINDS = ['data', 'targets', 'units', 'indicators', 'groups', 'projects', 'project-plan',
  'progress', 'project-problems', 'leads', 'lead-stages', 'households', 'visits', 'cases',
  'case-events', 'case-sla', 'holidays', 'case-depts', 'index-categories', 'index-weights',
  'index-items', 'price-quotes', 'surveys', 'survey-questions', 'survey-answers'];

export async function render(view, ctx) {
  const kind = h('select', { id: 'import-kind' }, KINDS.map((k) => h('option', { value: k }, k)));
  const file = h('input', { id: 'import-file', type: 'file', accept: '.csv,.xlsx,text/csv' });
  const sheet = h('input', { id: 'import-sheet', size: 10, placeholder: 'Sheet1' });
  const out = h('div', { id: 'import-result', role: 'status' });
  const dry = h('button', { type: 'button', id: 'import-dry', class: 'secondary' }, t('预检（不写入）'));
  const go = h('button', { type: 'button', id: 'import-go', disabled: true }, t('导入'));
  let checked = null;

  async function send(dryRun) {
    put(out);
    ctx.say('', '');
    const f = file.files[0];
    if (!f) return;
    const fd = new FormData();
    fd.append('file', f, f.name);
    const q = new URLSearchParams();
    if (dryRun) q.set('dry_run', '1');
    if (sheet.value.trim()) q.set('sheet', sheet.value.trim());
    dry.disabled = go.disabled = true;
    try {
      const { data } = await api(`/imports/${encodeURIComponent(kind.value)}?${q}`, { method: 'POST', body: fd });
      const summary = `${data.file}: ${data.rows} ${t('行')} · ${t('新增')} ${data.added ?? 0} · ${t('修改')} ${data.changed ?? 0} · ${t('未变')} ${data.unchanged ?? 0}`;
      if (dryRun) {
        checked = f;
        put(out, h('p', { class: 'ok' }, `${t('预检通过，可以导入')}. ${summary}`));
      } else {
        checked = null;
        ctx.say('ok', `${t('已导入')}: ${summary}`);
      }
    } catch (e) {
      checked = null;
      put(out, h('p', { class: 'errors' }, e.message),
        e.details.length ? h('ul', { class: 'errors', id: 'import-errors' }, e.details.map((d) => h('li', {}, String(d)))) : null);
    } finally {
      dry.disabled = false;
      go.disabled = checked !== f;
    }
  }
  dry.addEventListener('click', () => send(true));
  go.addEventListener('click', () => send(false));
  for (const el of [file, kind, sheet]) el.addEventListener('change', () => { checked = null; go.disabled = true; put(out); });

  put(view, h('h1', {}, t('数据导入')),
    h('form', { class: 'grid', onsubmit: (e) => e.preventDefault() },
      h('label', { for: 'import-kind' }, t('类型')), kind,
      h('label', { for: 'import-file' }, t('文件')), file,
      h('label', { for: 'import-sheet' }, 'Sheet'), sheet,
      h('span'), h('span', {}, dry, ' ', go)),
    out,
    h('p', { class: 'mute' }, 'docs/formats.md'));
}
