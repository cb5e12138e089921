// Customer Management (spec 9.3.1.1, 9.3.1.14, 9.3.2.1; ch10 §2): the list with
// its filters, masking, sorting and numbered pages; details; account managers;
// export tasks; and who must not see what.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '../lib/client.mjs';
import { localDay } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, admin, am, director, finance, dist, reseller;

const rowIds = (html) => [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]));
const idOf = async (account) => Number((await stack.sql(`SELECT id FROM customers WHERE account_name = '${account}'`))[0][0]);
const userId = async (name) => Number((await stack.sql(`SELECT id FROM users WHERE username = '${name}'`))[0][0]);

before(async () => {
  stack = await startStack();
  const signed = async (name) => { const c = new Client(stack.base); await c.login(name); return c; };
  [admin, am, director, finance, dist, reseller] = await Promise.all(
    ['csp.admin', 'csp.am1', 'csp.director1', 'csp.finance1', 'dist.admin', 'reseller.admin'].map(signed));
});
after(async () => { await stack?.stop(); });

test('the admin sees all of its own customers and none of other partners', async () => {
  const r = await admin.get('/customers/');
  assert.equal(r.status, 200);
  const mine = (await stack.sql('SELECT id FROM customers WHERE partner_id = 1 ORDER BY id')).map((x) => Number(x[0]));
  assert.deepEqual(rowIds(r.text), mine);
  assert.equal(mine.length, 7);
});

test('an account manager sees only its assigned customers; a director those of its managers', async () => {
  const assigned = (await stack.sql(`SELECT id FROM customers WHERE account_manager_id = ${await userId('csp.am1')} ORDER BY id`))
    .map((x) => Number(x[0]));
  assert.ok(assigned.length >= 1);
  assert.deepEqual(rowIds((await am.get('/customers/')).text), assigned);
  assert.deepEqual(rowIds((await director.get('/customers/')).text), assigned, 'csp.director1 directs csp.am1');
  const other = await idOf('fabrikam'); // not assigned
  assert.equal((await am.get(`/customers/${other}`)).status, 404);
  assert.equal((await am.get(`/customers/${assigned[0]}`)).status, 200);
  // the finance specialist sees every customer (customer.view_all)
  assert.equal(rowIds((await finance.get('/customers/')).text).length, 7);
});

test('personal columns are masked until their eye is opened', async () => {
  const r = await admin.get('/customers/?name=Northwind');
  assert.deepEqual(rowIds(r.text), [await idOf('northwind')]);
  assert.match(r.text, /N\*\*\*\*s/);
  assert.match(r.text, /138\*\*\*\*2222/);
  assert.match(r.text, /it\*\*\*\*@northwind\.example/);
  assert.doesNotMatch(r.text, /Northwind Traders<\/a>/);
  const shown = await admin.get('/customers/?name=Northwind&show=name&show=mobile');
  assert.match(shown.text, /Northwind Traders<\/a>/);
  assert.match(shown.text, /13811112222/);
  assert.match(shown.text, /it\*\*\*\*@northwind\.example/, 'the e-mail column stays masked');
  // the eye link of the name column keeps the filter and flips only that column
  const eye = /<a [^>]*href="([^"]+)"[^>]*id="eye-name"/.exec(shown.text)[1].replaceAll('&amp;', '&');
  assert.match(eye, /name=Northwind/);
  assert.doesNotMatch(eye, /show=name/);
  assert.match(eye, /show=mobile/);
});

test('every filter narrows the list as the data says', async () => {
  const ids = async (q) => rowIds((await admin.get(`/customers/?${q}`)).text);
  assert.deepEqual(await ids(`id=${await idOf('contoso')}`), [await idOf('contoso')]);
  assert.deepEqual(await ids('account=lanhai'), [await idOf('lanhai')]);
  assert.deepEqual(await ids('mobile=134555'), [await idOf('fabrikam')]);
  assert.deepEqual(await ids('tag=vip'), [await idOf('blueocean')]);
  assert.deepEqual(await ids(`am=${await userId('csp.am1')}`),
    (await stack.sql(`SELECT id FROM customers WHERE account_manager_id = ${await userId('csp.am1')} ORDER BY id`)).map((x) => Number(x[0])));
  // month-to-date spend (USD): 760 and 900 are the only ones from 700 to 1,000
  assert.deepEqual(await ids('spend_min=700&spend_max=1000'), [await idOf('northwind'), await idOf('contoso')]);
  // budget usage: only xinghe (104 %) is at or over 100 %
  assert.deepEqual(await ids('usage_min=100'), [await idOf('xinghe')]);
  assert.deepEqual(await ids('auto_frozen=yes'), [await idOf('xinghe')]);
  assert.equal((await ids('auto_frozen=no')).length, 6);
  // a LIKE wildcard in the input matches only itself
  assert.deepEqual(await ids('name=%25'), []);
  // resource expiration: blueocean's first resource expires in 5 days, the others later
  assert.deepEqual(await ids(`expiry_from=${localDay(0)}&expiry_to=${localDay(5)}`), [await idOf('blueocean')]);
  // association time: all were associated within the last 100 days
  assert.equal((await ids(`assoc_from=${localDay(-101)}`)).length, 7);
  assert.deepEqual(await ids(`assoc_to=${localDay(-101)}`), []);
});

