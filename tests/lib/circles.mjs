// Who calls whom among the files of cgi-bin/: a file depends on another when it names a
// function the other defines (a header's macros and types are shared words, not calls).  A circle
// (two files that need each other, directly or round a ring) means a shared half that belongs
// in the program's *_common.c.  `node tests/lib/circles.mjs` prints the rings.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const stripComments = (s) => s.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' ')
  .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');

// { stem: { defines: Set, names: Set } } for cgi-bin (or a test's tree)
export function rooms(dir) {
  const out = {};
  const stems = new Set(readdirSync(dir).filter((n) => /\.[ch]$/.test(n)).map((n) => n.slice(0, -2)));
  for (const stem of stems) {
    const c = existsSync(join(dir, `${stem}.c`)) ? stripComments(readFileSync(join(dir, `${stem}.c`), 'utf8')) : '';
    const defines = new Set();
    // a function defined at the left margin, not static: "type name(args)\n{"
    for (const m of c.matchAll(/^(?!static\b)[A-Za-z_][\w \t*]*?\b(\w+)\s*\([^;{]*\)\s*\{/gm)) defines.add(m[1]);
    const names = new Set(c.match(/\b[A-Za-z_]\w*\b/g) || []); // uses: the code, not declarations
    out[stem] = { defines, names };
  }
  return out;
}

// edges: { from: Map(to -> [names]) }
export function edges(dir) {
  const r = rooms(dir);
  const owner = new Map();
  for (const [stem, { defines }] of Object.entries(r)) for (const d of defines) owner.set(d, stem);
  const out = {};
  for (const [stem, { names, defines }] of Object.entries(r)) {
    out[stem] = new Map();
    for (const n of names) {
      const o = owner.get(n);
      if (!o || o === stem || defines.has(n)) continue;
      if (!out[stem].has(o)) out[stem].set(o, []);
      out[stem].get(o).push(n);
    }
  }
  return out;
}

// The rings: strongly connected sets of two or more files (Tarjan).
export function circles(dir) {
  const g = edges(dir);
  let index = 0;
  const idx = new Map(), low = new Map(), on = new Set(), stack = [], found = [];
  const visit = (v) => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of g[v].keys()) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const ring = [];
      let w;
      do { w = stack.pop(); on.delete(w); ring.push(w); } while (w !== v);
      if (ring.length > 1) {
        found.push(ring.sort().map((a) => `${a} -> ${ring.filter((b) => g[a].has(b)).map((b) => `${b} (${g[a].get(b).slice(0, 4).join(', ')})`).join(', ')}`));
      }
    }
  };
  for (const v of Object.keys(g).sort()) if (!idx.has(v)) visit(v);
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const top = new URL('../..', import.meta.url).pathname;
  const found = circles(join(top, 'cgi-bin'));
  for (const ring of found) console.log(`circle:\n  ${ring.join('\n  ')}`);
  console.log(`${found.length} circle(s) among the files of cgi-bin/`);
  process.exit(found.length ? 1 : 0);
}
