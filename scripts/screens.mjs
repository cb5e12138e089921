#!/usr/bin/env node
// Screenshots of the busiest pages for the README (docs/screens/): a private stack with the demo
// data (tests/lib/stack.mjs), Debian's chromium, desktop (1280) and phone (390) width, English and
// a few in Chinese.  Viewport-only PNGs, so each stays small.  Run by `make screens`, not by
// `make check`; commit what changes.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, signIn } from '../tests/lib/browser.mjs';
import { startStack, TOP } from '../tests/lib/stack.mjs';

const OUT = join(TOP, 'docs/screens');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

// [file, path, width, language, what to do before the shot]
const SHOTS = [
  ['home-desktop', '/home', DESKTOP, 'en'],
  ['customers-desktop', '/customers/', DESKTOP, 'en'],
  ['customer-desktop', '/customers/1', DESKTOP, 'en'],
  ['expenditure-desktop', '/spend/details', DESKTOP, 'en'],
  ['bills-desktop', '/finance/bills', DESKTOP, 'en'],
  ['funds-desktop', '/finance/funds', DESKTOP, 'en'],
  ['home-phone', '/home', PHONE, 'en'],
  ['menu-phone', '/home', PHONE, 'en', async (p) => p.click('#menu-button')],
  ['customers-phone', '/customers/', PHONE, 'en'],
  ['customer-phone', '/customers/1', PHONE, 'en'],
  ['bills-phone', '/finance/bills', PHONE, 'en'],
  ['customers-desktop-zh', '/customers/', DESKTOP, 'zh'],
  ['bills-phone-zh', '/finance/bills', PHONE, 'zh'],
];

mkdirSync(OUT, { recursive: true });
const stack = await startStack();
const browser = await launchBrowser();
try {
  for (const lang of ['en', 'zh']) {
    for (const viewport of [DESKTOP, PHONE]) {
      const shots = SHOTS.filter((s) => s[2] === viewport && s[3] === lang);
      if (!shots.length) continue;
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: viewport === PHONE });
      const page = await context.newPage();
      await signIn(page, stack.base, 'csp.admin');
      if (lang === 'zh') {
        if (viewport === PHONE) await page.click('#menu-button'); // the language is in the menu there
        await Promise.all([page.waitForNavigation(), page.selectOption('#lang-select', 'zh')]);
      }
      for (const [file, path, , , before] of shots) {
        await page.goto(stack.base + path);
        if (before) await before(page);
        await page.mouse.move(0, 0);
        const to = join(OUT, `${file}.png`);
        await page.screenshot({ path: to, animations: 'disabled', caret: 'hide' });
        console.log(`${to.slice(TOP.length + 1)}  ${Math.round(statSync(to).size / 1024)} KB`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await stack.stop();
}
