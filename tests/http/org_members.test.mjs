// Organization > Member Management > Users (spec 5.1.1.3, 5.1.1.5, 5.1.2 and
// rules R1–R5): list and filters, create, modify, lock, reset password, delete,
// role assignment, privilege, partner scope, permissions, CSRF and audit, over
// HTTP against a private stack.  Stored state is read back with SQL.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client, firstSignIn, signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;

const INITIAL = 'Init#2026a';
const CHANGED = 'Changed#2026b';
const MSG = {
  required: 'This field is required.',
  email: 'Enter a valid e-mail address.',
  emailTaken: 'An account with this e-mail address already exists.',
  phone: 'Enter 5 to 20 digits, optionally starting with +.',
  policy: 'At least 8 characters with both letters and digits, and no spaces.',
  mismatch: 'The two passwords do not match.',
  taken: 'This username is already taken.',
  id: 'Invalid reference.',
  rolesNone: 'Choose at least one role.',
  tooMany: 'A user can have at most 3 roles.',
  adminAlone: 'Admin cannot be combined with other roles.',
  managerDirector: 'Account manager and Account director cannot be combined.',
  grantMore: 'You cannot grant a role with permissions you do not have yourself.',
  ownRoles: 'You cannot change your own roles.',
  lastAdmin: 'The partner must keep at least one active Admin.',
  lockSelf: 'You cannot lock your own account.',
  deleteSelf: 'You cannot delete your own account.',
  resetSelf: 'Change your own password under Change password.',
  usernameFixed: 'The username cannot be changed.',
  directorForManagers: 'Only an account manager can have an account director.',
  loginLocked: 'This account is locked. Ask your administrator to unlock it.',
  loginFailed: 'The username or password is wrong.',
};

/** SQL string literal (test constants only). */
const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

let admin; // csp.admin, signed in once
const ID = {}; // demo user ids by username
const ROLE = {}; // system role ids by code
let SUNRISE, GREATWALL;

before(async () => {
  stack = await startStack({ children: 2 }); // two Admins lock each other at the same moment
  for (const [u, id] of await stack.sql('SELECT username, id FROM users')) ID[u] = id;
  for (const [code, id] of await stack.sql('SELECT code, id FROM roles WHERE code IS NOT NULL')) ROLE[code] = id;
  SUNRISE = (await stack.sql("SELECT id FROM partners WHERE account_name = 'sunrise'"))[0][0];
  GREATWALL = (await stack.sql("SELECT id FROM partners WHERE account_name = 'greatwall'"))[0][0];
  admin = await signedIn('csp.admin');
});
after(async () => { await stack?.stop(); });

const signedIn = (username, password) => signIn(stack.base, username, { password, location: '/home' });

async function userRow(username) {
  const rows = await stack.sql('SELECT id, partner_id, kind, name, email, mobile_cc, mobile, office_phone, status, '
    + `must_change_password, IFNULL(director_id, 'NULL'), password_hash FROM users WHERE username = ${q(username)}`);
  if (!rows.length) return null;
  const [id, partner, kind, name, email, cc, mobile, office, status, mustChange, director, hash] = rows[0];
  return { id, partner, kind, name, email, cc, mobile, office, status, mustChange, director, hash };
}

async function userCount(username) {
  return Number((await stack.sql(`SELECT COUNT(*) FROM users WHERE username = ${q(username)}`))[0][0]);
}

async function rolesOf(userId) {
  return (await stack.sql(`SELECT role_id FROM member_roles WHERE user_id = ${userId} ORDER BY role_id`)).map((r) => r[0]);
}

