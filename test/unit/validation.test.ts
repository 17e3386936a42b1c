/**
 * validation.ts on its own: which diagnostic, where, with which quick-fix data. (Agreement with the real
 * CLI on what is an error is the parity suite's job: test/parity.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { duplicateTypeDiagnostics, validateConnector } from '../../server/src/features/validation';
import { connectorDoc, featureContext } from '../support/caret';

const CAL = 'https://www.googleapis.com/auth/calendar';

function validate(text: string, fileName = 'googlecalendar.jsonc'): Diagnostic[] {
  return validateConnector(connectorDoc(text, fileName), featureContext([], fileName));
}

/** The text each diagnostic covers, with its code: where it points, not only that it exists. */
function located(text: string, fileName?: string): [string | number | undefined, string][] {
  const doc = connectorDoc(text, fileName);
  return validate(text, fileName).map((d) => [
    d.code,
    text.slice(doc.document.offsetAt(d.range.start), doc.document.offsetAt(d.range.end)),
  ]);
}

test('the docs example, JSON5 spellings and a BOM are clean', () => {
  for (const text of [
    `{\n  "type": "googlecalendar",\n  "scopes": [\n    "${CAL}.readonly",\n    "${CAL}.events",\n  ],\n}\n`,
    `// comment\n{ type: 'googlecalendar', scopes: ['${CAL}.readonly'], }`,
    `\uFEFF{ "type": "googlecalendar", "scopes": ["${CAL}.readonly"] }`,
  ]) {
    assert.deepEqual(validate(text), [], text);
  }
});

test('errors where the CLI refuses, located on the offending node', () => {
  assert.deepEqual(
    located('{ "type": "slack", "scopes": [ }', 'slack.jsonc').map(([c]) => c),
    ['json-syntax'],
  );
  assert.deepEqual(located('[1]', 'x.jsonc'), [['root-not-object', '[1]']]);
  assert.deepEqual(located('{ "scopes": [] }', 'x.jsonc'), [['type-missing', '{']]);
  assert.deepEqual(located('{ "type": 7 }', 'x.jsonc'), [['type-not-string', '7']]);
  assert.deepEqual(located('{ "type": "has space" }', 'x.jsonc'), [['type-invalid', '"has space"']]);
  assert.deepEqual(located('{ "type": "" }', 'x.jsonc'), [['type-invalid', '""']]);
  assert.deepEqual(located('{ "type": "slack", "scopes": "chat:write" }', 'slack.jsonc'), [
    ['scopes-not-array', '"chat:write"'],
  ]);
  assert.deepEqual(located('{ "type": "slack", "scopes": ["chat:write", 3, null] }', 'slack.jsonc'), [
    ['scope-not-string', '3'],
    ['scope-not-string', 'null'],
  ]);
  for (const d of validate('{ "type": 7 }', 'x.jsonc')) assert.equal(d.severity, DiagnosticSeverity.Error);
  const [syntax] = validate('{ "type": "slack" "scopes": [] }', 'slack.jsonc');
  assert.match(String(syntax.message), /invalid character .*, expected ',' or '}'/);
  assert.equal(syntax.range.start.character, 18);
});

test('the CLI accepts these, so they are never errors', () => {
  for (const [text, fileName] of [
    ['{ "type": "slack" }', 'slack.jsonc'],
    ['{ "type": "notion" }', 'notion.jsonc'],
    ['{ "type": "Slack", "scopes": [] }', 'Slack.jsonc'],
    ['{ "type": "my-own_type2", "extra": true }', 'my-own_type2.jsonc'],
    ['{ "type": "gmail", "type": "slack", "scopes": ["chat:write", "chat:write"] }', 'slack.jsonc'],
  ]) {
    const errors = validate(text, fileName).filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.deepEqual(errors, [], text);
  }
});

test('unknown types suggest the closest known one; case differences say so', () => {
  const [unknown] = validate('{ "type": "googlecalender", "scopes": [] }', 'x.jsonc');
  assert.equal(unknown.code, 'unknown-type');
  assert.equal(unknown.severity, DiagnosticSeverity.Warning);
  assert.deepEqual((unknown.data as { replacements: string[] }).replacements[0], 'googlecalendar');
  const [caseDiagnostic] = validate('{ "type": "Slack", "scopes": [] }', 'x.jsonc');
  assert.equal(caseDiagnostic.code, 'type-case');
  assert.deepEqual(caseDiagnostic.data, { replacements: ['slack'] });
});

