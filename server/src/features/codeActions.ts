/**
 * Quick fixes for the server's own diagnostics (`source: "base44"`). Each fix is computed from the
 * diagnostic's `code`, its `range` (the flagged node) and its `data` (`DiagnosticData`); every edit keeps
 * the file valid JSON5 and respects how it is written (quotes, indentation, commas, comments).
 */
import {
  CodeActionKind,
  RenameFile,
  TextEdit,
  type CodeAction,
  type Diagnostic,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { declaredType, findNodeAtOffset, findProperty } from '../parser/jsonNavigation';
import type { JsonNode } from '../parser/jsonTree';
import type { ConnectorDocument, FeatureContext } from './context';
import { Code, DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnosticCodes';
import { findComma, modifyRootProperty, quoteString } from './jsoncEdits';
import { nodeRange, offsetRange } from './ranges';

export function doCodeActions(
  doc: ConnectorDocument,
  _range: Range,
  diagnostics: Diagnostic[],
  ctx: FeatureContext,
): CodeAction[] {
  const actions: CodeAction[] = [];
  let handled = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    // A selection over a file with 100k flagged scopes must not stall the server: fixes cost up to
    // O(file size) each, and no editor shows more than a handful of quick fixes at once.
    if (++handled > MAX_DIAGNOSTICS_PER_REQUEST) break;
    actions.push(...fixesFor(doc, diagnostic, ctx));
  }
  return actions;
}

/** Diagnostics given quick fixes per code action request (the rest of a huge selection is ignored). */
const MAX_DIAGNOSTICS_PER_REQUEST = 200;

function fixesFor(doc: ConnectorDocument, d: Diagnostic, ctx: FeatureContext): CodeAction[] {
  switch (d.code) {
    case Code.UnknownType:
    case Code.UnknownScope:
    case Code.ScopeOfOtherType:
    case Code.DeprecatedScope:
    case Code.TypeCase:
      return replaceString(doc, d, ctx);
    case Code.BeyondBase44Limit: {
      // Prefer the scope Base44 allows; removing is the other way out.
      const replace = replaceString(doc, d, ctx);
      const remove = removeNode(doc, d, 'string', () => 'Remove scope');
      if (replace.length > 0) for (const a of remove) a.isPreferred = false;
      return [...replace, ...remove];
    }
    case Code.DuplicateScope:
      return removeNode(doc, d, 'string', () => 'Remove duplicate scope');
    case Code.ImpliedScope:
      return removeNode(doc, d, 'string', (node) => impliedTitle(doc, node, ctx));
    case Code.ScopesNotUsed:
      return removeNode(doc, d, 'property', () => 'Remove scopes');
    case Code.IgnoredKey:
      return [...renameKey(doc, d), ...removeKey(doc, d)];
    case Code.DuplicateKey:
      return removeKey(doc, d);
    case Code.MissingScopes:
      return addScopes(doc, d);
    case Code.FileName:
      return renameFile(doc, d, ctx);
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------------
// Finding the flagged node

/** The node the diagnostic's range covers exactly (undefined when the diagnostic is stale). */
function flaggedNode(doc: ConnectorDocument, d: Diagnostic, type: JsonNode['type']): JsonNode | undefined {
  const start = doc.document.offsetAt(d.range.start);
  const end = doc.document.offsetAt(d.range.end);
  for (let node = findNodeAtOffset(doc.parsed.root, start); node; node = node.parent) {
    if (node.offset === start && node.offset + node.length === end && node.type === type) return node;
    if (node.offset < start) break;
  }
  return undefined;
}

function action(title: string, d: Diagnostic, edit: WorkspaceEdit, isPreferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit, isPreferred };
}

function textEdits(doc: ConnectorDocument, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [doc.document.uri]: edits } };
}

// ---------------------------------------------------------------------------------------------------
// Replace a type or scope string

/** Candidate values, best first: from the diagnostic's data, or for type-case the lowercase known type. */
function replacementsFor(d: Diagnostic, node: JsonNode, ctx: FeatureContext): readonly string[] {
  const data = (d.data ?? {}) as DiagnosticData;
  if (data.replacements && data.replacements.length > 0) return data.replacements;
  if (d.code === Code.TypeCase && typeof node.value === 'string') {
    const lower = node.value.toLowerCase();
    if (lower !== node.value && ctx.catalog.getType(lower)) return [lower];
  }
  return [];
}

function replaceString(doc: ConnectorDocument, d: Diagnostic, ctx: FeatureContext): CodeAction[] {
  const node = flaggedNode(doc, d, 'string');
  if (!node) return [];
  const range = nodeRange(doc.document, node);
  // A scope suggestion the list already holds (`calendar.readonl` next to `calendar.readonly`): replacing
  // would make a duplicate, so the fix is to remove the misspelt one.
  const listed = new Set(
    node.parent?.type === 'array'
      ? node.parent.children?.filter((item) => item !== node).map((item) => item.value)
      : [],
  );
  return replacementsFor(d, node, ctx).flatMap((value, i) => {
    if (listed.has(value)) {
      const title = `Remove '${String(node.value)}' ('${value}' is already listed)`;
      return removeNode(doc, d, 'string', () => title).map((a) => ({ ...a, isPreferred: i === 0 }));
    }
    return [
      action(
        `Replace with '${value}'`,
        d,
        textEdits(doc, [TextEdit.replace(range, quoteString(value, node.quote))]),
        i === 0,
      ),
    ];
  });
}

