/**
 * On activation: a pull whose journal still says `applying` was interrupted (VS Code closed, crashed or
 * was killed while writing). Finish it from the journal (the user confirmed it), tell the user, and
 * offer Undo, which puts every file back from the backup taken while applying.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  findInterruptedPulls,
  finishInterruptedPull,
  listBackups,
  readJournal,
  restoreBackup,
} from '../sync/applyPull';
import { plainText } from '../ui/untrustedText';
import { plural, Services } from './common';
import { pullBackupsBase } from './pull';

export async function recoverInterruptedPulls(s: Pick<Services, 'context' | 'log'>): Promise<void> {
  const base = pullBackupsBase(s);
  for (const projectRoot of await listBackups(base)) {
    for (const backupDir of await findInterruptedPulls(projectRoot)) {
      try {
        const journal = await readJournal(backupDir);
        const result = await finishInterruptedPull(backupDir);
        s.log.warn(
          `A pull into ${journal.realDir} (started ${journal.createdAt}) was interrupted; it is now finished: ` +
            `${result.finished.join(', ') || 'no file'}${result.skipped.length ? `; left alone (edited since): ${result.skipped.join(', ')}` : ''}. ` +
            `Backup: ${backupDir}`,
        );
        void offerUndoRecovered(s, backupDir, journal.realDir, result.finished.length, result.skipped);
      } catch (err) {
        s.log.error(`Could not finish the interrupted pull recorded in ${backupDir}: ${(err as Error).message}`);
        void vscode.window
          .showErrorMessage(
            plainText(
              `Base44: a pull was interrupted and could not be finished. The original files are in ${path.join(backupDir, 'files')}.`,
            ),
            'Show Output',
          )
          .then((c) => c && s.log.show());
      }
    }
  }
}

async function offerUndoRecovered(
  s: Pick<Services, 'log'>,
  backupDir: string,
  realDir: string,
  finished: number,
  skipped: readonly string[],
): Promise<void> {
  const left = skipped.length
    ? ` ${skipped.join(', ')} changed since and ${skipped.length === 1 ? 'was' : 'were'} left alone.`
    : '';
  const choice = await vscode.window.showWarningMessage(
    // File and folder names come from the disk (and from Base44): no links in the message.
    plainText(
      `Base44: a pull into ${vscode.workspace.asRelativePath(realDir)} was interrupted; it has now been completed (${plural(finished, 'file')}).${left}`,
      { max: 1500 },
    ),
    'Undo Pull',
    'Show Output',
  );
  if (choice === 'Show Output') s.log.show();
  if (choice !== 'Undo Pull') return;
  try {
    await restoreBackup(backupDir);
    s.log.info(`Interrupted pull undone from ${backupDir}.`);
    void vscode.window.showInformationMessage('Base44: pull undone; the connector files are as they were before it.');
  } catch (err) {
    void vscode.window.showErrorMessage(
      plainText(`Base44: undo failed (${(err as Error).message}). The files are in ${path.join(backupDir, 'files')}.`),
    );
  }
}
