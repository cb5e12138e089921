// Template and language lint: no raw output, includes that exist, and every
// string in both languages.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { loadLang } from '../lib/hdf.mjs';
import { TOP } from '../lib/stack.mjs';

function walk(dir, ext) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

const templates = walk(join(TOP, 'templates'), '.cs');
const en = loadLang(join(TOP, 'conf/lang/en'));
const zh = loadLang(join(TOP, 'conf/lang/zh'));

test('no template prints raw data (uvar, alt, evar, lvar)', () => {
  const raw = templates.flatMap((f) => readFileSync(f, 'utf8').split('\n')
    .map((l, i) => [l, i]).filter(([l]) => /<\?cs\s*(uvar|alt|evar|lvar):/.test(l))
    .map(([, i]) => `${relative(TOP, f)}:${i + 1}`));
  assert.deepEqual(raw, []);
});

test('every included template exists (a missing include renders nothing)', () => {
  const missing = [];
  for (const f of templates) {
    for (const m of readFileSync(f, 'utf8').matchAll(/<\?cs\s*include:"([^"]+)"/g)) {
      if (!existsSync(join(TOP, 'templates', m[1]))) missing.push(`${relative(TOP, f)} → ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every Lang string a template names exists in English and Chinese', () => {
  const missing = [];
  for (const f of templates) {
    for (const m of readFileSync(f, 'utf8').matchAll(/Lang\.([\w.]+)(?![\w.[])/g)) {
      const key = m[1];
      // a prefix followed by [..] is a lookup by value, checked by the page tests
      const known = (lang) => lang.has(key) || [...lang.keys()].some((k) => k.startsWith(key + '.')); // leaf or subtree
      if (!known(en)) missing.push(`en ${key} (${relative(TOP, f)})`);
      if (!known(zh)) missing.push(`zh ${key} (${relative(TOP, f)})`);
    }
  }
  assert.deepEqual(missing, []);
});

test('English and Chinese have the same keys', () => {
  const onlyEn = [...en.keys()].filter((k) => !zh.has(k));
  const onlyZh = [...zh.keys()].filter((k) => !en.has(k));
  assert.deepEqual({ onlyEn, onlyZh }, { onlyEn: [], onlyZh: [] });
});

test('printf placeholders agree between the two languages', () => {
  const spec = (s) => (s.match(/%[sd]/g) || []).join('');
  const differ = [...en.keys()].filter((k) => zh.has(k) && spec(en.get(k)) !== spec(zh.get(k)));
  assert.deepEqual(differ, []);
});

test('every language key the C code names exists in both languages', () => {
  const sources = [...walk(join(TOP, 'lib'), '.c'), ...walk(join(TOP, 'cgi-bin'), '.c')];
  const missing = [];
  const keyLike = /"((?:err|auth|org|home|msg|mail|error|nav|common|cust|exports|console|spend)\.[a-z0-9_.]+)"/g;
  for (const f of sources) {
    for (const m of readFileSync(f, 'utf8').matchAll(keyLike)) {
      const key = m[1];
      if (key.endsWith('.') || /\.(h|cs)$/.test(key)) continue; // a prefix the code completes, a header
      if (f.endsWith('authz.c')) continue; // permission codes, not strings
      if (!en.has(key) && ![...en.keys()].some((k) => k.startsWith(key + '.'))) missing.push(`en ${key} (${relative(TOP, f)})`);
      if (!zh.has(key) && ![...zh.keys()].some((k) => k.startsWith(key + '.'))) missing.push(`zh ${key} (${relative(TOP, f)})`);
    }
  }
  assert.deepEqual(missing, []);
});
