// accounts.js: the administrator's page: the accounts of the subtree
// (GET /api/v1/users), adding one (POST), changing one's roles and unit or
// disabling or enabling it (PUT /users/{name}: its sessions end), and the
// audit log (/audit).
import { api } from '../api.js';
import { h, put, table } from '../dom.js';
import { t } from '../i18n.js';

// The audit log's columns, as kfq audit's table heads them.
const AUDIT = { at: '时间', who: '操作人', address: '地址', event: '事件', account: '账户', detail: '说明' };

// An account's roles and unit changed in its row: the cells become fields,
// saved with PUT /users/{name} (the server checks them: an unknown role or
// a unit outside the administrator's subtree is refused in its words).
function edit(view, ctx, r, tr) {
  const roles = h('input', { class: 'user-edit-roles', value: Array.isArray(r.roles) ? r.roles.join(',') : r.roles,
    'aria-label': t('角色'), size: 18 });
  const unit = h('input', { class: 'user-edit-unit', value: r.unit, 'aria-label': t('单位'), size: 12 });
  const save = h('button', { type: 'button', class: 'user-edit-save', onclick: async () => {
    try {
      await api(`/users/${encodeURIComponent(r.name)}`, { method: 'PUT',
        body: { roles: roles.value.split(/[,，\s]+/).filter(Boolean).join(','), unit: unit.value.trim() } });
      ctx.say('ok', `${r.name}: ${t('已保存')}`);
      await render(view, ctx);
    } catch (err) {
      ctx.say('error', err);
    }
  } }, t('保存'));
  put(tr.cells[1], unit);
  put(tr.cells[2], roles, ' ', save);
}

export async function render(view, ctx) {
  const [users, audit] = await Promise.all([api('/users'), api('/audit?per_page=200')]);
  const list = Array.isArray(users.data) ? users.data : users.data.items;
  const log = Array.isArray(audit.data) ? audit.data : audit.data.items;
  const name = h('input', { id: 'user-name', required: true, autocomplete: 'off' });
  const pass = h('input', { id: 'user-password', type: 'password', required: true, autocomplete: 'new-password' });
  const unit = h('input', { id: 'user-unit', required: true, value: ctx.session.me.unit });
  const roles = h('input', { id: 'user-roles', required: true, placeholder: 'clerk,leader' });
  const dept = h('input', { id: 'user-dept' });
  const add = h('form', { class: 'grid', id: 'user-add', onsubmit: async (e) => {
    e.preventDefault();
    const body = { name: name.value.trim(), password: pass.value, unit: unit.value.trim(),
      roles: roles.value.split(/[,，\s]+/).filter(Boolean).join(',') };
    if (dept.value.trim()) body.dept = dept.value.trim();
    try {
      await api('/users', { method: 'POST', body });
      ctx.say('ok', `${body.name}: ${t('已保存')}`);
      await render(view, ctx);
    } catch (err) {
      ctx.say('error', err);
    }
  } },
  h('label', { for: 'user-name' }, t('账户名')), name, h('label', { for: 'user-password' }, t('密码')), pass,
  h('label', { for: 'user-unit' }, t('单位')), unit, h('label', { for: 'user-roles' }, t('角色')), roles,
  h('label', { for: 'user-dept' }, t('部门')), dept, h('span'), h('button', { type: 'submit' }, t('添加账户')));
  put(view, h('h1', {}, t('账户')),
    table(list, [
      { key: 'name', label: t('账户名') },
      { key: 'unit', label: t('单位') },
      { key: 'roles', label: t('角色'), cell: (r) => (Array.isArray(r.roles) ? r.roles.join(', ') : r.roles) },
      { key: 'dept', label: t('部门') },
      { key: 'disabled', label: t('停用'), cell: (r) => h('button', { type: 'button', class: 'secondary',
        onclick: async () => {
          try {
            await api(`/users/${encodeURIComponent(r.name)}`, { method: 'PUT', body: { disabled: !r.disabled } });
            await render(view, ctx);
          } catch (err) { ctx.say('error', err); }
        } }, r.disabled ? '✔ ' + t('停用') : '—') },
      { key: 'edit', label: t('操作'), cell: (r) => h('button', { type: 'button', class: 'secondary user-edit',
        'data-name': r.name, onclick: (e) => edit(view, ctx, r, e.target.closest('tr')) }, t('角色与单位')) },
    ]),
    h('h2', {}, t('添加账户')), add,
    h('h2', {}, t('审计日志')),
    log.length ? table(log, Object.keys(log[0]).map((k) => ({ key: k, label: t(AUDIT[k] || k) })))
      : h('p', {}, t('没有数据')));
}
