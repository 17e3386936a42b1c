/** Outline, folding, Expand Selection and links: the structure features over the JSON5 tree. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind, type SelectionRange } from 'vscode-languageserver';
import { documentLinks } from '../../server/src/features/documentLinks';
import { documentSymbols, MAX_SYMBOLS, symbolInformation } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { selectionRanges } from '../../server/src/features/selectionRanges';
import { caret, connectorDoc, featureContext } from '../support/caret';

const CALENDAR = [
  '// #region connector',
  '{',
  '  "type": "googlecalendar",',
  '  /* what the app',
  '     may do */',
  '  "scopes": [',
  '    "https://www.googleapis.com/auth/calendar.readonly",',
  '    "https://www.googleapis.com/auth/calendar.events",',
  '  ],',
  '  "note": { "a": [1, true, null] },',
  '}',
  '// #endregion',
  '',
].join('\n');

const ctx = featureContext();

test('symbols: type with its value and service, scopes with one child per scope, other keys too', () => {
  const symbols = documentSymbols(connectorDoc(CALENDAR), ctx);
  assert.deepEqual(
    symbols.map((s) => [s.name, s.kind, s.detail]),
    [
      ['type', SymbolKind.String, 'googlecalendar · Google Calendar'],
      ['scopes', SymbolKind.Array, '2 scopes'],
      ['note', SymbolKind.Module, undefined],
    ],
  );
  const scopes = symbols[1].children ?? [];
  assert.deepEqual(
    scopes.map((s) => s.name),
    ['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events'],
  );
  assert.ok(
    scopes.every((s) => s.kind === SymbolKind.String && (s.detail ?? '').length > 5),
    'scopes described',
  );
  assert.deepEqual(symbols[0].selectionRange, { start: { line: 2, character: 2 }, end: { line: 2, character: 8 } });
  assert.deepEqual(symbols[1].range, { start: { line: 5, character: 2 }, end: { line: 8, character: 3 } });
  const note = symbols[2].children?.[0];
  assert.deepEqual(
    note?.children?.map((s) => [s.name, s.kind]),
    [
      ['0', SymbolKind.Number],
      ['1', SymbolKind.Boolean],
      ['2', SymbolKind.Null],
    ],
  );

  const flat = symbolInformation(connectorDoc(CALENDAR), ctx);
  assert.deepEqual(
    flat.slice(0, 3).map((s) => [s.name, s.containerName]),
    [
      ['type', undefined],
      ['scopes', undefined],
      ['https://www.googleapis.com/auth/calendar.readonly', 'scopes'],
    ],
  );
});

test('symbols: JSON5 files, half-typed files and huge files', () => {
  const json5 = documentSymbols(connectorDoc("{ type: 'slack', scopes: ['chat:write'], '': 1 }"), ctx);
  assert.deepEqual(
    json5.map((s) => s.name),
    ['type', 'scopes', '""'],
  );
  assert.equal(json5[1].children?.[0].name, 'chat:write');
  assert.deepEqual(
    documentSymbols(connectorDoc('{ "type": '), ctx).map((s) => s.name),
    ['type'],
  );
  assert.deepEqual(documentSymbols(connectorDoc('"just a string"'), ctx), []);
  const huge = `{ "type": "slack", "scopes": [${'"a",'.repeat(20_000)}] }`;
  const count = (list: ReturnType<typeof documentSymbols>): number =>
    list.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
  assert.equal(count(documentSymbols(connectorDoc(huge), ctx)), MAX_SYMBOLS);
});

test('folding: objects and arrays (closing line visible), block comments, #region', () => {
  const ranges = foldingRanges(connectorDoc(CALENDAR));
  assert.deepEqual(ranges, [
    { startLine: 0, endLine: 11, kind: 'region' },
    { startLine: 1, endLine: 9, kind: 'object' },
    { startLine: 3, endLine: 4, kind: 'comment' },
    { startLine: 5, endLine: 7, kind: 'array' },
  ]);
  // One-line containers do not fold; an unclosed one folds to the end; the limit keeps the outermost.
  assert.deepEqual(foldingRanges(connectorDoc('{ "scopes": [] }')), []);
  assert.deepEqual(foldingRanges(connectorDoc('{\n  "scopes": [\n    "a",\n')), [
    { startLine: 0, endLine: 3, kind: 'object' },
    { startLine: 1, endLine: 3, kind: 'array' },
  ]);
  assert.deepEqual(
    foldingRanges(connectorDoc(CALENDAR), 2).map((r) => r.startLine),
    [0, 1],
  );
});

function chain(range: SelectionRange | undefined, text: string, doc = connectorDoc(text)): string[] {
  const out: string[] = [];
  for (let r = range; r; r = r.parent)
    out.push(text.slice(doc.document.offsetAt(r.range.start), doc.document.offsetAt(r.range.end)));
  return out;
}

test('selection ranges grow along the structure', () => {
  const { text, offset } = caret('{ "type": "slack", "scopes": ["chat:wr|ite", "im:read"] }');
  const doc = connectorDoc(text);
  const [range] = selectionRanges(doc, [doc.document.positionAt(offset)]);
  assert.deepEqual(chain(range, text, doc), [
    'chat:write',
    '"chat:write"',
    '"chat:write", "im:read"',
    '["chat:write", "im:read"]',
    '"scopes": ["chat:write", "im:read"]',
    '"type": "slack", "scopes": ["chat:write", "im:read"]',
    text,
  ]);
  // Outside any value (and past the end): still a valid chain.
  const [end] = selectionRanges(doc, [{ line: 5, character: 99 }]);
  assert.deepEqual(chain(end, text, doc), [text]);
});

test('links: the type to Base44 docs, each scope to the provider docs, https only', () => {
  const text =
    '{ "type": "googlecalendar", "scopes": ["https://www.googleapis.com/auth/calendar.readonly", "nope", 3] }';
  const doc = connectorDoc(text);
  const links = documentLinks(doc, ctx);
  const linked = links.map((l) => [
    text.slice(doc.document.offsetAt(l.range.start), doc.document.offsetAt(l.range.end)),
    l.target,
  ]);
  assert.deepEqual(linked, [
    ['googlecalendar', 'https://docs.base44.com/developers/backend/resources/connectors'],
    ['https://www.googleapis.com/auth/calendar.readonly', 'https://developers.google.com/workspace/calendar/api/auth'],
    ['nope', 'https://developers.google.com/workspace/calendar/api/auth'],
  ]);
  assert.ok(links.every((l) => l.target!.startsWith('https://')));
  assert.match(links[1].tooltip ?? '', /Google Calendar scope documentation/);
  // An unknown type links nothing; a catalog entry with a non-https URL is not linked.
  assert.deepEqual(documentLinks(connectorDoc('{ "type": "mything", "scopes": ["a"] }'), ctx), []);
  const cat = {
    ...ctx.catalog,
    getType: () => ({ ...ctx.catalog.getType('slack')!, docsUrl: 'http://x', base44DocsUrl: 'javascript:alert(1)' }),
  };
  assert.deepEqual(documentLinks(connectorDoc('{ "type": "slack", "scopes": ["a"] }'), { ...ctx, catalog: cat }), []);
});
