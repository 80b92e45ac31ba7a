// api.js: the JSON API of kfq serve (/api/v1/, docs/web.md). The session
// is the HttpOnly cookie; every change also sends the CSRF token given at
// sign-in (and again by /me after a reload).
import { lang } from './i18n.js';

let csrf = '';
export function setCsrf(t) { csrf = t || ''; }

export class ApiError extends Error {
  constructor(status, message, details, body) {
    super(message);
    this.status = status;
    this.details = details || [];
    this.body = body;
  }
}

// A number keeps the digits the server wrote (151.40 stays "151.40", a
// 19-digit figure keeps every digit): where JavaScript's number would
// print differently, the value is the text itself.
function exact(key, v, ctx) {
  if (typeof v === 'number' && ctx && typeof ctx.source === 'string' && ctx.source !== String(v))
    return ctx.source;
  return v;
}

// Ask the API: path under /api/v1, a method, a JSON body or FormData, and
// extra headers. Resolves to {data, status, etag}; an error status rejects
// with ApiError carrying the server's message and details (in the user's
// language).
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const h = { 'Accept-Language': lang() === 'en' ? 'en' : 'zh-CN', ...headers };
  if (method !== 'GET') h['X-CSRF-Token'] = csrf;
  let b = body;
  if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
    h['Content-Type'] = 'application/json';
    b = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch('/api/v1' + path, { method, headers: h, body: b, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, lang() === 'en' ? 'the server cannot be reached' : '无法连接服务器');
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text, exact); } catch (e) { data = null; }
  }
  if (!res.ok) {
    const err = data && data.error ? data.error : {};
    if (res.status === 401 && path !== '/login' && path !== '/me') {
      // the session ended (idle, expired, signed out elsewhere): sign in
      // again and come back to this page
      window.dispatchEvent(new Event('kfq-signed-out'));
    }
    throw new ApiError(res.status, err.message || res.status + ' ' + res.statusText, err.details, data);
  }
  return { data, status: res.status, etag: res.headers.get('ETag') };
}

// Every item of a paginated list (/units, /indicators ...).
export async function all(path) {
  const out = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 1; ; page++) {
    const { data } = await api(`${path}${sep}per_page=1000&page=${page}`);
    const items = Array.isArray(data) ? data : data.items;
    out.push(...items);
    if (Array.isArray(data) || items.length < 1000) return out;
  }
}
