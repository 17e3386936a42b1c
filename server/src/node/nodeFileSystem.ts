import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_CONNECTOR_FILE_BYTES } from '../cliRules';
import type { FileSystem } from '../project/projectConfig';
import { direntKind, readBoundedSync, resolvedKindSync } from './boundedRead';

/**
 * The real file system, synchronous: connector files are tiny and reads are cached by the workspace model.
 * Reads are bounded (`boundedRead.ts`): regular files only, at most MAX_CONNECTOR_FILE_BYTES each.
 */
export const nodeFileSystem: FileSystem = {
  readFile(file) {
    const read = readBoundedSync(file, MAX_CONNECTOR_FILE_BYTES);
    if (read.kind === 'text') return read.text;
    return read.kind === 'too-large' ? { oversized: true, size: read.size } : undefined;
  },
  isFile(file) {
    return resolvedKindSync(file) === 'file';
  },
  listFiles(dir) {
    return entries(dir, 'file')
      .filter((entry) => kind(dir, entry) === 'file')
      .map((entry) => entry.name);
  },
  listFolders(dir) {
    // Never descend into linked folders (cycles): only real sub-folders.
    return entries(dir, 'folder')
      .filter((entry) => direntKind(entry) === 'directory')
      .map((entry) => entry.name);
  },
  exists(file) {
    try {
      fs.accessSync(file);
      return true;
    } catch {
      return false;
    }
  },
};

/**
 * Walks ask a folder's files, then at once its sub-folders: the listing of the one call serves the next one for
 * the same folder (once, in the same tick), so a tree of 250 function folders is read once, not twice.
 */
let lastListing: { dir: string; kind: 'file' | 'folder'; entries: fs.Dirent[] } | undefined;

function entries(dir: string, wanted: 'file' | 'folder'): fs.Dirent[] {
  const last = lastListing;
  lastListing = undefined;
  // Only the other question about the same folder (files, then folders) reuses the listing.
  if (last?.dir === dir && last.kind !== wanted) return last.entries;
  let list: fs.Dirent[];
  try {
    list = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    list = [];
  }
  lastListing = { dir, kind: wanted, entries: list };
  queueMicrotask(() => {
    if (lastListing?.entries === list) lastListing = undefined;
  });
  return list;
}

/** Like the CLI's globby, follow links to decide what they are. */
function kind(dir: string, entry: fs.Dirent) {
  return direntKind(entry) ?? resolvedKindSync(path.join(dir, entry.name));
}
