// Issue 16, dialogs: row actions of the customer list open as dialogs over the list (field errors
// inside, Escape and Close, focus back to the opener), confirmations before destructive actions
// (cancelled: nothing changes; accepted: done), batch buttons disabled until rows are selected,
// the eye toggle without a page load, and the no-script fallbacks over plain HTTP.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, signIn } from '../lib/browser.mjs';
import { Client } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser, page;
const pageErrors = [];
const one = async (q) => (await stack.sql(q))[0]?.[0];

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, stack.base, 'csp.admin');
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const http = async (user) => { const c = new Client(stack.base); await c.login(user); return c; };
// a marker on window survives only while no page is loaded
const mark = () => page.evaluate(() => { window.__sameDocument = 'yes'; });
const sameDocument = () => page.evaluate(() => window.__sameDocument === 'yes');
const activeInDialog = () => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));

test('Set Budget opens over the list: a bad amount shows its error inside the dialog, then it saves', async () => {
  await page.goto(`${stack.base}/customers/`);
  await mark();
  await page.click('#customers tr[data-id="6"] a.op-budget');
  const dlg = page.locator('dialog[open]');
  await dlg.locator('#f-amount').waitFor();
  assert.equal(await dlg.getAttribute('aria-labelledby'), 'pc-dialog-title');
  assert.equal(await dlg.locator('#pc-dialog-title').textContent(), 'Set Budget');
  assert.ok(await activeInDialog(), 'the focus moved into the dialog');
  await dlg.locator('#f-amount').fill('-3');
  await dlg.locator('#save').click();
  await dlg.locator('#e-amount').waitFor();
  assert.equal(await dlg.locator('#e-amount').textContent(), 'The budget must be 0 or more.');
  assert.equal(await dlg.locator('#f-amount').inputValue(), '-3', 'the value typed is kept');
  assert.equal(await dlg.locator('#f-amount').getAttribute('aria-invalid'), 'true');
  assert.ok(await sameDocument(), 'still the list: no page was loaded');
  assert.equal(await one('SELECT amount FROM budgets WHERE customer_id = 6'), '200000000000');
  await dlg.locator('#f-amount').fill('1500');
  await Promise.all([page.waitForURL(/\/customers\/6\/budget\?msg=budget_saved$/), dlg.locator('#save').click()]);
  assert.equal(await one('SELECT amount FROM budgets WHERE customer_id = 6'), '150000000000');
  assert.deepEqual(pageErrors, []);
});

test('Assign Account Manager: no choice is an error inside the dialog; Escape and Close close it and the focus returns', async () => {
  await page.goto(`${stack.base}/customers/`);
  // Assign Account Manager is under the row's More menu (the guide's Operation column)
  await page.locator('#customers tr[data-id="2"] details.op-more summary').click();
  const opener = page.locator('#customers tr[data-id="2"] a.op-assign');
  await opener.focus();
  await page.keyboard.press('Enter');
  const dlg = page.locator('dialog[open]');
  await dlg.locator('#f-am').waitFor();
  assert.equal(await dlg.locator('#pc-dialog-title').textContent(), 'Assign Account Manager');
  // Tab stays inside the dialog
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await activeInDialog(), `focus inside after ${i + 1} Tab(s)`);
  }
  await page.keyboard.press('Escape');
  await dlg.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'op-assign');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.dataset.id), '2');

  const before = await one('SELECT IFNULL(account_manager_id, 0) FROM customers WHERE id = 2');
  await opener.click();
  await dlg.locator('#f-am').waitFor();
  await dlg.locator('#save').click();
  await dlg.locator('#e-am').waitFor();
  assert.equal(await dlg.locator('#e-am').textContent(), 'Choose one of your account managers.');
  assert.equal(await one('SELECT IFNULL(account_manager_id, 0) FROM customers WHERE id = 2'), before);
  await dlg.locator('button.pc-dialog-close').click();
  await dlg.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'op-assign');
  assert.deepEqual(pageErrors, []);
});

