// accounts.js: the administrator's page: the accounts of the subtree
// (GET /api/v1/users), adding one (POST), disabling or enabling one
// (PUT /users/{name}), and the audit log (/audit).
import { api } from '../api.js';
import { h, put, table } from '../dom.js';
import { t } from '../i18n.js';

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
    ]),
    h('h2', {}, t('添加账户')), add,
    h('h2', {}, t('审计日志')),
    log.length ? table(log, Object.keys(log[0]).map((k) => ({ key: k, label: k }))) : h('p', {}, t('没有数据')));
}
