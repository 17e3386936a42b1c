/**
 * Spawns a language server as an editor does (`node [nodeArgs] <entry> --stdio`) with a JSON-RPC connection over
 * its stdio (not listening yet): shared by the tests' client (lspClient.ts) and the bench's (bench/benchClient.ts),
 * which differ in what they do with it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

export function spawnStdioServer(
  entry: string,
  nodeArgs: readonly string[] = [],
  env: Readonly<Record<string, string | undefined>> = {},
): { child: ChildProcess; connection: MessageConnection } {
  const child = spawn(process.execPath, [...nodeArgs, entry, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  return { child, connection };
}
