import { fileURLToPath, pathToFileURL } from 'node:url';

const uriCache = new Map<string, string>();

/** file:// URI of an absolute path (memoized: a folder of connector files asks for the same ones often). */
export function pathToUri(file: string): string {
  let uri = uriCache.get(file);
  if (uri === undefined) {
    uri = pathToFileURL(file).href;
    if (uriCache.size > 50_000) uriCache.clear();
    uriCache.set(file, uri);
  }
  return uri;
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
