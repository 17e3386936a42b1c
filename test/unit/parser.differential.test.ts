// Differential tests: our JSON5 parser against the real json5@2.2.3 (what the Base44 CLI bundles).
// Same verdict; same value when valid; same first error (message, line and column) when invalid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import JSON5 from 'json5';
import { nodeValue, parseJson5 } from '../../server/src/parser/json5Parser';
import { getCompletionContext } from '../../server/src/parser/jsonNavigation';
import type { JsonNode } from '../../server/src/parser/jsonTree';

type Json5Outcome = { ok: true; value: unknown } | { ok: false; message: string };

function runJson5(text: string): Json5Outcome {
  // json5 console.warn()s about raw U+2028/U+2029 in strings; keep the test output clean.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return { ok: true, value: JSON5.parse(text) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  } finally {
    console.warn = warn;
  }
}

/** json5's error position for an error on the character at `offset`: line:column after reading it. */
function json5Position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  if (offset >= text.length) return `${line}:${offset - lineStart + 1}`;
  if (text.charCodeAt(offset) === 0x0a) return `${line + 1}:0`;
  const size = text.codePointAt(offset)! > 0xffff ? 2 : 1;
  return `${line}:${offset - lineStart + size}`;
}

/** Parent links, in-text offsets, children in order and inside their parent. */
function checkTree(text: string, root: JsonNode | undefined): void {
  if (root === undefined) return;
  assert.equal(root.parent, undefined);
  const stack: JsonNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const end = node.offset + node.length;
    assert.ok(node.offset >= 0 && node.length >= 0 && end <= text.length, `node range ${node.offset}+${node.length}`);
    let previousEnd = node.offset;
    for (const child of node.children ?? []) {
      assert.equal(child.parent, node, 'parent link');
      assert.ok(child.offset >= previousEnd, 'children in order, not overlapping');
      previousEnd = child.offset + child.length;
      assert.ok(previousEnd <= end, 'child inside parent');
      stack.push(child);
    }
    if (node.type === 'property') {
      assert.ok(node.children!.length >= 1 && node.children!.length <= 2);
      assert.equal(node.children![0].type, 'string');
    }
  }
}

function check(text: string): void {
  const ours = parseJson5(text);
  const theirs = runJson5(text);
  const label = JSON.stringify(text.length > 200 ? text.slice(0, 200) + '…' : text);
  if (theirs.ok) {
    assert.deepEqual(ours.errors, [], `json5 accepts ${label}`);
    if (!ours.truncated) assert.deepStrictEqual(nodeValue(ours.root), theirs.value, `value of ${label}`);
  } else {
    assert.ok(ours.errors.length > 0, `json5 rejects ${label}: ${theirs.message}`);
    const first = ours.errors[0];
    assert.equal(
      `JSON5: ${first.message} at ${json5Position(text, first.offset)}`,
      theirs.message,
      `first error of ${label}`,
    );
    assert.ok(first.offset + first.length <= text.length);
  }
  checkTree(text, ours.root);
}

const DEEP = 10_000;

