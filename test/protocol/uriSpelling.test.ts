/**
 * The server names files by path inside and spells the URIs it makes as VS Code's client does (vscode-uri):
 * diagnostics of a file the editor has not opened must land on the URI the editor will use for it, or the
 * Problems view and the open editor would disagree about which file they belong to.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { URI } from 'vscode-uri';
import type { ProjectsResult } from '../../server/src/protocol';
import { serveProjects } from '../support/lspClient';
import { makeProject } from '../support/tempProject';

/** Characters vscode-uri percent-encodes and Node's pathToFileURL leaves as they are. */
const NAME = 'my (copy)+@,=[1].jsonc';

describe('URIs the server makes are spelt as VS Code spells them', () => {
  const parent = path.join(mkdtempSync(path.join(tmpdir(), 'b44-uri-')), 'app (2)+@');
  mkdirSync(parent);
  after(() => rmSync(path.dirname(parent), { recursive: true, force: true }));
  const serve = serveProjects();

  test('diagnostics of a connector file, unopened then open, are published under the URI the client uses', async () => {
    const project = makeProject(
      { [`base44/connectors/${NAME}`]: '{ "type": "slack", "scopes": ["chat:writ"] }' },
      { parent },
    );
    const file = project.path(`base44/connectors/${NAME}`);
    const clientUri = URI.file(file).toString(); // what VS Code sends for this file
    assert.notEqual(clientUri, pathToFileURL(file).href, 'the name must be one the two libraries spell differently');
    const client = await serve(project);
    const spellings = () => new Set(client.publishedUris.filter((uri) => URI.parse(uri).fsPath === file));

    await client.waitForDiagnostics(file, (d) => d.some((x) => x.code === 'unknown-scope'));
    assert.deepEqual([...spellings()], [clientUri], 'the unopened file: one URI, the client’s spelling');
    const projects = await client.request<ProjectsResult>('base44/projects');
    assert.deepEqual(
      projects.projects[0].connectors.map((c) => c.uri),
      [clientUri],
    );

    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: clientUri, languageId: 'base44-connector', version: 1, text: '{ "type": "slack" }' },
    });
    // The editor's text (no scopes): the misspelt scope's problem is gone, published under the client's URI.
    await client.waitForDiagnostics(file, (d) => !d.some((x) => x.code === 'unknown-scope'));
    assert.deepEqual([...spellings()], [clientUri], 'the open document: diagnostics only under the client’s URI');
  });
});
