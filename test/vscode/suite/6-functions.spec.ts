/**
 * Backend function code in a real VS Code: a function file of project-a (base44/functions/calendar-sync, found as
 * the CLI finds it) is flagged for a connector type with no connector file; the quick fix creates the connector
 * file; go to definition on a declared type opens its connector file. Runs last: it adds a file to project-a and
 * removes it again.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  createConnectorByQuickFix,
  hoverTextAt,
  openFile,
  positionOf,
  usesExtension,
  waitFor,
  waitForDiagnostic,
} from './helpers';

const FUNCTION = 'base44/functions/calendar-sync/index.ts';

describe('backend function code', function () {
  usesExtension(this, 120_000, { serverReady: true });

  it('flags a connector type with no connector file, and the quick fix creates the file', async () => {
    const doc = await openFile('project-a', FUNCTION);
    const d = await waitForDiagnostic(doc.uri, 'connector-not-declared', 'connector-not-declared on "gmail"', 45_000);
    assert.equal(doc.getText(d.range), '"gmail"');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /push/);
    await createConnectorByQuickFix(doc, d, 'project-a', 'gmail');
    // The file is gone again: the warning comes back.
    await waitForDiagnostic(doc.uri, 'connector-not-declared', 'the warning after the file is deleted', 30_000);
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
