/**
 * Starts the Base44 language server (dist/server.js over IPC). The server decides which JSON files
 * are connector files and which JS / TS files are backend function code (exactly those the CLI reads and
 * bundles); the client sends it every JSON, JavaScript and TypeScript document. Language ids are the same
 * whether VS Code's TypeScript support or Deno's extension serves the file.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

import { CONNECTOR_LANGUAGE, FUNCTION_CONFIG_LANGUAGE } from './languageId';
import { codeLensEnabled } from './settings';

export { CONNECTOR_LANGUAGE };

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // The server keeps its V8 code cache (faster starts, see server/src/node/codeCache.ts) in the
  // extension's own storage: per user, and removed with the extension.
  const env = {
    ...process.env,
    BASE44_LS_CACHE_DIR: process.env.BASE44_LS_CACHE_DIR ?? path.join(context.globalStorageUri.fsPath, 'server-cache'),
  };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6044'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: CONNECTOR_LANGUAGE },
      { scheme: 'file', language: FUNCTION_CONFIG_LANGUAGE },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      // Backend function code: the server answers only for files a project's functions bundle.
      { scheme: 'file', language: 'typescript' },
      { scheme: 'file', language: 'javascript' },
      { scheme: 'file', language: 'typescriptreact' },
      { scheme: 'file', language: 'javascriptreact' },
    ],
    synchronize: {
      // .ts / .js too: function code, and a function config's entry file appearing or disappearing.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/{config.json,config.jsonc,*.json,*.jsonc}'),
        vscode.workspace.createFileSystemWatcher('**/*.{js,ts,jsx,tsx}'),
      ],
    },
    middleware: {
      // The usage lens ("used by 2 functions") follows the base44.codeLens.enabled setting like the others.
      provideCodeLenses: (document, token, next) => (codeLensEnabled() ? next(document, token) : []),
    },
  };
  return new LanguageClient('base44', 'Base44 Language Server', serverOptions, clientOptions);
}
