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
    return entries(dir).filter((entry) => kind(dir, entry) === 'file').map((entry) => entry.name);
  },
  listFolders(dir) {
    // Never descend into linked folders (cycles): only real sub-folders.
    return entries(dir).filter((entry) => direntKind(entry) === 'directory').map((entry) => entry.name);
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

function entries(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Like the CLI's globby, follow links to decide what they are. */
function kind(dir: string, entry: fs.Dirent) {
  return direntKind(entry) ?? resolvedKindSync(path.join(dir, entry.name));
}
