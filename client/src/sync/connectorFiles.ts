/**
 * Reads a connectors folder the way the CLI does (the rules are in `server/src/cliRules.ts`, shared with
 * the language server): every `*.json` / `*.jsonc` directly inside it, links followed, parsed as JSON5,
 * `{ type, scopes }` kept. Used to build plans; the CLI stays the judge of validity.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import JSON5 from 'json5';
import { cliReadsConnectorEntry, isConnectorType, ResolvedEntryKind } from '../../../server/src/cliRules';

export { isConnectorFileName } from '../../../server/src/cliRules';

export interface LocalConnectorFile {
  readonly fileName: string;
  readonly path: string;
  readonly text: string;
  /** Present when the file parses and has a usable `type`. */
  readonly connector?: { readonly type: string; readonly scopes: readonly string[] };
  /** Why it could not be read as a connector. */
  readonly problem?: string;
}

/** File names of the connector files the CLI reads directly in `dir` (sorted); none when the folder is missing. */
export async function listConnectorFileNames(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const kinds = await Promise.all(entries.map((entry) => resolvedKind(dir, entry)));
  return entries.filter((entry, i) => cliReadsConnectorEntry(entry.name, kinds[i])).map((e) => e.name).sort();
}

/** What an entry is once links are followed, as the CLI's globby sees it. */
async function resolvedKind(dir: string, entry: Dirent): Promise<ResolvedEntryKind> {
  if (!entry.isSymbolicLink()) return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
  try {
    const target = await stat(join(dir, entry.name));
    return target.isFile() ? 'file' : target.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing'; // dangling link or a link loop
  }
}

export async function readConnectorFiles(dir: string): Promise<LocalConnectorFile[]> {
  const names = await listConnectorFileNames(dir);
  return Promise.all(
    names.map(async (fileName) => {
      const path = join(dir, fileName);
      const text = await readFile(path, 'utf8');
      return { fileName, path, text, ...parseConnectorText(text) };
    }),
  );
}

export function parseConnectorText(text: string): Pick<LocalConnectorFile, 'connector' | 'problem'> {
  let value: unknown;
  try {
    value = JSON5.parse(text);
  } catch (err) {
    return { problem: `invalid JSON: ${(err as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'not an object' };
  const { type, scopes } = value as { type?: unknown; scopes?: unknown };
  if (!isConnectorType(type)) return { problem: 'missing or invalid "type"' };
  if (scopes !== undefined && !(Array.isArray(scopes) && scopes.every((s) => typeof s === 'string'))) {
    return { problem: '"scopes" must be a list of strings' };
  }
  return { connector: { type, scopes: (scopes as string[] | undefined) ?? [] } };
}
