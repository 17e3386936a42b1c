/**
 * A light scanner for backend function code (JS / TS, as Deno runs it) that finds the connector types passed
 * to the SDK's `connectors` object: `base44.asServiceRole.connectors.getConnection("slack")`, a destructured
 * or aliased `connectors`, destructured methods, `await` or not, '…', "…" or `…` without `${}`.
 *
 * No TypeScript compiler (the .vsix stays small): a tokenizer that knows comments, strings, template literals
 * (with nested `${}` code) and regular expressions, so nothing inside them is ever reported, then a pass over
 * the tokens for the call shapes. A dynamic argument (`getConnection(type)`, `"a" + b`) is left alone.
 */
import { CharCode } from '../parser/charCodes';

/** The SDK methods of `base44.asServiceRole.connectors` (@base44/sdk 0.8.50). */
export const CONNECTOR_METHODS = [
  'getConnection',
  'getAccessToken',
  'callApi',
  'getWorkspaceConnection',
  'getCurrentAppUserConnection',
] as const;
type ConnectorMethod = (typeof CONNECTOR_METHODS)[number];

/** Methods whose first argument is a connector type; the other two take a connector ID. */
export const TYPE_METHODS: ReadonlySet<string> = new Set(['getConnection', 'getAccessToken', 'callApi']);

const METHODS: ReadonlySet<string> = new Set(CONNECTOR_METHODS);

export interface ConnectorCall {
  readonly method: ConnectorMethod;
  /** Offsets of the method name. */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Offset just after the `(`. */
  readonly argsStart: number;
  /** The first argument when it is a literal string, else undefined (no argument, or a dynamic one). */
  readonly literal?: StringLiteral;
  /** Set when the first argument is a string literal still being typed (unterminated): for completion. */
  readonly partial?: StringLiteral;
}

export interface StringLiteral {
  /** The string's value. */
  readonly value: string;
  /** Offsets of the whole literal, quotes included. */
  readonly start: number;
  readonly end: number;
  readonly quote: "'" | '"' | '`';
  /** False when the closing quote is missing (the user is typing). */
  readonly closed: boolean;
}

const enum Kind {
  Identifier,
  Punctuator,
  String,
  /** A template literal without `${`: a plain string. */
  Template,
  /** Any other literal (number, regex, template with substitutions): a value, never a name. */
  Other,
}

interface Token {
  readonly kind: Kind;
  readonly start: number;
  readonly end: number;
  /** Identifier name, punctuator text, or string value. */
  readonly text: string;
  readonly closed?: boolean;
}

/** Keywords after which `/` starts a regular expression, not a division. */
const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'instanceof',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
  'of',
]);

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === CharCode.Dollar || c > 127;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isLineBreak(c: number): boolean {
  return (
    c === CharCode.LineFeed ||
    c === CharCode.CarriageReturn ||
    c === CharCode.LineSeparator ||
    c === CharCode.ParagraphSeparator
  );
}

/** Decodes the common escapes of a string literal's body (connector types never need the rare ones). */
function decodeEscapes(raw: string): string {
  if (raw.indexOf('\\') < 0) return raw;
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case '0':
        return '\0';
      case '\r':
      case '\n':
      case '\u2028':
      case '\u2029':
        return '';
      case 'x':
        return String.fromCharCode(parseInt(e.slice(1), 16));
      case 'u': {
        const code = parseInt(e[1] === '{' ? e.slice(2, -1) : e.slice(1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      default:
        return e;
    }
  });
}

