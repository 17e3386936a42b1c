/**
 * Format Document / Format Selection / format on type, through jsonc-parser's formatter: it changes only
 * the whitespace between tokens, so comments stay and every comma stays where it is (a file that ends its
 * lists with trailing commas keeps them, one that does not gets none). Indentation follows the client's
 * options (VS Code detects them from the file); line ends and the final newline follow the file.
 * A file in JSON5-only syntax is left alone (see jsoncCompat.ts), with the reason.
 */
import type { FormattingOptions, Position, Range, TextEdit } from 'vscode-languageserver';
import { format, type FormattingOptions as JsoncFormattingOptions } from 'jsonc-parser';
import { findNodeAtOffset } from '../parser/jsonNavigation';
import type { JsonNode } from '../parser/jsonTree';
import type { ConnectorDocument } from './context';
import { findJson5OnlySyntax } from './jsoncCompat';
import { nodeRange } from './ranges';

interface FormatOutcome {
  readonly edits: TextEdit[];
  /** Why nothing was formatted, in a sentence for the user (set only when the formatter refused the file). */
  readonly refusal?: string;
}

/** Characters after which on-type formatting runs (first one, then the rest, as LSP registers them). */
export const ON_TYPE_TRIGGERS = ['}', ']', ','] as const;

/** Formats the whole document, or only `range` when given. */
export function formatConnector(doc: ConnectorDocument, options: FormattingOptions, range?: Range): FormatOutcome {
  const { document } = doc;
  const refusal = refuse(doc);
  if (refusal) return { edits: [], refusal };
  const offsets = range
    ? { offset: document.offsetAt(range.start), length: document.offsetAt(range.end) - document.offsetAt(range.start) }
    : undefined;
  return { edits: formatEdits(doc, offsets, jsoncOptions(doc, options, false)) };
}

/**
 * After `}` or `]`: re-indents the container just closed; after `,`: the current line. Line breaks are
 * the user's (keepLines): typing must not unfold a one-line list.
 */
export function formatOnType(
  doc: ConnectorDocument,
  position: Position,
  ch: string,
  options: FormattingOptions,
): TextEdit[] {
  const { document } = doc;
  if (refuse(doc)) return []; // the user did not ask: no message while typing
  const text = document.getText();
  const typedAt = document.offsetAt(position) - 1;
  if (typedAt < 0 || text[typedAt] !== ch) return [];
  let offsets: { offset: number; length: number };
  if (ch === ',') {
    const lineStart = document.offsetAt({ line: position.line, character: 0 });
    offsets = { offset: lineStart, length: typedAt + 1 - lineStart };
  } else {
    const node = findNodeAtOffset(doc.parsed.root, typedAt);
    const closed =
      node && (node.type === 'object' || node.type === 'array') && node.offset + node.length === typedAt + 1;
    if (!closed) return [];
    offsets = { offset: node.offset, length: node.length };
  }
  // Typing must stay instant: a huge container or line is left to Format Document.
  if (offsets.length > MAX_ON_TYPE_LENGTH) return [];
  return formatEdits(doc, offsets, jsoncOptions(doc, options, true));
}

/** On-type formatting skips spans longer than this (the formatter rescans whole lines). */
const MAX_ON_TYPE_LENGTH = 20_000;

/** Deeper files are not formatted: indentation alone would grow with the square of the depth. */
const MAX_FORMAT_DEPTH = 100;

function refuse(doc: ConnectorDocument): string | undefined {
  const { document, parsed } = doc;
  const name = decodeURIComponent(document.uri.slice(document.uri.lastIndexOf('/') + 1));
  if (depthOver(parsed.root, MAX_FORMAT_DEPTH) || parsed.truncated) {
    return `${name} was not formatted: it nests more than ${MAX_FORMAT_DEPTH} levels deep.`;
  }
  const json5 = findJson5OnlySyntax(document.getText(), parsed);
  if (!json5) return undefined;
  const line = document.positionAt(json5.offset).line + 1;
  return parsed.errors.length === 0
    ? `${name} was not formatted: it uses ${json5.what} (line ${line}), JSON5 syntax that the formatter cannot keep. ` +
        'The Base44 CLI reads it as it is.'
    : `${name} was not formatted: line ${line} has ${json5.what}, and the file does not parse.`;
}

function depthOver(root: JsonNode | undefined, max: number): boolean {
  const stack: [JsonNode, number][] = root ? [[root, 0]] : [];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const child of node.children ?? [])
      if (child.children) stack.push([child, child.type === 'property' ? depth : depth + 1]);
  }
  return false;
}

function jsoncOptions(doc: ConnectorDocument, options: FormattingOptions, keepLines: boolean): JsoncFormattingOptions {
  const text = doc.document.getText();
  const eolMatch = /\r\n|\r|\n/.exec(text);
  return {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    eol: eolMatch ? eolMatch[0] : '\n',
    // jsonc-parser drops a final newline unless told to keep it: keep the file's, add one if the editor asks.
    insertFinalNewline: options.insertFinalNewline === true || /[\r\n]$/.test(text),
    keepLines,
  };
}

function formatEdits(
  doc: ConnectorDocument,
  range: { offset: number; length: number } | undefined,
  options: JsoncFormattingOptions,
): TextEdit[] {
  const full = doc.document.getText();
  // jsonc-parser does not skip a byte order mark (JSON5 and the CLI do): format what follows it.
  const bom = full.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = full.slice(bom);
  const shifted = range && { offset: Math.max(0, range.offset - bom), length: range.length };
  const edits = format(text, shifted, options).map((e) => ({ ...e, offset: e.offset + bom }));
  // The formatter only rewrites whitespace between tokens; anything else would be a bug that loses text.
  if (edits.some((e) => !/^\s*$/.test(full.slice(e.offset, e.offset + e.length)) || !/^\s*$/.test(e.content)))
    return [];
  return edits.map((e) => ({ range: nodeRange(doc.document, e), newText: e.content }));
}
