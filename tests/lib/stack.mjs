// A private Partner Center stack for one test file: a copy of the seeded database
// (demo data), the FastCGI programs (ASan build) under spawn-fcgi, nginx on a free
// port, and optionally an SMTP sink.  One stack per file (start ≈ 2 s).
//
// The database is a copy of a seed made once (scripts/stack.sh --seed-cache: install-db,
// migrate, demo data; made again when the migrations, the binaries, the config the demo data
// reads or the day change; `make check` makes it anew once per run).  PC_TEST_NO_SEED=1 makes
// each stack's database from scratch instead.
//
// Sanitizers: every ASan/UBSan report of the stack's programs (files under log/sanitizer/, their
// standard error in log/*.stderr) fails the test file when the stack stops; a worker or pcadm
// run of a test that leaves one (there, or in its standard error) fails at once, in that test.
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startSmtpSink } from './smtp.mjs';

const run = promisify(execFile);
export const TOP = resolve(new URL('../..', import.meta.url).pathname);
export const BUILD = process.env.PC_TEST_BUILD || join(TOP, 'build/asan');
/** Where the seeds are kept (scripts/check.sh empties it once per run). */
export const SEED_CACHE = process.env.PC_SEED_CACHE || join(BUILD, 'test-seed');

/** Argon2id at its cheapest for every password a test sets: the default of every stack (the demo
 * users of a seed are hashed so too).  startStack({ fastPasswords: false }) keeps the shipped
 * parameters for the passwords set while the stack runs. */
export const FAST_PASSWORDS = 'Password.argon2_memory_kib = 1024\nPassword.argon2_iterations = 1';

// PC_TEST_TIMES=FILE (scripts/check.sh): at exit, one line per test file appended to FILE: its
// wall time (the process's), and how long its stacks took to start and to stop, in seconds.
const times = { start: 0, stop: 0, stacks: 0 };
if (process.env.PC_TEST_TIMES) {
  process.once('exit', () => {
    const wall = (performance.now() / 1000).toFixed(1);
    const file = relative(TOP, process.argv[1] || '?');
    appendFileSync(process.env.PC_TEST_TIMES,
      `${wall}\t${(times.start / 1000).toFixed(1)}\t${(times.stop / 1000).toFixed(1)}\t${times.stacks}\t${file}\n`);
  });
}

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

// The programs keep sessions and short lists while the shared generation counter
// (lib/base/generation.h: 8 bytes, little-endian) stays put; a change made behind their back
// with the mariadb client must move it on, as lib/base/db.c does for the programs' own writes.
function bumpGeneration(varDir) {
  let fd;
  try { fd = openSync(join(varDir, 'run', 'generation'), 'r+'); } catch { return; }
  const b = Buffer.alloc(8);
  readSync(fd, b, 0, 8, 0);
  b.writeBigUInt64LE(b.readBigUInt64LE(0) + 1n);
  writeSync(fd, b, 0, 8, 0);
  closeSync(fd);
}

/** ASAN_OPTIONS/UBSAN_OPTIONS (those of the environment kept) sending the reports of program
 * `name` to log/sanitizer/NAME.PID of the stack, as scripts/stack.sh does for its programs. */
export function sanitizerEnv(varDir, name) {
  const to = join(varDir, 'log', 'sanitizer', name);
  const add = (v, opts) => (v ? `${v}:${opts}` : opts);
  return {
    ASAN_OPTIONS: add(process.env.ASAN_OPTIONS, `log_path=${to}`),
    UBSAN_OPTIONS: add(process.env.UBSAN_OPTIONS, `log_path=${to}:print_stacktrace=1`),
  };
}

/** A sanitizer's report in a program's standard error: UBSan's (GCC's libubsan writes there
 * whatever log_path says) or ASan's/LSan's. */
export const SANITIZER_REPORT = /: runtime error: |==\d+==ERROR: (?:Address|Leak)Sanitizer|^SUMMARY: (?:Address|Undefined|Leak)Sanitizer/m;

/** The sanitizer reports of a stack not yet in `seen`: [{ file, text }]: ASan's files (log/sanitizer/NAME.PID)
 * and the programs' standard error (log/NAME.stderr) when it holds a report. */
function sanitizerReports(varDir, seen) {
  const read = (dir, keep) => (existsSync(join(varDir, dir)) ? readdirSync(join(varDir, dir)) : [])
    .filter((f) => keep(f) && !seen.has(`${dir}/${f}`)).sort()
    .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(varDir, dir, f), 'utf8') }));
  return [
    ...read('log/sanitizer', () => true).filter((r) => r.text.trim() !== ''),
    ...read('log', (f) => f.endsWith('.stderr')).filter((r) => SANITIZER_REPORT.test(r.text)),
  ];
}

const describeReports = (reports) => reports.map((r) => `--- ${r.file}\n${r.text.trimEnd()}`).join('\n');

/** A stack for this test file.  children: FastCGI processes per program — one unless the file
 * tests what two processes do side by side (requests at once that race, what one process keeps
 * and the other must see): each process costs 0.1-0.2 s of CPU at every start. */
