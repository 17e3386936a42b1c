/**
 * Pull that keeps comments, in a real VS Code: the REAL base44 CLI pulls from the fake Base44 API, the
 * extension merges the remote scopes into the user's commented file instead of writing the CLI's plain
 * JSON, the diff preview shows that merged text, and Undo Pull puts the file back.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { usesCliSandbox } from './cliEnv';
import { closeAllEditors, fileUri, sharesApiWithExtension, stubDialogs, waitFor } from './helpers';

describe('Pull keeps comments (real base44 CLI, fake Base44 API)', function () {
  const sb = usesCliSandbox(this, 120_000, { trusted: true });

  after(async () => {
    await closeAllEditors();
  });

  it('pull: a changed file keeps its comments (the diff shows the merged text), and Undo Pull restores it', async () => {
    assert.ok(
      sharesApiWithExtension(),
      'the suite must be loaded from inside the extension folder to answer its dialogs',
    );
    const calendar = fileUri('project-a', 'base44/connectors/googlecalendar.jsonc');
    const original = readFileSync(calendar.fsPath, 'utf8');
    assert.match(original, /^\/\/ Google Calendar: read calendars/, 'fixture starts with a comment');
    const readonly = 'https://www.googleapis.com/auth/calendar.readonly';
    const freebusy = 'https://www.googleapis.com/auth/calendar.freebusy';
    // Base44 holds: calendar with `events` replaced by `freebusy`; notion and slack as the files say.
    sb.api.reset({
      appId: 'app-a',
      connectors: new Map([
        ['googlecalendar', { status: 'active', scopes: [readonly, freebusy] }],
        ['notion', { status: 'active', scopes: [] }],
        ['slack', { status: 'active', scopes: ['chat:write', 'channels:read'] }],
      ]),
    });
    let pulled: string | undefined;
    const stub = stubDialogs((c) => {
      if (c.modal && c.items.includes('Show Changes')) return 'Show Changes';
      if (c.items.includes('Pull Now')) return 'Pull Now';
      if (c.items.includes('Undo Pull')) {
        // The pull is applied when Undo is offered: read the file before answering.
        if (!c.modal) pulled = readFileSync(calendar.fsPath, 'utf8');
        return 'Undo Pull';
      }
      return undefined;
    });
    try {
      await vscode.commands.executeCommand('base44.pull', fileUri('project-a', 'base44/config.jsonc'));
      const confirm = stub.calls.find((c) => c.modal && c.items.includes('Show Changes'));
      assert.ok(confirm, `asked first; dialogs: ${JSON.stringify(stub.calls)}`);

      // The diff preview's right side is the merged text: the comment is there, the new scope too.
      const diff = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => t.input)
        .find(
          (i): i is vscode.TabInputTextDiff =>
            i instanceof vscode.TabInputTextDiff && i.original.fsPath === calendar.fsPath,
        );
      assert.ok(diff, 'a diff of googlecalendar.jsonc was opened');
      const after = (await vscode.workspace.openTextDocument(diff.modified)).getText();
      assert.match(after, /^\/\/ Google Calendar: read calendars/);
      assert.ok(after.includes(freebusy) && !after.includes('calendar.events'), after);

      // Applied: the file on disk is that merged text; the comment and the trailing commas are kept.
      await waitFor(() => pulled, `Undo offered after the pull; dialogs: ${JSON.stringify(stub.calls)}`, 30_000);
      assert.ok(pulled);
      assert.equal(pulled, after);
      assert.match(pulled, /^\/\/ Google Calendar: read calendars and manage events/);
      assert.ok(pulled.includes(`    "${freebusy}",\n  ],\n}`), `trailing-comma habit kept:\n${pulled}`);
      assert.ok(
        sb.invocations().some((args) => args.includes('pull')),
        `CLI runs: ${JSON.stringify(sb.invocations())}`,
      );

      // Undo Pull (offered after the pull, confirmed in a modal) puts the commented original back.
      await waitFor(
        () => (readFileSync(calendar.fsPath, 'utf8') === original ? true : undefined),
        'Undo Pull restored the file',
        30_000,
      );
    } finally {
      stub.restore();
    }
  });
});