test('Assign then Unassign from the customer page: the unassign question opens over the dialog and Cancel keeps both', async () => {
  await page.goto(`${stack.base}/customers/7`);
  await page.click('#assign-am');
  const dlg = page.locator('dialog[open]');
  await dlg.locator('#f-am').waitFor();
  await dlg.locator('#f-am').selectOption({ label: 'Li Na (csp.am1)' });
  await Promise.all([page.waitForURL(/\/customers\/7\?msg=assigned$/), dlg.locator('#save').click()]);
  const am = () => one('SELECT IFNULL(account_manager_id, 0) FROM customers WHERE id = 7');
  const assigned = await am();
  assert.notEqual(assigned, '0');
  await page.click('#assign-am');
  await dlg.first().locator('#unassign').waitFor();
  await dlg.first().locator('#unassign').click();
  const ask = page.locator('dialog[open][role=alertdialog]');
  await ask.waitFor();
  assert.match(await ask.locator('#pc-confirm-title').textContent(), /^Unassign: Li Na\?$/);
  await page.keyboard.press('Escape');
  await ask.waitFor({ state: 'detached' });
  assert.equal(await page.locator('dialog[open]').count(), 1, 'the assign dialog stays');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'unassign');
  assert.equal(await am(), assigned, 'nothing changed');
  await page.keyboard.press('Escape');
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
});

test('Freeze Account over the list: Cancel changes nothing, then the freeze with a reason is done', async () => {
  const [id, name] = (await stack.sql(
    "SELECT id, name FROM customers WHERE partner_id = 1 AND association_type = 'reseller' " +
    "AND associated_at IS NOT NULL AND freeze_state = 'normal' ORDER BY id LIMIT 1"))[0];
  await page.goto(`${stack.base}/customers/?show=name`);
  const row = page.locator(`#customers tr[data-id="${id}"]`);
  assert.equal(await row.locator('a.op-unfreeze').count(), 0, 'only the actions valid now');
  await row.locator('details.op-more summary').click(); // the freeze actions are under More
  await row.locator('a.op-freeze').click();
  const dlg = page.locator('dialog[open]');
  await dlg.locator('#f-reason').waitFor();
  assert.equal(await dlg.locator('#pc-dialog-title').textContent(), `Freeze Account: ${name}`, 'the question names the customer');
  assert.match(await dlg.locator('#freeze-summary').textContent(), new RegExp(name));
  assert.match(await dlg.textContent(), /A frozen account cannot buy, renew or change resources/, 'and says what will happen');
  await dlg.locator('a.button[data-close]').click(); // the form's Cancel
  await dlg.waitFor({ state: 'detached' });
  assert.equal(await one(`SELECT freeze_state FROM customers WHERE id = ${id}`), 'normal');
  await row.locator('a.op-freeze').click();
  await dlg.locator('#f-reason').fill('overdue payments');
  await Promise.all([page.waitForURL(new RegExp(`/customers/${id}\\?msg=frozen$`)), dlg.locator('#confirm').click()]);
  assert.equal(await one(`SELECT freeze_state FROM customers WHERE id = ${id}`), 'account');
  await page.goto(`${stack.base}/customers/`);
  assert.equal(await page.locator(`#customers tr[data-id="${id}"] a.op-unfreeze`).count(), 1);
  assert.equal(await page.locator(`#customers tr[data-id="${id}"] a.op-freeze`).count(), 0);
});

