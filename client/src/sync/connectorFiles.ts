/**
 * Reads a connectors folder the way the CLI does: every `*.json` / `*.jsonc` directly inside it,
 * parsed as JSON5, `{ type, scopes }` kept. Used to build plans; the CLI stays the judge of validity.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSON5 from 'json5';

export interface LocalConnectorFile {
  readonly fileName: string;
  readonly path: string;
  readonly text: string;
  /** Present when the file parses and has a usable `type`. */
  readonly connector?: { readonly type: string; readonly scopes: readonly string[] };
  /** Why it could not be read as a connector. */
  readonly problem?: string;
}

export function isConnectorFileName(name: string): boolean {
  return /\.jsonc?$/i.test(name) && !name.startsWith('.');
}

/** File names of connector files directly in `dir` (sorted); none when the folder is missing. */
export async function listConnectorFileNames(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return entries.filter((e) => e.isFile() && isConnectorFileName(e.name)).map((e) => e.name).sort();
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
  if (typeof type !== 'string' || !/^[a-z0-9_-]+$/i.test(type)) return { problem: 'missing or invalid "type"' };
  if (scopes !== undefined && !(Array.isArray(scopes) && scopes.every((s) => typeof s === 'string'))) {
    return { problem: '"scopes" must be a list of strings' };
  }
  return { connector: { type, scopes: (scopes as string[] | undefined) ?? [] } };
}