/** Tokens of the code (comments dropped; strings, templates and regexes as single tokens). Never throws. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  /** For each open `${` of a template: the brace depth at which its `}` resumes the template. */
  const templateDepths: number[] = [];
  let braceDepth = 0;
  let i = 0;
  // A hashbang line is a comment.
  if (text.startsWith('#!')) while (i < n && !isLineBreak(text.charCodeAt(i))) i++;

  /** Scans template text from `i` (after the backtick, or the `}` closing a `${`) up to the next `${` or the end. */
  const scanTemplate = (start: number, head: boolean): void => {
    let j = i;
    const rawStart = j;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === CharCode.Backslash) {
        j += 2;
        continue;
      }
      if (c === CharCode.Backtick) {
        const raw = text.slice(rawStart, j);
        j++;
        tokens.push(
          head
            ? { kind: Kind.Template, start, end: j, text: decodeEscapes(raw), closed: true }
            : { kind: Kind.Other, start, end: j, text: '' },
        );
        i = j;
        return;
      }
      if (c === CharCode.Dollar && text.charCodeAt(j + 1) === CharCode.OpenBrace) {
        j += 2;
        tokens.push({ kind: Kind.Other, start, end: j, text: '' });
        templateDepths.push(braceDepth);
        braceDepth++;
        i = j;
        return;
      }
      j++;
    }
    // Unterminated template: the rest of the file.
    i = n;
    tokens.push(
      head
        ? { kind: Kind.Template, start, end: n, text: decodeEscapes(text.slice(rawStart, n)), closed: false }
        : { kind: Kind.Other, start, end: n, text: '' },
    );
  };

  const regexAllowed = (): boolean => {
    const last = tokens[tokens.length - 1];
    if (!last) return true;
    if (last.kind === Kind.Identifier) return REGEX_AFTER_WORD.has(last.text);
    if (last.kind !== Kind.Punctuator) return false;
    return last.text !== ')' && last.text !== ']' && last.text !== '}' && last.text !== '++' && last.text !== '--';
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    // Whitespace (ASCII and the rest, treated alike).
    if (c === 32 || c === 9 || isLineBreak(c) || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === CharCode.Slash) {
      const next = text.charCodeAt(i + 1);
      if (next === CharCode.Slash) {
        i += 2;
        while (i < n && !isLineBreak(text.charCodeAt(i))) i++;
        continue;
      }
      if (next === CharCode.Star) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? n : close + 2;
        continue;
      }
      if (regexAllowed()) {
        const start = i;
        let inClass = false;
        i++;
        while (i < n) {
          const r = text.charCodeAt(i);
          if (isLineBreak(r)) break; // an unterminated regex ends at the line
          if (r === CharCode.Backslash) {
            i += 2;
            continue;
          }
          i++;
          if (r === CharCode.OpenBracket) inClass = true;
          else if (r === CharCode.CloseBracket) inClass = false;
          else if (r === CharCode.Slash && !inClass) break;
        }
        while (i < n && isIdentPart(text.charCodeAt(i))) i++; // flags
        if (i > n) i = n;
        tokens.push({ kind: Kind.Other, start, end: i, text: '' });
        continue;
      }
    }
    if (c === CharCode.SingleQuote || c === CharCode.DoubleQuote) {
      const start = i;
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const s = text.charCodeAt(j);
        if (s === c) {
          closed = true;
          break;
        }
        if (s === CharCode.Backslash) {
          j += 2;
          continue;
        }
        if (s === CharCode.LineFeed || s === CharCode.CarriageReturn) break; // unterminated: ends at the line
        j++;
      }
      if (j > n) j = n;
      const end = closed ? j + 1 : j;
      tokens.push({ kind: Kind.String, start, end, text: decodeEscapes(text.slice(start + 1, j)), closed });
      i = end;
      continue;
    }
    if (c === CharCode.Backtick) {
      const start = i;
      i++;
      scanTemplate(start, true);
      continue;
    }
    if (isIdentStart(c) || c === CharCode.Backslash || c === CharCode.Hash /* private name */) {
      const start = i;
      i++;
      while (i < n && (isIdentPart(text.charCodeAt(i)) || text.charCodeAt(i) === CharCode.Backslash)) i++;
      tokens.push({ kind: Kind.Identifier, start, end: i, text: text.slice(start, i) });
      continue;
    }
    if (c >= 48 && c <= 57) {
      const start = i;
      i++;
      while (i < n && (isIdentPart(text.charCodeAt(i)) || text.charCodeAt(i) === CharCode.Dot)) i++;
      tokens.push({ kind: Kind.Other, start, end: i, text: '' });
      continue;
    }
    if (c === CharCode.OpenBrace) {
      braceDepth++;
      tokens.push({ kind: Kind.Punctuator, start: i, end: i + 1, text: '{' });
      i++;
      continue;
    }
    if (c === CharCode.CloseBrace) {
      if (templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === braceDepth - 1) {
        // The `}` of a `${`: the template continues.
        templateDepths.pop();
        braceDepth--;
        const start = i;
        i++;
        scanTemplate(start, false);
        continue;
      }
      if (braceDepth > 0) braceDepth--;
      tokens.push({ kind: Kind.Punctuator, start: i, end: i + 1, text: '}' });
      i++;
      continue;
    }
    // Punctuators the call shapes need as such; everything else is one character.
    const two = text.substr(i, 2);
    if (two === '?.' && !(text.charCodeAt(i + 2) >= 48 && text.charCodeAt(i + 2) <= 57)) {
      tokens.push({ kind: Kind.Punctuator, start: i, end: i + 2, text: '?.' });
      i += 2;
      continue;
    }
    if (two === '++' || two === '--' || two === '=>' || two === '==' || two === '!=') {
      tokens.push({ kind: Kind.Punctuator, start: i, end: i + 2, text: two });
      i += 2;
      continue;
    }
    // A lone surrogate or any other character: one punctuator.
    tokens.push({ kind: Kind.Punctuator, start: i, end: i + 1, text: text[i] });
    i++;
  }
  return tokens;
}

const isPunct = (t: Token | undefined, p: string) => t !== undefined && t.kind === Kind.Punctuator && t.text === p;
const isDot = (t: Token | undefined) => isPunct(t, '.') || isPunct(t, '?.');
const isName = (t: Token | undefined): t is Token => t !== undefined && t.kind === Kind.Identifier;

