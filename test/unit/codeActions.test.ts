import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type RenameFile,
} from 'vscode-languageserver';
import { doCodeActions } from '../../server/src/features/codeActions';
import { Code, type DiagnosticData } from '../../server/src/features/diagnosticCodes';
import { parseJson5 } from '../../server/src/parser/json5Parser';
import { nodeValue } from '../../server/src/parser/jsonNavigation';
import { connectorDoc, featureContext, FOLDER_URI } from '../support/caret';

type Doc = ReturnType<typeof connectorDoc>;

/** A diagnostic on the `nth` occurrence of `needle`, shaped like the server's validation makes them. */
function diag(doc: Doc, code: Code, needle: string, data?: DiagnosticData, nth = 0): Diagnostic {
  const text = doc.document.getText();
  let at = text.indexOf(needle);
  for (let i = 0; i < nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `fixture has no ${needle}`);
  return {
    range: { start: doc.document.positionAt(at), end: doc.document.positionAt(at + needle.length) },
    severity: DiagnosticSeverity.Warning,
    code,
    source: 'base44',
    message: code,
    data,
  };
}

function actionsFor(text: string, code: Code, needle: string, data?: DiagnosticData, nth = 0, ctx = featureContext()) {
  const doc = connectorDoc(text);
  const d = diag(doc, code, needle, data, nth);
  const actions = doCodeActions(doc, d.range, [d], ctx);
  for (const a of actions) {
    assert.equal(a.kind, CodeActionKind.QuickFix);
    assert.deepEqual(a.diagnostics, [d]);
  }
  return { doc, actions };
}

/** Applies a text-edit action, checks the result is valid JSON5 and returns it with its value. */
function apply(doc: Doc, action: CodeAction): { text: string; value: any } {
  const edits = action.edit?.changes?.[doc.document.uri];
  assert.ok(edits, `${action.title} has text edits`);
  const text = TextDocument.applyEdits(doc.document, edits);
  const parsed = parseJson5(text);
  assert.deepEqual(parsed.errors, [], `${action.title} leaves valid JSON5:\n${text}`);
  return { text, value: nodeValue(parsed.root) };
}

/** The single fix for a diagnostic, applied. */
function fix(text: string, code: Code, needle: string, nth = 0) {
  const { doc, actions } = actionsFor(text, code, needle, undefined, nth);
  assert.equal(actions.length, 1, `one fix for ${code} in ${text}`);
  assert.equal(actions[0].isPreferred, true);
  return { title: actions[0].title, ...apply(doc, actions[0]) };
}

// -------------------------------------------------------------------------------------------------
// Replacements

