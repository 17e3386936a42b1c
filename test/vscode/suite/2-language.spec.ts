/**
 * Language features through the real VS Code API: completion, hover, diagnostics (and none from VS Code's
 * built-in JSON support), quick fixes. Workspace: the multi-root fixture (project-a, project-b, custom-dir).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
// The specs name the shared helpers they use: their import lists look alike (not a copy to merge).
import {
  LANGUAGE_ID,
  codeOf,
  completionsAt,
  describeDiagnostics,
  docText,
  fileUri,
  insertedText,
  labelOf,
  openFile,
  positionOf,
  quickFixesFor,
  revertActive,
  sleep,
  usesExtension,
  waitFor,
  waitForDiagnostic,
  waitForHoverText,
  waitForNoDiagnostic,
  waitForServerReady,
} from './helpers';

const CALENDAR = 'base44/connectors/googlecalendar.jsonc';

describe('language features', function () {
  usesExtension(this, 90_000);

  describe('completion', () => {
    it('lists connector types in the "type" value', async () => {
      const doc = await openFile('project-a', CALENDAR);
      // Just inside the opening quote of "googlecalendar".
      const pos = positionOf(doc, '"googlecalendar"', 1);
      const items = await waitFor(
        async () => {
          const got = await completionsAt(doc.uri, pos);
          return got.some((i) => insertedText(i).includes('slack')) ? got : undefined;
        },
        'type completions including slack',
        30_000,
      );
      const labels = items.map((i) => insertedText(i));
      for (const t of ['googlecalendar', 'slack', 'notion', 'gmail']) {
        assert.ok(
          labels.some((l) => l === t || l.includes(`${t}`)),
          `no completion for ${t}; got ${labels.slice(0, 20).join(', ')}`,
        );
      }
    });

    it('lists the scopes of the connector type in "scopes", with documentation', async () => {
      const doc = await openFile('project-a', CALENDAR);
      // Inside the first scope string of the array.
      const pos = positionOf(doc, '"https://www.googleapis.com/auth/calendar.readonly"', 1);
      const items = await waitFor(
        async () => {
          const got = await completionsAt(doc.uri, pos, 200);
          return got.length ? got : undefined;
        },
        'scope completions',
        30_000,
      );
      const calendar = items.filter((i) => insertedText(i).includes('https://www.googleapis.com/auth/calendar'));
      assert.ok(calendar.length >= 3, `expected calendar scopes, got ${items.slice(0, 15).map(labelOf).join(', ')}`);
      assert.ok(!items.some((i) => /gmail/.test(insertedText(i))), 'gmail scopes offered in a googlecalendar file');
      const documented = calendar.filter((i) => docText(i.documentation).length > 10 || (i.detail ?? '').length > 10);
      assert.ok(documented.length > 0, 'no calendar scope completion has documentation or detail');
      // Scopes the file already lists may be left out; the full calendar scope is not in the file.
      assert.ok(
        calendar.some((i) => insertedText(i) === 'https://www.googleapis.com/auth/calendar'),
        `the calendar scope offered; got ${calendar.map((i) => insertedText(i)).join(', ')}`,
      );
    });

    it('offers the property names at the top level', async () => {
      const doc = await openFile('project-a', 'base44/connectors/notion.jsonc');
      // At the start of the line holding "type" (a property key position).
      const pos = positionOf(doc, '"type"', 0);
      const items = await waitFor(
        async () => {
          const got = await completionsAt(doc.uri, pos);
          return got.length ? got : undefined;
        },
        'key completions',
        30_000,
      );
      const labels = items.map((i) => insertedText(i));
      assert.ok(
        labels.some((l) => l.includes('scopes')),
        `no "scopes" key completion; got ${labels.join(', ')}`,
      );
    });
  });

  describe('hover', () => {
    it('on the type names the service and shows getConnection("googlecalendar")', async () => {
      const doc = await openFile('project-a', CALENDAR);
      const pos = positionOf(doc, 'googlecalendar"', 3);
      const text = await waitForHoverText(
        doc.uri,
        pos,
        (t) => t.includes('Google Calendar'),
        'a hover mentioning Google Calendar',
      );
      assert.match(text, /getConnection\("googlecalendar"\)/);
    });

    it('on a scope describes it', async () => {
      const doc = await openFile('project-a', CALENDAR);
      const pos = positionOf(doc, 'calendar.events', 3);
      const text = await waitForHoverText(doc.uri, pos, (t) => !!t.trim(), 'a scope hover');
      assert.match(text, /calendar\.events/);
      assert.match(text, /event/i);
    });
  });

  describe('diagnostics', () => {
    it('reports problems of files that are not open (whole connectors folder)', async () => {
      // googlecalender.jsonc of project-b is not opened before this test.
      await waitForServerReady();
      const uri = fileUri('project-b', 'base44/connectors/googlecalender.jsonc');
      await waitForDiagnostic(uri, 'unknown-type', 'unknown-type on a file');
    });

    it('warns about an unknown type (googlecalender) with source base44, code unknown-type', async () => {
      const doc = await openFile('project-b', 'base44/connectors/googlecalender.jsonc');
      assert.equal(doc.languageId, LANGUAGE_ID);
      const d = await waitForDiagnostic(
        doc.uri,
        (x) => x.source === 'base44' && codeOf(x) === 'unknown-type',
        'unknown-type warning',
      );
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(doc.getText(d.range).replace(/"/g, ''), 'googlecalender');
      assert.match(d.message, /googlecalendar/, 'the message suggests googlecalendar');
    });

    it('reports a syntax error as an Error with code json-syntax', async () => {
      const doc = await openFile('project-b', 'base44/connectors/hubspot.jsonc');
      const d = await waitForDiagnostic(
        doc.uri,
        (x) => x.source === 'base44' && codeOf(x) === 'json-syntax',
        'json-syntax error',
      );
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    });

    it('a valid file with trailing commas and comments gets no diagnostics from any source (no built-in JSON warnings)', async () => {
      await waitForServerReady();
      for (const [folderName, rel] of [
        ['project-a', CALENDAR],
        ['project-b', 'base44/connectors/gmail.jsonc'],
      ] as const) {
        const doc = await openFile(folderName, rel);
        assert.equal(doc.languageId, LANGUAGE_ID, `${rel} language`);
        assert.ok(/,\s*\]/.test(doc.getText()), 'the fixture has a trailing comma');
        // Give every diagnostics provider (built-in JSON included) time to report.
        await sleep(3_000);
        const ds = vscode.languages.getDiagnostics(doc.uri);
        assert.equal(ds.length, 0, `expected no diagnostics on ${rel}, got:\n  ${describeDiagnostics(ds)}`);
      }
    });

    it('updates diagnostics while typing (unsaved edits)', async () => {
      const doc = await openFile('project-a', 'base44/connectors/slack.jsonc');
      const editor = vscode.window.activeTextEditor!;
      const range = doc.getText().indexOf('"slack"');
      const start = doc.positionAt(range);
      await editor.edit((e) => e.replace(new vscode.Range(start, start.translate(0, '"slack"'.length)), '"slakc"'));
      try {
        await waitForDiagnostic(doc.uri, 'unknown-type', 'unknown-type after an edit');
      } finally {
        await revertActive();
      }
      await waitForNoDiagnostic(doc.uri, 'unknown-type', 'the warning to go away after revert', 20_000);
    });
  });

  describe('quick fixes', () => {
    it('"googlecalender" -> "googlecalendar" through the code action', async () => {
      const doc = await openFile('project-b', 'base44/connectors/googlecalender.jsonc');
      const d = await waitForDiagnostic(doc.uri, 'unknown-type', 'unknown-type warning');
      const actions = await quickFixesFor(doc.uri, d.range);
      const fix = actions.find((a) => /googlecalendar/.test(a.title) && a.edit);
      assert.ok(fix, `no quick fix to googlecalendar; actions: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
      assert.ok(!fix.kind || vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind ${fix.kind?.value}`);
      try {
        assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'applyEdit');
        assert.match(doc.getText(), /"type":\s*"googlecalendar"/);
        await waitForNoDiagnostic(doc.uri, 'unknown-type', 'the warning to go away', 20_000);
      } finally {
        await vscode.window.showTextDocument(doc);
        await revertActive();
      }
    });
  });

  describe('custom connectorsDir', () => {
    it('a file in the configured connectorsDir (base44/integrations) gets connector language features', async () => {
      const doc = await openFile('custom-dir', 'base44/integrations/googledrive.jsonc');
      await waitFor(
        () => doc.languageId === LANGUAGE_ID,
        `language ${LANGUAGE_ID} for a custom connectorsDir file (is ${doc.languageId})`,
        20_000,
      );
      const pos = positionOf(doc, 'googledrive"', 3);
      const text = await waitForHoverText(doc.uri, pos, (t) => t.includes('Google Drive'), 'a Google Drive hover');
      assert.match(text, /getConnection\("googledrive"\)/);
    });
  });
});
