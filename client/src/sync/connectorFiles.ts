/**
 * Reads a connectors folder the way the CLI does (the rules are in `server/src/cliRules.ts`, shared with
 * the language server): every `*.json` / `*.jsonc` directly inside it, links followed, parsed as JSON5,
 * `{ type, scopes }` kept. Used to build plans; the CLI stays the judge of validity.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import JSON5 from 'json5';
import { cliReadsConnectorEntry, isConnectorType, MAX_CONNECTOR_FILE_BYTES } from '../../../server/src/cliRules';
import { BoundedRead, direntKind, readBounded, resolvedKind } from '../../../server/src/node/boundedRead';

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
  // Links are followed, as the CLI's globby does: a linked file is read, a link to a folder or nowhere is not.
  const kinds = await Promise.all(entries.map((entry) => direntKind(entry) ?? resolvedKind(join(dir, entry.name))));
  return entries
    .filter((entry, i) => cliReadsConnectorEntry(entry.name, kinds[i]))
    .map((e) => e.name)
    .sort();
}

/**
 * The text of a connector file, read with the same bounds as the language server: regular files only,
 * at most MAX_CONNECTOR_FILE_BYTES. Anything else is a problem that stops the plan.
 */
export async function readConnectorText(path: string): Promise<{ text: string } | { problem: string }> {
  const read: BoundedRead = await readBounded(path, MAX_CONNECTOR_FILE_BYTES);
  switch (read.kind) {
    case 'text':
      return { text: read.text };
    case 'too-large':
      return { problem: tooLargeProblem(read.size) };
    case 'not-a-file':
      return { problem: 'not a regular file' };
    default:
      return { problem: `cannot be read (${read.message})` };
  }
}

/** Why a big file is not previewed, and what the CLI would do with it. */
export function tooLargeProblem(size: number): string {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return (
    `larger than ${mb(MAX_CONNECTOR_FILE_BYTES)} (${mb(size)}): not read here (a connector file is a few hundred ` +
    'bytes). The Base44 CLI would read it whole and push it if it is a valid connector file'
  );
}

export async function readConnectorFiles(dir: string): Promise<LocalConnectorFile[]> {
  const names = await listConnectorFileNames(dir);
  return Promise.all(
    names.map(async (fileName) => {
      const path = join(dir, fileName);
      const read = await readConnectorText(path);
      if ('problem' in read) return { fileName, path, text: '', problem: read.problem };
      return { fileName, path, text: read.text, ...parseConnectorText(read.text) };
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
