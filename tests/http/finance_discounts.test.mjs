// Sales > Financial Information > Contracts and Commerce (9.4.4.1) and
// Discounts for KooGallery Products (9.7.1.1): a partner sees its own
// discounts only (another partner's by id is a 404), customers masked unless
// the eye shows them; the KooGallery page only for the Sales Program's
// members; an account manager (no finance.view) gets 403.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, admin, SUNRISE, GREATWALL, ECS, MEETING, WIDEWORLD, D1, D2, DB;

before(async () => {
  stack = await startStack();
  SUNRISE = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
  GREATWALL = await one("SELECT id FROM partners WHERE account_name = 'greatwall'");
  ECS = await one("SELECT id FROM products WHERE code = 'elastic_cloud_server'");
  MEETING = await one("SELECT id FROM products WHERE code = 'meeting'");
  WIDEWORLD = await one("SELECT id FROM customers WHERE account_name = 'wideworld'");
  D1 = await one("SELECT id FROM commercial_discounts WHERE code = '0HEIDEMO000001'");
  D2 = await one("SELECT id FROM commercial_discounts WHERE code = '0HEIDEMO000002'");
  // greatwall's own discounts, which sunrise must never see
  await stack.sql(`INSERT INTO commercial_discounts (code, partner_id, level, customer_id, body, effective_at, expires_at, status, created_at)
    VALUES ('0HEIGREATWALL01', ${GREATWALL}, 'customer', ${WIDEWORLD}, 'product_type', UTC_TIMESTAMP() - INTERVAL 1 DAY, UTC_TIMESTAMP() + INTERVAL 9 DAY, 'effective', UTC_TIMESTAMP()),
    ('0HEIEXPIRED0001', ${SUNRISE}, 'partner', NULL, 'product_type', '2024-01-01', '2024-06-01', 'expired', UTC_TIMESTAMP())`);
  DB = await one("SELECT id FROM commercial_discounts WHERE code = '0HEIGREATWALL01'");
  await stack.sql(`INSERT INTO commercial_discount_items (discount_id, product_id, discount_ppm) VALUES (${DB}, ${ECS}, 400000)`);
  await stack.sql(`INSERT INTO koogallery_discounts (uuid, level, product_id, partner_id, customer_id, project, discount_ppm, status, valid_from, valid_until, updated_at)
    VALUES ('00000000-0000-4000-8000-00000000b001', 'customer', ${MEETING}, ${GREATWALL}, ${WIDEWORLD}, 'Greatwall secret', 300000, 'effective', UTC_TIMESTAMP() - INTERVAL 1 DAY, UTC_TIMESTAMP() + INTERVAL 9 DAY, UTC_TIMESTAMP()),
    ('00000000-0000-4000-8000-00000000a002', 'product', ${MEETING}, NULL, NULL, 'Old product deal', 50000, 'invalid', '2024-01-01', '2024-06-01', UTC_TIMESTAMP()),
    ('00000000-0000-4000-8000-00000000a003', 'partner', ${MEETING}, ${SUNRISE}, NULL, 'Sunrise pilot', 100000, 'to_be_validated', UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 9 DAY, UTC_TIMESTAMP())`);
  admin = await signedIn('csp.admin');
});
after(async () => { await stack?.stop(); });

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0][0] : null;
}

const signedIn = (username) => signIn(stack.base, username);

const codes = (html) => [...html.matchAll(/<tr data-code="([^"]+)">/g)].map((m) => m[1]);
const uuids = (html) => [...html.matchAll(/<tr data-uuid="([^"]+)">/g)].map((m) => m[1]);

test('the partner lists its own commercial discounts; customers masked until the eye shows them', async () => {
  const page = await admin.get('/finance/discounts');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, />disc\.|"disc\./);
  assert.deepEqual(codes(page.text).sort(), ['0HEIDEMO000001', '0HEIDEMO000002', '0HEIEXPIRED0001']);
  assert.match(page.text, /<tr data-code="0HEIDEMO000002">[\s\S]*?Customer level[\s\S]*?<td class="customer">N\*+s \(n\*+d\)<\/td>[\s\S]*?Effective/);
  assert.doesNotMatch(page.text, /Northwind/);
  const eye = /href="([^"]+)" id="eye-customer"/.exec(page.text)[1].replaceAll('&amp;', '&');
  const shown = await admin.get(eye);
  assert.match(shown.text, /<td class="customer">Northwind Traders \(northwind\)<\/td>/);
});

