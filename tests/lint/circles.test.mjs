// No two files of cgi-bin/ need each other, directly or round a ring (tests/lib/circles.mjs):
// the half that several page files share lives in the program's *_common.c.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { circles } from '../lib/circles.mjs';
import { TOP } from '../lib/stack.mjs';

test('the files of cgi-bin/ call each other in no circle', () => {
  assert.deepEqual(circles(join(TOP, 'cgi-bin')), []);
});

test('the check finds a ring of three files and names the functions that tie it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'circles-'));
  try {
    writeFileSync(join(dir, 'a.c'), 'int a_one(void)\n{\n    return b_two();\n}\n');
    writeFileSync(join(dir, 'b.c'), '/* c_three() in a comment is no call */\nint b_two(void)\n{\n    return c_three();\n}\n');
    writeFileSync(join(dir, 'c.c'), 'static int helper(void) { return 0; }\nint c_three(void)\n{\n    return a_one() + helper();\n}\n');
    writeFileSync(join(dir, 'd.c'), 'int d_four(void)\n{\n    return a_one();\n}\n');
    const found = circles(dir);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.deepEqual(found[0], ['a -> b (b_two)', 'b -> c (c_three)', 'c -> a (a_one)']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
