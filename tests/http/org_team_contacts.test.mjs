// Organization > Account managers (directors and their managers, spec 5.1.1.2 and
// the role table) and Customer Contacts (spec 5.1.1.6: at most 5 per partner),
// over HTTP against a private stack; stored state is read back with SQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

const INITIAL = 'Init#2026a';
const MSG = {
  directorChoice: 'Choose one of the account directors you may assign.',
  id: 'Invalid reference.',
  contactLimit: 'A partner can have at most 5 customer contacts.',
  email: 'Enter a valid e-mail address.',
  phone: 'Enter 5 to 20 digits, optionally starting with +.',
  required: 'This field is required.',
};

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

let stack;
let admin; // csp.admin
let distAdmin; // dist.admin of greatwall
const ID = {};
const ROLE = {};
let SUNRISE, GREATWALL;

before(async () => {
  stack = await startStack();
  for (const [u, id] of await stack.sql('SELECT username, id FROM users')) ID[u] = id;
  for (const [code, id] of await stack.sql('SELECT code, id FROM roles WHERE code IS NOT NULL')) ROLE[code] = id;
  SUNRISE = (await stack.sql("SELECT id FROM partners WHERE account_name = 'sunrise'"))[0][0];
  GREATWALL = (await stack.sql("SELECT id FROM partners WHERE account_name = 'greatwall'"))[0][0];
  admin = await signedIn('csp.admin');
  distAdmin = await signedIn('dist.admin');
});
after(async () => { await stack?.stop(); });

const signedIn = (username, password) => signIn(stack.base, username, { password, location: '/home' });

async function directorOf(userId) {
  return (await stack.sql(`SELECT IFNULL(director_id, 'NULL') FROM users WHERE id = ${userId}`))[0][0];
}

function formError(html) {
  const m = /<p class="error form-error" role="alert">([^<]*)<\/p>/.exec(html);
  return m ? m[1] : null;
}

function fieldError(html, field) {
  const m = new RegExp(`<p class="error" id="e-${field}">([^<]*)</p>`).exec(html);
  return m ? m[1] : null;
}

async function maxAuditId() {
  return Number((await stack.sql('SELECT IFNULL(MAX(id), 0) FROM audit_events'))[0][0]);
}

/** Create a member through the form as `client`; returns the new id. */
async function createMember(client, username, roles, extra = {}) {
  await client.get('/org/members/new');
  const r = await client.post('/org/members/new', { username, name: `Name ${username}`, mobile_cc: '+86',
    mobile: '13900000000', email: `${username}@example.com`, office_phone: '', status: 'normal', director_id: '',
    password: INITIAL, confirm: INITIAL, roles, ...extra });
  assert.equal(r.status, 303, `create ${username}`);
  return /^\/org\/members\/(\d+)/.exec(r.location)[1];
}

/** The team page's managers: username → director cell text. */
function managers(html) {
  const re = /<tr data-manager="([^"]*)">\s*<td>[^<]*<\/td><td>[^<]*<\/td>\s*<td class="director">([^<]*)<\/td>/g;
  return Object.fromEntries([...html.matchAll(re)].map((m) => [m[1], m[2]]));
}

function directors(html) {
  return [...html.matchAll(/<li data-director="([^"]*)">/g)].map((m) => m[1]);
}

// ---------------------------------------------------------------- team

let DIR2, AM_FREE, AM_FREE2, AM_TWO, GW_AM;

test('the team page lists the directors and the managers with their director', async () => {
  const r = await admin.get('/org/team');
  assert.equal(r.status, 200);
  assert.deepEqual(directors(r.text), ['csp.director1']);
  assert.deepEqual(managers(r.text), { 'csp.am1': 'Wang Fang' });
  // the manager's select has its director chosen; choices are the partner's directors only
  assert.match(r.text, new RegExp(`<option value="${ID['csp.director1']}" selected>Wang Fang</option>`));
  assert.doesNotMatch(r.text, /Liu Yang|Zhao Lei/, 'no member of another partner, no non-director');
});