async function sessionsOf(userId) {
  return Number((await stack.sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${userId}`))[0][0]);
}

/**
 * Hold the partner row FOR UPDATE in a separate database session for `seconds`; resolves once the
 * lock is taken, to { done }: a promise of the session's end.
 */
async function holdPartnerRow(partnerId, seconds) {
  const child = execFile('mariadb', [`--defaults-file=${join(stack.varDir, 'my.cnf')}`, 'partner_center', '-N', '-B'],
    () => {});
  const done = new Promise((ok) => child.on('exit', ok));
  child.stdin.end(`BEGIN; SELECT id FROM partners WHERE id = ${partnerId} FOR UPDATE; `
    + `SELECT 'held', SLEEP(${seconds}); COMMIT;\n`);
  for (let i = 0; i < 100; i++) {
    const n = await stack.sql("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT \\'held\\'%'");
    if (n[0][0] !== '0') return { done };
    await new Promise((ok) => setTimeout(ok, 20));
  }
  throw new Error('the partner row was not locked');
}

async function maxAuditId() {
  return Number((await stack.sql('SELECT IFNULL(MAX(id), 0) FROM audit_events'))[0][0]);
}

async function auditSince(since, action) {
  return stack.sql('SELECT actor_user_id, partner_id, object_type, object_id, result, detail FROM audit_events '
    + `WHERE id > ${since} AND action = ${q(action)} ORDER BY id`);
}

/** Usernames of the rows of the member list, in order. */
function listed(html) {
  return [...html.matchAll(/<tr data-username="([^"]*)">/g)].map((m) => m[1]);
}

/** The error under an input() field. */
function fieldError(html, field) {
  const m = new RegExp(`<p class="error" id="e-${field}">([^<]*)</p>`).exec(html);
  return m ? m[1] : null;
}

function formError(html) {
  const m = /<p class="error form-error" role="alert">([^<]*)<\/p>/.exec(html);
  return m ? m[1] : null;
}

/** The first error paragraph inside the part of the page from `start` to `end`. */
function errorWithin(html, start, end) {
  const i = html.indexOf(start);
  if (i < 0) return null;
  const j = html.indexOf(end, i);
  const m = /<p class="error"[^>]*>([^<]*)<\/p>/.exec(html.slice(i, j < 0 ? undefined : j));
  return m ? m[1] : null;
}

const rolesError = (html) => errorWithin(html, 'id="role-picker"', '</fieldset>');
const directorError = (html) => errorWithin(html, 'id="f-director_id"', '</div>');
const statusError = (html) => errorWithin(html, 'name="status" value="normal"', '</fieldset>');
const usernameFixedError = (html) => errorWithin(html, 'id="username-fixed"', '</div>');

/** The fields of the Create User form, with sensible values. */
function memberForm(username, extra = {}) {
  return {
    username, name: `Test ${username}`, mobile_cc: '+86', mobile: '13912345678', email: `${username}@sunrise.example`,
    office_phone: '', status: 'normal', director_id: '', password: INITIAL, confirm: INITIAL,
    roles: [ROLE.FINANCE], ...extra,
  };
}

/** The fields of the Modify form filled from the stored row. */
async function editForm(username, extra = {}) {
  const u = await userRow(username);
  return { name: u.name, mobile_cc: u.cc, mobile: u.mobile, email: u.email, office_phone: u.office,
    status: u.status, director_id: u.director === 'NULL' ? '' : u.director, ...extra };
}

/** Create a member through the form as `client`; returns the new id. */
async function createMember(client, username, extra = {}) {
  assert.equal((await client.get('/org/members/new')).status, 200);
  const r = await client.post('/org/members/new', memberForm(username, extra));
  assert.equal(r.status, 303, `create ${username}: ${formError(r.text) || rolesError(r.text) || ''}`);
  const m = /^\/org\/members\/(\d+)\?msg=member_created$/.exec(r.location);
  assert.ok(m, `redirect to the details page: ${r.location}`);
  return m[1];
}

/** Create a custom role through the Roles tab as csp.admin; returns its id. */
async function createRole(name, perms) {
  assert.equal((await admin.get('/org/roles/new')).status, 200);
  const r = await admin.post('/org/roles/new', { name, description: `${name} for tests`, perms });
  assert.equal(r.status, 303, `create role ${name}`);
  return /^\/org\/roles\/(\d+)\?/.exec(r.location)[1];
}

// ---------------------------------------------------------------- list

test('the list shows the partner\'s own members only, and filters by role', async () => {
  const all = await admin.get('/org/members');
  assert.equal(all.status, 200);
  assert.deepEqual(listed(all.text).sort(), ['csp.admin', 'csp.am1', 'csp.director1', 'csp.finance1']);

  const fin = await admin.get(`/org/members?role=${ROLE.FINANCE}`);
  assert.equal(fin.status, 200);
  assert.deepEqual(listed(fin.text), ['csp.finance1']);
  assert.match(fin.text, new RegExp(`<option value="${ROLE.FINANCE}" selected>Finance specialist</option>`));

  // dist.admin of another partner is never listed, even when filtering by Admin
  assert.deepEqual(listed((await admin.get(`/org/members?role=${ROLE.ADMIN}`)).text), ['csp.admin']);
  assert.deepEqual(listed((await admin.get(`/org/members?role=${ROLE.ACCOUNT_MANAGER}`)).text), ['csp.am1']);
});

test('the list filters by status, by name and by username substring', async () => {
  const lockedId = await createMember(admin, 'filt.locked', { name: 'Locked Lu', status: 'locked' });
  assert.equal((await userRow('filt.locked')).status, 'locked', 'created Locked when Locked was chosen');

  assert.deepEqual(listed((await admin.get('/org/members?status=locked')).text), ['filt.locked']);
  const normal = listed((await admin.get('/org/members?status=normal')).text);
  assert.deepEqual(normal.sort(), ['csp.admin', 'csp.am1', 'csp.director1', 'csp.finance1']);

  assert.deepEqual(listed((await admin.get('/org/members?name=Fang')).text), ['csp.director1']);
  assert.deepEqual(listed((await admin.get('/org/members?name=fang')).text), ['csp.director1'], 'case-insensitive');
  assert.deepEqual(listed((await admin.get('/org/members?username=am1')).text), ['csp.am1']);
  assert.deepEqual(listed((await admin.get('/org/members?username=filt')).text), ['filt.locked']);
  // filters combine
  assert.deepEqual(listed((await admin.get('/org/members?username=csp&status=locked')).text), []);
  assert.deepEqual(listed((await admin.get(`/org/members?role=${ROLE.FINANCE}&status=locked`)).text),
    ['filt.locked']);
  const none = await admin.get('/org/members?name=nobody-has-this');
  assert.deepEqual(listed(none.text), []);
  assert.match(none.text, /id="no-members"/);
  assert.ok(lockedId);
});

test('a % or _ in the name filter is a literal character, not a wildcard', async () => {
  for (const pattern of ['%', '_', '%25', 'a%a']) {
    const r = await admin.get(`/org/members?name=${encodeURIComponent(pattern)}`);
    assert.equal(r.status, 200);
    assert.deepEqual(listed(r.text), [], `name=${pattern} matches no one`);
  }
  await createMember(admin, 'pct.name', { name: 'Deal 100% Sure' });
  assert.deepEqual(listed((await admin.get('/org/members?name=%25')).text), ['pct.name']);
  assert.deepEqual(listed((await admin.get('/org/members?name=0%25%20S')).text), ['pct.name']);
  assert.deepEqual(listed((await admin.get('/org/members?name=D%25S')).text), [], 'D%S is not D…S');
  assert.deepEqual(listed((await admin.get('/org/members?username=pct_name')).text), [], '_ is not any character');
  // the filter value is echoed back, escaped
  assert.match((await admin.get('/org/members?name=%25')).text, /id="q-name" name="name" type="text" value="%"/);
});

test('the column chooser: cols=roles shows the Roles column only among the optional ones', async () => {
  const head = (html) => /<table id="members">\s*<thead>([\s\S]*?)<\/thead>/.exec(html)[1];
  const optional = ['Mobile Number', 'Email', 'Office Phone', 'Roles', 'Status', 'Last sign-in'];

  const full = await admin.get('/org/members');
  for (const col of optional) assert.match(head(full.text), new RegExp(`<th>${col}</th>`), `default shows ${col}`);

  const r = await admin.get('/org/members?cols=roles');
  assert.equal(r.status, 200);
  const h = head(r.text);
  assert.match(h, /<th>Username<\/th><th>Name<\/th>/);
  assert.match(h, /<th>Roles<\/th>/);
  for (const col of optional.filter((c) => c !== 'Roles')) assert.doesNotMatch(h, new RegExp(`<th>${col}</th>`), col);
  assert.match(r.text, /<tr data-username="csp\.finance1">[\s\S]*?<td class="roles">Finance specialist<\/td>/);
  assert.doesNotMatch(r.text, /csp\.finance1@sunrise\.example/, 'no e-mail cell');
  assert.match(r.text, /name="cols" value="roles" checked/);
  assert.doesNotMatch(r.text, /name="cols" value="email" checked/);

  const two = head((await admin.get('/org/members?cols=email&cols=status')).text);
  assert.match(two, /<th>Email<\/th>/);
  assert.match(two, /<th>Status<\/th>/);
  assert.doesNotMatch(two, /<th>Roles<\/th>/);
});

// ---------------------------------------------------------------- create

test('create user: stored with must_change_password, Normal status and its roles; first sign-in forces a change (5.1.2)', async () => {
  const since = await maxAuditId();
  const form = await admin.get('/org/members/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /id="role-picker"/);
  assert.match(form.text, /<label for="role-\d+">Account manager<\/label>/);

  const r = await admin.post('/org/members/new', memberForm('new.am1', {
    name: 'Xu Ming', mobile_cc: '+852', mobile: '+85291234567', office_phone: '010-1234',
    roles: [ROLE.ACCOUNT_MANAGER], director_id: ID['csp.director1'],
  }));
  assert.equal(r.status, 303);
  const id = /^\/org\/members\/(\d+)\?msg=member_created$/.exec(r.location)[1];

  const u = await userRow('new.am1');
  assert.equal(u.id, id);
  assert.equal(u.partner, SUNRISE);
  assert.equal(u.kind, 'member');
  assert.equal(u.status, 'normal');
  assert.equal(u.mustChange, '1');
  assert.equal(u.name, 'Xu Ming');
  assert.equal(u.email, 'new.am1@sunrise.example');
  assert.equal(u.cc, '+852');
  assert.equal(u.mobile, '+85291234567');
  assert.equal(u.office, '010-1234');
  assert.equal(u.director, ID['csp.director1']);
  assert.match(u.hash, /^\$argon2id\$/);
  assert.doesNotMatch(u.hash, /Init#2026a/);
  assert.deepEqual(await rolesOf(id), [ROLE.ACCOUNT_MANAGER]);

  const audit = await auditSince(since, 'member.create');
  assert.deepEqual(audit, [[ID['csp.admin'], SUNRISE, 'user', id, 'ok', 'new.am1']]);

  const page = await admin.get(r.location);
  assert.equal(page.status, 200);
  assert.match(page.text, /<p class="flash" role="status">The user has been created\.<\/p>/);
  assert.match(page.text, /<h1 id="member-name">Xu Ming<\/h1>/);
  assert.match(page.text, /<td id="member-roles"><span class="badge">Account manager<\/span>/);
  assert.match(page.text, /<td id="member-director">Wang Fang<\/td>/);
  assert.match(page.text, /<td id="member-status">Normal<\/td>/);

  // 5.1.2: the initial password works, and only change-password is reachable until it is changed
  const m = new Client(stack.base);
  const login = await m.login('new.am1', INITIAL);
  assert.equal(login.status, 303);
  assert.equal(login.location, '/auth/password');
  for (const path of ['/home', '/org/', '/org/members']) {
    const g = await m.get(path);
    assert.equal(g.status, 303, path);
    assert.equal(g.location, '/auth/password', path);
  }
  const pw = await m.get('/auth/password');
  assert.equal(pw.status, 200);
  assert.match(pw.text, /id="must-change"/);
  const change = await m.post('/auth/password', { current: INITIAL, password: CHANGED, confirm: CHANGED });
  assert.equal(change.status, 303);
  assert.equal((await userRow('new.am1')).mustChange, '0');
  assert.equal((await m.get('/home')).status, 200);
});

test('5.1.1.3 (a)–(c) and R1: forbidden role combinations and no role are refused, nothing is stored', async () => {
  const helperA = await createRole('Helper A', ['stats.view']);
  const helperB = await createRole('Helper B', ['order.view']);
  const cases = [
    ['combo.a', [ROLE.ADMIN, ROLE.FINANCE], MSG.adminAlone],
    ['combo.a2', [ROLE.FINANCE, ROLE.ADMIN], MSG.adminAlone],
    ['combo.a3', [ROLE.ADMIN, helperA], MSG.adminAlone],
    ['combo.b', [ROLE.FINANCE, ROLE.ACCOUNT_MANAGER, helperA, helperB], MSG.tooMany],
    ['combo.b2', [ROLE.ADMIN, ROLE.FINANCE, ROLE.ACCOUNT_DIRECTOR, ROLE.ACCOUNT_MANAGER], MSG.tooMany],
    ['combo.c', [ROLE.ACCOUNT_MANAGER, ROLE.ACCOUNT_DIRECTOR], MSG.managerDirector],
    ['combo.none', [], MSG.rolesNone],
  ];
  await admin.get('/org/members/new');
  for (const [username, roles, msg] of cases) {
    const r = await admin.post('/org/members/new', memberForm(username, { roles }));
    assert.equal(r.status, 400, username);
    assert.equal(rolesError(r.text), msg, username);
    assert.match(msg, username.startsWith('combo.a') ? /Admin cannot be combined/ : /./);
    assert.equal(await userCount(username), 0, `${username} not created`);
    // the rest of the form is kept
    assert.match(r.text, new RegExp(`id="f-username" name="username" type="text" value="${username.replace('.', '\\.')}"`));
  }
  // three roles are the most, and a repeated id counts once
  const three = await createMember(admin, 'combo.three', { roles: [ROLE.FINANCE, helperA, helperB] });
  assert.deepEqual(await rolesOf(three), [ROLE.FINANCE, helperA, helperB].sort((x, y) => x - y));
  const dup = await createMember(admin, 'combo.dup', { roles: [ROLE.FINANCE, ROLE.FINANCE] });
  assert.deepEqual(await rolesOf(dup), [ROLE.FINANCE]);
  // (d) a lone Account manager is fine
  const d = await createMember(admin, 'combo.d', { roles: [ROLE.ACCOUNT_MANAGER] });
  assert.deepEqual(await rolesOf(d), [ROLE.ACCOUNT_MANAGER]);
});

test('the same rules apply to Assign Role, and a refused assignment changes nothing', async () => {
  const target = (await userRow('combo.d')).id;
  assert.equal((await admin.get(`/org/members/${target}/roles`)).status, 200);
  for (const [roles, msg] of [[[ROLE.ADMIN, ROLE.FINANCE], MSG.adminAlone],
    [[ROLE.ACCOUNT_MANAGER, ROLE.ACCOUNT_DIRECTOR], MSG.managerDirector], [[], MSG.rolesNone],
    [[ROLE.ADMIN, ROLE.FINANCE, ROLE.ACCOUNT_DIRECTOR, ROLE.ACCOUNT_MANAGER], MSG.tooMany], [['9999'], MSG.id]]) {
    const r = await admin.post(`/org/members/${target}/roles`, { roles });
    assert.equal(r.status, 400, String(roles));
    assert.equal(rolesError(r.text), msg, String(roles));
    assert.deepEqual(await rolesOf(target), [ROLE.ACCOUNT_MANAGER], String(roles));
  }
});

test('5.1.1.3 (e): the username cannot be changed through the Modify form', async () => {
  const id = ID['csp.am1'];
  const before = await userRow('csp.am1');
  assert.equal((await admin.get(`/org/members/${id}/edit`)).status, 200);
  const r = await admin.post(`/org/members/${id}/edit`, await editForm('csp.am1', { username: 'csp.renamed',
    name: 'Li Na Renamed' }));
  assert.equal(r.status, 400);
  assert.equal(usernameFixedError(r.text), MSG.usernameFixed);
  assert.match(r.text, /<p id="username-fixed">csp\.am1<\/p>/);
  assert.deepEqual(await userRow('csp.am1'), before, 'nothing stored');
  assert.equal(await userCount('csp.renamed'), 0);
  // the same username posted back is harmless
  const same = await admin.post(`/org/members/${id}/edit`, await editForm('csp.am1', { username: 'csp.am1' }));
  assert.equal(same.status, 303);
  assert.equal((await userRow('csp.am1')).name, 'Li Na');
});

test('bad create inputs → 400 with the message next to the field and no row', async () => {
  const gwRole = (await stack.sql(`INSERT INTO roles (partner_id, name) VALUES (${GREATWALL}, 'GW custom'); `
    + 'SELECT LAST_INSERT_ID()'))[0][0];
  const cases = [
    ['bad.name', { name: '' }, (h) => fieldError(h, 'name'), MSG.required],
    ['bad.name2', { name: '   ' }, (h) => fieldError(h, 'name'), MSG.required],
    ['bad.email', { email: 'not-an-email' }, (h) => fieldError(h, 'email'), MSG.email],
    ['bad.email2', { email: 'a@b' }, (h) => fieldError(h, 'email'), MSG.email],
    ['bad.phone', { mobile: '12ab34' }, (h) => fieldError(h, 'mobile'), MSG.phone],
    ['bad.phone2', { mobile: '123' }, (h) => fieldError(h, 'mobile'), MSG.phone],
    ['bad.policy', { password: 'short1', confirm: 'short1' }, (h) => fieldError(h, 'password'), MSG.policy],
    ['bad.policy2', { password: 'lettersonly', confirm: 'lettersonly' }, (h) => fieldError(h, 'password'), MSG.policy],
    ['bad.confirm', { confirm: 'Other#2026x' }, (h) => fieldError(h, 'confirm'), MSG.mismatch],
    ['bad.director', { roles: [ROLE.FINANCE], director_id: ID['csp.director1'] }, directorError,
      MSG.directorForManagers],
    ['bad.director2', { roles: [ROLE.ACCOUNT_MANAGER], director_id: ID['csp.finance1'] }, directorError, MSG.id],
    ['bad.director3', { roles: [ROLE.ACCOUNT_MANAGER], director_id: ID['dist.admin'] }, directorError, MSG.id],
    ['bad.role', { roles: ['9999'] }, rolesError, MSG.id],
    ['bad.role2', { roles: ['abc'] }, rolesError, MSG.id],
    ['bad.role3', { roles: [gwRole] }, rolesError, MSG.id],
  ];
  await admin.get('/org/members/new');
  for (const [username, extra, errorOf, msg] of cases) {
    const r = await admin.post('/org/members/new', memberForm(username, extra));
    assert.equal(r.status, 400, username);
    assert.equal(errorOf(r.text), msg, username);
    assert.equal(await userCount(username), 0, `${username} not created`);
    assert.doesNotMatch(r.text, /Init#2026a|Other#2026x/, 'passwords are not echoed');
  }
  // a taken username, of this partner or of another one (login names are global)
  for (const username of ['csp.am1', 'dist.admin', 'new.am1']) {
    const r = await admin.post('/org/members/new', memberForm(username));
    assert.equal(r.status, 400, username);
    assert.equal(fieldError(r.text, 'username'), MSG.taken, username);
    assert.equal(await userCount(username), 1, username);
  }
  assert.equal(Number((await stack.sql(`SELECT COUNT(*) FROM member_roles WHERE role_id = ${gwRole}`))[0][0]), 0);
});

test('an e-mail address already in use is refused: it is a sign-in name (5.1.1.3, 5.1.2)', async () => {
  await admin.get('/org/members/new');
  for (const [username, email] of [['mail.same', 'csp.am1@sunrise.example'], ['mail.case', 'CSP.AM1@Sunrise.example'],
    ['mail.other', 'dist.admin@greatwall.example']]) {
    const r = await admin.post('/org/members/new', memberForm(username, { email }));
    assert.equal(r.status, 400, email);
    assert.equal(fieldError(r.text, 'email'), MSG.emailTaken, email);
    assert.equal(await userCount(username), 0, email);
  }
  // nor through Modify; keeping one's own address is fine
  await admin.get(`/org/members/${ID['csp.director1']}/edit`);
  const r = await admin.post(`/org/members/${ID['csp.director1']}/edit`, await editForm('csp.director1',
    { email: 'csp.am1@sunrise.example' }));
  assert.equal(r.status, 400);
  assert.equal(fieldError(r.text, 'email'), MSG.emailTaken);
  assert.equal((await userRow('csp.director1')).email, 'csp.director1@sunrise.example');
  assert.equal((await admin.post(`/org/members/${ID['csp.director1']}/edit`, await editForm('csp.director1'))).status, 303);
  // so e-mail sign-in of the owners keeps working
  for (const email of ['csp.am1@sunrise.example', 'csp.director1@sunrise.example']) {
    const c = new Client(stack.base);
    const login = await c.login(email);
    assert.equal(login.status, 303, email);
    assert.equal(login.location, '/home', email);
  }
});

// ---------------------------------------------------------------- modify, lock

test('Modify changes name, e-mail, phone and status, and is audited', async () => {
  const id = ID['csp.finance1'];
  const form = await admin.get(`/org/members/${id}/edit`);
  assert.equal(form.status, 200);
  assert.match(form.text, /id="f-name" name="name" type="text" value="Zhao Lei"/);
  assert.match(form.text, /id="f-email" name="email" type="email" value="csp\.finance1@sunrise\.example"/);
  assert.match(form.text, /<p id="username-fixed">csp\.finance1<\/p>/);
  assert.doesNotMatch(form.text, /id="f-username"/, 'no username input on Modify');

  const since = await maxAuditId();
  const r = await admin.post(`/org/members/${id}/edit`, await editForm('csp.finance1', {
    name: 'Zhao Lei (Finance)', email: 'zhao.lei@sunrise.example', mobile_cc: '+65', mobile: '6591234567',
    office_phone: '+65 6123 4567' }));
  assert.equal(r.status, 303);
  assert.equal(r.location, `/org/members/${id}?msg=member_saved`);
  const u = await userRow('csp.finance1');
  assert.deepEqual([u.name, u.email, u.cc, u.mobile, u.office, u.status],
    ['Zhao Lei (Finance)', 'zhao.lei@sunrise.example', '+65', '6591234567', '+65 6123 4567', 'normal']);
  assert.deepEqual(await auditSince(since, 'member.update'),
    [[ID['csp.admin'], SUNRISE, 'user', id, 'ok', 'status=normal']]);
  assert.match((await admin.get(r.location)).text, /The user has been modified\./);

  // invalid values are refused and change nothing
  const bad = await admin.post(`/org/members/${id}/edit`, await editForm('csp.finance1', { email: 'nope',
    name: 'Should Not Stick' }));
  assert.equal(bad.status, 400);
  assert.equal(fieldError(bad.text, 'email'), MSG.email);
  assert.equal((await userRow('csp.finance1')).name, 'Zhao Lei (Finance)');
  const badStatus = await admin.post(`/org/members/${id}/edit`, await editForm('csp.finance1', { status: 'deleted' }));
  assert.equal(badStatus.status, 400);
  assert.equal((await userRow('csp.finance1')).status, 'normal');
});

test('5.1.1.5: locking ends the member\'s session and refuses sign-in; unlocking lets them in again', async () => {
  const id = ID['csp.finance1'];
  const fin = await signedIn('csp.finance1');
  assert.equal((await fin.get('/home')).status, 200);
  assert.ok(await sessionsOf(id) >= 1);

  await admin.get(`/org/members/${id}/edit`);
  const lock = await admin.post(`/org/members/${id}/edit`, await editForm('csp.finance1', { status: 'locked' }));
  assert.equal(lock.status, 303);
  assert.equal((await userRow('csp.finance1')).status, 'locked');
  assert.equal(await sessionsOf(id), 0, 'sessions deleted');
  const kicked = await fin.get('/home');
  assert.equal(kicked.status, 303);
  assert.match(kicked.location, /^\/auth\/login/);
  assert.deepEqual(listed((await admin.get('/org/members?status=locked')).text).sort(),
    ['csp.finance1', 'filt.locked']);

  const refused = new Client(stack.base);
  const r = await refused.login('csp.finance1');
  assert.equal(r.status, 400);
  assert.equal(formError(r.text), MSG.loginLocked);
  assert.equal(refused.cookies.has('pc_sid'), false);
  assert.equal(await sessionsOf(id), 0);

  const unlock = await admin.post(`/org/members/${id}/edit`, await editForm('csp.finance1', { status: 'normal' }));
  assert.equal(unlock.status, 303);
  assert.equal((await userRow('csp.finance1')).status, 'normal');
  const again = await signedIn('csp.finance1');
  assert.equal((await again.get('/home')).status, 200);
});

test('a member cannot lock, delete, re-role or reset itself', async () => {
  const me = ID['csp.admin'];
  const before = await userRow('csp.admin');
  await admin.get(`/org/members/${me}/edit`);
  const lock = await admin.post(`/org/members/${me}/edit`, await editForm('csp.admin', { status: 'locked' }));
  assert.equal(lock.status, 400);
  assert.equal(statusError(lock.text), MSG.lockSelf);

  const page = await admin.get(`/org/members/${me}`);
  assert.doesNotMatch(page.text, new RegExp(`/org/members/${me}/delete`), 'no Delete button on oneself');
  await admin.get(`/org/members/${me}/delete`);
  const del = await admin.post(`/org/members/${me}/delete`);
  assert.equal(del.status, 400);
  assert.equal(formError(del.text), MSG.deleteSelf);

  const roles = await admin.post(`/org/members/${me}/roles`, { roles: [ROLE.FINANCE] });
  assert.equal(roles.status, 400);
  assert.equal(rolesError(roles.text), MSG.ownRoles);

  const reset = await admin.post(`/org/members/${me}/password`, { password: 'Other#2026x', confirm: 'Other#2026x' });
  assert.equal(reset.status, 400);
  assert.equal(fieldError(reset.text, 'password'), MSG.resetSelf);

  assert.deepEqual(await userRow('csp.admin'), before);
  assert.deepEqual(await rolesOf(me), [ROLE.ADMIN]);
  assert.equal((await admin.get('/org/members')).status, 200, 'still signed in');
});

test('the last Admin is protected; with a second Admin the other one can be locked, demoted and deleted', async () => {
  // csp.admin is the only Admin: it can neither lock, delete nor demote itself (above), and
  // nobody below Admin may touch it (privilege test).  Now a second Admin:
  const second = await createMember(admin, 'admin.two', { roles: [ROLE.ADMIN], name: 'Second Admin' });
  assert.deepEqual(await rolesOf(second), [ROLE.ADMIN]);
  const two = await firstSignIn(stack.base, 'admin.two', INITIAL, CHANGED);
  assert.equal((await two.get('/org/members')).status, 200, 'the second Admin manages members');

  // Two Admins lock each other at the same moment.  A database session holds the partner row
  // (the lock every Admin-count check takes) until both requests wait on it, so both have passed
  // sign-in and permission checks: exactly one may win, and one Admin stays active.
  await admin.get(`/org/members/${second}/edit`);
  await two.get(`/org/members/${ID['csp.admin']}/edit`);
  const lockTwo = await editForm('admin.two', { status: 'locked' });
  const lockOne = await editForm('csp.admin', { status: 'locked' });
  const held = await holdPartnerRow(SUNRISE, 1.5);
  const [a, b] = await Promise.all([
    admin.post(`/org/members/${second}/edit`, lockTwo),
    two.post(`/org/members/${ID['csp.admin']}/edit`, lockOne),
  ]);
  await held.done;
  const normalAdmins = async () => Number((await stack.sql('SELECT COUNT(*) FROM users u JOIN member_roles mr '
    + `ON mr.user_id = u.id WHERE u.partner_id = ${SUNRISE} AND mr.role_id = ${ROLE.ADMIN} AND u.status = 'normal'`))[0][0]);
  const active = await normalAdmins();
  // put both back as they were before asserting (the loser is locked and signed out)
  await stack.sql(`UPDATE users SET status = 'normal' WHERE id IN (${ID['csp.admin']}, ${second})`);
  if ((await admin.get('/org/members')).status !== 200) admin = await signedIn('csp.admin');
  assert.equal(active, 1, `one Admin stays active (answers ${a.status}, ${b.status})`);
  assert.deepEqual([a.status, b.status].sort(), [303, 400]);
  assert.equal(statusError([a, b].find((x) => x.status === 400).text), MSG.lastAdmin);

  // csp.admin stays: the second Admin can be locked, unlocked, lose the Admin role and be deleted
  await admin.get(`/org/members/${second}/edit`);
  let r = await admin.post(`/org/members/${second}/edit`, await editForm('admin.two', { status: 'locked' }));
  assert.equal(r.status, 303);
  assert.equal((await userRow('admin.two')).status, 'locked');
  r = await admin.post(`/org/members/${second}/edit`, await editForm('admin.two', { status: 'normal' }));
  assert.equal(r.status, 303);
  r = await admin.post(`/org/members/${second}/roles`, { roles: [ROLE.FINANCE] });
  assert.equal(r.status, 303);
  assert.deepEqual(await rolesOf(second), [ROLE.FINANCE]);
  r = await admin.post(`/org/members/${second}/roles`, { roles: [ROLE.ADMIN] });
  assert.equal(r.status, 303);
  await admin.get(`/org/members/${second}/delete`);
  r = await admin.post(`/org/members/${second}/delete`);
  assert.equal(r.status, 303);
  assert.equal((await userRow('admin.two')).status, 'deleted');
  assert.equal(await normalAdmins(), 1);
  assert.deepEqual(await rolesOf(ID['csp.admin']), [ROLE.ADMIN]);
});

// ---------------------------------------------------------------- reset password, delete

test('Reset Password sets must_change_password and ends the member\'s sessions', async () => {
  const id = (await userRow('new.am1')).id;
  const m = await signedIn('new.am1', CHANGED);
  const hashBefore = (await userRow('new.am1')).hash;
  assert.ok(await sessionsOf(id) >= 1);

  const form = await admin.get(`/org/members/${id}/password`);
  assert.equal(form.status, 200);
  const mismatch = await admin.post(`/org/members/${id}/password`, { password: 'Reset#2026c', confirm: 'Reset#2026d' });
  assert.equal(mismatch.status, 400);
  assert.equal(fieldError(mismatch.text, 'confirm'), MSG.mismatch);
  const policy = await admin.post(`/org/members/${id}/password`, { password: 'weak', confirm: 'weak' });
  assert.equal(policy.status, 400);
  assert.equal(fieldError(policy.text, 'password'), MSG.policy);
  assert.equal((await userRow('new.am1')).hash, hashBefore, 'refused resets change nothing');
  assert.equal((await m.get('/home')).status, 200, 'and end no session');

  const since = await maxAuditId();
  const r = await admin.post(`/org/members/${id}/password`, { password: 'Reset#2026c', confirm: 'Reset#2026c' });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/org/members/${id}?msg=password_reset`);
  const u = await userRow('new.am1');
  assert.equal(u.mustChange, '1');
  assert.notEqual(u.hash, hashBefore);
  assert.equal(await sessionsOf(id), 0);
  assert.equal((await m.get('/home')).status, 303, 'the old session is gone');
  assert.equal((await auditSince(since, 'member.password_reset')).length, 1);

  const old = await new Client(stack.base).login('new.am1', CHANGED);
  assert.equal(old.status, 400, 'the old password no longer works');
  const fresh = new Client(stack.base);
  const login = await fresh.login('new.am1', 'Reset#2026c');
  assert.equal(login.status, 303);
  assert.equal(login.location, '/auth/password');
  assert.equal((await fresh.get('/home')).location, '/auth/password');
});

