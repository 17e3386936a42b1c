/**
 * Pull that keeps comments: instead of replacing a changed connector file with the CLI's plain JSON,
 * apply the remote `type` / `scopes` to the local text with jsonc-parser edits. Items are added and
 * removed one by one, in the file's own layout (one per line or inline, its indentation, its line ends,
 * its trailing-comma habit); every byte outside the changed values stays as it was, extra keys included.
 *
 * A file in JSON5-only syntax (single quotes, unquoted keys, hex, Infinity...) cannot be edited through
 * jsonc-parser without breaking it: it gets the CLI's rewrite, with the reason for the preview.
 * Whatever the path, the result reads (JSON5, as the CLI reads it) as exactly the CLI's `type`/`scopes`:
 * a merge that would not is dropped for the CLI's text.
 */
import {
  applyEdits,
  createScanner,
  Edit,
  findNodeAtLocation,
  getNodeValue,
  modify,
  Node,
  parseTree,
  ParseError,
} from 'jsonc-parser';
import JSON5 from 'json5';
import { parseJson5 } from '../../../server/src/parser/json5Parser';
import type { JsonNode } from '../../../server/src/parser/jsonTree';

export type PullMerge =
  | {
      readonly kind: 'merged';
      readonly text: string;
      /** Top-level keys besides `type` and `scopes`: kept in the file, ignored (never sent) by the CLI. */
      readonly extraKeys: readonly string[];
    }
  | {
      readonly kind: 'cliRewrite';
      /** The CLI's own text. */
      readonly text: string;
      /** Why the comments could not be kept, for the preview ("uses single-quoted strings"). */
      readonly reason: string;
    };

interface RemoteConnector {
  readonly type: string;
  readonly scopes: readonly string[];
}

// jsonc-parser's SyntaxKind is a const enum in its typings (not usable under esbuild's isolated modules).
const COMMA = 5;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const LINE_BREAK = 14;
const TRIVIA = 15;

/** Merges the CLI's pulled text for one file (`cliText`) into the local text of that file. */
export function mergePulledConnector(localText: string, cliText: string): PullMerge {
  const remote = readRemote(cliText);
  const fallback = (reason: string): PullMerge => ({ kind: 'cliRewrite', text: cliText, reason });
  if (!remote) return fallback('the pulled file is not a connector');
  const bom = localText.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = localText.slice(bom.length);

  const json5Only = json5OnlySyntax(body);
  if (json5Only) return fallback(`it uses ${json5Only}, which a comment-keeping edit cannot write`);
  const errors: ParseError[] = [];
  const tree = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || tree?.type !== 'object') return fallback('it is not JSON with comments');
  if (!sameValue(getNodeValue(tree), parseJson5Value(body))) return fallback('JSON and JSON5 read it differently');
  const keys = (tree.children ?? []).map((p) => p.children?.[0]?.value as string);
  if (keys.filter((k) => k === 'type').length > 1 || keys.filter((k) => k === 'scopes').length > 1) {
    return fallback('it has a duplicate "type" or "scopes" key');
  }

  let text = body;
  try {
    const current = getNodeValue(tree) as { type?: unknown; scopes?: unknown };
    if (current.type !== remote.type) text = applyEdits(text, modify(text, ['type'], remote.type, {}));
    text = mergeScopes(text, remote.scopes);
  } catch {
    return fallback('its layout could not be edited');
  }
  const merged = bom + text;
  if (!readsAs(merged, remote)) return fallback('its layout could not be edited');
  return { kind: 'merged', text: merged, extraKeys: keys.filter((k) => k !== 'type' && k !== 'scopes') };
}

function readRemote(cliText: string): RemoteConnector | undefined {
  try {
    const v = JSON.parse(cliText) as { type?: unknown; scopes?: unknown };
    if (typeof v.type !== 'string' || !Array.isArray(v.scopes) || !v.scopes.every((s) => typeof s === 'string'))
      return undefined;
    return { type: v.type, scopes: v.scopes as string[] };
  } catch {
    return undefined;
  }
}