test('csp.admin unassigns and reassigns csp.am1\'s director', async () => {
  const am = ID['csp.am1'];
  const since = await maxAuditId();
  const off = await admin.post(`/org/team/${am}`, { director_id: '' });
  assert.equal(off.status, 303);
  assert.equal(off.location, '/org/team?msg=team_saved');
  assert.equal(await directorOf(am), 'NULL');
  const page = await admin.get(off.location);
  assert.match(page.text, /The account director has been set\./);
  assert.deepEqual(managers(page.text), { 'csp.am1': '—' });

  const on = await admin.post(`/org/team/${am}`, { director_id: ID['csp.director1'] });
  assert.equal(on.status, 303);
  assert.equal(await directorOf(am), ID['csp.director1']);
  assert.deepEqual(managers((await admin.get('/org/team')).text), { 'csp.am1': 'Wang Fang' });
  const audit = await stack.sql(`SELECT actor_user_id, partner_id, object_id, detail FROM audit_events WHERE id > ${since} `
    + "AND action = 'team.assign' ORDER BY id");
  assert.deepEqual(audit, [[ID['csp.admin'], SUNRISE, am, 'director=0'],
    [ID['csp.admin'], SUNRISE, am, `director=${ID['csp.director1']}`]]);
});

test('a director that is not a director, or of another partner, is refused with 400 and nothing changes', async () => {
  const am = ID['csp.am1'];
  GW_AM = await createMember(distAdmin, 'gw.am', [ROLE.ACCOUNT_MANAGER]);
  await admin.get('/org/team');
  for (const [director, msg] of [[ID['csp.finance1'], MSG.directorChoice], [ID['csp.admin'], MSG.directorChoice],
    [ID['dist.admin'], MSG.directorChoice], [am, MSG.directorChoice], ['99999', MSG.directorChoice],
    ['abc', MSG.id], ['-3', MSG.id]]) {
    const r = await admin.post(`/org/team/${am}`, { director_id: director });
    assert.equal(r.status, 400, `director ${director}`);
    assert.equal(formError(r.text), msg, `director ${director}`);
    assert.equal(await directorOf(am), ID['csp.director1'], `director ${director}`);
  }
  // a manager of another partner, or a member that is no manager, is not found
  for (const target of [GW_AM, ID['csp.finance1'], ID['csp.director1'], '99999']) {
    const before = await directorOf(target).catch(() => null);
    const r = await admin.post(`/org/team/${target}`, { director_id: ID['csp.director1'] });
    assert.equal(r.status, 404, `target ${target}`);
    if (before !== null) assert.equal(await directorOf(target), before);
  }
  assert.equal(await directorOf(GW_AM), 'NULL');
  // and the greatwall admin cannot give its manager a sunrise director
  await distAdmin.get('/org/team');
  const cross = await distAdmin.post(`/org/team/${GW_AM}`, { director_id: ID['csp.director1'] });
  assert.equal(cross.status, 400);
  assert.equal(await directorOf(GW_AM), 'NULL');
  assert.equal((await distAdmin.post(`/org/team/${am}`, { director_id: '' })).status, 404);
  assert.equal(await directorOf(am), ID['csp.director1']);
});

