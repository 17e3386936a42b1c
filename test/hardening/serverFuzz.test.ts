/**
 * Property-based tests of the language features, in process: for generated and mutated connector
 * documents (hostile characters, deep nesting, huge arrays, lone surrogates, CR / CRLF), parsing,
 * validation, completion, hover and quick fixes never throw, return well-formed results (every range
 * inside the document, every quick fix applicable), and validation is a pure function of the text. Files on
 * disk too: generated folders (links, FIFOs, huge files, non-UTF-8, UTF-16) are listed and judged as the CLI would.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DocumentSymbol, Position, Range, TextEdit } from 'vscode-languageserver';
import { catalog } from '../../server/src/catalog/catalog';
import { doCodeActions } from '../../server/src/features/codeActions';
import { doComplete } from '../../server/src/features/completion';
import type { ConnectorDocument } from '../../server/src/features/context';
import { documentLinks } from '../../server/src/features/documentLinks';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { formatConnector, formatOnType } from '../../server/src/features/formatting';
import { doHover } from '../../server/src/features/hover';
import { selectionRanges } from '../../server/src/features/selectionRanges';
import { validateConnector } from '../../server/src/features/validation';
import { parseJson5 } from '../../server/src/parser/json5Parser';
import { cliReadsConnectorEntry } from '../../server/src/cliRules';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { ConnectorWorkspace } from '../../server/src/project/connectorWorkspace';
import { connectorDoc, featureContext, FOLDER_URI } from '../support/caret';
import { connectorText, hostileText, mutatedConnector } from './arbitraries';
import { cliSyntaxOk, contentOf, diskEntries, resolvedKindOf, writeEntries } from './diskArbitraries';

/** Raise with FUZZ_RUNS=5000 for a longer hunt; fast-check prints the seed of any failure. */
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

function validPosition(document: TextDocument, p: Position): boolean {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return false;
  if (p.line >= document.lineCount) return false;
  // A valid position survives a round trip through offsets (offsetAt clamps invalid ones).
  const back = document.positionAt(document.offsetAt(p));
  return back.line === p.line && back.character === p.character;
}

function assertRange(document: TextDocument, r: Range | undefined, what: string): void {
  assert.ok(r, `${what}: has a range`);
  assert.ok(validPosition(document, r.start), `${what}: start ${JSON.stringify(r.start)} inside the document`);
  assert.ok(validPosition(document, r.end), `${what}: end ${JSON.stringify(r.end)} inside the document`);
  assert.ok(document.offsetAt(r.start) <= document.offsetAt(r.end), `${what}: start before end`);
}

const ctx = featureContext([{ fileName: 'slack.jsonc', type: 'slack' }]);

function validate(text: string): Diagnostic[] {
  return validateConnector(connectorDoc(text), ctx);
}

/** Everything an editor may ask about one document, each answer checked for shape. */
function exercise(text: string, offsets: readonly number[]): void {
  const doc: ConnectorDocument = connectorDoc(text);
  const { document } = doc;
  const diagnostics = validateConnector(doc, ctx);
  assert.ok(Array.isArray(diagnostics));
  for (const d of diagnostics) {
    assertRange(document, d.range, `diagnostic ${String(d.code)}`);
    assert.equal(typeof d.message, 'string');
    assert.equal(d.source, 'base44');
    // What the server publishes must survive JSON (the protocol).
    assert.doesNotThrow(() => JSON.stringify(d));
  }

  const actions = doCodeActions(
    doc,
    { start: { line: 0, character: 0 }, end: document.positionAt(text.length) },
    diagnostics,
    ctx,
  );
  for (const action of actions) {
    assert.equal(typeof action.title, 'string');
    const edits: TextEdit[] = action.edit?.changes?.[document.uri] ?? [];
    for (const e of edits) assertRange(document, e.range, `quick fix "${action.title}"`);
    // Applying a quick fix never fails (no overlapping edits) and the result can be validated again.
    const fixed = TextDocument.applyEdits(document, edits);
    if (text.length < 20_000) assert.ok(Array.isArray(validate(fixed)));
  }

  exerciseEditing(doc, offsets);

  for (const offset of offsets) {
    const position = document.positionAt(offset);
    const list = doComplete(doc, position, ctx);
    assert.ok(list && Array.isArray(list.items), 'completion answers a list');
    for (const item of list.items) {
      assert.equal(typeof item.label, 'string');
      const te = item.textEdit;
      if (te && 'range' in te) assertRange(document, te.range, `completion ${item.label}`);
      if (te && 'insert' in te) {
        assertRange(document, te.insert, `completion ${item.label} insert`);
        assertRange(document, te.replace, `completion ${item.label} replace`);
      }
      for (const e of item.additionalTextEdits ?? [])
        assertRange(document, e.range, `completion ${item.label} additional edit`);
    }
    const hover = doHover(doc, position, ctx);
    if (hover) {
      if (hover.range) assertRange(document, hover.range, 'hover');
      assert.ok(hover.contents);
    }
  }
}

