/**
 * The wiring both comparison servers share, so they differ only in what they compute: stdio LSP, the same
 * capabilities, a per-version cache of their parse, validation on open and after edits (validationScheduler),
 * and completion / hover handlers.
 */
import {
  CompletionItem,
  CompletionList,
  createConnection,
  Diagnostic,
  Hover,
  Position,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validationScheduler } from './validationScheduler';

export interface DocumentServer<Parsed> {
  readonly name: string;
  parse(doc: TextDocument): Parsed;
  validate(doc: TextDocument, parsed: Parsed): Diagnostic[] | PromiseLike<Diagnostic[]>;
  complete(
    doc: TextDocument,
    position: Position,
    parsed: Parsed,
  ): CompletionList | CompletionItem[] | null | PromiseLike<CompletionList | null>;
  hover(doc: TextDocument, position: Position, parsed: Parsed): Hover | null | PromiseLike<Hover | null>;
}

export function serveDocuments<Parsed>(server: DocumentServer<Parsed>): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, { version: number; parsed: Parsed }>();
  const parse = (doc: TextDocument): Parsed => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.parsed;
    const parsed = server.parse(doc);
    cache.set(doc.uri, { version: doc.version, parsed });
    return parsed;
  };

  const scheduler = validationScheduler((uri) => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const publish = (diagnostics: Diagnostic[]) => {
      if (documents.get(uri)?.version === version) void connection.sendDiagnostics({ uri, version, diagnostics });
    };
    // Synchronous results are published synchronously, as before the servers shared this wiring.
    const result = server.validate(doc, parse(doc));
    if (Array.isArray(result)) publish(result);
    else result.then(publish, (e: unknown) => connection.console.error(String(e)));
  });

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['"', ':'], resolveProvider: false },
      hoverProvider: true,
    },
    serverInfo: { name: server.name },
  }));
  documents.onDidOpen((e) => scheduler.opened(e.document.uri));
  documents.onDidChangeContent((e) => {
    // onDidChangeContent also fires right after onDidOpen (version 1): that one is already validated.
    if (e.document.version > 1) scheduler.changed(e.document.uri);
  });
  documents.onDidClose((e) => {
    scheduler.closed(e.document.uri);
    cache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? server.complete(doc, params.position, parse(doc)) : null;
  });
  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? server.hover(doc, params.position, parse(doc)) : null;
  });
  documents.listen(connection);
  connection.listen();
}
