/**
 * Property-based tests of the language features, in process: for generated and mutated connector
 * documents (hostile characters, deep nesting, huge arrays, lone surrogates, CR / CRLF), parsing,
 * validation, completion, hover and quick fixes never throw, return well-formed results (every range
 * inside the document, every quick fix applicable), and validation is a pure function of the text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver';
import { catalog } from '../../server/src/catalog/catalog';
import { doCodeActions } from '../../server/src/features/codeActions';
import { doComplete } from '../../server/src/features/completion';
import type { ConnectorDocument } from '../../server/src/features/context';
import { doHover } from '../../server/src/features/hover';
import { validateConnector } from '../../server/src/features/validation';
import { parseJson5 } from '../../server/src/parser/json5Parser';
import { connectorDoc, featureContext, FOLDER_URI } from '../support/caret';
import { connectorText, hostileText, mutatedConnector } from './arbitraries';

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

  const actions = doCodeActions(doc, { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, diagnostics, ctx);
  for (const action of actions) {
    assert.equal(typeof action.title, 'string');
    const edits: TextEdit[] = action.edit?.changes?.[document.uri] ?? [];
    for (const e of edits) assertRange(document, e.range, `quick fix "${action.title}"`);
    // Applying a quick fix never fails (no overlapping edits) and the result can be validated again.
    const fixed = TextDocument.applyEdits(document, edits);
    if (text.length < 20_000) assert.ok(Array.isArray(validate(fixed)));
  }

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
      for (const e of item.additionalTextEdits ?? []) assertRange(document, e.range, `completion ${item.label} additional edit`);
    }
    const hover = doHover(doc, position, ctx);
    if (hover) {
      if (hover.range) assertRange(document, hover.range, 'hover');
      assert.ok(hover.contents);
    }
  }
}

const withOffsets = (text: fc.Arbitrary<string>) =>
  text.chain((t) => fc.tuple(fc.constant(t), fc.array(fc.nat({ max: t.length }), { minLength: 1, maxLength: 6 })));

test('connector-shaped documents: no feature throws, every range is inside the document', () => {
  fc.assert(fc.property(withOffsets(connectorText), ([text, offsets]) => exercise(text, offsets)), { numRuns: NUM_RUNS });
});

test('mutated connector documents (hostile characters inserted, cut, duplicated, truncated)', () => {
  fc.assert(fc.property(withOffsets(mutatedConnector), ([text, offsets]) => exercise(text, offsets)), { numRuns: NUM_RUNS * 2 });
});

test('arbitrary text, including lone surrogates, NUL and control characters', () => {
  fc.assert(fc.property(withOffsets(hostileText), ([text, offsets]) => exercise(text, offsets)), { numRuns: NUM_RUNS });
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
        const doc = TextDocument.create(`${FOLDER_URI}/googlecalendar.jsonc`, 'base44-connector', 1, '{ "type": "slack" }');
        let version = 1;
        for (const [a, b, insert] of history) {
          const len = doc.getText().length;
          const start = doc.positionAt(Math.min(a, b) % (len + 1));
          const end = doc.positionAt(Math.max(a, b) % (len + 1));
          TextDocument.update(doc, [{ range: { start, end }, text: insert }], ++version);
          validateConnector({ document: doc, parsed: parseJson5(doc.getText()) }, ctx);
        }
        TextDocument.update(doc, [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text: target }], ++version);
        assert.equal(doc.getText(), target);
        assert.deepEqual(validateConnector({ document: doc, parsed: parseJson5(doc.getText()) }, ctx), direct, 'edit history does not matter');
      },
    ),
    { numRuns: NUM_RUNS },
  );
});

test('pathological sizes: 100k-element arrays, 10k nesting, megabyte strings, CR-only lines', () => {
  const scope = 'https://www.googleapis.com/auth/calendar.readonly';
  const cases: [string, string][] = [
    ['100k scopes', `{ "type": "googlecalendar", "scopes": [${Array.from({ length: 100_000 }, (_, i) => `"${i % 2 ? scope : 's' + i}"`).join(',')}] }`],
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

test('the catalog-driven features hold for every known type and scope', () => {
  // Every documented type / scope in a file, hovered and completed everywhere: nothing throws.
  for (const t of catalog.types) {
    const text = `{ "type": "${t.type}", "scopes": [${t.scopes.slice(0, 20).map((s) => JSON.stringify(s.scope)).join(', ')}], }`;
    const offsets = Array.from({ length: Math.min(text.length, 200) }, (_, i) => Math.floor((i * text.length) / 200));
    exercise(text, offsets);
  }
});
