// Usage import refusals (issue 14): `pcadm import-usage FILE` and the usage_spool job refuse, line
// by line with the line number, quantities the rating job could not price, records ending further
// in the future than Usage.max_future_seconds (default 900 s) after the import's time, and a
// record id repeated within the file; a file with its header only is refused with a message.
// pcadm imports at the real time, so its records are dated relative to the clock; the spool job
// imports at the worker's --now, which tests the limit to the second.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startStack } from '../lib/stack.mjs';

const HEADER = 'record_id,customer,resource,product,region,billing_item,start,end,quantity,unit';
const spool = mkdtempSync(join(tmpdir(), 'pc-spool-'));
let stack, files, customer;

before(async () => {
  stack = await startStack({ extraConf: `Paths.usage_spool = ${spool}` });
  files = join(stack.varDir, 'usage-files');
  mkdirSync(files);
  [[customer]] = await stack.sql('SELECT MIN(id) FROM customers');
});
after(async () => {
  await stack?.stop();
  rmSync(spool, { recursive: true, force: true });
});

const one = async (q) => (await stack.sql(q))[0];
/** "YYYY-MM-DD HH:MM:SS" UTC, `s` seconds from now. */
const at = (s) => new Date(Date.now() + s * 1000).toISOString().slice(0, 19).replace('T', ' ');
/** A usage line of the customer: ECS hours in af-south-1 (0.0512 USD per hour, factor 1). */
const ecs = (id, end, qty = '1', start = null) =>
  `${id},${customer},vm-imp,elastic_cloud_server,af-south-1,instance_hours,${start || end.slice(0, 11) + '00:00:00'},${end},${qty},hour`;
function file(name, lines, dir = files) {
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
  return path;
}
const imported = (prefix) => stack.sql(`SELECT record_id, quantity FROM usage_records WHERE record_id LIKE '${prefix}%' ORDER BY record_id`);

test('a quantity the rating job cannot price is a bad line; the largest that can be priced is imported and rated', async () => {
  const day = at(-86400), end = day.slice(0, 11) + '01:00:00';
  // 10^12 h × 0.0512 = 51,200,000,000 USD fits in int64 units of 10^-8; 2 × 10^12 h does not
  const path = file('big.csv', [
    ecs('big-1', end, '1000000000000'),
    ecs('big-2', end, '2000000000000'),
    ecs('big-3', end, '999999999999999999.9999999999'),
  ]);
  const r = await stack.pcadm(['import-usage', path]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /rejected: 2 bad lines of 3, nothing imported/);
  assert.deepEqual(r.stderr.trim().split('\n'), [
    "line 3: quantity 2000000000000 is too large to price: its amount at the list price of billing item 'instance_hours' is out of range",
    "line 4: quantity 999999999999999999.9999999999 is too large to price: its amount at the list price of billing item 'instance_hours' is out of range",
  ]);
  const s = await stack.pcadm(['import-usage', path, '--skip-bad']);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /: 1 imported, 0 duplicates, 2 bad lines skipped/);
  assert.deepEqual(await imported('big-'), [['big-1', '1000000000000.0000000000']]);
  // the rating job prices everything that was let in, and fails nothing
  const rated = await stack.worker('run', 'rating', '--now', at(0));
  assert.equal(rated.code, 0, rated.stdout + rated.stderr);
  assert.match(rated.stdout, /job rating: ok, \d+ done, 0 failed/);
  assert.deepEqual(await one("SELECT list_amount, amount_due FROM expenditure_lines WHERE source_key = 'u:big-1'"), ['5120000000000000000', '5120000000000000000']);
  assert.deepEqual(await stack.sql('SELECT COUNT(*) FROM usage_records WHERE rated = 0'), [['0']]);
});

