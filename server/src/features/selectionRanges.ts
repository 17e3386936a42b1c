/**
 * Expand Selection (Shift+Alt+→) along the structure: a string's text, the string with its quotes, the
 * `"key": value` property, the inside of the enclosing object or array, the object or array itself, and so
 * on up to the whole document.
 */
import type { Position, Range, SelectionRange } from 'vscode-languageserver';
import { findNodeAtOffset } from '../parser/jsonNavigation';
import type { JsonNode } from '../parser/jsonTree';
import type { ConnectorDocument } from './context';
import { offsetRange } from './ranges';

export function selectionRanges(doc: ConnectorDocument, positions: readonly Position[]): SelectionRange[] {
  return positions.map((position) => selectionRangeAt(doc, position));
}

function selectionRangeAt(doc: ConnectorDocument, position: Position): SelectionRange {
  const { document } = doc;
  const text = document.getText();
  const offset = document.offsetAt(position);
  // Innermost first; each span must contain the previous one, so equal or smaller spans are skipped.
  const spans: [number, number][] = [];
  const add = (start: number, end: number) => {
    const last = spans[spans.length - 1];
    if (start > offset || end < offset) return;
    if (last && (start > last[0] || end < last[1] || (start === last[0] && end === last[1]))) return;
    spans.push([start, end]);
  };
  for (let node: JsonNode | undefined = findNodeAtOffset(doc.parsed.root, offset, true); node; node = node.parent) {
    const start = node.offset;
    const end = node.offset + node.length;
    if (node.type === 'string' && node.quote && node.closed !== false && node.length >= 2) {
      add(start + 1, end - 1); // the text between the quotes
    } else if ((node.type === 'object' || node.type === 'array') && node.closed !== false && node.length >= 2) {
      const inner = trimmed(text, start + 1, end - 1);
      if (inner) add(inner[0], inner[1]); // the members, without the brackets
    }
    add(start, end);
  }
  add(0, text.length);
  let result: SelectionRange | undefined;
  for (let i = spans.length - 1; i >= 0; i--) {
    const range: Range = offsetRange(document, spans[i][0], spans[i][1]);
    result = result ? { range, parent: result } : { range };
  }
  const at = document.positionAt(offset);
  return result ?? { range: { start: at, end: at } };
}

/** `[start, end)` without the whitespace at both ends; undefined when only whitespace. */
function trimmed(text: string, start: number, end: number): [number, number] | undefined {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return start < end ? [start, end] : undefined;
}
