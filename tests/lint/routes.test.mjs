// The route map: docs/routes.txt, conf/nginx/routes.txt and the shipped nginx site are what
// `make routes` makes of the programs' --routes today, and the shipped site sends every prefix
// of the map to its program (and parses, when nginx is installed).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DOCS, MAP, SITE, SITE_SOCKETS, TOP, generate, programs, readRoutes } from '../../scripts/routes.mjs';

// make check builds build/asan first; `make lint` alone takes what is there
const BUILD = process.env.PC_TEST_BUILD
  || [join(TOP, 'build/asan'), join(TOP, 'build/rel')].find((b) => existsSync(join(b, 'cgi-bin/pc-home')))
  || join(TOP, 'build/asan');

test('every program prints its prefixes and routes with --routes, without config or database', () => {
  for (const { name } of programs()) {
    const { prefixes, routes } = readRoutes(BUILD, name); // throws on a non-zero exit or a bad line
    assert.ok(prefixes.length, `pc-${name} names no URL prefix`);
    assert.ok(routes.length, `pc-${name} has no route`);
    for (const r of routes) assert.match(r.guard, /^(PC_PERM_|PC_GUARD_|PC_API_|any_key$)/, `${r.method} ${r.pattern}`);
  }
});

test('docs/routes.txt, conf/nginx/routes.txt and the shipped site are up to date (make routes)', () => {
  const want = generate(BUILD); // regenerated in memory, compared with the files
  const stale = Object.keys(want).filter((f) => readFileSync(join(TOP, f), 'utf8') !== want[f]);
  assert.deepEqual(stale, [], `stale: ${stale.join(', ')} — run make routes (after make build)`);
  assert.deepEqual(Object.keys(want).sort(), [DOCS, MAP, SITE].sort());
});

// the map as written, read without the generator
function readMap() {
  return readFileSync(join(TOP, MAP), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.trim().split(/\s+/));
}

test('the map names every program, and every program a prefix of the map', () => {
  const named = new Set(readMap().map(([, prog]) => prog));
  assert.deepEqual([...named].sort(), programs().map((p) => p.name).sort());
});

test('the shipped site has a location for every prefix of the map, passing to its program', () => {
  const site = readFileSync(join(TOP, SITE), 'utf8');
  const passes = new Map();
  for (const m of site.matchAll(/^\s*location\s+(\S+)\s*\{([^}]*)\}/gm)) {
    const pass = /fastcgi_pass\s+unix:([^;]+);/.exec(m[2]);
    if (pass) passes.set(m[1], pass[1]);
  }
  const want = new Map(readMap().map(([prefix, prog]) => [prefix, `${SITE_SOCKETS}/${prog}.sock`]));
  assert.deepEqual(Object.fromEntries(passes), Object.fromEntries(want));
  assert.match(site, /fastcgi_param PC_HTTP_HOST \$http_host;/); // the API signature needs the Host as sent
});

// nginx -t in a private prefix: the shipped server inside an http block, its TLS files swapped
// for a throw-away pair, its includes (fastcgi_params, the security headers) next to it
test('the shipped site passes nginx -t', (t) => {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
  if (!nginx || !existsSync('/etc/nginx/fastcgi_params')) return t.skip('nginx is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'pc-nginx-site-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=partners.example.com',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    copyFileSync('/etc/nginx/fastcgi_params', join(dir, 'fastcgi_params'));
    mkdirSync(join(dir, 'snippets'));
    copyFileSync(join(TOP, 'conf/nginx/security-headers.conf'), join(dir, 'snippets/partner-center-headers.conf'));
    const site = readFileSync(join(TOP, SITE), 'utf8')
      .replace('/etc/ssl/partner-center/fullchain.pem', join(dir, 'cert.pem'))
      .replace('/etc/ssl/partner-center/privkey.pem', join(dir, 'key.pem'));
    assert.notEqual(site, readFileSync(join(TOP, SITE), 'utf8'), 'the TLS file names of the site changed: update this test');
    writeFileSync(join(dir, 'nginx.conf'), [
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log;`,
      'events {}',
      'http {',
      '    include /etc/nginx/mime.types;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((p) => `    ${p}_temp_path ${dir}/${p};`),
      site,
      '}',
      '',
    ].join('\n'));
    try {
      execFileSync(nginx, ['-t', '-q', '-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')],
        { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      assert.fail(`nginx -t: ${e.stderr || e.message}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
