// make install (scripts/install.sh): the build in an FHS layout with its config, systemd units,
// tmpfiles, logrotate, cron and nginx files filled in with the installation's paths.  Installs
// the test build (build/asan) into scratch directories; no stack.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BUILD, TOP } from '../lib/stack.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'pc-install-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const programs = [...new Set(readFileSync(join(TOP, 'conf/nginx/routes.txt'), 'utf8').split('\n')
  .filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.trim().split(/\s+/)[1]))].sort();
const install = (dest, prefix, etc) =>
  execFileSync(join(TOP, 'scripts/install.sh'), [BUILD, dest, prefix, etc], { encoding: 'utf8' });

test('DESTDIR install: programs, pcadm, the shared files, and the config with the installed paths', () => {
  const dest = join(scratch, 'dest');
  assert.match(install(dest, '/usr', '/etc'), /^installed Partner Center \S+ in .*\/usr \(config: .*\/etc\/partner-center\/partner-center\.hdf\)$/m);
  for (const p of programs) {
    const bin = join(dest, 'usr/lib/partner-center', `pc-${p}`);
    accessSync(bin, constants.X_OK);
    assert.match(execFileSync(bin, ['--routes'], { encoding: 'utf8' }), /^prefix /m, `pc-${p} --routes`);
  }
  accessSync(join(dest, 'usr/lib/partner-center/pc-worker'), constants.X_OK);
  assert.match(execFileSync(join(dest, 'usr/sbin/pcadm'), ['version'], { encoding: 'utf8' }), /^Partner Center \S+\n$/);
  for (const d of ['templates/header.cs', 'lang/en/common.hdf', 'lang/zh/common.hdf', 'sql/001_foundation.sql', 'htdocs/css/pc.css']) {
    assert.ok(existsSync(join(dest, 'usr/share/partner-center', d)), d);
  }
  const conf = readFileSync(join(dest, 'etc/partner-center/partner-center.hdf'), 'utf8');
  for (const line of ['  templates = /usr/share/partner-center/templates', '  lang = /usr/share/partner-center/lang',
    '  sql = /usr/share/partner-center/sql', '  log = /var/log/partner-center/app.log',
    '  exports = /var/lib/partner-center/exports', '  generation = /var/lib/partner-center/generation',
    '  secret_key_file = /etc/partner-center/api.key']) assert.ok(conf.split('\n').includes(line), line);
  const site = readFileSync(join(dest, 'usr/share/doc/partner-center/nginx-site.conf'), 'utf8');
  assert.match(site, /root \/usr\/share\/partner-center\/htdocs;/);
  assert.match(site, /include snippets\/partner-center-headers\.conf;/);
  assert.ok(existsSync(join(dest, 'etc/nginx/snippets/partner-center-headers.conf')));
  const tmpfiles = readFileSync(join(dest, 'usr/lib/tmpfiles.d/partner-center.conf'), 'utf8');
  for (const d of ['/run/partner-center', '/var/lib/partner-center/exports', '/var/log/partner-center']) {
    assert.match(tmpfiles, new RegExp(`^d ${d} 07[05][05] www-data www-data -$`, 'm'), d);
  }
  assert.match(readFileSync(join(dest, 'etc/logrotate.d/partner-center'), 'utf8'), /postrotate[\s\S]*--signal=HUP 'partner-center@\*\.service'/);
  assert.match(readFileSync(join(dest, 'etc/cron.d/partner-center'), 'utf8'),
    /^# \* \* \* \* \* www-data PC_CONF=\/etc\/partner-center\/partner-center\.hdf \/usr\/lib\/partner-center\/pc-worker tick >>\/var\/log\/partner-center\/worker\.log 2>&1$/m);
});

test('an admin\'s edited config is kept on a second install; the new one goes beside it', () => {
  const dest = join(scratch, 'again');
  install(dest, '/usr', '/etc');
  const conf = join(dest, 'etc/partner-center/partner-center.hdf');
  writeFileSync(conf, `${readFileSync(conf, 'utf8')}\nSite.name = Edited\n`);
  install(dest, '/usr', '/etc');
  assert.match(readFileSync(conf, 'utf8'), /Site\.name = Edited/);
  assert.doesNotMatch(readFileSync(`${conf}.new`, 'utf8'), /Edited/);
});

test('the installed config points at real directories: check-config finds the templates, languages and migrations', () => {
  const root = join(scratch, 'root');
  install('', join(root, 'usr'), join(root, 'etc'));
  const conf = join(root, 'etc/partner-center/partner-center.hdf');
  let stderr = '';
  try {
    execFileSync(join(root, 'usr/sbin/pcadm'), ['-c', conf, 'check-config'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    stderr = e.stderr;
  }
  for (const key of ['Paths.templates', 'Paths.lang', 'Paths.sql']) assert.doesNotMatch(stderr, new RegExp(`key '${key}'`));
  assert.match(stderr, /key 'DB\.socket'/, 'no database here: that one is reported');
});

test('the systemd units: one per program in the target, and systemd-analyze verify accepts them', (t) => {
  const root = join(scratch, 'units');
  install('', join(root, 'usr'), join(root, 'etc'));
  const dir = join(root, 'usr/lib/systemd/system');
  const target = readFileSync(join(dir, 'partner-center.target'), 'utf8');
  const wants = /^Wants=(.*)$/m.exec(target)[1].split(' ');
  assert.deepEqual(wants, [...programs.map((p) => `partner-center@${p}.service`), 'partner-center-worker.timer']);
  const unit = readFileSync(join(dir, 'partner-center@.service'), 'utf8');
  assert.match(unit, /^ExecStart=\/usr\/bin\/spawn-fcgi -n -s \/run\/partner-center\/%i\.sock -M 0660 -- \/usr\/bin\/multiwatch -f \$\{PC_CHILDREN\} -- \S+\/usr\/lib\/partner-center\/pc-%i -c \S+\/etc\/partner-center\/partner-center\.hdf$/m);
  assert.match(unit, /^Restart=on-failure$/m);
  assert.match(unit, /^LogsDirectory=partner-center$/m);
  if (!existsSync('/usr/bin/systemd-analyze') || !existsSync('/usr/bin/multiwatch')) return t.skip('systemd-analyze or multiwatch missing');
  execFileSync('systemd-analyze', ['verify', './partner-center@home.service', './partner-center-worker.service',
    './partner-center-worker.timer', './partner-center.target'], { cwd: dir, stdio: 'pipe' });
});
