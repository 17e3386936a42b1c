import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mightMatch } from '../../server/src/features/completionFilter';

/** The definition, spelled out: a case-insensitive subsequence, or one after swapping two neighbours. */
function reference(typed: string, candidate: string): boolean {
  const word = typed.toLowerCase();
  const target = candidate.toLowerCase();
  const isSubsequence = (w: string) => {
    let j = 0;
    for (let i = 0; i < target.length && j < w.length; i++) if (target[i] === w[j]) j++;
    return j === w.length;
  };
  if (word.length > target.length) return false;
  if (isSubsequence(word)) return true;
  for (let i = 0; i + 1 < word.length; i++) {
    if (isSubsequence(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2))) return true;
  }
  return false;
}

test('the filter keeps subsequences and forgives one swap of neighbours, nothing more', () => {
  const cases: [string, string, boolean][] = [
    ['', 'slack', true],
    ['gcal', 'googlecalendar', true],
    ['GCAL', 'googlecalendar', true],
    ['slcak', 'slack', true],
    ['lsack', 'slack', true],
    ['slakc', 'slack', true],
    ['sclak', 'slack', false], // two moves, not one swap
    ['zzz', 'slack', false],
    ['slackk', 'slack', false],
    ['"cal.ev', '"calendar.events https://www.googleapis.com/auth/calendar.events"', true],
    [
      '"https://www.googleapis.com/auth/calendar.',
      '"calendar.acls https://www.googleapis.com/auth/calendar.acls"',
      true,
    ],
    [
      '"https://www.googleapis.com/auth/calendar.ev',
      '"calendar.acls https://www.googleapis.com/auth/calendar.acls"',
      false,
    ],
    ['ab', 'ba', true],
    ['ab', 'b', false],
  ];
  for (const [typed, candidate, expected] of cases) {
    assert.equal(mightMatch(typed, candidate), expected, `${typed} in ${candidate}`);
    assert.equal(reference(typed, candidate), expected, `reference: ${typed} in ${candidate}`);
  }
});

test('the filter agrees with its definition on generated words (small alphabet, so swaps matter)', () => {
  const word = (max: number) => fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '.', '/'), maxLength: max });
  fc.assert(
    fc.property(word(8), word(16), (typed, candidate) => mightMatch(typed, candidate) === reference(typed, candidate)),
    { numRuns: 20_000 },
  );
  // A typed word built from the candidate: deletions plus at most a swap, the near misses.
  fc.assert(
    fc.property(word(20), fc.array(fc.nat(), { maxLength: 6 }), fc.nat(), (candidate, drops, swapAt) => {
      let typed = candidate
        .split('')
        .filter((_, i) => !drops.includes(i))
        .join('');
      const i = typed.length > 1 ? swapAt % (typed.length - 1) : 0;
      if (typed.length > 1) typed = typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2);
      return mightMatch(typed, candidate) === reference(typed, candidate);
    }),
    { numRuns: 20_000 },
  );
});

test('past the typed quote, a word without quotes matches a quoted filter text exactly when it matches its core', () => {
  // completion.ts relies on this to filter on the unquoted, pre-lower-cased core of each item.
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'B', '.', '/'), maxLength: 8 });
  fc.assert(
    fc.property(
      fc.constantFrom('"', "'", ''),
      word,
      word,
      (quote, typed, core) => mightMatch(quote + typed, quote + core + quote) === mightMatch(typed, core),
    ),
    { numRuns: 20_000 },
  );
});