test('Delete is soft: row kept as deleted, roles removed, managers detached, sessions ended, sign-in refused', async () => {
  const dir = await createMember(admin, 'del.dir', { roles: [ROLE.ACCOUNT_DIRECTOR], name: 'Director To Go' });
  const am = await createMember(admin, 'del.am', { roles: [ROLE.ACCOUNT_MANAGER], director_id: dir });
  assert.equal((await userRow('del.am')).director, dir);
  const session = new Client(stack.base);
  assert.equal((await session.login('del.dir', INITIAL)).status, 303);
  assert.equal(await sessionsOf(dir), 1);

  const confirm = await admin.get(`/org/members/${dir}/delete`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, /<strong id="confirm-subject">Director To Go<\/strong>/);
  const since = await maxAuditId();
  const r = await admin.post(`/org/members/${dir}/delete`);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/org/members?msg=member_deleted');

  const u = await userRow('del.dir');
  assert.ok(u, 'the row is kept');
  assert.equal(u.status, 'deleted');
  assert.deepEqual(await rolesOf(dir), []);
  assert.equal((await userRow('del.am')).director, 'NULL', 'its manager is detached');
  assert.equal(await sessionsOf(dir), 0);
  assert.deepEqual(await auditSince(since, 'member.delete'), [[ID['csp.admin'], SUNRISE, 'user', dir, 'ok', 'del.dir']]);

  const list = await admin.get(r.location);
  assert.match(list.text, /The user has been deleted\./);
  assert.ok(!listed(list.text).includes('del.dir'));
  assert.equal((await admin.get(`/org/members/${dir}`)).status, 404);
  assert.equal((await admin.get(`/org/members/${dir}/edit`)).status, 404);
  const again = await admin.post(`/org/members/${dir}/delete`);
  assert.equal(again.status, 404, 'a deleted member cannot be deleted twice');

  const login = new Client(stack.base);
  const lr = await login.login('del.dir', INITIAL);
  assert.equal(lr.status, 400);
  assert.equal(formError(lr.text), MSG.loginFailed);
  assert.equal(login.cookies.has('pc_sid'), false);
  // the username stays taken: the row is only marked
  await admin.get('/org/members/new');
  const reuse = await admin.post('/org/members/new', memberForm('del.dir'));
  assert.equal(reuse.status, 400);
  assert.equal(fieldError(reuse.text, 'username'), MSG.taken);
  // its e-mail address is free again
  await createMember(admin, 'del.dir2', { email: 'del.dir@sunrise.example' });
  assert.ok(am);
});

