// Admin > Product Catalog: the vendor operator keeps the catalog of seed 001
// (spec catalog.md) and its list prices; partners and customers may not.
// Over HTTP against a private stack; stored state is read back with SQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, operator;
let ECS, CDN;

before(async () => {
  stack = await startStack();
  ECS = (await stack.sql("SELECT id FROM products WHERE code = 'elastic_cloud_server'"))[0][0];
  CDN = (await stack.sql("SELECT id FROM products WHERE code = 'content_delivery_network'"))[0][0];
  operator = await signedIn('operator');
});
after(async () => { await stack?.stop(); });

const signedIn = (username) => signIn(stack.base, username);

const priceOf = async (product, item, region = '') =>
  (await stack.sql(`SELECT list_price, CAST(conversion_factor AS CHAR), usage_unit FROM price_items
     WHERE product_id = ${product} AND billing_item = '${item}' AND region = '${region}'`))[0];

test('the catalog holds the 23 categories and 169 entries of seed 001, with the p95 flags', async () => {
  assert.equal((await stack.sql('SELECT COUNT(*) FROM product_categories'))[0][0], '23');
  assert.equal((await stack.sql('SELECT COUNT(*) FROM products'))[0][0], '169');
  const p95 = (await stack.sql('SELECT code FROM products WHERE p95 = 1 ORDER BY code')).map((r) => r[0]);
  assert.deepEqual(p95, ['anti_ddos_service', 'content_delivery_network', 'direct_connect', 'live',
    'object_storage_service', 'virtual_private_cloud']);
  // every billable product has at least one list price; no console or doc entry has one
  assert.equal((await stack.sql(`SELECT COUNT(*) FROM products p WHERE p.kind IN ('service','solution')
    AND NOT EXISTS (SELECT 1 FROM price_items i WHERE i.product_id = p.id)`))[0][0], '0');
  assert.equal((await stack.sql(`SELECT COUNT(*) FROM price_items i JOIN products p ON p.id = i.product_id
    WHERE p.kind NOT IN ('service','solution')`))[0][0], '0');
});

test('the operator sees the catalog and a product with its list prices', async () => {
  const list = await operator.get('/admin/catalog');
  assert.equal(list.status, 200);
  assert.match(list.text, /data-code="elastic_cloud_server"/);
  assert.match(list.text, /SoftWare Repository for Container/);
  assert.match(list.text, /GaussDB\(DWS\)/);
  assert.equal((await operator.get('/admin/')).location, '/admin/catalog');
  const page = await operator.get(`/admin/catalog/${CDN}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /data-item="bandwidth_p95"/);
  assert.match(page.text, /value="0\.08500000"/, 'the CDN traffic price shows with 8 decimals');
  assert.match(page.text, /value="1024(\.0+)?"/, 'and its conversion factor');
  assert.equal((await operator.get('/admin/catalog/999999')).status, 404);
});

test('the operator adds a regional price; the same item and region twice is refused', async () => {
  await operator.get(`/admin/catalog/${ECS}`);
  const r = await operator.post(`/admin/catalog/${ECS}/prices`, {
    billing_item: 'instance_hours', resource_type: 'cloudserver', region: 'la-north-2',
    usage_unit: 'hour', pricing_unit: 'hour', conversion_factor: '1', list_price: '0.0555',
  });
  assert.equal(r.status, 303);
  assert.deepEqual(await priceOf(ECS, 'instance_hours', 'la-north-2'), ['5550000', '1.0000000000', 'hour']);
  const audit = await stack.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'catalog.price.create'");
  assert.equal(audit[0][0], '1');
  await operator.get(`/admin/catalog/${ECS}`);
  const again = await operator.post(`/admin/catalog/${ECS}/prices`, {
    billing_item: 'instance_hours', resource_type: 'cloudserver', region: 'la-north-2',
    usage_unit: 'hour', pricing_unit: 'hour', conversion_factor: '1', list_price: '0.07',
  });
  assert.equal(again.status, 409);
  assert.match(again.text, /already has a price in this region/);
  assert.deepEqual(await priceOf(ECS, 'instance_hours', 'la-north-2'), ['5550000', '1.0000000000', 'hour']);
});

test('the operator changes a list price and a conversion factor', async () => {
  const id = (await stack.sql(`SELECT id FROM price_items WHERE product_id = ${CDN} AND billing_item = 'traffic'`))[0][0];
  await operator.get(`/admin/catalog/${CDN}`);
  const r = await operator.post(`/admin/catalog/${CDN}/prices/${id}`, {
    usage_unit: 'MB', pricing_unit: 'GB', conversion_factor: '1000', list_price: '0.07812345',
  });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/admin/catalog/${CDN}?msg=catalog_saved`);
  assert.deepEqual(await priceOf(CDN, 'traffic'), ['7812345', '1000.0000000000', 'MB']);
  const page = await operator.get(r.location);
  assert.match(page.text, /The catalog was saved\./);
});

