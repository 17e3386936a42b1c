/**
 * Whether jsonc-parser (formatting, `modify`) can work on a connector file without breaking it.
 *
 * The CLI reads connector files with JSON5; jsonc-parser knows only JSON with comments and trailing
 * commas. On a single-quoted string, an unquoted key, a hex number or `Infinity` its scanner sees unknown
 * tokens, and its formatter would change whitespace inside what it cannot read (a string, for one).
 * Features built on jsonc-parser ask here first and do nothing for such files, saying why.
 */
import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import type { JsonNode, ParsedJson5 } from '../parser/jsonTree';

/** The first JSON5-only construct of a file: what it is, in words, and where. */
interface Json5OnlySyntax {
  /** e.g. "a single-quoted string" */
  readonly what: string;
  readonly offset: number;
}

/** A JSON number (what jsonc-parser scans as one token); JSON5 adds hex, Infinity, NaN, `+`, `.5`, `5.`. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** Escapes JSON has; JSON5 adds `\x41`, `\'`, `\v`, `\0`, a backslash before a line break, and more. */
const JSON5_ONLY_ESCAPE = /\\(?:[^"\\/bfnrtu]|u(?![0-9a-fA-F]{4}))/;
const LINE_CONTINUATION = /\\(?:\r\n?|[\n\u2028\u2029])/;

/**
 * The first construct jsonc-parser cannot round-trip, or undefined when the file is plain JSONC.
 * For a file JSON5 cannot parse either (the user is typing), only jsonc-parser's own scanner decides.
 */
export function findJson5OnlySyntax(text: string, parsed: ParsedJson5): Json5OnlySyntax | undefined {
  // Parses are cached per document version, so this answer is too (on-type formatting asks at every `,`).
  const cached = verdicts.get(parsed);
  if (cached) return cached.found;
  const fromTree = parsed.errors.length === 0 ? treeJson5Syntax(text, parsed.root) : undefined;
  const found = fromTree ?? scannerProblem(text);
  verdicts.set(parsed, { found });
  return found;
}

const verdicts = new WeakMap<ParsedJson5, { readonly found: Json5OnlySyntax | undefined }>();

function treeJson5Syntax(text: string, root: JsonNode | undefined): Json5OnlySyntax | undefined {
  // Iterative walk: the tree can be 1,000 levels deep.
  const stack: JsonNode[] = root ? [root] : [];
  let first: Json5OnlySyntax | undefined;
  const found = (what: string, offset: number) => {
    if (!first || offset < first.offset) first = { what, offset };
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (first && node.offset > first.offset) continue;
    if (node.type === 'string') {
      const raw = text.slice(node.offset, node.offset + node.length);
      const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
      if (node.quote === '') found('an unquoted key', node.offset);
      else if (node.quote === "'") found(isKey ? 'a single-quoted key' : 'a single-quoted string', node.offset);
      else if (LINE_CONTINUATION.test(raw)) found('a string continued on the next line', node.offset);
      else if (JSON5_ONLY_ESCAPE.test(raw)) found('a JSON5 escape in a string', node.offset);
    } else if (node.type === 'number') {
      const raw = text.slice(node.offset, node.offset + node.length);
      if (!JSON_NUMBER.test(raw)) found(numberWords(raw), node.offset);
    }
    if (node.children) for (const child of node.children) stack.push(child);
  }
  return first;
}

function numberWords(raw: string): string {
  if (/Infinity|NaN/.test(raw)) return `\`${raw}\``;
  if (/^[+-]?0[xX]/.test(raw)) return 'a hexadecimal number';
  if (raw.startsWith('+')) return 'a number with a + sign';
  if (/^-?\./.test(raw) || /\.(?!\d)/.test(raw)) return 'a number with a leading or trailing decimal point';
  return `the number ${raw}`;
}

/** Anything jsonc-parser's scanner does not read as JSONC (JSON5 whitespace such as U+2028, a stray character). */
function scannerProblem(text: string): Json5OnlySyntax | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0; // JSON5 skips it; formatting does too
  const scanner = createScanner(bom ? text.slice(1) : text, false);
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    const error = scanner.getTokenError();
    // An unterminated block comment at the end is fine: nothing follows it to be reformatted.
    if (token === SyntaxKind.Unknown || (error !== ScanError.None && error !== ScanError.UnexpectedEndOfComment)) {
      return { what: 'syntax JSON does not have', offset: scanner.getTokenOffset() + bom };
    }
  }
  return undefined;
}