function parseJson5Value(text: string): unknown {
  try {
    return JSON5.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether the text, read as the CLI reads it (JSON5), has exactly this `type` and `scopes`. */
function readsAs(text: string, remote: RemoteConnector): boolean {
  try {
    const v = JSON5.parse(text) as { type?: unknown; scopes?: unknown };
    return v.type === remote.type && sameValue(v.scopes, remote.scopes);
  } catch {
    return false;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The first JSON5-only construct in the text, in words ("single-quoted strings"), or undefined when the
 * text is JSON with comments and trailing commas. Read with the language server's JSON5 parser.
 */
export function json5OnlySyntax(text: string): string | undefined {
  const parsed = parseJson5(text);
  if (parsed.errors.length > 0 || !parsed.root) return undefined; // not JSON5 at all: jsonc-parser will say
  const stack: JsonNode[] = [parsed.root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'string') {
      if (node.quote === "'") return 'single-quoted strings';
      if (node.quote === '') return 'unquoted keys';
      const raw = text.slice(node.offset + 1, node.offset + node.length - 1);
      if (/\\(?!["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(raw))
        return "escapes that JSON does not have (\\x, \\', line continuations)";
    } else if (node.type === 'number') {
      const raw = text.slice(node.offset, node.offset + node.length);
      if (/^[+-]?0x/i.test(raw)) return 'hexadecimal numbers';
      if (/Infinity|NaN/.test(raw)) return 'Infinity or NaN';
      if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) return 'numbers that JSON does not write (+1, .5, 5.)';
    }
    stack.push(...(node.children ?? []));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// scopes: remove what the remote does not have, insert what it adds, keep the rest (and its comments)

function mergeScopes(text: string, target: readonly string[]): string {
  const root = parseTree(text, [], { allowTrailingComma: true })!;
  const array = findNodeAtLocation(root, ['scopes']);
  if (!array) return insertScopesProperty(text, root, target);
  if (array.type !== 'array') throw new Error('scopes is not a list');
  const local = (array.children ?? []).map((c) => c.value as unknown);
  const keep = commonSubsequence(local, target);
  // A list that had items keeps its layout when all of them are replaced (inline stays inline).
  const layout =
    local.length === 0
      ? undefined
      : /[\r\n]/.test(text.slice(array.offset, array.offset + array.length))
        ? 'lines'
        : 'inline';

  // Removals from the end, so earlier offsets stay valid; one edit at a time, re-reading the tree.
  for (let i = local.length - 1; i >= 0; i--) {
    if (!keep.localKept.has(i)) text = applyEdits(text, removeItem(text, i));
  }
  const remaining = () => findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true })!, ['scopes'])!;
  if ((remaining().children ?? []).length === 0 && target.length > 0 && !hasComment(text, remaining())) {
    const a = remaining();
    return applyEdits(text, [{ offset: a.offset, length: a.length, content: renderArray(text, a, target, layout) }]);
  }
  // Insertions in target order: after the removals the list is the kept subsequence.
  for (let t = 0; t < target.length; t++) {
    if (!keep.targetKept.has(t)) text = applyEdits(text, insertItem(text, remaining(), t, target[t]));
  }
  return text;
}

/** Longest common subsequence of the local and target lists: what stays untouched. */
function commonSubsequence(
  local: readonly unknown[],
  target: readonly string[],
): { localKept: Set<number>; targetKept: Set<number> } {
  const n = local.length;
  const m = target.length;
  const len: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i][j] = local[i] === target[j] ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
    }
  }
  const localKept = new Set<number>();
  const targetKept = new Set<number>();
  for (let i = 0, j = 0; i < n && j < m;) {
    if (local[i] === target[j]) {
      localKept.add(i++);
      targetKept.add(j++);
    } else if (len[i + 1][j] >= len[i][j + 1]) i++;
    else j++;
  }
  return { localKept, targetKept };
}

function removeItem(text: string, index: number): Edit[] {
  const array = findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true })!, ['scopes'])!;
  const items = array.children ?? [];
  const item = items[index];
  const end = item.offset + item.length;
  const rest = restOfLine(text, end);
  const isLast = index === items.length - 1;
  if (items.length === 1 && !hasComment(text, array))
    return [{ offset: array.offset, length: array.length, content: '[]' }];
  if (startsLine(text, item.offset) && rest.lineEnd !== undefined) {
    // One item per line: the whole line goes (its comma and its own comment with it).
    const start = lineStart(text, item.offset);
    const edits: Edit[] = [{ offset: start, length: rest.lineEnd - start, content: '' }];
    if (isLast && rest.comma === undefined && index > 0) {
      const before = restOfLine(text, items[index - 1].offset + items[index - 1].length);
      if (before.comma !== undefined) edits.push({ offset: before.comma, length: 1, content: '' });
    }
    return edits;
  }
  if (!isLast) {
    // Inline: the item, its comma and the spaces after it.
    let stop = rest.comma !== undefined ? rest.comma + 1 : end;
    while (text[stop] === ' ' || text[stop] === '\t') stop++;
    return [{ offset: item.offset, length: stop - item.offset, content: '' }];
  }
  if (index === 0)
    return [
      { offset: item.offset, length: (rest.comma !== undefined ? rest.comma + 1 : end) - item.offset, content: '' },
    ];
  // Inline, last: from the previous item's end (its comma goes); a trailing comma after this one stays.
  const prevEnd = items[index - 1].offset + items[index - 1].length;
  return [{ offset: prevEnd, length: end - prevEnd, content: '' }];
}