// ---------------------------------------------------------------------------------------------------
// Remove an array item or a property

function removeNode(
  doc: ConnectorDocument,
  d: Diagnostic,
  type: JsonNode['type'],
  title: (node: JsonNode) => string,
): CodeAction[] {
  let node = flaggedNode(doc, d, type);
  // scopes-not-used may flag the key or the value rather than the whole property.
  if (!node && type === 'property') {
    const inner = flaggedNode(doc, d, 'string') ?? flaggedNode(doc, d, 'array');
    if (inner?.parent?.type === 'property') node = inner.parent;
  }
  // Only members of an array or object can go (never a key on its own).
  if (!node || (node.parent?.type !== 'array' && node.parent?.type !== 'object')) return [];
  const edits = removalEdits(doc.document.getText(), node).map(([start, end]) =>
    TextEdit.del(offsetRange(doc.document, start, end)),
  );
  return edits.length > 0 ? [action(title(node), d, textEdits(doc, edits), true)] : [];
}

/** Removes a property; the diagnostic flags its key (validation) or the whole property. */
function removeKey(doc: ConnectorDocument, d: Diagnostic): CodeAction[] {
  const actions = removeNode(doc, d, 'property', (node) => `Remove '${String(node.children?.[0]?.value ?? '')}'`);
  // When a rename is offered (`"scope"` → `"scopes"`), that is the better fix.
  if (d.code === Code.IgnoredKey && renameKey(doc, d).length > 0) for (const a of actions) a.isPreferred = false;
  return actions;
}

/** ignored-key with a guess (`"scope"`, `"Type"`): rename the key, unless the object already has it. */
function renameKey(doc: ConnectorDocument, d: Diagnostic): CodeAction[] {
  const guess = ((d.data ?? {}) as DiagnosticData).replacements?.[0];
  const property = flaggedNode(doc, d, 'property') ?? flaggedNode(doc, d, 'string')?.parent;
  const key = property?.type === 'property' ? property.children?.[0] : undefined;
  if (!guess || !key || findProperty(property!.parent, guess)) return [];
  // An unquoted key stays unquoted (the guesses are plain identifiers).
  const newText = key.quote === '' ? guess : quoteString(guess, key.quote);
  const edit = TextEdit.replace(nodeRange(doc.document, key), newText);
  return [action(`Rename to '${guess}'`, d, textEdits(doc, [edit]), true)];
}

function impliedTitle(doc: ConnectorDocument, node: JsonNode, ctx: FeatureContext): string {
  const scope = String(node.value);
  const type = declaredType(doc.parsed);
  const by =
    type === undefined
      ? undefined
      : node.parent?.children?.find(
          (item) =>
            item !== node &&
            typeof item.value === 'string' &&
            item.value !== scope &&
            ctx.catalog.impliedBy(type, item.value).includes(scope),
        );
  return by
    ? `Remove '${scope}' (already granted by '${String(by.value)}')`
    : `Remove '${scope}' (already granted by another scope)`;
}

/**
 * Offsets `[start, end)` to delete so that `node` (an array item or an object property) disappears with
 * its comma and the container stays valid JSON5:
 * - alone on its line: the whole line goes (with a trailing `// comment` on it); if it was the last
 *   item without a trailing comma, the previous item's comma goes too, to keep the file's style;
 * - inline: from the item to the next one, or for the last item from the end of the previous one.
 */
function removalEdits(text: string, node: JsonNode): [number, number][] {
  const siblings = node.parent?.children ?? [];
  const index = siblings.indexOf(node);
  if (index < 0) return [];
  const start = node.offset;
  const end = node.offset + node.length;
  const prev = siblings[index - 1];
  const next = siblings[index + 1];
  const commaAfter = findComma(text, end, next ? next.offset : containerEnd(text, node.parent!));

  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineBreak = lineBreakAfter(text, commaAfter >= 0 ? commaAfter + 1 : end);
  if (isBlank(text, lineStart, start) && lineBreak >= 0) {
    const edits: [number, number][] = [[lineStart, lineBreak + lineBreakLength(text, lineBreak)]];
    if (!next && commaAfter < 0 && prev) {
      const prevComma = findComma(text, prev.offset + prev.length, start);
      if (prevComma >= 0) edits.unshift([prevComma, prevComma + 1]);
    }
    return edits;
  }
  if (next) return [[start, next.offset]];
  if (prev) return [[prev.offset + prev.length, end]];
  return [[start, commaAfter >= 0 ? commaAfter + 1 : end]];
}