test('a record ending more than Usage.max_future_seconds after the import is a bad line; within the skew it is imported', async () => {
  const soon = at(600), later = at(3 * 3600);
  const path = file('future.csv', [
    ecs('fut-1', at(-3600), '1', at(-7200)),
    ecs('fut-2', soon, '1', at(-600)),
    ecs('fut-3', later, '1', at(-600)),
    ecs('fut-4', at(86400 * 40), '1', at(86400 * 40 - 3600)),
  ]);
  const r = await stack.pcadm(['import-usage', path, '--skip-bad']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /: 2 imported, 0 duplicates, 2 bad lines skipped/);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^line 4: end is in the future: later than \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(Usage\.max_future_seconds = 900\)$/m);
  assert.match(lines[1], /^line 5: end is in the future: /);
  assert.deepEqual((await imported('fut-')).map(([id]) => id), ['fut-1', 'fut-2']);
  // bandwidth samples: the same limit on sampled_at (5-minute boundaries)
  const five = (s) => { const t = new Date(Date.now() + s * 1000); t.setUTCSeconds(0, 0); t.setUTCMinutes(t.getUTCMinutes() - t.getUTCMinutes() % 5); return t.toISOString().slice(0, 19).replace('T', ' '); };
  const bw = join(files, 'bw-future.csv');
  writeFileSync(bw, ['resource,customer,product,region,sampled_at,mbps',
    `cdn-fut,${customer},content_delivery_network,ap-southeast-1,${five(-3600)},10`,
    `cdn-fut,${customer},content_delivery_network,ap-southeast-1,${five(3 * 3600)},10`].join('\n') + '\n');
  const b = await stack.pcadm(['import-bandwidth', bw, '--skip-bad']);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /: 1 imported, 0 duplicates, 1 bad lines skipped/);
  assert.match(b.stderr, /^line 3: sampled_at is in the future: later than .* UTC \(Usage\.max_future_seconds = 900\)$/m);
});

test('the spool job measures the future from its own time, to the second', async () => {
  const now = '2027-05-01 00:00:00';
  writeFileSync(join(spool, 'a-edge.csv'), [HEADER, ecs('edge-1', '2027-05-01 00:15:00', '1', '2027-04-30 23:15:00')].join('\n') + '\n');
  writeFileSync(join(spool, 'b-late.csv'), [HEADER, ecs('edge-2', '2027-05-01 00:15:01', '1', '2027-04-30 23:15:00')].join('\n') + '\n');
  writeFileSync(join(spool, 'c-header.csv'), HEADER + '\n\n');
  const r = await stack.worker('run', 'usage_spool', '--now', now);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(existsSync(join(spool, 'done', 'a-edge.csv')));
  assert.equal(readFileSync(join(spool, 'rejected', 'b-late.csv.report'), 'utf8'),
    'line 2: end is in the future: later than 2027-05-01 00:15:00 UTC (Usage.max_future_seconds = 900)\n');
  assert.equal(readFileSync(join(spool, 'rejected', 'c-header.csv.report'), 'utf8'), 'the file has no records: only its header\n');
  assert.deepEqual((await imported('edge-')).map(([id]) => id), ['edge-1']);
});

test('a record id repeated within the file is refused the second time, with its line; one stored before stays a duplicate', async () => {
  const end = at(-86400).slice(0, 11) + '02:00:00';
  const path = file('repeat.csv', [
    ecs('rep-1', end, '1'),
    ecs('rep-2', end, '2'),
    ecs('rep-1', end, '3'),
    ecs('fut-1', end, '4'), // imported by an earlier test
    ecs('rep-1', end, '5'),
  ]);
  const r = await stack.pcadm(['import-usage', path]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /rejected: 2 bad lines of 5, nothing imported/);
  assert.deepEqual(r.stderr.trim().split('\n'), [
    "line 4: record_id 'rep-1' is repeated in the file",
    "line 6: record_id 'rep-1' is repeated in the file",
  ]);
  assert.deepEqual(await imported('rep-'), []);
  const s = await stack.pcadm(['import-usage', path, '--skip-bad']);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /: 2 imported, 1 duplicates, 2 bad lines skipped/);
  assert.deepEqual(await imported('rep-'), [['rep-1', '1.0000000000'], ['rep-2', '2.0000000000']]);
  assert.deepEqual(await imported('fut-1'), [['fut-1', '1.0000000000']], 'the stored record is left as it was');
});

test('a file with its header only (or blank lines after it) is refused with a message, not imported as nothing', async () => {
  for (const [name, text] of [['header-only.csv', `${HEADER}\n`], ['header-blank.csv', `${HEADER}\r\n\r\n  \n`], ['header-no-newline.csv', HEADER]]) {
    writeFileSync(join(files, name), text);
    const r = await stack.pcadm(['import-usage', join(files, name)]);
    assert.equal(r.code, 1, name);
    assert.equal(r.stdout, '', name);
    assert.equal(r.stderr, 'the file has no records: only its header\n', name);
    assert.deepEqual(await stack.sql(`SELECT records, status FROM usage_imports WHERE file_name = '${name}'`), [['0', 'rejected']], name);
  }
  const bw = join(files, 'bw-header.csv');
  writeFileSync(bw, 'resource,customer,product,region,sampled_at,mbps\n');
  const r = await stack.pcadm(['import-bandwidth', bw]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'the file has no records: only its header\n');
});
