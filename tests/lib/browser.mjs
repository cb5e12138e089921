// Headless Debian chromium driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';

/** How every browser of the tests is launched. */
export const BROWSER_OPTIONS = {
  executablePath: process.env.PC_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
};

/** The file's browser: a connection to the run's browser when scripts/check.sh started one
 * (PC_BROWSER_WS: tests/lib/browser_server.mjs; a launch costs 2-4 s of CPU), else a browser of
 * its own.  Each page a test opens with browser.newPage() or newContext() is in a context of its
 * own either way (own cookies, storage and cache); close() closes the file's contexts. */
export async function launchBrowser() {
  if (process.env.PC_BROWSER_WS) return chromium.connect(process.env.PC_BROWSER_WS);
  return chromium.launch(BROWSER_OPTIONS);
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

// Click a masked column's eye (#eye-…) and wait until the list shows the other state: the script
// swaps the cells in place (issue 16); without it the link loads the page. Either way the eye's
// link flips.
export async function clickEye(page, selector) {
  const before = await page.getAttribute(selector, 'href');
  await page.click(selector);
  await page.waitForFunction(([s, h]) => {
    const a = document.querySelector(s);
    return a && a.getAttribute('href') !== h;
  }, [selector, before]);
}