/** Offset of the closing bracket of a container (or its end while the user is still typing it). */
function containerEnd(text: string, container: JsonNode): number {
  const last = container.offset + container.length - 1;
  return text[last] === ']' || text[last] === '}' ? last : container.offset + container.length;
}

/**
 * When only blanks and a comment follow `from` on its line, the offset of that line's break (or the end
 * of the text); otherwise -1.
 */
function lineBreakAfter(text: string, from: number): number {
  let i = skipBlanks(text, from);
  if (text.startsWith('//', i)) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    return text[nl - 1] === '\r' ? nl - 1 : nl;
  }
  if (text.startsWith('/*', i)) {
    const close = text.indexOf('*/', i + 2);
    const nl = text.indexOf('\n', i);
    if (close < 0 || (nl >= 0 && close > nl)) return -1;
    i = skipBlanks(text, close + 2);
  }
  return i >= text.length || text[i] === '\n' || text[i] === '\r' ? i : -1;
}

/** Length of the line break at `offset` (0 at the end of the text). */
function lineBreakLength(text: string, offset: number): number {
  if (text[offset] === '\r') return text[offset + 1] === '\n' ? 2 : 1;
  return text[offset] === '\n' ? 1 : 0;
}

function skipBlanks(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] !== ' ' && text[i] !== '\t') return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Add `"scopes": []`

function addScopes(doc: ConnectorDocument, d: Diagnostic): CodeAction[] {
  const root = doc.parsed.root;
  if (root?.type !== 'object') return [];
  const text = doc.document.getText();
  const typeProperty = findProperty(root, 'type');
  const keyQuote = typeProperty?.children?.[0]?.quote;
  const key = keyQuote === '' ? 'scopes' : quoteString('scopes', keyQuote);

  // Through jsonc-parser's modify when it can keep the file's layout (checked), else the edits below.
  const modified = typeProperty ? modifyRootProperty(text, doc.parsed, 'scopes', [], { after: 'type' }) : undefined;
  let edits: TextEdit[];
  if (modified) {
    edits = modified.map((e) => TextEdit.replace(nodeRange(doc.document, e), e.content));
  } else if (!typeProperty) {
    // No `type` to follow: open the object with it.
    const next = root.children?.[0];
    edits = [TextEdit.insert(doc.document.positionAt(root.offset + 1), ` ${key}: []${next ? ',' : ''}`)];
  } else {
    const siblings = root.children ?? [];
    const next = siblings[siblings.indexOf(typeProperty) + 1];
    const typeEnd = typeProperty.offset + typeProperty.length;
    const comma = findComma(text, typeEnd, next ? next.offset : containerEnd(text, root));
    const anchor = comma >= 0 ? comma + 1 : typeEnd;
    const lineStart = text.lastIndexOf('\n', typeProperty.offset - 1) + 1;
    const after = next ? ',' : '';
    if (isBlank(text, lineStart, typeProperty.offset)) {
      // One property per line: a new line with the same indentation, after any comment ending the line.
      const indent = text.slice(lineStart, typeProperty.offset);
      const lineBreak = lineBreakAfter(text, anchor);
      const insertAt = lineBreak < 0 ? anchor : lineBreak;
      const eol = lineBreak >= 0 && text[lineBreak] === '\r' ? '\r\n' : '\n';
      edits = [];
      if (comma < 0) edits.push(TextEdit.insert(doc.document.positionAt(typeEnd), ','));
      edits.push(TextEdit.insert(doc.document.positionAt(insertAt), `${eol}${indent}${key}: []${after}`));
    } else {
      edits = [TextEdit.insert(doc.document.positionAt(anchor), `${comma < 0 ? ',' : ''} ${key}: []${after}`)];
    }
  }
  return [action(`Add ${key}: []`, d, textEdits(doc, edits), true)];
}

// ---------------------------------------------------------------------------------------------------
// Rename the file to `<type>.jsonc`

function renameFile(doc: ConnectorDocument, d: Diagnostic, ctx: FeatureContext): CodeAction[] {
  const data = (d.data ?? {}) as DiagnosticData;
  const type = declaredType(doc.parsed);
  const expected = data.expectedFileName ?? (type !== undefined ? `${type}.jsonc` : undefined);
  if (!expected || expected === ctx.folder.fileName) return [];
  // Never clobber another connector file (compare case-insensitively: macOS and Windows folders are).
  const taken = ctx.folder.siblings.some((s) => s.fileName.toLowerCase() === expected.toLowerCase());
  if (taken) return [];
  const newUri = `${ctx.folder.folderUri}/${encodeURIComponent(expected)}`;
  const edit: WorkspaceEdit = {
    documentChanges: [RenameFile.create(doc.document.uri, newUri, { ignoreIfExists: true })],
  };
  return [action(`Rename file to ${expected}`, d, edit, true)];
}