/**
 * Names bound to the SDK's connectors object or to one of its methods in this file:
 * `const c = base44.asServiceRole.connectors`, `const { connectors } = …`, `const { connectors: c } = …`,
 * `const { getConnection } = base44.asServiceRole.connectors`, `const { getConnection: gc } = …`.
 */
function bindings(tokens: readonly Token[]): { objects: Set<string>; methods: Map<string, ConnectorMethod> } {
  const objects = new Set<string>(['connectors']);
  const methods = new Map<string, ConnectorMethod>();
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== Kind.Identifier) continue;
    if (t.text === 'connectors') {
      // `{ connectors: alias }` (destructuring; an object literal of the same shape is harmless).
      if (
        isPunct(tokens[k + 1], ':') &&
        isName(tokens[k + 2]) &&
        (isPunct(tokens[k - 1], '{') || isPunct(tokens[k - 1], ','))
      ) {
        const after = tokens[k + 3];
        if (isPunct(after, ',') || isPunct(after, '}') || isPunct(after, '=')) objects.add(tokens[k + 2].text);
      }
      // `alias = <chain>.connectors` ending the expression.
      const next = tokens[k + 1];
      if (isDot(next) || isPunct(next, '(') || isPunct(next, '[')) continue;
      let s = k;
      while (s >= 2 && isDot(tokens[s - 1]) && isName(tokens[s - 2])) s -= 2;
      if (isName(tokens[s - 1]) && tokens[s - 1].text === 'await') s--;
      if (!isPunct(tokens[s - 1], '=')) continue;
      if (isName(tokens[s - 2])) {
        objects.add(tokens[s - 2].text);
      } else if (isPunct(tokens[s - 2], '}')) {
        // `{ getConnection, callApi: call } = …connectors`
        let depth = 0;
        let open = s - 2;
        for (; open >= 0; open--) {
          if (isPunct(tokens[open], '}')) depth++;
          else if (isPunct(tokens[open], '{') && --depth === 0) break;
        }
        for (let m = open + 1; m < s - 2; m++) {
          const name = tokens[m];
          if (!isName(name) || !METHODS.has(name.text)) continue;
          if (!(isPunct(tokens[m - 1], '{') || isPunct(tokens[m - 1], ','))) continue;
          if (isPunct(tokens[m + 1], ':') && isName(tokens[m + 2]))
            methods.set(tokens[m + 2].text, name.text as ConnectorMethod);
          else if (isPunct(tokens[m + 1], ',') || isPunct(tokens[m + 1], '}') || isPunct(tokens[m + 1], '=')) {
            methods.set(name.text, name.text as ConnectorMethod);
          }
        }
      }
    }
  }
  return { objects, methods };
}

/** Every call of a connectors method in the code, with its literal argument when it has one. Never throws. */
export function findConnectorCalls(text: string): ConnectorCall[] {
  // Every call shape goes through the `connectors` object (or a name bound from it): most code files have none.
  if (!text.includes('connectors')) return [];
  const tokens = tokenize(text);
  const { objects, methods } = bindings(tokens);
  const calls: ConnectorCall[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== Kind.Identifier) continue;
    let method: ConnectorMethod | undefined;
    if (METHODS.has(t.text) && isDot(tokens[k - 1]) && isName(tokens[k - 2]) && objects.has(tokens[k - 2].text)) {
      // `x.connectors.getConnection(` or `alias.getConnection(`; an alias must not itself be a member (`a.c.get…`)
      // unless it is named `connectors`.
      const object = tokens[k - 2];
      if (object.text !== 'connectors' && isDot(tokens[k - 3])) continue;
      method = t.text as ConnectorMethod;
    } else if (methods.has(t.text) && !isDot(tokens[k - 1])) {
      method = methods.get(t.text);
    }
    if (!method) continue;
    let open = k + 1;
    if (isPunct(tokens[open], '?.')) open++; // getConnection?.("x")
    if (!isPunct(tokens[open], '(')) continue;
    const argsStart = tokens[open].end;
    const arg = tokens[open + 1];
    const after = tokens[open + 2];
    let literal: StringLiteral | undefined;
    let partial: StringLiteral | undefined;
    if (arg && (arg.kind === Kind.String || arg.kind === Kind.Template)) {
      const value: StringLiteral = {
        value: arg.text,
        start: arg.start,
        end: arg.end,
        quote: text[arg.start] as StringLiteral['quote'],
        closed: arg.closed === true,
      };
      if (!value.closed) partial = value;
      else if (after === undefined || isPunct(after, ',') || isPunct(after, ')')) literal = value;
    }
    calls.push({
      method,
      nameStart: t.start,
      nameEnd: t.end,
      argsStart,
      ...(literal ? { literal } : {}),
      ...(partial ? { partial } : {}),
    });
  }
  return calls;
}
