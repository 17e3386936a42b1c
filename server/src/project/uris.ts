import { fileURLToPath, pathToFileURL } from 'node:url';

/** file:// URI of an absolute path. */
export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** Absolute path of a file:// URI, or undefined for any other scheme (untitled:, vscode-remote: ...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
