/**
 * Applies a confirmed pull preview, all or nothing: checks nothing moved since the preview (local
 * files, remote connectors), backs up every connector file, writes the previewed result, and puts
 * everything back from the backup if any step fails. `restoreBackup` is the user's Undo.
 */
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import type { Outcome } from '../cli/connectorsCli';
import type { PullChange, PullPreview } from './pullPlan';
import { snapshotFolder } from './pullPlan';

/** The file operations applying uses; tests swap one to fail midway. */
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

export interface ApplyPullOptions {
  /** Folder that receives `<timestamp>/` backups. */
  readonly backupRoot: string;
  /** A fresh preview, to stop when Base44's connectors changed since the one shown. */
  readonly recheck?: () => Promise<Outcome<PullPreview>>;
  readonly fs?: ApplyFs;
}

export type ApplyPullResult =
  | { readonly ok: true; readonly backupDir: string; readonly applied: readonly PullChange[] }
  | {
      readonly ok: false;
      readonly reason: 'localChanged' | 'remoteChanged' | 'recheckFailed' | 'failed';
      readonly message: string;
      /** For `failed`: whether every file was put back. */
      readonly restored?: boolean;
      readonly backupDir?: string;
    };

interface BackupManifest {
  readonly connectorsDir: string;
  readonly createdAt: string;
  /** Files copied into `files/` (everything in the folder before the pull). */
  readonly files: readonly string[];
  /** Files the pull created (Undo deletes them). */
  readonly created: readonly string[];
}

export async function applyPull(preview: PullPreview, options: ApplyPullOptions): Promise<ApplyPullResult> {
  const fs = options.fs ?? realFs;
  const dir = preview.connectorsDir;

  const current = await snapshotFolder(dir);
  if (!sameSnapshot(current, preview.localSnapshot)) {
    return { ok: false, reason: 'localChanged', message: 'Connector files changed since the preview. Nothing was pulled; preview again.' };
  }
  if (options.recheck) {
    const fresh = await options.recheck();
    if (!fresh.ok) return { ok: false, reason: 'recheckFailed', message: fresh.error.message };
    const same = sameChanges(fresh.value.changes, preview.changes);
    await fresh.value.dispose();
    if (!same) {
      return { ok: false, reason: 'remoteChanged', message: "Base44's connectors changed since the preview. Nothing was pulled; preview again." };
    }
  }
  if (preview.changes.length === 0) return { ok: true, backupDir: '', applied: [] };

  let backupDir: string;
  try {
    backupDir = await writeBackup(options.backupRoot, dir, current, preview.changes);
  } catch (err) {
    return { ok: false, reason: 'failed', restored: true, message: `Could not back up the connector files (${(err as Error).message}). Nothing was pulled.` };
  }
  try {
    await fsp.mkdir(dir, { recursive: true });
    for (const change of preview.changes) {
      const target = join(dir, change.fileName);
      if (change.kind === 'deleted') {
        await fs.unlink(target);
      } else {
        const temp = join(dir, `.${change.fileName}.base44-tmp`);
        await fs.writeFile(temp, change.newText ?? '');
        await fs.rename(temp, target);
      }
    }
  } catch (err) {
    const restored = await restoreBackup(backupDir).then(() => true, () => false);
    return {
      ok: false,
      reason: 'failed',
      restored,
      backupDir,
      message: `Pull failed while writing files (${(err as Error).message}). ${
        restored ? 'All connector files were restored.' : `Restoring failed too: the original files are in ${backupDir}.`
      }`,
    };
  }
  return { ok: true, backupDir, applied: preview.changes };
}

/** Puts the folder back as it was before the pull that made this backup. */
export async function restoreBackup(backupDir: string): Promise<void> {
  const manifest = JSON.parse(await fsp.readFile(join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
  await fsp.mkdir(manifest.connectorsDir, { recursive: true });
  for (const name of manifest.created) {
    await fsp.rm(join(manifest.connectorsDir, name), { force: true });
    await fsp.rm(join(manifest.connectorsDir, `.${name}.base44-tmp`), { force: true });
  }
  for (const name of manifest.files) {
    await fsp.copyFile(join(backupDir, 'files', name), join(manifest.connectorsDir, name));
    await fsp.rm(join(manifest.connectorsDir, `.${name}.base44-tmp`), { force: true });
  }
}

async function writeBackup(
  backupRoot: string,
  connectorsDir: string,
  files: ReadonlyMap<string, string>,
  changes: readonly PullChange[],
): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backupDir = join(backupRoot, stamp);
  await fsp.mkdir(join(backupDir, 'files'), { recursive: true });
  for (const [name, text] of files) await fsp.writeFile(join(backupDir, 'files', name), text, 'utf8');
  const manifest: BackupManifest = {
    connectorsDir,
    createdAt: new Date().toISOString(),
    files: [...files.keys()],
    created: changes.filter((c) => c.kind === 'created').map((c) => c.fileName),
  };
  await fsp.writeFile(join(backupDir, 'manifest.json'), JSON.stringify(manifest, null, 2), 'utf8');
  return backupDir;
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