test('unknown-type: one action per replacement, first preferred, quote style kept', () => {
  const { doc, actions } = actionsFor('{ "type": "slak", "scopes": [] }', Code.UnknownType, '"slak"', {
    replacements: ['slack', 'slackbot'],
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    ["Replace with 'slack'", "Replace with 'slackbot'"],
  );
  assert.deepEqual(
    actions.map((a) => a.isPreferred),
    [true, false],
  );
  assert.deepEqual(apply(doc, actions[1]).value, { type: 'slackbot', scopes: [] });

  const single = actionsFor("{ type: 'slak' }", Code.UnknownType, "'slak'", { replacements: ['slack'] });
  assert.equal(apply(single.doc, single.actions[0]).text, "{ type: 'slack' }");
});

test('type-case: replaces with the lowercase known type', () => {
  const { doc, actions } = actionsFor('{ "type": "Slack" }', Code.TypeCase, '"Slack"', { replacements: ['slack'] });
  assert.equal(actions[0].title, "Replace with 'slack'");
  assert.deepEqual(apply(doc, actions[0]).value, { type: 'slack' });
  // Without data, the lowercase known type.
  const bare = actionsFor("{ type: 'GMail' }", Code.TypeCase, "'GMail'");
  assert.equal(apply(bare.doc, bare.actions[0]).text, "{ type: 'gmail' }");
});

test('unknown-scope, scope-of-other-type and deprecated-scope replace the scope string', () => {
  const cases: [Code, string, string][] = [
    [Code.UnknownScope, 'chat:wirte', 'chat:write'],
    [Code.ScopeOfOtherType, 'https://www.googleapis.com/auth/gmail.send', 'https://www.googleapis.com/auth/drive.file'],
    [Code.DeprecatedScope, 'chat:write:bot', 'chat:write'],
  ];
  for (const [code, from, to] of cases) {
    const text = `{\n  "type": "slack",\n  "scopes": ['channels:read', '${from}'],\n}`;
    const { doc, actions } = actionsFor(text, code, `'${from}'`, { replacements: [to] });
    assert.equal(actions.length, 1);
    const result = apply(doc, actions[0]);
    assert.deepEqual(result.value.scopes, ['channels:read', to]);
    assert.ok(result.text.includes(`'${to}'`), 'single quotes kept');
  }
});

test('replacement with characters that need escaping stays a valid string', () => {
  const { doc, actions } = actionsFor("{ 'type': 'x' }", Code.UnknownType, "'x'", { replacements: ['it\'s "odd"\\'] });
  assert.deepEqual(apply(doc, actions[0]).value, { type: 'it\'s "odd"\\' });
});

test('no replacements, other sources and stale ranges give no actions', () => {
  assert.deepEqual(actionsFor('{ "type": "zzz" }', Code.UnknownType, '"zzz"').actions, []);
  const doc = connectorDoc('{ "type": "slak" }');
  const other = { ...diag(doc, Code.UnknownType, '"slak"', { replacements: ['slack'] }), source: 'json' };
  assert.deepEqual(doCodeActions(doc, other.range, [other], featureContext()), []);
  const stale = diag(doc, Code.UnknownType, 'slak', { replacements: ['slack'] }); // not the string token
  assert.deepEqual(doCodeActions(doc, stale.range, [stale], featureContext()), []);
});

// -------------------------------------------------------------------------------------------------
// Removing a scope

const A = '"https://www.googleapis.com/auth/calendar.readonly"';
const B = '"https://www.googleapis.com/auth/calendar.events"';

test('duplicate-scope: removes the first, a middle and the last item of a multi-line array', () => {
  const text = `{\n  "type": "googlecalendar",\n  "scopes": [\n    ${A},\n    ${B},\n    ${A}\n  ]\n}`;
  const first = fix(text, Code.DuplicateScope, A, 0);
  assert.equal(first.title, 'Remove duplicate scope');
  assert.equal(first.text, `{\n  "type": "googlecalendar",\n  "scopes": [\n    ${B},\n    ${A}\n  ]\n}`);
  const middle = fix(text.replace(`${A}\n`, `${A},\n    "x"\n`), Code.DuplicateScope, B);
  assert.deepEqual(middle.value.scopes, [JSON.parse(A), JSON.parse(A), 'x']);
  // The last item without a trailing comma: the previous item's comma goes too.
  const last = fix(text, Code.DuplicateScope, A, 1);
  assert.equal(last.text, `{\n  "type": "googlecalendar",\n  "scopes": [\n    ${A},\n    ${B}\n  ]\n}`);
});

test('duplicate-scope: trailing commas and comments on the line', () => {
  const text = `{\n  type: "googlecalendar",\n  scopes: [\n    ${A}, // read\n    ${B},\n    ${A}, // again\n  ],\n}`;
  const result = fix(text, Code.DuplicateScope, A, 1);
  assert.equal(result.text, `{\n  type: "googlecalendar",\n  scopes: [\n    ${A}, // read\n    ${B},\n  ],\n}`);
  const block = fix(`{ "scopes": [\n  ${A}, /* keep */\n  ${A} /* dup */\n] }`, Code.DuplicateScope, A, 1);
  assert.equal(block.text, `{ "scopes": [\n  ${A} /* keep */\n] }`);
});

test('duplicate-scope: inline arrays', () => {
  const text = `{ "type": "googlecalendar", "scopes": [${A}, ${B}, ${A}] }`;
  assert.deepEqual(fix(text, Code.DuplicateScope, A, 0).text, `{ "type": "googlecalendar", "scopes": [${B}, ${A}] }`);
  assert.deepEqual(fix(text, Code.DuplicateScope, A, 1).text, `{ "type": "googlecalendar", "scopes": [${A}, ${B}] }`);
  assert.deepEqual(fix(`{ "scopes": [${A},${A},] }`, Code.DuplicateScope, A, 1).text, `{ "scopes": [${A},] }`);
  assert.deepEqual(fix(`{ "scopes": [ ${A}, ] }`, Code.DuplicateScope, A).text, `{ "scopes": [  ] }`);
});

test('implied-scope: names the scope that already grants it', () => {
  const all = '"https://www.googleapis.com/auth/calendar"';
  const text = `{\n  "type": "googlecalendar",\n  "scopes": [\n    ${all},\n    ${A},\n  ],\n}`;
  const result = fix(text, Code.ImpliedScope, A);
  assert.equal(
    result.title,
    "Remove 'https://www.googleapis.com/auth/calendar.readonly' (already granted by 'https://www.googleapis.com/auth/calendar')",
  );
  assert.deepEqual(result.value.scopes, [JSON.parse(all)]);
});

// -------------------------------------------------------------------------------------------------
// Adding and removing properties

test('missing-scopes: inserted after type with the right comma and indentation', () => {
  const cases: [string, string][] = [
    ['{\n  "type": "slack"\n}', '{\n  "type": "slack",\n  "scopes": []\n}'],
    // Through jsonc-parser's modify: the file's trailing comma habit and indentation are kept.
    ['{\n\t"type": "slack",\n}', '{\n\t"type": "slack",\n\t"scopes": [],\n}'],
    [
      '// c\n{\n    "type": "slack",\n    "x": [\n        1,\n    ],\n}',
      '// c\n{\n    "type": "slack",\n    "scopes": [],\n    "x": [\n        1,\n    ],\n}',
    ],
    ['{\n  "type": "slack", // chat\n  "x": 1\n}', '{\n  "type": "slack", // chat\n  "scopes": [],\n  "x": 1\n}'],
    ['{\n  "type": "slack" // chat\n}', '{\n  "type": "slack", // chat\n  "scopes": []\n}'],
    ["{\r\n  type: 'slack'\r\n}", "{\r\n  type: 'slack',\r\n  scopes: []\r\n}"],
    ['{ "type": "slack" }', '{ "type": "slack", "scopes": [] }'],
    ["{ 'type': 'slack', }", "{ 'type': 'slack', 'scopes': [] }"],
    ['{ "type": "slack", "x": 1 }', '{ "type": "slack", "scopes": [], "x": 1 }'],
  ];
  for (const [before, after] of cases) {
    const doc = connectorDoc(before);
    const d = diag(doc, Code.MissingScopes, 'slack');
    const actions = doCodeActions(doc, d.range, [d], featureContext());
    assert.equal(actions.length, 1);
    assert.match(actions[0].title, /^Add ["']?scopes["']?: \[\]$/);
    const result = apply(doc, actions[0]);
    assert.equal(result.text, after);
    assert.deepEqual(result.value.scopes, []);
  }
});

test('did you mean a scope the list already holds: remove the misspelt one instead of making a duplicate', () => {
  const readonly = 'https://www.googleapis.com/auth/calendar.readonly';
  const events = 'https://www.googleapis.com/auth/calendar.events';
  const text = `{\n  "type": "googlecalendar",\n  "scopes": [\n    "${readonly}",\n    "${readonly.slice(0, -1)}",\n  ],\n}`;
  const { doc, actions } = actionsFor(text, Code.UnknownScope, `"${readonly.slice(0, -1)}"`, {
    replacements: [readonly, events],
  });
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred]),
    [
      [`Remove '${readonly.slice(0, -1)}' ('${readonly}' is already listed)`, true],
      [`Replace with '${events}'`, false],
    ],
  );
  const removed = apply(doc, actions[0]);
  assert.equal(removed.text, `{\n  "type": "googlecalendar",\n  "scopes": [\n    "${readonly}",\n  ],\n}`);
  // Not listed yet: the replacement as before.
  const alone = actionsFor('{ "type": "slack", "scopes": ["chat:wirte"] }', Code.UnknownScope, '"chat:wirte"', {
    replacements: ['chat:write'],
  });
  assert.equal(alone.actions[0].title, "Replace with 'chat:write'");
});

