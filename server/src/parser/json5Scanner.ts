/**
 * Token scanning for the JSON5 parser. JSON5's lexing depends on where the parser is (an identifier is
 * only a token in key position, `]` only in an array...), so rather than a free-running tokenizer this is
 * a set of "scan a X starting here" routines the parser calls; each mirrors the json5@2.2.3 lex states
 * step by step so that the first error is reported on exactly the character where json5 throws.
 *
 * Errors are reported through a callback and scanning keeps going where that is useful (tolerance).
 */

import type { JsonRange } from './jsonTree';
import { formatChar, isDigit, isHexDigit, isIdContinue, isIdStart, isJson5Whitespace } from './json5Chars';
import { CharCode } from './charCodes';

type ErrorSink = (message: string, offset: number, length: number) => void;

export const MSG_END_OF_INPUT = 'invalid end of input';
const MSG_INVALID_IDENTIFIER = 'invalid identifier character';

interface ScannedString {
  readonly value: string;
  readonly closed: boolean;
}

/** `\b`, `\f`, `\n`, `\r`, `\t`, `\v` by the code of their letter. */
const SINGLE_CHARACTER_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x62, '\b'],
  [0x66, '\f'],
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
  [0x76, '\v'],
]);

export class Json5Scanner {
  /** Current offset (UTF-16 code units). */
  pos = 0;
  readonly comments: JsonRange[] = [];
  private readonly len: number;

  constructor(
    readonly text: string,
    private readonly report: ErrorSink,
  ) {
    this.len = text.length;
  }

  /** UTF-16 code unit at `offset` (default `pos`), NaN at the end (NaN never equals anything). */
  charCode(offset: number = this.pos): number {
    return this.text.charCodeAt(offset);
  }

  /** Code point at `offset` (default `pos`; a lone surrogate is its own code point, as in json5), NaN at the end. */
  codePoint(offset: number = this.pos): number {
    return offset < this.len ? this.text.codePointAt(offset)! : NaN;
  }

  atEnd(): boolean {
    return this.pos >= this.len;
  }

  /** json5's `invalidChar(read())` for the character at `offset`, or its end-of-input error. */
  invalidCharAt(offset: number): void {
    if (offset >= this.len) {
      this.report(MSG_END_OF_INPUT, this.len, 0);
      return;
    }
    const ch = String.fromCodePoint(this.text.codePointAt(offset)!);
    this.report(`invalid character '${formatChar(ch)}'`, offset, ch.length);
  }

  /** Step over one code point (recovery). */
  skipCodePoint(): void {
    const cp = this.codePoint();
    this.pos += cp > 0xffff ? 2 : 1;
  }

