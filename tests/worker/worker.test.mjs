// pc-worker: claiming due jobs, mail delivery from the outbox (with an SMTP sink,
// and with the SMTP server down), the purge of expired sessions, and the command
// line.  Time is moved with --now; every stack starts with both jobs due
// (next_run_at 2000-01-01).  A run whose worker died (its lock released) is marked failed and
// its job runs again at the next tick (issue 14).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BUILD } from '../lib/stack.mjs';
import { startStack } from '../lib/stack.mjs';

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** "YYYY-MM-DD HH:MM:SS" of a Date in UTC. */
function fmt(d) {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
function plusMinutes(s, m) {
  return fmt(new Date(Date.parse(s.replace(' ', 'T') + 'Z') + m * 60000));
}

async function count(stack, query) {
  return Number((await stack.sql(query))[0][0]);
}

async function queue(stack, to, subject, body, due = '2020-01-01 00:00:00') {
  await stack.sql('INSERT INTO mail_outbox (to_addr, subject, body, next_attempt_at) VALUES '
    + `(${q(to)}, ${q(subject)}, ${q(body)}, ${q(due)})`);
  return (await stack.sql(`SELECT MAX(id) FROM mail_outbox WHERE to_addr = ${q(to)}`))[0][0];
}

function header(data, name) {
  const m = new RegExp(`^${name}: (.*)$`, 'm').exec(data);
  return m ? m[1] : null;
}

describe('with an SMTP sink', () => {
  let stack;
  before(async () => { stack = await startStack({ smtp: true }); });
  after(async () => { await stack?.stop(); });

  test('tick runs the due jobs once, records them, and moves their next run', async () => {
    const now = '2030-01-01 00:00:00';
    assert.equal(await count(stack, 'SELECT COUNT(*) FROM job_runs'), 0);
    const r = await stack.worker('tick', '--now', now);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^2030-01-01 00:00:00 job mail: ok, 0 done, 0 failed$/m);
    assert.match(r.stdout, /^2030-01-01 00:00:00 job purge: ok, \d+ done, 0 failed$/m);
    // every job is due at first; the foundation's two are checked here, the others by their own tests
    const runs = await stack.sql("SELECT job, status, started_at, ended_at IS NOT NULL, failures FROM job_runs WHERE job IN ('mail', 'purge') ORDER BY job");
    assert.deepEqual(runs, [
      ['mail', 'ok', now, '1', '0'],
      ['purge', 'ok', now, '1', '0'],
    ]);
    assert.equal(await count(stack, 'SELECT COUNT(*) FROM job_runs'), await count(stack, 'SELECT COUNT(*) FROM jobs'));
    assert.deepEqual(await stack.sql("SELECT name, next_run_at FROM jobs WHERE name IN ('mail', 'purge') ORDER BY name"), [
      ['mail', '2030-01-01 00:01:00'],
      ['purge', '2030-01-01 01:00:00'],
    ]);
    // the same moment again: both are claimed already, nothing runs
    const again = await stack.worker('tick', '--now', now);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, '');
    assert.equal(await count(stack, 'SELECT COUNT(*) FROM job_runs'), await count(stack, 'SELECT COUNT(*) FROM jobs'));
    // one minute on only the jobs of every minute are due (mail, exports, …)
    const later = await stack.worker('tick', '--now', '2030-01-01 00:01:00');
    assert.equal(later.code, 0, later.stderr);
    const minutely = await stack.sql('SELECT name FROM jobs WHERE interval_seconds = 60 ORDER BY name');
    assert.ok(minutely.some(([name]) => name === 'mail'));
    assert.deepEqual(await stack.sql('SELECT job FROM job_runs WHERE started_at = \'2030-01-01 00:01:00\' ORDER BY job'), minutely);
    assert.deepEqual(await stack.sql("SELECT next_run_at FROM jobs WHERE name = 'mail'"), [['2030-01-01 00:02:00']]);
  });

  test('a disabled job is not run even when due', async () => {
    await stack.sql("UPDATE jobs SET enabled = 0 WHERE name = 'purge'");
    try {
      const before = await count(stack, "SELECT COUNT(*) FROM job_runs WHERE job = 'purge'");
      const r = await stack.worker('tick', '--now', '2030-01-01 05:00:00');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(await count(stack, "SELECT COUNT(*) FROM job_runs WHERE job = 'purge'"), before);
      assert.deepEqual(await stack.sql("SELECT next_run_at FROM jobs WHERE name = 'purge'"), [['2030-01-01 01:00:00']]);
    } finally {
      await stack.sql("UPDATE jobs SET enabled = 1 WHERE name = 'purge'");
    }
  });

  test('mail: three queued messages go out once each, to the right address with the right subject', async () => {
    const sent0 = stack.smtp.messages.length;
    const mails = [
      ['alice@example.com', 'First message', 'Hello Alice.\nLine two.'],
      ['bob@example.com', 'Second message', 'Hello Bob.'],
      ['carol@example.com', 'Third message', 'Hello Carol.'],
    ];
    const ids = [];
    for (const m of mails) ids.push(await queue(stack, ...m));
    // a message whose time has not come yet stays
    const future = await queue(stack, 'later@example.com', 'Not yet', 'Later.', '2031-01-01 00:00:00');
    const r = await stack.worker('tick', '--now', '2030-01-02 00:00:00');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /job mail: ok, 3 done, 0 failed/);
    const got = (await stack.smtp.waitFor(sent0 + 3)).slice(sent0);
    assert.equal(got.length, 3);
    got.forEach((msg, i) => {
      const [to, subject, body] = mails[i];
      assert.deepEqual(msg.to, [`<${to}>`]);
      assert.equal(header(msg.data, 'To'), to);
      assert.equal(header(msg.data, 'Subject'), subject);
      assert.equal(header(msg.data, 'From'), 'partner-center@localhost');
      assert.ok(msg.data.includes(body.split('\n')[0]));
    });
    const rows = await stack.sql(`SELECT status, attempts, sent_at FROM mail_outbox WHERE id IN (${ids.join(',')}) ORDER BY id`);
    assert.deepEqual(rows, mails.map(() => ['sent', '1', '2030-01-02 00:00:00']));
    assert.deepEqual(await stack.sql(`SELECT status, attempts FROM mail_outbox WHERE id = ${future}`), [['pending', '0']]);
    // a re-run (and a later tick) sends nothing more
    const rerun = await stack.worker('run', 'mail', '--now', '2030-01-02 00:00:00');
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stdout, /job mail: ok, 0 done, 0 failed/);
    const tick = await stack.worker('tick', '--now', '2030-01-02 00:05:00');
    assert.equal(tick.code, 0, tick.stderr);
    await new Promise((ok) => setTimeout(ok, 200));
    assert.equal(stack.smtp.messages.length, sent0 + 3);
    await stack.sql(`DELETE FROM mail_outbox WHERE id = ${future}`);
  });

  test('mail: a UTF-8 subject is sent as an RFC 2047 encoded word', async () => {
    const sent0 = stack.smtp.messages.length;
    const subject = '您的伙伴中心验证码 ✓';
    await queue(stack, 'zh@example.com', subject, '您好');
    const r = await stack.worker('run', 'mail', '--now', '2030-01-03 00:00:00');
    assert.equal(r.code, 0, r.stderr);
    const [msg] = (await stack.smtp.waitFor(sent0 + 1)).slice(sent0);
    assert.ok(msg, 'the message arrived');
    const raw = header(msg.data, 'Subject');
    const m = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(raw);
    assert.ok(m, `encoded subject, got ${raw}`);
    assert.equal(Buffer.from(m[1], 'base64').toString('utf8'), subject);
    assert.match(msg.data, /^Content-Type: text\/plain; charset=UTF-8$/m);
    // an ASCII subject is left alone (checked above); the body is 8-bit UTF-8
    assert.ok(msg.data.includes('您好'));
  });

  test('mail: a long UTF-8 subject arrives whole, in encoded words of at most 75 characters', async () => {
    const sent0 = stack.smtp.messages.length;
    const subject = '合作伙伴中心'.repeat(30); // 180 characters, 540 bytes: fits VARCHAR(255)
    await queue(stack, 'long@example.com', subject, 'Body');
    const r = await stack.worker('run', 'mail', '--now', '2030-01-03 00:00:30');
    assert.equal(r.code, 0, r.stderr);
    const [msg] = (await stack.smtp.waitFor(sent0 + 1)).slice(sent0);
    assert.ok(msg);
    // the Subject header with its folded continuation lines
    const m = /^Subject: (.*(?:\n[ \t].*)*)$/m.exec(msg.data);
    const words = m[1].split(/\s+/);
    const bytes = [];
    for (const w of words) {
      assert.ok(w.length <= 75, `encoded word of ${w.length} characters`);
      const e = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(w);
      assert.ok(e, w);
      bytes.push(Buffer.from(e[1], 'base64'));
    }
    assert.equal(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(bytes)), subject);
  });

  test('mail: two workers at once send each message exactly once', async () => {
    const sent0 = stack.smtp.messages.length;
    const n = 12;
    for (let i = 0; i < n; i++) await queue(stack, `many${i}@example.com`, `Many ${i}`, `Message ${i}`);
    const now = '2030-01-04 00:00:00';
    const [a, b] = await Promise.all([stack.worker('run', 'mail', '--now', now), stack.worker('run', 'mail', '--now', now)]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const done = [a, b].map((r) => Number(/ok, (\d+) done/.exec(r.stdout)[1]));
    assert.equal(done[0] + done[1], n);
    await stack.smtp.waitFor(sent0 + n);
    await new Promise((ok) => setTimeout(ok, 200));
    const got = stack.smtp.messages.slice(sent0).map((m) => header(m.data, 'To')).sort();
    assert.deepEqual(got, Array.from({ length: n }, (_, i) => `many${i}@example.com`).sort());
    assert.deepEqual(await stack.sql("SELECT status, COUNT(*), MAX(attempts) FROM mail_outbox WHERE to_addr LIKE 'many%' "
      + 'GROUP BY status'), [['sent', String(n), '1']]);
  });

  test('mail: the sink sees every line of a message, also one starting with a dot', async () => {
    const sent0 = stack.smtp.messages.length;
    await queue(stack, 'dots@example.com', 'Dots', 'first\n.\n.second\nlast');
    const r = await stack.worker('run', 'mail', '--now', '2030-01-03 00:01:00');
    assert.equal(r.code, 0, r.stderr);
    const [msg] = (await stack.smtp.waitFor(sent0 + 1)).slice(sent0);
    assert.ok(msg);
    const body = msg.data.slice(msg.data.indexOf('\n\n') + 2);
    assert.equal(body.replace(/\r/g, ''), 'first\n.\n.second\nlast\n');
  });

  test('purge deletes sessions past the idle timeout relative to --now and keeps live ones', async () => {
    const now = '2030-02-01 12:00:00';
    const uid = (await stack.sql("SELECT id FROM users WHERE username = 'csp.admin'"))[0][0];
    const add = (hash, created, seen) => stack.sql('INSERT INTO sessions (token_hash, user_id, csrf, created_at, '
      + `last_seen_at) VALUES (${q(hash)}, ${uid}, ${q('c'.repeat(64))}, ${q(created)}, ${q(seen)})`);
    const idle = '1'.repeat(64), live = '2'.repeat(64), old = '3'.repeat(64);
    await add(idle, plusMinutes(now, -60), plusMinutes(now, -31));
    await add(live, plusMinutes(now, -60), plusMinutes(now, -29));
    await add(old, plusMinutes(now, -13 * 60), plusMinutes(now, -1));
    const r = await stack.worker('run', 'purge', '--now', now);
    assert.equal(r.code, 0, r.stderr);
    const left = await stack.sql(`SELECT token_hash FROM sessions WHERE token_hash IN (${[idle, live, old].map(q)})`);
    assert.deepEqual(left, [[live]]);
    assert.match(r.stdout, /job purge: ok, [1-9]\d* done, 0 failed/);
    assert.deepEqual(await stack.sql(`SELECT status FROM job_runs WHERE job = 'purge' AND started_at = ${q(now)}`),
      [['ok']]);
    await stack.sql(`DELETE FROM sessions WHERE token_hash = ${q(live)}`);
  });

  test('purge removes old login attempts and verification codes, keeps recent ones', async () => {
    const now = '2030-03-01 00:00:00';
    await stack.sql('INSERT INTO login_attempts (username, ip, ok, at) VALUES '
      + `('old.try', '10.0.0.1', 0, ${q(plusMinutes(now, -25 * 60))}), ('new.try', '10.0.0.1', 0, ${q(plusMinutes(now, -60))})`);
    await stack.sql('INSERT INTO verify_codes (purpose, target, code_hash, expires_at, created_at) VALUES '
      + `('signup', 'old@example.com', ${q('0'.repeat(64))}, ${q(plusMinutes(now, -25 * 60))}, ${q(plusMinutes(now, -26 * 60))}), `
      + `('signup', 'new@example.com', ${q('0'.repeat(64))}, ${q(plusMinutes(now, 5))}, ${q(plusMinutes(now, -5))})`);
    const r = await stack.worker('run', 'purge', '--now', now);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await stack.sql("SELECT username FROM login_attempts WHERE username IN ('old.try','new.try')"),
      [['new.try']]);
    assert.deepEqual(await stack.sql("SELECT target FROM verify_codes WHERE target IN ('old@example.com','new@example.com')"),
      [['new@example.com']]);
  });

  test('a bad --now is refused with exit code 2 and a message', async () => {
    const runs0 = await count(stack, 'SELECT COUNT(*) FROM job_runs');
    for (const bad of ['tomorrow', '2030-01-01', '2030-13-01 00:00:00', '2030-02-30 00:00:00', '2030-01-01T00:00:00',
      '2030-01-01 25:00:00', '2030-01-01 12:60:00', '2030-01-01 12:00:61', '2030-01-01 ab:cd:ef', '']) {
      const r = await stack.worker('tick', '--now', bad);
      assert.equal(r.code, 2, `--now '${bad}'`);
      assert.match(r.stderr, /--now wants "YYYY-MM-DD HH:MM:SS"/, `--now '${bad}'`);
    }
    assert.equal(await count(stack, 'SELECT COUNT(*) FROM job_runs'), runs0, 'nothing ran');
  });

  test('a running run whose lock nobody holds (its worker gone) is marked failed and its job runs at the next tick', async () => {
    // purge ran last at 2030-03-01 (an hour's interval): its next run is far off
    await stack.sql("UPDATE jobs SET next_run_at = '2031-01-01 00:00:00' WHERE name = 'purge'");
    await stack.sql("INSERT INTO job_runs (job, started_at, host) VALUES ('purge', '2030-12-31 23:00:00', 'gone-host')");
    const [[stale]] = await stack.sql("SELECT MAX(id) FROM job_runs WHERE job = 'purge'");
    const now = '2030-12-31 23:30:00';
    const r = await stack.worker('tick', '--now', now);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${now} job purge: run ${stale} abandoned: its worker \\(host gone-host\\) ended without finishing the run started at 2030-12-31 23:00:00; run again now$`, 'm'));
    assert.match(r.stdout, new RegExp(`^${now} job purge: ok, \\d+ done, 0 failed$`, 'm'));
    assert.deepEqual(await stack.sql(`SELECT status, ended_at IS NOT NULL, error LIKE 'abandoned: %' FROM job_runs WHERE id = ${stale}`), [['error', '1', '1']]);
    assert.deepEqual(await stack.sql(`SELECT status FROM job_runs WHERE job = 'purge' AND started_at = '${now}'`), [['ok']]);
    assert.deepEqual(await stack.sql("SELECT next_run_at FROM jobs WHERE name = 'purge'"), [['2031-01-01 00:30:00']]);
    // once is enough: the next tick finds the latest run ended
    const again = await stack.worker('tick', '--now', '2030-12-31 23:30:30');
    assert.doesNotMatch(again.stdout, /abandoned|job purge/);
  });

  test('purge removes the records of job runs older than Worker.keep_runs_days (90), never a running one', async () => {
    const now = '2031-06-01 00:00:00';
    await stack.sql('INSERT INTO job_runs (job, started_at, ended_at, status) VALUES '
      + "('old.ok', '2031-03-01 00:00:00', '2031-03-01 00:00:01', 'ok'), ('old.error', '2031-03-02 23:59:59', '2031-03-03 00:00:00', 'error'), "
      + "('old.running', '2031-03-01 00:00:00', NULL, 'running'), ('recent', '2031-03-03 00:00:01', '2031-03-03 00:00:02', 'ok')");
    const r = await stack.worker('run', 'purge', '--now', now);
    assert.equal(r.code, 0, r.stderr);
    const left = await stack.sql("SELECT job FROM job_runs WHERE job IN ('old.ok', 'old.error', 'old.running', 'recent') ORDER BY job");
    assert.deepEqual(left, [['old.running'], ['recent']]);
    await stack.sql("DELETE FROM job_runs WHERE job IN ('old.running', 'recent')");
  });

  test('run of an unknown job fails; list names the jobs; no command is a usage error', async () => {
    const r = await stack.worker('run', 'nosuchjob');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /no job 'nosuchjob'/);
    assert.equal(await count(stack, "SELECT COUNT(*) FROM job_runs WHERE job = 'nosuchjob'"), 0);
    const list = await stack.worker('list');
    assert.equal(list.code, 0);
    // every job the jobs table schedules is one the worker knows
    const known = list.stdout.trim().split('\n');
    for (const [name] of await stack.sql('SELECT name FROM jobs')) assert.ok(known.includes(name), name);
    assert.ok(known.includes('mail') && known.includes('purge'));
    const none = await stack.worker();
    assert.equal(none.code, 2);
    assert.match(none.stderr, /usage: pc-worker/);
    const run = await stack.worker('run');
    assert.equal(run.code, 2);
  });
});

describe('with the SMTP server down', () => {
  let stack;
  before(async () => { stack = await startStack({ extraConf: 'Mail.smtp_url = smtp://127.0.0.1:9' }); });
  after(async () => { await stack?.stop(); });

  test('a message is retried with back-off and marked failed after Mail.max_attempts', async () => {
    const id = await queue(stack, 'nobody@example.com', 'Undeliverable', 'Body', '2030-01-01 00:00:00');
    const state = async () => (await stack.sql('SELECT status, attempts, last_error <> \'\', next_attempt_at '
      + `FROM mail_outbox WHERE id = ${id}`))[0];

    let now = '2030-01-01 00:00:00';
    const first = await stack.worker('run', 'mail', '--now', now);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /job mail: ok, 0 done, 1 failed: /);
    assert.deepEqual(await state(), ['pending', '1', '1', '2030-01-01 00:01:00']);
    const [lastError] = (await stack.sql(`SELECT last_error FROM mail_outbox WHERE id = ${id}`))[0];
    assert.match(lastError, /connect|refused/i);
    assert.deepEqual(await stack.sql(`SELECT failures, status, error <> '' FROM job_runs WHERE started_at = ${q(now)}`),
      [['1', 'ok', '1']]);

    // before its back-off has passed it is left alone
    const early = await stack.worker('run', 'mail', '--now', '2030-01-01 00:00:30');
    assert.match(early.stdout, /0 done, 0 failed/);
    assert.equal((await state())[1], '1');

    // back-off doubles: 1, 2, 4, 8 minutes; the fifth failure gives up
    const waits = [1, 2, 4, 8];
    for (let attempt = 2; attempt <= 5; attempt++) {
      now = plusMinutes(now, waits[attempt - 2]);
      const r = await stack.worker('run', 'mail', '--now', now);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /0 done, 1 failed/, `attempt ${attempt}`);
      const [status, attempts] = await state();
      assert.equal(attempts, String(attempt));
      assert.equal(status, attempt < 5 ? 'pending' : 'failed', `attempt ${attempt}`);
      if (attempt < 5)
        assert.equal((await state())[3], plusMinutes(now, 2 ** (attempt - 1)), `next attempt after ${attempt}`);
    }
    // a failed message is not tried again
    const after = await stack.worker('run', 'mail', '--now', '2030-06-01 00:00:00');
    assert.match(after.stdout, /0 done, 0 failed/);
    assert.deepEqual((await state()).slice(0, 2), ['failed', '5']);
  });
});

describe('a worker killed in the middle of a run', () => {
  // an SMTP server that accepts and never answers: the mail job waits on it (Mail.timeout_seconds)
  const sockets = new Set();
  const silent = createServer((sock) => { sockets.add(sock); sock.on('error', () => {}); });
  let stack, port;
  before(async () => {
    await new Promise((ok) => silent.listen(0, '127.0.0.1', ok));
    port = silent.address().port;
    stack = await startStack({ extraConf: `Mail.smtp_url = smtp://127.0.0.1:${port}\nMail.timeout_seconds = 600` });
  });
  after(async () => {
    await stack?.stop();
    for (const s of sockets) s.destroy();
    silent.close();
  });

  test('kill -9 mid-run: another worker leaves the live run alone; after the kill the next tick marks it failed and runs the job again', async () => {
    // only the mail job, once an hour: without noticing the dead run it would wait that hour
    await stack.sql("UPDATE jobs SET enabled = (name = 'mail'); UPDATE jobs SET interval_seconds = 3600 WHERE name = 'mail'");
    await queue(stack, 'stuck@example.com', 'Stuck', 'Body');
    const t0 = '2030-05-01 00:00:00';
    const child = spawn(join(BUILD, 'worker/pc-worker'), ['tick', '--now', t0],
      { env: stack.env('pc-worker'), stdio: 'ignore' });
    const exited = new Promise((ok) => child.on('exit', (code, signal) => ok(signal)));
    // mid-run: the worker is connected to the SMTP server and waits for its greeting
    for (let i = 0; sockets.size === 0; i++) {
      assert.ok(i < 300, 'the mail job reached the SMTP server');
      await new Promise((ok) => setTimeout(ok, 100));
    }
    const [[run]] = await stack.sql(`SELECT id FROM job_runs WHERE job = 'mail' AND started_at = '${t0}' AND status = 'running'`);
    // a second worker a minute later: the run's lock is held, nothing is abandoned, mail is not due
    const busy = await stack.worker('tick', '--now', plusMinutes(t0, 1));
    assert.equal(busy.code, 0, busy.stderr);
    assert.equal(busy.stdout, '');
    assert.deepEqual(await stack.sql(`SELECT status FROM job_runs WHERE id = ${run}`), [['running']]);

    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    for (const s of sockets) s.destroy();
    await new Promise((ok) => silent.close(ok)); // from now on the SMTP server refuses at once
    assert.deepEqual(await stack.sql(`SELECT status, ended_at FROM job_runs WHERE id = ${run}`), [['running', 'NULL']]);

    const t2 = plusMinutes(t0, 2);
    const r = await stack.worker('tick', '--now', t2);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${t2} job mail: run ${run} abandoned: its worker \\(host [^)]*\\) ended without finishing the run started at ${t0}; run again now$`, 'm'));
    assert.match(r.stdout, new RegExp(`^${t2} job mail: ok, `, 'm'));
    assert.deepEqual(await stack.sql(`SELECT status, ended_at IS NOT NULL FROM job_runs WHERE id = ${run}`), [['error', '1']]);
    assert.deepEqual(await stack.sql(`SELECT status FROM job_runs WHERE job = 'mail' AND started_at = '${t2}'`), [['ok']]);
    assert.deepEqual(await stack.sql("SELECT next_run_at FROM jobs WHERE name = 'mail'"), [[plusMinutes(t2, 60)]]);
    // and only once
    const later = await stack.worker('tick', '--now', plusMinutes(t0, 3));
    assert.equal(later.stdout, '');
  });
});
