// Admin > Tax Rates (ch11-14 §13.6): the VAT table as data with validity
// periods, editable by the operator.  A rate is added with its days; a new
// rate after an open period closes that period the day before; overlaps and
// bad input are refused with a message and change nothing; every change is
// audited; members and customers cannot reach the page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, operator;

before(async () => {
  stack = await startStack();
  operator = await signedIn('operator');
});
after(async () => { await stack?.stop(); });

const signedIn = (username) => signIn(stack.base, username);

const rates = (region) => stack.sql(`SELECT tax_name, rate_ppm, COALESCE(category, ''), valid_from, COALESCE(valid_to, '-')
  FROM tax_rates WHERE region = '${region}' ORDER BY valid_from`);
const snapshot = () => stack.sql(`SELECT (SELECT COUNT(*) FROM tax_rates), (SELECT COALESCE(SUM(rate_ppm), 0) FROM tax_rates),
  (SELECT COUNT(*) FROM tax_rates WHERE valid_to IS NULL), (SELECT COUNT(*) FROM audit_events WHERE action LIKE 'tax_rate.%')`);

test('the seeded table of §13.6: EU rates from 2024-01-01, Switzerland 7.7 % then 8.1 %', async () => {
  assert.deepEqual(await rates('CH'), [['MWST', '77000', '', '2023-01-01', '2023-12-31'], ['MWST', '81000', '', '2024-01-01', '-']]);
  assert.deepEqual(await rates('AT'), [['VAT', '200000', '', '2024-01-01', '-']]);
  assert.equal((await stack.sql("SELECT COUNT(*) FROM tax_rates WHERE region = 'DE'"))[0][0], '0', 'Germany is not in the table');
  const page = await operator.get('/admin/tax');
  assert.equal(page.status, 200);
  assert.match(page.text, /id="tax-form"/);
  assert.match(page.text, /<td>CH<\/td><td>MWST<\/td><td>7\.7%<\/td><td><\/td><td>2023-01-01<\/td><td>2023-12-31<\/td>/);
  assert.match(page.text, /<td>CH<\/td><td>MWST<\/td><td>8\.1%<\/td><td><\/td><td>2024-01-01<\/td><td>no end<\/td>/);
});

test('adding a rate after an open period closes that period the day before, audited', async () => {
  await operator.get('/admin/tax');
  const r = await operator.post('/admin/tax', { region: 'CH', tax_name: 'MWST', rate: '8.5', category: '', valid_from: '2030-01-01', valid_to: '' });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, '/admin/tax?msg=tax_rate_saved');
  assert.deepEqual(await rates('CH'), [['MWST', '77000', '', '2023-01-01', '2023-12-31'], ['MWST', '81000', '', '2024-01-01', '2029-12-31'],
    ['MWST', '85000', '', '2030-01-01', '-']]);
  assert.deepEqual(await stack.sql("SELECT action, detail FROM audit_events WHERE action LIKE 'tax_rate.%' ORDER BY id"),
    [['tax_rate.create', 'CH MWST 8.5% 2030-01-01..'], ['tax_rate.close', '2030-01-01']]);
  const page = await operator.get('/admin/tax?msg=tax_rate_saved');
  assert.match(page.text, /The tax rate was added/);
});

test('a new region with a closed period and an explicit category', async () => {
  await operator.get('/admin/tax');
  const r = await operator.post('/admin/tax', { region: 'DK', tax_name: 'MOMS', rate: '25', category: 'S', valid_from: '2024-01-01', valid_to: '2024-12-31' });
  assert.equal(r.status, 303, r.text);
  assert.deepEqual(await rates('DK'), [['MOMS', '250000', 'S', '2024-01-01', '2024-12-31']]);
  // adjacent, not overlapping
  const next = await operator.post('/admin/tax', { region: 'DK', tax_name: 'MOMS', rate: '0', category: 'Z', valid_from: '2025-01-01', valid_to: '' });
  assert.equal(next.status, 303, next.text);
  assert.equal((await rates('DK')).length, 2);
});

test('overlaps and bad input are refused with a message and change nothing', async () => {
  await operator.get('/admin/tax');
  const before = await snapshot();
  const good = { region: 'AT', tax_name: 'VAT', rate: '19', category: '', valid_from: '2023-01-01', valid_to: '2023-06-30' };
  const cases = [
    [{ valid_to: '2024-06-30' }, /overlaps another rate/],            // into AT's open period from 2024-01-01
    [{ valid_to: '' }, /overlaps another rate/],                      // open, starting before AT's open period
    [{ region: 'DK', valid_from: '2024-06-01', valid_to: '2024-07-01' }, /overlaps another rate/], // inside a closed period
    [{ region: 'at' }, /two-letter region code/],
    [{ region: 'AUT' }, /Too long|two-letter/],
    [{ rate: '101' }, /between 0 and 100/],
    [{ rate: '-1' }, /between 0 and 100/],
    [{ rate: '12.34567' }, /between 0 and 100/],
    [{ rate: 'twenty' }, /between 0 and 100/],
    [{ valid_from: '2023-07-01', valid_to: '2023-06-30' }, /cannot be before the first day/],
    [{ valid_from: '2023-02-30' }, /Enter a date/],
    [{ category: 'AE' }, /Choose one of the options/],
    [{ tax_name: '' }, /This field is required/],
  ];
  for (const [change, message] of cases) {
    const r = await operator.post('/admin/tax', { ...good, ...change });
    assert.equal(r.status, 400, JSON.stringify(change));
    assert.match(r.text, message, JSON.stringify(change));
  }
  assert.deepEqual(await snapshot(), before);
});

test('members and customers can neither see nor change the tax table', async () => {
  const before = await snapshot();
  for (const u of ['csp.admin', 'csp.finance1', 'customer1']) {
    const c = await signedIn(u);
    const page = await c.get('/admin/tax');
    assert.ok([403, 404].includes(page.status), `${u}: ${page.status}`);
    const r = await c.post('/admin/tax', { region: 'FR', tax_name: 'TVA', rate: '20', valid_from: '2024-01-01' });
    assert.ok([403, 404].includes(r.status), `${u} POST: ${r.status}`);
  }
  const anon = new Client(stack.base);
  assert.notEqual((await anon.get('/admin/tax')).status, 200);
  assert.deepEqual(await snapshot(), before);
});
