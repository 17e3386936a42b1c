/**
 * Starts the Base44 language server (dist/server.js over IPC). The server decides which JSON files
 * are connector files (exactly those the CLI reads); the client sends it every JSON document.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

import { CONNECTOR_LANGUAGE, FUNCTION_CONFIG_LANGUAGE } from './languageId';

export { CONNECTOR_LANGUAGE };

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // The server keeps its V8 code cache (faster starts, see server/src/node/codeCache.ts) in the
  // extension's own storage: per user, and removed with the extension.
  const env = { ...process.env, BASE44_LS_CACHE_DIR: process.env.BASE44_LS_CACHE_DIR ?? path.join(context.globalStorageUri.fsPath, 'server-cache') };
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
    ],
    synchronize: {
      // .ts / .js too: a function config's entry file appearing or disappearing changes its diagnostics.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{config.json,config.jsonc,*.json,*.jsonc,*.ts,*.js}'),
    },
  };
  return new LanguageClient('base44', 'Base44 Language Server', serverOptions, clientOptions);
}
