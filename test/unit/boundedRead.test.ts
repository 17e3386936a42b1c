/**
 * The capped reader sizes its buffers from fstat (a small file costs a buffer of its size), so the edges where
 * fstat is wrong or the cap is near must still read exactly the file: /proc files (size 0), a file of exactly the
 * cap, one byte over it, and files spanning several 64 KB chunks. Sync and async readers agree on each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBounded, readBoundedSync } from '../../server/src/node/boundedRead';

const linux = process.platform === 'linux';

async function both(file: string, maxBytes: number) {
  const sync = readBoundedSync(file, maxBytes);
  assert.deepEqual(await readBounded(file, maxBytes), sync, 'sync and async readers agree');
  return sync;
}

test('files around the cap and across chunks read whole, or are reported too large', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bounded-read-'));
  try {
    for (const [size, cap] of [
      [0, 10],
      [1, 10],
      [10, 10],
      [11, 10],
      [65_535, 1 << 20],
      [65_536, 1 << 20],
      [200_001, 1 << 20],
      [200_001, 200_000],
    ]) {
      const file = path.join(dir, `f-${size}-${cap}.txt`);
      const text = 'abcdefghij'.repeat(Math.ceil(size / 10)).slice(0, size);
      fs.writeFileSync(file, text);
      const result = await both(file, cap);
      if (size <= cap) assert.deepEqual(result, { kind: 'text', text }, `${size} bytes, cap ${cap}`);
      else assert.deepEqual(result, { kind: 'too-large', size }, `${size} bytes, cap ${cap}`);
    }
    const multiByte = path.join(dir, 'utf8.txt');
    fs.writeFileSync(multiByte, 'é'.repeat(40_000)); // 80,000 bytes: a character split between two reads
    assert.deepEqual(await both(multiByte, 1 << 20), { kind: 'text', text: 'é'.repeat(40_000) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a /proc file (fstat says 0 bytes) is read whole, and capped', { skip: !linux }, async () => {
  assert.equal(fs.statSync('/proc/version').size, 0);
  const result = await both('/proc/version', 1 << 20);
  assert.deepEqual(result, { kind: 'text', text: fs.readFileSync('/proc/version', 'utf8') });
  assert.match((result as { text: string }).text, /^Linux version .{8}/, 'more than the first byte was read');
  const capped = await both('/proc/version', 16);
  assert.deepEqual(capped, { kind: 'too-large', size: 17 });
});