/** Formatting, outline, folding, selection and links: well-formed answers, and formatting changes only whitespace. */
function exerciseEditing(doc: ConnectorDocument, offsets: readonly number[]): void {
  const { document } = doc;
  const text = document.getText();
  const options = { tabSize: 2, insertSpaces: true };
  const checkEdits = (edits: TextEdit[], what: string) => {
    for (const e of edits) assertRange(document, e.range, what);
    const after = TextDocument.applyEdits(document, edits);
    // Only whitespace moves: the text without whitespace is unchanged (no comment, string or comma lost).
    if (text.length < 20_000)
      assert.equal(after.replace(/\s+/g, ''), text.replace(/\s+/g, ''), `${what} changed more than whitespace`);
  };
  // Formatting a megabyte file is timed on its own below (it rewrites 100k gaps; the budget here is for the rest).
  if (text.length > FORMAT_IN_EXERCISE_MAX) return exerciseStructure(doc, offsets);
  const whole = formatConnector(doc, options);
  checkEdits(whole.edits, 'format');
  assert.ok(whole.edits.length === 0 || whole.refusal === undefined, 'a refusal comes with no edits');
  const first = document.positionAt(offsets[0]);
  const last = document.positionAt(offsets[offsets.length - 1]);
  const range =
    document.offsetAt(first) <= document.offsetAt(last) ? { start: first, end: last } : { start: last, end: first };
  checkEdits(formatConnector(doc, options, range).edits, 'range format');
  for (const offset of offsets) {
    for (const ch of ['}', ']', ','])
      checkEdits(formatOnType(doc, document.positionAt(offset), ch, options), `on type ${ch}`);
  }

  exerciseStructure(doc, offsets);
}

const FORMAT_IN_EXERCISE_MAX = 200_000;

