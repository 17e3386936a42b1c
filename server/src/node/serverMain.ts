/**
 * The language server process (dist/serverMain.js, loaded by dist/server.js: serverLoader.ts): a
 * connection over --stdio (any LSP editor) or IPC (the VS Code client). Everything else lives in
 * startServer, so tests can run the same server in-process.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../startServer';
import { nodeFileSystem } from './nodeFileSystem';
import { stdioTransport } from './stdioTransport';

// --stdio gets the batching writer; --node-ipc (VS Code), --socket and --pipe keep the library's own.
const connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, ...stdioTransport())
  : createConnection(ProposedFeatures.all);
startServer(connection, { fs: nodeFileSystem });
connection.listen();
