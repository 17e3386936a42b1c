/**
 * Base44: Pull Connectors. Previews in a temp copy (the real CLI decides), merges each changed file's
 * new type/scopes into the user's own text (comments kept; JSON5-only files get the CLI's rewrite, and
 * the preview says so), shows a diff per changed file and the files that would be deleted, names the
 * real folder (symlinks resolved) and asks before writing outside the workspace, applies only after
 * confirmation with a journal and a backup, and offers Undo.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isBusy } from '../cliService';
import type { Project } from '../projects';
import { applyPull, listBackups, restoreBackup } from '../sync/applyPull';
import { PullPreview, previewPull } from '../sync/pullPlan';
import { PullTarget, resolvePullTarget } from '../sync/pullTarget';
import { withCliProgress } from '../ui/cliProgress';
import { showCliError } from '../ui/showCliError';
import { plainText } from '../ui/untrustedText';
import { plural, prepareSync, Services } from './common';

export async function pullCommand(s: Services, arg?: unknown): Promise<void> {
  const ready = await prepareSync(s, arg, 'Pull', (project) => pullCommand(s, { project }));
  if (!ready) return;
  const { project, appId, cli } = ready;
  const retry = () => pullCommand(s, { project });
  const target = { root: project.root, appId, connectorsDir: project.connectorsDir };

  const result = await s.cli.exclusive(project, 'Pull', async () => {
    const previewed = await withCliProgress(`Base44: Previewing the connectors of app ${appId}…`, (signal) =>
      previewPull(cli, target, signal),
    );
    if (!previewed.ok) return showCliError(previewed.error, { retry, cwd: project.root });
    const preview = previewed.value;
    try {
      if (preview.changes.length === 0) {
        void vscode.window.showInformationMessage(
          `Base44: your connector files already match app ${appId}. Nothing to pull.`,
        );
        return;
      }
      const folders = (vscode.workspace.workspaceFolders ?? [])
        .filter((f) => f.uri.scheme === 'file')
        .map((f) => f.uri.fsPath);
      // No folder open (a lone file): the project's own folder is the boundary.
      const where = await resolvePullTarget(project.connectorsDir, folders.length > 0 ? folders : [project.root]);
      if (where.outsideWorkspace && !(await confirmOutside(where))) return;
      if (!(await confirmPull(s, project, preview, appId, where))) return;
      const root = backupRoot(s, project);
      const applied = await withCliProgress('Base44: Pulling connectors…', () =>
        applyPull(preview, {
          backupRoot: root,
          recheck: () => previewPull(cli, target),
          realConnectorsDir: where.realDir,
        }),
      );
      if (!applied.ok) {
        const again =
          applied.reason === 'remoteChanged' || applied.reason === 'localChanged' ? ['Preview Again'] : ['Show Output'];
        const choice = await vscode.window.showErrorMessage(
          plainText(`Base44: ${applied.message}`, { max: 1000 }),
          ...again,
        );
        if (choice === 'Preview Again') void retry();
        if (choice === 'Show Output') s.log.show();
        return;
      }
      s.log.info(`Pulled from ${appId} into ${where.realDir}; backup of the replaced files: ${applied.backupDir}`);
      for (const c of applied.applied) {
        if (c.merge === 'cliRewrite') s.log.info(`  ${c.fileName}: replaced by the CLI's plain JSON (${c.mergeNote}).`);
        if (c.extraKeys?.length) s.log.info(`  ${c.fileName}: kept keys the CLI ignores: ${c.extraKeys.join(', ')}.`);
      }
      await logBackups(s, root, applied.pruned);
      return applied.backupDir;
    } finally {
      await preview.dispose();
    }
  });
  if (isBusy(result)) return showCliError(result.busy);
  if (typeof result === 'string') await offerUndo(s, result);
}

/** The folder leads outside the workspace (a symlink, `connectorsDir: "../../x"`): ask first, naming it. */
async function confirmOutside(where: PullTarget): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `Base44: this pull would write and delete files outside the workspace folder, in ${where.realDir}.`,
    {
      modal: true,
      detail:
        `The project's connectors folder ${where.connectorsDir}${where.viaSymlink ? ' is a symbolic link (or is inside one) that leads' : ' points'} there. ` +
        'Continue only if you expect the connector files to live in that folder.',
    },
    'Pull Outside Workspace',
  );
  return choice === 'Pull Outside Workspace';
}

