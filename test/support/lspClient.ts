/**
 * A minimal LSP client for tests: spawns the built server (`node dist/server.js --stdio`) and talks to it
 * over its real protocol, as any editor would.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ConditionWaiter } from './conditionWaiter';
import { spawnStdioServer } from './stdioServer';
import type { TempProject } from './tempProject';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  Hover,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
} from 'vscode-languageserver-protocol';

export const SERVER_ENTRY = path.resolve(__dirname, '../../../dist/server.js');

export interface LanguageServerOptions {
  readonly workspaceFolders: readonly string[];
  /** Extra argv for the server process (e.g. `--inspect`). */
  readonly nodeArgs?: readonly string[];
  /** Extra environment variables for the server process. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Tests keep the server's V8 code cache in the repository's .cache/, never in the user's own cache folder. */
export const TEST_CODE_CACHE = path.resolve(__dirname, '../../../.cache/test-code-cache');

export interface OpenedDocument {
  readonly uri: string;
  version: number;
  text: string;
}

export class LanguageServerClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every `publishDiagnostics` URI as the server spelt it, in order (`diagnostics` is keyed by decoded URI). */
  readonly publishedUris: string[] = [];
  readonly stderr: string[] = [];
  /** `window/showMessage` notifications, in order. */
  readonly shownMessages: { type: number; message: string }[] = [];
  private readonly waiter = new ConditionWaiter();
  private projectsChanged = 0;
  private readonly documents = new Map<string, OpenedDocument>();
  initializeResult: InitializeResult | undefined;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.publishedUris.push(params.uri);
      this.diagnostics.set(normalizeUri(params.uri), params.diagnostics);
      this.emit();
    });
    connection.onNotification('base44/projectsChanged', () => {
      this.projectsChanged++;
      this.emit();
    });
    // The server may ask for things a real client answers; answer neutrally.
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.stderr.push(params.message);
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.shownMessages.push(params);
      this.emit();
    });
  }

  static async start(options: LanguageServerOptions): Promise<LanguageServerClient> {
    if (!fs.existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run npm run build first`);
    const { child, connection } = spawnStdioServer(SERVER_ENTRY, options.nodeArgs, {
      BASE44_LS_CACHE_DIR: TEST_CODE_CACHE,
      ...options.env,
    });
    const client = new LanguageServerClient(child, connection);
    child.stderr!.on('data', (chunk) => client.stderr.push(String(chunk)));
    connection.listen();
    const folders = options.workspaceFolders.map((folder) => ({ uri: toUri(folder), name: path.basename(folder) }));
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders,
      capabilities: {
        workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: false } },
        textDocument: {
          completion: {
            // What VS Code's own client declares, so every server is measured/tested as VS Code would use it.
            completionList: {
              itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'],
            },
            completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: { rangeLimit: 5000 },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private emit(): void {
    this.waiter.notify();
  }

  /** Resolves when `predicate` holds, checking after every notification from the server. */
  waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    return this.waiter.waitFor(
      predicate,
      timeoutMs,
      () => `timed out waiting for ${what}; server stderr:\n${this.stderr.join('').slice(-2000)}`,
    );
  }

  /** Waits for the next `base44/projectsChanged` (the server has validated what changed). */
  async nextValidation(timeoutMs = 10_000): Promise<void> {
    const seen = this.projectsChanged;
    await this.waitFor(() => this.projectsChanged > seen, timeoutMs, 'base44/projectsChanged');
  }

  /** Waits until the server has validated the workspace once. */
  async ready(timeoutMs = 10_000): Promise<void> {
    await this.waitFor(() => this.projectsChanged > 0, timeoutMs, 'first validation');
  }

  diagnosticsFor(file: string): Diagnostic[] {
    return this.diagnostics.get(normalizeUri(toUri(file))) ?? [];
  }

  async waitForDiagnostics(
    file: string,
    predicate: (d: Diagnostic[]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Diagnostic[]> {
    const uri = normalizeUri(toUri(file));
    return this.waitFor(
      () => {
        const current = this.diagnostics.get(uri);
        return current && predicate(current) ? current : undefined;
      },
      timeoutMs,
      `diagnostics for ${file}`,
    );
  }

  async open(
    file: string,
    text = fs.readFileSync(file, 'utf8'),
    languageId = 'base44-connector',
  ): Promise<OpenedDocument> {
    const document: OpenedDocument = { uri: toUri(file), version: 1, text };
    this.documents.set(file, document);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: document.uri, languageId, version: 1, text },
    });
    return document;
  }

  /** Replaces the whole text of an open document. */
  async change(file: string, text: string): Promise<void> {
    const document = this.documents.get(file);
    if (!document) throw new Error(`${file} is not open`);
    document.version++;
    document.text = text;
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: document.uri, version: document.version },
      contentChanges: [{ text }],
    });
  }

  async close(file: string): Promise<void> {
    const document = this.documents.get(file);
    if (!document) return;
    this.documents.delete(file);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: document.uri } });
  }

  /** Tells the server a file was created (1), changed (2) or deleted (3) on disk. */
  async fileChanged(file: string, type: 1 | 2 | 3): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: toUri(file), type }],
    });
  }

  completion(
    file: string,
    position: { line: number; character: number },
  ): Promise<CompletionList | CompletionItem[] | null> {
    return this.connection.sendRequest('textDocument/completion', { textDocument: { uri: toUri(file) }, position });
  }

  hover(file: string, position: { line: number; character: number }): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri: toUri(file) }, position });
  }

  codeActions(file: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: toUri(file) },
      range,
      context: { diagnostics },
    });
  }

  request<T>(method: string, params?: unknown): Promise<T> {
    return this.connection.sendRequest(method, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), delay(2000)]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

export function startLanguageServer(options: LanguageServerOptions): Promise<LanguageServerClient> {
  return LanguageServerClient.start(options);
}

export function toUri(file: string): string {
  return pathToFileURL(path.resolve(file)).href;
}

/** The server may encode URIs differently from node (e.g. `%3A`); compare decoded forms. */
function normalizeUri(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * For a `describe` block: `const serve = serveProjects();` gives a function that starts the built server on a
 * temp project; every server stops, and every project is removed, after the block.
 */
export function serveProjects(): (project: TempProject, ...more: TempProject[]) => Promise<LanguageServerClient> {
  const cleanups: (() => Promise<void> | void)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  return async (project, ...more) => {
    const client = await startLanguageServer({ workspaceFolders: [project.root, ...more.map((p) => p.root)] });
    cleanups.push(
      () => client.stop(),
      () => project.cleanup(),
      ...more.map((p) => () => p.cleanup()),
    );
    await client.ready();
    return client;
  };
}
