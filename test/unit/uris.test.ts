import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { pathToUri, uriToPath } from '../../server/src/project/uris';

test('pathToUri builds what pathToFileURL builds, for plain and unusual names alike', () => {
  const root = path.resolve('/tmp/base44 app/base44/connectors');
  const names = [
    'slack.jsonc',
    'google-calendar_v2.json',
    '.draft.jsonc',
    '..',
    '.',
    'a b.json',
    'ü.json',
    '%41.json',
    '#x.json',
    '?.json',
    'x\\y.json',
  ];
  for (const name of names) {
    const file = path.join(root, name);
    assert.equal(pathToUri(file), pathToFileURL(file).href, name);
  }
  const segment = fc.string({
    unit: fc.constantFrom('a', 'Z', '0', '.', '-', '_', ' ', '%', '#', 'é', '/'),
    minLength: 1,
    maxLength: 8,
  });
  fc.assert(
    fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (parts) => {
      const file = path.resolve('/', ...parts);
      return pathToUri(file) === pathToFileURL(file).href;
    }),
    { numRuns: 5_000 },
  );
});

test('uriToPath reads file URIs back and refuses other schemes', () => {
  const file = path.resolve('/tmp/base44 app/base44/connectors/slack.jsonc');
  assert.equal(uriToPath(pathToUri(file)), file);
  assert.equal(uriToPath('untitled:Untitled-1'), undefined);
  assert.equal(uriToPath('file://host/%'), undefined);
});
