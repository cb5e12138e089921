// Organization > Member Management > Roles (spec 5.1.1.1, 5.1.1.4; rules R6–R10):
// the role list and its counts, custom roles with the default permissions, the
// per-partner limit, system roles being immutable, delete only while unused,
// role management as a permission, and partner scope, over HTTP.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, firstSignIn, signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

const INITIAL = 'Init#2026a';
const CHANGED = 'Changed#2026b';
const MSG = {
  limit: 'The limit of custom roles has been reached.',
  nameTaken: 'A role with this name already exists.',
  inUse: 'This role is still held by users. Remove it from them first.',
  permsNone: 'Choose at least one permission.',
  adminOnly: 'This permission is reserved for the Admin role.',
  choice: 'Choose one of the options.',
  required: 'This field is required.',
  notHeld: 'You cannot give a role permissions that you do not have yourself.',
};

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

let stack;
let admin; // csp.admin, signed in once
const ID = {};
const ROLE = {};
let SUNRISE, GREATWALL, DEFAULTS;

before(async () => {
  stack = await startStack();
  for (const [u, id] of await stack.sql('SELECT username, id FROM users')) ID[u] = id;
  for (const [code, id] of await stack.sql('SELECT code, id FROM roles WHERE code IS NOT NULL')) ROLE[code] = id;
  SUNRISE = (await stack.sql("SELECT id FROM partners WHERE account_name = 'sunrise'"))[0][0];
  GREATWALL = (await stack.sql("SELECT id FROM partners WHERE account_name = 'greatwall'"))[0][0];
  DEFAULTS = (await stack.sql('SELECT code FROM permissions WHERE is_default = 1 ORDER BY code')).map((r) => r[0]);
  admin = await signedIn('csp.admin');
});
after(async () => { await stack?.stop(); });

const signedIn = (username, password) => signIn(stack.base, username, { password, location: '/home' });

/** The rows of the role list: { id, name, type, description, users }. */
function roleRows(html) {
  const re = /<tr data-role="([^"]*)">\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td><a href="\/org\/roles\/(\d+)#holders">(\d+)<\/a><\/td>/g;
  return [...html.matchAll(re)].map((m) => ({ name: m[2], type: m[3], description: m[4], id: m[5], users: Number(m[6]) }));
}

