/**
 * A bare LSP client over stdio for the benchmark: spawns any server (`node <entry> --stdio`), so the
 * product's server, the json-languageservice server and the floor are all driven the same way.
 * (test/support/lspClient.ts only spawns dist/server.js; this one takes the entry as a parameter. Both spawn
 * through test/support/stdioServer.ts and wait through test/support/conditionWaiter.ts.)
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { ConditionWaiter } from '../test/support/conditionWaiter';
import { spawnStdioServer } from '../test/support/stdioServer';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface StartOptions {
  readonly entry: string;
  readonly workspaceFolder: string;
  readonly nodeArgs?: readonly string[];
  /** Extra environment variables for the server. */
  readonly env?: Readonly<Record<string, string>>;
}

interface Published {
  count: number;
  diagnostics: unknown[];
}

export class BenchClient {
  /** publishDiagnostics per (decoded) URI: how many times, and the last list. */
  readonly published = new Map<string, Published>();
  readonly stderr: string[] = [];
  private readonly waiter = new ConditionWaiter();
  private readonly uriListeners = new Set<(uri: string) => void>();
  private readonly versions = new Map<string, number>();
  private exited: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
      const key = normalizeUri(params.uri);
      const entry = this.published.get(key) ?? { count: 0, diagnostics: [] };
      entry.count++;
      entry.diagnostics = params.diagnostics;
      this.published.set(key, entry);
      for (const listener of this.uriListeners) listener(key);
      this.waiter.notify();
    });
    connection.onNotification(() => undefined); // base44/projectsChanged, window/logMessage, …
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('workspace/workspaceFolders', () => null);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Spawns the server and completes initialize / initialized. */
  static async start(options: StartOptions): Promise<BenchClient> {
    const { child, connection } = spawnStdioServer(options.entry, options.nodeArgs, {
      NODE_OPTIONS: '',
      ...options.env,
    });
    const client = new BenchClient(child, connection);
    child.stderr!.on('data', (chunk) => client.stderr.push(String(chunk)));
    connection.listen();
    const folder = { uri: toUri(options.workspaceFolder), name: path.basename(options.workspaceFolder) };
    // A server that dies or never answers (a bad --node-args, a crash on start) fails the run, with its stderr.
    let failStart: (error: Error) => void = () => undefined;
    const startFailed = new Promise<never>((_, reject) => (failStart = reject));
    const onExit = (code: number | null) =>
      failStart(
        new Error(`the server exited (${code}) before initialize; stderr: ${client.stderr.join('').slice(-1500)}`),
      );
    child.once('exit', onExit);
    const startTimer = setTimeout(
      () => failStart(new Error(`no initialize answer in 30 s; stderr: ${client.stderr.join('').slice(-1500)}`)),
      30_000,
    );
    const initialized = connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder.uri,
      workspaceFolders: [folder],
      capabilities: {
        workspace: {
          workspaceFolders: true,
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: false },
        },
        textDocument: {
          synchronization: { didSave: false },
          completion: {
            // What VS Code's own client declares, so every server is measured/tested as VS Code would use it.
            completionList: {
              itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'],
            },
            completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: false, tagSupport: { valueSet: [1, 2] } },
        },
      },
    });
    try {
      await Promise.race([initialized, startFailed]);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    } finally {
      clearTimeout(startTimer);
      child.off('exit', onExit);
    }
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves when `predicate` holds (checked after every publishDiagnostics). */
  async waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    await this.waiter.waitFor(
      predicate,
      timeoutMs,
      () => `timed out after ${timeoutMs} ms waiting for ${what}; server stderr: ${this.stderr.join('').slice(-1500)}`,
    );
  }

  publishCount(uri: string): number {
    return this.published.get(normalizeUri(uri))?.count ?? 0;
  }

  diagnosticsOf(uri: string): unknown[] | undefined {
    return this.published.get(normalizeUri(uri))?.diagnostics;
  }

  /**
   * Resolves once every URI of `uris` has had at least one publishDiagnostics (counted incrementally, so
   * waiting on 1,000 files costs the client O(1) per notification).
   */
  waitForAll(uris: readonly string[], timeoutMs: number): Promise<void> {
    const remaining = new Set(uris.map(normalizeUri));
    for (const key of remaining) if (this.published.has(key)) remaining.delete(key);
    const listener = (key: string) => remaining.delete(key);
    this.uriListeners.add(listener);
    return this.waitFor(
      () => remaining.size === 0,
      timeoutMs,
      `diagnostics for all ${uris.length} files (${remaining.size} missing)`,
    ).finally(() => this.uriListeners.delete(listener));
  }

  /** Waits for a publishDiagnostics for `uri` beyond the `after`-th one. */
  waitForPublish(uri: string, after: number, timeoutMs = 30_000): Promise<void> {
    return this.waitFor(() => this.publishCount(uri) > after, timeoutMs, `diagnostics for ${uri}`);
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'base44-connector', version: 1, text },
    });
  }

  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** One request, timed from send to response on the client (so it includes the protocol round trip). */
  async timed(
    method: 'textDocument/completion' | 'textDocument/hover',
    uri: string,
    position: Position,
  ): Promise<{ ms: number; result: unknown }> {
    const start = performance.now();
    const result = await this.connection.sendRequest(method, { textDocument: { uri }, position });
    return { ms: performance.now() - start, result };
  }

  /** Resident memory of the server process (VmRSS from /proc), in bytes; undefined off Linux. */
  rssBytes(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      return m ? Number(m[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** shutdown + exit, then waits for the process to end (a --cpu-prof profile is written on exit). */
  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), delay(3000)]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await Promise.race([this.exited, delay(5000)]);
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill();
      await Promise.race([this.exited, delay(2000)]);
    }
  }
}

export function toUri(file: string): string {
  return pathToFileURL(path.resolve(file)).href;
}

export function normalizeUri(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
