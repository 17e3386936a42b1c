/**
 * Node entry point: `node dist/server.js --stdio` (any LSP editor) or started by the VS Code client over IPC.
 * Everything else lives in startServer, so tests can run the same server in-process.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../startServer';
import { nodeFileSystem } from './nodeFileSystem';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, { fs: nodeFileSystem });
connection.listen();
