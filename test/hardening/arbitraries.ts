/** fast-check generators of connector documents: plausible ones, mutated ones, and hostile text. */
import fc from 'fast-check';
import { catalog } from '../../server/src/catalog/catalog';

const TYPES = catalog.types.map((t) => t.type);
const SCOPES = catalog.types.flatMap((t) => t.scopes.map((s) => s.scope));

/** Characters that break parsers and editors: quotes, brackets, escapes, surrogate halves, controls. */
export const HOSTILE_CHARS = [
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '/',
  '*',
  '\\',
  '\n',
  '\r',
  '\r\n',
  '\t',
  ' ',
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\uD83D\uDE00',
  'é',
  '\\u',
  '\\x',
  '\\u{',
  '0x',
  'Infinity',
  'NaN',
  '-',
  '+',
  '.',
  'e',
  '//',
  '/*',
  '*/',
  'type',
  'scopes',
  '"type"',
  '"scopes"',
  '__proto__',
  'constructor',
];

const hostileChar = fc.constantFrom(...HOSTILE_CHARS);

/** Any string, built from hostile characters and arbitrary code units (lone surrogates included). */
export const hostileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      hostileChar,
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const typeValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TYPES) },
  { weight: 1, arbitrary: fc.constantFrom('Slack', 'googlecalender', 'my-custom_1', '', '-x', 'a b') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

const scopeValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SCOPES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('--app-id=x', '-y', 'a,b', 'a\nb', '$(touch /tmp/pwned)') },
);

/** A JSON value of any kind, for where the schema wants something else. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  typeValue,
  fc.array(scopeValue, { maxLength: 5 }),
);

const quote = (s: string, q: '"' | "'" | '') => {
  if (q === '') return /^[A-Za-z_$][\w$]*$/.test(s) ? s : JSON.stringify(s);
  if (q === '"') return JSON.stringify(s);
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
};

/** Serializes like a person writes JSON5: optional comments, trailing commas, quote styles, line ends. */
function serialize(
  entries: [string, unknown][],
  style: { q: '"' | "'" | ''; trailing: boolean; comments: boolean; eol: string },
): string {
  const value = (v: unknown): string => {
    if (typeof v === 'string') return quote(v, style.q === '' ? '"' : style.q);
    if (Array.isArray(v)) return `[${v.map(value).join(', ')}${style.trailing && v.length ? ',' : ''}]`;
    if (v && typeof v === 'object')
      return `{${Object.entries(v)
        .map(([k, x]) => `${quote(k, style.q)}: ${value(x)}`)
        .join(', ')}}`;
    return JSON.stringify(v) ?? 'null';
  };
  const lines = entries.map(
    ([k, v], i) =>
      `  ${style.comments && i === 0 ? '/* c */ ' : ''}${quote(k, style.q)}: ${value(v)}${i < entries.length - 1 || style.trailing ? ',' : ''}`,
  );
  return `${style.comments ? `// connector${style.eol}` : ''}{${style.eol}${lines.join(style.eol)}${style.eol}}${style.eol}`;
}

/** Plausible connector files: right, slightly wrong and very wrong, in every JSON5 style. */
export const connectorText: fc.Arbitrary<string> = fc
  .tuple(
    fc.option(typeValue, { nil: undefined }),
    fc.option(
      fc.oneof({ weight: 5, arbitrary: fc.array(scopeValue, { maxLength: 6 }) }, { weight: 1, arbitrary: anyValue }),
      { nil: undefined },
    ),
    fc.array(fc.tuple(fc.constantFrom('name', 'type', 'scopes', 'connectionConfig', 'extra', '$schema'), anyValue), {
      maxLength: 2,
    }),
    fc.record({
      q: fc.constantFrom('"' as const, "'" as const, '' as const),
      trailing: fc.boolean(),
      comments: fc.boolean(),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
    }),
  )
  .map(([type, scopes, extra, style]) => {
    const entries: [string, unknown][] = [];
    if (type !== undefined) entries.push(['type', type]);
    if (scopes !== undefined) entries.push(['scopes', scopes]);
    entries.push(...extra);
    return serialize(entries, style);
  });

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), hostileChar).map(
    ([at, c]): Mutation =>
      (t) =>
        t.slice(0, at % (t.length + 1)) + c + t.slice(at % (t.length + 1)),
  ),
  fc.tuple(fc.nat(), fc.nat({ max: 8 })).map(
    ([at, n]): Mutation =>
      (t) =>
        t.slice(0, at % (t.length + 1)) + t.slice((at % (t.length + 1)) + n),
  ),
  fc.tuple(fc.nat(), fc.nat({ max: 12 })).map(([at, n]): Mutation => (t) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + t.slice(i, i + n) + t.slice(i);
  }),
  fc.nat().map(
    (at): Mutation =>
      (t) =>
        t.slice(0, at % (t.length + 1)),
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 0xd800, max: 0xdfff })).map(([at, c]): Mutation => (t) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + String.fromCharCode(c) + t.slice(i);
  }),
);

/** A connector file after a few random edits: unbalanced, half-typed, with surrogate halves. */
export const mutatedConnector: fc.Arbitrary<string> = fc
  .tuple(connectorText, fc.array(mutation, { minLength: 1, maxLength: 5 }))
  .map(([text, ms]) => ms.reduce((t, m) => m(t), text));
