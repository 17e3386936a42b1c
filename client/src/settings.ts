/** The extension's settings (see `contributes.configuration` in package.json). */
import * as vscode from 'vscode';

export function cliPathSetting(): string {
  // Machine scope: only user settings can set it, never a workspace.
  const inspected = vscode.workspace.getConfiguration('base44.cli').inspect<string>('path');
  return (inspected?.globalValue ?? '').trim();
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