test('search by customer name or account and filter by status; a bad status lists nothing', async () => {
  assert.deepEqual(codes((await admin.get('/finance/discounts?q=northw')).text), ['0HEIDEMO000002']);
  assert.deepEqual(codes((await admin.get('/finance/discounts?q=Northwind%20Trad')).text), ['0HEIDEMO000002']);
  assert.deepEqual(codes((await admin.get('/finance/discounts?q=wideworld')).text), [], 'another partner\'s customer');
  assert.deepEqual(codes((await admin.get('/finance/discounts?status=expired')).text), ['0HEIEXPIRED0001']);
  assert.deepEqual(codes((await admin.get('/finance/discounts?status=effective')).text).sort(), ['0HEIDEMO000001', '0HEIDEMO000002']);
  const bad = await admin.get('/finance/discounts?status=gone');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Choose one of the options\./);
  assert.deepEqual(codes(bad.text), []);
});

test('details: the product-type discounts or the savings with a product search', async () => {
  const d1 = await admin.get(`/finance/discounts/${D1}`);
  assert.equal(d1.status, 200);
  assert.match(d1.text, /Product Type Discounts/);
  assert.match(d1.text, /<tr data-product="Elastic Cloud Server">[\s\S]*?Unlimited[\s\S]*?Any[\s\S]*?30\.00 % off/);
  const d2 = await admin.get(`/finance/discounts/${D2}`);
  assert.match(d2.text, /<h2>Savings<\/h2>/);
  assert.match(d2.text, /General-Purpose SSD \| 10\.0 GB[\s\S]*?Fixed unit price \(USD\) 0\.15000000 × Linear size 10/);
  assert.match(d2.text, /id="customer">N\*+s/);
  assert.doesNotMatch((await admin.get(`/finance/discounts/${D2}?q=Cloud%20Server`)).text, /data-product=/);
  assert.match((await admin.get(`/finance/discounts/${D2}?q=volume`)).text, /data-product="Elastic Volume Service"/);
});

test("another partner's discount is a 404; an account manager gets 403; the finance specialist sees them", async () => {
  assert.equal((await admin.get(`/finance/discounts/${DB}`)).status, 404);
  assert.equal((await admin.get('/finance/discounts/999999')).status, 404);
  const dist = await signedIn('dist.admin');
  assert.equal((await dist.get(`/finance/discounts/${D1}`)).status, 404);
  assert.deepEqual(codes((await dist.get('/finance/discounts')).text), ['0HEIGREATWALL01']);
  const am = await signedIn('csp.am1');
  assert.doesNotMatch((await am.get('/home')).text, /href="\/finance\/(discounts|koogallery)"/, 'not in the menu');
  assert.match((await admin.get('/home')).text, /href="\/finance\/discounts">Contracts and Commerce</);
  for (const path of ['/finance/discounts', `/finance/discounts/${D1}`, '/finance/koogallery']) {
    assert.equal((await am.get(path)).status, 403, path);
  }
  const fin = await signedIn('csp.finance1');
  assert.equal((await fin.get('/finance/discounts')).status, 200);
  assert.equal((await fin.get('/finance/koogallery')).status, 200);
  const customer = await signedIn('customer1');
  assert.equal((await customer.get('/finance/discounts')).status, 403);
});

