import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeValue, parseJson5 } from '../../server/src/parser/json5Parser';
import {
  findNodeAtOffset,
  findProperties,
  findProperty,
  getCompletionContext,
  getNodePath,
  type CompletionContext,
} from '../../server/src/parser/jsonNavigation';
import type { JsonNode } from '../../server/src/parser/jsonTree';

/** `|` marks the caret; returns the text without it and the caret offset. */
function caret(fixture: string): { text: string; offset: number } {
  const offset = fixture.indexOf('|');
  assert.ok(offset >= 0, 'fixture needs a caret');
  return { text: fixture.slice(0, offset) + fixture.slice(offset + 1), offset };
}

function contextAt(fixture: string): { ctx: CompletionContext; text: string; offset: number } {
  const { text, offset } = caret(fixture);
  return { ctx: getCompletionContext(parseJson5(text), text, offset), text, offset };
}

/** The text a context's replaceRange covers. */
function replaced(fixture: string): string {
  const { ctx, text } = contextAt(fixture);
  assert.ok('replaceRange' in ctx, `no replace range for ${fixture}`);
  return text.substr(ctx.replaceRange.offset, ctx.replaceRange.length);
}

/** The context at the caret, asserted to be of `kind` (and typed as that kind). */
function expectKind<K extends CompletionContext['kind']>(
  fixture: string,
  kind: K,
): Extract<CompletionContext, { kind: K }> {
  const { ctx } = contextAt(fixture);
  assert.equal(ctx.kind, kind, `${JSON.stringify(fixture)} → ${ctx.kind}`);
  return ctx as Extract<CompletionContext, { kind: K }>;
}

// --- completion contexts -------------------------------------------------------------------------

test('completion: value being typed in an unterminated string', () => {
  const ctx = expectKind('{ "type": "sl|', 'propertyValue');
  assert.equal(ctx.key, 'type');
  assert.equal(ctx.quote, '"');
  assert.equal(replaced('{ "type": "sl|'), '"sl');
});

// Same shape as the redirect-URL table of test/hardening/security.test.ts (inputs, one verdict): a test table.
test('completion: value position after a colon with nothing typed', () => {
  for (const fixture of [
    '{ "type": |',
    '{ "type": | }',
    '{ "type":|}',
    '{ "type": |\n  "scopes": [] }',
    '{ "type": /* c */ | }',
  ]) {
    const ctx = expectKind(fixture, 'propertyValue');
    assert.equal(ctx.key, 'type');
    assert.equal(ctx.quote, '');
    assert.equal(ctx.replaceRange.length, 0, fixture);
  }
});

test('completion: array items', () => {
  let ctx = expectKind('{ "scopes": ["https://www|', 'arrayItem');
  assert.equal(ctx.propertyKey, 'scopes');
  assert.equal(ctx.quote, '"');
  assert.equal(replaced('{ "scopes": ["https://www|'), '"https://www');

  ctx = expectKind('{ "scopes": [|]', 'arrayItem');
  assert.equal(ctx.replaceRange.length, 0);
  assert.equal(ctx.propertyKey, 'scopes');

  ctx = expectKind('{ "scopes": ["a", |] }', 'arrayItem');
  assert.equal(ctx.array.children!.length, 1);

  expectKind('{ "scopes": ["a",|', 'arrayItem');
  expectKind('{ "scopes": ["a"\n  |] }', 'arrayItem');
  expectKind('{ "scopes": ["a" |] }', 'none'); // no comma, same line
  expectKind('{ "scopes": ["a"|] }', 'none');
  expectKind('[|]', 'arrayItem');
  assert.equal((expectKind('[|]', 'arrayItem') as { propertyKey?: string }).propertyKey, undefined);
  assert.equal(replaced("{ scopes: ['chat:wr|ite'] }"), "'chat:write'");
});

test('completion: property keys', () => {
  let ctx = expectKind('{ |}', 'propertyKey');
  assert.deepEqual(ctx.existingKeys, []);
  assert.equal(ctx.replaceRange.length, 0);

  ctx = expectKind('{ "ty|', 'propertyKey');
  assert.equal(ctx.quote, '"');
  assert.equal(replaced('{ "ty|'), '"ty');

  ctx = expectKind('{ "type": "slack", | "scopes": [] }', 'propertyKey');
  assert.deepEqual(ctx.existingKeys, ['type', 'scopes']);

  ctx = expectKind('{ "type": "slack", |}', 'propertyKey'); // after a trailing comma
  assert.deepEqual(ctx.existingKeys, ['type']);

  ctx = expectKind('{ "type": "slack",\n  sc| }', 'propertyKey'); // unquoted key being typed
  assert.equal(ctx.quote, '');
  assert.deepEqual(ctx.existingKeys, ['type']);
  assert.equal(replaced('{ "type": "slack",\n  sc| }'), 'sc');

  ctx = expectKind('{ "type": "slack", "sc|": [] }', 'propertyKey');
  assert.deepEqual(ctx.existingKeys, ['type']);
  assert.equal(replaced('{ "type": "slack", "sc|": [] }'), '"sc"');

  expectKind('{ "type": "slack"\n  | }', 'propertyKey'); // new line, comma still missing
  expectKind('{ "type": "slack"| }', 'none');
  expectKind('{ "type" | }', 'none'); // a colon is due
  expectKind('{ "a": { | } }', 'propertyKey');
  assert.equal((expectKind('{ "a": { | } }', 'propertyKey') as { object: JsonNode }).object.offset, 7);
});