export async function startStack({ smtp = false, extraConf = '', fastPasswords = true, children = 1, https = false } = {}) {
  const varDir = mkdtempSync(join(tmpdir(), 'pc-test-'));
  const port = await freePort();
  const httpsPort = https ? await freePort() : null;
  const sink = smtp ? await startSmtpSink() : null;
  const args = ['start', '--build', BUILD, '--var', varDir, '--port', String(port), '--demo', '--no-worker', '--quiet',
    '--children', String(children)];
  if (!process.env.PC_TEST_NO_SEED) args.push('--seed-cache', SEED_CACHE);
  if (sink) args.push('--smtp', `smtp://127.0.0.1:${sink.port}`);
  if (httpsPort) args.push('--https-port', String(httpsPort));
  // the API tests call faster than a partner's script may (Api.requests_per_second): no limit
  // unless a test sets one (a later line of the file wins)
  const conf = ['Api.requests_per_second = 0', fastPasswords ? FAST_PASSWORDS : '', extraConf].filter((l) => l).join('\n');
  const env = { ...process.env, PC_EXTRA_CONF: conf };
  const stackSh = join(TOP, 'scripts/stack.sh');
  const t0 = performance.now();
  try {
    await run(stackSh, args, { env });
    times.start += performance.now() - t0;
    times.stacks++;
  } catch (e) {
    await run(stackSh, ['stop', '--var', varDir, '--discard']).catch(() => {});
    if (sink) await sink.close();
    rmSync(varDir, { recursive: true, force: true, maxRetries: 5 });
    throw new Error(`stack did not start: ${e.stderr || e.message}`);
  }
  const confFile = join(varDir, 'partner-center.hdf');
  const seen = new Set(); // sanitizer reports already thrown by a worker or pcadm run
  const finish = () => {
    const reports = sanitizerReports(varDir, seen);
    if (!process.env.PC_KEEP_VAR) rmSync(varDir, { recursive: true, force: true, maxRetries: 5 });
    return reports;
  };
  // a test process that dies (timeout, crash) must not leave a stack running
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try { execFileSync(stackSh, ['stop', '--var', varDir, '--discard'], { stdio: 'ignore' }); } catch { /* best effort */ }
    const reports = finish();
    if (reports.length) {
      process.stderr.write(`sanitizer reports of the stack in ${varDir}:\n${describeReports(reports)}\n`);
      process.exitCode = 1;
    }
  };
  process.once('exit', stopNow);
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { stopNow(); process.exit(1); });

  /** Run a program of the build (pc-worker, pcadm) on this stack; resolves to { stdout, stderr, code }
   * and throws when it left a sanitizer report. */
  function runProgram(name, argv, extraEnv = {}, input = undefined) {
    return new Promise((ok, fail) => {
      const child = execFile(join(BUILD, 'worker', name), argv,
        { env: { ...process.env, ...extraEnv, PC_CONF: confFile, ...sanitizerEnv(varDir, name) } },
        (err, stdout, stderr) => {
          const mine = sanitizerReports(varDir, seen).filter((r) => r.file === `log/sanitizer/${name}.${child.pid}`);
          for (const r of mine) seen.add(r.file);
          if (SANITIZER_REPORT.test(stderr)) mine.push({ file: `${name} standard error`, text: stderr });
          if (mine.length) {
            fail(new Error(`${name} ${argv.join(' ')} (exit ${err ? err.code ?? err.signal : 0}) left a sanitizer report:\n${describeReports(mine)}`));
            return;
          }
          ok({ stdout, stderr, code: err ? err.code : 0 });
        });
      if (input !== undefined) child.stdin.end(input);
    });
  }

  return {
    base: `http://127.0.0.1:${port}`,
    port,
    /** https: the same server over TLS (a self-signed certificate), when asked for */
    httpsPort,
    varDir,
    smtp: sink,
    /** The environment for running pc-worker or pcadm (name) by hand on this stack: its config,
     * its sanitizer reports collected as for the programs. */
    env(name = 'pc-worker') {
      return { ...process.env, PC_CONF: confFile, ...sanitizerEnv(varDir, name) };
    },
    /** Run pc-worker with arguments; resolves to { stdout, stderr, code }. */
    worker(...argv) {
      return runProgram('pc-worker', argv);
    },
    /** Run pc-worker with extra environment variables (test hooks) and arguments. */
    workerWith(env, ...argv) {
      return runProgram('pc-worker', argv, env);
    },
    /** Run pcadm with arguments (input: standard input text). */
    pcadm(argv, input) {
      return runProgram('pcadm', argv, {}, input || '');
    },
    /** Rows of a query as arrays of strings (tab-separated batch output), for asserting stored state.
     * byHand: leave the generation counter alone, as an admin with the mariadb client would. */
    async sql(query, { byHand = false } = {}) {
      const { stdout } = await run('mariadb', [`--defaults-file=${join(varDir, 'my.cnf')}`, 'partner_center',
        '-N', '-B', '-e', query]);
      if (!byHand) bumpGeneration(varDir);
      return stdout.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
    },
    /** Stop everything (the database is thrown away, not shut down); fails when a program of the
     * stack left a sanitizer report. */
    async stop() {
      let reports = [];
      if (!stopped) {
        stopped = true;
        process.removeListener('exit', stopNow);
        const t1 = performance.now();
        await run(stackSh, ['stop', '--var', varDir, '--discard']).catch(() => {});
        reports = finish();
        times.stop += performance.now() - t1;
      }
      if (sink) await sink.close();
      if (reports.length) throw new Error(`sanitizer reports of the stack:\n${describeReports(reports)}`);
    },
  };
}
