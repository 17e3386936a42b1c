/**
 * The editing features VS Code gives JSON files (formatting, outline, folding, Expand Selection, links),
 * asked of the built language server over its real stdio protocol.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  InitializeResult,
  SelectionRange,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { serveProjects, toUri } from '../support/lspClient';
import { makeProject } from '../support/tempProject';

const CALENDAR =
  '// Calendar access for the booking function\n' +
  '{\n' +
  '"type":"googlecalendar",\n' +
  '  "scopes":[\n' +
  '      "https://www.googleapis.com/auth/calendar.readonly",   // read the agenda\n' +
  '  ],\n' +
  '}\n';
const OPTIONS = { tabSize: 2, insertSpaces: true };

describe('editing features over stdio', () => {
  const serve = serveProjects();
  // Every test arranges alike (a project, the server on it, files opened), as the other protocol test files do.

  const textDocument = (file: string) => ({ uri: toUri(file) });

  test('the server declares the editing capabilities', async () => {
    const client = await serve(makeProject({}));
    const caps = (client.initializeResult as InitializeResult).capabilities;
    assert.ok(caps.documentFormattingProvider, 'formatting');
    assert.ok(caps.documentRangeFormattingProvider, 'range formatting');
    assert.equal(caps.documentOnTypeFormattingProvider?.firstTriggerCharacter, '}');
    assert.ok(
      caps.documentSymbolProvider &&
        caps.foldingRangeProvider &&
        caps.selectionRangeProvider &&
        caps.documentLinkProvider,
    );
  });

  test('Format Document keeps the comments and the trailing commas', async () => {
    const project = makeProject({ 'base44/connectors/googlecalendar.jsonc': CALENDAR });
    const client = await serve(project);
    const file = project.path('base44/connectors/googlecalendar.jsonc');
    await client.open(file);
    const edits = await client.request<TextEdit[] | null>('textDocument/formatting', {
      textDocument: textDocument(file),
      options: OPTIONS,
    });
    assert.ok(edits && edits.length > 0, 'edits returned');
    const formatted = TextDocument.applyEdits(TextDocument.create(toUri(file), 'base44-connector', 1, CALENDAR), edits);
    assert.equal(
      formatted,
      '// Calendar access for the booking function\n{\n  "type": "googlecalendar",\n  "scopes": [\n' +
        '    "https://www.googleapis.com/auth/calendar.readonly", // read the agenda\n  ],\n}\n',
    );
    const range = await client.request<TextEdit[] | null>('textDocument/rangeFormatting', {
      textDocument: textDocument(file),
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } },
      options: OPTIONS,
    });
    assert.ok(
      range && range.length > 0 && range.every((e) => e.range.start.line === 2 && e.range.end.line === 2),
      JSON.stringify(range),
    );
    assert.equal(client.shownMessages.length, 0);
  });

  test('a JSON5-only file is not formatted, and the user is told why once', async () => {
    const project = makeProject({
      'base44/connectors/slack.jsonc': "{\n    type: 'slack',\n scopes: ['chat:write'],\n}\n",
    });
    const client = await serve(project);
    const file = project.path('base44/connectors/slack.jsonc');
    await client.open(file);
    for (let i = 0; i < 3; i++) {
      const edits = await client.request<TextEdit[] | null>('textDocument/formatting', {
        textDocument: textDocument(file),
        options: OPTIONS,
      });
      assert.deepEqual(edits, []);
    }
    await client.waitFor(() => client.shownMessages.length > 0, 5000, 'window/showMessage');
    await client.hover(file, { line: 0, character: 0 }); // a round trip: any second message would have arrived
    assert.equal(client.shownMessages.length, 1, JSON.stringify(client.shownMessages));
    assert.equal(client.shownMessages[0].type, 3 /* Info */);
    assert.match(client.shownMessages[0].message, /slack\.jsonc was not formatted: it uses an unquoted key \(line 2\)/);
    // On type never formats it, and never says anything.
    const onType = await client.request<TextEdit[] | null>('textDocument/onTypeFormatting', {
      textDocument: textDocument(file),
      position: { line: 4, character: 1 },
      ch: '}',
      options: OPTIONS,
    });
    assert.deepEqual(onType, []);
  });

  test('outline, folding, Expand Selection and links answer; other JSON files get nothing', async () => {
    const project = makeProject({
      'base44/connectors/googlecalendar.jsonc': CALENDAR,
      'package.json': '{\n  "name": "x"\n}\n',
    });
    const client = await serve(project);
    const file = project.path('base44/connectors/googlecalendar.jsonc');
    await client.open(file);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: textDocument(file),
    });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail]),
      [
        ['type', 'googlecalendar · Google Calendar'],
        ['scopes', '1 scope'],
      ],
    );
    assert.equal(symbols[1].children?.[0].name, 'https://www.googleapis.com/auth/calendar.readonly');

    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', {
      textDocument: textDocument(file),
    });
    assert.deepEqual(
      folds.map((f) => [f.startLine, f.endLine, f.kind]),
      [
        [1, 5, 'object'],
        [3, 4, 'array'],
      ],
    );

    const [selection] = await client.request<SelectionRange[]>('textDocument/selectionRange', {
      textDocument: textDocument(file),
      positions: [{ line: 2, character: 12 }],
    });
    assert.deepEqual(selection.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 22 } });
    assert.deepEqual(selection.parent?.parent?.range, {
      start: { line: 2, character: 0 },
      end: { line: 2, character: 23 },
    });

    const links = await client.request<DocumentLink[]>('textDocument/documentLink', {
      textDocument: textDocument(file),
    });
    assert.deepEqual(
      links.map((l) => [l.range.start.line, l.target]),
      [
        [2, 'https://docs.base44.com/developers/backend/resources/connectors'],
        [4, 'https://developers.google.com/workspace/calendar/api/auth'],
      ],
    );

    const other = project.path('package.json');
    await client.open(other, '{\n  "name": "x"\n}\n', 'json');
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/documentLink']) {
      assert.equal(await client.request(method, { textDocument: textDocument(other) }), null, method);
    }
    assert.equal(
      await client.request('textDocument/formatting', { textDocument: textDocument(other), options: OPTIONS }),
      null,
    );
  });
});