test('scopes: undocumented, of another type, duplicate, deprecated, implied', () => {
  const text = `{ "type": "googlecalendar", "scopes": ["${CAL}.readonyl", "https://www.googleapis.com/auth/gmail.readonly", "${CAL}", "${CAL}.readonly", "${CAL}"] }`;
  const found = located(text);
  assert.deepEqual(found, [
    ['unknown-scope', `"${CAL}.readonyl"`],
    ['scope-of-other-type', '"https://www.googleapis.com/auth/gmail.readonly"'],
    ['implied-scope', `"${CAL}.readonly"`],
    ['duplicate-scope', `"${CAL}"`],
  ]);
  const diagnostics = validate(text);
  assert.equal((diagnostics[0].data as { replacements: string[] }).replacements[0], `${CAL}.readonly`);
  assert.match(String(diagnostics[1].message), /Gmail/);
  assert.deepEqual(diagnostics[2].tags, [DiagnosticTag.Unnecessary]);
  assert.equal(diagnostics[3].relatedInformation?.length, 1);

  const [deprecated] = validate('{ "type": "slack", "scopes": ["chat:write:bot"] }', 'slack.jsonc');
  assert.equal(deprecated.code, 'deprecated-scope');
  assert.deepEqual(deprecated.tags, [DiagnosticTag.Deprecated]);
  assert.ok((deprecated.data as { replacements: string[] }).replacements.includes('chat:write'));
});

test('Microsoft Graph permissions listed for a sibling Microsoft type are not flagged', () => {
  // The catalog lists a selection of Graph permissions per Microsoft type; they share one namespace.
  const outlookOnly = 'Mail.Read';
  const diagnostics = validate(`{ "type": "microsoft_teams", "scopes": ["${outlookOnly}"] }`, 'microsoft_teams.jsonc');
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    [],
  );
});

test('scopes on types that take none, missing scopes, ignored and repeated keys, file name', () => {
  assert.deepEqual(
    located('{ "type": "notion", "scopes": ["read"] }', 'notion.jsonc').map(([c]) => c),
    ['scopes-not-used'],
  );
  assert.deepEqual(
    located('{ "type": "stripe", "scopes": ["x"] }', 'stripe.jsonc').map(([c]) => c),
    ['scopes-not-used'],
  );
  const missing = validate('{ "type": "gmail" }', 'gmail.jsonc');
  assert.deepEqual(
    missing.map((d) => [d.code, d.severity]),
    [['missing-scopes', DiagnosticSeverity.Information]],
  );
  assert.deepEqual(located('{ "type": "gmail", "scope": [], "scopes": [] }', 'gmail.jsonc'), [
    ['ignored-key', '"scope"'],
  ]);
  assert.deepEqual(
    validate('{ "type": "gmail", "scope": [] }', 'gmail.jsonc').find((d) => d.code === 'ignored-key')?.data,
    { replacements: ['scopes'] },
  );
  assert.deepEqual(located('{ "type": "slack", "type": "gmail", "scopes": [] }', 'gmail.jsonc'), [
    ['duplicate-key', '"type"'],
  ]);
  const [name] = validate('{ "type": "gmail", "scopes": [] }', 'mail.jsonc');
  assert.equal(name.code, 'file-name');
  assert.deepEqual(name.data, { expectedFileName: 'gmail.jsonc' });
});

test('one file per type across the folder, with a link to the other file', () => {
  const files = ['a.jsonc', 'b.json', 'c.jsonc'].map((fileName, i) => ({
    uri: `file:///p/base44/connectors/${fileName}`,
    fileName,
    doc: connectorDoc(i < 2 ? '{ "type": "slack" }' : '{ "type": "Slack" }', fileName),
  }));
  const result = duplicateTypeDiagnostics(files);
  assert.deepEqual([...result.keys()], [files[0].uri, files[1].uri], '"Slack" is another type');
  const [diagnostic] = result.get(files[0].uri)!;
  assert.equal(diagnostic.code, 'duplicate-type');
  assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
  assert.match(String(diagnostic.message), /b\.json/);
  assert.equal(diagnostic.relatedInformation?.[0].location.uri, files[1].uri);
  // A file the CLI refuses anyway does not take part.
  const withBroken = duplicateTypeDiagnostics([
    files[0],
    { ...files[1], doc: connectorDoc('{ "type": "slack", "scopes": 1 }', 'b.json') },
  ]);
  assert.equal(withBroken.size, 0);
});
