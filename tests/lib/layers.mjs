// The folders of lib/ and the order they stand in: a file may include headers of its own
// folder and of the folders below it, never above (docs/DESIGN.md "Layers").  Also the
// include graph between the folders, for `make layers`.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// lowest first
export const LAYERS = [
  ['base', 'memory, config, database, request parsing and validation, amounts and their display, mail, traces'],
  ['access', 'who is signed in and what they may do: permissions, sessions, API keys, the audit log'],
  ['billing', 'money rules: rating, bills, ledger, coupons, discounts, tax, invoices, payments'],
  ['rules', 'customer rules: budgets, freezing, association and its switch'],
  ['query', 'the list queries behind pages, the API and exports'],
  ['web', 'the FastCGI program shape (routes, request context, rendering) and helpers several pages share'],
];

const rank = new Map(LAYERS.map(([name], i) => [name, i]));

// [{ file: 'lib/base/db.c', folder: 'base', includes: ['base/conf.h', ...] }]
export function libFiles(top) {
  const out = [];
  for (const entry of readdirSync(join(top, 'lib'), { withFileTypes: true })) {
    if (!entry.isDirectory()) {
      out.push({ file: `lib/${entry.name}`, folder: null, includes: [] });
      continue;
    }
    for (const name of readdirSync(join(top, 'lib', entry.name))) {
      if (!/\.[ch]$/.test(name)) continue;
      const text = readFileSync(join(top, 'lib', entry.name, name), 'utf8');
      const includes = [...text.matchAll(/^#include "([^"]+)"/gm)].map((m) => m[1]);
      out.push({ file: `lib/${entry.name}/${name}`, folder: entry.name, includes });
    }
  }
  return out;
}

// Every include that breaks the order, as text; empty when the tree keeps it.
export function layerViolations(top) {
  const bad = [];
  for (const f of libFiles(top)) {
    if (f.folder === null || !rank.has(f.folder)) {
      bad.push(`${f.file}: not in one of the folders ${LAYERS.map(([n]) => n).join(', ')}`);
      continue;
    }
    for (const inc of f.includes) {
      const to = inc.split('/')[0];
      if (!inc.includes('/') || !rank.has(to)) {
        bad.push(`${f.file}: includes "${inc}", which is not a header of lib/ (lib/ reaches no program or worker file)`);
      } else if (rank.get(to) > rank.get(f.folder)) {
        bad.push(`${f.file}: includes "${inc}" — ${to}/ stands above ${f.folder}/`);
      }
    }
  }
  return bad;
}

// "web -> base (41)" lines: how many includes run from each folder to each other one.
export function folderGraph(top) {
  const edges = new Map();
  for (const f of libFiles(top)) {
    for (const inc of f.includes) {
      const to = inc.split('/')[0];
      if (!f.folder || to === f.folder || !inc.includes('/')) continue;
      const key = `${f.folder} -> ${to}`;
      edges.set(key, (edges.get(key) || 0) + 1);
    }
  }
  return [...edges].sort(([a], [b]) => {
    const [fa, ta] = a.split(' -> '), [fb, tb] = b.split(' -> ');
    return rank.get(fb) - rank.get(fa) || rank.get(tb) - rank.get(ta);
  }).map(([k, n]) => `${k} (${n})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const top = new URL('../..', import.meta.url).pathname;
  console.log('lib/ folders, lowest first:');
  LAYERS.forEach(([name, what], i) => console.log(`  ${i + 1}. ${name}/  ${what}`));
  console.log('\nincludes between the folders (count of #include lines):');
  for (const line of folderGraph(top)) console.log(`  ${line}`);
  const bad = layerViolations(top);
  if (bad.length) {
    console.log('\nincludes that run upward:');
    for (const b of bad) console.log(`  ${b}`);
    process.exit(1);
  }
}