test('KooGallery: product tab for all partners, partner and customer tabs only this partner\'s; authorized and invalid', async () => {
  const product = await admin.get('/finance/koogallery');
  assert.equal(product.status, 200);
  assert.doesNotMatch(product.text, />disc\.|"disc\./);
  assert.deepEqual(uuids(product.text), ['6f1c0e1a-3b5d-4c2e-9a7f-000000000001']);
  assert.match(product.text, /15\.00 % off/);
  assert.deepEqual(uuids((await admin.get('/finance/koogallery?tab=product&sub=invalid')).text), ['00000000-0000-4000-8000-00000000a002']);
  const partner = await admin.get('/finance/koogallery?tab=partner');
  assert.deepEqual(uuids(partner.text), ['00000000-0000-4000-8000-00000000a003']);
  assert.match(partner.text, /To be validated/);
  const customer = await admin.get('/finance/koogallery?tab=customer');
  assert.deepEqual(uuids(customer.text), ['6f1c0e1a-3b5d-4c2e-9a7f-000000000002']);
  assert.match(customer.text, /20\.00 % off/);
  assert.match(customer.text, /<td class="customer">c\*+o<\/td>/, 'the customer account masked');
  assert.doesNotMatch(customer.text, /Greatwall secret/);
  // filters
  assert.deepEqual(uuids((await admin.get('/finance/koogallery?tab=partner&status=effective')).text), []);
  assert.deepEqual(uuids((await admin.get('/finance/koogallery?tab=customer&q=Contoso%20coll')).text), ['6f1c0e1a-3b5d-4c2e-9a7f-000000000002']);
  assert.deepEqual(uuids((await admin.get('/finance/koogallery?tab=product&delivery=License')).text), ['6f1c0e1a-3b5d-4c2e-9a7f-000000000001']);
  assert.deepEqual(uuids((await admin.get('/finance/koogallery?tab=product&delivery=SaaS')).text), []);
  const bad = await admin.get('/finance/koogallery?tab=customer&status=lost');
  assert.equal(bad.status, 400);
  assert.deepEqual(uuids(bad.text), []);
});

test('KooGallery: a partner outside the Sales Program is told to join it; once in, it sees product level and its own only', async () => {
  const dist = await signedIn('dist.admin');
  const page = await dist.get('/finance/koogallery');
  assert.equal(page.status, 403);
  assert.match(page.text, /Join the program to see them\./);
  await stack.sql(`UPDATE partners SET koogallery_program = 1 WHERE id = ${GREATWALL}`);
  assert.deepEqual(uuids((await dist.get('/finance/koogallery')).text), ['6f1c0e1a-3b5d-4c2e-9a7f-000000000001']);
  assert.deepEqual(uuids((await dist.get('/finance/koogallery?tab=customer')).text), ['00000000-0000-4000-8000-00000000b001']);
  assert.deepEqual(uuids((await dist.get('/finance/koogallery?tab=partner')).text), []);
});

test('50 rows a page with a link to the next; a hostile spec text is shown escaped', async () => {
  const values = Array.from({ length: 52 }, (_, i) => `('0HEIPAGE${String(i).padStart(6, '0')}', ${GREATWALL}, 'partner', NULL, 'savings', '2024-01-01', '2024-06-01', 'expired', UTC_TIMESTAMP())`);
  await stack.sql(`INSERT INTO commercial_discounts (code, partner_id, level, customer_id, body, effective_at, expires_at, status, created_at) VALUES ${values.join(',')}`);
  const dist = await signedIn('dist.admin');
  const first = await dist.get('/finance/discounts?status=expired');
  assert.equal(codes(first.text).length, 50);
  const next = /id="next-page" href="([^"]+)"/.exec(first.text)[1].replaceAll('&amp;', '&');
  const second = await dist.get(next);
  assert.deepEqual(codes(second.text), ['0HEIPAGE000001', '0HEIPAGE000000']);
  assert.doesNotMatch(second.text, /id="next-page"/);
  const id = await one("SELECT id FROM commercial_discounts WHERE code = '0HEIPAGE000000'");
  await stack.sql(`INSERT INTO commercial_discount_items (discount_id, product_id, spec, fixed_price) VALUES (${id}, ${ECS}, '</title><script>alert(1)</script>', 100000000)`);
  const page = await dist.get(`/finance/discounts/${id}`);
  assert.doesNotMatch(page.text, /<script>alert/);
  assert.match(page.text, /&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('the pages in Chinese', async () => {
  const zh = await signedIn('csp.admin');
  await zh.get('/home');
  await zh.post('/auth/lang', { lang: 'zh', back: '/finance/discounts' });
  const page = await zh.get('/finance/discounts');
  assert.match(page.text, /合同与商务/);
  assert.match((await zh.get('/finance/koogallery')).text, /云商店产品折扣/);
});
