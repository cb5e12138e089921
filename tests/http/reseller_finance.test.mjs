// A reseller has no finance (ch10 §1 items 7-8, §2 matrix: partner bills, funds, payments,
// remittance claims, account statements, cards, invoices and WHT certificates, coupons,
// commercial and KooGallery discounts are "—" for the reseller; the vendor bills and settles
// with the distributor only).  Signed in as reseller.admin and as a Finance specialist the
// reseller's admin creates on the Members page, every route of cgi-bin/finance*.c (read from
// the route tables, so that a new route is walked too) answers 403 — GET pages, objects by id
// and POST actions and exports with a valid CSRF token (the audit trail says access.denied, not
// csrf.reject) — and nothing changes; the menus, the home page's shortcuts and the role editor
// show no finance link or permission; the partner API's finance operations answer 403
// CBC.0151 to a reseller's keys.  The distributor still opens the same pages and operations,
// and the reseller keeps its customers, orders, expenditure and exports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { firstSignIn, postWithCsrf, signInWithCsrf } from '../lib/client.mjs';
import { ApiClient, DEMO_KEYS, assertApiError } from '../lib/sdk_client.mjs';
import { BUILD, startStack } from '../lib/stack.mjs';

const INITIAL = 'Init#2026a', CHANGED = 'Fin#2026changed';
let stack, dist, reseller, finance, resellerKey, financeKey, distKey;
let HARBOR, GREATWALL, harborBill, harborInvoice, distBill, distInvoice, financeRole;

const one = async (q) => (await stack.sql(q))[0]?.[0];

