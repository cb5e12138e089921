// Admin > Commercial Discounts (9.4.4.1) and KooGallery Resale Discounts
// (9.7.1.1): the operator grants them, each change one transaction with its
// audit event; bad input shows a message and changes nothing; partners,
// members and customers cannot reach /admin/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { localMinute, monthStart } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, operator, SUNRISE, GREATWALL, ECS, EVS, MEETING, XINGHE;

before(async () => {
  stack = await startStack();
  SUNRISE = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
  GREATWALL = await one("SELECT id FROM partners WHERE account_name = 'greatwall'");
  ECS = await one("SELECT id FROM products WHERE code = 'elastic_cloud_server'");
  EVS = await one("SELECT id FROM products WHERE code = 'elastic_volume_service'");
  MEETING = await one("SELECT id FROM products WHERE code = 'meeting'");
  XINGHE = await one("SELECT id FROM customers WHERE account_name = 'xinghe'");
  operator = await signedIn('operator');
});
after(async () => { await stack?.stop(); });

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0][0] : null;
}

const signedIn = (username) => signIn(stack.base, username);

const snapshot = () => stack.sql(`SELECT (SELECT COUNT(*) FROM commercial_discounts), (SELECT COUNT(*) FROM commercial_discount_items),
  (SELECT COUNT(*) FROM koogallery_discounts), (SELECT COUNT(*) FROM audit_events WHERE action LIKE '%discount%')`);

const base = () => ({
  partner_id: SUNRISE, level: 'partner', body: 'product_type', effective_at: monthStart(), expires_at: localMinute(30),
  product_id: ECS, discount: '25',
});

test('the demo discounts are listed; the pages name no missing string', async () => {
  for (const path of ['/admin/discounts', '/admin/koogallery']) {
    const page = await operator.get(path);
    assert.equal(page.status, 200, path);
    assert.doesNotMatch(page.text, /disc\.[a-z_]+\.|>disc\./, `${path}: a language key shows`);
  }
  const list = await operator.get('/admin/discounts');
  assert.match(list.text, /0HEIDEMO000001/);
  const koo = await operator.get('/admin/koogallery');
  assert.match(koo.text, /6f1c0e1a-3b5d-4c2e-9a7f-000000000001/);
});

