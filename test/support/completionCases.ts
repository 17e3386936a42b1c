/**
 * One-line completion cases, in the style of vscode-json-languageservice's `testCompletionsFor`:
 * `testCompletionsFor('{ "type": "slack", "scopes": ["|"] }', { contains: ['chat:write'] })`.
 */
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver';
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
  return items;
}
