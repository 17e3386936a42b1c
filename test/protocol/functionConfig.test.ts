/**
 * function.json(c) over the real protocol: the built server (dist/server.js) validates every function config
 * of a project without opening it, follows edits, disk changes and connector files, and answers completion,
 * hover and code actions in them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import type {
  CompletionItem,
  CompletionList,
  MarkupContent,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { serveProjects } from '../support/lspClient';
import { makeProject } from '../support/tempProject';

const items = (result: CompletionList | CompletionItem[] | null) =>
  Array.isArray(result) ? result : (result?.items ?? []);
const codes = (list: { code?: string | number }[]) => list.map((d) => d.code).sort();

const CONFIG = 'base44/functions/notify/function.jsonc';
const WITH_AUTOMATION = `{
  "name": "notify",
  "entry": "index.ts",
  "automations": [
    { "type": "connector", "name": "on-message", "integration_type": "slak", "events": [] },
  ],
}
`;

describe('function configs over stdio', () => {
  const serve = serveProjects();
  // Every test arranges alike (a project, the server on it, files opened), as the other protocol test files do.

  test('every function config is validated unopened; fixes follow edits, disk and connector files', async () => {
    const project = makeProject({
      'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": [] }',
      [CONFIG]: WITH_AUTOMATION,
      'base44/functions/notify/index.ts': 'export default {};\n',
      'base44/functions/deep/er/function.json': '{ "name": "a.b", "entry": "main.ts" }',
      'base44/functions/.draft/function.json': '{ not json',
      'base44/function.json': '{ not json',
    });
    const client = await serve(project);
    const file = project.path(CONFIG);
    const [warning] = await client.waitForDiagnostics(file, (d) => d.length > 0);
    assert.equal(warning.code, 'automation-connector-missing');
    assert.equal(warning.severity, 2);
    assert.match(String(warning.message), /Did you mean "slack"/);
    const deep = await client.waitForDiagnostics(
      project.path('base44/functions/deep/er/function.json'),
      (d) => d.length > 0,
    );
    assert.deepEqual(codes(deep), ['function-config-invalid']);
    // hidden folders and files outside the functions folder are not function configs
    assert.deepEqual(client.diagnosticsFor(project.path('base44/functions/.draft/function.json')), []);
    assert.deepEqual(client.diagnosticsFor(project.path('base44/function.json')), []);

    // Quick fixes: did you mean, and a ready connector file
    const actions = (await client.codeActions(file, warning.range, [warning]))!;
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Did you mean "slack"?', 'Create base44/connectors/slak.jsonc'],
    );
    const [, insert] = actions[1].edit!.documentChanges! as [unknown, TextDocumentEdit];
    assert.match((insert.edits[0] as TextEdit).newText, /"type": "slak"/);

    // Creating the connector file on disk clears the warning (cross-check follows connector files).
    project.write('base44/connectors/slak.jsonc', '{ "type": "slak", "scopes": [] }');
    await client.fileChanged(project.path('base44/connectors/slak.jsonc'), 1);
    await client.waitForDiagnostics(file, (d) => d.length === 0);

    // An edit in the open document re-validates it: an entry that does not exist is an error.
    await client.open(file, WITH_AUTOMATION, 'base44-function-config');
    await client.change(file, WITH_AUTOMATION.replace('index.ts', 'main.ts'));
    const [missing] = await client.waitForDiagnostics(file, (d) =>
      d.some((x) => x.code === 'function-entry-not-found'),
    );
    assert.equal(missing.severity, 1);
    // ... until the entry file appears on disk.
    project.write('base44/functions/notify/main.ts', 'export default {};\n');
    await client.fileChanged(project.path('base44/functions/notify/main.ts'), 1);
    await client.waitForDiagnostics(file, (d) => d.length === 0);

    // A deleted config loses its diagnostics.
    fs.rmSync(project.path('base44/functions/deep/er/function.json'));
    await client.fileChanged(project.path('base44/functions/deep/er/function.json'), 3);
    await client.waitForDiagnostics(project.path('base44/functions/deep/er/function.json'), (d) => d.length === 0);
  });

  test('two configs with one name: an error in each, pointing at the other', async () => {
    const project = makeProject({
      'base44/functions/a/function.jsonc': '{ "name": "same", "entry": "index.ts" }',
      'base44/functions/a/index.ts': '',
      'base44/functions/b/function.jsonc': '{ "name": " same ", "entry": "index.ts" }',
      'base44/functions/b/index.ts': '',
    });
    const client = await serve(project);
    const [a] = await client.waitForDiagnostics(project.path('base44/functions/a/function.jsonc'), (d) => d.length > 0);
    assert.equal(a.code, 'function-duplicate-name');
    assert.match(String(a.message), /also used by \.\.\/b\/function\.jsonc/);
    assert.match(a.relatedInformation![0].location.uri, /\/b\/function\.jsonc$/);
    const [b] = await client.waitForDiagnostics(project.path('base44/functions/b/function.jsonc'), (d) => d.length > 0);
    assert.equal(b.code, 'function-duplicate-name');
  });

  test('completion and hover in a function config; a custom functionsDir', async () => {
    const project = makeProject(
      {
        'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": [] }',
        'base44/backend/x/function.jsonc':
          '{ "name": "x", "entry": "index.ts", "automations": [{ "type": "connector", "integration_type": "" }] }',
        'base44/backend/x/index.ts': '',
        'base44/functions/y/function.jsonc': '{ not json',
      },
      { config: { name: 'test-app', functionsDir: 'backend' } },
    );
    const client = await serve(project);
    const file = project.path('base44/backend/x/function.jsonc');
    await client.waitForDiagnostics(file, (d) => d.length > 0);
    // the default folder is not read when functionsDir says otherwise
    assert.deepEqual(client.diagnosticsFor(project.path('base44/functions/y/function.jsonc')), []);
    const text = fs.readFileSync(file, 'utf8');
    const at = (needle: string, delta = 0) => ({ line: 0, character: text.indexOf(needle) + delta });
    const types = items(await client.completion(file, at('""', 1)));
    assert.equal(types[0].label, 'slack');
    assert.ok(types.some((i) => i.label === 'gmail' && /no connector file yet/.test(i.detail ?? '')));
    const hover = await client.hover(file, at('"entry"', 2));
    assert.match((hover!.contents as MarkupContent).value, /\*\*`entry`\*\* \(required\)/);
    const kind = await client.hover(file, at('"connector"', 2));
    assert.match((kind!.contents as MarkupContent).value, /Connector automation/);
  });
});
