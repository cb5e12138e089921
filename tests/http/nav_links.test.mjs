// Every link a demo role sees answers: a breadth-first crawl over HTTP from /home of every
// same-origin GET link (a/href) the pages show, per role, and the exact menu each role gets.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const CAP = 160; // pages per role
const SKIP = /^\/(auth\/logout|auth\/lang)/; // state changes are POST forms; these would end the session

/** The path and the shape of its query (names, not values): a second link of the same shape is
 * not visited again, so that lists with many rows or pages cost one visit. */
function shape(url) {
  const names = [...url.searchParams.keys()].sort().join('&');
  return `${url.pathname.replace(/\/\d+(?=\/|$)/g, '/N')}?${names}`;
}

function links(html) {
  const out = [];
  for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)) out.push(m[1].replace(/&amp;/g, '&'));
  return out;
}

/** The menu of a page as text: "Home | Sales ▸ Customers: A, B; Financial Information: C | Organization ▸ D". */
export function menuOf(html) {
  const nav = /<nav class="main"[\s\S]*?<\/ul><\/nav>/.exec(html)?.[0] ?? '';
  const top = [];
  let group = null, sub = null;
  const tok = /<summary>([^<]*)<\/summary>|<span class="sub-label"[^>]*>([^<]*)<\/span>|<a href="[^"]*"[^>]*>([^<]*)<\/a>|<\/ul><\/li>|<\/details>/g;
  for (const m of nav.matchAll(tok)) {
    if (m[1] !== undefined) top.push(group = { label: m[1], items: [], subs: [] });
    else if (m[2] !== undefined) group.subs.push(sub = { label: m[2], items: [] });
    else if (m[3] !== undefined) (sub ?? group ?? { items: top }).items.push(group || sub ? m[3] : { label: m[3] });
    else if (m[0] === '</ul></li>') sub = null;
    else group = null;
  }
  return top.map((g) => (g.items === undefined ? g.label
    : `${g.label} ▸ ${[...g.subs.map((x) => `${x.label}: ${x.items.join(', ')}`), ...g.items].join('; ')}`)).join(' | ');
}

async function crawl(username) {
  const c = await signIn(stack.base, username);
  const base = new URL(stack.base);
  const queue = [{ path: '/home', from: '(start)' }];
  const seen = new Set();
  const bad = [];
  let visited = 0, menu = null;
  while (queue.length && visited < CAP) {
    const { path, from } = queue.shift();
    const url = new URL(path, base);
    const key = shape(url);
    if (seen.has(key)) continue;
    seen.add(key);
    visited++;
    const r = await c.get(url.pathname + url.search);
    if (r.status === 403 || r.status === 404 || r.status >= 500) {
      bad.push(`${r.status} ${url.pathname}${url.search} (linked from ${from})`);
      continue;
    }
    if (r.status >= 300 && r.status < 400 && r.location) {
      const to = new URL(r.location, url);
      if (to.origin === base.origin) queue.unshift({ path: to.pathname + to.search, from: `${url.pathname}${url.search} (redirect)` });
      continue;
    }
    if (!(r.headers.get('content-type') || '').startsWith('text/html') || r.status !== 200) continue;
    menu ??= menuOf(r.text);
    for (const href of links(r.text)) {
      if (!href || href.startsWith('#') || /^(mailto|tel|javascript):/.test(href)) continue;
      const u = new URL(href, url);
      if (u.origin !== base.origin || SKIP.test(u.pathname)) continue;
      if (!seen.has(shape(u))) queue.push({ path: u.pathname + u.search, from: url.pathname + url.search });
    }
  }
  return { bad, visited, menu };
}

const CUSTOMERS = 'Customers: Customer Management, Customer Orders, Customer Expenditure';
const FINANCE = 'Financial Information: Partner Bills, Funds, Invoices, Coupons, Contracts and Commerce';
/** The menu each demo role gets (Sales ▸ second level: third level; Organization ▸ second level). */
const MENUS = {
  operator: 'Home | Vendor console',
  'csp.admin': `Home | Sales ▸ ${CUSTOMERS}, Customer Assignment; ${FINANCE}; KooGallery: KooGallery Discounts | Organization ▸ Member Management; Account Managers`,
  'csp.director1': `Home | Sales ▸ ${CUSTOMERS} | Organization ▸ Account Managers`,
  'csp.am1': `Home | Sales ▸ ${CUSTOMERS}`,
  'csp.finance1': `Home | Sales ▸ ${CUSTOMERS}; ${FINANCE}; KooGallery: KooGallery Discounts`,
  'dist.admin': `Home | Sales ▸ ${CUSTOMERS}, Customer Assignment; ${FINANCE} | Organization ▸ Member Management; Account Managers`,
  'reseller.admin': `Home | Sales ▸ ${CUSTOMERS}, Customer Assignment | Organization ▸ Member Management; Account Managers`,
  customer1: 'Home | My account',
};


for (const username of Object.keys(MENUS)) {
  test(`${username}: the menu it may open, and no link shown answers 403, 404 or 5xx`, async () => {
    const { bad, visited, menu } = await crawl(username);
    assert.equal(menu, MENUS[username], `${username}'s menu`);
    assert.ok(visited > 5, `${username}: only ${visited} pages`);
    console.log(`${username}: ${visited} pages`);
    assert.deepEqual(bad, [], `${username} sees links that fail`);
  });
}
