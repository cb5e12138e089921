// Invoices, tax and WHT certificates in a real browser: the partner's
// invoice list with its filters and downloads, the invoice info form and
// the no-expenditure switch; the operator's tax form (an overlap refused
// with its message) and voiding an invoice; a Malaysian partner's
// certificate upload with a file, reviewed by the operator.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, signedInPage } from '../lib/browser.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser, SUNRISE;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  SUNRISE = (await stack.sql("SELECT id FROM partners WHERE account_name = 'sunrise'"))[0][0];
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const page = (user) => signedInPage(browser, stack.base, user);

test('the partner lists and filters its invoices, downloads one, saves its invoice info and the switch', async () => {
  const want = await stack.sql(`SELECT id, number FROM invoices WHERE partner_id = ${SUNRISE} AND status = 'issued' ORDER BY period DESC, id DESC`);
  assert.ok(want.length > 0, 'the demo bills are invoiced');
  const p = await page('csp.admin');
  await p.goto(`${stack.base}/finance/invoices`);
  assert.equal(await p.textContent('h1'), 'Invoices');
  assert.equal(await p.locator('#invoices tbody tr').count(), want.length);
  assert.equal(await p.textContent('#invoices tbody tr:first-child td:nth-child(2)'), want[0][1]);
  await p.selectOption('#f-status', 'voided');
  await Promise.all([p.waitForNavigation(), p.click('#filter')]);
  assert.equal(await p.locator('#invoices tbody tr').count(), 0);
  assert.equal(await p.textContent('section .hint'), 'No invoice.');
  await p.selectOption('#f-status', 'issued');
  await Promise.all([p.waitForNavigation(), p.click('#filter')]);
  const [download] = await Promise.all([p.waitForEvent('download'), p.click(`tr[data-id="${want[0][0]}"] a:has-text("PDF")`)]);
  assert.equal(download.suggestedFilename(), `${want[0][1]}.pdf`);

  await Promise.all([p.waitForNavigation(), p.click('nav.tabs a:has-text("Invoice Info")')]);
  assert.equal(await p.textContent('h1'), 'Manage Invoice Info');
  await p.fill('#f-address', '88 Century Avenue, Shanghai');
  await p.fill('#f-email', 'not-an-email');
  await Promise.all([p.waitForNavigation(), p.click('#save-info')]);
  assert.equal(await p.locator('#e-email').count(), 1, 'the message next to the field');
  await p.fill('#f-email', 'billing@sunrise.example');
  await Promise.all([p.waitForNavigation(), p.click('#save-info')]);
  assert.equal(await p.textContent('h1'), 'Invoice Info Management');
  assert.equal(await p.inputValue('#f-address'), '88 Century Avenue, Shanghai');
  await Promise.all([p.waitForNavigation(), p.click('#notice-toggle')]);
  assert.match(await p.textContent('#invoice-notice'), /this month: On/);
  assert.deepEqual(await stack.sql(`SELECT invoice_notice_no_expenditure FROM partners WHERE id = ${SUNRISE}`), [['1']]);
});

test('the operator adds a tax rate (an overlap refused with its message) and voids an invoice', async () => {
  const p = await page('operator');
  await p.goto(`${stack.base}/admin/tax`);
  await p.fill('#f-region', 'AT');
  await p.fill('#f-tax_name', 'VAT');
  await p.fill('#f-rate', '19');
  await p.fill('#f-valid_from', '2023-06-01');
  await p.fill('#f-valid_to', '2024-02-01');
  await Promise.all([p.waitForNavigation(), p.click('#save-tax')]);
  assert.match(await p.textContent('#tax-form'), /overlaps another rate of the same region/);
  await p.fill('#f-valid_to', '2023-12-31');
  await Promise.all([p.waitForNavigation(), p.click('#save-tax')]);
  assert.match(await p.textContent('.flash, [role=status], body'), /The tax rate was added/);
  assert.equal(await p.locator('#tax-rates tr:has(td:text-is("AT")):has(td:text-is("19%"))').count(), 1);

  const [[id]] = await stack.sql(`SELECT id FROM invoices WHERE partner_id = ${SUNRISE} AND status = 'issued' ORDER BY id LIMIT 1`);
  await p.goto(`${stack.base}/admin/invoices`);
  const row = p.locator(`#invoices tr[data-id="${id}"]`);
  await row.locator('input[name=reason]').fill('wrong address');
  await Promise.all([p.waitForNavigation(), row.locator('button[value=void]').click()]);
  assert.equal(await p.textContent(`#invoices tr[data-id="${id}"] td:nth-child(6)`), 'Voided');
});

test('a Malaysian partner uploads a certificate with its file; the operator approves it', async () => {
  await stack.sql(`UPDATE partners SET country = 'MY' WHERE id = ${SUNRISE}`);
  const [[inv, number]] = await stack.sql(`SELECT i.id, i.number FROM invoices i JOIN partner_bills b ON b.id = i.bill_id
    WHERE i.partner_id = ${SUNRISE} AND i.status = 'issued' AND b.amount_due - b.amount_paid >= 100000000 ORDER BY i.id LIMIT 1`);
  const p = await page('csp.admin');
  await p.goto(`${stack.base}/finance/invoices`);
  await Promise.all([p.waitForNavigation(), p.click('#wht-link')]);
  assert.equal(await p.textContent('h1'), 'Withholding Tax Certificates');
  await p.fill('#f-code', 'MY-B-1');
  await p.fill('#f-certificate_date', '2026-01-10');
  await p.fill('#f-amount', '4');
  await p.fill('#f-currency', 'MYR');
  const row = p.locator('#wht-invoices .wht-row').first();
  await row.locator('select').selectOption(inv);
  await row.locator('input[name=inv_amount]').fill('4');
  await row.locator('input[name=inv_amount_invoice]').fill('1.00');
  await p.setInputFiles('#f-attachment', { name: 'cert.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1') });
  await Promise.all([p.waitForNavigation(), p.click('#upload-wht')]);
  assert.match(await p.textContent('#certificates'), new RegExp(`MY-B-1[\\s\\S]*${number}: 4\\.00 MYR / 1\\.00 USD[\\s\\S]*To be reviewed`));

  const o = await page('operator');
  await o.goto(`${stack.base}/admin/wht`);
  await Promise.all([o.waitForNavigation(), o.click('#certificates tr:has-text("MY-B-1") button:has-text("Approve")')]);
  assert.match(await o.textContent('#certificates'), /Approved/);
  await p.reload();
  assert.match(await p.textContent('#certificates'), /MY-B-1[\s\S]*Approved/);
  const r = await stack.pcadm(['verify-ledger']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});
