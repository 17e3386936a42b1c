/**
 * URI ↔ path, where LSP messages enter and leave the server (the model names files by absolute path).
 * vscode-uri spells URIs as VS Code's client does (`(`, `+`, `@`, spaces... percent-encoded alike), so a URI the
 * server makes for a file the editor has not opened is the one the editor will use for it.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';

/** file:// URI of an absolute path. */
export function pathToUri(file: string): string {
  return URI.file(file).toString();
}

/** Absolute, normalized path of a file:// URI, or undefined for any other scheme (untitled:, vscode-remote: ...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const parsed = URI.parse(uri);
  if (parsed.authority === '' || process.platform === 'win32') return path.resolve(parsed.fsPath);
  // As Node's fileURLToPath: `file://localhost/x` is /x; another host names a UNC share, which only Windows has.
  return parsed.authority === 'localhost' ? path.resolve(parsed.path) : undefined;
}
