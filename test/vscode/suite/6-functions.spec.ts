/**
 * Backend function code in a real VS Code: a function file of project-a (base44/functions/calendar-sync, found as
 * the CLI finds it) is flagged for a connector type with no connector file; the quick fix creates the connector
 * file; go to definition on a declared type opens its connector file. Runs last: it adds a file to project-a and
 * removes it again.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  fileUri,
  hoverTextAt,
  openFile,
  positionOf,
  waitFor,
  waitForDiagnostic,
  waitForServerReady,
} from './helpers';

const FUNCTION = 'base44/functions/calendar-sync/index.ts';

describe('backend function code', function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
    await waitForServerReady();
  });

  it('flags a connector type with no connector file, and the quick fix creates the file', async () => {
    const doc = await openFile('project-a', FUNCTION);
    const created = fileUri('project-a', 'base44/connectors/gmail.jsonc');
    const d = await waitForDiagnostic(
      doc.uri,
      (x) => codeOf(x) === 'connector-not-declared',
      'connector-not-declared on "gmail"',
      45_000,
    );
    assert.equal(doc.getText(d.range), '"gmail"');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /push/);
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      )) ?? [];
    const create = actions.find((a) => a.title === 'Create base44/connectors/gmail.jsonc');
    assert.ok(create?.edit, `no create quick fix; actions: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
    try {
      assert.ok(await vscode.workspace.applyEdit(create.edit), 'applyEdit');
      const connector = await vscode.workspace.openTextDocument(created);
      assert.match(connector.getText(), /"type": "gmail"/);
      await connector.save();
      await waitFor(
        () => !vscode.languages.getDiagnostics(doc.uri).some((x) => codeOf(x) === 'connector-not-declared'),
        'the warning to go away',
        30_000,
      );
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(created).then(undefined, () => undefined);
    }
    // The file is gone again: the warning comes back.
    await waitForDiagnostic(
      doc.uri,
      (x) => codeOf(x) === 'connector-not-declared',
      'the warning after the file is deleted',
      30_000,
    );
  });

  it('go to definition on a declared type opens its connector file; hover names it', async () => {
    const doc = await openFile('project-a', FUNCTION);
    const pos = positionOf(doc, '"googlecalendar"', 3);
    const locations = await waitFor(
      async () => {
        const got =
          (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
            'vscode.executeDefinitionProvider',
            doc.uri,
            pos,
          )) ?? [];
        const uris = got.map((l) => ('targetUri' in l ? l.targetUri : l.uri).toString());
        return uris.some((u) => u.endsWith('/base44/connectors/googlecalendar.jsonc')) ? uris : undefined;
      },
      'a definition in googlecalendar.jsonc',
      30_000,
    );
    assert.ok(locations.length >= 1);
    const hover = await hoverTextAt(doc.uri, pos);
    assert.match(hover, /Google Calendar/);
    assert.match(hover, /base44\/connectors\/googlecalendar\.jsonc/);
  });
});