test('deleting an alert recipient asks first: cancelled nothing changes, accepted it is deleted', async () => {
  await stack.sql("INSERT INTO budget_recipients (partner_id, name, email, phone) VALUES (1, 'Zoe Finance', 'zoe@example.com', '')");
  const count = () => one("SELECT COUNT(*) FROM budget_recipients WHERE email = 'zoe@example.com'");
  await page.goto(`${stack.base}/customers/recipients`);
  await mark();
  const row = page.locator('#recipients tr', { hasText: 'zoe@example.com' });
  await row.locator('button').click();
  const dlg = page.locator('dialog[open]');
  await dlg.waitFor();
  assert.equal(await dlg.getAttribute('role'), 'alertdialog');
  assert.equal(await dlg.getAttribute('aria-labelledby'), 'pc-confirm-title');
  assert.equal(await dlg.locator('#pc-confirm-title').textContent(), 'Delete this alert recipient?');
  assert.match(await dlg.locator('#pc-confirm-text').textContent(), /Zoe Finance \(zoe@example\.com\): The recipient stops receiving budget alerts/);
  await dlg.locator('#confirm-cancel').click();
  await dlg.waitFor({ state: 'detached' });
  assert.ok(await sameDocument());
  assert.equal(await count(), '1', 'cancelled: still there');
  await row.locator('button').click();
  await Promise.all([page.waitForURL(/msg=recipient_deleted/), page.locator('dialog[open] #confirm-ok').click()]);
  assert.equal(await count(), '0', 'accepted: deleted');
});

test('a confirmation page opens as a dialog too: deleting a customer contact, cancelled then accepted', async () => {
  await stack.sql("INSERT INTO customer_contacts (partner_id, name, mobile_cc, mobile, email, position) VALUES (1, 'Quinn Desk', '+86', '13800001111', 'quinn@example.com', 'Support')");
  const count = () => one("SELECT COUNT(*) FROM customer_contacts WHERE email = 'quinn@example.com'");
  await page.goto(`${stack.base}/org/contacts`);
  await mark();
  const link = page.locator('tr', { hasText: 'Quinn Desk' }).locator('a[href$="/delete"]');
  await link.click();
  const dlg = page.locator('dialog[open]');
  await dlg.locator('#confirm').waitFor();
  assert.equal(await dlg.locator('#pc-dialog-title').textContent(), 'Delete Customer Contact');
  assert.equal(await dlg.locator('#confirm-subject').textContent(), 'Quinn Desk');
  await dlg.locator('a.button', { hasText: 'Cancel' }).click();
  await dlg.waitFor({ state: 'detached' });
  assert.ok(await sameDocument());
  assert.equal(await count(), '1');
  await link.click();
  await Promise.all([page.waitForURL(/msg=contact_deleted/), dlg.locator('#confirm').click()]);
  assert.equal(await count(), '0');
});

test('the batch delete of pre-registered customers: disabled until selected, asks first, cancelled then accepted', async () => {
  const admin = await one("SELECT id FROM users WHERE username = 'csp.admin'");
  await stack.sql('INSERT INTO preregistrations (partner_id, full_name, email, status, preregistered_at, expires_at, created_by) VALUES ' +
    `(1, 'Del One', 'del1@d.example', 'PREREGISTERED', UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 15 DAY, ${admin}), ` +
    `(1, 'Del Two', 'del2@d.example', 'PREREGISTERED', UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 15 DAY, ${admin})`);
  const ids = (await stack.sql("SELECT id FROM preregistrations WHERE email LIKE 'del%@d.example' ORDER BY id")).map((x) => x[0]);
  const live = () => one("SELECT COUNT(*) FROM preregistrations WHERE email LIKE 'del%@d.example' AND status = 'PREREGISTERED'");
  await page.goto(`${stack.base}/customers/development`);
  assert.ok(await page.isDisabled('#batch-delete'));
  for (const id of ids) await page.check(`#preregs tr[data-id="${id}"] input[name=ids]`);
  assert.ok(await page.isEnabled('#batch-delete'));
  await page.click('#batch-delete');
  const dlg = page.locator('dialog[open]');
  await dlg.waitFor();
  assert.equal(await dlg.locator('#pc-confirm-title').textContent(), 'Delete the pre-registered customers?');
  await page.keyboard.press('Escape');
  await dlg.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'batch-delete');
  assert.equal(await live(), '2', 'cancelled: nothing deleted');
  await page.click('#batch-delete');
  await Promise.all([page.waitForURL(/msg=dev_deleted/), page.locator('dialog[open] #confirm-ok').click()]);
  assert.equal(await live(), '0');
});