test('csp.director1 sees its own and unassigned managers only, and links only to itself', async () => {
  DIR2 = await createMember(admin, 'dir.two', [ROLE.ACCOUNT_DIRECTOR]);
  AM_FREE = await createMember(admin, 'am.free', [ROLE.ACCOUNT_MANAGER]);
  AM_FREE2 = await createMember(admin, 'am.free2', [ROLE.ACCOUNT_MANAGER]);
  AM_TWO = await createMember(admin, 'am.two', [ROLE.ACCOUNT_MANAGER], { director_id: DIR2 });
  assert.equal(await directorOf(AM_TWO), DIR2);

  const all = await admin.get('/org/team');
  assert.deepEqual(directors(all.text).sort(), ['csp.director1', 'dir.two']);
  assert.deepEqual(Object.keys(managers(all.text)).sort(), ['am.free', 'am.free2', 'am.two', 'csp.am1']);

  const dir = await signedIn('csp.director1');
  const page = await dir.get('/org/team');
  assert.equal(page.status, 200);
  assert.deepEqual(directors(page.text), ['csp.director1']);
  assert.deepEqual(managers(page.text), { 'am.free': '—', 'am.free2': '—', 'csp.am1': 'Wang Fang' });
  assert.doesNotMatch(page.text, /am\.two|Name dir\.two/);
  // the director's tabs: Account managers only
  assert.doesNotMatch(page.text, /<a class="button[^"]*" href="\/org\/members">/);

  // links an unassigned manager to itself
  const mine = await dir.post(`/org/team/${AM_FREE}`, { director_id: ID['csp.director1'] });
  assert.equal(mine.status, 303);
  assert.equal(await directorOf(AM_FREE), ID['csp.director1']);
  // cannot link a manager to another director
  const other = await dir.post(`/org/team/${AM_FREE2}`, { director_id: DIR2 });
  assert.equal(other.status, 400);
  assert.equal(formError(other.text), MSG.directorChoice);
  assert.equal(await directorOf(AM_FREE2), 'NULL');
  const moveMine = await dir.post(`/org/team/${AM_FREE}`, { director_id: DIR2 });
  assert.equal(moveMine.status, 400);
  assert.equal(await directorOf(AM_FREE), ID['csp.director1']);
  // cannot touch another director's manager, not even to let it go
  for (const director of [ID['csp.director1'], '', DIR2]) {
    const r = await dir.post(`/org/team/${AM_TWO}`, { director_id: director });
    assert.equal(r.status, 404, `director ${director}`);
    assert.equal(await directorOf(AM_TWO), DIR2);
  }
  // lets go of its own
  const release = await dir.post(`/org/team/${AM_FREE}`, { director_id: '' });
  assert.equal(release.status, 303);
  assert.equal(await directorOf(AM_FREE), 'NULL');
  // no member management for a director
  assert.equal((await dir.get('/org/members')).status, 403);
});

test('members without team.manage_account_managers get 403 on the team page and change nothing', async () => {
  for (const username of ['csp.am1', 'csp.finance1']) {
    const c = await signedIn(username);
    const r = await c.get('/org/team');
    assert.equal(r.status, 403, username);
    assert.match(r.text, /403 · Not allowed/);
    await c.get('/home');
    const p = await c.post(`/org/team/${ID['csp.am1']}`, { director_id: '' });
    assert.equal(p.status, 403, username);
    assert.equal(await directorOf(ID['csp.am1']), ID['csp.director1']);
    assert.equal((await c.get('/org/')).status, 403, `${username} has no Organization tab at all`);
  }
  const anon = new Client(stack.base);
  assert.equal((await anon.get('/org/team')).location, '/auth/login?next=/org/team');
  assert.equal((await anon.post(`/org/team/${ID['csp.am1']}`, { director_id: '' })).status, 403);
  // no CSRF token: refused
  const noToken = await admin.post(`/org/team/${ID['csp.am1']}`, { director_id: '', csrf: null });
  assert.equal(noToken.status, 403);
  assert.equal(await directorOf(ID['csp.am1']), ID['csp.director1']);
});

// ---------------------------------------------------------------- contacts

async function contactCount(partner = SUNRISE) {
  return Number((await stack.sql(`SELECT COUNT(*) FROM customer_contacts WHERE partner_id = ${partner}`))[0][0]);
}

