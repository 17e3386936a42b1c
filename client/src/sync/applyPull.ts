/**
 * Applies a confirmed pull preview, all or nothing, and survives a crash:
 * - checks nothing moved since the preview (local files, remote connectors, where the folder points);
 * - writes a journal (`pull.json`: every write and delete, with the new text) into a private backup
 *   folder BEFORE touching the project, so an interrupted pull can be finished on the next start
 *   (pullRecovery.ts) and undone;
 * - backs up each file from disk at the moment of replacing it (a save made a moment before is in the
 *   backup, or stops the pull if it differs from the preview);
 * - writes each file to a temp name and renames it into place; on any failure puts everything back.
 * Backups are private (folders 0700, files 0600) and pruned to the last KEEP_BACKUPS per project.
 * `restoreBackup` is the user's Undo.
 */
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Outcome } from '../cli/connectorsCli';
import type { PullChange, PullPreview } from './pullPlan';
import { snapshotFolder } from './pullPlan';

/** The file operations applying uses on the project; tests swap one to fail (or crash) midway. */
export interface ApplyFs {
  writeFile(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

const realFs: ApplyFs = {
  writeFile: (p, t) => fsp.writeFile(p, t, 'utf8'),
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
};

/** Backups kept per project (older ones are deleted after a successful pull). */
export const KEEP_BACKUPS = 10;
export const JOURNAL_FILE = 'pull.json';
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

export interface ApplyPullOptions {
  /** Folder that receives `<timestamp>/` backups (one per pull), for this project. */
  readonly backupRoot: string;
  /** A fresh preview, to stop when Base44's connectors changed since the one shown. */
  readonly recheck?: () => Promise<Outcome<PullPreview>>;
  /** The real (symlinks resolved) folder the user confirmed; applying stops if it now resolves elsewhere. */
  readonly realConnectorsDir?: string;
  readonly fs?: ApplyFs;
}

export type ApplyPullResult =
  | {
      readonly ok: true;
      readonly backupDir: string;
      readonly applied: readonly PullChange[];
      readonly pruned: readonly string[];
    }
  | {
      readonly ok: false;
      readonly reason: 'localChanged' | 'remoteChanged' | 'recheckFailed' | 'failed';
      readonly message: string;
      /** For `failed`: whether every file was put back. */
      readonly restored?: boolean;
      readonly backupDir?: string;
    };

/** One step of a pull, as the journal records it. */
export interface JournalOperation {
  readonly kind: 'rewritten' | 'created' | 'deleted';
  readonly fileName: string;
  /** rewritten / created: the text written. */
  readonly text?: string;
}

export interface PullJournal {
  readonly version: 1;
  /** applying: written before the first change; a journal still `applying` at start-up = interrupted. */
  readonly state: 'applying' | 'applied' | 'rolledBack' | 'undone';
  /** The folder as the project names it. */
  readonly connectorsDir: string;
  /** Where the files really are (symlinks resolved): what is written to and restored. */
  readonly realDir: string;
  readonly createdAt: string;
  readonly operations: readonly JournalOperation[];
  /** Set when a start-up recovery finished this pull. */
  readonly recovered?: boolean;
}

export async function applyPull(preview: PullPreview, options: ApplyPullOptions): Promise<ApplyPullResult> {
  const fs = options.fs ?? realFs;
  const dir = preview.connectorsDir;
  const localChanged = (what = 'Connector files changed since the preview') =>
    ({ ok: false, reason: 'localChanged', message: `${what}. Nothing was pulled; preview again.` }) as const;

  if (!sameSnapshot(await snapshotFolder(dir), preview.localSnapshot)) return localChanged();
  if (options.recheck) {
    const fresh = await options.recheck();
    if (!fresh.ok) return { ok: false, reason: 'recheckFailed', message: fresh.error.message };
    const same = sameChanges(fresh.value.changes, preview.changes);
    await fresh.value.dispose();
    if (!same) {
      return {
        ok: false,
        reason: 'remoteChanged',
        message: "Base44's connectors changed since the preview. Nothing was pulled; preview again.",
      };
    }
    // The re-check takes seconds: a file saved meanwhile must not be overwritten.
    if (!sameSnapshot(await snapshotFolder(dir), preview.localSnapshot)) return localChanged();
  }
  if (preview.changes.length === 0) return { ok: true, backupDir: '', applied: [], pruned: [] };
  const realDir = await realFolder(dir);
  if (options.realConnectorsDir !== undefined && realDir !== options.realConnectorsDir) {
    return localChanged(`The connectors folder now leads to ${realDir}, not ${options.realConnectorsDir}`);
  }

  let backupDir: string;
  const journal: PullJournal = {
    version: 1,
    state: 'applying',
    connectorsDir: dir,
    realDir,
    createdAt: new Date().toISOString(),
    operations: preview.changes.map((c) => ({
      kind: c.kind,
      fileName: c.fileName,
      text: c.kind === 'deleted' ? undefined : (c.newText ?? ''),
    })),
  };
  try {
    backupDir = await createBackupDir(options.backupRoot);
    await writeJournal(backupDir, journal);
  } catch (err) {
    return {
      ok: false,
      reason: 'failed',
      restored: true,
      message: `Could not back up the connector files (${(err as Error).message}). Nothing was pulled.`,
    };
  }
  try {
    await fsp.mkdir(realDir, { recursive: true });
    for (const change of preview.changes) {
      const target = join(realDir, change.fileName);
      if (change.kind === 'deleted') {
        await backUpCurrent(backupDir, change.fileName, target, change.oldText);
        await fs.unlink(target);
      } else {
        const temp = tempName(realDir, change.fileName);
        await fs.writeFile(temp, change.newText ?? '');
        // Read what is on disk now (not the preview's snapshot): that is what the backup must hold.
        await backUpCurrent(backupDir, change.fileName, target, change.kind === 'created' ? undefined : change.oldText);
        await fs.rename(temp, target);
      }
    }
  } catch (err) {
    const restored = await rollBack(backupDir, journal).then(
      () => true,
      () => false,
    );
    const changed = err instanceof ChangedOnDisk;
    return {
      ok: false,
      reason: changed ? 'localChanged' : 'failed',
      restored,
      backupDir,
      message: `${changed ? err.message : `Pull failed while writing files (${(err as Error).message}).`} ${
        restored
          ? 'All connector files were restored.'
          : `Restoring failed too: the original files are in ${backupDir}.`
      }`,
    };
  }
  await writeJournal(backupDir, { ...journal, state: 'applied' }).catch(() => undefined);
  const pruned = await pruneBackups(options.backupRoot, KEEP_BACKUPS).catch(() => []);
  return { ok: true, backupDir, applied: preview.changes, pruned };
}

/** A file differs from the preview at the moment of replacing it (saved during the pull). */
class ChangedOnDisk extends Error {}

/**
 * Copies the file as it is on disk right now into the backup (privately, synced to disk), or notes
 * that there was none. Stops the pull when the file is not what the preview showed.
 */
async function backUpCurrent(
  backupDir: string,
  fileName: string,
  target: string,
  expected: string | undefined,
): Promise<void> {
  const current = await readIfExists(target);
  if (current !== expected) {
    if (current !== undefined) await writePrivate(join(backupDir, 'files', fileName), current);
    throw new ChangedOnDisk(`${fileName} changed while pulling; your version is kept.`);
  }
  if (current !== undefined) await writePrivate(join(backupDir, 'files', fileName), current);
}

/** Puts the folder back as it was before the pull that made this backup (the user's Undo). */
export async function restoreBackup(backupDir: string): Promise<void> {
  const journal = await readJournal(backupDir);
  await rollBack(backupDir, journal, { removeEditedCreations: true });
  await writeJournal(backupDir, { ...journal, state: 'undone' });
}

/**
 * Each file the pull touched goes back to its backup; files it created go away (after a failure or a
 * crash only if they hold what the pull wrote: a file of that name saved meanwhile is the user's); temp
 * files too.
 */
async function rollBack(
  backupDir: string,
  journal: PullJournal,
  opts: { removeEditedCreations?: boolean } = {},
): Promise<void> {
  await fsp.mkdir(journal.realDir, { recursive: true });
  for (const op of [...journal.operations].reverse()) {
    const target = join(journal.realDir, op.fileName);
    const saved = await readIfExists(join(backupDir, 'files', op.fileName));
    if (saved !== undefined) {
      const temp = tempName(journal.realDir, op.fileName);
      await fsp.writeFile(temp, saved, 'utf8');
      await fsp.rename(temp, target);
    } else if (op.kind === 'created' && (opts.removeEditedCreations || (await readIfExists(target)) === op.text)) {
      await fsp.rm(target, { force: true });
    }
    await fsp.rm(tempName(journal.realDir, op.fileName), { force: true });
  }
  if (journal.state === 'applying') await writeJournal(backupDir, { ...journal, state: 'rolledBack' });
}

export interface RecoveryResult {
  /** Files now as the pull meant them. */
  readonly finished: readonly string[];
  /** Files left alone because they changed after the interruption (neither before nor after). */
  readonly skipped: readonly string[];
}

/**
 * Finishes a pull the journal says was interrupted: each file not yet as planned is backed up (if it
 * was not already) and written or deleted; a file edited since the interruption is left alone.
 */
export async function finishInterruptedPull(backupDir: string): Promise<RecoveryResult> {
  const journal = await readJournal(backupDir);
  const finished: string[] = [];
  const skipped: string[] = [];
  await fsp.mkdir(journal.realDir, { recursive: true });
  for (const op of journal.operations) {
    const target = join(journal.realDir, op.fileName);
    const temp = tempName(journal.realDir, op.fileName);
    const current = await readIfExists(target);
    const backupPath = join(backupDir, 'files', op.fileName);
    const saved = await readIfExists(backupPath);
    const wanted = op.kind === 'deleted' ? undefined : (op.text ?? '');
    if (current === wanted) {
      finished.push(op.fileName);
    } else if (saved !== undefined && current !== saved && current !== undefined) {
      skipped.push(op.fileName);
    } else if (op.kind === 'created' && current !== undefined && saved === undefined) {
      skipped.push(op.fileName); // a file of that name appeared since: not ours to overwrite
    } else {
      if (saved === undefined && current !== undefined) await writePrivate(backupPath, current);
      if (wanted === undefined) {
        await fsp.rm(target, { force: true });
      } else {
        await fsp.writeFile(temp, wanted, 'utf8');
        await fsp.rename(temp, target);
      }
      finished.push(op.fileName);
    }
    await fsp.rm(temp, { force: true });
  }
  await writeJournal(backupDir, { ...journal, state: 'applied', recovered: true });
  return { finished, skipped };
}

/** Backup folders of one project's root whose journal still says `applying` (oldest first). */
export async function findInterruptedPulls(backupRoot: string): Promise<string[]> {
  const found: string[] = [];
  for (const dir of await listBackups(backupRoot)) {
    const journal = await readJournal(dir).catch(() => undefined);
    if (journal?.state === 'applying') found.push(dir);
  }
  return found;
}

/** Backup folders of a project, oldest first (names are timestamps). */
export async function listBackups(backupRoot: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await fsp.readdir(backupRoot, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
  return names.sort().map((n) => join(backupRoot, n));
}

/** Deletes all but the newest `keep` backups; never one whose pull is unfinished. Returns the deleted ones. */
export async function pruneBackups(backupRoot: string, keep: number): Promise<string[]> {
  const all = await listBackups(backupRoot);
  const deleted: string[] = [];
  for (const dir of all.slice(0, Math.max(0, all.length - keep))) {
    const journal = await readJournal(dir).catch(() => undefined);
    if (journal?.state === 'applying') continue;
    await fsp.rm(dir, { recursive: true, force: true });
    deleted.push(dir);
  }
  return deleted;
}

export async function readJournal(backupDir: string): Promise<PullJournal> {
  if (!(await exists(join(backupDir, JOURNAL_FILE))) && (await exists(join(backupDir, 'manifest.json'))))
    return readOldManifest(backupDir);
  const raw = JSON.parse(await fsp.readFile(join(backupDir, JOURNAL_FILE), 'utf8')) as PullJournal;
  if (raw.version !== 1 || !Array.isArray(raw.operations) || typeof raw.realDir !== 'string')
    throw new Error(`Unknown backup format in ${backupDir}`);
  return raw;
}

/** A backup made before journals (every file copied, `created` listed): Undo still works from it. */
async function readOldManifest(backupDir: string): Promise<PullJournal> {
  const m = JSON.parse(await fsp.readFile(join(backupDir, 'manifest.json'), 'utf8')) as {
    connectorsDir: string;
    createdAt: string;
    files: string[];
    created: string[];
  };
  const operations: JournalOperation[] = [
    ...m.files.map((fileName) => ({ kind: 'rewritten' as const, fileName })),
    ...m.created.map((fileName) => ({ kind: 'created' as const, fileName })),
  ];
  return {
    version: 1,
    state: 'applied',
    connectorsDir: m.connectorsDir,
    realDir: m.connectorsDir,
    createdAt: m.createdAt,
    operations,
  };
}

/** The journal, replaced atomically and synced to disk before anything relies on it. */
async function writeJournal(backupDir: string, journal: PullJournal): Promise<void> {
  await writePrivate(join(backupDir, JOURNAL_FILE), JSON.stringify(journal, null, 2));
}

async function createBackupDir(backupRoot: string): Promise<string> {
  await mkdirPrivate(backupRoot);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let backupDir = join(backupRoot, stamp);
  for (let n = 2; await exists(backupDir); n++) backupDir = join(backupRoot, `${stamp}-${n}`);
  await mkdirPrivate(backupDir);
  await mkdirPrivate(join(backupDir, 'files'));
  return backupDir;
}

/** A folder only the user can enter (the parents this creates too). */
async function mkdirPrivate(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
  await fsp.chmod(dir, PRIVATE_DIR);
}

/**
 * A file only the user can read, flushed to disk and renamed into place: a crash leaves the old file or
 * the new one, never half of one (a half backup would look like an edit made since).
 */
async function writePrivate(path: string, text: string): Promise<void> {
  const temp = `${path}.base44-tmp`;
  const handle = await fsp.open(temp, 'w', PRIVATE_FILE);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.chmod(PRIVATE_FILE);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(temp, path);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function exists(path: string): Promise<boolean> {
  return fsp.access(path).then(
    () => true,
    () => false,
  );
}

/** The folder with symlinks resolved (a missing tail kept as written). */
export async function realFolder(dir: string): Promise<string> {
  try {
    return await fsp.realpath(dir);
  } catch {
    const parent = dirname(dir);
    if (parent === dir) return dir;
    return join(await realFolder(parent), basename(dir));
  }
}

export function tempName(dir: string, fileName: string): string {
  return join(dir, `.${fileName}.base44-tmp`);
}

function sameSnapshot(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function sameChanges(a: readonly PullChange[], b: readonly PullChange[]): boolean {
  const key = (c: PullChange) => `${c.kind}\0${c.fileName}\0${c.newText ?? ''}`;
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}
