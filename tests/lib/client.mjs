// An HTTP client for tests: a cookie jar, no automatic redirects, and form posts
// that pick the CSRF token from the last page fetched.
import assert from 'node:assert/strict';

export function csrfFrom(html) {
  const m = /name="csrf" value="([0-9a-f]{64})"/.exec(html);
  return m ? m[1] : null;
}

export class Client {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
    this.lastHtml = '';
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keepCookies(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim(), value = pair.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method, path, { body, headers = {} } = {}) {
    const res = await fetch(this.base + path, {
      method, body, redirect: 'manual',
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.keepCookies(res);
    const text = await res.text();
    if ((res.headers.get('content-type') || '').startsWith('text/html')) this.lastHtml = text;
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }

  get(path) {
    return this.request('GET', path);
  }

  /** POST a form; the CSRF token of the last page is added unless fields.csrf is given (null: none). */
  async post(path, fields = {}) {
    const form = new URLSearchParams();
    const all = { csrf: csrfFrom(this.lastHtml), ...fields };
    for (const [k, v] of Object.entries(all)) {
      if (v === null || v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) form.append(k, String(one));
    }
    return this.request('POST', path, {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** Sign in through the login form; returns the POST answer. */
  async login(username, password = 'Demo#2026') {
    await this.get('/auth/login');
    return this.post('/auth/login', { username, password, next: '/home' });
  }
}

export const DEMO_PASSWORD = 'Demo#2026';

/** A client signed in through the login form as username (the demo password unless given): the
 * answer must be a redirect (303, to `location` when given) with a session cookie. */
export async function signIn(base, username, { password = DEMO_PASSWORD, location } = {}) {
  const c = new Client(base);
  const r = await c.login(username, password);
  assert.equal(r.status, 303, `${username} signs in`);
  assert.ok(c.cookies.get('pc_sid'), `${username} gets a session cookie`);
  if (location !== undefined) assert.equal(r.location, location, `${username} goes to ${location}`);
  return c;
}

/** The first sign-in of a member made with an initial password: the portal sends it to
 * /auth/password first (5.1.2), where it is changed to `next`; resolves to the signed-in client. */
export async function firstSignIn(base, username, initial, next) {
  const c = new Client(base);
  const r = await c.login(username, initial);
  assert.equal(r.status, 303, `${username} signs in`);
  assert.equal(r.location, '/auth/password', `${username} must change the password first`);
  await c.get('/auth/password');
  const p = await c.post('/auth/password', { current: initial, password: next, confirm: next });
  assert.equal(p.status, 303, `${username} changes the password`);
  return c;
}

/** signIn, keeping the CSRF token of the session's first page (the console's for a customer) as c.csrf. */
export async function signInWithCsrf(base, username, options) {
  const c = await signIn(base, username, options);
  const page = await c.get(username.startsWith('customer') ? '/console/' : '/home');
  c.csrf = csrfFrom(page.text);
  assert.ok(c.csrf, `${username} has a CSRF token`);
  return c;
}

/** POST a form with the token signInWithCsrf kept, whatever page came last. */
export const postWithCsrf = (c, path, fields = {}) => c.post(path, { csrf: c.csrf, ...fields });
