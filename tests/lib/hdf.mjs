// A reader for the HDF subset our language files use: nested "a { b = c }",
// dotted "a.b = c", heredocs "k << EOM … EOM", and whole-line # comments.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function parseHdf(text, into = new Map()) {
  const lines = text.split('\n');
  const stack = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    const prefix = stack.length ? stack.join('.') + '.' : '';
    let m;
    if (line === '}') { stack.pop(); continue; }
    if ((m = /^([\w.]+)\s*\{$/.exec(line))) { stack.push(m[1]); continue; }
    if ((m = /^([\w.]+)\s*<<\s*(\w+)$/.exec(line))) {
      const body = [];
      while (++i < lines.length && lines[i].trim() !== m[2]) body.push(lines[i]);
      into.set(prefix + m[1], body.join('\n'));
      continue;
    }
    if ((m = /^([\w.]+)\s*=\s?(.*)$/.exec(line))) { into.set(prefix + m[1], m[2]); continue; }
    throw new Error(`cannot parse line ${i + 1}: ${line}`);
  }
  return into;
}

export function loadLang(dir) {
  const all = new Map();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.hdf')).sort()) {
    parseHdf(readFileSync(join(dir, f), 'utf8'), all);
  }
  return all;
}