test('scopes-not-used: removes the scopes property', () => {
  const text = '{\n  "type": "notion",\n  "scopes": ["read_content"]\n}';
  const result = fix(text, Code.ScopesNotUsed, '"scopes": ["read_content"]');
  assert.equal(result.title, 'Remove scopes');
  assert.equal(result.text, '{\n  "type": "notion"\n}');
  // Also when the diagnostic flags only the value.
  assert.deepEqual(fix('{ "type": "stripe", "scopes": [] }', Code.ScopesNotUsed, '[]').value, { type: 'stripe' });
});

test('ignored-key and duplicate-key: remove the property', () => {
  const ignored = fix('{\n  "name": "x",\n  "type": "slack",\n  "scopes": []\n}', Code.IgnoredKey, '"name": "x"');
  assert.equal(ignored.title, "Remove 'name'");
  assert.equal(ignored.text, '{\n  "type": "slack",\n  "scopes": []\n}');
  const multiline = fix('{ type: "slack", extra: {\n  a: 1,\n}, scopes: [] }', Code.IgnoredKey, 'extra: {\n  a: 1,\n}');
  assert.deepEqual(multiline.value, { type: 'slack', scopes: [] });
  const duplicate = fix('{ "type": "gmail", "scopes": [], "type": "slack" }', Code.DuplicateKey, '"type": "gmail"');
  assert.equal(duplicate.title, "Remove 'type'");
  assert.equal(duplicate.text, '{ "scopes": [], "type": "slack" }');
  const lastDuplicate = fix('{ "type": "gmail", "scopes": [], "type": "slack" }', Code.DuplicateKey, '"type": "slack"');
  assert.equal(lastDuplicate.text, '{ "type": "gmail", "scopes": [] }');
});