const TRICKY: string[] = [
  // empty and trivia only
  '',
  ' ',
  '\n\t ',
  '\uFEFF',
  '// comment at EOF',
  '// c\n',
  '/* c */',
  '/* unterminated',
  '/*/',
  '/**/1',
  '/',
  '/x',
  '1/',
  '1 /',
  '1 // c',
  '1 /* c',
  '\uFEFF{}',
  '{\uFEFF}',
  '[1,\uFEFF2]',
  '\u00A0\u1680\u2000\u200A\u202F\u205F\u3000\u2028\u2029\v\f1',
  '\u180E1',
  '\u200B1',
  // literals
  'null',
  'true',
  'false',
  'nul',
  'nulx',
  'nullx',
  'truex',
  'True',
  'undefined',
  'n',
  '[tru]',
  '[true false]',
  // numbers
  '0',
  '-0',
  '+0',
  '-0.0',
  '01',
  '00',
  '0.',
  '.5',
  '5.',
  '+.5',
  '-.5',
  '.',
  '+.',
  '-',
  '+',
  '- 1',
  '1e',
  '1e+',
  '1e-5',
  '1E5',
  '5.e3',
  '.e1',
  '0.e1',
  '0x',
  '0x1F',
  '0XaB',
  '-0x10',
  '+0x0',
  '-0x0',
  '0x1g',
  '0xFFFFFFFFFFFFFFFFFFFF',
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '0.1e-400',
  'Infinity',
  '-Infinity',
  '+Infinity',
  'NaN',
  '-NaN',
  '+NaN',
  'Infinit',
  'infinity',
  'nan',
  'NaNa',
  '1.2.3',
  '1e5.5',
  '0b101',
  '0o7',
  '1_000',
  '١',
  // strings
  '"a"',
  "'a'",
  '"a',
  "'a",
  '"',
  '"\'"',
  "'\"'",
  '"\\x41"',
  "'\\x41'",
  '"\\x4"',
  '"\\x4g"',
  '"\\u0041"',
  '"\\u004"',
  '"\\u{41}"',
  '"\\uD83D\\uDE00"',
  '"\\uD800"',
  '"\\uDFFF"',
  '"\\v\\f\\b\\t\\r\\n"',
  '"\\a\\c\\d\\e"',
  '"\\0"',
  '"\\00"',
  '"\\01"',
  '"\\08"',
  '"\\1"',
  '"\\9"',
  '"\\0a"',
  '"a\\\nb"',
  '"a\\\r\nb"',
  '"a\\\rb"',
  '"a\\\u2028b"',
  '"a\\\u2029b"',
  '"a\nb"',
  '"a\rb"',
  '"a\u2028b"',
  '"a\u2029b"',
  '"\\',
  '"\\u',
  '"\\x',
  '"\\"',
  '"\\\'"',
  '"\\😀"',
  '"😀"',
  '"\uD800"',
  '"\uDC00x"',
  '"\t"',
  '"\0"',
  '"\x01"',
  '"\x7f"',
  '"a"b',
  '"a" "b"',
  "''",
  '""',
  // objects
  '{}',
  '{ }',
  '{a:1}',
  '{a:1,}',
  '{a:1,,}',
  '{,}',
  '{,a:1}',
  '{a}',
  '{a:}',
  '{a 1}',
  '{a::1}',
  '{"a":1',
  '{"a":1,',
  '{"a"',
  '{"a":',
  '{',
  '}',
  '{a:1}}',
  '{a:1} x',
  '{$a:1}',
  '{_a:1}',
  '{a$_1:1}',
  '{\\u0061b:1}',
  '{a\\u0062:1}',
  '{\\u0031:1}',
  '{a\\u0031:1}',
  '{a\\u002D:1}',
  '{\\u005f:1}',
  '{\\u0024:1}',
  '{a\\u200C:1}',
  '{\\x61:1}',
  '{\\u00:1}',
  '{\\:1}',
  '{a\\:1}',
  '{ಠ_ಠ:1}',
  '{ünïcödé:1}',
  '{𐀀:1}',
  '{😀:1}',
  '{a😀:1}',
  '{ⸯ:1}',
  '{aⸯ:1}',
  '{ࡰ:1}',
  '{1:1}',
  '{-1:1}',
  '{true:1}',
  '{null:1, false:2, Infinity:3, NaN:4}',
  '{"a":1,"a":2}',
  '{a:1,b:2,a:3}',
  '{__proto__:1}',
  '{"__proto__":{"x":1}}',
  '{constructor:1, toString:2}',
  '{"":1}',
  "{'a':1}",
  '{"a" : 1 }',
  '{a:1 b:2}',
  '{a:1;b:2}',
  '{a=1}',
  '{a:[}',
  '{a:{b:1]}',
  '{"a":"b"\n"c":"d"}',
  '{a:/*c*/1}',
  '{a//c\n:1}',
  '{a/**/:1}',
  '{a:1/*',
  '{"type": }',
  '{ "ty',
  '{ "type" ',
  '{"a":1, "b":2, }',
  // arrays
  '[]',
  '[ ]',
  '[,]',
  '[1,]',
  '[1,,]',
  '[,1]',
  '[1 2]',
  '[1,2',
  '[1,2,',
  '[',
  ']',
  '[}',
  '[1}',
  '[[]]]',
  '[[[',
  '[{}]',
  '[{]',
  '[]]',
  '[1][2]',
  '["a"\n"b"]',
  '[a]',
  '[-]',
  '[1e]',
  '[0x]',
  '[.]',
  '[Infinity,-Infinity,NaN]',
  // deep nesting (json5 is iterative and accepts any depth)
  '['.repeat(DEEP) + ']'.repeat(DEEP),
  '{a:'.repeat(DEEP) + '1' + '}'.repeat(DEEP),
  '['.repeat(DEEP),
  '['.repeat(DEEP) + ']'.repeat(DEEP - 1),
  '['.repeat(DEEP) + ']'.repeat(DEEP + 1),
  '[{"a":'.repeat(DEEP / 2) + 'x',
  // a realistic connector file
  '// Slack\n{\n  type: "slack",\n  scopes: [\'chat:write\', "channels:read",],\n  /* note */ enabled: true,\n}\n',
];