test('a bad filter is shown next to its input and ignored', async () => {
  const r = await admin.get('/customers/?spend_min=abc&id=-3');
  assert.equal(r.status, 200);
  assert.match(r.text, /Enter an amount such as 1,234\.56\./);
  assert.equal(rowIds(r.text).length, 7);
});

test('sorting on a whitelisted column, numbered pages with the total, an unknown sort ignored', async () => {
  const desc = await admin.get('/customers/?sort=spend_desc');
  const spend = (await stack.sql('SELECT id FROM customers WHERE partner_id = 1 ORDER BY mtd_spend DESC, id DESC')).map((x) => Number(x[0]));
  assert.deepEqual(rowIds(desc.text), spend);
  assert.match(desc.text, /<th class="sortable num" aria-sort="descending"><a href="[^"]*sort=spend_asc"/, 'the current column sorts the other way');
  // an unknown sort key, or SQL in it, is ignored: the default order, no error, nothing run
  const byId = (await stack.sql('SELECT id FROM customers WHERE partner_id = 1 ORDER BY id')).map((x) => Number(x[0]));
  for (const bad of ['bogus', 'id;DROP TABLE customers', 'c.name DESC', 'spend_sideways', "name_asc'"]) {
    const r = await admin.get(`/customers/?sort=${encodeURIComponent(bad)}`);
    assert.equal(r.status, 200, bad);
    assert.deepEqual(rowIds(r.text), byId, bad);
    assert.doesNotMatch(r.text, /aria-sort=/, bad);
    assert.doesNotMatch(r.text, /class="error"/, bad);
  }
  assert.equal((await stack.sql('SELECT COUNT(*) FROM customers'))[0][0] > 0, true);
  // 60 more customers: 3 pages of 20 (the default size), or 2 of 50, with the total
  await stack.sql("INSERT INTO customers (partner_id, name, account_name, association_type, associated_at) "
    + "SELECT 1, CONCAT('Page ', seq), CONCAT('page', seq), 'reseller', UTC_TIMESTAMP() FROM seq_1_to_60");
  const first = await admin.get('/customers/?name=Page');
  assert.equal(rowIds(first.text).length, 20);
  assert.match(first.text, /id="list-range">1–20 of 60</);
  const next = /id="next-page" href="([^"]+)"/.exec(first.text)[1].replaceAll('&amp;', '&');
  assert.match(next, /name=Page/);
  assert.match(next, /page=2/);
  const second = await admin.get(next);
  assert.match(second.text, /id="list-range">21–40 of 60</);
  assert.ok(Math.min(...rowIds(second.text)) > Math.max(...rowIds(first.text)));
  const big = await admin.get('/customers/?name=Page&size=50&page=2');
  assert.equal(rowIds(big.text).length, 10);
  assert.match(big.text, /id="list-range">51–60 of 60</);
  assert.doesNotMatch(big.text, /id="next-page"/);
  // a page or size that is not one is ignored: the first page of 20
  const odd = await admin.get('/customers/?name=Page&size=7&page=x');
  assert.equal(odd.status, 200);
  assert.equal(rowIds(odd.text).length, 20);
  await stack.sql("DELETE FROM customers WHERE account_name LIKE 'page%'");
});

test('a distributor sees its own customers, and its resellers\' ones masked on their own tab', async () => {
  const own = rowIds((await dist.get('/customers/')).text);
  assert.deepEqual(own, [await idOf('wideworld'), await idOf('changcheng')]);
  const r = await dist.get('/customers/?tab=resellers&show=name');
  assert.deepEqual(rowIds(r.text), [await idOf('harborcafe'), await idOf('gangwan'), await idOf('lucerne')]);
  // details of a reseller's customer: masked, no Basic Information tab
  const d = await dist.get(`/customers/${await idOf('harborcafe')}`);
  assert.equal(d.status, 200);
  assert.match(d.text, /H\*\*\*\*p/);
  assert.doesNotMatch(d.text, /Harbor Cafe Group/);
  assert.doesNotMatch(d.text, /tab=basic/);
  // the reseller sees its customers in full detail, and not the distributor's
  assert.equal(rowIds((await reseller.get('/customers/')).text).length, 3);
  assert.equal((await reseller.get(`/customers/${await idOf('wideworld')}`)).status, 404);
  // another partner's customer is a 404 for the CSP
  assert.equal((await admin.get(`/customers/${await idOf('harborcafe')}`)).status, 404);
});

