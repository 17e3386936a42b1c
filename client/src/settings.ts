/** The extension's settings (see `contributes.configuration` in package.json). */
import * as vscode from 'vscode';

export function cliPathSetting(): string {
  // Machine scope: only user settings can set it, never a workspace. `inspect` (not `get`), so a
  // workspace or folder value that an older VS Code or a hand-edited file let through is never read.
  const inspected = vscode.workspace.getConfiguration('base44.cli').inspect<unknown>('path');
  const value = inspected?.globalValue ?? inspected?.defaultValue;
  return typeof value === 'string' ? value.trim() : '';
}

export function cliTimeoutMs(): number {
  const s = vscode.workspace.getConfiguration('base44.cli').get<number>('timeoutSeconds', 120);
  return Math.max(5, s) * 1000;
}

export function authorizeTimeoutMs(): number {
  const s = vscode.workspace.getConfiguration('base44.authorize').get<number>('timeoutSeconds', 120);
  return Math.max(10, s) * 1000;
}

export function codeLensEnabled(): boolean {
  return vscode.workspace.getConfiguration('base44').get<boolean>('codeLens.enabled', true);
}
