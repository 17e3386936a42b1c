/**
 * The server-side pre-filter of completion items: drops only what the editor's own filter could never show,
 * so a long list (47 types, 100+ scopes) does not travel for a caret that already rules most of it out.
 */

/**
 * Could the editor's filter show `candidate` for `typed`? VS Code matches the typed characters in order
 * (a subsequence, case-insensitive) and, with `editor.suggest.filterGraceful`, forgives one swap of two
 * neighbouring characters: anything that passes either stays, so nothing the editor would show is lost.
 *
 * Linear in the usual case: instead of trying every swap (quadratic, and it ran for every item of every
 * request), the greedy matches of each prefix and each suffix are computed once, and a swap at `i` only
 * needs its two characters placed between them.
 */
export function mightMatch(typed: string, candidate: string): boolean {
  // Longer than the candidate: no subsequence, swapped or not (and no work on a pasted megabyte).
  return typed.length <= candidate.length && mightMatchLowerCase(typed.toLowerCase(), candidate.toLowerCase());
}

/** `mightMatch` for a word and a target already in lower case (a request lower-cases what was typed once). */
export function mightMatchLowerCase(word: string, target: string): boolean {
  const n = word.length;
  const m = target.length;
  if (n > m) return false;

  // The common cases first, with nothing allocated: a substring (a typed prefix of the scope), then a
  // plain subsequence.
  if (target.includes(word)) return true;
  let matched = 0;
  for (let j = 0; j < m && matched < n; j++) if (target.charCodeAt(j) === word.charCodeAt(matched)) matched++;
  if (matched === n) return true;
  if (n < 2) return false;

  // Greedy from the right, counting only: word[k..) is the longest suffix that fits.
  let k = n;
  for (let j = m - 1; j >= 0 && k > 0; j--) if (target.charCodeAt(j) === word.charCodeAt(k - 1)) k--;
  // Swapping word[i] and word[i+1] needs word[0..i) to fit (i < matched: at i = matched, word[i] is nowhere
  // after the prefix, or the greedy match would have gone on) and word[i+2..) to fit (i + 1 >= k, by the
  // same argument from the right). Most candidates a typed word rules out have no such i: done, nothing allocated.
  if (Math.max(0, k - 1) >= Math.min(matched, n - 1)) return false;

  // Greedy from the left: word[0..i) fits in target[0..prefixEnd[i]), the earliest such end.
  const prefixEnd: number[] = [0];
  for (let j = 0, i = 0; j < m && i < matched; j++)
    if (target.charCodeAt(j) === word.charCodeAt(i)) prefixEnd[++i] = j + 1;
  // Greedy from the right: word[i..) fits in target[suffixStart[i]..), the latest such start.
  const suffixStart: number[] = [];
  suffixStart[n] = m;
  for (let j = m - 1, i = n; j >= 0 && i > k; j--)
    if (target.charCodeAt(j) === word.charCodeAt(i - 1)) suffixStart[--i] = j;

  // Try each swap of that window.
  for (let i = Math.max(0, k - 1); i < matched && i + 1 < n; i++) {
    const first = target.indexOf(word[i + 1], prefixEnd[i]);
    if (first < 0) continue;
    const second = target.indexOf(word[i], first + 1);
    if (second >= 0 && second + 1 <= suffixStart[i + 2]) return true;
  }
  return false;
}