function customCount(html) {
  const m = /<span class="hint" id="custom-count">Custom roles: (\d+) \/ (\d+)<\/span>/.exec(html);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

function fieldError(html, field) {
  const m = new RegExp(`<p class="error" id="e-${field}">([^<]*)</p>`).exec(html);
  return m ? m[1] : null;
}

function formError(html) {
  const m = /<p class="error form-error" role="alert">([^<]*)<\/p>/.exec(html);
  return m ? m[1] : null;
}

function permsError(html) {
  const i = html.indexOf('id="perm-picker"');
  const m = /<p class="error">([^<]*)<\/p>/.exec(html.slice(i, html.indexOf('</fieldset>', i)));
  return m ? m[1] : null;
}

async function storedPerms(roleId) {
  return (await stack.sql(`SELECT perm_code FROM role_permissions WHERE role_id = ${roleId} ORDER BY perm_code`))
    .map((r) => r[0]);
}

async function roleByName(name, partner = SUNRISE) {
  const rows = await stack.sql(`SELECT id, name, description, IFNULL(deleted_at, 'NULL') FROM roles WHERE name = ${q(name)} `
    + `AND partner_id = ${partner} ORDER BY id DESC LIMIT 1`);
  if (!rows.length) return null;
  const [id, n, description, deleted] = rows[0];
  return { id, name: n, description, deleted };
}

async function customRoles(partner = SUNRISE) {
  return Number((await stack.sql(`SELECT COUNT(*) FROM roles WHERE partner_id = ${partner} AND deleted_at IS NULL`))[0][0]);
}

async function maxAuditId() {
  return Number((await stack.sql('SELECT IFNULL(MAX(id), 0) FROM audit_events'))[0][0]);
}

/** Create a custom role as `client`; returns the answer. */
async function postRole(client, name, perms, description = '') {
  assert.equal((await client.get('/org/roles/new')).status, 200);
  return client.post('/org/roles/new', { name, description, perms });
}

async function createRole(name, perms, client = admin) {
  const r = await postRole(client, name, perms, `${name} for tests`);
  assert.equal(r.status, 303, `create role ${name}: ${formError(r.text) || fieldError(r.text, 'name') || permsError(r.text)}`);
  const m = /^\/org\/roles\/(\d+)\?msg=role_saved$/.exec(r.location);
  assert.ok(m, r.location);
  return m[1];
}

const sorted = (a) => [...a].sort();

// ---------------------------------------------------------------- list

test('the role list shows the 4 system roles with this partner\'s user counts and the custom-role counter', async () => {
  const r = await admin.get('/org/roles');
  assert.equal(r.status, 200);
  const rows = roleRows(r.text);
  assert.deepEqual(rows.map((x) => [x.id, x.name, x.type, x.users]), [
    [ROLE.ADMIN, 'Admin', 'System-defined role', 1], // dist.admin and reseller.admin are other partners'
    [ROLE.FINANCE, 'Finance specialist', 'System-defined role', 1],
    [ROLE.ACCOUNT_DIRECTOR, 'Account director', 'System-defined role', 1],
    [ROLE.ACCOUNT_MANAGER, 'Account manager', 'System-defined role', 1],
  ]);
  assert.match(rows[0].description, /^Has all permissions in Partner Center\.$/);
  assert.deepEqual(customCount(r.text), [0, 10]);
  // system roles have View Details only
  assert.doesNotMatch(r.text, new RegExp(`href="/org/roles/${ROLE.ADMIN}/(edit|delete)"`));
  assert.match(r.text, new RegExp(`href="/org/roles/${ROLE.ADMIN}">View Details</a>`));

  // the count follows the partner's members: another Finance specialist, then deleted again
  const greatwallAdmins = await stack.sql(`SELECT COUNT(*) FROM member_roles mr JOIN users u ON u.id = mr.user_id
    WHERE mr.role_id = ${ROLE.ADMIN} AND u.partner_id <> ${SUNRISE}`);
  assert.equal(greatwallAdmins[0][0], '2', 'the other partners do have Admins');
  await admin.get('/org/members/new');
  const c = await admin.post('/org/members/new', { username: 'count.fin', name: 'Count Fin', mobile_cc: '+86',
    mobile: '13900000001', email: 'count.fin@sunrise.example', status: 'normal', password: INITIAL, confirm: INITIAL,
    roles: [ROLE.FINANCE] });
  assert.equal(c.status, 303);
  const id = /\/org\/members\/(\d+)/.exec(c.location)[1];
  assert.equal(roleRows((await admin.get('/org/roles')).text)[1].users, 2);
  await admin.get(`/org/members/${id}/delete`);
  assert.equal((await admin.post(`/org/members/${id}/delete`)).status, 303);
  assert.equal(roleRows((await admin.get('/org/roles')).text)[1].users, 1, 'a deleted member is not counted');

  // View Details of a system role: read-only, with its permissions and holders
  const v = await admin.get(`/org/roles/${ROLE.FINANCE}`);
  assert.equal(v.status, 200);
  assert.match(v.text, /<h1 id="role-name">Finance specialist<\/h1>/);
  assert.match(v.text, /<li data-perm="finance.topup_withdraw">/);
  assert.doesNotMatch(v.text, /<li data-perm="customer.export">/);
  assert.match(v.text, /<ul id="role-holders"><li><a href="\/org\/members\/\d+">Zhao Lei<\/a> \(csp\.finance1\)<\/li><\/ul>/);
  assert.doesNotMatch(v.text, new RegExp(`/org/roles/${ROLE.FINANCE}/edit`));
});

// ---------------------------------------------------------------- create (R8)

test('5.1.1.4 / R8: a role saved with one permission holds it plus every default permission', async () => {
  assert.ok(DEFAULTS.length >= 1);
  const form = await admin.get('/org/roles/new');
  assert.equal(form.status, 200);
  // default permissions are shown ticked and fixed; admin-only ones are not offered
  for (const code of DEFAULTS) {
    assert.match(form.text, new RegExp(`name="perms" value="${code.replace('.', '\\.')}" checked disabled>`), code);
  }
  assert.doesNotMatch(form.text, /value="customer\.export"/);
  assert.doesNotMatch(form.text, /value="customer\.disassociate"/);

  const since = await maxAuditId();
  const id = await createRole('Sales helper', ['stats.view']);
  assert.deepEqual(await storedPerms(id), sorted(['stats.view', ...DEFAULTS]));
  const stored = await roleByName('Sales helper');
  assert.equal(stored.id, id);
  assert.equal(stored.description, 'Sales helper for tests');
  assert.equal(stored.deleted, 'NULL');
  const audit = await stack.sql(`SELECT actor_user_id, partner_id, object_id, result FROM audit_events WHERE id > ${since} `
    + "AND action = 'role.create'");
  assert.deepEqual(audit, [[ID['csp.admin'], SUNRISE, id, 'ok']]);

  const view = await admin.get(`/org/roles/${id}?msg=role_saved`);
  assert.match(view.text, /The role has been saved\./);
  assert.deepEqual([...view.text.matchAll(/<li data-perm="([^"]+)">/g)].map((m) => m[1]).sort(),
    sorted(['stats.view', ...DEFAULTS]));
  assert.match(view.text, /Custom role · Sales helper for tests/);

  const list = await admin.get('/org/roles');
  const row = roleRows(list.text).find((x) => x.id === id);
  assert.deepEqual([row.name, row.type, row.users], ['Sales helper', 'Custom role', 0]);
  assert.deepEqual(customCount(list.text), [1, 10]);
  assert.match(list.text, new RegExp(`href="/org/roles/${id}/edit">Modify</a>`));

  // the default set is data: a code flagged is_default goes into the next role saved
  await stack.sql("UPDATE permissions SET is_default = 1 WHERE code = 'order.view'");
  try {
    const id2 = await createRole('Finance helper', ['finance.view']);
    assert.deepEqual(await storedPerms(id2), sorted(['finance.view', 'order.view', ...DEFAULTS]));
  } finally {
    await stack.sql("UPDATE permissions SET is_default = 0 WHERE code = 'order.view'");
  }
});

test('bad roles are refused with 400 and store nothing: duplicate name, no permission, admin-only, unknown', async () => {
  const before = await customRoles();
  const cases = [
    ['Sales helper', ['order.view'], (h) => fieldError(h, 'name'), MSG.nameTaken],
    ['Admin', ['order.view'], (h) => fieldError(h, 'name'), MSG.nameTaken],
    ['', ['order.view'], (h) => fieldError(h, 'name'), MSG.required],
    ['No perms', [], permsError, MSG.permsNone],
    ['Exporter', ['customer.export'], permsError, MSG.adminOnly],
    ['Exporter 2', ['order.view', 'customer.disassociate'], permsError, MSG.adminOnly],
    ['Unknown perm', ['no.such.permission'], permsError, MSG.choice],
  ];
  for (const [name, perms, errorOf, msg] of cases) {
    const r = await postRole(admin, name, perms);
    assert.equal(r.status, 400, name);
    assert.equal(errorOf(r.text), msg, name);
    assert.equal(await customRoles(), before, `${name}: nothing stored`);
  }
  assert.equal((await stack.sql("SELECT COUNT(*) FROM role_permissions WHERE perm_code IN ('customer.export', "
    + `'customer.disassociate') AND role_id <> ${ROLE.ADMIN}`))[0][0], '0');
  // the chosen permissions survive the refusal
  const kept = await postRole(admin, 'Sales helper', ['order.view']);
  assert.match(kept.text, /name="perms" value="order\.view" checked>/);
});

test('modify a custom role: name, description and permissions (defaults kept)', async () => {
  const { id } = await roleByName('Sales helper');
  const form = await admin.get(`/org/roles/${id}/edit`);
  assert.equal(form.status, 200);
  assert.match(form.text, /id="f-name" name="name" type="text" value="Sales helper"/);
  assert.match(form.text, /name="perms" value="stats\.view" checked>/);

  const since = await maxAuditId();
  const r = await admin.post(`/org/roles/${id}/edit`, { name: 'Sales analyst', description: 'Reads orders',
    perms: ['order.view', 'spend.view'] });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/org/roles/${id}?msg=role_saved`);
  const stored = (await stack.sql(`SELECT name, description FROM roles WHERE id = ${id}`))[0];
  assert.deepEqual(stored, ['Sales analyst', 'Reads orders']);
  assert.deepEqual(await storedPerms(id), sorted(['order.view', 'spend.view', ...DEFAULTS]));
  assert.equal((await stack.sql(`SELECT COUNT(*) FROM audit_events WHERE id > ${since} AND action = 'role.update' `
    + `AND object_id = ${id}`))[0][0], '1');

  // its own name is not a duplicate; another role's name is
  assert.equal((await admin.post(`/org/roles/${id}/edit`, { name: 'Sales analyst', perms: ['order.view'] })).status, 303);
  const dup = await admin.post(`/org/roles/${id}/edit`, { name: 'Finance helper', perms: ['order.view'] });
  assert.equal(dup.status, 400);
  assert.equal(fieldError(dup.text, 'name'), MSG.nameTaken);
  const bad = await admin.post(`/org/roles/${id}/edit`, { name: 'Sales analyst', perms: ['customer.export'] });
  assert.equal(bad.status, 400);
  assert.equal(permsError(bad.text), MSG.adminOnly);
  assert.deepEqual(await storedPerms(id), sorted(['order.view', ...DEFAULTS]));
  assert.equal((await stack.sql(`SELECT name FROM roles WHERE id = ${id}`))[0][0], 'Sales analyst');
});

test('R9: system roles cannot be modified or deleted (404), and stay as they are', async () => {
  const snapshot = async (id) => [await stack.sql(`SELECT name, description, IFNULL(deleted_at, 'NULL') FROM roles WHERE id = ${id}`),
    await storedPerms(id)];
  await admin.get('/org/roles');
  for (const id of [ROLE.ADMIN, ROLE.FINANCE, ROLE.ACCOUNT_DIRECTOR, ROLE.ACCOUNT_MANAGER]) {
    const before = await snapshot(id);
    assert.equal((await admin.get(`/org/roles/${id}/edit`)).status, 404, `GET edit ${id}`);
    assert.equal((await admin.get(`/org/roles/${id}/delete`)).status, 404, `GET delete ${id}`);
    const e = await admin.post(`/org/roles/${id}/edit`, { name: 'Hacked', perms: ['order.view'] });
    assert.equal(e.status, 404, `POST edit ${id}`);
    const d = await admin.post(`/org/roles/${id}/delete`);
    assert.equal(d.status, 404, `POST delete ${id}`);
    assert.deepEqual(await snapshot(id), before, `role ${id} unchanged`);
  }
});

// ---------------------------------------------------------------- limit (R6)

test('R6: partners.custom_role_limit lowers the limit for that partner', async () => {
  assert.equal(await customRoles(), 2);
  await stack.sql(`UPDATE partners SET custom_role_limit = 3 WHERE id = ${SUNRISE}`);
  try {
    assert.deepEqual(customCount((await admin.get('/org/roles')).text), [2, 3]);
    await createRole('Third of three', ['order.view']);
    const r = await postRole(admin, 'Fourth of three', ['order.view']);
    assert.equal(r.status, 400);
    assert.equal(formError(r.text), MSG.limit);
    assert.equal(await customRoles(), 3);
    assert.equal(await roleByName('Fourth of three'), null);
    await stack.sql(`UPDATE partners SET custom_role_limit = 2 WHERE id = ${SUNRISE}`);
    const r2 = await postRole(admin, 'Fourth of two', ['order.view']);
    assert.equal(r2.status, 400);
    assert.equal(formError(r2.text), MSG.limit);
    assert.deepEqual(customCount((await admin.get('/org/roles')).text), [3, 2]);
    // modifying an existing role is not creating one
    const { id } = await roleByName('Third of three');
    assert.equal((await admin.post(`/org/roles/${id}/edit`, { name: 'Third of three', perms: ['spend.view'] })).status, 303);
  } finally {
    await stack.sql(`UPDATE partners SET custom_role_limit = NULL WHERE id = ${SUNRISE}`);
  }
  // another partner's limit is its own
  assert.equal((await stack.sql(`SELECT IFNULL(custom_role_limit, 'NULL') FROM partners WHERE id = ${GREATWALL}`))[0][0],
    'NULL');
});

test('R6 / 5.1.1.4: 10 custom roles succeed, the 11th fails with the limit message', async () => {
  let n = await customRoles();
  while (n < 10) await createRole(`Filler ${++n}`, ['order.view']);
  assert.equal(await customRoles(), 10);
  assert.deepEqual(customCount((await admin.get('/org/roles')).text), [10, 10]);
  const r = await postRole(admin, 'Eleventh', ['order.view']);
  assert.equal(r.status, 400);
  assert.equal(formError(r.text), MSG.limit);
  assert.equal(await customRoles(), 10);
  assert.equal(await roleByName('Eleventh'), null);
  // greatwall still has its own 10
  const gw = await signedIn('dist.admin');
  const gwId = await createRole('Greatwall role', ['order.view'], gw);
  assert.equal((await stack.sql(`SELECT partner_id FROM roles WHERE id = ${gwId}`))[0][0], GREATWALL);
  // and a deleted role frees its place
  const { id } = await roleByName('Filler 10');
  await admin.get(`/org/roles/${id}/delete`);
  assert.equal((await admin.post(`/org/roles/${id}/delete`)).status, 303);
  await createRole('Eleventh', ['order.view']);
  assert.equal(await customRoles(), 10);
});

// ---------------------------------------------------------------- delete (R7)

test('R7: a role held by a member cannot be deleted; once released it is deleted and leaves list and picker', async () => {
  const { id } = await roleByName('Eleventh');
  const fin = ID['csp.finance1'];
  await admin.get(`/org/members/${fin}/roles`);
  assert.equal((await admin.post(`/org/members/${fin}/roles`, { roles: [ROLE.FINANCE, id] })).status, 303);
  const row = roleRows((await admin.get('/org/roles')).text).find((x) => x.id === id);
  assert.equal(row.users, 1);
  const holders = await admin.get(`/org/roles/${id}`);
  assert.match(holders.text, /<ul id="role-holders"><li><a href="\/org\/members\/\d+">Zhao Lei<\/a> \(csp\.finance1\)<\/li><\/ul>/);

  const confirm = await admin.get(`/org/roles/${id}/delete`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, /<strong id="confirm-subject">Eleventh<\/strong>/);
  const refused = await admin.post(`/org/roles/${id}/delete`);
  assert.equal(refused.status, 409);
  assert.equal(formError(refused.text), MSG.inUse);
  assert.equal((await roleByName('Eleventh')).deleted, 'NULL');
  assert.equal((await stack.sql(`SELECT COUNT(*) FROM member_roles WHERE role_id = ${id}`))[0][0], '1');
  assert.ok(roleRows((await admin.get('/org/roles')).text).some((x) => x.id === id));

  await admin.get(`/org/members/${fin}/roles`);
  assert.equal((await admin.post(`/org/members/${fin}/roles`, { roles: [ROLE.FINANCE] })).status, 303);
  const since = await maxAuditId();
  await admin.get(`/org/roles/${id}/delete`);
  const ok = await admin.post(`/org/roles/${id}/delete`);
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/org/roles?msg=role_deleted');
  assert.notEqual((await roleByName('Eleventh')).deleted, 'NULL', 'deleted_at is set');
  assert.equal((await stack.sql(`SELECT COUNT(*) FROM audit_events WHERE id > ${since} AND action = 'role.delete' `
    + `AND object_id = ${id}`))[0][0], '1');

  const list = await admin.get(ok.location);
  assert.match(list.text, /The role has been deleted\./);
  assert.ok(!roleRows(list.text).some((x) => x.id === id), 'gone from the list');
  assert.doesNotMatch(list.text, /data-role="Eleventh"/);
  const picker = await admin.get('/org/members/new');
  assert.doesNotMatch(picker.text, new RegExp(`id="role-${id}"`), 'gone from the role picker');
  assert.doesNotMatch(picker.text, />Eleventh</);
  assert.equal((await admin.get(`/org/roles/${id}`)).status, 404);
  // and it can no longer be assigned
  await admin.get(`/org/members/${fin}/roles`);
  const assign = await admin.post(`/org/members/${fin}/roles`, { roles: [ROLE.FINANCE, id] });
  assert.equal(assign.status, 400);
  assert.deepEqual((await stack.sql(`SELECT role_id FROM member_roles WHERE user_id = ${fin}`)).map((x) => x[0]),
    [ROLE.FINANCE]);
});

// ---------------------------------------------------------------- role management is a permission

test('5.1.1.1: without org.role.manage creating a role is 403; once the Admin adds it, the same request works', async () => {
  // make room under the limit, and make the role the member will hold
  const { id: filler } = await roleByName('Filler 9');
  await admin.get(`/org/roles/${filler}/delete`);
  assert.equal((await admin.post(`/org/roles/${filler}/delete`)).status, 303);
  const { id: roleId } = await roleByName('Third of three');
  assert.equal((await admin.post(`/org/roles/${roleId}/edit`, { name: 'Role makers', perms: ['stats.view'] })).status, 303);

  await admin.get('/org/members/new');
  const created = await admin.post('/org/members/new', { username: 'rm.one', name: 'Role Maker', mobile_cc: '+86',
    mobile: '13900000002', email: 'rm.one@sunrise.example', status: 'normal', password: INITIAL, confirm: INITIAL,
    roles: [roleId] });
  assert.equal(created.status, 303);
  const member = await firstSignIn(stack.base, 'rm.one', INITIAL, CHANGED);
  const request = { name: 'Made by a member', description: '', perms: ['stats.view'] };

  assert.equal((await member.get('/org/roles')).status, 403);
  assert.equal((await member.get('/org/roles/new')).status, 403);
  const denied = await member.post('/org/roles/new', request);
  assert.equal(denied.status, 403);
  assert.equal(await roleByName('Made by a member'), null);

  // csp.admin adds "create role" through the Modify form
  const form = await admin.get(`/org/roles/${roleId}/edit`);
  assert.equal(form.status, 200);
  assert.equal((await admin.post(`/org/roles/${roleId}/edit`, { name: 'Role makers',
    perms: ['stats.view', 'org.role.manage'] })).status, 303);

  assert.equal((await member.get('/org/roles/new')).status, 200);
  const ok = await member.post('/org/roles/new', request);
  assert.equal(ok.status, 303);
  const made = await roleByName('Made by a member');
  assert.ok(made);
  assert.deepEqual(await storedPerms(made.id), sorted(['stats.view', ...DEFAULTS]));
  assert.equal((await member.get('/org/roles')).status, 200);
  assert.equal((await member.get('/org/members')).status, 403, 'role management is not member management');
});

test('a role manager below Admin cannot put permissions it does not hold into a role (no self-promotion)', async () => {
  const member = await signedIn('rm.one', CHANGED);
  const own = await roleByName('Role makers');
  const before = await storedPerms(own.id);
  await member.get(`/org/roles/${own.id}/edit`);
  const up = await member.post(`/org/roles/${own.id}/edit`, { name: 'Role makers',
    perms: ['stats.view', 'org.role.manage', 'org.member.manage'] });
  assert.equal(up.status, 400);
  assert.equal(permsError(up.text), MSG.notHeld);
  assert.deepEqual(await storedPerms(own.id), before);
  assert.equal((await member.get('/org/members')).status, 403, 'still no member management');

  const count = await customRoles();
  const create = await postRole(member, 'Finance for me', ['finance.topup_withdraw']);
  assert.equal(create.status, 400);
  assert.equal(permsError(create.text), MSG.notHeld);
  assert.equal(await customRoles(), count);
  // what it holds is fine; removing permissions is fine
  const made = await roleByName('Made by a member');
  await member.get(`/org/roles/${made.id}/edit`);
  assert.equal((await member.post(`/org/roles/${made.id}/edit`, { name: 'Made by a member',
    perms: ['org.role.manage'] })).status, 303);
  assert.deepEqual(await storedPerms(made.id), sorted(['org.role.manage', ...DEFAULTS]));
});

test('a role manager below Admin cannot rewrite or delete a role that grants more than it holds or is held by a stronger member', async () => {
  const member = await signedIn('rm.one', CHANGED);
  const [[limit]] = await stack.sql(`SELECT IFNULL(custom_role_limit, 'NULL') FROM partners WHERE id = ${SUNRISE}`);
  await stack.sql(`UPDATE partners SET custom_role_limit = 20 WHERE id = ${SUNRISE}`);
  // one role with a permission rm.one lacks; one with only what it holds but held by the Admin
  const strong = await createRole('Finance desk', ['finance.topup_withdraw']);
  const byAdmin = await createRole('Held by the Admin', ['org.role.manage']);
  await stack.sql(`INSERT INTO member_roles (user_id, role_id) VALUES (${ID['csp.admin']}, ${byAdmin})`);
  try {
    for (const id of [strong, byAdmin]) {
      const before = await storedPerms(id);
      for (const path of [`/org/roles/${id}/edit`, `/org/roles/${id}/delete`]) {
        assert.equal((await member.get(path)).status, 403, path);
      }
      assert.equal((await member.post(`/org/roles/${id}/edit`, { name: 'Stripped', perms: ['org.role.manage'] })).status, 403);
      assert.equal((await member.post(`/org/roles/${id}/delete`)).status, 403);
      assert.deepEqual(await storedPerms(id), before);
      assert.equal((await roleByName('Stripped')), null);
      const view = await member.get(`/org/roles/${id}`);
      assert.equal(view.status, 200);
      assert.doesNotMatch(view.text, new RegExp(`href="/org/roles/${id}/(edit|delete)"`), 'no button that answers 403');
      const list = await member.get('/org/roles');
      assert.doesNotMatch(list.text, new RegExp(`href="/org/roles/${id}/(edit|delete)"`));
    }
    // the Admin may, and the list shows it the links
    assert.match((await admin.get('/org/roles')).text, new RegExp(`href="/org/roles/${strong}/edit"`));
  } finally {
    await stack.sql(`DELETE FROM member_roles WHERE role_id = ${byAdmin}`);
    for (const id of [strong, byAdmin]) {
      await admin.get(`/org/roles/${id}/delete`);
      assert.equal((await admin.post(`/org/roles/${id}/delete`)).status, 303);
    }
    await stack.sql(`UPDATE partners SET custom_role_limit = ${limit} WHERE id = ${SUNRISE}`);
  }
});

// ---------------------------------------------------------------- scope and permissions

test('scope: a custom role of greatwall is 404 for csp.admin (view, edit, delete) and is not listed', async () => {
  const gw = await roleByName('Greatwall role', GREATWALL);
  const before = [await stack.sql(`SELECT name, description, IFNULL(deleted_at, 'NULL') FROM roles WHERE id = ${gw.id}`),
    await storedPerms(gw.id)];
  for (const path of ['', '/edit', '/delete']) {
    const r = await admin.get(`/org/roles/${gw.id}${path}`);
    assert.equal(r.status, 404, `GET ${path}`);
    assert.doesNotMatch(r.text, /Greatwall role/);
  }
  await admin.get('/org/roles');
  assert.equal((await admin.post(`/org/roles/${gw.id}/edit`, { name: 'Stolen', perms: ['order.view'] })).status, 404);
  assert.equal((await admin.post(`/org/roles/${gw.id}/delete`)).status, 404);
  assert.deepEqual([await stack.sql(`SELECT name, description, IFNULL(deleted_at, 'NULL') FROM roles WHERE id = ${gw.id}`),
    await storedPerms(gw.id)], before);
  const list = await admin.get('/org/roles');
  assert.doesNotMatch(list.text, /Greatwall role/);
  assert.doesNotMatch((await admin.get('/org/members/new')).text, /Greatwall role/);
  // and greatwall does not see sunrise's roles
  const dist = await signedIn('dist.admin');
  const theirs = await dist.get('/org/roles');
  assert.doesNotMatch(theirs.text, /Sales analyst|Role makers/);
  assert.deepEqual(customCount(theirs.text), [1, 10]);
  const ours = await roleByName('Sales analyst');
  assert.equal((await dist.get(`/org/roles/${ours.id}`)).status, 404);
});

test('members without org.role.manage get 403 on the Roles pages and create nothing', async () => {
  for (const username of ['csp.am1', 'csp.finance1', 'csp.director1']) {
    const c = await signedIn(username);
    for (const path of ['/org/roles', '/org/roles/new', `/org/roles/${ROLE.ADMIN}`]) {
      const r = await c.get(path);
      assert.equal(r.status, 403, `${username} GET ${path}`);
      assert.match(r.text, /403 · Not allowed/);
    }
    const count = await customRoles();
    const r = await c.post('/org/roles/new', { name: `By ${username}`, perms: ['order.view'] });
    assert.equal(r.status, 403);
    assert.equal(await customRoles(), count);
    const { id } = await roleByName('Sales analyst');
    assert.equal((await c.post(`/org/roles/${id}/delete`)).status, 403);
    assert.equal((await roleByName('Sales analyst')).deleted, 'NULL');
  }
  const anon = await new Client(stack.base).get('/org/roles');
  assert.equal(anon.status, 303);
  assert.equal(anon.location, '/auth/login?next=/org/roles');
});