test('the operator grants a partner-level product-type discount: code, status, item and audit in one go', async () => {
  await operator.get('/admin/discounts');
  const r = await operator.post('/admin/discounts', base());
  assert.equal(r.status, 303, r.text.slice(0, 2000));
  const id = /\/admin\/discounts\/(\d+)\?msg=disc_saved/.exec(r.location)[1];
  const [row] = await stack.sql(`SELECT code, partner_id, level, customer_id IS NULL, body, status FROM commercial_discounts WHERE id = ${id}`);
  assert.match(row[0], /^0HEI[0-9A-Z]{10}$/);
  assert.deepEqual(row.slice(1), [SUNRISE, 'partner', '1', 'product_type', 'effective']);
  assert.deepEqual(await stack.sql(`SELECT product_id, region, billing_mode IS NULL, discount_ppm, fixed_price IS NULL FROM commercial_discount_items WHERE discount_id = ${id}`),
    [[ECS, '', '1', '250000', '1']]);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_events WHERE action = 'commercial_discount.create' AND object_id = ${id}`), '1');
  // times typed in GMT+08:00 are stored in UTC
  const typed = monthStart();
  const stored = await one(`SELECT DATE_FORMAT(effective_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i') FROM commercial_discounts WHERE id = ${id}`);
  assert.equal(stored, typed);
  const page = await operator.get(`/admin/discounts/${id}`);
  assert.match(page.text, /25\.00 %/);
  // a future one is pending
  await operator.get('/admin/discounts');
  const r2 = await operator.post('/admin/discounts', { ...base(), effective_at: localMinute(5), expires_at: localMinute(50) });
  assert.equal(r2.status, 303);
  const id2 = /\/admin\/discounts\/(\d+)/.exec(r2.location)[1];
  assert.equal(await one(`SELECT status FROM commercial_discounts WHERE id = ${id2}`), 'pending');
});

test('a customer-level saving: fixed price with linear size and usage days; items added on its page', async () => {
  await operator.get('/admin/discounts');
  const r = await operator.post('/admin/discounts', {
    ...base(), level: 'customer', customer: 'xinghe', body: 'savings', discount: '', product_id: EVS,
    spec: 'General-Purpose SSD | 10.0 GB', region: 'ap-southeast-1', billing_mode: 'pay_per_use',
    fixed_price: '0.15', linear_size: '10', usage_days: '1',
  });
  assert.equal(r.status, 303, r.text.slice(0, 3000));
  const id = /\/admin\/discounts\/(\d+)/.exec(r.location)[1];
  assert.deepEqual(await stack.sql(`SELECT d.customer_id, i.spec, i.region, i.billing_mode, i.discount_ppm IS NULL, i.fixed_price, i.linear_size_milli, i.usage_days
    FROM commercial_discounts d JOIN commercial_discount_items i ON i.discount_id = d.id WHERE d.id = ${id}`),
  [[XINGHE, 'General-Purpose SSD | 10.0 GB', 'ap-southeast-1', 'pay_per_use', '1', '15000000', '10000', '1']]);
  const page = await operator.get(`/admin/discounts/${id}`);
  assert.match(page.text, /0\.15000000 × Linear size 10 × Usage Days\/Total ratio/);
  // a second item: a discount rate on ECS
  const add = await operator.post(`/admin/discounts/${id}/items`, { product_id: ECS, discount: '12.5' });
  assert.equal(add.status, 303);
  assert.equal(await one(`SELECT COUNT(*) FROM commercial_discount_items WHERE discount_id = ${id}`), '2');
  // a savings item with both a rate and a price is refused
  await operator.get(`/admin/discounts/${id}`);
  const before = await snapshot();
  const bad = await operator.post(`/admin/discounts/${id}/items`, { product_id: ECS, discount: '10', fixed_price: '1' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Enter either a discount or a fixed unit price\./);
  assert.deepEqual(await snapshot(), before);
});

test('bad input shows its message and changes nothing', async () => {
  await operator.get('/admin/discounts');
  const before = await snapshot();
  const cases = [
    [{ discount: '100.5' }, /Enter a percentage from 0 to 100 with at most 2 decimals\./],
    [{ discount: '12.345' }, /at most 2 decimals/],
    [{ expires_at: '2020-01-01 00:00' }, /The end must come after the start\./],
    [{ effective_at: '2026-02-30 10:00' }, /Enter a time as YYYY-MM-DD HH:MM/],
    [{ level: 'customer', customer: 'wideworld' }, /No customer with this account name is associated with the partner\./],
    [{ level: 'customer', customer: '' }, /No customer with this account name/],
    [{ customer: 'xinghe' }, /A customer is given only for customer level\./],
    [{ fixed_price: '3' }, /Product type discounts take only a discount/],
    [{ discount: '' }, /Enter the discount\./],
    [{ body: 'savings', discount: '', fixed_price: '', spec: 'x' }, /Enter either a discount or a fixed unit price\./],
    [{ body: 'savings', discount: '10', linear_size: '2' }, /apply only to a fixed unit price/],
    [{ body: 'savings', discount: '', fixed_price: '1', linear_size: '0.0001' }, /at most 3 decimals/],
    [{ region: 'mars-1' }, /Unknown region\./],
    [{ partner_id: '999999' }, /Choose a partner\./],
    [{ product_id: '999999' }, /Choose a product\./],
    [{ body: 'both' }, /class="error"/],
  ];
  for (const [change, message] of cases) {
    const r = await operator.post('/admin/discounts', { ...base(), ...change });
    assert.equal(r.status, 400, JSON.stringify(change));
    assert.match(r.text, message, JSON.stringify(change));
  }
  assert.deepEqual(await snapshot(), before);
});

test('nothing granted reaches a month already billed (the demo billed the two previous months)', async () => {
  const lastMonth = (await stack.sql(`SELECT DATE_FORMAT(MAX(billing_cycle) * 100 + 1, '%Y-%m-%d') FROM partner_bills WHERE partner_id = ${SUNRISE}`))[0][0];
  assert.ok(lastMonth && lastMonth !== 'NULL', 'the demo billed sunrise');
  const D1 = await one("SELECT id FROM commercial_discounts WHERE code = '0HEIDEMO000001'");
  await operator.get('/admin/discounts');
  const before = await snapshot();
  const r = await operator.post('/admin/discounts', { ...base(), effective_at: `${lastMonth} 12:00` });
  assert.equal(r.status, 400);
  assert.match(r.text, /Bills of that month exist already/);
  await operator.get(`/admin/discounts/${D1}`);
  const item = await operator.post(`/admin/discounts/${D1}/items`, { product_id: EVS, discount: '5' });
  assert.equal(item.status, 400);
  assert.match(item.text, /items cannot be added any more/);
  await operator.get('/admin/koogallery');
  const koo = await operator.post('/admin/koogallery', { level: 'product', product_id: MEETING, discount: '9', valid_from: `${lastMonth} 00:00`, valid_until: localMinute(30) });
  assert.equal(koo.status, 400);
  assert.match(koo.text, /Bills of that month exist already/);
  assert.deepEqual(await snapshot(), before);
  // one created earlier and still to be validated cannot be validated once its start is billed
  await stack.sql(`INSERT INTO koogallery_discounts (uuid, level, product_id, discount_ppm, status, valid_from, valid_until, updated_at)
    VALUES ('00000000-0000-4000-8000-0000000000d1', 'product', ${MEETING}, 90000, 'to_be_validated', '${lastMonth} 00:00:00', UTC_TIMESTAMP() + INTERVAL 30 DAY, UTC_TIMESTAMP())`);
  const id = await one("SELECT id FROM koogallery_discounts WHERE uuid = '00000000-0000-4000-8000-0000000000d1'");
  await operator.get('/admin/koogallery');
  const v = await operator.post(`/admin/koogallery/${id}/validate`, {});
  assert.equal(v.status, 409);
  assert.match(v.text, /Bills of that month exist already/);
  assert.equal(await one(`SELECT status FROM koogallery_discounts WHERE id = ${id}`), 'to_be_validated');
});

test('withdrawing ends a discount now; an expired one cannot be withdrawn or extended', async () => {
  await operator.get('/admin/discounts');
  const r = await operator.post('/admin/discounts', base());
  const id = /\/admin\/discounts\/(\d+)/.exec(r.location)[1];
  await operator.get(`/admin/discounts/${id}`);
  const w = await operator.post(`/admin/discounts/${id}/withdraw`, {});
  assert.equal(w.status, 303);
  assert.deepEqual(await stack.sql(`SELECT status, expires_at <= UTC_TIMESTAMP(), TIMESTAMPDIFF(SECOND, expires_at, UTC_TIMESTAMP()) < 60 FROM commercial_discounts WHERE id = ${id}`),
    [['expired', '1', '1']]);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_events WHERE action = 'commercial_discount.withdraw' AND object_id = ${id}`), '1');
  const page = await operator.get(`/admin/discounts/${id}`);
  assert.doesNotMatch(page.text, /id="withdraw"/);
  const before = await snapshot();
  assert.equal((await operator.post(`/admin/discounts/${id}/withdraw`, {})).status, 409);
  await operator.get(`/admin/discounts/${id}`);
  assert.equal((await operator.post(`/admin/discounts/${id}/items`, { product_id: ECS, discount: '5' })).status, 400);
  assert.deepEqual(await snapshot(), before);
  assert.equal((await operator.post('/admin/discounts/999999/withdraw', {})).status, 404);
});

test('KooGallery: product and customer level discounts, validated then withdrawn', async () => {
  await operator.get('/admin/koogallery');
  const r = await operator.post('/admin/koogallery', {
    level: 'product', product_id: MEETING, spec_name: 'Meeting Basic', delivery_method: 'License', category: 'Joint Operations Product',
    transaction_model: 'Revenue sharing', discount: '12', valid_from: monthStart(), valid_until: localMinute(60),
  });
  assert.equal(r.status, 303, r.text.slice(0, 3000));
  const [row] = await stack.sql("SELECT id, uuid, status, partner_id IS NULL, customer_id IS NULL, discount_ppm FROM koogallery_discounts WHERE spec_name = 'Meeting Basic'");
  assert.match(row[1], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(row.slice(2), ['to_be_validated', '1', '1', '120000']);
  const id = row[0];
  await operator.get('/admin/koogallery');
  assert.equal((await operator.post(`/admin/koogallery/${id}/validate`, {})).status, 303);
  assert.equal(await one(`SELECT status FROM koogallery_discounts WHERE id = ${id}`), 'effective');
  await operator.get('/admin/koogallery');
  assert.equal((await operator.post(`/admin/koogallery/${id}/validate`, {})).status, 409, 'already effective');
  assert.equal((await operator.post(`/admin/koogallery/${id}/withdraw`, {})).status, 303);
  assert.equal(await one(`SELECT status FROM koogallery_discounts WHERE id = ${id}`), 'invalid');
  assert.equal(await one(`SELECT COUNT(*) FROM audit_events WHERE object_type = 'koogallery_discount' AND object_id = ${id}`), '3');

  await operator.get('/admin/koogallery');
  const c = await operator.post('/admin/koogallery', {
    level: 'customer', product_id: MEETING, partner_id: SUNRISE, customer: 'xinghe', project: 'Xinghe rollout',
    discount: '18.5', valid_from: monthStart(), valid_until: localMinute(60),
  });
  assert.equal(c.status, 303);
  assert.deepEqual(await stack.sql("SELECT level, partner_id, customer_id, discount_ppm FROM koogallery_discounts WHERE project = 'Xinghe rollout'"),
    [['customer', SUNRISE, XINGHE, '185000']]);
});

test('KooGallery: bad input changes nothing', async () => {
  await operator.get('/admin/koogallery');
  const before = await snapshot();
  const good = { level: 'partner', product_id: MEETING, partner_id: SUNRISE, discount: '10', valid_from: monthStart(), valid_until: localMinute(30) };
  const cases = [
    [{ product_id: ECS }, /Choose a KooGallery product\./],
    [{ level: 'product' }, /A product level discount is for all partners/],
    [{ partner_id: '' }, /Choose a partner\./],
    [{ level: 'customer', customer: 'wideworld' }, /No customer with this account name/],
    [{ customer: 'xinghe' }, /A customer is given only for customer level\./],
    [{ partner_id: GREATWALL, level: 'customer', customer: 'xinghe' }, /No customer with this account name/],
    [{ discount: '-1' }, /Enter a percentage/],
    [{ valid_until: '2020-01-01 00:00' }, /The end must come after the start\./],
  ];
  for (const [change, message] of cases) {
    const r = await operator.post('/admin/koogallery', { ...good, ...change });
    assert.equal(r.status, 400, JSON.stringify(change));
    assert.match(r.text, message, JSON.stringify(change));
  }
  assert.deepEqual(await snapshot(), before);
  assert.equal((await operator.post('/admin/koogallery/999999/validate', {})).status, 404);
});

test('partner members and customers cannot reach the discount pages of /admin/', async () => {
  const before = await snapshot();
  for (const user of ['csp.admin', 'csp.finance1', 'customer1']) {
    const c = await signedIn(user);
    for (const path of ['/admin/discounts', '/admin/koogallery', '/admin/discounts/1']) {
      assert.equal((await c.get(path)).status, 403, `${user} GET ${path}`);
    }
    await c.get('/home');
    assert.equal((await c.post('/admin/discounts', base())).status, 403, `${user} POST`);
    assert.equal((await c.post('/admin/koogallery/1/validate', {})).status, 403, `${user} POST validate`);
  }
  assert.deepEqual(await snapshot(), before);
});
