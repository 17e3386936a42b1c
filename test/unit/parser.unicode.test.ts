// Our character classes against json5@2.2.3's own (lib/util.js), over every code point. When the runtime's
// Unicode data moves on, this fails: `node scripts/json5-unicode-tables.mjs` regenerates json5UnicodeTables.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import json5Util = require('json5/lib/util');
import { isIdContinue, isIdStart, isJson5Whitespace } from '../../server/src/parser/json5Chars';

function mismatches(ours: (cp: number) => boolean, theirs: (ch: string) => boolean): number[] {
  const found: number[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (ours(cp) !== theirs(String.fromCodePoint(cp))) found.push(cp);
  }
  return found;
}

function describe(found: number[]): string {
  return (
    found
      .slice(0, 40)
      .map((cp) => cp.toString(16))
      .join(' ') + (found.length > 40 ? ` … (${found.length})` : '')
  );
}

test('identifier start characters match json5 on every code point', () => {
  const found = mismatches(isIdStart, (ch) => json5Util.isIdStartChar(ch));
  assert.equal(found.length, 0, `differ: ${describe(found)} (Unicode ${process.versions.unicode})`);
});

test('identifier continue characters match json5 on every code point', () => {
  const found = mismatches(isIdContinue, (ch) => json5Util.isIdContinueChar(ch));
  assert.equal(found.length, 0, `differ: ${describe(found)} (Unicode ${process.versions.unicode})`);
});

test('whitespace matches json5 on every UTF-16 code unit', () => {
  const listed = new Set(['\t', '\v', '\f', ' ', '\u00A0', '\uFEFF', '\n', '\r', '\u2028', '\u2029']);
  for (let cu = 0; cu <= 0xffff; cu++) {
    const ch = String.fromCharCode(cu);
    assert.equal(isJson5Whitespace(cu), listed.has(ch) || json5Util.isSpaceSeparator(ch), `U+${cu.toString(16)}`);
  }
});
