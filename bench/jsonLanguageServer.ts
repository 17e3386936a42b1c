/**
 * What a user would otherwise use: VS Code's own JSON engine (`vscode-json-languageservice`) with a JSON
 * Schema generated from the catalog (see jsonSchema.ts), served over LSP on stdio exactly like the
 * product's server, so both are measured with the same client and protocol.
 *
 * It parses each document version once (cached, as VS Code's JSON server does), validates on open and
 * after edits (same debounce as the product), and answers completion and hover.
 */
import {
  createConnection,
  Diagnostic,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, JSONDocument } from 'vscode-json-languageservice';
import { connectorJsonSchema } from './jsonSchema';
import { validationScheduler } from './validationScheduler';

const SCHEMA_URI = 'base44-bench://schemas/connector.json';
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = getLanguageService({
  clientCapabilities: {
    textDocument: {
      completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], commitCharactersSupport: true } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
  },
});
service.configure({
  validate: true,
  allowComments: true,
  schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.jsonc', '*.json'], schema: connectorJsonSchema() as never }],
});

const parsed = new Map<string, { version: number; json: JSONDocument }>();
function jsonDocument(doc: TextDocument): JSONDocument {
  const hit = parsed.get(doc.uri);
  if (hit && hit.version === doc.version) return hit.json;
  const json = service.parseJSONDocument(doc);
  parsed.set(doc.uri, { version: doc.version, json });
  return json;
}

const scheduler = validationScheduler((uri) => {
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  Promise.resolve(service.doValidation(doc, jsonDocument(doc), { comments: 'ignore', trailingCommas: 'ignore' }))
    .then((diagnostics: Diagnostic[]) => {
      if (documents.get(uri)?.version === version) void connection.sendDiagnostics({ uri, version, diagnostics });
    })
    .catch((e: unknown) => connection.console.error(String(e)));
});

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    completionProvider: { triggerCharacters: ['"', ':'], resolveProvider: false },
    hoverProvider: true,
  },
  serverInfo: { name: 'bench-json-languageservice' },
}));

documents.onDidOpen((e) => scheduler.opened(e.document.uri));
documents.onDidChangeContent((e) => {
  // onDidChangeContent also fires right after onDidOpen (version 1): that one is already validated.
  if (e.document.version > 1) scheduler.changed(e.document.uri);
});
documents.onDidClose((e) => {
  scheduler.closed(e.document.uri);
  parsed.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCompletion(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  return doc ? service.doComplete(doc, params.position, jsonDocument(doc)) : null;
});
connection.onHover(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  return doc ? service.doHover(doc, params.position, jsonDocument(doc)) : null;
});

documents.listen(connection);
connection.listen();
