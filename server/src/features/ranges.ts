/** Small conversions between the syntax tree (offsets) and LSP (positions), shared by the features. */
import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findProperty } from '../parser/jsonNavigation';
import type { JsonNode, ParsedJson5 } from '../parser/jsonTree';

/** LSP range of `[start, end)`. */
export function offsetRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** LSP range of a node (for a string: the whole token, quotes included). */
export function nodeRange(document: TextDocument, node: JsonNode): Range {
  return offsetRange(document, node.offset, node.offset + node.length);
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

/** Whether `node` is a property of the root object (connector files only care about top-level keys). */
export function isRootProperty(node: JsonNode | undefined): node is JsonNode {
  return node?.type === 'property' && node.parent?.type === 'object' && node.parent.parent === undefined;
}

/** The connector's `type` when it is a string (JSON5: the last `type` key wins), else undefined. */
export function connectorType(parsed: ParsedJson5): string | undefined {
  const root = parsed.root;
  if (root?.type !== 'object') return undefined;
  const value = findProperty(root, 'type')?.children?.[1];
  return value?.type === 'string' && typeof value.value === 'string' ? value.value : undefined;
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