test('hand-picked tricky inputs agree with json5', () => {
  assert.ok(TRICKY.length >= 80);
  for (const text of TRICKY) check(text);
});

test('deep nesting is accepted but kept out of the tree past the depth limit', () => {
  const parsed = parseJson5('['.repeat(DEEP) + ']'.repeat(DEEP));
  assert.deepEqual(parsed.errors, []);
  assert.equal(parsed.truncated, true);
  let depth = 0;
  for (let node = parsed.root; node; node = node.children?.[0]) depth++;
  assert.equal(depth, 1000);
});

test('every single character alone, in a string, as a key and after a value agrees with json5', () => {
  const chars: string[] = [];
  for (let cu = 0; cu < 0x3100; cu++) chars.push(String.fromCharCode(cu));
  chars.push('\uFEFF', '\uD800', '\uDBFF\uDFFF', '😀', '\u{10000}', '\u{2F800}', '\u{E0100}');
  for (const ch of chars) {
    check(ch);
    check(`"${ch}"`);
    check(`"\\${ch}"`);
    check(`{${ch}:1}`);
    check(`{a${ch}:1}`);
    check(`[1${ch}]`);
    check(`{a:1${ch}}`);
  }
});

/** Fragments that exercise the JSON5 grammar when strung together at random. */
const FRAGMENTS = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"',
  "'",
  '\\',
  '/',
  '*',
  '//',
  '/*',
  '*/',
  '\n',
  '\r',
  '\r\n',
  ' ',
  '\t',
  '\u2028',
  '\uFEFF',
  '\u00A0',
  'a',
  'b',
  'x',
  'u',
  'e',
  'E',
  '$',
  '_',
  '0',
  '1',
  '9',
  '.',
  '+',
  '-',
  'null',
  'true',
  'false',
  'Infinity',
  'NaN',
  'I',
  'N',
  'n',
  't',
  '0x',
  'F',
  '\\u0061',
  '\\u00',
  '\\x41',
  '\\n',
  '\\0',
  '\\1',
  'ಠ',
  '😀',
  '\uD800',
  '\u200C',
  '"a"',
  "'b'",
  'key',
  '"key": ',
  'v: 1, ',
  '[1, 2]',
];

test('random fragment soup agrees with json5', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 24 }), (parts) => check(parts.join(''))),
    { numRuns: 2000 },
  );
});

// A generator of valid JSON5 texts using its syntax variety, for the mutation test.
const ws = fc.constantFrom('', ' ', '\n', '\t', ' // c\n', '/* c */', '\uFEFF', '\u2028', '\r\n');
const stringBody = fc
  .array(
    fc.constantFrom(
      'a',
      'B',
      ' ',
      '\\n',
      '\\x41',
      '\\u00e9',
      '\\\n',
      "\\'",
      '\\"',
      '\\0',
      'é',
      '😀',
      '\\\\',
      '\\/',
      '\u2028',
    ),
    { maxLength: 5 },
  )
  .map((p) => p.join(''));
