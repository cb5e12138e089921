// lib/ is six folders in a fixed order (tests/lib/layers.mjs); includes run only downward.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layerViolations, folderGraph } from '../lib/layers.mjs';
import { TOP } from '../lib/stack.mjs';

test('every include of lib/ runs to its own folder or one below it', () => {
  assert.deepEqual(layerViolations(TOP), []);
});

test('the graph has an edge from web/ down to base/ and none from base/ up', () => {
  const g = folderGraph(TOP);
  assert.ok(g.some((l) => l.startsWith('web -> base')), g.join('\n'));
  assert.ok(!g.some((l) => l.startsWith('base -> ')), g.join('\n'));
});

test('the lint catches an upward include, a file outside the folders and a program header', () => {
  const top = mkdtempSync(join(tmpdir(), 'layers-'));
  try {
    mkdirSync(join(top, 'lib/base'), { recursive: true });
    mkdirSync(join(top, 'lib/web'), { recursive: true });
    writeFileSync(join(top, 'lib/base/db.c'), '#include "web/app.h"\n#include "jobs/jobs.h"\n#include "base/db.h"\n');
    writeFileSync(join(top, 'lib/web/app.c'), '#include "base/db.h"\n');
    writeFileSync(join(top, 'lib/stray.c'), '\n');
    const bad = layerViolations(top);
    assert.equal(bad.length, 3, bad.join('\n'));
    assert.match(bad.join('\n'), /lib\/base\/db.c: includes "web\/app.h" — web\/ stands above base\//);
    assert.match(bad.join('\n'), /jobs\/jobs.h/);
    assert.match(bad.join('\n'), /lib\/stray.c: not in one of the folders/);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});