test('completion: single quotes and unquoted values', () => {
  let ctx = expectKind("{ 'type': '|' }", 'propertyValue');
  assert.equal(ctx.quote, "'");
  assert.equal(replaced("{ 'type': '|' }"), "''");

  ctx = expectKind('{ type: sl| }', 'propertyValue');
  assert.equal(ctx.key, 'type');
  assert.equal(ctx.quote, '');
  assert.equal(replaced('{ type: sl| }'), 'sl');
  assert.equal(replaced('{ type: google-cal|, x: 1 }'), 'google-cal');

  ctx = expectKind('{ enabled: tr|ue }', 'propertyValue');
  assert.equal(replaced('{ enabled: tr|ue }'), 'true');
  expectKind('{ "type": "slack|" }', 'propertyValue');
  expectKind('{ "type": "slack"|, "x": 1 }', 'none');
  expectKind('{ "type": |"slack" }', 'propertyValue');
});

test('completion: empty documents, comments, outside the root', () => {
  for (const fixture of ['|', '  |  ', '\n|\n', '// c\n|', '/* c */ |', '|// c']) expectKind(fixture, 'emptyDocument');
  for (const fixture of ['// c|', '// c|\n{}', '{ /* c| */ }', '{ "a": 1 // no|te\n}', '/* unterminated|'])
    expectKind(fixture, 'none');
  expectKind('/* c */| {}', 'none');
  expectKind('{}|', 'none');
  expectKind('| {}', 'none');
  expectKind('"abc|"', 'none');
  expectKind('sl|', 'none');
});

// --- trees and errors -----------------------------------------------------------------------------

const CONNECTOR = `// Slack connector
{
  type: 'slack',
  "scopes": ["chat:write", 'channels:read',],
  enabled: true, retries: 0x10, ratio: .5, limit: -Infinity,
  nothing: null,
}
`;

test('a typical connector file: tree, offsets and values', () => {
  const parsed = parseJson5(CONNECTOR);
  assert.deepEqual(parsed.errors, []);
  const root = parsed.root!;
  assert.equal(root.type, 'object');
  assert.equal(root.offset, CONNECTOR.indexOf('{'));
  assert.equal(root.offset + root.length, CONNECTOR.lastIndexOf('}') + 1);
  assert.equal(root.closed, true);
  assert.deepEqual(parsed.comments, [{ offset: 0, length: '// Slack connector'.length }]);
  assert.deepEqual(nodeValue(root), {
    type: 'slack',
    scopes: ['chat:write', 'channels:read'],
    enabled: true,
    retries: 16,
    ratio: 0.5,
    limit: -Infinity,
    nothing: null,
  });

  const type = findProperty(root, 'type')!;
  assert.equal(type.type, 'property');
  assert.equal(type.colonOffset, CONNECTOR.indexOf(':', CONNECTOR.indexOf('type')));
  const [key, value] = type.children!;
  assert.deepEqual([key.value, key.quote, key.offset, key.length], ['type', '', CONNECTOR.indexOf('type'), 4]);
  assert.deepEqual([value.value, value.quote, value.closed], ['slack', "'", true]);
  assert.equal(CONNECTOR.substr(value.offset, value.length), "'slack'");
  assert.equal(CONNECTOR.substr(type.offset, type.length), "type: 'slack'");

  const second = CONNECTOR.indexOf("'channels:read'") + 3;
  const node = findNodeAtOffset(root, second)!;
  assert.equal(node.value, 'channels:read');
  assert.deepEqual(getNodePath(node), ['scopes', 1]);
  assert.deepEqual(getNodePath(findProperty(root, 'scopes')!.children![0]), ['scopes']);
  assert.deepEqual(getNodePath(root), []);
  assert.equal(findNodeAtOffset(root, CONNECTOR.length), undefined);
  assert.equal(findNodeAtOffset(root, root.offset + root.length, true), root);
});

test('duplicate keys: the last one wins, all are found', () => {
  const parsed = parseJson5('{ "type": "slack", "type": "gmail" }');
  assert.deepEqual(parsed.errors, []);
  assert.equal(findProperty(parsed.root, 'type')!.children![1].value, 'gmail');
  assert.deepEqual(
    findProperties(parsed.root, 'type').map((p) => p.children![1].value),
    ['slack', 'gmail'],
  );
  assert.deepEqual(nodeValue(parsed.root), { type: 'gmail' });
  assert.equal(findProperty(parsed.root, 'missing'), undefined);
  assert.equal(findProperty(undefined, 'type'), undefined);
  assert.deepEqual(findProperties(parseJson5('[1]').root, 'type'), []);
});

