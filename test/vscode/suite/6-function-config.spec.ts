/**
 * function.json(c) in a real VS Code: its own language (no JSON squiggles on JSON5), the connector
 * cross-check on a connector automation, and the quick fix that creates the connector file.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
// The specs name the shared helpers they use: their import lists look alike (not a copy to merge).
import {
  createConnectorByQuickFix,
  describeDiagnostics,
  hoverTextAt,
  openFile,
  positionOf,
  quickFixesFor,
  usesExtension,
  waitFor,
  waitForDiagnostic,
} from './helpers';

const CONFIG = 'base44/functions/on-slack-message/function.jsonc';

describe('function configs', function () {
  usesExtension(this, 90_000);

  it('a function.jsonc opens as a Base44 function config, with only Base44 diagnostics', async () => {
    const doc = await openFile('project-a', CONFIG);
    await waitFor(
      () => doc.languageId === 'base44-function-config',
      `language base44-function-config (is ${doc.languageId})`,
      10_000,
    );
    await waitForDiagnostic(doc.uri, 'automation-connector-missing', 'the missing-connector warning');
    const all = vscode.languages.getDiagnostics(doc.uri);
    assert.ok(
      all.every((d) => d.source === 'base44'),
      describeDiagnostics(all),
    );
    const text = await hoverTextAt(doc.uri, positionOf(doc, '"entry"', 2));
    assert.match(text, /relative to this file's folder/);
  });

  it('the quick fix creates base44/connectors/slak.jsonc and the warning goes away', async () => {
    const doc = await openFile('project-a', CONFIG);
    const d = await waitForDiagnostic(doc.uri, 'automation-connector-missing', 'the missing-connector warning');
    const actions = await quickFixesFor(doc.uri, d.range);
    assert.ok(
      actions.some((a) => a.title === 'Did you mean "slack"?'),
      actions.map((a) => a.title).join(' | '),
    );
    await createConnectorByQuickFix(doc, d, 'project-a', 'slak');
  });
});
