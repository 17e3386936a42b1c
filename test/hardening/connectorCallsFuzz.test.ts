/**
 * Property-based tests of the function-code scanner (like the parser's): for generated code, hostile text and
 * code wrapped in comments or strings, it never throws, every range is inside the text and names a quoted literal
 * whose value is what the range holds, and nothing hidden in a comment or string is ever reported.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CONNECTOR_METHODS, findConnectorCalls } from '../../server/src/functions/connectorCalls';

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const type = fc.stringMatching(/^[a-z0-9_-]{0,12}$/);
const quote = fc.constantFrom("'", '"', '`');
const receiver = fc.constantFrom(
  'base44.asServiceRole.connectors',
  'connectors',
  'base44?.asServiceRole?.connectors',
  '(await x).asServiceRole.connectors',
);
const call = fc
  .record({ receiver, method: fc.constantFrom(...CONNECTOR_METHODS), quote, type, awaited: fc.boolean() })
  .map(({ receiver: r, method, quote: q, type: t, awaited }) => ({
    code: `${awaited ? 'await ' : ''}${r}.${method}(${q}${t}${q})`,
    method,
    type: t,
  }));
const noise = fc.constantFrom(
  'const a = 1;',
  'x = y / 2 / z;',
  'if (a) { b(); }',
  'const re = /[/]"\'`/g;',
  "s = 'it\\'s';",
  't = `a${b}c`;',
  '// a comment',
  '/* block */',
  'f(`${ {a: "}"}.a }`);',
  'let o = { connectors: 1 };',
  '\n',
  ' ',
);
const program = fc.array(
  fc.oneof(
    call.map((c) => ({ ...c, kind: 'call' as const })),
    noise.map((code) => ({ code, kind: 'noise' as const })),
  ),
  { maxLength: 20 },
);

function checkRanges(text: string): void {
  for (const c of findConnectorCalls(text)) {
    assert.ok(c.nameStart >= 0 && c.nameStart < c.nameEnd && c.nameEnd <= text.length, 'name range');
    assert.ok(c.argsStart > c.nameEnd - 1 && c.argsStart <= text.length, 'args start');
    for (const literal of [c.literal, c.partial]) {
      if (!literal) continue;
      assert.ok(
        literal.start >= c.argsStart && literal.start < literal.end && literal.end <= text.length,
        'literal range',
      );
      assert.equal(text[literal.start], literal.quote);
      if (literal.closed) assert.equal(text[literal.end - 1], literal.quote);
    }
  }
}

test('the scanner never throws and every range lies inside the text (any text)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => checkRanges(text)),
    { numRuns: NUM_RUNS },
  );
  fc.assert(
    fc.property(
      fc.array(
        fc.constantFrom(
          'connectors',
          '.',
          'getConnection',
          '(',
          ')',
          '"',
          "'",
          '`',
          '${',
          '}',
          '{',
          '/',
          '*',
          '\\',
          '\n',
          'x',
          '=',
          ',',
          ':',
        ),
        { maxLength: 60 },
      ),
      (parts) => checkRanges(parts.join('')),
    ),
    { numRuns: NUM_RUNS },
  );
});

test('every call of generated code is found, in order, with its literal type', () => {
  fc.assert(
    fc.property(program, (parts) => {
      const text = parts.map((p) => p.code + ';').join('\n');
      checkRanges(text);
      const expected = parts
        .filter((p) => p.kind === 'call')
        .map((p) => [(p as { method: string }).method, (p as { type: string }).type]);
      const found = findConnectorCalls(text).map((c) => [c.method, c.literal?.value]);
      assert.deepEqual(found, expected);
    }),
    { numRuns: NUM_RUNS },
  );
});

test('nothing inside a comment or a string is reported', () => {
  fc.assert(
    fc.property(program, fc.constantFrom('block', 'line', 'single'), (parts, wrap) => {
      const body = parts
        .map((p) => p.code)
        .join(' ')
        .replace(/\*\//g, '')
        .replace(/[\n\r\u2028\u2029]/g, ' ');
      const text =
        wrap === 'block'
          ? `/* ${body} */`
          : wrap === 'line'
            ? `// ${body}`
            : `'${body.replace(/\\/g, '').replace(/'/g, '')}'`;
      assert.deepEqual(findConnectorCalls(text), []);
    }),
    { numRuns: NUM_RUNS },
  );
});