test('__proto__ is a plain key', () => {
  const value = nodeValue(parseJson5('{ __proto__: { polluted: true } }').root) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

function errorsOf(text: string): [string, number, number][] {
  return parseJson5(text).errors.map((e) => [e.message, e.offset, e.length]);
}

test("error messages and locations are json5's", () => {
  assert.deepEqual(errorsOf('{ "type": }')[0], ["invalid character '}'", 10, 1]);
  assert.deepEqual(errorsOf('{ "type": "slack" "scopes": [] }')[0], ["invalid character '\\\"'", 18, 1]);
  assert.deepEqual(errorsOf('{ "a": 1 }}')[0], ["invalid character '}'", 10, 1]);
  assert.deepEqual(errorsOf(''), [['invalid end of input', 0, 0]]);
  assert.deepEqual(errorsOf('{ "a": "x'), [['invalid end of input', 9, 0]]);
  assert.deepEqual(errorsOf('{ "a": "x\n}')[0], ["invalid character '\\n'", 9, 1]);
  assert.deepEqual(errorsOf('{ \\u0031: 1 }')[0], ['invalid identifier character', 2, 6]);
  assert.deepEqual(errorsOf('{ a: 01 }')[0], ["invalid character '1'", 6, 1]);
  assert.deepEqual(errorsOf('[1, 😀]')[0], ["invalid character '😀'", 4, 2]);
  assert.deepEqual(errorsOf('["\\x4"]')[0], ["invalid character '\\\"'", 5, 1]);
  assert.deepEqual(errorsOf('{ "a": tru }')[0], ["invalid character ' '", 10, 1]);
  assert.deepEqual(errorsOf('/ {}')[0], ["invalid character ' '", 1, 1]);
  assert.deepEqual(errorsOf('\x01')[0], ["invalid character '\\x01'", 0, 1]);
});

test('tolerance: half-typed documents still give a useful tree', () => {
  // unterminated string at the end
  let parsed = parseJson5('{ "type": "sl');
  const type = findProperty(parsed.root, 'type')!;
  assert.deepEqual([type.children![1].value, type.children![1].closed], ['sl', false]);
  assert.equal(parsed.root!.closed, false);
  assert.equal(parsed.root!.length, 13);

  // key without colon, key with colon but no value
  parsed = parseJson5('{ "type" ');
  assert.equal(findProperty(parsed.root, 'type')!.children!.length, 1);
  parsed = parseJson5('{ "type": , "scopes": ["a"] }');
  assert.equal(findProperty(parsed.root, 'type')!.children!.length, 1);
  assert.deepEqual(nodeValue(parsed.root), { scopes: ['a'] });
  parsed = parseJson5('{ "ty');
  assert.deepEqual(
    parsed.root!.children!.map((p) => p.children![0].value),
    ['ty'],
  );

  // missing commas
  assert.deepEqual(nodeValue(parseJson5('{ "a": 1\n "b": [1 2 3] }').root), { a: 1, b: [1, 2, 3] });
  // unclosed containers, closed by an outer bracket
  parsed = parseJson5('{ "a": { "x": [1, 2 }, "b": 3 }');
  assert.deepEqual(nodeValue(parsed.root), { a: { x: [1, 2] }, b: 3 });
  const inner = findProperty(parsed.root, 'a')!.children![1];
  assert.equal(inner.closed, true);
  assert.equal(findProperty(inner, 'x')!.children![1].closed, false);
  // stray tokens skipped
  assert.deepEqual(nodeValue(parseJson5('{ "a": 1, @ "b": 2, : }').root), { a: 1, b: 2 });
  assert.deepEqual(nodeValue(parseJson5('{ type: slack, "b": 2 }').root), { b: 2 });
  assert.deepEqual(nodeValue(parseJson5('[1,,2]').root), [1, 2]);
});

// Speed is measured by `npm run bench`; here, only that megabyte inputs parse to the right result.
test('megabyte inputs parse', () => {
  const big = '"' + 'a'.repeat(1 << 20) + '"';
  assert.equal(nodeValue(parseJson5(big).root), 'a'.repeat(1 << 20));
  assert.equal((nodeValue(parseJson5('[' + '1,'.repeat(200_000) + ']').root) as unknown[]).length, 200_000);
  assert.ok(parseJson5('{' + '"'.repeat(100_000)).errors.length > 0);
  assert.ok(parseJson5('/*' + '*'.repeat(1 << 20)).errors.length > 0);
});

test('syntax errors say what was expected where the grammar knows it', () => {
  const expected = (text: string) => parseJson5(text).errors[0]?.expected;
  assert.equal(expected('{ "a" 1 }'), "':'");
  assert.equal(expected('[1 2]'), "',' or ']'");
  assert.equal(expected('{ "type": "slack" "scopes": [] }'), "',' or '}'");
  assert.equal(expected('{'), "a property name or '}'");
  assert.equal(expected('{} x'), 'the end of the file (a connector file holds one object)');
  assert.equal(expected('{ "a": "\\1" }'), undefined, 'inside a string the grammar expected nothing in particular');
});
