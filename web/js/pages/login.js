// login.js: signing in (POST /api/v1/login). A refused or throttled
// sign-in shows the server's message (it says when to try again).
import { api, setCsrf } from '../api.js';
import { h, put } from '../dom.js';
import { t } from '../i18n.js';

export function render(main, done) {
  const name = h('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const err = h('p', { class: 'errors', role: 'alert' });
  const btn = h('button', { type: 'submit', id: 'login-submit' }, t('登录'));
  const f = h('form', { class: 'grid', onsubmit: async (ev) => {
    ev.preventDefault();
    btn.disabled = true;
    put(err);
    try {
      const { data } = await api('/login', { method: 'POST', body: { name: name.value, password: pass.value } });
      setCsrf(data.csrf_token);
      await done();
    } catch (e) {
      put(err, e.message);
      btn.disabled = false;
    }
  } },
  h('label', { for: 'login-name' }, t('账户名')), name,
  h('label', { for: 'login-password' }, t('密码')), pass,
  h('span'), btn);
  put(main, h('div', { class: 'login' }, h('h1', {}, t('登录')), f, err));
  name.focus();
}
