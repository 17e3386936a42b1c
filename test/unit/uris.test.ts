import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { URI } from 'vscode-uri';
import { pathToUri, uriToPath } from '../../server/src/project/uris';

test('pathToUri spells URIs as VS Code does, and uriToPath reads them back, for plain and unusual names alike', () => {
  const root = path.resolve('/tmp/base44 app/base44/connectors');
  // What VS Code's client sends for these files (it builds URIs with vscode-uri); Node's pathToFileURL leaves
  // `(`, `)`, `+`, `@`, `,`, `=`, `[`, `]` unencoded.
  assert.equal(
    pathToUri(path.join(root, 'my (copy)+@,=[1].jsonc')),
    'file:///tmp/base44%20app/base44/connectors/my%20%28copy%29%2B%40%2C%3D%5B1%5D.jsonc',
  );
  const names = ['slack.jsonc', 'google-calendar_v2.json', '.draft.jsonc', 'a b.json', 'ü.json', '%41.json', '#x.json'];
  for (const name of [...names, '?.json', 'x\\y.json', 'my (copy)+@.jsonc']) {
    const file = path.join(root, name);
    assert.equal(pathToUri(file), URI.file(file).toString(), name);
    assert.equal(uriToPath(pathToUri(file)), file, name);
    // Other clients spell URIs as Node does: the same file either way.
    assert.equal(uriToPath(pathToFileURL(file).href), file, name);
  }
  const segment = fc.string({
    unit: fc.constantFrom('a', 'Z', '0', '.', '-', '_', ' ', '%', '#', 'é', '/', '(', '+', '@', '='),
    minLength: 1,
    maxLength: 8,
  });
  fc.assert(
    fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (parts) => {
      const file = path.resolve('/', ...parts);
      return uriToPath(pathToUri(file)) === file && uriToPath(pathToFileURL(file).href) === file;
    }),
    { numRuns: 5_000 },
  );
});

test('uriToPath reads file URIs back and refuses other schemes', () => {
  const file = path.resolve('/tmp/base44 app/base44/connectors/slack.jsonc');
  assert.equal(uriToPath(pathToUri(file)), file);
  assert.equal(uriToPath('file:///tmp/base44%20app/base44/x/../connectors/slack.jsonc'), file);
  assert.equal(uriToPath('file://localhost/tmp/base44%20app/base44/connectors/slack.jsonc'), file);
  assert.equal(uriToPath('untitled:Untitled-1'), undefined);
  assert.equal(uriToPath('file://host/%'), undefined);
});
