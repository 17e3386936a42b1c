import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const uriCache = new Map<string, string>();

/** File names that need no percent-encoding in a URI (and are not `.` or `..`, which paths resolve). */
const PLAIN_NAME = /^(?!\.\.?$)[A-Za-z0-9._-]+$/;

/** file:// URI of an absolute path (memoized: a folder of connector files asks for the same ones often). */
export function pathToUri(file: string): string {
  let uri = uriCache.get(file);
  if (uri === undefined) {
    const cut = file.lastIndexOf(path.sep);
    const folder = file.slice(0, cut);
    const name = file.slice(cut + 1);
    // A plain name in an absolute folder (not `/` or a bare `C:`): the folder's URI plus the name, what
    // pathToFileURL would build, without parsing a URL per file of a 1,000-file folder.
    uri =
      cut > 0 && PLAIN_NAME.test(name) && path.isAbsolute(folder)
        ? `${pathToUri(folder)}/${name}`
        : pathToFileURL(file).href;
    if (uriCache.size > 50_000) uriCache.clear();
    uriCache.set(file, uri);
  }
  return uri;
}

const pathCache = new Map<string, string | undefined>();

/**
 * Absolute path of a file:// URI, or undefined for any other scheme (untitled:, vscode-remote: ...).
 * Memoized: every request names its document by URI, and URL parsing is most of a hover's own cost.
 */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  if (pathCache.has(uri)) return pathCache.get(uri);
  let file: string | undefined;
  try {
    file = fileURLToPath(uri);
  } catch {
    file = undefined;
  }
  if (pathCache.size > 50_000) pathCache.clear();
  pathCache.set(uri, file);
  return file;
}
