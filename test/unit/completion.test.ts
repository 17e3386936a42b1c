import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, CompletionItemTag, type CompletionItem, type TextEdit } from 'vscode-languageserver';
import { doComplete, resolveCompletion } from '../../server/src/features/completion';
import { mightMatch } from '../../server/src/features/completionFilter';
import { catalog } from '../../server/src/catalog/catalog';
import { parseJson5 } from '../../server/src/parser/json5Parser';
import { caret, connectorDoc, featureContext } from '../support/caret';
import { accept, testCompletionsFor } from '../support/completionCases';

const CAL = 'https://www.googleapis.com/auth/calendar';

function complete(marked: string, ctx = featureContext()) {
  const { text, offset } = caret(marked);
  const doc = connectorDoc(text);
  const list = doComplete(doc, doc.document.positionAt(offset), ctx);
  return { list, doc, items: list.items };
}

function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

/** The text the client filters with: from the start of the edit's range to the caret. */
function typedPrefix(doc: ReturnType<typeof connectorDoc>, item: CompletionItem, offset: number): string {
  const edit = item.textEdit as TextEdit;
  return doc.document.getText().slice(doc.document.offsetAt(edit.range.start), offset);
}

test('keys in an empty object: type and scopes, as snippets', () => {
  const { items, doc } = complete('{ | }');
  assert.deepEqual(labels(items), ['type', 'scopes']);
  const type = items[0];
  assert.equal(type.kind, CompletionItemKind.Property);
  assert.equal((type.textEdit as TextEdit).newText, '"type": "$1"');
  assert.equal(type.command?.command, 'editor.action.triggerSuggest');
  assert.equal((items[1].textEdit as TextEdit).newText, '"scopes": [$1]');
  assert.match(JSON.stringify(type.documentation), /one connector|only be defined once/);
  assert.deepEqual(parseJson5(accept(doc, items[1])).errors, []);
});

test('keys inside an opened double-quoted key replace the whole token', () => {
  const { items, doc } = complete('{ "|" }');
  assert.deepEqual(labels(items), ['type', 'scopes']);
  assert.equal(accept(doc, items[0]), '{ "type": "" }');
  assert.equal(items[0].filterText, '"type"');
});

test('keys after a single quote use single quotes and keep the closing brace', () => {
  const { text, offset } = caret("{ 't| }");
  const { items, doc } = complete("{ 't| }");
  const type = items.find((i) => i.label === 'type')!;
  assert.equal(accept(doc, type), "{ 'type': '' }");
  assert.ok(type.filterText!.startsWith(typedPrefix(doc, type, offset).slice(0, 1)));
  assert.equal(text.length, doc.document.getText().length);
});

test('unquoted JSON5 key: inserts a double-quoted key', () => {
  const { items, doc } = complete('{ ty| }');
  const type = items.find((i) => i.label === 'type')!;
  assert.equal(accept(doc, type), '{ "type": "" }');
  assert.equal(type.filterText, 'type');
});

test('keys already present are skipped; a missing comma is added', () => {
  const { items, doc } = complete('{\n  "type": "slack"\n  |\n}');
  assert.deepEqual(labels(items), ['scopes']);
  const result = accept(doc, items[0]);
  assert.equal(result, '{\n  "type": "slack",\n  "scopes": []\n}');
  assert.deepEqual(parseJson5(result).errors, []);
});

test('renaming an existing key completes only the key', () => {
  const { items, doc } = complete('{ "ty|": "slack" }');
  const type = items.find((i) => i.label === 'type')!;
  assert.equal(accept(doc, type), '{ "type": "slack" }');
});

test('no key completion in nested objects', () => {
  assert.deepEqual(complete('{ "type": { | } }').items, []);
});

test('type values: every catalog type, replacing the whole string token', () => {
  const ctx = featureContext();
  assert.equal(complete('{ "type": "|" }', ctx).items.length, ctx.catalog.types.length);
  assert.equal(complete('{ "type": "|" }', ctx).list.isIncomplete, false);
  const { items, doc, list } = complete('{ "type": "goo|" }', ctx);
  // Only what "goo" can still match is sent; the editor asks again as typing goes on.
  assert.equal(list.isIncomplete, true);
  assert.ok(items.length < ctx.catalog.types.length && items.length >= 10, String(items.length));
  const cal = items.find((i) => i.label === 'googlecalendar')!;
  assert.equal(cal.kind, CompletionItemKind.EnumMember);
  assert.deepEqual(cal.labelDetails, { description: 'Google Calendar' });
  assert.equal(cal.documentation, undefined, 'documentation comes with completionItem/resolve');
  const resolved = resolveCompletion(cal, catalog);
  assert.equal(resolved.detail, 'Google Calendar');
  assert.match(JSON.stringify(resolved.documentation), /OAuth/);
  assert.equal(cal.filterText, '"googlecalendar"');
  assert.equal(accept(doc, cal), '{ "type": "googlecalendar" }');
});

