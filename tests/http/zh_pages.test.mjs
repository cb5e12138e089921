// Issue 16 (figures, dates and language): the main pages of each demo role in Chinese carry no
// English label — headings, labels, buttons, table headers, options, legends, navigation,
// placeholders and titles are Chinese; the catalog's product, category and region names are its
// Chinese names — and no page shows developer text (spec section numbers, "pcadm").  Data the
// partners typed (names of customers, users, coupons, resources …) is what it is, and is taken
// out before the check; so are the brand words the catalog's Chinese names keep (ModelArts …).
// Instants are written "YYYY-MM-DD HH:MM:SS GMT+08:00" and money with thousands separators.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, known, brands;
const TRACE_NAMES = ['createTracker', 'addBpInviteTraceLog', 'customerEnter', 'confirmCustomerAgentAuthorizationApply',
  'applyUnbindOrSwitchCooperation', 'approvePartnerOrCustomerApply', 'applyPartnerPayment',
  'applyCustomerAgentAuthorization', 'startCustomerAgentSession', 'tracker', 'csbchannelsales', 'accountInfo', 'order'];
before(async () => {
  stack = await startStack();
  // every string the demo data typed, longest first (so that "Li Na (csp.am1)" goes as a whole)
  const rows = await stack.sql(`
    SELECT name FROM customers UNION SELECT account_name FROM customers UNION SELECT email FROM customers
    UNION SELECT name FROM partners UNION SELECT account_name FROM partners
    UNION SELECT name FROM users UNION SELECT username FROM users UNION SELECT email FROM users
    UNION SELECT name FROM coupons UNION SELECT remarks FROM coupons
    UNION SELECT name FROM promotions UNION SELECT description FROM promotions
    UNION SELECT name FROM roles WHERE partner_id IS NOT NULL
    UNION SELECT IFNULL(resource_key, '') FROM resources UNION SELECT name FROM resources UNION SELECT spec FROM resources
    UNION SELECT code FROM regions UNION SELECT koogallery_seller FROM products WHERE koogallery_seller IS NOT NULL
    UNION SELECT spec_name FROM koogallery_discounts UNION SELECT delivery_method FROM koogallery_discounts
    UNION SELECT category FROM koogallery_discounts UNION SELECT project FROM koogallery_discounts
    UNION SELECT tax_name FROM tax_rates
    UNION SELECT full_name FROM preregistrations`, { byHand: true });
  // the trace filter lists the cloud trace service's own event and resource type names, as its console does
  rows.push(...TRACE_NAMES.map((n) => [n]));
  known = rows.map((r) => r[0]).filter((s) => s && /[A-Za-z]/.test(s)).sort((a, b) => b.length - a.length);
  brands = new Set((await stack.sql(`SELECT name_zh FROM products UNION SELECT name_zh FROM product_categories`,
    { byHand: true })).flatMap((r) => r[0].match(/[A-Za-z][A-Za-z0-9()]*/g) || []));
});
after(async () => { await stack?.stop(); });

// Latin words a Chinese page may carry: codes and formats the vendor's Chinese console writes so.
const ALLOWED = new Set(['USD', 'EUR', 'CNY', 'GMT', 'API', 'ID', 'IDs', 'CSV', 'Excel', 'XLSX', 'PDF', 'XML', 'UBL',
  'SDK', 'HMAC', 'AK', 'SK', 'IP', 'URL', 'SaaS', 'English', 'VAT', 'SST', 'GST', 'SWIFT', 'IBAN', 'BIC', 'RF',
  'Visa', 'Mastercard', 'KooGallery', 'HUAWEI', 'CLOUD', 'IAM', 'OTP', 'QR', 'AIDA', 'TIN', 'E', 'N', 'A', 'B', 'PNG']);

const decode = (s) => s.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#[0-9]+;/g, ' ');

