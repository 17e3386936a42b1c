/**
 * Files on disk cannot hurt the built language server (dist/server.js over stdio): links to /proc/self/exe,
 * a 50 MB file, FIFOs, an open 1.7 MB document edited 5,000 times. The server answers, stays up, reads no
 * more than its caps (peak memory checked on Linux) and says on each file it did not read why, and what
 * the CLI will do with it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { after, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { MAX_CONNECTOR_FILE_BYTES } from '../../server/src/cliRules';
import type { ProjectsResult } from '../../server/src/protocol';
import { LanguageServerClient, startLanguageServer, toUri } from '../support/lspClient';
import { makeProject, TempProject } from '../support/tempProject';

const linux = process.platform === 'linux';
const posix = process.platform !== 'win32';
const TOO_LARGE = 'file-too-large';
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

/** Peak resident memory of a process in MB (Linux: VmHWM), to check what the server read. */
function peakMemoryMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return kb / 1024;
}

describe('files on disk and the language server', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function serve(project: TempProject): Promise<LanguageServerClient> {
    const client = await startLanguageServer({ workspaceFolders: [project.root] });
    cleanups.push(
      () => client.stop(),
      () => project.cleanup(),
    );
    await client.ready(60_000);
    return client;
  }

  function alive(client: LanguageServerClient): void {
    assert.equal(client.process.exitCode, null, `the server exited; stderr:\n${client.stderr.join('').slice(-2000)}`);
    assert.equal(client.process.signalCode, null);
  }

  test(
    '30 links to /proc/self/exe: not read, each reported, the server stays small and answers',
    { skip: !linux },
    async () => {
      const project = makeProject({ 'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }' });
      for (let i = 0; i < 30; i++) fs.symlinkSync('/proc/self/exe', project.path(`base44/connectors/c${i}.json`));
      const client = await serve(project);
      const projects = await client.request<ProjectsResult>('base44/projects');
      const files = projects.projects[0].connectors.map((c) => c.uri.split('/').pop()).sort();
      assert.equal(files.length, 31, 'the CLI reads the links, so they are listed');
      const diagnostics = await client.waitForDiagnostics(
        project.path('base44/connectors/c7.json'),
        (d) => d.length > 0,
      );
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        [TOO_LARGE],
      );
      assert.match(messageOf(diagnostics[0]), /The Base44 CLI still reads it whole/);
      // Each link points at the server's own node binary (tens of MB): 30 of them read would be gigabytes.
      assert.ok(peakMemoryMb(client.process.pid!) < 250, `peak memory ${peakMemoryMb(client.process.pid!)} MB`);
      assert.ok(await client.hover(project.path('base44/connectors/slack.jsonc'), { line: 0, character: 14 }));
      alive(client);
    },
  );

  test('a 50 MB connector file is not read: a located warning says so, requests stay answered', async () => {
    const project = makeProject({ 'base44/connectors/slack.jsonc': '{ "type": "slack" }' });
    const big = project.path('base44/connectors/huge.json');
    const fd = fs.openSync(big, 'w');
    fs.writeSync(fd, '{ "type": "hubspot", "scopes": [');
    const chunk = Buffer.from('"crm.objects.contacts.read",'.repeat(1 << 15));
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) fs.writeSync(fd, chunk);
    fs.writeSync(fd, '"x"] }');
    fs.closeSync(fd);
    const client = await serve(project);
    const diagnostics = await client.waitForDiagnostics(big, (d) => d.length > 0);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, TOO_LARGE);
    assert.equal(diagnostics[0].severity, 2, 'a warning: the CLI may accept it');
    assert.deepEqual(diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const mb = (fs.statSync(big).size / (1024 * 1024)).toFixed(1);
    assert.ok(messageOf(diagnostics[0]).includes(`this file is ${mb} MB`), messageOf(diagnostics[0]));
    assert.match(messageOf(diagnostics[0]), /at most 1\.0 MB/);
    assert.match(messageOf(diagnostics[0]), /pushes it if it is/);
    for (let i = 0; i < 5; i++) {
      const projects = await client.request<ProjectsResult>('base44/projects');
      const huge = projects.projects[0].connectors.find((c) => c.uri.endsWith('/huge.json'));
      assert.ok(huge, 'still listed: the CLI reads it');
      assert.equal(huge.warningCount, 1);
      assert.equal(huge.type, undefined, 'never parsed');
    }
    if (linux)
      assert.ok(peakMemoryMb(client.process.pid!) < 150, `peak memory ${peakMemoryMb(client.process.pid!)} MB`);
    assert.equal(await client.hover(big, { line: 0, character: 5 }), null);
    alive(client);
  });

  test('a file just over the cap is reported, one at the cap is checked', async () => {
    const pad = (type: string, size: number) => {
      const head = `{ "type": "${type}" }`;
      return head + ' '.repeat(size - head.length);
    };
    const project = makeProject({
      'base44/connectors/slack.jsonc': pad('slack', MAX_CONNECTOR_FILE_BYTES),
      'base44/connectors/notion.jsonc': pad('notion', MAX_CONNECTOR_FILE_BYTES + 1),
    });
    const client = await serve(project);
    const over = await client.waitForDiagnostics(project.path('base44/connectors/notion.jsonc'), (d) => d.length > 0);
    assert.deepEqual(
      over.map((d) => d.code),
      [TOO_LARGE],
    );
    const projects = await client.request<ProjectsResult>('base44/projects');
    const slack = projects.projects[0].connectors.find((c) => c.uri.endsWith('/slack.jsonc'));
    assert.equal(slack?.type, 'slack');
    assert.ok(!client.diagnosticsFor(project.path('base44/connectors/slack.jsonc')).some((d) => d.code === TOO_LARGE));
  });

  test(
    'a FIFO never blocks the server: in the connectors folder, linked, asked about directly',
    { skip: !posix },
    async () => {
      const project = makeProject({ 'base44/connectors/slack.jsonc': '{ "type": "slack" }' });
      const fifo = project.path('base44/connectors/pipe.json');
      execFileSync('mkfifo', [fifo]);
      fs.symlinkSync(fifo, project.path('base44/connectors/linked-pipe.jsonc'));
      const client = await serve(project);
      const projects = await client.request<ProjectsResult>('base44/projects');
      assert.deepEqual(
        projects.projects[0].connectors.map((c) => c.uri.split('/').pop()),
        ['slack.jsonc'],
        'the CLI skips FIFOs',
      );
      // An editor asks about a file it has not opened: the server must not open the FIFO and wait for a writer.
      assert.equal(await client.hover(fifo, { line: 0, character: 0 }), null);
      assert.equal(
        await client.hover(project.path('base44/connectors/linked-pipe.jsonc'), { line: 0, character: 0 }),
        null,
      );
      await client.fileChanged(fifo, 2);
      await client.nextValidation(30_000);
      assert.ok(await client.hover(project.path('base44/connectors/slack.jsonc'), { line: 0, character: 14 }));
      alive(client);
    },
  );

  test('a config file that is a FIFO or a link to /proc/self/exe is not read', { skip: !linux }, async () => {
    const project = makeProject({ 'base44/connectors/slack.jsonc': '{ "type": "slack" }' }, { noConfig: true });
    fs.symlinkSync('/proc/self/exe', project.path('base44/config.jsonc'));
    const other = makeProject({ 'base44/connectors/slack.jsonc': '{ "type": "slack" }' }, { noConfig: true });
    cleanups.push(() => other.cleanup());
    execFileSync('mkfifo', [other.path('base44/config.jsonc')]);
    const client = await startLanguageServer({ workspaceFolders: [project.root, other.root] });
    cleanups.push(
      () => client.stop(),
      () => project.cleanup(),
    );
    await client.ready(60_000);
    const projects = await client.request<ProjectsResult>('base44/projects');
    assert.equal(projects.projects.length, 1, 'the /proc link is a regular file, so a project; the FIFO is not');
    assert.match(projects.projects[0].configError ?? '', /Cannot read/);
    alive(client);
  });

  test('an open 1.7 MB document edited 5,000 times: not analysed, said so, then checked again once small', async () => {
    const project = makeProject({ 'base44/connectors/googlecalendar.jsonc': '{ "type": "googlecalendar" }' });
    const file = project.path('base44/connectors/googlecalendar.jsonc');
    const client = await serve(project);
    const scopes = Array.from({ length: 40_000 }, (_, i) => `"https://www.googleapis.com/auth/x${i}"`).join(',\n  ');
    await client.open(file, `{ "type": "googlecalendar", "scopes": [\n  ${scopes}\n] }\n`);
    const uri = toUri(file);
    for (let version = 2; version < 5_002; version++) {
      const at = { line: 1 + (version % 1000), character: 2 };
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: ' ' }],
      });
    }
    assert.equal(await client.hover(file, { line: 0, character: 5 }), null, 'not analysed');
    const diagnostics = await client.waitForDiagnostics(file, (d) => d.some((x) => x.code === TOO_LARGE), 60_000);
    assert.match(messageOf(diagnostics[0]), /about 1\.7 MB/);
    // Small again (the editor sends the whole text): checked as usual.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 5_002 },
      contentChanges: [{ text: '{ "type": "googlecalender" }' }],
    });
    const back = await client.waitForDiagnostics(
      file,
      (d: Diagnostic[]) => d.some((x) => x.code === 'unknown-type'),
      60_000,
    );
    assert.ok(!back.some((d) => d.code === TOO_LARGE));
    alive(client);
  });
});
