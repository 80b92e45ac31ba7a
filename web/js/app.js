// app.js: the pages' frame. Who is signed in (/api/v1/me), the menu their
// rights allow, the page of the address's #/hash, messages, language.
import { api, setCsrf, ApiError } from './api.js';
import { h, put } from './dom.js';
import { t, lang, setLang } from './i18n.js';
import * as login from './pages/login.js';
import * as dashboard from './pages/dashboard.js';
import * as explain from './pages/explain.js';
import * as bulletin from './pages/bulletin.js';
import * as form from './pages/form.js';
import * as imports from './pages/imports.js';
import * as history from './pages/history.js';
import * as registers from './pages/registers.js';
import * as cases from './pages/cases.js';
import * as index from './pages/index.js';
import * as accounts from './pages/accounts.js';
import * as units from './pages/units.js';
import * as approval from './pages/approval.js';
import * as finance from './pages/finance.js';
import * as ledgers from './pages/ledgers.js';
import * as findings from './pages/findings.js';
import * as targets from './pages/targets.js';

// The pages: hash, title, the right the menu asks for, and the module;
// top: only for an account of a top-level unit (the zone's finance
// platform). A right the account lacks hides the page; the server
// refuses it anyway.
const PAGES = [
  { id: 'dashboard', title: '一张图', right: 'read', mod: dashboard },
  { id: 'bulletin', title: '简报', right: 'read', mod: bulletin },
  { id: 'form', title: '月报填报', right: 'data', mod: form },
  { id: 'imports', title: '数据导入', right: 'data', mod: imports },
  { id: 'projects', title: '重点项目', right: 'read', mod: registers.projects },
  { id: 'leads', title: '招商项目', right: 'read', mod: registers.leads },
  { id: 'cases', title: '走访问题', right: 'read', mod: cases },
  { id: 'finance', title: '金融活水', right: 'read', top: true, mod: finance },
  { id: 'ledgers', title: '台账', right: 'read', mod: ledgers },
  { id: 'findings', title: '问题数据', right: 'read', mod: findings },
  { id: 'index', title: '眼镜指数', right: 'read', mod: index },
  { id: 'approval', title: '审核发布', right: 'read', mod: approval },
  { id: 'history', title: '历史', right: 'read', mod: history },
  { id: 'targets', title: '目标管理', right: 'read', mod: targets },
  { id: 'units', title: '单位与指标', right: 'setup', mod: units },
  { id: 'accounts', title: '账户', right: 'accounts', mod: accounts },
  { id: 'explain', title: '说明', right: 'read', mod: explain, hidden: true },
];

export const session = { me: null };

export function can(right) {
  return !!(session.me && session.me.rights.includes(right));
}

// Whether the account may open page p: its right, and a top-level unit
// for the zone's pages.
function allowed(p) {
  return can(p.right) && (!p.top || !!session.me.top);
}

// A message above the page: kind 'error' or 'ok'; an ApiError shows the
// server's message and every detail (the bad rows of an import).
export function say(kind, what) {
  const el = document.getElementById('msg');
  el.className = kind;
  if (what instanceof ApiError || what instanceof Error) {
    put(el, what.message, what.details && what.details.length
      ? h('ul', { class: 'errors' }, what.details.map((d) => h('li', {}, String(d)))) : null);
  } else {
    put(el, what || '');
  }
}

function menu(active) {
  const nav = document.getElementById('nav');
  if (!session.me) return put(nav);
  put(nav, PAGES.filter((p) => !p.hidden && allowed(p)).map((p) =>
    h('a', { href: '#/' + p.id, class: p.id === active ? 'on' : null,
      'aria-current': p.id === active ? 'page' : null }, t(p.title))));
}

function chrome() {
  document.getElementById('brand').textContent = t('开发区经济运行监测');
  document.title = t('开发区经济运行监测') + ' · kfq';
  document.getElementById('lang').textContent = lang() === 'en' ? '中文' : 'English';
  const lo = document.getElementById('logout');
  lo.textContent = t('退出');
  lo.hidden = !session.me;
  put(document.getElementById('who'), session.me
    ? `${session.me.name} · ${session.me.unit}${session.me.dept ? ' · ' + session.me.dept : ''}` : '');
}

let seq = 0;
async function route() {
  const my = ++seq;
  const hash = location.hash.replace(/^#\/?/, '');
  const id = hash.split('?')[0] || '';
  const main = document.getElementById('main');
  say('', '');
  if (!session.me) {
    try {
      const { data } = await api('/me');
      session.me = data;
      setCsrf(data.csrf_token);
    } catch (e) {
      session.me = null;
    }
  }
  chrome();
  if (!session.me || id === 'login') {
    menu(null);
    // after signing in, the page that was asked for (an address kept or
    // sent to someone), else the first one
    const next = id && id !== 'login' ? '#/' + hash : (sessionStorage.getItem('kfq.next') || '#/');
    if (session.me) { location.hash = next; return; }
    sessionStorage.setItem('kfq.next', next);
    return login.render(main, async () => {
      session.me = null;
      sessionStorage.removeItem('kfq.next');
      if (location.hash === next) await route(); else location.hash = next;
    });
  }
  const pages = PAGES.filter(allowed);
  const page = pages.find((p) => p.id === id) || pages[0];
  menu(page ? page.id : null);
  if (!page) return put(main, h('p', {}, t('没有权限')));
  const view = h('div', { class: 'page', 'data-page': page.id }, h('p', { class: 'loading' }, t('加载中') + '…'));
  put(main, view);
  try {
    await page.mod.render(view, { session, can, say });
    if (my === seq) view.dataset.ready = '1';
  } catch (e) {
    if (my !== seq) return;
    put(main, h('h1', {}, t(page.title)));
    say('error', e);
  }
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'en' ? 'zh' : 'en');
  route();
});
document.getElementById('logout').addEventListener('click', async () => {
  try { await api('/logout', { method: 'POST' }); } catch (e) { /* signed out either way */ }
  session.me = null;
  setCsrf('');
  location.hash = '#/login';
  route();
});
window.addEventListener('hashchange', route);
window.addEventListener('kfq-signed-out', () => {
  if (!session.me) return;
  session.me = null;
  setCsrf('');
  route();
});
window.addEventListener('error', (e) => say('error', e.message));
setLang(lang());
route();