// The body holds no raw quote, so either quote can wrap it.
const stringLit = fc.tuple(fc.constantFrom('"', "'"), stringBody).map(([q, body]) => q + body + q);
const numberLit = fc.constantFrom(
  '0',
  '-0',
  '1',
  '+1',
  '12.5',
  '.5',
  '5.',
  '1e3',
  '1E-3',
  '0x1F',
  '-0xff',
  'Infinity',
  '-Infinity',
  'NaN',
  '+NaN',
  '0.e1',
);
const keyLit = fc.oneof(stringLit, fc.constantFrom('a', '$b', '_c', 'type', '\\u0061b', 'ಠ_ಠ', 'null', '__proto__'));
const { value: json5Doc } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    stringLit,
    numberLit,
    fc.constantFrom('null', 'true', 'false'),
    fc
      .tuple(fc.array(fc.tuple(ws, tie('value'), ws), { maxLength: 4 }), fc.boolean(), ws)
      .map(
        ([items, trailing, w]) =>
          '[' + items.map(([a, v, b]) => a + v + b).join(',') + (trailing && items.length ? ',' : '') + w + ']',
      ),
    fc
      .tuple(fc.array(fc.tuple(ws, keyLit, ws, tie('value'), ws), { maxLength: 4 }), fc.boolean(), ws)
      .map(
        ([props, trailing, w]) =>
          '{' +
          props.map(([a, k, b, v, c]) => a + k + b + ':' + v + c).join(',') +
          (trailing && props.length ? ',' : '') +
          w +
          '}',
      ),
  ),
}));

test('generated valid JSON5 documents are accepted with the same value', () => {
  fc.assert(
    fc.property(fc.tuple(ws, json5Doc, ws), ([a, doc, b]) => {
      const text = a + doc + b;
      assert.ok(runJson5(text).ok, `generator produced invalid JSON5: ${JSON.stringify(text)}`);
      check(text);
    }),
    { numRuns: 2000 },
  );
});

test('mutated JSON5 documents (insert / delete / replace one character) agree with json5', () => {
  const mutation = fc.tuple(fc.constantFrom('insert', 'delete', 'replace'), fc.nat(), fc.constantFrom(...FRAGMENTS));
  fc.assert(
    fc.property(json5Doc, fc.array(mutation, { minLength: 1, maxLength: 3 }), (doc, mutations) => {
      let text = doc;
      for (const [kind, at, fragment] of mutations) {
        const i = text.length === 0 ? 0 : at % (text.length + 1);
        const ch = fragment[0];
        if (kind === 'insert') text = text.slice(0, i) + ch + text.slice(i);
        else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + 1);
        else text = text.slice(0, i) + ch + text.slice(i + 1);
      }
      check(text);
    }),
    { numRuns: 2000 },
  );
});

test('JSON documents agree with json5', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) =>
      check(JSON.stringify(value, null, pretty ? 2 : undefined)),
    ),
    { numRuns: 1000 },
  );
});

test('never throws on arbitrary text, and completion never throws either', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(), (text, at) => {
      check(text);
      const parsed = parseJson5(text);
      getCompletionContext(parsed, text, at % (text.length + 1));
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }), fc.nat(), (parts, at) => {
      const text = parts.join('');
      const parsed = parseJson5(text);
      for (let i = 0; i <= text.length; i += 1 + (at % 3)) {
        const ctx = getCompletionContext(parsed, text, i);
        if ('replaceRange' in ctx) {
          const { offset, length } = ctx.replaceRange;
          assert.ok(
            offset <= i && i <= offset + length && offset + length <= text.length,
            `replaceRange at ${i} in ${JSON.stringify(text)}`,
          );
        }
      }
    }),
    { numRuns: 1000 },
  );
});
