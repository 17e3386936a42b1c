/**
 * Editing parity with JSON files through the real VS Code API: the Outline (document symbols), Format
 * Document (keeps comments and trailing commas), folding, Expand Selection and links.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFile, positionOf, revertActive, usesExtension, waitFor, waitForProviderResult } from './helpers';

const CALENDAR = 'base44/connectors/googlecalendar.jsonc';

describe('editing features', function () {
  usesExtension(this, 90_000);

  it('the Outline lists type (with its value) and scopes (with each scope)', async () => {
    const doc = await openFile('project-a', CALENDAR);
    const symbols = await waitForProviderResult<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      [doc.uri],
      (got) => !!got && got.length > 0,
      'document symbols',
    );
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['type', 'scopes'],
    );
    assert.match(symbols[0].detail, /googlecalendar/);
    assert.deepEqual(
      symbols[1].children.map((s) => s.name),
      ['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events'],
    );
  });

  it('Format Document keeps the comment and the trailing commas', async () => {
    const doc = await openFile('project-a', CALENDAR);
    const editor = vscode.window.activeTextEditor!;
    const messy =
      '// keep me\n{"type":"googlecalendar",\n"scopes":[\n"https://www.googleapis.com/auth/calendar.readonly",],}\n';
    try {
      await editor.edit((b) =>
        b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), messy),
      );
      await waitFor(
        async () => {
          await vscode.commands.executeCommand('editor.action.formatDocument');
          return doc.getText() !== messy;
        },
        'Format Document to change the file',
        30_000,
        1000,
      );
      const text = doc.getText();
      assert.ok(text.startsWith('// keep me\n{\n'), text);
      assert.match(text, /\n {2}"type": "googlecalendar",\n/);
      assert.match(text, /calendar\.readonly",\n {2}\],\n\}/, 'trailing commas kept');
    } finally {
      await revertActive();
    }
  });

  it('folding, Expand Selection and links answer', async () => {
    const doc = await openFile('project-a', CALENDAR);
    const folds = await waitForProviderResult<vscode.FoldingRange[]>(
      'vscode.executeFoldingRangeProvider',
      [doc.uri],
      (got) => !!got && got.some((f) => f.kind === undefined || f.start > 0),
      'folding ranges',
    );
    const scopesLine = positionOf(doc, '"scopes"').line;
    assert.ok(
      folds.some((f) => f.start === scopesLine),
      `a fold on the scopes line; got ${JSON.stringify(folds)}`,
    );

    const inside = positionOf(doc, 'googlecalendar"', 3);
    const [selection] = await vscode.commands.executeCommand<vscode.SelectionRange[]>(
      'vscode.executeSelectionRangeProvider',
      doc.uri,
      [inside],
    );
    assert.equal(doc.getText(selection.range), 'googlecalendar');

    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    assert.ok(
      links.some((l) => l.target?.toString().startsWith('https://docs.base44.com/')),
      'the type links to the Base44 docs',
    );
  });
});