async function contactRow(id) {
  const rows = await stack.sql(`SELECT partner_id, name, mobile_cc, mobile, email, position FROM customer_contacts WHERE id = ${id}`);
  return rows[0] || null;
}

function contact(n, extra = {}) {
  return { name: `Contact ${n}`, mobile_cc: '+86', mobile: `1390000000${n}`, email: `contact${n}@sunrise.example`,
    position: `Position ${n}`, ...extra };
}

async function contactIds(partner = SUNRISE) {
  return (await stack.sql(`SELECT id FROM customer_contacts WHERE partner_id = ${partner} ORDER BY id`)).map((r) => r[0]);
}

test('bad contact e-mail or phone → 400 with the message next to the field, nothing stored', async () => {
  const page = await admin.get('/org/contacts');
  assert.equal(page.status, 200);
  assert.match(page.text, /<span id="contact-count">0<\/span> \/ 5/);
  for (const [extra, field, msg] of [[{ email: 'not-mail' }, 'email', MSG.email],
    [{ email: 'a@b' }, 'email', MSG.email], [{ mobile: '12x45' }, 'mobile', MSG.phone],
    [{ mobile: '1234' }, 'mobile', MSG.phone], [{ name: '' }, 'name', MSG.required]]) {
    const r = await admin.post('/org/contacts/new', contact(1, extra));
    assert.equal(r.status, 400, JSON.stringify(extra));
    assert.equal(fieldError(r.text, field), msg, JSON.stringify(extra));
    assert.equal(await contactCount(), 0);
  }
});

test('5.1.1.6: five contacts can be created, the 6th fails with the limit message and is not stored', async () => {
  const since = await maxAuditId();
  for (let n = 1; n <= 5; n++) {
    const r = await admin.post('/org/contacts/new', contact(n));
    assert.equal(r.status, 303, `contact ${n}`);
    assert.equal(r.location, '/org/contacts?msg=contact_saved');
  }
  assert.equal(await contactCount(), 5);
  const ids = await contactIds();
  assert.deepEqual(await contactRow(ids[0]), [SUNRISE, 'Contact 1', '+86', '13900000001', 'contact1@sunrise.example',
    'Position 1']);
  assert.equal((await stack.sql(`SELECT COUNT(*) FROM audit_events WHERE id > ${since} AND action = 'contact.create' `
    + `AND actor_user_id = ${ID['csp.admin']}`))[0][0], '5');
  const page = await admin.get('/org/contacts?msg=contact_saved');
  assert.match(page.text, /The customer contact has been saved\./);
  assert.match(page.text, /<span id="contact-count">5<\/span> \/ 5/);
  for (let n = 1; n <= 5; n++) assert.match(page.text, new RegExp(`<td>Contact ${n}</td><td>\\+86 1390000000${n}</td>`));

  const sixth = await admin.post('/org/contacts/new', contact(6));
  assert.equal(sixth.status, 400);
  assert.equal(formError(sixth.text), MSG.contactLimit);
  assert.equal(await contactCount(), 5);
  assert.equal((await stack.sql("SELECT COUNT(*) FROM customer_contacts WHERE name = 'Contact 6'"))[0][0], '0');
  // what was typed is kept in the form
  assert.match(sixth.text, /id="f-name" name="name" type="text" value="Contact 6"/);
  // greatwall has its own five
  await distAdmin.get('/org/contacts');
  assert.equal((await distAdmin.post('/org/contacts/new', contact(7, { name: 'Greatwall contact' }))).status, 303);
  assert.equal(await contactCount(GREATWALL), 1);
  assert.equal(await contactCount(), 5);
});