test('ignored-key and duplicate-key flagged on the key (as validation does)', () => {
  const ignored = fix('{\n  "type": "slack",\n  "scopes": [],\n  "extra": true,\n}', Code.IgnoredKey, '"extra"');
  assert.equal(ignored.text, '{\n  "type": "slack",\n  "scopes": [],\n}');
  const duplicate = fix('{ type: "gmail", scopes: [], type: "slack" }', Code.DuplicateKey, 'type');
  assert.deepEqual(duplicate.value, { scopes: [], type: 'slack' });
});

test('ignored-key with a guess: rename preferred, removal offered too', () => {
  const { doc, actions } = actionsFor("{ type: 'slack', scope: ['chat:write'] }", Code.IgnoredKey, 'scope', {
    replacements: ['scopes'],
  });
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred]),
    [
      ["Rename to 'scopes'", true],
      ["Remove 'scope'", false],
    ],
  );
  assert.equal(apply(doc, actions[0]).text, "{ type: 'slack', scopes: ['chat:write'] }");
  const quoted = actionsFor('{ "Type": "slack" }', Code.IgnoredKey, '"Type"', { replacements: ['type'] });
  assert.deepEqual(apply(quoted.doc, quoted.actions[0]).value, { type: 'slack' });
  // No rename onto a key that is already there.
  const taken = actionsFor('{ "type": "slack", "scopes": [], "scope": [] }', Code.IgnoredKey, '"scope"', {
    replacements: ['scopes'],
  });
  assert.deepEqual(
    taken.actions.map((a) => [a.title, a.isPreferred]),
    [["Remove 'scope'", true]],
  );
});

// -------------------------------------------------------------------------------------------------
// File name

test('file-name: rename to <type>.jsonc unless a sibling has that name', () => {
  const doc = connectorDoc('{ "type": "slack", "scopes": [] }', 'chat.jsonc');
  const d = diag(doc, Code.FileName, '"slack"', { expectedFileName: 'slack.jsonc' });
  const ctx = featureContext([{ fileName: 'gmail.jsonc', type: 'gmail' }], 'chat.jsonc');
  const [action] = doCodeActions(doc, d.range, [d], ctx);
  assert.equal(action.title, 'Rename file to slack.jsonc');
  assert.equal(action.isPreferred, true);
  const change = action.edit!.documentChanges![0] as RenameFile;
  assert.equal(change.kind, 'rename');
  assert.equal(change.oldUri, `${FOLDER_URI}/chat.jsonc`);
  assert.equal(change.newUri, `${FOLDER_URI}/slack.jsonc`);
  assert.equal(change.options?.ignoreIfExists, true);

  const taken = featureContext([{ fileName: 'Slack.jsonc', type: undefined }], 'chat.jsonc');
  assert.deepEqual(doCodeActions(doc, d.range, [d], taken), []);
});

test('several diagnostics: each gets its fixes', () => {
  const doc = connectorDoc(`{ "type": "slak", "scopes": [${A}, ${A}], "x": 1 }`);
  const diagnostics = [
    diag(doc, Code.UnknownType, '"slak"', { replacements: ['slack'] }),
    diag(doc, Code.DuplicateScope, A, undefined, 1),
    diag(doc, Code.IgnoredKey, '"x": 1'),
  ];
  const actions = doCodeActions(doc, diagnostics[0].range, diagnostics, featureContext());
  assert.deepEqual(
    actions.map((a) => a.title),
    ["Replace with 'slack'", 'Remove duplicate scope', "Remove 'x'"],
  );
});

test('removing any item of arrays in many layouts leaves valid JSON5 with that item gone', () => {
  const items = ['"a"', "'b'", '"c"'];
  const layouts: ((xs: string[]) => string)[] = [
    (xs) => `[${xs.join(', ')}]`,
    (xs) => `[${xs.join(',')},]`,
    (xs) => `[ ${xs.join(' , ')} ]`,
    (xs) => `[\n  ${xs.join(',\n  ')}\n]`,
    (xs) => `[\n  ${xs.join(',\n  ')},\n]`,
    (xs) => `[\n  ${xs.map((x, i) => `${x}, // ${i}`).join('\n  ')}\n]`,
    (xs) => `[ // list\n  ${xs.join(',\r\n  ')} /* end */ ]`,
    (xs) => `[\n  // first\n  ${xs.join(',\n  /* between */ ')}\n  // last\n]`,
  ];
  for (const layout of layouts) {
    for (let i = 0; i < items.length; i++) {
      const text = `{ "type": "slack", "scopes": ${layout(items)} }`;
      const { doc, actions } = actionsFor(text, Code.DuplicateScope, items[i]);
      const expected = ['a', 'b', 'c'].filter((_, j) => j !== i);
      assert.deepEqual(apply(doc, actions[0]).value.scopes, expected, `${text} without ${items[i]}`);
    }
  }
});
