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
    return entries(dir).filter((entry) => isKind(dir, entry, 'file')).map((entry) => entry.name);
  },
  listFolders(dir) {
    return entries(dir).filter((entry) => isKind(dir, entry, 'folder')).map((entry) => entry.name);
  },
};

/**
 * The last folder read, for this tick only: walks ask a folder's files then its sub-folders, one listing serves
 * both (a folder of 250 functions is then read once, not twice).
 */
let lastListing: { dir: string; entries: fs.Dirent[] } | undefined;

function entries(dir: string): fs.Dirent[] {
  if (lastListing?.dir === dir) return lastListing.entries;
  let list: fs.Dirent[];
  try {
    list = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    list = [];
  }
  if (!lastListing) queueMicrotask(() => (lastListing = undefined));
  lastListing = { dir, entries: list };
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