function insertItem(text: string, array: Node, index: number, value: string): Edit[] {
  const items = array.children ?? [];
  const literal = JSON.stringify(value);
  const eol = lineEnding(text);
  if (items.length === 0) {
    // An empty list holding a comment: put the item just before the `]`.
    const close = array.offset + array.length - 1;
    if (startsLine(text, close)) {
      const indent = lineIndent(text, close) + indentUnit(text);
      return [{ offset: lineStart(text, close), length: 0, content: `${indent}${literal}${eol}` }];
    }
    return [{ offset: close, length: 0, content: literal }];
  }
  if (index < items.length) {
    const next = items[index];
    if (startsLine(text, next.offset)) {
      return [
        {
          offset: lineStart(text, next.offset),
          length: 0,
          content: `${lineIndent(text, next.offset)}${literal},${eol}`,
        },
      ];
    }
    return [{ offset: next.offset, length: 0, content: `${literal}, ` }];
  }
  const last = items[items.length - 1];
  const end = last.offset + last.length;
  const rest = restOfLine(text, end);
  if (startsLine(text, last.offset) && rest.lineEnd !== undefined) {
    const at = rest.lineBreak ?? rest.lineEnd;
    const indent = lineIndent(text, last.offset);
    if (rest.comma !== undefined) return [{ offset: at, length: 0, content: `${eol}${indent}${literal},` }];
    return [
      { offset: end, length: 0, content: ',' },
      { offset: at, length: 0, content: `${eol}${indent}${literal}` },
    ];
  }
  return [{ offset: end, length: 0, content: `, ${literal}` }];
}

/** `"scopes": [...]` after the last property, in the object's layout. */
function insertScopesProperty(text: string, root: Node, target: readonly string[]): string {
  const props = root.children ?? [];
  if (props.length === 0) return applyEdits(text, modify(text, ['scopes'], target, {}));
  const last = props[props.length - 1];
  const end = last.offset + last.length;
  const rest = restOfLine(text, end);
  const eol = lineEnding(text);
  if (startsLine(text, last.offset) && rest.lineEnd !== undefined) {
    const indent = lineIndent(text, last.offset);
    const value =
      target.length === 0 ? '[]' : renderLines(target, indent, indentUnit(text), eol, hasTrailingCommas(text));
    const at = rest.lineBreak ?? rest.lineEnd;
    if (rest.comma !== undefined)
      return applyEdits(text, [{ offset: at, length: 0, content: `${eol}${indent}"scopes": ${value},` }]);
    return applyEdits(text, [
      { offset: end, length: 0, content: ',' },
      { offset: at, length: 0, content: `${eol}${indent}"scopes": ${value}` },
    ]);
  }
  return applyEdits(text, [{ offset: end, length: 0, content: `, "scopes": ${renderInline(target)}` }]);
}