test('type values without a quote typed insert a double-quoted string', () => {
  const { items, doc } = complete('{ "type": | }');
  const slack = items.find((i) => i.label === 'slack')!;
  assert.equal(accept(doc, slack), '{ "type": "slack" }');
  const bare = complete('{ "type": sla| }');
  const slack2 = bare.items.find((i) => i.label === 'slack')!;
  assert.equal(slack2.filterText, 'slack');
  assert.equal(accept(bare.doc, slack2), '{ "type": "slack" }');
});

test('after a colon or comma typed just before the caret, a space is inserted', () => {
  testCompletionsFor('{ "type":| }', { resultText: { slack: '{ "type": "slack" }' } });
  testCompletionsFor('{ "type": "slack",| }', { resultText: { scopes: '{ "type": "slack", "scopes": [] }' } });
});

test('type values in an unterminated or single-quoted string', () => {
  testCompletionsFor('{ "type": "sl| }', { resultText: { slack: '{ "type": "slack" }' } });
  const single = complete("{ type: 'sl|' }");
  const slack = single.items.find((i) => i.label === 'slack')!;
  assert.equal(slack.filterText, "'slack'");
  assert.equal(accept(single.doc, slack), "{ type: 'slack' }");
});

test('type value before another property gets a comma', () => {
  testCompletionsFor('{\n  "type": |\n  "scopes": []\n}', {
    resultText: { notion: '{\n  "type": "notion",\n  "scopes": []\n}' },
  });
});

test('types used by another file of the folder are marked and sorted last', () => {
  const ctx = featureContext([
    { fileName: 'slack.jsonc', type: 'slack' },
    { fileName: 'broken.jsonc', type: undefined },
  ]);
  const { items } = complete('{ "type": "|" }', ctx);
  const slack = items.find((i) => i.label === 'slack')!;
  assert.equal(slack.detail, 'Slack User — already used by slack.jsonc');
  assert.equal(slack.labelDetails?.description, 'already used by slack.jsonc');
  const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
  assert.equal(sorted[sorted.length - 1].label, 'slack');
  assert.equal(items.find((i) => i.label === 'gmail')!.labelDetails?.description, 'Gmail');
});