async function confirmPull(
  s: Services,
  project: Project,
  preview: PullPreview,
  appId: string,
  where: PullTarget,
): Promise<boolean> {
  const rewritten = preview.changes.filter((c) => c.kind === 'rewritten');
  const created = preview.changes.filter((c) => c.kind === 'created');
  const deleted = preview.changes.filter((c) => c.kind === 'deleted');
  const lines: string[] = [];
  if (rewritten.length) lines.push(`Update: ${rewritten.map((c) => c.fileName).join(', ')}`);
  if (created.length) lines.push(`Create: ${created.map((c) => c.fileName).join(', ')}`);
  if (deleted.length) lines.push(`⚠ DELETE (not on Base44): ${deleted.map((c) => c.fileName).join(', ')}`);
  const merged = rewritten.filter((c) => c.merge === 'merged');
  if (merged.length)
    lines.push('', `Updated in place, comments and formatting kept: ${merged.map((c) => c.fileName).join(', ')}.`);
  for (const c of rewritten.filter((c) => c.merge !== 'merged')) {
    const lost = c.losesComments
      ? 'its comments and formatting are lost'
      : c.losesFormatting
        ? 'its formatting is lost'
        : 'as the CLI writes it';
    lines.push(`${c.fileName} becomes the CLI's plain JSON${c.mergeNote ? ` because ${c.mergeNote}` : ''}: ${lost}.`);
  }
  for (const c of merged.filter((c) => c.extraKeys?.length)) {
    lines.push(
      `${c.fileName} keeps ${c.extraKeys!.map((k) => `"${k}"`).join(', ')}: the CLI ignores ${c.extraKeys!.length === 1 ? 'that key' : 'those keys'} (never sent).`,
    );
  }
  lines.push('');
  if (where.viaSymlink || where.outsideWorkspace)
    lines.push(`Files are written in ${where.realDir} (the folder's real location).`);
  lines.push('Each replaced file is backed up first; you can undo the pull afterwards.');
  const elsewhere = where.viaSymlink || where.outsideWorkspace;
  const shown = elsewhere ? where.realDir : vscode.workspace.asRelativePath(project.connectorsDir);
  const message = `Pull from Base44 app ${appId} into ${shown}? ${plural(preview.changes.length, 'file')} change.`;
  // File names come from Base44 (the types it sends) and from the folder: no links in the dialog.
  const detail = plainText(lines.join('\n'), { keepLineBreaks: true, max: 5000 });
  const choice = await vscode.window.showWarningMessage(
    plainText(message),
    { modal: true, detail },
    'Pull',
    'Show Changes',
  );
  if (choice !== 'Show Changes') return choice === 'Pull';
  await showChanges(s, project, preview);
  const next = await vscode.window.showInformationMessage(
    `Base44: review the pull preview (${plural(preview.changes.length, 'file')}), then apply it or cancel.`,
    'Pull Now',
    'Cancel',
  );
  return next === 'Pull Now';
}

/** One diff per rewritten file; created and deleted files open read-only. */
async function showChanges(s: Services, project: Project, preview: PullPreview): Promise<void> {
  for (const change of preview.changes) {
    const local = vscode.Uri.file(path.join(project.connectorsDir, change.fileName));
    const options: vscode.TextDocumentShowOptions = { preview: false, preserveFocus: true };
    if (change.kind === 'rewritten') {
      const after = s.previews.add(change.fileName, change.newText ?? '');
      const ignored = change.extraKeys?.length
        ? `; the CLI ignores ${change.extraKeys.map((k) => `"${k}"`).join(', ')}`
        : '';
      const note =
        change.merge === 'merged'
          ? ` (comments kept${ignored})`
          : change.losesComments
            ? ` — CLI rewrite, comments lost: ${change.mergeNote ?? ''}`
            : ' — CLI rewrite';
      await vscode.commands.executeCommand(
        'vscode.diff',
        local,
        after,
        `${change.fileName} ↔ after pull${note}`,
        options,
      );
    } else if (change.kind === 'created') {
      const after = s.previews.add(change.fileName, change.newText ?? '');
      await vscode.commands.executeCommand(
        'vscode.diff',
        s.previews.add(change.fileName, ''),
        after,
        `${change.fileName} (new, after pull)`,
        options,
      );
    } else {
      const gone = s.previews.add(change.fileName, '');
      await vscode.commands.executeCommand('vscode.diff', local, gone, `${change.fileName} (deleted by pull)`, options);
    }
  }
}

async function offerUndo(s: Services, backupDir: string): Promise<void> {
  const choice = await vscode.window.showInformationMessage(
    'Base44: connectors pulled. The previous files are backed up in the extension storage.',
    'Undo Pull',
    'Open Backup Folder',
  );
  if (choice === 'Open Backup Folder') {
    await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(path.join(backupDir, 'files')));
  } else if (choice === 'Undo Pull') {
    const sure = await vscode.window.showWarningMessage(
      'Put every connector file back as it was before the pull? Edits made since then to those files are overwritten.',
      { modal: true },
      'Undo Pull',
    );
    if (!sure) return;
    try {
      await restoreBackup(backupDir);
      void vscode.window.showInformationMessage('Base44: pull undone; the connector files are as they were.');
    } catch (err) {
      void vscode.window.showErrorMessage(
        plainText(`Base44: undo failed (${(err as Error).message}). The files are in ${backupDir}.`, { max: 1000 }),
      );
    }
  }
}

/** The Output lists the project's backups after each pull (newest last), and what was pruned. */
async function logBackups(s: Services, root: string, pruned: readonly string[]): Promise<void> {
  const kept = await listBackups(root);
  s.log.info(`Pull backups of this project (${kept.length}, newest last; older ones are deleted):`);
  for (const dir of kept) s.log.info(`  ${dir}`);
  for (const dir of pruned) s.log.info(`  deleted old backup ${dir}`);
}

/** Where pulls of this project keep their journals and backups (private to the user). */
export function pullBackupsBase(s: Pick<Services, 'context'>): string {
  return path.join((s.context.storageUri ?? s.context.globalStorageUri).fsPath, 'pull-backups');
}

function backupRoot(s: Services, project: Project): string {
  const id = createHash('sha256').update(project.root).digest('hex').slice(0, 12);
  return path.join(pullBackupsBase(s), id);
}
