/**
 * Push / pull / authorize end to end: the extension's commands run the REAL base44 CLI (a `base44` wrapper
 * first on PATH, see cliEnv.ts) against the fake Base44 API started in this extension host. Modal
 * confirmations are answered by the test (stubDialogs). Multi-root: each project talks to its own app.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { usesCliSandbox } from './cliEnv';
// The specs name the shared helpers they use: their import lists look alike (not a copy to merge).
import {
  DialogCall,
  activateExtension,
  closeAllEditors,
  fileUri,
  folder,
  sharesApiWithExtension,
  stubDialogs,
  waitFor,
} from './helpers';

describe('CLI commands end to end (real base44 CLI, fake Base44 API)', function () {
  const sb = usesCliSandbox(this, 120_000, { trusted: true });

  beforeEach(async () => {
    await closeAllEditors();
    sb.clearInvocations();
  });

  function requireStubs(): void {
    assert.ok(
      sharesApiWithExtension(),
      'the suite must be loaded from inside the extension folder to answer its dialogs',
    );
  }

  /** A connector row of the Connectors tree (through the extension's API). */
  async function treeNode(
    project: string,
    type: string,
  ): Promise<{ description?: string; iconId?: string; tooltip?: string }> {
    const api = (await activateExtension()) as { getTreeSnapshot(): Promise<any[]> };
    const tree = await api.getTreeSnapshot();
    const node = tree
      .find((n) => n.label === project)
      ?.children.find((c: any) => c.contextValue === 'connector' && (c.description ?? '').startsWith(type));
    assert.ok(node, `${type} in ${project}: ${JSON.stringify(tree.map((n) => n.label))}`);
    return node;
  }

  const describeCalls = (calls: DialogCall[]) =>
    calls
      .map((c) => `${c.kind}${c.modal ? '(modal)' : ''}: ${c.message} [${c.items.join('|')}] -> ${c.answer ?? '-'}`)
      .join('\n  ');

  it('push: confirms in a modal, runs `connectors push`, the fake API holds the local connectors', async () => {
    requireStubs();
    sb.api.reset({ appId: 'app-a' });
    const stub = stubDialogs((c) => (c.modal && /^Push/.test(c.items[0] ?? '') ? c.items[0] : undefined));
    try {
      await vscode.commands.executeCommand('base44.push', fileUri('project-a', 'base44/config.jsonc'));
      const confirm = stub.calls.find((c) => c.modal);
      assert.ok(confirm, `no modal confirmation; dialogs:\n  ${describeCalls(stub.calls)}`);
      assert.match(confirm.message, /app-a/);
      const remote = await waitFor(
        () => (sb.api.state.connectors.size >= 3 ? sb.api.state.connectors : undefined),
        `3 connectors on the fake API; dialogs:\n  ${describeCalls(stub.calls)}`,
        30_000,
      );
      assert.deepEqual([...remote.keys()].sort(), ['googlecalendar', 'notion', 'slack']);
      assert.deepEqual(remote.get('googlecalendar')!.scopes, [
        'https://www.googleapis.com/auth/calendar.readonly',
        'https://www.googleapis.com/auth/calendar.events',
      ]);
      assert.ok(
        sb.invocations().some((args) => args.includes('push') && args.includes('--yes')),
        `CLI runs: ${JSON.stringify(sb.invocations())}`,
      );
      assert.ok(
        sb.api.requests.every((r) => !r.pathname.startsWith('/api/apps/') || r.pathname.startsWith('/api/apps/app-a/')),
        'only app-a was called',
      );
      assert.ok(
        stub.calls.some((c) => c.kind === 'info' || c.kind === 'warning'),
        'a summary was shown',
      );
    } finally {
      stub.restore();
    }
  });

  it('push: answering Cancel in the modal pushes nothing', async () => {
    requireStubs();
    sb.api.reset({ appId: 'app-a' });
    const stub = stubDialogs(() => undefined);
    try {
      await vscode.commands.executeCommand('base44.push', fileUri('project-a', 'base44/config.jsonc'));
      assert.ok(
        stub.calls.some((c) => c.modal),
        `no modal; dialogs:\n  ${describeCalls(stub.calls)}`,
      );
      assert.equal(sb.api.requestsTo('external-auth/integrations', 'PUT').length, 0);
      assert.equal(sb.api.state.connectors.size, 0);
    } finally {
      stub.restore();
    }
  });

  /**
   * The user on the provider page: waits until they completed the page that was opened, then clicks
   * "I've Finished".
   */
  const finishedInBrowser = async (c: DialogCall): Promise<string | undefined> => {
    const type = /authorizing (\S+) in your browser/.exec(c.message)?.[1];
    if (!type) return undefined;
    // The page opens through the stub (a GET) or, when vscode.env cannot be stubbed, in the browser: both
    // complete THAT connection on the fake API.
    await waitFor(
      () => sb.api.connectionsOf(type).some((x) => x.status === 'ACTIVE'),
      `consent for ${type} given on the opened page`,
      30_000,
    );
    return "I've Finished";
  };

  it('authorize: exactly one connection initiated against the pessimistic API; "I\'ve Finished" checks once; the tree says so', async () => {
    requireStubs();
    sb.api.reset({ appId: 'app-a' });
    const stub = stubDialogs((c) =>
      c.modal ? c.items[0] : c.items.includes("I've Finished") ? finishedInBrowser(c) : undefined,
    );
    try {
      await vscode.commands.executeCommand('base44.authorize', {
        uri: fileUri('project-a', 'base44/connectors/googlecalendar.jsonc'),
      });
      if (stub.externalPatched) {
        const opened = stub.calls.filter((c) => c.kind === 'openExternal');
        assert.equal(opened.length, 1, `one page opened; dialogs:\n  ${describeCalls(stub.calls)}`);
        assert.match(opened[0].message, /fake-oauth\/googlecalendar/);
      }
      assert.equal(sb.api.state.connectors.get('googlecalendar')?.status, 'active');
      assert.equal(sb.api.connectionsOf('googlecalendar').length, 1, 'one OAuth connection was ever started');
      assert.equal(
        sb.api.requestsTo('external-auth/integrations/googlecalendar', 'PUT').length,
        2,
        'the initiate, and the one check after the click',
      );
      assert.equal(sb.api.requestsTo('external-auth/status').length, 0);
      assert.ok(
        stub.calls.some((c) => c.kind === 'info' && /googlecalendar is authorized/.test(c.message)),
        `"authorized" message; dialogs:\n  ${describeCalls(stub.calls)}`,
      );
      assert.equal(
        sb.invocations().filter((args) => args.includes('initiate')).length,
        2,
        `CLI runs: ${JSON.stringify(sb.invocations())}`,
      );
      const tree = await treeNode('project-a', 'googlecalendar');
      assert.match(tree.description ?? '', /authorized by you at \d\d:\d\d/);
      assert.equal(tree.iconId, 'pass');
    } finally {
      stub.restore();
    }
  });

  it('push with two needs_oauth connectors walks both: each link push gave is opened, each checked once', async () => {
    requireStubs();
    // notion is already authorized (synced); googlecalendar and slack need consent.
    sb.api.reset({
      appId: 'app-a',
      connectors: new Map([['notion', { status: 'active', scopes: [], user_email: 'dev@example.com' }]]),
    });
    const stub = stubDialogs((c) => {
      if (c.modal && /^Push/.test(c.items[0] ?? '')) return c.items[0];
      if (c.items.includes('Authorize All…')) return 'Authorize All…';
      if (c.items.includes("I've Finished")) return finishedInBrowser(c);
      return undefined;
    });
    try {
      await vscode.commands.executeCommand('base44.push', fileUri('project-a', 'base44/config.jsonc'));
      // The summary's "Authorize All…" walk runs after the push command returned.
      await waitFor(
        () => stub.calls.some((c) => /authorized: /.test(c.message)),
        `the walk's summary; dialogs:\n  ${describeCalls(stub.calls)}`,
        60_000,
      );
      for (const type of ['googlecalendar', 'slack']) {
        assert.equal(sb.api.state.connectors.get(type)?.status, 'active', type);
        assert.equal(sb.api.connectionsOf(type).length, 1, `${type}: only the connection push started`);
        assert.equal(
          sb.api.requestsTo(`external-auth/integrations/${type}`, 'PUT').length,
          2,
          `${type}: the push, then one check`,
        );
      }
      assert.equal(stub.calls.filter((c) => c.items.includes("I've Finished")).length, 2);
      if (stub.externalPatched) assert.equal(stub.calls.filter((c) => c.kind === 'openExternal').length, 2);
      const slack = await treeNode('project-a', 'slack');
      assert.match(slack.description ?? '', /authorized by you at/);
    } finally {
      stub.restore();
    }
  });

  it('pull: confirms in a modal and writes the remote connectors into the custom connectorsDir', async () => {
    requireStubs();
    sb.api.reset({
      appId: 'app-custom',
      connectors: new Map([
        ['googledrive', { status: 'active', scopes: ['https://www.googleapis.com/auth/drive.readonly'] }],
        ['gmail', { status: 'active', scopes: ['https://www.googleapis.com/auth/gmail.readonly'] }],
      ]),
    });
    const stub = stubDialogs((c) => (c.modal && c.items.includes('Pull') ? 'Pull' : undefined));
    try {
      await vscode.commands.executeCommand('base44.pull', fileUri('custom-dir', 'base44/config.jsonc'));
      const gmail = fileUri('custom-dir', 'base44/integrations/gmail.jsonc');
      await waitFor(
        () => existsSync(gmail.fsPath),
        `gmail.jsonc written; dialogs:\n  ${describeCalls(stub.calls)}`,
        30_000,
      );
      assert.equal(JSON.parse(readFileSync(gmail.fsPath, 'utf8')).type, 'gmail');
      assert.ok(
        existsSync(fileUri('custom-dir', 'base44/integrations/googledrive.jsonc').fsPath),
        'googledrive.jsonc kept',
      );
      assert.ok(!existsSync(fileUri('custom-dir', 'base44/connectors').fsPath), 'nothing written to base44/connectors');
      assert.ok(
        sb.invocations().some((args) => args.includes('pull')),
        `CLI runs: ${JSON.stringify(sb.invocations())}`,
      );
    } finally {
      stub.restore();
    }
  });

  it('multi-root: every project is its own Base44 app', async () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 3);
    for (const name of ['project-a', 'project-b', 'custom-dir']) folder(name);
    requireStubs();
    sb.api.reset({});
    const stub = stubDialogs((c) => (c.modal && /^Push/.test(c.items[0] ?? '') ? c.items[0] : undefined));
    try {
      // project-b has a file with a syntax error: the extension refuses before running push.
      await vscode.commands.executeCommand('base44.push', fileUri('project-b', 'base44/config.jsonc'));
      assert.equal(sb.api.requestsTo('external-auth/integrations', 'PUT').length, 0, 'nothing pushed for project-b');
      assert.ok(
        stub.calls.some((c) => c.kind === 'error' && /hubspot/.test(c.message)),
        `expected an error naming hubspot.jsonc; dialogs:\n  ${describeCalls(stub.calls)}`,
      );
      assert.ok(
        sb.api.requests.every((r) => !r.pathname.startsWith('/api/apps/') || r.pathname.startsWith('/api/apps/app-b/')),
        'only app-b was called',
      );
    } finally {
      stub.restore();
    }
  });
});