function exerciseStructure(doc: ConnectorDocument, offsets: readonly number[]): void {
  const { document } = doc;
  const visit = (symbols: DocumentSymbol[]) => {
    for (const s of symbols) {
      assert.ok(s.name.length > 0, 'symbol names are never empty');
      assertRange(document, s.range, `symbol ${s.name}`);
      assertRange(document, s.selectionRange, `symbol ${s.name} selection`);
      assert.ok(
        document.offsetAt(s.range.start) <= document.offsetAt(s.selectionRange.start),
        'selection inside range',
      );
      assert.ok(document.offsetAt(s.selectionRange.end) <= document.offsetAt(s.range.end), 'selection inside range');
      visit(s.children ?? []);
    }
  };
  visit(documentSymbols(doc, ctx));
  for (const f of foldingRanges(doc)) {
    assert.ok(
      f.startLine < f.endLine && f.endLine < document.lineCount,
      `folding ${JSON.stringify(f)} inside the document`,
    );
  }
  for (const selection of selectionRanges(
    doc,
    offsets.map((o) => document.positionAt(o)),
  )) {
    let inner: Range | undefined;
    for (let r: typeof selection | undefined = selection; r; r = r.parent) {
      assertRange(document, r.range, 'selection range');
      if (inner) {
        assert.ok(document.offsetAt(r.range.start) <= document.offsetAt(inner.start), 'a parent contains its child');
        assert.ok(document.offsetAt(r.range.end) >= document.offsetAt(inner.end), 'a parent contains its child');
      }
      inner = r.range;
    }
  }
  for (const link of documentLinks(doc, ctx)) {
    assertRange(document, link.range, 'link');
    assert.match(link.target ?? '', /^https:\/\//);
  }
}

const withOffsets = (text: fc.Arbitrary<string>) =>
  text.chain((t) => fc.tuple(fc.constant(t), fc.array(fc.nat({ max: t.length }), { minLength: 1, maxLength: 6 })));

/** Every feature on `numRuns` generated texts, each at a few generated offsets. */
function exerciseAll(texts: fc.Arbitrary<string>, numRuns: number): void {
  fc.assert(
    fc.property(withOffsets(texts), ([text, offsets]) => exercise(text, offsets)),
    { numRuns },
  );
}

test('connector-shaped documents: no feature throws, every range is inside the document', () => {
  exerciseAll(connectorText, NUM_RUNS);
});

test('mutated connector documents (hostile characters inserted, cut, duplicated, truncated)', () => {
  exerciseAll(mutatedConnector, NUM_RUNS * 2);
});

test('arbitrary text, including lone surrogates, NUL and control characters', () => {
  exerciseAll(hostileText, NUM_RUNS);
});

test('diagnostics are a pure function of the text (twice, and after any edit history)', () => {
  fc.assert(
    fc.property(
      mutatedConnector,
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 6 })), { maxLength: 8 }),
      (target, history) => {
        const direct = validate(target);
        assert.deepEqual(validate(target), direct, 'same text, same diagnostics');
        // Reach the same text through incremental edits of an unrelated start, as an editor would.
        const doc = TextDocument.create(
          `${FOLDER_URI}/googlecalendar.jsonc`,
          'base44-connector',
          1,
          '{ "type": "slack" }',
        );
        let version = 1;
        for (const [a, b, insert] of history) {
          const len = doc.getText().length;
          const start = doc.positionAt(Math.min(a, b) % (len + 1));
          const end = doc.positionAt(Math.max(a, b) % (len + 1));
          TextDocument.update(doc, [{ range: { start, end }, text: insert }], ++version);
          validateConnector({ document: doc, parsed: parseJson5(doc.getText()) }, ctx);
        }
        TextDocument.update(
          doc,
          [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text: target }],
          ++version,
        );
        assert.equal(doc.getText(), target);
        assert.deepEqual(
          validateConnector({ document: doc, parsed: parseJson5(doc.getText()) }, ctx),
          direct,
          'edit history does not matter',
        );
      },
    ),
    { numRuns: NUM_RUNS },
  );
});

test('pathological sizes: 100k-element arrays, 10k nesting, megabyte strings, CR-only lines', () => {
  const scope = 'https://www.googleapis.com/auth/calendar.readonly';
  const cases: [string, string][] = [
    [
      '100k scopes',
      `{ "type": "googlecalendar", "scopes": [${Array.from({ length: 100_000 }, (_, i) => `"${i % 2 ? scope : 's' + i}"`).join(',')}] }`,
    ],
    ['10k nested arrays', `{ "type": "slack", "scopes": ${'['.repeat(10_000)}${']'.repeat(10_000)} }`],
    ['10k nested objects, unclosed', `{ "type": "slack", "x": ${'{"a":'.repeat(10_000)}`],
    ['1 MB type', `{ "type": "${'a'.repeat(1 << 20)}", "scopes": [] }`],
    ['1 MB scope with escapes', `{ "type": "slack", "scopes": ["${'\\u0041\\n'.repeat(1 << 17)}"] }`],
    ['1 MB comment', `{ /*${'*'.repeat(1 << 20)}*/ "type": "slack" }`],
    ['lone surrogates', `{ "type": "sl\uD800ack", "scopes": ["\uDC00", "a\uDBFF"], "\uD83D": 1 }`],
    ['NUL and controls', `{ "type": "slack\u0000", "scopes": ["\u0001\u0002\u001b[31m", "\u007f"] }\u0000`],
    ['CR only', '{\r"type": "slack",\r"scopes": [\r"chat:write",\r"chat:write"\r]\r}'],
    ['CRLF', '{\r\n"type": "googlecalender",\r\n"scopes": [\r\n"x"\r\n]\r\n}\r\n'],
    ['BOM and U+2028', '\uFEFF{ "type": "slack",\u2028"scopes": ["chat:write"]\u2029}'],
  ];
  for (const [name, text] of cases) {
    const offsets = [0, 1, text.length >> 1, text.length - 1, text.length].filter((o) => o >= 0 && o <= text.length);
    assert.doesNotThrow(() => exercise(text, offsets), name);
    assert.deepEqual(validate(text), validate(text), `${name}: pure`);
  }
});