test('bad inputs are named on the page and change nothing', async () => {
  const before = await stack.sql('SELECT COUNT(*) FROM price_items');
  await operator.get(`/admin/catalog/${ECS}`);
  const cases = [
    [{ list_price: '-1' }, /f-list_price/],
    [{ list_price: '0.123456789' }, /f-list_price/],
    [{ conversion_factor: '0' }, /f-conversion_factor/],
    [{ region: 'mars-1' }, /Unknown region\./],
    [{ billing_item: '' }, /f-billing_item/],
  ];
  for (const [bad, where] of cases) {
    const form = { billing_item: 'gpu_hours', resource_type: 'cloudserver', region: '', usage_unit: 'hour',
      pricing_unit: 'hour', conversion_factor: '1', list_price: '1.5', ...bad };
    const r = await operator.post(`/admin/catalog/${ECS}/prices`, form);
    assert.equal(r.status, 400, JSON.stringify(bad));
    assert.match(r.text, where);
    assert.match(r.text, /class="error"/);
  }
  const id = (await stack.sql(`SELECT id FROM price_items WHERE product_id = ${ECS} AND region = ''`))[0][0];
  const upd = await operator.post(`/admin/catalog/${ECS}/prices/${id}`, {
    usage_unit: 'hour', pricing_unit: 'hour', conversion_factor: '1', list_price: 'abc',
  });
  assert.equal(upd.status, 400);
  assert.match(upd.text, /The price was not changed/);
  assert.deepEqual(await stack.sql('SELECT COUNT(*) FROM price_items'), before);
  assert.deepEqual(await priceOf(ECS, 'instance_hours'), ['4640000', '1.0000000000', 'hour']);
  // a price item of another product is not reachable through this product
  const cdnItem = (await stack.sql(`SELECT id FROM price_items WHERE product_id = ${CDN} LIMIT 1`))[0][0];
  const cross = await operator.post(`/admin/catalog/${ECS}/prices/${cdnItem}`, {
    usage_unit: 'x', pricing_unit: 'x', conversion_factor: '1', list_price: '9',
  });
  assert.equal(cross.status, 404);
});

test('the operator renames a product and flags it; an empty name is refused', async () => {
  const ELB = (await stack.sql("SELECT id FROM products WHERE code = 'elastic_load_balance'"))[0][0];
  await operator.get(`/admin/catalog/${ELB}`);
  const bad = await operator.post(`/admin/catalog/${ELB}`, { name: '', p95: '0', active: '1' });
  assert.equal(bad.status, 400);
  const ok = await operator.post(`/admin/catalog/${ELB}`, { name: 'Elastic Load Balance (ELB)', p95: '0', active: '0' });
  assert.equal(ok.status, 303);
  assert.deepEqual((await stack.sql(`SELECT name, p95, active FROM products WHERE id = ${ELB}`))[0],
    ['Elastic Load Balance (ELB)', '0', '0']);
});

test('partners and customers may not open or change the catalog', async () => {
  const before = await stack.sql('SELECT SUM(list_price), COUNT(*) FROM price_items');
  for (const user of ['csp.admin', 'dist.admin', 'customer1']) {
    const c = await signedIn(user);
    const page = await c.get('/admin/catalog');
    assert.equal(page.status, 403, `${user} GET`);
    await c.get('/home');
    const r = await c.post(`/admin/catalog/${ECS}/prices`, {
      billing_item: 'x', resource_type: 'y', usage_unit: 'h', pricing_unit: 'h', conversion_factor: '1', list_price: '1',
    });
    assert.equal(r.status, 403, `${user} POST`);
  }
  assert.deepEqual(await stack.sql('SELECT SUM(list_price), COUNT(*) FROM price_items'), before);
  const anon = await new Client(stack.base).get('/admin/catalog');
  assert.equal(anon.status, 303, 'signed out: to the login page');
});
