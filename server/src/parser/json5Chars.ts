/**
 * Character classes of the JSON5 grammar exactly as json5@2.2.3 (lib/util.js) applies them, plus the
 * way it prints a character in an error message. All functions take code points (not code units).
 */

import { NOT_ID_CONTINUE_IN_JSON5, NOT_ID_START_IN_JSON5 } from './json5UnicodeTables';

const ID_START = /^\p{ID_Start}$/u;
const ID_CONTINUE = /^\p{ID_Continue}$/u;

/** U+2E2F VERTICAL TILDE: ID_Start in json5's Unicode 10 tables, dropped from ID_Start by later Unicode. */
const VERTICAL_TILDE = 0x2e2f;

/** Binary search in a flat sorted list of inclusive [first, last] ranges. */
function inRanges(ranges: readonly number[], cp: number): boolean {
  let lo = 0;
  let hi = (ranges.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid * 2]) hi = mid - 1;
    else if (cp > ranges[mid * 2 + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

function isAsciiLetter(cp: number): boolean {
  return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
}

export function isDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}

export function isHexDigit(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x66) || (cp >= 0x41 && cp <= 0x46);
}

/** json5 `isIdStartChar`: a-z A-Z $ _ or Unicode ID_Start (json5's Unicode 10 tables). */
export function isIdStart(cp: number): boolean {
  if (!(cp >= 0 && cp <= 0x10ffff)) return false; // NaN at the end of the text
  if (cp < 0x80) return isAsciiLetter(cp) || cp === 0x24 || cp === 0x5f;
  if (cp === VERTICAL_TILDE) return true;
  // The runtime's tables may be newer than json5's; the exclusion list removes the later additions.
  return ID_START.test(String.fromCodePoint(cp)) && !inRanges(NOT_ID_START_IN_JSON5, cp);
}

/** json5 `isIdContinueChar`: a-z A-Z 0-9 $ _ ZWNJ ZWJ or Unicode ID_Continue (json5's Unicode 10 tables). */
export function isIdContinue(cp: number): boolean {
  if (!(cp >= 0 && cp <= 0x10ffff)) return false;
  if (cp < 0x80) return isAsciiLetter(cp) || isDigit(cp) || cp === 0x24 || cp === 0x5f;
  if (cp === 0x200c || cp === 0x200d || cp === VERTICAL_TILDE) return true;
  return ID_CONTINUE.test(String.fromCodePoint(cp)) && !inRanges(NOT_ID_CONTINUE_IN_JSON5, cp);
}

/** Whitespace json5 skips between tokens (its `default` lex state), including a BOM anywhere. */
export function isJson5Whitespace(cu: number): boolean {
  switch (cu) {
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20:
    case 0xa0:
    case 0xfeff:
    case 0x2028:
    case 0x2029:
      return true;
  }
  // Unicode Space_Separator (Zs); stable since Unicode 6.3.
  return cu === 0x1680 || (cu >= 0x2000 && cu <= 0x200a) || cu === 0x202f || cu === 0x205f || cu === 0x3000;
}

/**
 * Characters that make up a "word" for error recovery and for the completion replace range: identifier
 * characters plus what unquoted numbers and hyphenated names use. Never whitespace, quotes or punctuators.
 */
export function isWordChar(cp: number): boolean {
  return isIdContinue(cp) || cp === 0x5c /* \ */ || cp === 0x2e /* . */ || cp === 0x2b /* + */ || cp === 0x2d; /* - */
}

const FORMAT_REPLACEMENTS: Record<string, string> = {
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\0': '\\0',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** json5 `formatChar`: how a character appears inside `invalid character '…'`. */
export function formatChar(ch: string): string {
  const replacement = FORMAT_REPLACEMENTS[ch];
  if (replacement !== undefined) return replacement;
  if (ch < ' ') {
    const hex = ch.charCodeAt(0).toString(16);
    return '\\x' + ('00' + hex).substring(hex.length);
  }
  return ch;
}