test('batch buttons are disabled until rows are selected, with the count and select-all', async () => {
  await page.goto(`${stack.base}/customers/`);
  const rows = await page.locator('#customers tbody input[name=ids]').count();
  assert.ok(await page.isDisabled('#batch-budget'));
  assert.ok(await page.isDisabled('#batch-assign'));
  assert.equal(await page.textContent('#selection-count'), '0 selected');
  await page.check('#customers tr[data-id="6"] input[name=ids]');
  assert.equal(await page.textContent('#selection-count'), '1 selected');
  assert.ok(await page.isEnabled('#batch-budget'));
  assert.ok(await page.isEnabled('#batch-assign'));
  await page.check('#select-all');
  assert.equal(await page.textContent('#selection-count'), `${rows} selected`);
  await page.uncheck('#select-all');
  assert.ok(await page.isDisabled('#batch-budget'));
  // the batch budget form opens in a dialog with the selected customers
  await page.check('#customers tr[data-id="6"] input[name=ids]');
  await page.click('#batch-budget');
  const dlg = page.locator('dialog[open]');
  await dlg.locator('#selected li').first().waitFor();
  assert.equal(await dlg.locator('#selected li').count(), 1);
  await page.keyboard.press('Escape');
  await dlg.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'batch-budget');
  // who may not set budgets sees neither the batch button nor the row action
  const am = await http('csp.am1');
  const list = (await am.get('/customers/')).text;
  assert.doesNotMatch(list, /id="batch-budget"|class="op-budget"|class="op-freeze"/);
});

test('the eye shows and masks a column without loading a page, and the URL keeps the state', async () => {
  await page.goto(`${stack.base}/customers/?name=Northwind`);
  await mark();
  let loads = 0;
  const onLoad = () => { loads++; };
  page.on('load', onLoad);
  assert.equal(await page.locator('#customers a.cname', { hasText: 'Northwind Traders' }).count(), 0);
  await page.check('#customers tbody input[name=ids]');
  await page.click('#eye-name');
  await page.waitForURL(/show=name/);
  await page.locator('#customers a.cname', { hasText: 'Northwind Traders' }).waitFor();
  assert.equal(await page.getAttribute('#eye-name', 'aria-pressed'), 'true');
  assert.match(page.url(), /name=Northwind/, 'the filters stay in the URL');
  assert.ok(await page.isChecked('#customers tbody input[name=ids]'), 'the selection is kept');
  await page.click('#eye-name');
  await page.waitForURL((u) => !/show=name/.test(u.search));
  await page.locator('#customers a.cname', { hasText: 'Northwind Traders' }).waitFor({ state: 'detached' });
  assert.equal(await page.getAttribute('#eye-name', 'aria-pressed'), 'false');
  page.off('load', onLoad);
  assert.equal(loads, 0);
  assert.ok(await sameDocument());
  assert.deepEqual(pageErrors, []);
});

test('a distributor may not unmask its resellers\' customers: no eye, and the URL flags change nothing', async () => {
  const dist = await http('dist.admin');
  const own = (await dist.get('/customers/')).text;
  assert.match(own, /id="eye-name"/);
  const r = await dist.get('/customers/?tab=resellers&show=name&show=mobile&show=email');
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.text, /id="eye-/);
  const [name, mobile] = (await stack.sql(
    "SELECT c.name, c.mobile FROM customers c JOIN partners p ON p.id = c.partner_id WHERE p.kind = 'reseller' AND c.mobile <> '' LIMIT 1"))[0];
  assert.doesNotMatch(r.text, new RegExp(name));
  assert.ok(!r.text.includes(mobile));
});