/** A fresh list for an empty `[]`: in the layout the list had, else one per line if its property starts a line. */
function renderArray(text: string, array: Node, target: readonly string[], layout?: 'lines' | 'inline'): string {
  const property = array.parent!;
  if (layout === 'inline' || (layout === undefined && !startsLine(text, property.offset))) return renderInline(target);
  return renderLines(
    target,
    lineIndent(text, property.offset),
    indentUnit(text),
    lineEnding(text),
    hasTrailingCommas(text),
  );
}

function renderInline(target: readonly string[]): string {
  return `[${target.map((s) => JSON.stringify(s)).join(', ')}]`;
}

function renderLines(
  target: readonly string[],
  indent: string,
  unit: string,
  eol: string,
  trailingComma: boolean,
): string {
  const lines = target.map(
    (s, i) => `${indent}${unit}${JSON.stringify(s)}${i < target.length - 1 || trailingComma ? ',' : ''}`,
  );
  return `[${eol}${lines.join(eol)}${eol}${indent}]`;
}

// ---------------------------------------------------------------------------------------------------
// layout helpers

interface RestOfLine {
  /** Offset of the comma right after the value (only whitespace and comments between). */
  readonly comma?: number;
  /** Offset of the line break ending the value's line (undefined at the end of the text). */
  readonly lineBreak?: number;
  /** Where the line ends, line break included; undefined when something else follows on the line. */
  readonly lineEnd?: number;
}

/**
 * What follows a value: its comma (on any line, past comments), and whether the value's line ends
 * right after it (only its comma, spaces and comments), which makes the line removable as a whole.
 */
function restOfLine(text: string, offset: number): RestOfLine {
  const comma = findComma(text, offset);
  const scanner = createScanner(text, false);
  scanner.setPosition(offset);
  let commas = 0;
  for (;;) {
    const kind = scanner.scan();
    const at = scanner.getTokenOffset();
    if (kind === TRIVIA || kind === LINE_COMMENT) continue;
    if (kind === COMMA && commas++ === 0) continue;
    if (kind === BLOCK_COMMENT && !/[\r\n]/.test(scanner.getTokenValue())) continue;
    if (kind === LINE_BREAK && (comma === undefined || comma < at))
      return { comma, lineBreak: at, lineEnd: at + scanner.getTokenLength() };
    return { comma };
  }
}

/** The comma after a value, skipping whitespace and comments across lines. */
function findComma(text: string, offset: number): number | undefined {
  const scanner = createScanner(text, false);
  scanner.setPosition(offset);
  for (;;) {
    const kind = scanner.scan();
    if (kind === TRIVIA || kind === LINE_BREAK || kind === LINE_COMMENT || kind === BLOCK_COMMENT) continue;
    return kind === COMMA ? scanner.getTokenOffset() : undefined;
  }
}

function hasComment(text: string, node: Node): boolean {
  const scanner = createScanner(text.slice(node.offset, node.offset + node.length), false);
  for (let kind = scanner.scan(); kind !== 17; kind = scanner.scan()) {
    if (kind === LINE_COMMENT || kind === BLOCK_COMMENT) return true;
  }
  return false;
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

function lineIndent(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset), offset))![0];
}

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The file's indentation step: that of its first indented line (two spaces when nothing is indented). */
function indentUnit(text: string): string {
  const m = /(?:^|\n)([ \t]+)\S/.exec(text);
  return m ? m[1] : '  ';
}

/** Whether the file ends its last property or item with a comma somewhere (its trailing-comma habit). */
function hasTrailingCommas(text: string): boolean {
  const scanner = createScanner(text, false);
  let lastSignificant = -1;
  for (let kind = scanner.scan(); kind !== 17; kind = scanner.scan()) {
    if (kind === TRIVIA || kind === LINE_BREAK || kind === LINE_COMMENT || kind === BLOCK_COMMENT) continue;
    if ((kind === 2 || kind === 4) && lastSignificant === COMMA) return true;
    lastSignificant = kind;
  }
  return false;
}
