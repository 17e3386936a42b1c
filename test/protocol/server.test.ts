/**
 * The built language server (dist/server.js) driven over its real stdio protocol, as an editor would.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CompletionItem, CompletionList, MarkupContent } from 'vscode-languageserver-protocol';
import type { ProjectsResult } from '../../server/src/protocol';
import { serveProjects } from '../support/lspClient';
import { makeProject } from '../support/tempProject';

const ERROR = 1;
const codes = (list: { code?: string | number }[]) => list.map((d) => d.code).sort();
const items = (result: CompletionList | CompletionItem[] | null) =>
  Array.isArray(result) ? result : (result?.items ?? []);

describe('language server over stdio', () => {
  const serve = serveProjects();
  // Every test arranges alike (a project, the server on it, files opened), as the other protocol test files do.

  test('validates every connector file of the project without opening it', async () => {
    const project = makeProject({
      'base44/connectors/googlecalendar.jsonc':
        '{\n  "type": "googlecalendar",\n  "scopes": [\n    "https://www.googleapis.com/auth/calendar.readonly",\n  ],\n}\n',
      'base44/connectors/typo.jsonc': '{ "type": "googlecalender", "scopes": [] }',
      'base44/connectors/broken.json': '{ "type": "slack", "scopes": [ }',
    });
    const client = await serve(project);
    const broken = await client.waitForDiagnostics(project.path('base44/connectors/broken.json'), (d) => d.length > 0);
    assert.deepEqual(codes(broken), ['json-syntax']);
    assert.equal(broken[0].severity, ERROR);
    assert.equal(broken[0].range.start.line, 0);

    const typo = await client.waitForDiagnostics(project.path('base44/connectors/typo.jsonc'), (d) => d.length > 0);
    const unknown = typo.find((d) => d.code === 'unknown-type');
    assert.ok(unknown, JSON.stringify(typo));
    assert.match(String(unknown.message), /googlecalendar/);
    assert.deepEqual((unknown.data as { replacements: string[] }).replacements[0], 'googlecalendar');
    // The docs' own example, trailing commas included, is clean.
    assert.deepEqual(client.diagnosticsFor(project.path('base44/connectors/googlecalendar.jsonc')), []);
  });

  test('leaves every other JSON file alone', async () => {
    const project = makeProject({
      'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }',
      'base44/connectors/nested/bad.jsonc': '{ not json',
      'base44/connectors/.draft.jsonc': '{ not json',
      'base44/connectors/notes.txt': 'hello',
      'package.json': '{ "name": "x", }',
    });
    const client = await serve(project);
    const notConnectorFiles = [
      'base44/connectors/nested/bad.jsonc',
      'base44/connectors/.draft.jsonc',
      'package.json',
      'base44/config.jsonc',
    ];
    for (const rel of notConnectorFiles) {
      const file = project.path(rel);
      await client.open(file, fs.readFileSync(file, 'utf8'), 'jsonc');
    }
    await client.open(project.path('base44/connectors/slack.jsonc'));
    await client.nextValidation();
    for (const rel of notConnectorFiles) {
      assert.deepEqual(client.diagnosticsFor(project.path(rel)), [], rel);
      assert.equal(await client.completion(project.path(rel), { line: 0, character: 2 }), null, rel);
      assert.equal(await client.hover(project.path(rel), { line: 0, character: 2 }), null, rel);
    }
  });

  test('edits are re-validated, and the one-file-per-type rule spans the folder', async () => {
    const project = makeProject({
      'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }',
      'base44/connectors/other.jsonc': '{ "type": "gmail", "scopes": [] }',
    });
    const client = await serve(project);
    const other = project.path('base44/connectors/other.jsonc');
    const slack = project.path('base44/connectors/slack.jsonc');
    await client.open(other);
    await client.change(other, '{ "type": "slack", "scopes": [] }');
    const duplicate = await client.waitForDiagnostics(slack, (d) => d.some((x) => x.code === 'duplicate-type'));
    const error = duplicate.find((d) => d.code === 'duplicate-type')!;
    assert.equal(error.severity, ERROR);
    assert.match(String(error.message), /other\.jsonc/);
    assert.equal(error.relatedInformation?.length, 1);
    await client.waitForDiagnostics(other, (d) => d.some((x) => x.code === 'duplicate-type'));

    // Fix it: both errors go away.
    await client.change(other, '{ "type": "gmail", "scopes": [] }');
    await client.waitForDiagnostics(slack, (d) => !d.some((x) => x.code === 'duplicate-type'));
  });

  test('follows connectorsDir and picks up config edits without a restart', async () => {
    const project = makeProject({
      'base44/config.jsonc': '{ "name": "app", "connectorsDir": "integrations" }',
      'base44/integrations/slack.jsonc': '{ "type": "slack", "scopes": ["chat:wrte"] }',
      'base44/connectors/gmail.jsonc': '{ "type": "gmial" }',
    });
    const client = await serve(project);
    const slack = project.path('base44/integrations/slack.jsonc');
    const gmail = project.path('base44/connectors/gmail.jsonc');
    const slackProblems = await client.waitForDiagnostics(slack, (d) => d.length > 0);
    assert.deepEqual(codes(slackProblems), ['unknown-scope']);
    assert.deepEqual(client.diagnosticsFor(gmail), []);

    // Point connectorsDir back at "connectors" in the editor (unsaved): the folders swap.
    const config = project.path('base44/config.jsonc');
    await client.open(config, fs.readFileSync(config, 'utf8'), 'jsonc');
    await client.change(config, '{ "name": "app", "connectorsDir": "connectors" }');
    await client.waitForDiagnostics(gmail, (d) => d.some((x) => x.code === 'unknown-type'));
    await client.waitForDiagnostics(slack, (d) => d.length === 0);
  });

  test('serves several projects in a multi-root workspace and describes them', async () => {
    const first = makeProject({ 'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }' });
    const second = makeProject({
      'base44/connectors/notion.jsonc': '{ "type": "notion" }',
      'base44/connectors/bad.jsonc': '{ "type": 42 }',
    });
    const client = await serve(first, second);
    await client.waitForDiagnostics(second.path('base44/connectors/bad.jsonc'), (d) => d.length > 0);
    const result = await client.request<ProjectsResult>('base44/projects');
    assert.equal(result.projects.length, 2);
    const summary = result.projects.find((p) => p.rootUri.includes(path.basename(second.root)))!;
    assert.deepEqual(
      summary.connectors.map((c) => [path.basename(c.uri), c.type ?? null, c.errorCount]),
      [
        ['bad.jsonc', null, 1],
        ['notion.jsonc', 'notion', 0],
      ],
    );
    const slack = result.projects.find((p) => p.rootUri.includes(path.basename(first.root)))!.connectors[0];
    assert.equal(slack.displayName !== undefined, true);
    assert.equal(slack.scopes[0].scope, 'chat:write');
    assert.ok(slack.scopes[0].description);
  });

  test('a deleted file loses its problems; a created one gets them', async () => {
    const project = makeProject({ 'base44/connectors/bad.jsonc': '[]' });
    const client = await serve(project);
    const bad = project.path('base44/connectors/bad.jsonc');
    await client.waitForDiagnostics(bad, (d) => d.length > 0);
    fs.rmSync(bad);
    await client.fileChanged(bad, 3);
    await client.waitForDiagnostics(bad, (d) => d.length === 0);
    const created = project.path('base44/connectors/new.json');
    fs.writeFileSync(created, '{ "scopes": [] }');
    await client.fileChanged(created, 1);
    const problems = await client.waitForDiagnostics(created, (d) => d.length > 0);
    assert.deepEqual(codes(problems), ['type-missing']);
  });

  test('completion, hover and quick fixes answer over the protocol', async () => {
    const project = makeProject({
      'base44/connectors/googlecalendar.jsonc': '{ "type": "googlecalendar", "scopes": [""] }',
    });
    const client = await serve(project);
    const file = project.path('base44/connectors/googlecalendar.jsonc');
    await client.open(file);
    const scopeItems = items(await client.completion(file, { line: 0, character: 40 }));
    assert.ok(
      scopeItems.some((i) => i.label === 'calendar.readonly'),
      'calendar scope offered',
    );
    const hover = await client.hover(file, { line: 0, character: 15 });
    assert.match((hover?.contents as MarkupContent).value, /Google Calendar/);
    assert.match((hover?.contents as MarkupContent).value, /getConnection\("googlecalendar"\)/);

    await client.change(file, '{ "type": "googlecalender", "scopes": [] }');
    const [unknown] = await client.waitForDiagnostics(file, (d) => d.some((x) => x.code === 'unknown-type'));
    const actions = await client.codeActions(file, unknown.range, [unknown]);
    const fix = actions?.find((a) => a.title.includes('googlecalendar'));
    assert.ok(fix?.edit, JSON.stringify(actions));
  });

  test('completion marks types used by other files, following their unsaved edits', async () => {
    const project = makeProject({
      'base44/connectors/new.jsonc': '{ "type": "" }',
      'base44/connectors/other.jsonc': '{ "type": "gmail" }',
    });
    const client = await serve(project);
    const file = project.path('base44/connectors/new.jsonc');
    const other = project.path('base44/connectors/other.jsonc');
    await client.open(file);
    await client.open(other);
    const usedBy = async (type: string) =>
      items(await client.completion(file, { line: 0, character: 11 })).find((i) => i.label === type)?.labelDetails
        ?.description;
    assert.equal(await usedBy('gmail'), 'already used by other.jsonc');
    await client.change(other, '{ "type": "slack" }');
    assert.equal(await usedBy('slack'), 'already used by other.jsonc');
    assert.equal(await usedBy('gmail'), 'Gmail');
  });

  test('no request ever takes the server down, whatever the text', async () => {
    const project = makeProject({ 'base44/connectors/x.jsonc': '{}' });
    const client = await serve(project);
    const file = project.path('base44/connectors/x.jsonc');
    await client.open(file);
    const hostile = [
      '{"type": "\uD800',
      '['.repeat(20_000),
      '{"scopes": [' + '"a",'.repeat(50_000) + ']}',
      '\u0000\u0001{',
      '{"type": {"__proto__": 1}}',
    ];
    for (const text of hostile) {
      await client.change(file, text);
      for (const character of [0, 1, 5, 12]) {
        await client.completion(file, { line: 0, character });
        await client.hover(file, { line: 0, character });
      }
    }
    await client.change(file, '{ "type": 1 }');
    const problems = await client.waitForDiagnostics(file, (d) => d.some((x) => x.code === 'type-not-string'));
    assert.equal(problems[0].severity, ERROR);
    assert.equal(client.process.exitCode, null, 'server still running');
  });
});
