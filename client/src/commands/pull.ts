/**
 * Base44: Pull Connectors. Previews in a temp copy (the real CLI decides), shows a diff per changed
 * file and the files that would be deleted, warns about lost comments/formatting, applies only after
 * confirmation with a backup, and offers Undo.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isBusy } from '../cliService';
import type { Project } from '../projects';
import { applyPull, restoreBackup } from '../sync/applyPull';
import { PullPreview, previewPull } from '../sync/pullPlan';
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
    const previewed = await s.cli.progress(`Base44: Previewing the connectors of app ${appId}…`, (signal) => previewPull(cli, target, signal));
    if (!previewed.ok) return showCliError(previewed.error, { retry, cwd: project.root });
    const preview = previewed.value;
    try {
      if (preview.changes.length === 0) {
        void vscode.window.showInformationMessage(`Base44: your connector files already match app ${appId}. Nothing to pull.`);
        return;
      }
      if (!(await confirmPull(s, project, preview, appId))) return;
      const applied = await s.cli.progress('Base44: Pulling connectors…', () =>
        applyPull(preview, { backupRoot: backupRoot(s, project), recheck: () => previewPull(cli, target) }),
      );
      if (!applied.ok) {
        const again = applied.reason === 'remoteChanged' || applied.reason === 'localChanged' ? ['Preview Again'] : ['Show Output'];
        const choice = await vscode.window.showErrorMessage(plainText(`Base44: ${applied.message}`, { max: 1000 }), ...again);
        if (choice === 'Preview Again') void retry();
        if (choice === 'Show Output') s.log.show();
        return;
      }
      s.log.info(`Pulled from ${appId} into ${project.connectorsDir}; backup of the previous files: ${applied.backupDir}`);
      return applied.backupDir;
    } finally {
      await preview.dispose();
    }
  });
  if (isBusy(result)) return showCliError(result.busy);
  if (typeof result === 'string') await offerUndo(s, result);
}

async function confirmPull(s: Services, project: Project, preview: PullPreview, appId: string): Promise<boolean> {
  const rewritten = preview.changes.filter((c) => c.kind === 'rewritten');
  const created = preview.changes.filter((c) => c.kind === 'created');
  const deleted = preview.changes.filter((c) => c.kind === 'deleted');
  const lines: string[] = [];
  if (rewritten.length) lines.push(`Rewrite: ${rewritten.map((c) => c.fileName).join(', ')}`);
  if (created.length) lines.push(`Create: ${created.map((c) => c.fileName).join(', ')}`);
  if (deleted.length) lines.push(`⚠ DELETE (not on Base44): ${deleted.map((c) => c.fileName).join(', ')}`);
  const losing = rewritten.filter((c) => c.losesComments || c.losesFormatting);
  if (losing.length) {
    lines.push('');
    lines.push(`Rewritten files become plain JSON: the comments and formatting of ${losing.map((c) => c.fileName).join(', ')} are lost.`);
  }
  lines.push('');
  lines.push('A backup of every connector file is kept; you can undo the pull afterwards.');
  const message = `Pull from Base44 app ${appId} into ${vscode.workspace.asRelativePath(project.connectorsDir)}? ${plural(preview.changes.length, 'file')} change.`;
  // File names come from Base44 (the types it sends) and from the folder: no links in the dialog.
  const detail = plainText(lines.join('\n'), { keepLineBreaks: true, max: 5000 });
  const choice = await vscode.window.showWarningMessage(plainText(message), { modal: true, detail }, 'Pull', 'Show Changes');
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
      const note = change.losesComments ? ' — comments lost' : '';
      await vscode.commands.executeCommand('vscode.diff', local, after, `${change.fileName} ↔ after pull${note}`, options);
    } else if (change.kind === 'created') {
      const after = s.previews.add(change.fileName, change.newText ?? '');
      await vscode.commands.executeCommand('vscode.diff', s.previews.add(change.fileName, ''), after, `${change.fileName} (new, after pull)`, options);
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
      void vscode.window.showErrorMessage(plainText(`Base44: undo failed (${(err as Error).message}). The files are in ${backupDir}.`, { max: 1000 }));
    }
  }
}

function backupRoot(s: Services, project: Project): string {
  const base = (s.context.storageUri ?? s.context.globalStorageUri).fsPath;
  const id = createHash('sha256').update(project.root).digest('hex').slice(0, 12);
  return path.join(base, 'pull-backups', id);
}