  /** Whitespace and comments, as json5's `default` lex state runs before every token. */
  skipTrivia(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === CharCode.Slash) {
        this.skipComment();
        continue;
      }
      if (isJson5Whitespace(c)) {
        this.pos++;
        continue;
      }
      return;
    }
  }

  private skipComment(): void {
    const text = this.text;
    const start = this.pos;
    const next = text.charCodeAt(start + 1);
    if (next === CharCode.Star) {
      // `/*/` does not close: the search for `*/` starts after the opening `/*`.
      const close = text.indexOf('*/', start + 2);
      if (close < 0) {
        this.comments.push({ offset: start, length: this.len - start });
        this.pos = this.len;
        this.invalidCharAt(this.len);
        return;
      }
      this.pos = close + 2;
      this.comments.push({ offset: start, length: this.pos - start });
      return;
    }
    if (next === CharCode.Slash) {
      let i = start + 2;
      for (; i < this.len; i++) {
        const c = text.charCodeAt(i);
        if (
          c === CharCode.LineFeed ||
          c === CharCode.CarriageReturn ||
          c === CharCode.LineSeparator ||
          c === CharCode.ParagraphSeparator
        )
          break;
      }
      this.comments.push({ offset: start, length: i - start });
      this.pos = i;
      return;
    }
    // A lone `/`: json5 rejects the character after it. Recovery: drop the `/`.
    this.invalidCharAt(start + 1);
    this.pos = start + 1;
  }

  /**
   * A string starting at the quote under `pos`. Stops before a raw line break (json5 rejects it there)
   * or at the end of the text; both give `closed: false`.
   */
  scanString(): ScannedString {
    const text = this.text;
    const quote = text.charCodeAt(this.pos);
    this.pos++;
    // Unescaped runs are sliced, not appended char by char; `parts` only exists once an escape shows up.
    let parts: string[] | undefined;
    let runStart = this.pos;
    for (;;) {
      if (this.pos >= this.len) {
        this.invalidCharAt(this.len);
        return { value: joinParts(parts, text.slice(runStart, this.pos)), closed: false };
      }
      const c = text.charCodeAt(this.pos);
      if (c === quote) {
        const value = joinParts(parts, text.slice(runStart, this.pos));
        this.pos++;
        return { value, closed: true };
      }
      if (c === CharCode.Backslash) {
        (parts ??= []).push(text.slice(runStart, this.pos));
        this.pos++;
        parts.push(this.scanEscape());
        runStart = this.pos;
        continue;
      }
      if (c === CharCode.LineFeed || c === CharCode.CarriageReturn) {
        this.invalidCharAt(this.pos);
        return { value: joinParts(parts, text.slice(runStart, this.pos)), closed: false };
      }
      // Everything else, U+2028/U+2029 and lone surrogates included, is taken as is.
      this.pos++;
    }
  }

  /** json5 `escape()`, `pos` just after the backslash. */
  private scanEscape(): string {
    const c = this.charCode();
    const single = SINGLE_CHARACTER_ESCAPES.get(c);
    if (single !== undefined) {
      this.pos++;
      return single;
    }
    switch (c) {
      case 0x30: // \0, but not followed by a digit (no octal)
        this.pos++;
        if (isDigit(this.charCode())) {
          this.invalidCharAt(this.pos);
          this.pos++;
        }
        return '\0';
      case 0x78: // x
        this.pos++;
        return this.scanHexEscape(2);
      case 0x75: // u
        this.pos++;
        return this.scanHexEscape(4);
      case CharCode.LineFeed:
      case CharCode.LineSeparator:
      case CharCode.ParagraphSeparator:
        this.pos++; // line continuation
        return '';
      case CharCode.CarriageReturn:
        this.pos++;
        if (this.charCode() === CharCode.LineFeed) this.pos++;
        return '';
    }
    if (this.pos >= this.len || (c >= 0x31 && c <= 0x39)) {
      this.invalidCharAt(this.pos); // \1-\9 and a backslash at the very end
      if (this.pos < this.len) {
        this.pos++;
        return String.fromCharCode(c);
      }
      return '';
    }
    // Any other character stands for itself (a surrogate pair as a whole).
    const cp = this.codePoint();
    this.pos += cp > 0xffff ? 2 : 1;
    return String.fromCodePoint(cp);
  }

  /** `count` hex digits; on a bad one, report it and leave it unread (recovery). */
  private scanHexEscape(count: number): string {
    const code = this.readHex(count);
    return code < 0 ? '' : String.fromCharCode(code);
  }

  private readHex(count: number): number {
    let code = 0;
    for (let i = 0; i < count; i++) {
      const c = this.charCode();
      if (!isHexDigit(c)) {
        this.invalidCharAt(this.pos);
        return -1;
      }
      code = code * 16 + hexValue(c);
      this.pos++;
    }
    return code;
  }

  /**
   * `lit` (e.g. "null", "Infinity") at `pos`. On a mismatch, reports the mismatching character (as
   * json5's `literal()` does) and stops there; returns whether the whole literal matched.
   */
  scanLiteral(lit: string): boolean {
    for (let i = 0; i < lit.length; i++) {
      if (this.charCode() !== lit.charCodeAt(i)) {
        this.invalidCharAt(this.pos);
        return false;
      }
      this.pos++;
    }
    return true;
  }

  /**
   * A number starting at `pos` (on a sign, digit, `.`, `I` or `N`), json5's number lex states.
   * Returns undefined after reporting an error at the character json5 rejects.
   */
  scanNumber(): number | undefined {
    let sign = 1;
    let c = this.charCode();
    if (c === 0x2b || c === 0x2d) {
      if (c === 0x2d) sign = -1;
      this.pos++;
      c = this.charCode();
    }
    if (c === 0x49) return this.scanLiteral('Infinity') ? sign * Infinity : undefined;
    if (c === 0x4e) return this.scanLiteral('NaN') ? NaN : undefined;

    const digitsStart = this.pos;
    if (c === 0x2e) {
      // `.5`: a leading point needs a digit.
      this.pos++;
      if (!this.expectDigit()) return undefined;
      this.skipDigits();
    } else if (c === 0x30) {
      this.pos++;
      c = this.charCode();
      if (c === 0x78 || c === 0x58) {
        this.pos++;
        if (!isHexDigit(this.charCode())) {
          this.invalidCharAt(this.pos);
          return undefined;
        }
        while (isHexDigit(this.charCode())) this.pos++;
        return sign * Number(this.text.slice(digitsStart, this.pos));
      }
      // `0` then a digit ends the number here; the digit is then rejected by the caller's state.
      if (c === 0x2e) {
        this.pos++;
        this.skipDigits();
      }
    } else if (isDigit(c)) {
      this.skipDigits();
      if (this.charCode() === 0x2e) {
        this.pos++; // `5.` is a number
        this.skipDigits();
      }
    } else {
      this.invalidCharAt(this.pos); // after a sign
      return undefined;
    }

    c = this.charCode();
    if (c === 0x65 || c === 0x45) {
      this.pos++;
      c = this.charCode();
      if (c === 0x2b || c === 0x2d) this.pos++;
      if (!this.expectDigit()) return undefined;
      this.skipDigits();
    }
    return sign * Number(this.text.slice(digitsStart, this.pos));
  }

  private expectDigit(): boolean {
    if (isDigit(this.charCode())) return true;
    this.invalidCharAt(this.pos);
    return false;
  }

  private skipDigits(): void {
    while (isDigit(this.charCode())) this.pos++;
  }

  /**
   * An unquoted property name at `pos` (json5's identifierName states, with `\uXXXX` escapes).
   * The caller checked that the first character can start one. Returns the name read so far; `ok` is
   * false after an error (reported).
   */
  scanIdentifier(): { name: string; ok: boolean } {
    const text = this.text;
    let parts: string[] | undefined;
    let runStart = this.pos;
    let first = true;
    for (;;) {
      const cp = this.codePoint();
      if (cp === CharCode.Backslash) {
        (parts ??= []).push(text.slice(runStart, this.pos));
        const escapeStart = this.pos;
        this.pos++;
        if (this.charCode() !== 0x75) {
          this.invalidCharAt(this.pos);
          return { name: parts.join(''), ok: false };
        }
        this.pos++;
        const code = this.readHex(4);
        if (code < 0) return { name: parts.join(''), ok: false };
        const allowed = first ? isIdStart(code) : isIdContinue(code);
        if (!allowed) {
          // json5 points at the backslash (its `column -= 5`).
          this.report(MSG_INVALID_IDENTIFIER, escapeStart, this.pos - escapeStart);
          return { name: parts.join(''), ok: false };
        }
        parts.push(String.fromCharCode(code));
        runStart = this.pos;
      } else if (first ? isIdStart(cp) : isIdContinue(cp)) {
        this.pos += cp > 0xffff ? 2 : 1;
      } else {
        break;
      }
      first = false;
    }
    return { name: joinParts(parts, text.slice(runStart, this.pos)), ok: true };
  }
}

function joinParts(parts: string[] | undefined, last: string): string {
  if (parts === undefined) return last;
  parts.push(last);
  return parts.join('');
}

function hexValue(c: number): number {
  if (c <= 0x39) return c - 0x30;
  return (c | 0x20) - 0x61 + 10;
}

/**
 * Offset of the first character at or after `pos` that is not whitespace or part of a comment, without
 * reporting anything. For editor features that look between tokens.
 */
export function skipTriviaFrom(text: string, pos: number): number {
  const scanner = new Json5Scanner(text, () => undefined);
  scanner.pos = pos;
  scanner.skipTrivia();
  return scanner.pos;
}