test('customer details: overview counts, resources and basic information', async () => {
  const id = await idOf('blueocean');
  const o = await admin.get(`/customers/${id}`);
  assert.equal(o.status, 200);
  assert.match(o.text, /Blue Ocean Retail/);
  // one yearly/monthly resource expires in 5 days, one in 20: 7-day 1, 15-day 1, 30-day 2
  const row = /<tr data-mode="yearly_monthly">.*?class="d7">(\d+)<.*?class="d15">(\d+)<.*?class="d30">(\d+)</s.exec(o.text);
  assert.deepEqual(row.slice(1).map(Number), [1, 1, 2]);
  assert.match(o.text, /id="orders-all">1</);
  assert.match(o.text, /id="spend-month">350\.00</);
  assert.match(o.text, /id="budget-usage">17\.50</, '350 of a 2,000 USD monthly budget');
  const res = await admin.get(`/customers/${id}?tab=resources&mode=pay_per_use`);
  assert.match(res.text, /blueocean-obs-03/);
  assert.doesNotMatch(res.text, /blueocean-ecs-01/);
  const basic = await admin.get(`/customers/${id}?tab=basic`);
  assert.match(basic.text, /Blue Ocean Retail Ltd\./);
  assert.match(basic.text, /id="am-history">.*Li Na/s);
  assert.equal((await admin.get('/customers/999999')).status, 404);
});

test('assign, change and unassign an account manager; the worker ends it on the 1st', async () => {
  const id = await idOf('fabrikam');
  const amId = await userId('csp.am1');
  await admin.get(`/customers/${id}/assign`);
  const r = await admin.post(`/customers/${id}/assign`, { am: amId });
  assert.equal(r.status, 303);
  assert.deepEqual(await stack.sql(`SELECT account_manager_id FROM customers WHERE id = ${id}`), [[String(amId)]]);
  assert.deepEqual(await stack.sql(`SELECT status FROM am_assignments WHERE customer_id = ${id}`), [['active']]);
  assert.ok(rowIds((await am.get('/customers/')).text).includes(id), 'the manager now sees it');
  // a non-manager is refused and nothing changes
  await admin.get(`/customers/${id}/assign`);
  const bad = await admin.post(`/customers/${id}/assign`, { am: await userId('csp.finance1') });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Choose one of your account managers\./);
  // unassign: pending until the month ends, the manager keeps it meanwhile
  await admin.get(`/customers/${id}/assign`);
  assert.equal((await admin.post(`/customers/${id}/unassign`)).status, 303);
  const [[status, to]] = await stack.sql(`SELECT status, effective_to FROM am_assignments WHERE customer_id = ${id}`);
  assert.equal(status, 'pending_end');
  assert.ok(rowIds((await am.get('/customers/')).text).includes(id));
  // the job run on the last day changes nothing; on the 1st of next month it ends
  const day = new Date(`${to}T00:00:00Z`);
  const lastDay = `${to} 12:00:00`;
  const nextDay = new Date(day.getTime() + 86400000).toISOString().slice(0, 10);
  await stack.worker('run', 'assignments', '--now', lastDay);
  assert.deepEqual(await stack.sql(`SELECT status FROM am_assignments WHERE customer_id = ${id}`), [['pending_end']]);
  assert.equal((await stack.worker('run', 'assignments', '--now', `${nextDay} 00:30:00`)).code, 0);
  assert.deepEqual(await stack.sql(`SELECT status FROM am_assignments WHERE customer_id = ${id}`), [['ended']]);
  assert.deepEqual(await stack.sql(`SELECT account_manager_id FROM customers WHERE id = ${id}`), [['NULL']]);
  assert.ok(!rowIds((await am.get('/customers/')).text).includes(id));
  // a re-run is harmless
  assert.equal((await stack.worker('run', 'assignments', '--now', `${nextDay} 00:30:00`)).code, 0);
  assert.deepEqual(await stack.sql(`SELECT COUNT(*) FROM am_assignments WHERE customer_id = ${id}`), [['1']]);
});