test('formatting pathological files: only whitespace changes, within the time budget', () => {
  const scope = 'https://www.googleapis.com/auth/calendar.readonly';
  const cases: [string, string][] = [
    [
      '100k scopes',
      `{ "type": "googlecalendar", "scopes": [${Array.from({ length: 100_000 }, (_, i) => `"${i % 2 ? scope : 's' + i}"`).join(',')}] }`,
    ],
    ['1 MB comment', `{ /*${'*'.repeat(1 << 20)}*/ "type": "slack" }`],
    ['10k nested arrays', `{ "type": "slack", "scopes": ${'['.repeat(10_000)}${']'.repeat(10_000)} }`],
  ];
  for (const [name, text] of cases) {
    const started = Date.now();
    const doc = connectorDoc(text);
    const outcome = formatConnector(doc, { tabSize: 2, insertSpaces: true });
    // Deep nesting is refused (its indentation alone would take gigabytes), the rest formatted.
    assert.equal(outcome.refusal === undefined, !name.includes('nested'), `${name}: ${outcome.refusal}`);
    const after = TextDocument.applyEdits(doc.document, outcome.edits);
    assert.equal(after.replace(/\s+/g, ''), text.replace(/\s+/g, ''), name);
    assert.ok(Date.now() - started < 10_000, `${name} took ${Date.now() - started} ms`);
  }
});

test('the catalog-driven features hold for every known type and scope', () => {
  // Every documented type / scope in a file, hovered and completed everywhere: nothing throws.
  for (const t of catalog.types) {
    const text = `{ "type": "${t.type}", "scopes": [${t.scopes
      .slice(0, 20)
      .map((s) => JSON.stringify(s.scope))
      .join(', ')}], }`;
    const offsets = Array.from({ length: Math.min(text.length, 200) }, (_, i) => Math.floor((i * text.length) / 200));
    exercise(text, offsets);
  }
});

test(
  'files on disk: links, FIFOs, folders, huge files, non-UTF-8 and UTF-16 are listed and judged as the CLI would',
  { skip: process.platform === 'win32' },
  () => {
    fc.assert(
      fc.property(diskEntries, (entries) => {
        const root = mkdtempSync(join(tmpdir(), 'b44-disk-fuzz-'));
        try {
          writeFileSync(join(root, 'config.jsonc'), '{ "name": "fuzz" }');
          const dir = join(root, 'connectors');
          writeEntries(dir, join(root, 'targets'), entries);
          const workspace = new ConnectorWorkspace(nodeFileSystem, catalog);
          workspace.setWorkspaceFolders([root]);
          const [project] = workspace.allProjects();
          const diagnostics = workspace.validateProject(project);
          const expected = entries
            .filter((e) => cliReadsConnectorEntry(e.name, resolvedKindOf(e)))
            .map((e) => join(dir, e.name))
            .sort();
          assert.deepEqual([...diagnostics.keys()].sort(), expected, 'exactly the files the CLI reads');
          for (const entry of entries) {
            const file = join(dir, entry.name);
            const found = diagnostics.get(file);
            if (!found) continue;
            const codes = found.map((d) => d.code);
            if (entry.kind === 'big-file') {
              assert.deepEqual(codes, ['file-too-large'], entry.name);
              continue;
            }
            const bytes = contentOf(entry);
            // The server decodes as the CLI does, and its syntax verdict is the CLI's JSON5 one.
            assert.equal(workspace.readText(file), bytes.toString('utf8'));
            assert.equal(
              !codes.includes('json-syntax'),
              cliSyntaxOk(bytes),
              `${entry.name}: ${JSON.stringify(bytes.toString('utf8'))}`,
            );
          }
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: Math.max(20, NUM_RUNS >> 2) },
    );
  },
);