/** The texts of a page a user reads as labels: element texts and the read attributes. */
function labels(html) {
  const body = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '');
  const out = [];
  const tags = /<(h[1-6]|label|button|th|option|legend|caption|summary|dt)\b[^>]*>([\s\S]*?)<\/\1>/g;
  for (const m of body.matchAll(tags)) out.push([m[1], m[2].replace(/<[^>]+>/g, ' ')]);
  const nav = /<nav\b[\s\S]*?<\/nav>/.exec(body);
  if (nav) for (const m of nav[0].matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/g)) out.push(['nav a', m[1]]);
  for (const m of body.matchAll(/\s(placeholder|title|aria-label|alt)="([^"]*)"/g)) out.push([`@${m[1]}`, m[2]]);
  for (const m of body.matchAll(/<input\b[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"/g)) out.push(['input', m[1]]);
  return out.map(([where, t]) => [where, decode(t).replace(/\s+/g, ' ').trim()]).filter(([, t]) => t);
}

/** What is left of a text once data, numbers, dates and allowed words are taken out. */
function english(text) {
  let t = text;
  for (const k of known) if (t.includes(k)) t = t.split(k).join(' ');
  t = t.replace(/\b\d{4}-\d\d(-\d\d)?( \d\d:\d\d(:\d\d)?)?( GMT[+-]\d\d:\d\d)?/g, ' ');
  t = t.replace(/\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,}\b/g, ' '); // identifiers: CS2611…, 0HEIDEMO…
  t = t.replace(/\S\*{4}\S*/g, ' '); // masked data: N****s
  t = t.replace(/\bV\d+\b/g, ' '); // a document's version: the authorization letter V1001
  t = t.replace(/\b(YYYY|MM|DD|HH)\b/g, ' '); // the form of a date to type
  t = t.replace(/\b[A-Z]{1,4}\b/g, ' '); // codes: countries, currencies, tax categories (S, Z, O)
  t = t.replace(/\b[a-z0-9]+(?:[._-][a-z0-9]+)+\b/g, ' '); // codes: host names, resource keys, e-mail parts
  const words = t.match(/[A-Za-z][A-Za-z0-9()]*/g) || [];
  return words.filter((w) => !ALLOWED.has(w) && !brands.has(w) && !brands.has(w.replace(/[()]/g, '')));
}

const ROLES = ['csp.admin', 'dist.admin', 'reseller.admin', 'operator', 'customer1'];
const PER_ROLE = Number(process.env.ZH_PER_ROLE || 80); // every page shape of each role (55 at most today)

/** Signed in as role with lang chosen: the pages reached from the home page (one per path
 * shape: /customers/1 and /customers/2 count once), at most PER_ROLE. */
async function crawl(role, lang = 'zh') {
  const c = new Client(stack.base);
  assert.equal((await c.login(role)).status, 303);
  await c.get('/home');
  assert.equal((await c.post('/auth/lang', { lang, back: '/home' })).status, 303);
  const pages = [], seen = new Set(), queue = ['/home'];
  const shape = (p) => p.split('?')[0].replace(/\/\d+(?=\/|$)/g, '/N');
  while (queue.length && pages.length < PER_ROLE) {
    const path = queue.shift();
    const r = await c.get(path);
    if (r.status === 303 && r.location?.startsWith('/') && !seen.has(shape(r.location))) {
      seen.add(shape(r.location));
      queue.unshift(r.location);
      continue;
    }
    if (r.status !== 200 || !(r.headers.get('content-type') || '').startsWith('text/html')) continue;
    pages.push({ path, html: r.text });
    for (const m of r.text.matchAll(/href="(\/[^"#]*)"/g)) {
      const h = decode(m[1]);
      if (/\/(download|pdf|xml|csv)\b|^\/(css|js)\//.test(h) || seen.has(shape(h))) continue;
      seen.add(shape(h));
      queue.push(h);
    }
  }
  return pages;
}

test('every role in Chinese: no English label, no developer text, the page language zh-CN', async () => {
  const problems = [];
  let visited = 0;
  for (const role of ROLES) {
    const pages = await crawl(role);
    assert.ok(pages.length >= 3, `${role}: pages reached (${pages.length})`);
    visited += pages.length;
    for (const { path, html } of pages) {
      if (!/<html lang="zh-CN">/.test(html)) problems.push(`${role} ${path}: lang is not zh-CN`);
      const text = decode(html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' '));
      const section = /\(\d+(\.\d+)+\)|（\d+(\.\d+)+）|§\s?\d/.exec(text);
      if (section) problems.push(`${role} ${path}: section number ${section[0]}`);
      if (/pcadm/i.test(text)) problems.push(`${role} ${path}: "pcadm"`);
      for (const [where, t] of labels(html)) {
        const left = english(t);
        if (left.length) problems.push(`${role} ${path}: <${where}> "${t}" (${left.join(' ')})`);
      }
    }
  }
  assert.ok(visited >= 120, `pages visited: ${visited}`);
  assert.deepEqual([...new Set(problems)], []);
});

test('Chinese bill and spend pages: catalog names in Chinese, instants with their zone, grouped money', async () => {
  const c = new Client(stack.base);
  await c.login('csp.admin');
  await c.get('/home');
  await c.post('/auth/lang', { lang: 'zh', back: '/home' });
  const details = await c.get('/finance/bills/details');
  assert.equal(details.status, 200);
  assert.match(details.text, /弹性云服务器/);
  assert.match(details.text, /对象存储服务 \(存储\)|对象存储服务 \(公网流出流量\)/, 'billing items named in Chinese too');
  const visible = details.text.replace(/<[^>]+>/g, ' ');
  assert.doesNotMatch(visible, /Elastic Cloud Server|Object Storage Service|\((instance_hours|storage|traffic_out)\)/);
  const orders = await c.get('/orders/');
  assert.match(orders.text, /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\+08:00/, 'an instant with its zone');
  assert.doesNotMatch(orders.text, /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d, \d{4}/);
  assert.doesNotMatch(orders.text, /\$\d/, 'no dollar sign: the currency is written USD');
  // money: a refund's negative figure in a cell under "(USD)", the code after it in a sentence, zero as 0.00
  const paid = [...orders.text.matchAll(/<td class="paid[^"]*">(-?[\d,]+\.\d\d)/g)].map((m) => m[1]);
  assert.ok(paid.includes('-500.00'), `a negative paid amount: ${paid}`);
  assert.ok(paid.includes('0.00') && paid.includes('1,240.00'), `zero and thousands separators: ${paid}`);
  assert.ok(paid.every((v) => /^-?\d{1,3}(,\d{3})*\.\d\d$/.test(v)), `one form: ${paid}`);
  assert.match(orders.text, /title="现金: -500\.00 USD · /, 'a negative amount in a sentence: the code after it');
  assert.match(orders.text, /<title>[^<]*伙伴中心<\/title>/, 'the site name in Chinese');

  // the same pages in English keep the English names
  await c.post('/auth/lang', { lang: 'en', back: '/home' });
  const en = await c.get('/finance/bills/details');
  assert.match(en.text, /Elastic Cloud Server/);
  assert.match(en.text, /<html lang="en">/);
  assert.match((await c.get('/orders/')).text, /<title>[^<]*Partner Center<\/title>/);
});

test('every role in English: no developer text; instants carry their zone, money no $ sign and thousands separators', async () => {
  const problems = [];
  for (const role of ROLES) {
    for (const { path, html } of await crawl(role, 'en')) {
      const text = decode(html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' '));
      const dev = /\(\d+(\.\d+)+\)|§\s?\d|pcadm|SHA-256/.exec(text);
      if (dev) problems.push(`${role} ${path}: developer text ${dev[0]}`);
      const bare = /\b\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?(?![\d:])(?! GMT[+-]\d\d:\d\d)/.exec(text);
      if (bare) problems.push(`${role} ${path}: an instant without its zone: ${bare[0]}`);
      const month = /\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d, \d{4}/.exec(text);
      if (month) problems.push(`${role} ${path}: the old date form ${month[0]}`);
      const dollar = /\$\s?-?\d/.exec(text);
      if (dollar) problems.push(`${role} ${path}: a $ amount`);
      const ungrouped = /(?<![\d,.\w-])-?\d{4,}\.\d\d(?!\d)/.exec(text);
      if (ungrouped) problems.push(`${role} ${path}: an amount without thousands separators: ${ungrouped[0]}`);
    }
  }
  assert.deepEqual([...new Set(problems)], []);
});

test("the operator names a product in Chinese: the Chinese pages show it at once; the product form keeps the English name", async () => {
  const [[ecs]] = await stack.sql(`SELECT id FROM products WHERE code = 'elastic_cloud_server'`, { byHand: true });
  const op = new Client(stack.base);
  await op.login('operator');
  await op.get('/home');
  await op.post('/auth/lang', { lang: 'zh', back: '/home' });
  const form = await op.get(`/admin/catalog/${ecs}`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>弹性云服务器 <code>elastic_cloud_server<\/code><\/h1>/);
  assert.match(form.text, /name="name"[^>]*value="Elastic Cloud Server"|value="Elastic Cloud Server"[^>]*name="name"/, 'the English name as stored');
  assert.match(form.text, /value="弹性云服务器"/, 'the Chinese name in its own field');
  assert.match(form.text, /计算/, 'the category in Chinese');

  const saved = await op.post(`/admin/catalog/${ecs}`, { name: 'Elastic Cloud Server', name_zh: '弹性云服务器 ECS', p95: '0', active: '1' });
  assert.equal(saved.status, 303);
  assert.deepEqual((await stack.sql(`SELECT name, name_zh FROM products WHERE id = ${ecs}`, { byHand: true }))[0],
    ['Elastic Cloud Server', '弹性云服务器 ECS']);
  // another program (finance) shows the new name at once: the write moved the shared counter
  const c = new Client(stack.base);
  await c.login('csp.admin');
  await c.get('/home');
  await c.post('/auth/lang', { lang: 'zh', back: '/home' });
  assert.match((await c.get('/finance/bills/details')).text, /弹性云服务器 ECS/);

  // blank: the English name again; a client without the field leaves the Chinese name alone
  await op.get(`/admin/catalog/${ecs}`);
  assert.equal((await op.post(`/admin/catalog/${ecs}`, { name: 'Elastic Cloud Server', p95: '0', active: '1' })).status, 303);
  assert.equal((await stack.sql(`SELECT name_zh FROM products WHERE id = ${ecs}`, { byHand: true }))[0][0], '弹性云服务器 ECS');
  await op.get(`/admin/catalog/${ecs}`);
  assert.equal((await op.post(`/admin/catalog/${ecs}`, { name: 'Elastic Cloud Server', name_zh: '', p95: '0', active: '1' })).status, 303);
  assert.match((await c.get('/finance/bills/details')).text, /Elastic Cloud Server/);
  // a partner cannot reach the operator's form
  assert.notEqual((await c.post(`/admin/catalog/${ecs}`, { name: 'x', name_zh: 'y', p95: '0', active: '1' })).status, 303);
  await op.get(`/admin/catalog/${ecs}`);
  await op.post(`/admin/catalog/${ecs}`, { name: 'Elastic Cloud Server', name_zh: '弹性云服务器', p95: '0', active: '1' });
});
