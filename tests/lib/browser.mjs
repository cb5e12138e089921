// Headless Debian chromium driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.PC_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Sign in through the page like a person. */
export async function signIn(page, base, username, password = 'Demo#2026') {
  await page.goto(base + '/auth/login');
  await page.fill('#f-username', username);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.click('#login-submit')]);
}

/** A new page signed in as username, on which any dialog (alert, confirm) fails the test. */
export async function signedInPage(browser, base, username) {
  const page = await browser.newPage();
  page.on('dialog', (d) => { throw new Error(`no dialog may open, got: ${d.message()}`); });
  await signIn(page, base, username);
  return page;
}

/** A page in a browser context of its own, signed in as username; its script errors go to errors. */
export async function pageSignedIn(browser, base, username, errors) {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, base, username);
  return page;
}