test('a contact can be modified and deleted; then a new one fits again', async () => {
  const [first, second] = await contactIds();
  const form = await admin.get(`/org/contacts/${first}/edit`);
  assert.equal(form.status, 200);
  assert.match(form.text, /id="f-name" name="name" type="text" value="Contact 1"/);
  assert.match(form.text, /id="f-email" name="email" type="email" value="contact1@sunrise\.example"/);

  const r = await admin.post(`/org/contacts/${first}/edit`, contact(1, { name: 'Chief Contact', mobile_cc: '+852',
    mobile: '91234567', email: 'chief@sunrise.example', position: 'Head of support' }));
  assert.equal(r.status, 303);
  assert.deepEqual(await contactRow(first), [SUNRISE, 'Chief Contact', '+852', '91234567', 'chief@sunrise.example',
    'Head of support']);
  for (const [extra, field, msg] of [[{ email: 'broken' }, 'email', MSG.email], [{ mobile: 'abc' }, 'mobile', MSG.phone]]) {
    const bad = await admin.post(`/org/contacts/${first}/edit`, contact(1, { name: 'Not Saved', ...extra }));
    assert.equal(bad.status, 400);
    assert.equal(fieldError(bad.text, field), msg);
    assert.equal((await contactRow(first))[1], 'Chief Contact');
  }

  const confirm = await admin.get(`/org/contacts/${second}/delete`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, /<strong id="confirm-subject">Contact 2<\/strong>/);
  const since = await maxAuditId();
  const del = await admin.post(`/org/contacts/${second}/delete`);
  assert.equal(del.status, 303);
  assert.equal(del.location, '/org/contacts?msg=contact_deleted');
  assert.equal(await contactRow(second), null);
  assert.equal(await contactCount(), 4);
  assert.equal((await stack.sql(`SELECT COUNT(*) FROM audit_events WHERE id > ${since} AND action = 'contact.delete' `
    + `AND object_id = ${second}`))[0][0], '1');
  assert.equal((await admin.post(`/org/contacts/${second}/delete`)).status, 404, 'gone');
  assert.equal((await admin.get(`/org/contacts/${second}/edit`)).status, 404);

  assert.equal((await admin.post('/org/contacts/new', contact(8))).status, 303);
  assert.equal(await contactCount(), 5);
});

test('another partner\'s contact is 404 for csp.admin and stays unchanged', async () => {
  const [gw] = await contactIds(GREATWALL);
  const before = await contactRow(gw);
  for (const path of ['/edit', '/delete']) {
    const r = await admin.get(`/org/contacts/${gw}${path}`);
    assert.equal(r.status, 404, `GET ${path}`);
    assert.doesNotMatch(r.text, /Greatwall contact/);
  }
  await admin.get('/org/contacts');
  assert.equal((await admin.post(`/org/contacts/${gw}/edit`, contact(9, { name: 'Stolen' }))).status, 404);
  assert.equal((await admin.post(`/org/contacts/${gw}/delete`)).status, 404);
  assert.deepEqual(await contactRow(gw), before);
  assert.doesNotMatch((await admin.get('/org/contacts')).text, /Greatwall contact/);
});

test('members without org.contact.manage get 403 on contacts and create nothing', async () => {
  const [mine] = await contactIds();
  const before = await contactRow(mine);
  for (const username of ['csp.finance1', 'csp.am1']) {
    const c = await signedIn(username);
    assert.equal((await c.get('/org/contacts')).status, 403, username);
    assert.equal((await c.get(`/org/contacts/${mine}/edit`)).status, 403, username);
    await c.get('/home');
    const count = await contactCount();
    const r = await c.post('/org/contacts/new', contact(9, { name: `By ${username}` }));
    assert.equal(r.status, 403);
    assert.equal(await contactCount(), count);
    assert.equal((await c.post(`/org/contacts/${mine}/delete`)).status, 403);
    assert.equal((await c.post(`/org/contacts/${mine}/edit`, contact(9))).status, 403);
    assert.deepEqual(await contactRow(mine), before);
  }
  const noToken = await admin.post(`/org/contacts/${mine}/delete`, { csrf: null });
  assert.equal(noToken.status, 403);
  assert.deepEqual(await contactRow(mine), before);
});
