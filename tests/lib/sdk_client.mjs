// A partner-API client for the tests that signs like the vendor's Python SDK
// (partner-api.md §4.2), written from the contract with node:crypto only —
// nothing of the server's code.  Bodies are serialized as the SDK does:
// {"a": 1, "b": "x"} (space after ':' and ','), non-ASCII as \uXXXX; an exact
// decimal is written with dec('1234.56').  Options let a test break one thing
// after signing (body, query, a header, the date, the secret).
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';

export const DEMO_KEYS = {
  csp: { ak: 'PCDEMOCSPADMIN000001', sk: 'pc-demo-sk-csp-admin-2026' },
  dist: { ak: 'PCDEMODISTADMIN00001', sk: 'pc-demo-sk-dist-admin-2026' },
};

const UA = 'huaweicloud-usdk-python/3.0; partner-center-tests';

/** An exact decimal for a body: written as a JSON number with exactly these digits. */
export class Decimal {
  constructor(text) { this.text = String(text); }
}
export const dec = (t) => new Decimal(t);

function pyString(s) {
  return JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** json.dumps(v) of the SDK: separators ', ' and ': ', ensure_ascii. */
export function pyJson(v) {
  if (v instanceof Decimal) return v.text;
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v).filter(([, x]) => x !== undefined && x !== null)
      .map(([k, x]) => `${pyString(k)}: ${pyJson(x)}`).join(', ')}}`;
  }
  if (typeof v === 'string') return pyString(v);
  return JSON.stringify(v);
}

/** Percent-encode every byte except A-Z a-z 0-9 - _ . ~ (upper-case hex). */
export function enc(s) {
  return [...Buffer.from(String(s), 'utf8')].map((b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

function canonicalUri(path) {
  const segs = decodeURIComponent(path).split('/').map(enc);
  const u = segs.join('/');
  return u.endsWith('/') ? u : `${u}/`;
}

/** The query as the SDK sends it: sorted by name then value, each part encoded. */
export function canonicalQuery(query = {}) {
  const pairs = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    pairs.push([enc(k), enc(typeof v === 'boolean' ? String(v) : v)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

export function sdkDate(d = new Date()) {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const sha256 = (b) => createHash('sha256').update(b).digest('hex');

/**
 * Sign: returns the Authorization header for method, path (as sent), query string (canonical),
 * headers (lower-case names → values, all signed), body (string).
 */
export function signRequest({ ak, sk, method, path, query, headers, body }) {
  const names = Object.keys(headers).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonical = [method, canonicalUri(path), query,
    names.map((n) => `${n}:${String(lower[n]).trim()}\n`).join(''), names.join(';'),
    sha256(Buffer.from(body, 'utf8'))].join('\n');
  const sts = ['SDK-HMAC-SHA256', lower['x-sdk-date'], sha256(canonical)].join('\n');
  const sig = createHmac('sha256', Buffer.from(sk, 'utf8')).update(sts).digest('hex');
  return `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${names.join(';')}, Signature=${sig}`;
}

export class ApiClient {
  /** base: "http://127.0.0.1:PORT"; key: { ak, sk }; domainId: sends X-Domain-Id. */
  constructor(base, key, { domainId } = {}) {
    const u = new URL(base);
    this.host = u.host;
    this.port = Number(u.port);
    this.key = key;
    this.domainId = domainId;
  }

  /**
   * Call method path with query (object) and body (object, or a string sent as is).
   * opts: headers (extra, signed), unsigned (extra, not signed), date (Date), sk (sign with it),
   * tamperBody / tamperQuery (replace after signing), drop (a signed header left out after
   * signing), authorization (replace the header; null: none).  Resolves to { status, headers, text, json }.
   */
  async call(method, path, { query, body, ...opts } = {}) {
    const text = body === undefined ? '' : typeof body === 'string' ? body : pyJson(body);
    const qs = canonicalQuery(query);
    const headers = {
      'Content-Type': 'application/json',
      Host: this.host,
      'User-Agent': UA,
      'X-Sdk-Date': sdkDate(opts.date),
      ...(this.domainId ? { 'X-Domain-Id': this.domainId } : {}),
      ...(opts.headers || {}),
    };
    const auth = 'authorization' in opts ? opts.authorization : signRequest({
      ak: this.key.ak, sk: opts.sk ?? this.key.sk, method, path, query: qs, headers, body: text,
    });
    const sentBody = opts.tamperBody ?? text;
    const sentQuery = opts.tamperQuery ?? qs;
    const send = { ...headers, ...(opts.unsigned || {}) };
    if (opts.drop) for (const k of Object.keys(send)) if (k.toLowerCase() === opts.drop) delete send[k];
    if (auth !== null) send.Authorization = auth;
    send['Content-Length'] = Buffer.byteLength(sentBody);
    const target = sentQuery ? `${path}?${sentQuery}` : path;
    return new Promise((ok, fail) => {
      const req = request({ host: '127.0.0.1', port: this.port, method, path: target, headers: send,
        setHost: false }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const t = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try { json = JSON.parse(t); } catch { /* left null: the test says so */ }
          ok({ status: res.statusCode, headers: res.headers, text: t, json });
        });
      });
      req.on('error', fail);
      req.end(sentBody);
    });
  }

  post(path, body, opts = {}) { return this.call('POST', path, { body, ...opts }); }
  get(path, query, opts = {}) { return this.call('GET', path, { query, ...opts }); }
}

/** Run fn with a key moved to another user (the SK is sealed to the AK, not to the user), then
 * give it back. */
export async function asUser(stack, ak, username, fn) {
  const [[owner]] = await stack.sql(`SELECT user_id FROM api_keys WHERE access_key = '${ak}'`);
  const [[uid]] = await stack.sql(`SELECT id FROM users WHERE username = '${username}'`);
  await stack.sql(`UPDATE api_keys SET user_id = ${uid} WHERE access_key = '${ak}'`);
  try { return await fn(); } finally {
    await stack.sql(`UPDATE api_keys SET user_id = ${owner} WHERE access_key = '${ak}'`);
  }
}

/** An API error answer: the status, the error_code, an error_msg (naming field when given). */
export function assertApiError(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error_code, code, r.text);
  assert.equal(typeof r.json.error_msg, 'string');
  if (field) assert.match(r.json.error_msg, new RegExp(field), r.text);
}