test('scopes of googlecalendar, minus the listed ones', () => {
  const ctx = featureContext();
  const { items, doc } = complete(`{ "type": "googlecalendar", "scopes": ["${CAL}.readonly", |] }`, ctx);
  const documented = ctx.catalog.getType('googlecalendar')!.scopes;
  assert.equal(items.length, documented.length - 1);
  assert.ok(!labels(items).includes('calendar.readonly'));
  const events = items.find((i) => i.label === 'calendar.events')!;
  assert.equal(events.kind, CompletionItemKind.Value);
  assert.match(
    JSON.stringify(resolveCompletion(events, catalog).documentation),
    /auth\/calendar\.events`/,
    'the full scope is documented',
  );
  // Nothing typed here, so no quote: the filter text is the scope itself.
  assert.ok(mightMatch('calendar.ev', events.filterText!), 'short name is filterable');
  assert.ok(mightMatch(`${CAL}.ev`, events.filterText!), 'full URL is filterable');
  assert.ok(!mightMatch('calendar.acl', events.filterText!), 'and only for what it names');
  const result = accept(doc, events);
  assert.deepEqual(parseJson5(result).errors, []);
  assert.ok(result.includes(`["${CAL}.readonly", "${CAL}.events"]`));
});

test('scope completion inside an opened string replaces the token and its quotes', () => {
  const { text, offset } = caret(`{ "type": "googlecalendar", "scopes": ['|'] }`);
  const { items, doc } = complete(`{ "type": "googlecalendar", "scopes": ['|'] }`);
  assert.ok(text);
  const item = items.find((i) => i.label === 'calendar.readonly')!;
  assert.equal(typedPrefix(doc, item, offset), "'");
  assert.ok(item.filterText!.startsWith("'"));
  assert.equal(accept(doc, item), `{ "type": "googlecalendar", "scopes": ['${CAL}.readonly'] }`);
});

test('restricted Gmail scopes say so; deprecated scopes are tagged and sorted last', () => {
  const gmail = complete('{ "type": "gmail", "scopes": [|] }').items;
  const readonly = gmail.find((i) => i.label === 'gmail.readonly')!;
  assert.equal(readonly.detail, 'restricted — needs Google app verification');
  assert.match(JSON.stringify(resolveCompletion(readonly, catalog).documentation), /security assessment/);

  const slack = complete('{ "type": "slack", "scopes": ["|"] }').items;
  const old = slack.find((i) => i.label === 'chat:write:bot')!;
  assert.deepEqual(old.tags, [CompletionItemTag.Deprecated]);
  const sorted = [...slack].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
  assert.ok(sorted.slice(-3).some((i) => i.label === 'chat:write:bot'));
  assert.ok(!sorted[0].tags);
});

test('unknown or missing type: no scope items', () => {
  assert.deepEqual(complete('{ "type": "mycustom", "scopes": [|] }').items, []);
  assert.deepEqual(complete('{ "scopes": [|] }').items, []);
});

test('value of scopes: an array snippet', () => {
  const { items, doc } = complete('{ "type": "slack", "scopes": | }');
  assert.deepEqual(labels(items), ['[]']);
  assert.equal(accept(doc, items[0]), '{ "type": "slack", "scopes": [] }');
});

test('empty document: a whole-file snippet with the catalog types as choices', () => {
  const ctx = featureContext();
  for (const marked of ['|', '  |\n', '// a connector\n|']) {
    const { items, doc } = complete(marked, ctx);
    assert.equal(items.length, 1, marked);
    const text = (items[0].textEdit as TextEdit).newText;
    assert.ok(text.startsWith('{\n\t"type": "${1|googlecalendar,slack,'), text);
    for (const t of ctx.catalog.types) assert.ok(text.includes(t.type), t.type);
    assert.ok(text.endsWith('"scopes": [$2]\n}'));
    const result = accept(doc, items[0]);
    assert.deepEqual(parseJson5(result).errors, []);
  }
});

test('inside a comment: nothing', () => {
  assert.deepEqual(complete('{ // "type": |\n}').items, []);
  assert.deepEqual(complete('{ "type": "slack", /* | */ }').items, []);
});

test('a 2,000-line file still completes correctly (its speed: npm run bench)', () => {
  const lines = ['{', '  "type": "googlecalendar",', '  // many scopes', '  "scopes": ['];
  for (let i = 0; i < 2000; i++) lines.push(`    "https://www.googleapis.com/auth/custom.${i}", // ${i}`);
  lines.push(`    "${CAL}.readonly",`, '    |', '  ]', '}');
  const { text, offset } = caret(lines.join('\n'));
  const doc = connectorDoc(text);
  const ctx = featureContext();
  const position = doc.document.positionAt(offset);
  const list = doComplete(doc, position, ctx);
  assert.ok(list.items.some((i) => i.label === 'calendar.events'));
  assert.ok(!list.items.some((i) => i.label === 'calendar.readonly'));
});

test('editors that support itemDefaults get a compact list that inserts the same text', () => {
  for (const marked of ['{ "type": "goo|" }', '{ "type": "googlecalendar", "scopes": ["|"] }', '{ |}']) {
    const { text, offset } = caret(marked);
    const doc = connectorDoc(text);
    const position = doc.document.positionAt(offset);
    const full = doComplete(doc, position, featureContext());
    const compact = doComplete(doc, position, featureContext(), { itemDefaults: true });
    assert.ok(compact.itemDefaults?.editRange, marked);
    assert.equal(compact.items.length, full.items.length);
    compact.items.forEach((item, i) => {
      assert.equal(item.textEdit, undefined);
      const range = compact.itemDefaults!.editRange as TextEdit['range'];
      const expanded = {
        ...item,
        textEdit: { range, newText: item.textEditText! },
        data: item.data ?? compact.itemDefaults!.data,
      };
      assert.equal(accept(doc, expanded), accept(doc, full.items[i]), `${marked} ${item.label}`);
      assert.deepEqual(
        resolveCompletion(expanded, catalog).documentation,
        resolveCompletion(full.items[i], catalog).documentation,
      );
    });
    assert.ok(JSON.stringify(compact).length < JSON.stringify(full).length, 'smaller');
  }
});

test('a typed prefix narrows the list to what the editor could still show, typos forgiven', () => {
  const { items } = complete('{ "type": "gcal|" }');
  assert.ok(labels(items).includes('googlecalendar'), 'subsequence, as VS Code matches');
  assert.ok(!labels(items).includes('slack'));
  assert.ok(
    labels(complete('{ "type": "slcak|" }').items).includes('slack'),
    'one swapped pair, as filterGraceful forgives',
  );
  assert.equal(mightMatch('"cal.ev', '"calendar.events https://www.googleapis.com/auth/calendar.events"'), true);
  assert.equal(mightMatch('"zzz', '"slack"'), false);
  const scopes = complete(
    `{ "type": "googlecalendar", "scopes": ["https://www.googleapis.com/auth/calendar.ev|"] }`,
  ).items;
  assert.ok(labels(scopes).includes('calendar.events'), labels(scopes).join());
  assert.ok(!labels(scopes).includes('calendar.acls'), labels(scopes).join());
});

test('one-line cases (testCompletionsFor)', () => {
  testCompletionsFor('{ "type": "googlecalendar", "scopes": ["|"] }', {
    contains: ['calendar.readonly', 'calendar.events'],
  });
  testCompletionsFor(`{ "type": "googlecalendar", "scopes": ["${CAL}.readonly", |] }`, {
    excludes: ['calendar.readonly'],
  });
  testCompletionsFor('{ "type": "slack", "scopes": [|] }', {
    contains: ['chat:write'],
    excludes: ['calendar.readonly'],
  });
  testCompletionsFor('{ "type": "mycustom", "scopes": [|] }', { count: 0 });
  testCompletionsFor('{ "type": "|" }', { contains: ['googlecalendar', 'slack', 'notion'] });
  testCompletionsFor('{ | }', { startsWith: ['type', 'scopes'], count: 2 });
  testCompletionsFor('{ "type": "slack", | }', { contains: ['scopes'], excludes: ['type'] });
  testCompletionsFor('{ /* | */ }', { count: 0 });
});
