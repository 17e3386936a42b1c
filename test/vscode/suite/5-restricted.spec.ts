/**
 * Restricted Mode (workspace trust on, folder untrusted): language features keep working, CLI commands
 * refuse with a message and never run the CLI. `npm run test:vscode` runs these in their own session
 * (single folder project-a); they skip themselves in a trusted workspace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { usesCliSandbox } from './cliEnv';
// The specs name the shared helpers they use: their import lists look alike (not a copy to merge).
import {
  codeOf,
  fileUri,
  openFile,
  positionOf,
  revertActive,
  sharesApiWithExtension,
  sleep,
  stubDialogs,
  waitForDiagnostic,
  waitForHoverText,
} from './helpers';

describe('[restricted] Restricted Mode', function () {
  const sb = usesCliSandbox(this, 90_000, { trusted: false });

  it('[restricted] the workspace is untrusted and the extension is active', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(vscode.extensions.getExtension('base44-community.base44-connectors')?.isActive, true);
  });

  it('[restricted] hovers and diagnostics still work', async () => {
    const doc = await openFile('project-a', 'base44/connectors/googlecalendar.jsonc');
    const text = await waitForHoverText(
      doc.uri,
      positionOf(doc, 'googlecalendar"', 3),
      (t) => t.includes('Google Calendar'),
      'a hover in Restricted Mode',
    );
    assert.match(text, /getConnection/);
    const slack = await openFile('project-a', 'base44/connectors/slack.jsonc');
    const editor = vscode.window.activeTextEditor!;
    const start = positionOf(slack, '"slack"');
    await editor.edit((e) => e.replace(new vscode.Range(start, start.translate(0, 7)), '"slakc"'));
    try {
      await waitForDiagnostic(
        slack.uri,
        (d) => d.source === 'base44' && codeOf(d) === 'unknown-type',
        'unknown-type in Restricted Mode',
      );
    } finally {
      await revertActive();
    }
  });

  for (const command of ['base44.push', 'base44.pull', 'base44.authorize']) {
    it(`[restricted] ${command} refuses with a message and does not run the CLI`, async () => {
      assert.ok(
        sharesApiWithExtension(),
        'the suite must be loaded from inside the extension folder to see its messages',
      );
      sb.clearInvocations();
      const stub = stubDialogs(() => undefined);
      try {
        const arg =
          command === 'base44.authorize'
            ? { uri: fileUri('project-a', 'base44/connectors/googlecalendar.jsonc') }
            : fileUri('project-a', 'base44/config.jsonc');
        await Promise.race([vscode.commands.executeCommand(command, arg), sleep(15_000)]);
        const refusal = stub.calls.find((c) => /Restricted Mode|trust/i.test(c.message));
        assert.ok(refusal, `no refusal message; dialogs: ${stub.calls.map((c) => c.message).join(' | ') || '(none)'}`);
        await sleep(1_000);
        assert.deepEqual(sb.invocations(), [], 'the CLI must not run');
        assert.equal(sb.api.requests.length, 0, 'no request reached the API');
      } finally {
        stub.restore();
      }
    });
  }
});