test('without script: confirmation pages, and batch errors back on the list with the selection kept', async () => {
  const admin = await http('csp.admin');
  await stack.sql("INSERT INTO budget_recipients (partner_id, name, email, phone) VALUES (1, 'Yan Ops', 'yan@example.com', '')");
  const id = await one("SELECT id FROM budget_recipients WHERE email = 'yan@example.com'");
  await admin.get('/customers/recipients'); // a page first: its CSRF token
  const ask = await admin.post(`/customers/recipients/${id}/delete`, {});
  assert.equal(ask.status, 200);
  assert.match(ask.text, /<h1>Delete this alert recipient\?<\/h1>/);
  assert.match(ask.text, new RegExp(`<form method="post" action="/customers/recipients/${id}/delete" id="confirm-form">`));
  assert.match(ask.text, /<input type="hidden" name="confirm" value="1">/);
  assert.equal(await one(`SELECT COUNT(*) FROM budget_recipients WHERE id = ${id}`), '1', 'one unconfirmed click deletes nothing');
  assert.equal((await admin.post(`/customers/recipients/${id}/delete`, { confirm: '1' })).status, 303);
  assert.equal(await one(`SELECT COUNT(*) FROM budget_recipients WHERE id = ${id}`), '0');

  // the batch delete of pre-registrations re-posts the selection on its confirmation page
  const ids = (await stack.sql("SELECT id FROM preregistrations WHERE partner_id = 1 AND status = 'PREREGISTERED' ORDER BY id LIMIT 2")).map((x) => x[0]);
  if (ids.length) {
    const page2 = await admin.post('/customers/development/delete', { ids });
    assert.equal(page2.status, 200);
    for (const i of ids) assert.match(page2.text, new RegExp(`<input type="hidden" name="ids" value="${i}">`));
    assert.match(page2.text, new RegExp(`<strong id="confirm-subject">${ids.length} selected</strong>`));
    assert.equal(await one(`SELECT COUNT(*) FROM preregistrations WHERE id IN (${ids.join(',')}) AND status = 'PREREGISTERED'`), String(ids.length));
  }

  // batch assign: nothing selected, or no manager chosen — the list again with the reason
  const none = await admin.post('/customers/assign', { am: '' });
  assert.equal(none.status, 400);
  assert.match(none.text, /id="customers"/);
  assert.match(none.text, /class="error form-error" role="alert">Select at least one row first\./);
  const noAm = await admin.post('/customers/assign', { ids: ['6'], am: '' });
  assert.equal(noAm.status, 400);
  assert.match(noAm.text, /Choose one of your account managers\./);
  assert.match(noAm.text, /name="ids" value="6" aria-label="[^"]*" checked>/);
  const noBudget = await admin.post('/customers/budget/batch', {});
  assert.equal(noBudget.status, 400);
  assert.match(noBudget.text, /id="customers"[\s\S]*Select at least one row first\./);
  assert.doesNotMatch(noBudget.text, /class="error-page"|<h1>Bad request<\/h1>/);
});

test('at phone width, in Chinese: the dialog fits the screen and speaks Chinese', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p = await ctx.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await signIn(p, stack.base, 'csp.admin');
  await p.goto(`${stack.base}/customers/`);
  await p.click('#menu-button'); // at phone width the language switch is in the header's menu
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'zh')]);
  try {
    assert.equal(await p.textContent('#selection-count'), '已选 0 项');
    assert.equal(await p.textContent('#customers tr[data-id="6"] a.op-budget'), '设置预算');
    await p.click('#customers tr[data-id="6"] a.op-budget');
    const dlg = p.locator('dialog[open]');
    await dlg.locator('#f-amount').waitFor();
    assert.equal(await dlg.locator('button.pc-dialog-close').textContent(), '关闭');
    const box = await dlg.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `inside the screen: ${JSON.stringify(box)}`);
    assert.ok(await dlg.evaluate((d) => d.scrollWidth <= d.clientWidth + 1), 'nothing wider than the dialog');
    await p.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
  } finally {
    await p.click('#menu-button');
    await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'en')]);
    await ctx.close();
  }
  assert.deepEqual(errors, []);
});
