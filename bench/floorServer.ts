/**
 * The floor: an LSP server (stdio, same library and protocol as the product's) that only parses each
 * document with the product's own JSON5 parser (`server/src/parser/json5Parser.ts`, `parseJson5`) and
 * publishes empty diagnostics; completion and hover answer null. Whatever the product costs above this
 * is its own work (validation, catalog look-ups, building answers).
 *
 * Like the product, it keeps the parse of each document version (requests do not re-parse) and
 * validates on open and after edits (same debounce).
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseJson5 } from '../server/src/parser/json5Parser';
import type { ParsedJson5 } from '../server/src/parser/jsonTree';
import { validationScheduler } from './validationScheduler';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const parsed = new Map<string, { version: number; tree: ParsedJson5 }>();

function parse(doc: TextDocument): ParsedJson5 {
  const hit = parsed.get(doc.uri);
  if (hit && hit.version === doc.version) return hit.tree;
  const tree = parseJson5(doc.getText());
  parsed.set(doc.uri, { version: doc.version, tree });
  return tree;
}

const scheduler = validationScheduler((uri) => {
  const doc = documents.get(uri);
  if (!doc) return;
  parse(doc);
  void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
});

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    completionProvider: { triggerCharacters: ['"', ':'], resolveProvider: false },
    hoverProvider: true,
  },
  serverInfo: { name: 'bench-floor' },
}));

documents.onDidOpen((e) => scheduler.opened(e.document.uri));
documents.onDidChangeContent((e) => {
  if (e.document.version > 1) scheduler.changed(e.document.uri);
});
documents.onDidClose((e) => {
  scheduler.closed(e.document.uri);
  parsed.delete(e.document.uri);
});

connection.onCompletion((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (doc) parse(doc);
  return null;
});
connection.onHover((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (doc) parse(doc);
  return null;
});

documents.listen(connection);
connection.listen();
