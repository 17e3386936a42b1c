/**
 * The server's store of open documents (server/src/project/documentStore.ts): the same text as
 * vscode-languageserver-textdocument after any edit history, edits whose cost does not grow with the
 * document, and a memory bound (documents too large are dropped, and closing gives the memory back).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  MAX_STORED_DOCUMENT_CHARS,
  MAX_STORED_TOTAL_CHARS,
  OpenDocument,
  openDocumentsConfiguration,
  splitLines,
  StoreBudget,
} from '../../server/src/project/documentStore';

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const textArb = fc
  .array(fc.constantFrom('a', 'b', ' ', '"', '\n', '\r', '\r\n', '{', '}', 'é', '\uD83D\uDE00'), { maxLength: 40 })
  .map((parts) => parts.join(''));
const positionArb = fc.record({ line: fc.integer({ min: -1, max: 8 }), character: fc.integer({ min: -1, max: 12 }) });
const changeArb = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: positionArb, end: positionArb }), text: textArb }) },
  { weight: 1, arbitrary: fc.record({ text: textArb }) },
);

/**
 * The reference: each change applied by vscode-languageserver-textdocument to a document created from the
 * current text (its own incremental line bookkeeping goes wrong for lines past the end, which no editor sends).
 */
function reference(text: string, change: { range?: unknown; text: string }): string {
  const document = TextDocument.create('file:///a.jsonc', 'base44-connector', 1, text);
  return TextDocument.update(document, [change as { text: string }], 2).getText();
}

test('after any edit history the text is what vscode-languageserver-textdocument makes of it', () => {
  fc.assert(
    fc.property(
      textArb,
      fc.array(fc.array(changeArb, { minLength: 1, maxLength: 3 }), { maxLength: 25 }),
      (initial, batches) => {
        const budget: StoreBudget = { used: 0 };
        const config = openDocumentsConfiguration(budget);
        let ours = config.create('file:///a.jsonc', 'base44-connector', 1, initial);
        let theirs = initial;
        let version = 1;
        for (const changes of batches) {
          version++;
          ours = config.update(ours, changes, version);
          for (const change of changes) theirs = reference(theirs, change);
          assert.equal(ours.getText(), theirs, JSON.stringify({ initial, batches }));
          assert.equal(ours.version, version);
          assert.equal(ours.length, theirs.length);
          assert.equal(budget.used, ours.length, 'the budget counts exactly the text kept');
        }
      },
    ),
    { numRuns: NUM_RUNS },
  );
});

test('splitLines keeps every line break and splits like LSP (\\r\\n, \\n, \\r)', () => {
  assert.deepEqual(splitLines('a\r\nb\rc\nd'), ['a\r\n', 'b\r', 'c\n', 'd']);
  assert.deepEqual(splitLines('a\n'), ['a\n', '']);
  assert.deepEqual(splitLines(''), ['']);
});

test('5,000 one-character edits on a 1.7 MB document touch only the edited lines', () => {
  const scopes = Array.from({ length: 40_000 }, (_, i) => `"https://www.googleapis.com/auth/x${i}"`).join(',\n  ');
  const text = `{ "type": "googlecalendar", "scopes": [\n  ${scopes}\n] }\n`;
  assert.ok(text.length > 1.7e6);
  const document = new OpenDocument('file:///big.jsonc', 'base44-connector', 1, text, { used: 0 });
  const before = document.charsCopied;
  for (let version = 2; version < 5_002; version++) {
    const at = { line: 1 + (version % 1000), character: 2 };
    document.update([{ range: { start: at, end: at }, text: ' ' }], version);
  }
  // The library copies the whole text per edit (5,000 x 1.7 MB); here each edit copies one ~45-character line.
  const copied = document.charsCopied - before;
  assert.ok(copied < 5_000 * 200, `copied ${copied} characters for 5,000 edits`);
  assert.equal(document.length, text.length + 5_000);
  assert.equal(document.getText().split(' ').length - text.split(' ').length, 5_000);
});

test('a document over the per-document cap is dropped: no text kept, edits ignored, a full text brings it back', () => {
  const budget: StoreBudget = { used: 0 };
  const big = 'x'.repeat(MAX_STORED_DOCUMENT_CHARS + 1);
  const document = new OpenDocument('file:///big.json', 'json', 1, big, budget);
  assert.equal(document.dropped, true);
  assert.equal(document.getText(), '');
  assert.equal(document.length, big.length, 'its size is remembered for the diagnostic');
  assert.equal(budget.used, 0);
  document.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'y' }], 2);
  assert.equal(document.dropped, true);
  document.update([{ text: '{ "type": "slack" }' }], 3);
  assert.equal(document.dropped, false);
  assert.equal(document.getText(), '{ "type": "slack" }');
  assert.equal(budget.used, 19);
  document.release();
  assert.equal(budget.used, 0, 'closing gives the memory back');
});

test('the open documents together never keep more than the total cap', () => {
  const budget: StoreBudget = { used: 0 };
  const size = Math.floor(MAX_STORED_DOCUMENT_CHARS / 2);
  const documents: OpenDocument[] = [];
  for (let i = 0; i * size <= MAX_STORED_TOTAL_CHARS + size; i++) {
    documents.push(new OpenDocument(`file:///f${i}.json`, 'json', 1, 'x'.repeat(size), budget));
    assert.ok(budget.used <= MAX_STORED_TOTAL_CHARS, `${budget.used} chars kept after ${i + 1} documents`);
  }
  assert.ok(
    documents.some((d) => d.dropped),
    'the last ones were dropped',
  );
  // Growing a kept document past the total drops it too.
  const kept = documents.find((d) => !d.dropped)!;
  const room = MAX_STORED_TOTAL_CHARS - budget.used;
  kept.update(
    [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'y'.repeat(room + 1) }],
    2,
  );
  assert.equal(kept.dropped, true);
  assert.ok(budget.used <= MAX_STORED_TOTAL_CHARS);
  for (const d of documents) d.release();
  assert.equal(budget.used, 0);
});