/** Every route of the finance programs, as their route tables declare it. */
function financeRoutes() {
  // the route table pc-finance prints (--routes: method, pattern, guard, handler, file, notes)
  const out = execFileSync(join(BUILD, 'cgi-bin/pc-finance'), ['--routes'], { encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim().split(/\s+/))
    .filter((f) => (f[0] === 'GET' || f[0] === 'POST') && f[1].startsWith('/finance/'))
    .map((f) => ({ method: f[0], pattern: f[1], guard: f[2], file: f[4].replace('cgi-bin/', '') }));
}

/** A route's path with the reseller's own object where it has one (its bill, its invoice). */
function pathOf(pattern, own = true) {
  const id = pattern.startsWith('/finance/bills/') ? (own ? harborBill : distBill)
    : pattern.startsWith('/finance/invoices/') ? (own ? harborInvoice : distInvoice) : 1;
  return pattern.replace('{id}', String(id));
}

/** Plausible fields for each action: the guard must refuse before any of them is read. */
const FIELDS = {
  format: 'csv', month: '', cycle: '', on: '1', bill_id: '', amount: '10', method: 'balance',
  customer_id: '', face_value: '10', number: '4111111111111111', address: 'x', email: 'a@b.example',
};

/** What the reseller could change through a finance route: checksums of the tables behind them. */
const TABLES = ['partner_bills', 'bill_lines', 'payments', 'payment_allocations', 'payment_cards',
  'remittance_claims', 'export_tasks', 'coupons', 'coupon_quotas', 'coupon_operation_logs', 'coupon_notices',
  'invoices', 'partner_invoice_info', 'invoice_notices', 'wht_certificates', 'journal_entries', 'ledger_accounts'];
const checksums = async () => stack.sql(`CHECKSUM TABLE ${TABLES.join(', ')}`);

/** The finance links a page would offer: any href into /finance/ or to the finance exports. */
const financeLinks = (html) => [...html.matchAll(/(?:href|action)="(\/finance[^"]*)"/g)].map((m) => m[1]);

before(async () => {
  stack = await startStack();
  HARBOR = Number(await one("SELECT id FROM partners WHERE account_name = 'harbor'"));
  GREATWALL = Number(await one("SELECT id FROM partners WHERE account_name = 'greatwall'"));
  // the pages gated by country and program open for both, so that only the partner kind decides
  await stack.sql(`UPDATE partners SET country = 'MY', koogallery_program = 1 WHERE id IN (${HARBOR}, ${GREATWALL})`);
  // the demo's bill run billed the reseller's customers to the reseller (the bill engine's own
  // issue moves them to the distributor): its bill and invoice, if any, are the objects by id
  harborBill = Number(await one(`SELECT COALESCE(MIN(id), 1) FROM partner_bills WHERE partner_id = ${HARBOR}`));
  harborInvoice = Number(await one(`SELECT COALESCE(MIN(id), 1) FROM invoices WHERE partner_id = ${HARBOR}`));
  distBill = Number(await one(`SELECT MIN(id) FROM partner_bills WHERE partner_id = ${GREATWALL}`));
  distInvoice = Number(await one(`SELECT MIN(id) FROM invoices WHERE partner_id = ${GREATWALL}`));
  financeRole = await one("SELECT id FROM roles WHERE code = 'FINANCE'");
  dist = await signInWithCsrf(stack.base, 'dist.admin');
  reseller = await signInWithCsrf(stack.base, 'reseller.admin');
  // the reseller's admin makes a Finance specialist on the Members page
  finance = await member(reseller, 'harbor.finance', [financeRole]);
  // API keys of the reseller's admin and of its Finance specialist, made at /org/api-keys
  const key = async (owner) => {
    await reseller.get('/org/api-keys');
    const r = await postWithCsrf(reseller, '/org/api-keys/new', { description: 'reseller finance', owner });
    assert.equal(r.status, 200, r.text);
    const shown = (id) => new RegExp(`id="${id}">([^<]+)<`).exec(r.text)[1];
    return new ApiClient(stack.base, { ak: shown('new-ak'), sk: shown('new-sk') });
  };
  resellerKey = await key(await one("SELECT id FROM users WHERE username = 'reseller.admin'"));
  financeKey = await key(await one("SELECT id FROM users WHERE username = 'harbor.finance'"));
  distKey = new ApiClient(stack.base, DEMO_KEYS.dist);
});
after(async () => stack && stack.stop());

test('the route tables: every finance route needs finance.view', () => {
  const routes = financeRoutes();
  assert.ok(routes.length >= 35, `${routes.length} routes`);
  assert.deepEqual(routes.filter((r) => r.guard !== 'PC_PERM_FINANCE_VIEW'), []);
});

for (const who of ['reseller.admin', 'harbor.finance']) {
  test(`${who}: every finance page, object and action answers 403 and changes nothing`, async () => {
    const c = who === 'reseller.admin' ? reseller : finance;
    const uid = await one(`SELECT id FROM users WHERE username = '${who}'`);
    const before = await checksums();
    const since = Number(await one('SELECT COALESCE(MAX(id), 0) FROM audit_events'));
    const posts = [];
    for (const r of financeRoutes()) {
      const path = pathOf(r.pattern);
      const res = r.method === 'GET' ? await c.get(path) : await postWithCsrf(c, path, FIELDS);
      assert.equal(res.status, 403, `${r.method} ${path} (${r.file})`);
      assert.deepEqual(financeLinks(res.text), [], `${path}: the 403 page links nowhere in finance`);
      if (r.method === 'POST') posts.push(path);
    }
    // the tabs and filters of the pages too (the guard is per route, not per tab)
    for (const path of ['/finance/funds?tab=pay', '/finance/funds?tab=methods', '/finance/funds?tab=remittance',
      '/finance/coupons?tab=test', '/finance/coupon-management?tab=quota', `/finance/bills?month=2020-01`])
      assert.equal((await c.get(path)).status, 403, path);
    assert.deepEqual(await checksums(), before, 'no finance table changed');
    assert.equal(await one(`SELECT COUNT(*) FROM export_tasks WHERE partner_id = ${HARBOR}`), '0', 'no export task');
    // each POST passed the CSRF check with the session's token and was refused by the permission
    const denied = await stack.sql(`SELECT action, detail FROM audit_events WHERE id > ${since} AND actor_user_id = ${uid}
      AND action IN ('access.denied', 'csrf.reject') ORDER BY id`);
    assert.deepEqual(denied.filter(([a]) => a === 'csrf.reject'), []);
    for (const p of posts) assert.ok(denied.some(([, d]) => d === p.split('?')[0]), `access.denied for POST ${p}`);
  });
}

test('the distributor opens the same pages and its own objects', async () => {
  for (const r of financeRoutes().filter((x) => x.method === 'GET')) {
    const path = pathOf(r.pattern, false);
    const res = await dist.get(path);
    // claims and WHT attachments by id: the distributor has none (404, DESIGN §8); /finance/ opens Partner Bills
    const want = path === '/finance/' ? 303 : /\/(claims|wht)\/1\/attachment$|\/coupons\/1$|\/discounts\/1$/.test(path) ? 404 : 200;
    assert.equal(res.status, want, `${path} (${r.file})`);
  }
  const home = await dist.get('/home');
  for (const href of ['/finance/bills', '/finance/funds', '/finance/invoices', '/finance/coupons', '/finance/discounts',
    '/finance/koogallery'])
    assert.ok(financeLinks(home.text).includes(href), `the distributor's menu has ${href}`);
});

test('the reseller\'s menus and home page offer no finance link; its roles hold no finance permission', async () => {
  const pages = ['/home', '/customers/', '/orders/', '/spend/', '/spend/details', '/exports/'];
  for (const [c, paths] of [[reseller, [...pages, '/org/members', '/org/roles', '/org/api-keys']], [finance, pages]]) {
    for (const path of paths) {
      const r = await c.get(path);
      assert.equal(r.status, 200, path);
      assert.deepEqual(financeLinks(r.text), [], `${path} links into finance`);
      for (const label of ['Partner Bills', 'Funds', 'Invoices', 'Coupons', 'KooGallery'])
        assert.ok(!new RegExp(`<a [^>]*>${label}</a>`).test(r.text), `${path}: no ${label} link`);
    }
  }
  // the role editor offers no finance permission, and refuses one sent anyway
  const form = await reseller.get('/org/roles/new');
  assert.equal(form.status, 200);
  assert.ok(form.text.includes('value="spend.view"'), 'the editor lists the permissions');
  for (const code of ['finance.view', 'finance.topup_withdraw', 'benefit.invoice', 'incentive.view'])
    assert.ok(!form.text.includes(`value="${code}"`), `no ${code} checkbox`);
  const roles = await one(`SELECT COUNT(*) FROM roles WHERE partner_id = ${HARBOR}`);
  const bad = await postWithCsrf(reseller, '/org/roles/new', { name: 'Money', description: '', perms: ['spend.view', 'finance.view'] });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(await one(`SELECT COUNT(*) FROM roles WHERE partner_id = ${HARBOR}`), roles, 'no role made');
  // the Finance specialist role shows the reseller what it holds there: no finance permission
  const view = await reseller.get(`/org/roles/${financeRole}`);
  assert.equal(view.status, 200);
  assert.ok(view.text.includes('data-perm="spend.view"'));
  assert.ok(!/data-perm="(finance|benefit|incentive)\./.test(view.text), 'no finance permission shown');
  // the distributor's editor still offers them
  assert.ok((await dist.get('/org/roles/new')).text.includes('value="finance.view"'));
});

let members = 0;
/** A member made by `by` on the Members page, signed in with its password changed. */
async function member(by, username, roles) {
  assert.equal((await by.get('/org/members/new')).status, 200);
  const made = await by.post('/org/members/new', {
    username, name: `Harbor ${username}`, mobile_cc: '+86', mobile: String(13912345680 + ++members), email: `${username}@harbor.example`,
    office_phone: '', status: 'normal', director_id: '', password: INITIAL, confirm: INITIAL, roles });
  assert.equal(made.status, 303, made.text);
  const c = await firstSignIn(stack.base, username, INITIAL, CHANGED);
  c.csrf = /name="csrf" value="([0-9a-f]{64})"/.exec((await c.get('/home')).text)[1];
  return c;
}

test('a reseller\'s member who holds what the Finance role gives a reseller may hand it out (no one grants more than they hold)', async () => {
  await reseller.get('/org/roles/new');
  const made = await reseller.post('/org/roles/new', { name: 'Team lead', description: '',
    perms: ['org.member.manage', 'customer.view_all', 'order.view', 'spend.view'] });
  assert.equal(made.status, 303, made.text);
  const lead = await member(reseller, 'harbor.lead', [/^\/org\/roles\/(\d+)/.exec(made.location)[1]]);
  await lead.get('/org/members/new');
  const r = await lead.post('/org/members/new', {
    username: 'harbor.fin2', name: 'Harbor Fin Two', mobile_cc: '+86', mobile: '13912345672',
    email: 'fin2@harbor.example', office_phone: '', status: 'normal', director_id: '', password: INITIAL,
    confirm: INITIAL, roles: [financeRole] });
  assert.equal(r.status, 303, r.text);
  assert.equal(await one(`SELECT COUNT(*) FROM member_roles mr JOIN users u ON u.id = mr.user_id
    WHERE u.username = 'harbor.fin2' AND mr.role_id = ${financeRole}`), '1');
});

test('the reseller keeps its customers, orders, expenditure and exports', async () => {
  for (const c of [reseller, finance])
    for (const path of ['/customers/', '/orders/', '/spend/', '/spend/details'])
      assert.equal((await c.get(path)).status, 200, path);
  // an expenditure export is still the reseller admin's to start
  await reseller.get('/spend/details');
  const r = await postWithCsrf(reseller, '/spend/details/export', { format: 'csv' });
  assert.equal(r.status, 303, r.text);
  assert.equal(await one(`SELECT kind FROM export_tasks WHERE partner_id = ${HARBOR}`), 'expenditure_details');
  await stack.sql(`DELETE FROM export_tasks WHERE partner_id = ${HARBOR}`);
});

const OPS = [
  ['show_customer_account_balances', '/v2/accounts/customer-accounts/balances', {}],
  ['show_partner_consumption_quota', '/v2/partners/credit/consumption-quota', {}],
  ['list_postpaid_bill_sum', '/v2/bills/partner-bills/postpaid-bill-summary', { bill_cycle: '2026-01' }],
  ['list_sub_customer_coupons', '/v2/promotions/benefits/coupons', {}],
];

test('the partner API: the reseller\'s keys get 403 CBC.0151 on every finance operation; the distributor\'s 200', async () => {
  for (const [name, path, query] of OPS) {
    for (const key of [resellerKey, financeKey]) {
      const r = await key.get(path, query);
      assertApiError(r, 403, 'CBC.0151');
      assert.match(r.json.error_msg, /reseller/, `${name}: says why`);
    }
    assert.equal((await distKey.get(path, query)).status, 200, name);
  }
  // the reseller's key still lists its customers
  const list = await resellerKey.post('/v2/partners/sub-customers/query', {});
  assert.equal(list.status, 200, list.text);
  assert.ok(list.json.count > 0, list.text);
});
