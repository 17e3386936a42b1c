/**
 * Structural edits through jsonc-parser's `modify`, so inserted text follows the file's indentation, line
 * ends and commas. `modify` has known slips (it can insert between a value and the comment ending its
 * line, and it reflows one-line containers onto several lines), so every result is checked: the file
 * still parses, holds the new value, and every comment keeps its line. When a check fails, or the file
 * uses JSON5-only syntax jsonc-parser cannot read, the answer is undefined and callers use their own
 * precise edit, written with `quoteString` and `findComma` below. No vscode import: the client's Add Connector
 * uses it too.
 */
import { modify, applyEdits, type Edit, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import { parseJson5 } from '../parser/json5Parser';
import { findPropertyValue, nodeValue } from '../parser/jsonNavigation';
import type { JsonNode, ParsedJson5 } from '../parser/jsonTree';
import { findJson5OnlySyntax } from './jsoncCompat';

export interface FileEdit {
  readonly offset: number;
  readonly length: number;
  readonly content: string;
}

/** Indentation and line end of a file, as jsonc-parser wants them (2 spaces and `\n` when it has no clue). */
export function detectFormatting(text: string): FormattingOptions {
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { tabSize: 4, insertSpaces: false, eol };
  return { tabSize: indent ? Math.min(indent.length, 8) : 2, insertSpaces: true, eol };
}

/**
 * Sets the root property `key` to `value` (inserted right after `after` when given and new), or appends
 * `value` to the root array property `key` when `append` is set.
 */
export function modifyRootProperty(
  text: string,
  parsed: ParsedJson5,
  key: string,
  value: unknown,
  options: { readonly after?: string; readonly append?: boolean } = {},
): FileEdit[] | undefined {
  const root = parsed.root;
  if (root?.type !== 'object' || parsed.errors.length > 0 || findJson5OnlySyntax(text, parsed)) return undefined;
  const target = findPropertyValue(root, key);
  // The container that gets new lines: a one-line object or array stays one line (by the caller's own edit).
  const container = options.append ? target : root;
  if (!container || !spansLines(text, container)) return undefined;
  if (options.append && target?.type !== 'array') return undefined;
  const path: JSONPath = options.append ? [key, -1] : [key];
  let edits: Edit[];
  try {
    edits = modify(text, path, value, {
      formattingOptions: detectFormatting(text),
      isArrayInsertion: options.append === true,
      getInsertionIndex: options.after ? (keys) => keys.indexOf(options.after!) + 1 || keys.length : undefined,
    });
  } catch {
    return undefined;
  }
  const result = applyEdits(text, edits);
  const after = parseJson5(result);
  if (after.errors.length > 0 || after.root?.type !== 'object') return undefined;
  const written = findPropertyValue(after.root, key);
  const got = options.append ? written?.children?.[written.children.length - 1] : written;
  if (JSON.stringify(nodeValue(got)) !== JSON.stringify(value)) return undefined;
  if (commentLines(text, parsed) !== commentLines(result, after)) return undefined;
  return edits;
}

function spansLines(text: string, node: JsonNode): boolean {
  return /[\r\n\u2028\u2029]/.test(text.slice(node.offset, node.offset + node.length));
}

/** Every comment with what precedes it on its line (sorted): equal before and after = no comment moved. */
function commentLines(text: string, parsed: ParsedJson5): string {
  const lines = (parsed.comments ?? []).map((c) => {
    const lineStart = Math.max(text.lastIndexOf('\n', c.offset - 1), text.lastIndexOf('\r', c.offset - 1)) + 1;
    return `${text.slice(lineStart, c.offset).trim()}\u0000${text.slice(c.offset, c.offset + c.length)}`;
  });
  return JSON.stringify(lines.sort());
}

/**
 * A JSON5 string literal for `value`, written with the quote the user already uses (an unquoted key or
 * no quote at all gives double quotes, which both JSON and JSON5 accept).
 */
export function quoteString(value: string, quote: '"' | "'" | '' | undefined): string {
  const q = quote === "'" ? "'" : '"';
  let out = q;
  for (const ch of value) {
    if (ch === q || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\u2028' || ch === '\u2029')
      out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + q;
}

/** Offset of the first `,` between `from` and `to`, skipping whitespace and comments; -1 if none. */
export function findComma(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (ch === ',') return i;
    if (ch === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? to : nl + 1;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? to : close + 2;
    } else if (/\s/.test(ch)) {
      i++;
    } else {
      return -1;
    }
  }
  return -1;
}