test('Customer Assignment: batch assign only unassigned customers (409 otherwise), batch unassign', async () => {
  const amId = await userId('csp.am1');
  const lanhai = await idOf('lanhai');
  const north = await idOf('northwind'); // already assigned
  const page = await admin.get(`/customers/assignment/${amId}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<tr data-id="${lanhai}"`));
  const conflict = await admin.post(`/customers/assignment/${amId}/assign`, { ids: [lanhai, north] });
  assert.equal(conflict.status, 409);
  assert.deepEqual(await stack.sql(`SELECT COUNT(*) FROM am_assignments WHERE customer_id = ${lanhai}`), [['0']], 'all or nothing');
  await admin.get(`/customers/assignment/${amId}`);
  assert.equal((await admin.post(`/customers/assignment/${amId}/assign`, { ids: [lanhai] })).status, 303);
  assert.deepEqual(await stack.sql(`SELECT status FROM am_assignments WHERE customer_id = ${lanhai}`), [['active']]);
  await admin.get(`/customers/assignment/${amId}`);
  assert.equal((await admin.post(`/customers/assignment/${amId}/unassign`, { ids: [lanhai] })).status, 303);
  assert.deepEqual(await stack.sql(`SELECT status FROM am_assignments WHERE customer_id = ${lanhai}`), [['pending_end']]);
  // another partner's customer in the batch: 404 and nothing changes
  await admin.get(`/customers/assignment/${amId}`);
  const foreign = await admin.post(`/customers/assignment/${amId}/assign`, { ids: [await idOf('wideworld')] });
  assert.equal(foreign.status, 404);
});

test('who may not assign: account manager, director and finance get 403; other partners 404', async () => {
  const id = await idOf('contoso');
  for (const c of [am, director, finance]) {
    assert.equal((await c.get('/customers/assignment')).status, 403);
    await c.get('/customers/');
    assert.equal((await c.post(`/customers/${id}/assign`, { am: await userId('csp.am1') })).status, 403);
  }
  await dist.get('/customers/');
  assert.equal((await dist.post(`/customers/${id}/assign`, { am: await userId('csp.am1') })).status, 404);
  assert.equal((await admin.post(`/customers/${id}/assign`, { am: await userId('csp.am1'), csrf: 'x'.repeat(64) })).status, 403);
});

test('export: the admin creates an export task; others may not', async () => {
  await admin.get('/customers/?name=Contoso');
  const r = await admin.post('/customers/export', { name: 'Contoso' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/exports/?msg=export_created');
  const [[kind, filters, status]] = await stack.sql('SELECT kind, filters, status FROM export_tasks ORDER BY id DESC LIMIT 1');
  assert.deepEqual([kind, status], ['customers', 'queued']);
  assert.match(filters, /name=Contoso/);
  const h = await admin.get('/exports/');
  assert.match(h.text, /Customer list/);
  assert.match(h.text, /Queued/);
  // Export History pages with its total: 12 more tasks of this user make two pages of 10
  const mine = Number((await stack.sql("SELECT COUNT(*) FROM export_tasks WHERE user_id = (SELECT id FROM users WHERE username = 'csp.admin')"))[0][0]);
  await stack.sql("INSERT INTO export_tasks (partner_id, user_id, kind, name, filters, format, created_at) "
    + "SELECT u.partner_id, u.id, 'customers', CONCAT('Paged ', seq), '', 'csv', UTC_TIMESTAMP() FROM seq_1_to_12, users u WHERE u.username = 'csp.admin'");
  const p1 = await admin.get('/exports/?size=10');
  assert.equal((p1.text.match(/<tr data-id=/g) || []).length, 10);
  assert.match(p1.text, new RegExp(`id="list-range">1–10 of ${mine + 12}<`));
  const p2 = await admin.get(/id="next-page" href="([^"]+)"/.exec(p1.text)[1].replaceAll('&amp;', '&'));
  assert.equal((p2.text.match(/<tr data-id=/g) || []).length, mine + 12 - 10);
  await stack.sql("DELETE FROM export_tasks WHERE name LIKE 'Paged %'");
  for (const c of [finance, am]) {
    await c.get('/customers/');
    assert.equal((await c.post('/customers/export', {})).status, 403);
  }
  // another user's task is not downloadable
  const [[taskId]] = await stack.sql('SELECT id FROM export_tasks ORDER BY id DESC LIMIT 1');
  assert.equal((await finance.get(`/exports/${taskId}/download`)).status, 404);
});

test('the list and the details in Chinese', async () => {
  const zh = new Client(stack.base);
  await zh.login('csp.admin');
  await zh.get('/home');
  await zh.post('/auth/lang', { lang: 'zh', back: '/customers/' });
  const r = await zh.get('/customers/');
  assert.match(r.text, /<h1>客户管理<\/h1>/);
  assert.match(r.text, /账号已冻结/);
  const d = await zh.get(`/customers/${await idOf('blueocean')}`);
  assert.match(d.text, /待续费/);
  assert.match(d.text, /本月消费/);
});
