import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FormattingOptions } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatConnector, formatOnType } from '../../server/src/features/formatting';
import { findJson5OnlySyntax } from '../../server/src/features/jsoncCompat';
import { parseJson5 } from '../../server/src/parser/json5Parser';
import { caret, connectorDoc } from '../support/caret';

const SPACES_2: FormattingOptions = { tabSize: 2, insertSpaces: true };

function formatted(text: string, options = SPACES_2): string {
  const doc = connectorDoc(text);
  const outcome = formatConnector(doc, options);
  assert.equal(outcome.refusal, undefined, `refused: ${outcome.refusal}`);
  return TextDocument.applyEdits(doc.document, outcome.edits);
}

test('formats a messy file, keeping comments and trailing commas', () => {
  const text = '// Google Calendar\n{"type":"googlecalendar", /* the type */\n"scopes":[\n"a", // first\n"b",\n],\n}\n';
  assert.equal(
    formatted(text),
    '// Google Calendar\n{\n  "type": "googlecalendar", /* the type */\n  "scopes": [\n    "a", // first\n    "b",\n  ],\n}\n',
  );
});

test('a file without trailing commas gets none; the client indentation (tabs) and the file line ends are used', () => {
  const text = '{ "type": "slack",\r\n "scopes": ["chat:write", "channels:read"] }';
  assert.equal(
    formatted(text, { tabSize: 4, insertSpaces: false }),
    '{\r\n\t"type": "slack",\r\n\t"scopes": [\r\n\t\t"chat:write",\r\n\t\t"channels:read"\r\n\t]\r\n}',
  );
});

test('an already formatted file gets no edits; the final newline is kept, or added when the editor asks', () => {
  const clean = '{\n  "type": "slack",\n  "scopes": [\n    "chat:write",\n  ],\n}\n';
  assert.deepEqual(formatConnector(connectorDoc(clean), SPACES_2).edits, []);
  assert.equal(
    formatted('{ "type": "notion" }', { ...SPACES_2, insertFinalNewline: true }),
    '{\n  "type": "notion"\n}\n',
  );
});

test('range formatting touches only the selected lines', () => {
  const text = '{\n"type":   "slack",\n"scopes":   ["chat:write"]\n}';
  const doc = connectorDoc(text);
  const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 18 } };
  const outcome = formatConnector(doc, SPACES_2, range);
  assert.equal(
    TextDocument.applyEdits(doc.document, outcome.edits),
    '{\n"type": "slack",\n"scopes":   ["chat:write"]\n}',
  );
});

test('JSON5-only syntax: nothing is formatted, and the refusal says what and where', () => {
  const cases: [string, RegExp][] = [
    ["{\n  type: 'slack' }", /unquoted key \(line 2\)/],
    ['{ "type": \'slack\' }', /single-quoted string \(line 1\)/],
    ['{ "type": "x", "n": 0x1F }', /hexadecimal/],
    ['{ "type": "x", "n": Infinity }', /`Infinity`/],
    ['{ "type": "x", "n": NaN }', /`NaN`/],
    ['{ "type": "x", "n": .5 }', /decimal point/],
    ['{ "type": "x", "n": 5. }', /decimal point/],
    ['{ "type": "x", "n": +1 }', /\+ sign/],
    ['{ "type": "a\\\nb" }', /continued on the next line/],
    ['{ "type": "\\x41" }', /JSON5 escape/],
  ];
  for (const [text, reason] of cases) {
    assert.deepEqual(parseJson5(text).errors, [], `fixture is valid JSON5: ${text}`);
    const outcome = formatConnector(connectorDoc(text), SPACES_2);
    assert.deepEqual(outcome.edits, [], text);
    assert.match(outcome.refusal ?? '', reason, text);
    assert.match(outcome.refusal ?? '', /googlecalendar\.jsonc was not formatted/);
    assert.deepEqual(
      formatOnType(connectorDoc(text + ','), { line: 0, character: text.length + 1 }, ',', SPACES_2),
      [],
    );
  }
  // Plain JSONC (comments, trailing commas, a BOM, -0, 1e5) is not JSON5-only.
  const jsonc = '\uFEFF// c\n{ "type": "x", /* b */ "n": -0, "m": 1.5e5, "s": ["\\u0041\\n",], }';
  assert.equal(findJson5OnlySyntax(jsonc, parseJson5(jsonc)), undefined);
  assert.equal(formatted(jsonc).slice(0, 9), '\uFEFF// c\n{\n ');
});

test('a file that does not parse is formatted only when JSONC can read every token', () => {
  assert.equal(formatted('{ "type": "slack", "scopes": [ "a" '), '{\n  "type": "slack",\n  "scopes": [\n    "a"');
  const outcome = formatConnector(connectorDoc("{ 'type: slack }"), SPACES_2);
  assert.deepEqual(outcome.edits, []);
  assert.match(outcome.refusal ?? '', /does not parse/);
});

test("on type: `}` and `]` re-indent the container just closed, `,` its line; line breaks are the user's", () => {
  const closeBrace = caret('{\n"type":"slack",\n    "scopes":["a",   "b"]\n}|');
  const doc = connectorDoc(closeBrace.text);
  const edits = formatOnType(doc, doc.document.positionAt(closeBrace.offset), '}', SPACES_2);
  assert.equal(TextDocument.applyEdits(doc.document, edits), '{\n  "type": "slack",\n  "scopes": [ "a", "b" ]\n}');

  const comma = caret('{\n  "type" :  "slack" ,|\n}');
  const commaDoc = connectorDoc(comma.text);
  const commaEdits = formatOnType(commaDoc, commaDoc.document.positionAt(comma.offset), ',', SPACES_2);
  assert.equal(TextDocument.applyEdits(commaDoc.document, commaEdits), '{\n  "type": "slack",\n}');

  // The character before the caret is not the one typed (stale request): nothing.
  assert.deepEqual(formatOnType(doc, { line: 0, character: 1 }, '}', SPACES_2), []);
});
