import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSystem } from '../project/projectConfig';

/** The real file system, synchronous: connector files are tiny and reads are cached by the workspace model. */
export const nodeFileSystem: FileSystem = {
  readFile(file) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  isFile(file) {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  listFiles(dir) {
    return entries(dir, 'file').filter((entry) => isKind(dir, entry, 'file')).map((entry) => entry.name);
  },
  listFolders(dir) {
    return entries(dir, 'folder').filter((entry) => isKind(dir, entry, 'folder')).map((entry) => entry.name);
  },
};

/**
 * Walks ask a folder's files, then at once its sub-folders: the listing of the one call serves the next one for
 * the same folder (once, in the same tick), so a tree of 250 function folders is read once, not twice.
 */
let lastListing: { dir: string; kind: 'file' | 'folder'; entries: fs.Dirent[] } | undefined;

function entries(dir: string, kind: 'file' | 'folder'): fs.Dirent[] {
  const last = lastListing;
  lastListing = undefined;
  // Only the other question about the same folder (files, then folders) reuses the listing.
  if (last?.dir === dir && last.kind !== kind) return last.entries;
  let list: fs.Dirent[];
  try {
    list = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    list = [];
  }
  lastListing = { dir, kind, entries: list };
  queueMicrotask(() => {
    if (lastListing?.entries === list) lastListing = undefined;
  });
  return list;
}

function isKind(dir: string, entry: fs.Dirent, kind: 'file' | 'folder'): boolean {
  if (entry.isSymbolicLink()) {
    // Like the CLI's globby, follow links to decide what they are.
    try {
      const stat = fs.statSync(path.join(dir, entry.name));
      return kind === 'file' ? stat.isFile() : false; // never descend into linked folders (cycles)
    } catch {
      return false;
    }
  }
  return kind === 'file' ? entry.isFile() : entry.isDirectory();
}
