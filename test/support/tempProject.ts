/**
 * Temporary Base44 projects for tests.
 *
 * makeProject({ 'base44/connectors/slack.jsonc': '{ "type": "slack" }' }) writes:
 *   base44/config.jsonc  `{ "name": "test-app" }` (unless `opts.config` / a file with that path is given,
 *                        or `opts.noConfig`)
 *   base44/.app.jsonc    `{ "id": "test-app-id" }` (unless `opts.noAppLink`; `opts.appId` changes the id)
 *   every file of `files` (paths relative to the root, `/` separated; folders are created).
 * A file whose path ends in `/` creates an empty folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface MakeProjectOptions {
  /** Content of base44/config.jsonc (string or object, JSON-serialised). */
  config?: string | object;
  /** Do not write base44/config.jsonc. */
  noConfig?: boolean;
  /** Do not write base44/.app.jsonc. */
  noAppLink?: boolean;
  appId?: string;
  /** Parent folder for the temp dir (default os.tmpdir()). */
  parent?: string;
}

export interface TempProject {
  /** Absolute, realpath'd root (macOS /var -> /private/var resolved, so it matches CLI output). */
  root: string;
  path(rel: string): string;
  read(rel: string): string;
  write(rel: string, content: string): void;
  exists(rel: string): boolean;
  /** Sorted entry names of a folder relative to the root ([] when missing). */
  list(relDir: string): string[];
  cleanup(): void;
}

export const DEFAULT_APP_ID = 'test-app-id';

export function makeProject(files: Record<string, string> = {}, opts: MakeProjectOptions = {}): TempProject {
  const root = realpathSync(mkdtempSync(join(opts.parent ?? tmpdir(), 'b44-proj-')));
  const abs = (rel: string) => join(root, ...rel.split('/').filter(Boolean));
  const write = (rel: string, content: string) => {
    const p = abs(rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  };

  if (!opts.noConfig && !('base44/config.jsonc' in files)) {
    const cfg = opts.config ?? { name: 'test-app' };
    write('base44/config.jsonc', typeof cfg === 'string' ? cfg : JSON.stringify(cfg, null, 2) + '\n');
  }
  if (!opts.noAppLink && !('base44/.app.jsonc' in files)) {
    write('base44/.app.jsonc', JSON.stringify({ id: opts.appId ?? DEFAULT_APP_ID }, null, 2) + '\n');
  }
  for (const [rel, content] of Object.entries(files)) {
    if (rel.endsWith('/')) mkdirSync(abs(rel), { recursive: true });
    else write(rel, content);
  }

  return {
    root,
    path: abs,
    read: (rel) => readFileSync(abs(rel), 'utf8'),
    write,
    exists: (rel) => {
      try {
        return readdirSync(dirname(abs(rel))).includes(rel.split('/').filter(Boolean).pop() ?? '');
      } catch {
        return false;
      }
    },
    list: (relDir) => {
      try {
        return readdirSync(abs(relDir)).sort();
      } catch {
        return [];
      }
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
