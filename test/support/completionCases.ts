/**
 * One-line completion cases, in the style of vscode-json-languageservice's `testCompletionsFor`:
 * `testCompletionsFor('{ "type": "slack", "scopes": ["|"] }', { contains: ['chat:write'] })`.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { doComplete } from '../../server/src/features/completion';
import { caret, connectorDoc, featureContext } from './caret';

export interface ExpectedCompletions {
  /** Labels that must be offered. */
  readonly contains?: readonly string[];
  /** Labels that must not be offered. */
  readonly excludes?: readonly string[];
  /** The exact number of items. */
  readonly count?: number;
  /** The first items, in this order. */
  readonly startsWith?: readonly string[];
  /** Label -> the whole document after accepting that item (vscode-json-languageservice's `resultText`). */
  readonly resultText?: Readonly<Record<string, string>>;
}

/** The document after accepting `item` (snippet placeholders stripped, `$1`-style and choices). */
export function accept(doc: ReturnType<typeof connectorDoc>, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const edits = [edit, ...(item.additionalTextEdits ?? [])].map((e) => ({
    ...e,
    newText: e.newText
      .replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\d+/g, ''),
  }));
  return TextDocument.applyEdits(doc.document, edits);
}

export function testCompletionsFor(
  marked: string,
  expected: ExpectedCompletions,
  ctx = featureContext(),
  fileName?: string,
): CompletionItem[] {
  const { text, offset } = caret(marked);
  const doc = connectorDoc(text, fileName);
  const items = doComplete(doc, doc.document.positionAt(offset), ctx).items;
  const labels = items.map((i) => i.label);
  const where = `${marked} → [${labels.join(', ')}]`;
  for (const label of expected.contains ?? []) assert.ok(labels.includes(label), `missing ${label}: ${where}`);
  for (const label of expected.excludes ?? []) assert.ok(!labels.includes(label), `unexpected ${label}: ${where}`);
  if (expected.count !== undefined) assert.equal(items.length, expected.count, where);
  if (expected.startsWith) assert.deepEqual(labels.slice(0, expected.startsWith.length), expected.startsWith, where);
  for (const [label, result] of Object.entries(expected.resultText ?? {})) {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `missing ${label}: ${where}`);
    assert.equal(accept(doc, item), result, `accepting ${label} in ${marked}`);
  }
  return items;
}
