/**
 * Starts the Base44 language server (dist/server.js over IPC). The server decides which JSON files
 * are connector files (exactly those the CLI reads); the client sends it every JSON document.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

import { CONNECTOR_LANGUAGE } from './languageId';

export { CONNECTOR_LANGUAGE };

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6044'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: CONNECTOR_LANGUAGE },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{config.json,config.jsonc,*.json,*.jsonc}'),
    },
  };
  return new LanguageClient('base44', 'Base44 Language Server', serverOptions, clientOptions);
}
