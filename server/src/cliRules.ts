/**
 * The Base44 CLI's rules (version 0.1.18) that the language server and the extension client must both
 * follow, in one place so the two halves cannot drift: which connector types it accepts and which files of
 * a connectors folder it reads. Shared by `server/` and `client/` like `protocol.ts`: pure functions and
 * constants, no `vscode`, no `node:fs`.
 *
 * Read from the CLI's sources (`core/resources/connector/config.ts`, `schema.ts`, `core/utils/fs.ts`) and
 * checked against the real CLI in `test/client/connectorFiles.test.ts`.
 */

/**
 * A connector type the CLI accepts: a known literal or any custom string matching this (zod
 * `CustomTypeSchema`, regex with the `i` flag). Every known literal matches it too, so this one test is the CLI's.
 */
export const CONNECTOR_TYPE_PATTERN = /^[a-z0-9_-]+$/i;

/** Whether the CLI's schema accepts this value as a connector's `type`. */
export function isConnectorType(value: unknown): value is string {
  return typeof value === 'string' && CONNECTOR_TYPE_PATTERN.test(value);
}

/**
 * Whether the CLI reads a file of this name in a connectors folder. Its globby pattern is `*.{json,jsonc}`
 * with the default options: case-sensitive on every OS (`Bad.Jsonc` is never read), no dotfiles
 * (`.draft.jsonc`, `.json`), not recursive. Other characters do not matter (`[x].json`, `a*b.json`, `é.jsonc`
 * are read). One oddity left alone: on Linux and macOS it lists `a\b.json` but then looks for `a/b.json`.
 */
export function isConnectorFileName(name: string): boolean {
  return !name.startsWith('.') && (name.endsWith('.json') || name.endsWith('.jsonc'));
}

/**
 * What a folder entry is once symbolic links are followed: `missing` for a dangling link or a link loop,
 * `other` for FIFOs, sockets and devices.
 */
export type ResolvedEntryKind = 'file' | 'directory' | 'other' | 'missing';

/**
 * Whether the CLI reads this entry of a connectors folder as a connector file. Its globby follows symbolic
 * links (`followSymbolicLinks`) and keeps only regular files (`onlyFiles`): a link to a file is read like the
 * file, while links to folders, dangling links, link loops, FIFOs, sockets and devices are skipped.
 */
export function cliReadsConnectorEntry(name: string, kind: ResolvedEntryKind): boolean {
  return kind === 'file' && isConnectorFileName(name);
}

/**
 * Our limit, not the CLI's: the most bytes the server and the previews read of one connector or config file.
 * A real connector file is a few hundred bytes; a bigger one is reported instead of read (the CLI itself
 * reads any size, and refuses it if it is not a valid connector file).
 */
export const MAX_CONNECTOR_FILE_BYTES = 1024 * 1024;
