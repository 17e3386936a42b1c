/** Conversions from the syntax tree's offsets to LSP ranges, shared by the features. */
import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { JsonRange } from '../parser/jsonTree';

/** LSP range of `[start, end)`. */
export function offsetRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** LSP range of a node or any `{ offset, length }` span (for a string node: the whole token, quotes included). */
export function nodeRange(document: TextDocument, node: JsonRange): Range {
  return offsetRange(document, node.offset, node.offset + node.length);
}
