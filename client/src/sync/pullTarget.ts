/**
 * Where a pull really writes. The project names its connectors folder (`base44/connectors`, or any
 * `connectorsDir`, `"../../x"` included), but the folder or one of its parents may be a symlink: the
 * CLI, and Node's writes, follow it. The pull dialog shows this real path, and asks before writing
 * or deleting anything outside the workspace folder.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { realFolder } from './applyPull';

export interface PullTarget {
  /** The folder as the project names it. */
  readonly connectorsDir: string;
  /** The same folder with every symlink resolved: where files are written and deleted. */
  readonly realDir: string;
  /** A symlink (the folder or a parent inside the workspace) leads somewhere else than its name says. */
  readonly viaSymlink: boolean;
  /** The real folder is in none of the workspace folders (themselves resolved). */
  readonly outsideWorkspace: boolean;
}

export async function resolvePullTarget(
  connectorsDir: string,
  workspaceFolders: readonly string[],
): Promise<PullTarget> {
  const realDir = await realFolder(resolve(connectorsDir));
  let viaSymlink = true;
  let outsideWorkspace = true;
  for (const folder of workspaceFolders) {
    const realWorkspace = await realFolder(resolve(folder));
    if (isInside(realWorkspace, realDir)) outsideWorkspace = false;
    const named = relative(resolve(folder), resolve(connectorsDir));
    if (!isAbsolute(named) && join(realWorkspace, named) === realDir) viaSymlink = false;
  }
  if (workspaceFolders.length === 0) viaSymlink = realDir !== resolve(connectorsDir);
  return { connectorsDir, realDir, viaSymlink, outsideWorkspace };
}

export function isInside(folder: string, path: string): boolean {
  return isRelativeInside(relative(folder, path));
}

function isRelativeInside(rel: string): boolean {
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
