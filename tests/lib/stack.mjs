// A private Partner Center stack for one test file: fresh database with demo
// data, the FastCGI programs (ASan build) under spawn-fcgi, nginx on a free
// port, and optionally an SMTP sink.  One stack per file (start ≈ 2 s).
import { execFile, execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startSmtpSink } from './smtp.mjs';

const run = promisify(execFile);
export const TOP = resolve(new URL('../..', import.meta.url).pathname);
export const BUILD = process.env.PC_TEST_BUILD || join(TOP, 'build/asan');

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

export async function startStack({ smtp = false, extraConf = '' } = {}) {
  const varDir = mkdtempSync(join(tmpdir(), 'pc-test-'));
  const port = await freePort();
  const sink = smtp ? await startSmtpSink() : null;
  const args = ['start', '--build', BUILD, '--var', varDir, '--port', String(port), '--demo', '--no-worker', '--quiet'];
  if (sink) args.push('--smtp', `smtp://127.0.0.1:${sink.port}`);
  // the API tests call faster than a partner's script may (Api.requests_per_second): no limit
  // unless a test sets one (a later line of the file wins)
  const env = { ...process.env, PC_EXTRA_CONF: `Api.requests_per_second = 0\n${extraConf}` };
  try {
    await run(join(TOP, 'scripts/stack.sh'), args, { env });
  } catch (e) {
    await run(join(TOP, 'scripts/stack.sh'), ['stop', '--var', varDir]).catch(() => {});
    if (sink) await sink.close();
    rmSync(varDir, { recursive: true, force: true });
    throw new Error(`stack did not start: ${e.stderr || e.message}`);
  }
  const conf = join(varDir, 'partner-center.hdf');
  // a test process that dies (timeout, crash) must not leave a stack running
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try { execFileSync(join(TOP, 'scripts/stack.sh'), ['stop', '--var', varDir], { stdio: 'ignore' }); } catch { /* best effort */ }
    if (!process.env.PC_KEEP_VAR) rmSync(varDir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { stopNow(); process.exit(1); });
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    varDir,
    smtp: sink,
    /** Run pc-worker with arguments; resolves to { stdout, stderr, code }. */
    async worker(...argv) {
      try {
        const r = await run(join(BUILD, 'worker/pc-worker'), argv, { env: { ...process.env, PC_CONF: conf } });
        return { ...r, code: 0 };
      } catch (e) {
        return { stdout: e.stdout, stderr: e.stderr, code: e.code };
      }
    },
    /** Run pc-worker with extra environment variables (test hooks) and arguments. */
    async workerWith(env, ...argv) {
      try {
        const r = await run(join(BUILD, 'worker/pc-worker'), argv, { env: { ...process.env, ...env, PC_CONF: conf } });
        return { ...r, code: 0 };
      } catch (e) {
        return { stdout: e.stdout, stderr: e.stderr, code: e.code };
      }
    },
    /** Run pcadm with arguments (input: standard input text). */
    async pcadm(argv, input) {
      return new Promise((ok) => {
        const child = execFile(join(BUILD, 'worker/pcadm'), argv, { env: { ...process.env, PC_CONF: conf } },
          (err, stdout, stderr) => ok({ stdout, stderr, code: err ? err.code : 0 }));
        child.stdin.end(input || '');
      });
    },
    /** Rows of a query as arrays of strings (tab-separated batch output), for asserting stored state.
     * byHand: leave the generation counter alone, as an admin with the mariadb client would. */
    async sql(query, { byHand = false } = {}) {
      const { stdout } = await run('mariadb', [`--defaults-file=${join(varDir, 'my.cnf')}`, 'partner_center',
        '-N', '-B', '-e', query]);
      if (!byHand) bumpGeneration(varDir);
      return stdout.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
    },
    async stop() {
      if (!stopped) {
        stopped = true;
        await run(join(TOP, 'scripts/stack.sh'), ['stop', '--var', varDir]).catch(() => {});
        if (!process.env.PC_KEEP_VAR) rmSync(varDir, { recursive: true, force: true });
      }
      if (sink) await sink.close();
    },
  };
}
