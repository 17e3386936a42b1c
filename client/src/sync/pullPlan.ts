/**
 * What `connectors pull` would do to the local connector files, found by letting the real CLI pull
 * into a temp COPY of the folder: files rewritten (old and new text), created and deleted. A rewritten
 * file gets the CLI's changes merged into its own text (comments kept, see pullMerge.ts) unless it is
 * in JSON5-only syntax. Nothing in the project changes here.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSON5 from 'json5';
import type { ConnectorsCli, Outcome } from '../cli/connectorsCli';
import { listConnectorFileNames, readConnectorText } from './connectorFiles';
import type { PullMerge } from './pullMerge';

export interface PullChange {
  readonly kind: 'rewritten' | 'created' | 'deleted';
  readonly fileName: string;
  /** Text now in the project (rewritten, deleted). */
  readonly oldText?: string;
  /** Text after the pull (rewritten, created): for a rewritten file, the merged text when `merge` says so. */
  readonly newText?: string;
  /** Rewritten files: the CLI's own text (plain JSON). */
  readonly cliText?: string;
  /**
   * Rewritten files: `merged` = the CLI's type/scopes applied to the local text (comments, layout and
   * extra keys kept); `cliRewrite` = the CLI's text, because the file uses JSON5-only syntax (`mergeNote`).
   */
  readonly merge?: 'merged' | 'cliRewrite';
  /** Why a rewritten file gets the CLI's text (cliRewrite). */
  readonly mergeNote?: string;
  /** Merged files: top-level keys the CLI ignores (kept in the file, never sent). */
  readonly extraKeys?: readonly string[];
  /** The current file has comments the pull would drop. */
  readonly losesComments: boolean;
  /** The current file's layout differs from the CLI's plain JSON (formatting is lost). */
  readonly losesFormatting: boolean;
}

export interface PullPreview {
  readonly connectorsDir: string;
  /** Temp folder holding the pulled result (delete with `dispose`). */
  readonly previewDir: string;
  readonly changes: readonly PullChange[];
  readonly unchanged: readonly string[];
  /** The local files as they were when previewed, to notice edits before applying. */
  readonly localSnapshot: ReadonlyMap<string, string>;
  dispose(): Promise<void>;
}

export async function previewPull(
  cli: ConnectorsCli,
  project: { root: string; appId: string; connectorsDir: string },
  signal?: AbortSignal,
): Promise<Outcome<PullPreview>> {
  const previewDir = await mkdtemp(join(tmpdir(), 'base44-pull-preview-'));
  const dispose = () => rm(previewDir, { recursive: true, force: true });
  try {
    const localSnapshot = await snapshotFolder(project.connectorsDir);
    await mkdir(previewDir, { recursive: true });
    for (const name of localSnapshot.keys()) await copyFile(join(project.connectorsDir, name), join(previewDir, name));
    const pulled = await cli.pullInto(previewDir, project.appId, project.root, signal);
    if (!pulled.ok) {
      await dispose();
      return pulled;
    }
    const after = await snapshotFolder(previewDir);
    // Loaded on first pull, not at activation (jsonc-parser and the JSON5 parser are most of its weight).
    const { mergePulledConnector } = await import('./pullMerge.js');
    const { changes, unchanged } = diffSnapshots(localSnapshot, after, mergePulledConnector);
    return {
      ok: true,
      value: { connectorsDir: project.connectorsDir, previewDir, changes, unchanged, localSnapshot, dispose },
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** File name → text of every connector file directly in `dir`. */
export async function snapshotFolder(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of await listConnectorFileNames(dir)) {
    const read = await readConnectorText(join(dir, name));
    // The preview must show every file it would change: one it cannot read stops it (nothing changed yet).
    if ('problem' in read) throw new Error(`${join(dir, name)} is ${read.problem}.`);
    out.set(name, read.text);
  }
  return out;
}

/**
 * The changes from `before` (the project) to `after` (what the CLI left). With `merge`, a rewritten
 * file's new text is the CLI's change merged into the local text (previewPull passes pullMerge's).
 */
export function diffSnapshots(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  merge?: (localText: string, cliText: string) => PullMerge,
): { changes: PullChange[]; unchanged: string[] } {
  const changes: PullChange[] = [];
  const unchanged: string[] = [];
  for (const [fileName, oldText] of before) {
    const newText = after.get(fileName);
    if (newText === undefined) {
      changes.push({ kind: 'deleted', fileName, oldText, losesComments: hasComments(oldText), losesFormatting: false });
    } else if (newText !== oldText) {
      const merged = merge?.(oldText, newText);
      if (merged?.kind === 'merged') {
        changes.push({
          kind: 'rewritten',
          fileName,
          oldText,
          newText: merged.text,
          cliText: newText,
          merge: 'merged',
          extraKeys: merged.extraKeys,
          losesComments: false,
          losesFormatting: false,
        });
      } else {
        changes.push({
          kind: 'rewritten',
          fileName,
          oldText,
          newText,
          cliText: newText,
          merge: 'cliRewrite',
          mergeNote: merged?.reason,
          losesComments: hasComments(oldText),
          losesFormatting: !isCanonical(oldText),
        });
      }
    } else {
      unchanged.push(fileName);
    }
  }
  for (const [fileName, newText] of after) {
    if (!before.has(fileName))
      changes.push({ kind: 'created', fileName, newText, losesComments: false, losesFormatting: false });
  }
  const order = { deleted: 0, rewritten: 1, created: 2 };
  changes.sort((a, b) => order[a.kind] - order[b.kind] || a.fileName.localeCompare(b.fileName));
  return { changes, unchanged };
}

/** Whether JSON5 text has a line or block comment outside strings. */
export function hasComments(text: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      return true;
    }
  }
  return false;
}

/** Whether the text is already what the CLI writes (2-space JSON). */
function isCanonical(text: string): boolean {
  try {
    return JSON.stringify(JSON5.parse(text), null, 2) === text.trimEnd();
  } catch {
    return false;
  }
}
