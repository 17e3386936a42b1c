/** Edits through jsonc-parser's modify, checked, and Add Connector's scope additions built on them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listedScopes, withScopes } from '../../client/src/sync/connectorEdits';
import { detectFormatting, modifyRootProperty } from '../../server/src/features/jsoncEdits';
import { parseJson5 } from '../../server/src/parser/json5Parser';
import { applyEdits } from 'jsonc-parser';

const modified = (text: string, ...args: [string, unknown, { after?: string; append?: boolean }?]) => {
  const edits = modifyRootProperty(text, parseJson5(text), ...args);
  return edits && applyEdits(text, edits);
};

test('detects the file indentation and line ends', () => {
  assert.deepEqual(detectFormatting('{\r\n\t"a": 1\r\n}'), { tabSize: 4, insertSpaces: false, eol: '\r\n' });
  assert.deepEqual(detectFormatting('{\n    "a": 1\n}'), { tabSize: 4, insertSpaces: true, eol: '\n' });
  assert.deepEqual(detectFormatting('{}'), { tabSize: 2, insertSpaces: true, eol: '\n' });
});

test('modify follows the file: indentation, trailing commas, comments in place', () => {
  assert.equal(
    modified('{\n    "type": "slack", // chat\n    "scopes": [\n        "a",\n    ],\n}\n', 'scopes', 'b', {
      append: true,
    }),
    '{\n    "type": "slack", // chat\n    "scopes": [\n        "a",\n        "b",\n    ],\n}\n',
  );
  assert.equal(
    modified('{\n  "type": "slack"\n}', 'scopes', [], { after: 'type' }),
    '{\n  "type": "slack",\n  "scopes": []\n}',
  );
});

test('modify is refused where it would move a comment, reflow a one-line list, or misread JSON5', () => {
  // jsonc-parser would put "scopes" between the type and its comment.
  assert.equal(modified('{\n  "type": "slack" // chat\n}', 'scopes', [], { after: 'type' }), undefined);
  assert.equal(modified('{ "type": "slack", "scopes": ["a"] }', 'scopes', 'b', { append: true }), undefined);
  assert.equal(
    modified("{\n  type: 'slack',\n  scopes: [\n    'a',\n  ],\n}", 'scopes', 'b', { append: true }),
    undefined,
  );
  assert.equal(modified('{\n  "type": "slack", "scopes": [\n', 'scopes', 'b', { append: true }), undefined);
});

test("Add Connector on an existing file: scopes appended in the file's own style", () => {
  const calendar = '// mine\n{\n  "type": "googlecalendar",\n  "scopes": [\n    "a",\n  ],\n}\n';
  assert.equal(
    withScopes(calendar, ['b', 'c']),
    '// mine\n{\n  "type": "googlecalendar",\n  "scopes": [\n    "a",\n    "b",\n    "c",\n  ],\n}\n',
  );
  assert.equal(withScopes("{ type: 'slack', scopes: ['a'] }", ['b']), "{ type: 'slack', scopes: ['a', 'b'] }");
  assert.equal(withScopes('{ "type": "slack", "scopes": [] }', ['b']), '{ "type": "slack", "scopes": ["b"] }');
  assert.equal(withScopes('{\n  "type": "slack"\n}', ['b']), '{\n  "type": "slack",\n  "scopes": [\n    "b"\n  ]\n}');
  assert.deepEqual(listedScopes(calendar), ['a']);
  assert.equal(listedScopes('{ "type": "slack", "scopes": [1] }'), undefined);
  assert.equal(listedScopes('{ "type": '), undefined);
});