test('R5: taking the Account director role away detaches its managers', async () => {
  const dir = ID['csp.director1'];
  assert.equal((await userRow('csp.am1')).director, dir);
  const form = await admin.get(`/org/members/${dir}/roles`);
  assert.equal(form.status, 200);
  // new.am1 was created with csp.director1 as director, so two managers report to it
  assert.match(form.text, /<p class="notice" id="detach-warning">[^<]* 2<\/p>/);

  const since = await maxAuditId();
  const r = await admin.post(`/org/members/${dir}/roles`, { roles: [ROLE.FINANCE] });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/org/members/${dir}?msg=roles_saved`);
  assert.deepEqual(await rolesOf(dir), [ROLE.FINANCE]);
  assert.equal((await userRow('csp.am1')).director, 'NULL');
  assert.equal((await userRow('new.am1')).director, 'NULL');
  assert.deepEqual(await auditSince(since, 'member.roles'),
    [[ID['csp.admin'], SUNRISE, 'user', dir, 'ok', `roles=${ROLE.FINANCE}`]]);

  // back to director: the managers stay unassigned until someone assigns them again
  const back = await admin.post(`/org/members/${dir}/roles`, { roles: [ROLE.ACCOUNT_DIRECTOR] });
  assert.equal(back.status, 303);
  assert.equal((await userRow('csp.am1')).director, 'NULL');
  // a manager that stops being a manager loses its director
  await stack.sql(`UPDATE users SET director_id = ${dir} WHERE id = ${ID['csp.am1']}`);
  const swap = await admin.post(`/org/members/${ID['csp.am1']}/roles`, { roles: [ROLE.FINANCE] });
  assert.equal(swap.status, 303);
  assert.equal((await userRow('csp.am1')).director, 'NULL');
  const restore = await admin.post(`/org/members/${ID['csp.am1']}/roles`, { roles: [ROLE.ACCOUNT_MANAGER] });
  assert.equal(restore.status, 303);
});

// ---------------------------------------------------------------- privilege, scope, permissions

test('a member manager below Admin cannot grant Admin or more than it holds, nor touch an Admin', async () => {
  const mgrRole = await createRole('Member managers', ['org.member.manage']);
  const helperA = (await stack.sql("SELECT id FROM roles WHERE name = 'Helper A'"))[0][0];
  const mgrId = await createMember(admin, 'mgr.one', { roles: [mgrRole], name: 'Manager One' });
  const mgr = await firstSignIn(stack.base, 'mgr.one', INITIAL, CHANGED);
  assert.equal((await mgr.get('/org/members')).status, 200);
  assert.equal((await mgr.get('/org/members/new')).status, 200);

  for (const [username, roles] of [['esc.admin', [ROLE.ADMIN]], ['esc.helper', [helperA]],
    ['esc.finance', [ROLE.FINANCE]], ['esc.mix', [mgrRole, helperA]]]) {
    const r = await mgr.post('/org/members/new', memberForm(username, { roles }));
    assert.equal(r.status, 400, username);
    assert.equal(rolesError(r.text), MSG.grantMore, username);
    assert.equal(await userCount(username), 0, username);
  }
  // what it holds itself it may hand on
  const ok = await createMember(mgr, 'esc.ok', { roles: [mgrRole] });
  assert.deepEqual(await rolesOf(ok), [mgrRole]);

  // nor may it give the Admin role to an existing member it may otherwise manage
  await mgr.get(`/org/members/${ok}/roles`);
  const up = await mgr.post(`/org/members/${ok}/roles`, { roles: [ROLE.ADMIN] });
  assert.equal(up.status, 400);
  assert.equal(rolesError(up.text), MSG.grantMore);
  assert.deepEqual(await rolesOf(ok), [mgrRole]);

  // a member holding permissions it lacks (Finance specialist) is out of its reach:
  // resetting that member's password would be a way to become it
  const fin = ID['csp.finance1'];
  const finBefore = await userRow('csp.finance1');
  for (const path of ['edit', 'roles', 'password', 'delete']) {
    assert.equal((await mgr.get(`/org/members/${fin}/${path}`)).status, 403, `GET ${path} of a stronger member`);
  }
  await mgr.get('/org/members');
  const reset = await mgr.post(`/org/members/${fin}/password`, { password: 'Owned#2026x', confirm: 'Owned#2026x' });
  assert.equal(reset.status, 403);
  assert.deepEqual(await userRow('csp.finance1'), finBefore);
  assert.deepEqual(await rolesOf(fin), [ROLE.FINANCE]);

  // an Admin member is out of its reach: 403 on every change, and nothing changes
  const adm = ID['csp.admin'];
  const before = await userRow('csp.admin');
  const view = await mgr.get(`/org/members/${adm}`);
  assert.equal(view.status, 200);
  assert.doesNotMatch(view.text, new RegExp(`href="/org/members/${adm}/(edit|roles|password|delete)"`));
  for (const path of ['edit', 'roles', 'password', 'delete']) {
    assert.equal((await mgr.get(`/org/members/${adm}/${path}`)).status, 403, `GET ${path}`);
  }
  await mgr.get('/org/members');
  const posts = [
    ['edit', await editForm('csp.admin', { status: 'locked', name: 'Taken Over' })],
    ['roles', { roles: [mgrRole] }],
    ['password', { password: 'Owned#2026x', confirm: 'Owned#2026x' }],
    ['delete', {}],
  ];
  for (const [path, fields] of posts) {
    const r = await mgr.post(`/org/members/${adm}/${path}`, fields);
    assert.equal(r.status, 403, `POST ${path}`);
  }
  assert.deepEqual(await userRow('csp.admin'), before);
  assert.deepEqual(await rolesOf(adm), [ROLE.ADMIN]);
  assert.ok(await sessionsOf(adm) >= 1, 'the Admin\'s session lives');
  assert.ok(mgrId);
});

test('scope: another partner\'s member is 404 for csp.admin on every page and changes nothing', async () => {
  const other = ID['dist.admin'];
  const before = await userRow('dist.admin');
  const rolesBefore = await rolesOf(other);
  for (const path of ['', '/edit', '/roles', '/password', '/delete']) {
    const r = await admin.get(`/org/members/${other}${path}`);
    assert.equal(r.status, 404, `GET ${path}`);
    assert.doesNotMatch(r.text, /Liu Yang|dist\.admin/, `GET ${path} leaks nothing`);
  }
  await admin.get('/org/members');
  const posts = [
    ['/edit', { name: 'Hijacked', mobile_cc: '+86', mobile: '13800000006', email: 'x@evil.example', office_phone: '',
      status: 'locked', director_id: '' }],
    ['/roles', { roles: [ROLE.FINANCE] }],
    ['/password', { password: 'Owned#2026x', confirm: 'Owned#2026x' }],
    ['/delete', {}],
  ];
  for (const [path, fields] of posts) {
    const r = await admin.post(`/org/members/${other}${path}`, fields);
    assert.equal(r.status, 404, `POST ${path}`);
  }
  assert.deepEqual(await userRow('dist.admin'), before);
  assert.deepEqual(await rolesOf(other), rolesBefore);
  // the other partner's admin still signs in with the old password
  assert.equal((await new Client(stack.base).login('dist.admin')).status, 303);
});

test('members without org.member.manage get 403 and create nothing; anonymous visitors go to sign-in', async () => {
  for (const username of ['csp.am1', 'csp.finance1']) {
    const c = await signedIn(username);
    for (const path of ['/org/members', '/org/members/new', `/org/members/${ID['csp.director1']}`,
      `/org/members/${ID['csp.director1']}/edit`]) {
      const r = await c.get(path);
      assert.equal(r.status, 403, `${username} GET ${path}`);
      assert.match(r.text, /403 · Not allowed/);
    }
    await c.get('/home');
    const since = await maxAuditId();
    const r = await c.post('/org/members/new', memberForm(`perm.${username.slice(4)}`));
    assert.equal(r.status, 403, `${username} POST`);
    assert.equal(await userCount(`perm.${username.slice(4)}`), 0);
    const denied = await auditSince(since, 'access.denied');
    assert.equal(denied.length, 1);
    assert.equal(denied[0][0], ID[username]);
    const lock = await c.post(`/org/members/${ID['csp.director1']}/edit`, await editForm('csp.director1',
      { status: 'locked' }));
    assert.equal(lock.status, 403);
    assert.equal((await userRow('csp.director1')).status, 'normal');
  }
  const anon = new Client(stack.base);
  const r = await anon.get('/org/members');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/auth/login?next=/org/members');
  const p = await anon.post('/org/members/new', memberForm('anon.create'));
  assert.equal(p.status, 403);
  assert.equal(await userCount('anon.create'), 0);
});

test('a POST without the CSRF token, or with a wrong one, is 403 and creates nothing', async () => {
  await admin.get('/org/members/new');
  for (const csrf of [null, '0'.repeat(64), '']) {
    const r = await admin.post('/org/members/new', { ...memberForm('csrf.user'), csrf });
    assert.equal(r.status, 403, `csrf=${csrf}`);
    assert.equal(await userCount('csrf.user'), 0);
  }
  const lock = await admin.post(`/org/members/${ID['csp.am1']}/edit`, { ...await editForm('csp.am1',
    { status: 'locked' }), csrf: null });
  assert.equal(lock.status, 403);
  assert.equal((await userRow('csp.am1')).status, 'normal');
  // with the token the same request works
  await admin.get('/org/members/new');
  assert.equal((await admin.post('/org/members/new', memberForm('csrf.user'))).status, 303);
});

test('the audit trail holds create, update, roles and delete events of csp.admin', async () => {
  const rows = await stack.sql('SELECT action, COUNT(*) FROM audit_events WHERE action LIKE \'member.%\' '
    + `AND actor_user_id = ${ID['csp.admin']} AND partner_id = ${SUNRISE} AND result = 'ok' GROUP BY action`);
  const count = Object.fromEntries(rows.map(([a, n]) => [a, Number(n)]));
  for (const action of ['member.create', 'member.update', 'member.roles', 'member.delete', 'member.password_reset']) {
    assert.ok(count[action] >= 1, `${action} audited`);
  }
  const created = await stack.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'member.create' AND detail = 'new.am1'");
  assert.equal(created[0][0], '1');
  // refused requests leave no success record
  const refused = await stack.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'member.create' "
    + "AND detail IN ('bad.email', 'combo.a', 'esc.admin', 'perm.am1')");
  assert.equal(refused[0][0], '0');
});
