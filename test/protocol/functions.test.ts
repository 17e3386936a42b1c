/**
 * The function side over the real stdio protocol: backend function code of a project (found as CLI 0.1.18
 * finds it) is checked against the project's connector files, with quick fixes, completion, hover, definition,
 * references and a usage lens; connector files no function uses get a hint.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import type { CodeAction, CodeLens, CompletionList, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { serveProjects, toUri } from '../support/lspClient';
import { makeProject, TempProject } from '../support/tempProject';

const WARNING = 2;
const HINT = 4;

const FUNCTION = `import { createClientFromRequest } from "npm:@base44/sdk";

Deno.serve(async (req) => {
  const base44 = createClientFromRequest(req);
  const { accessToken } = await base44.asServiceRole.connectors.getConnection("slack");
  const other = await base44.asServiceRole.connectors.getConnection('slak');
  // base44.asServiceRole.connectors.getConnection("commented");
  const token = await base44.asServiceRole.connectors.getAccessToken("slack");
  const byId = await base44.asServiceRole.connectors.getWorkspaceConnection("slack");
  const cal = await base44.asServiceRole.connectors.getConnection("googlecalendar");
  return Response.json({ accessToken, other, token, byId, cal });
});
`;

function position(text: string, needle: string, delta = 1) {
  const offset = text.indexOf(needle) + delta;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('function code over stdio', () => {
  const serve = serveProjects();
  // Every test arranges alike (a project, the server on it, files opened), as the other protocol test files do.

  function sampleProject(): TempProject {
    return makeProject({
      'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }',
      'base44/connectors/gmail.jsonc':
        '{ "type": "gmail", "scopes": ["https://www.googleapis.com/auth/gmail.readonly"] }',
      'base44/functions/notify/function.jsonc': '{ name: "notify", entry: "index.ts" }',
      'base44/functions/notify/index.ts': FUNCTION,
    });
  }

  test('flags undeclared types, getAccessToken and a type passed as an ID, without opening the file', async () => {
    const project = sampleProject();
    const client = await serve(project);
    const file = project.path('base44/functions/notify/index.ts');
    const diagnostics = await client.waitForDiagnostics(file, (d) => d.length > 0);
    const summary = diagnostics.map((d) => [
      d.code,
      d.severity,
      FUNCTION.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character),
    ]);
    assert.deepEqual(summary, [
      ['connector-not-declared', WARNING, "'slak'"],
      ['get-access-token-deprecated', HINT, 'getAccessToken'],
      ['connector-id-expected', WARNING, '"slack"'],
      ['connector-not-declared', WARNING, '"googlecalendar"'],
    ]);
    const slak = diagnostics[0];
    assert.match(String(slak.message), /push/);
    assert.match(String(slak.message), /removes a remote "slak" connector/);
    assert.match(String(slak.message), /fails at run time/);
    assert.match(String(slak.message), /Did you mean "slack"/);
    // gmail.jsonc: no function calls gmail.
    const gmail = await client.waitForDiagnostics(project.path('base44/connectors/gmail.jsonc'), (d) => d.length > 0);
    assert.deepEqual(
      gmail.map((d) => [d.code, d.severity]),
      [['connector-unused', HINT]],
    );
    assert.deepEqual(client.diagnosticsFor(project.path('base44/connectors/slack.jsonc')), []);
  });

  test('quick fixes: create the connector file (never over an existing one) and did you mean', async () => {
    const project = sampleProject();
    const client = await serve(project);
    const file = project.path('base44/functions/notify/index.ts');
    const diagnostics = await client.waitForDiagnostics(file, (d) => d.length > 0);
    const calendar = diagnostics.find((d) => String(d.message).includes('googlecalendar'))!;
    const actions = (await client.codeActions(file, calendar.range, [calendar])) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Create base44/connectors/googlecalendar.jsonc'],
    );
    const changes = actions[0].edit!.documentChanges!;
    const target = toUri(project.path('base44/connectors/googlecalendar.jsonc'));
    assert.deepEqual(changes[0], { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } });
    const insert = (changes[1] as { edits: { newText: string }[] }).edits[0].newText;
    assert.match(insert, /"type": "googlecalendar"/);
    assert.match(insert, /"scopes": \[\]/);

    const slak = diagnostics.find((d) => String(d.message).includes('"slak"'))!;
    const fixes = (await client.codeActions(file, slak.range, [slak])) as CodeAction[];
    assert.deepEqual(
      fixes.map((a) => a.title),
      ['Create base44/connectors/slak.jsonc', 'Change to "slack"'],
    );
    assert.equal(fixes[1].isPreferred, true);
    assert.deepEqual(Object.values(fixes[1].edit!.changes!)[0][0].newText, "'slack'");

    // A file of that name that declares another type is not overwritten: no "Create" then.
    project.write('base44/connectors/slak.jsonc', '{ "type": "other" }');
    const again = (await client.codeActions(file, slak.range, [slak])) as CodeAction[];
    assert.deepEqual(
      again.map((a) => a.title),
      ['Change to "slack"'],
    );
  });

  test('completion, hover, definition, references and the usage lens', async () => {
    const project = sampleProject();
    const client = await serve(project);
    const file = project.path('base44/functions/notify/index.ts');
    await client.waitForDiagnostics(file, (d) => d.length > 0);
    await client.open(file, FUNCTION, 'typescript');

    const list = (await client.completion(
      file,
      position(FUNCTION, 'getConnection("slack")', 'getConnection("'.length),
    )) as CompletionList;
    const labels = list.items.map((i) => i.label);
    assert.deepEqual(labels.slice(0, 2).sort(), ['gmail', 'slack']);
    const calendar = list.items.find((i) => i.label === 'googlecalendar')!;
    assert.match(String(calendar.detail), /no connector file yet/);
    assert.ok(list.items.find((i) => i.label === 'slack')!.sortText! < calendar.sortText!);
    // Not inside an ID method, not in a comment.
    assert.equal(
      await client.completion(file, position(FUNCTION, 'Connection("commented', 'Connection("'.length)),
      null,
    );

    const hover = await client.hover(file, position(FUNCTION, '"slack"', 2));
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /Slack/);
    assert.match(value, /base44\/connectors\/slack\.jsonc/);
    assert.match(value, /chat:write/);

    const definition = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: toUri(file) },
      position: position(FUNCTION, '"slack"', 2),
    });
    assert.equal(definition.length, 1);
    assert.equal(definition[0].uri, toUri(project.path('base44/connectors/slack.jsonc')));
    assert.deepEqual(definition[0].range, { start: { line: 0, character: 10 }, end: { line: 0, character: 17 } });

    const slackFile = project.path('base44/connectors/slack.jsonc');
    const references = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: toUri(slackFile) },
      position: { line: 0, character: 12 },
      context: { includeDeclaration: false },
    });
    assert.deepEqual(
      references.map((r) => [r.uri, r.range.start.line]),
      [
        [toUri(file), 4],
        [toUri(file), 7],
      ],
    );

    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: toUri(slackFile) },
    });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command!.title, 'used by 1 function: notify');
    assert.equal(lenses[0].command!.command, 'base44.showConnectorUsages');
  });

  test('finds functions where the CLI does: config files, zero-config entries, functionsDir, shared code', async () => {
    const call = (type: string) => `await base44.asServiceRole.connectors.getConnection("${type}");\n`;
    const project = makeProject({
      'base44/config.jsonc': '{ "name": "app", "functionsDir": "backend" }',
      'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": [] }',
      'base44/backend/a/entry.ts': call('missing_a'),
      'base44/backend/a/helper.ts': call('missing_helper'),
      'base44/backend/v1.2/b/entry.ts': call('dotted'),
      'base44/backend/entry.ts': call('top_level'),
      'base44/backend/c/function.json': '{ "name": "c", "entry": "main.js" }',
      'base44/backend/c/main.js': call('missing_c'),
      'base44/backend/c/entry.ts': call('entry_of_configured'),
      'base44/shared/util.ts': call('missing_shared'),
      'base44/functions/old/entry.ts': call('default_dir'),
      'functions/upcoming/index.ts': call('outside'),
    });
    const client = await serve(project);
    const flagged = async (rel: string) =>
      (await client.waitForDiagnostics(project.path(rel), (d) => d.length > 0)).map((d) => d.code);
    assert.deepEqual(await flagged('base44/backend/a/entry.ts'), ['connector-not-declared']);
    assert.deepEqual(await flagged('base44/backend/a/helper.ts'), ['connector-not-declared']);
    assert.deepEqual(await flagged('base44/backend/c/main.js'), ['connector-not-declared']);
    // A configured function bundles every .ts of its folder, the entry.ts included.
    assert.deepEqual(await flagged('base44/backend/c/entry.ts'), ['connector-not-declared']);
    assert.deepEqual(await flagged('base44/shared/util.ts'), ['connector-not-declared']);
    // Not function code as the CLI finds it, even when open.
    const notFunctions = [
      'base44/backend/v1.2/b/entry.ts',
      'base44/backend/entry.ts',
      'base44/functions/old/entry.ts',
      'functions/upcoming/index.ts',
    ];
    for (const rel of notFunctions) {
      await client.open(project.path(rel), fs.readFileSync(project.path(rel), 'utf8'), 'typescript');
    }
    await client.nextValidation();
    for (const rel of notFunctions) {
      assert.deepEqual(client.diagnosticsFor(project.path(rel)), [], rel);
      assert.equal(await client.hover(project.path(rel), { line: 0, character: 55 }), null, rel);
    }
  });

  test('edits and new connector files are followed', async () => {
    const project = sampleProject();
    const client = await serve(project);
    const file = project.path('base44/functions/notify/index.ts');
    await client.waitForDiagnostics(file, (d) => d.length === 4);
    await client.open(file, FUNCTION, 'typescript');
    // Fix the typo in the editor: one warning fewer, and gmail still unused.
    await client.change(file, FUNCTION.replace("'slak'", "'slack'"));
    await client.waitForDiagnostics(file, (d) => d.length === 3);
    // Use gmail: its hint goes away.
    await client.change(file, FUNCTION.replace("'slak'", "'gmail'"));
    await client.waitForDiagnostics(project.path('base44/connectors/gmail.jsonc'), (d) => d.length === 0);
    // A new connector file on disk declares googlecalendar: that warning goes away.
    project.write('base44/connectors/googlecalendar.jsonc', '{ "type": "googlecalendar", "scopes": [] }');
    await client.fileChanged(project.path('base44/connectors/googlecalendar.jsonc'), 1);
    await client.waitForDiagnostics(
      file,
      (d) => d.length === 2 && !d.some((x) => String(x.message).includes('googlecalendar')),
    );
    // A new function file on disk is picked up.
    project.write('base44/functions/notify/more.ts', 'connectors.getConnection("nothere");');
    await client.fileChanged(project.path('base44/functions/notify/more.ts'), 1);
    const more = await client.waitForDiagnostics(project.path('base44/functions/notify/more.ts'), (d) => d.length > 0);
    assert.equal(more[0].code, 'connector-not-declared');
  });
});
