/**
 * The extension's settings (see `contributes.configuration` in package.json), read and validated here
 * only: a setting's value is clamped to its range, and anything that is not a finite number falls back
 * to the default.
 */
import * as vscode from 'vscode';

export function cliPathSetting(): string {
  // Machine scope: only user settings can set it, never a workspace. `inspect` (not `get`), so a
  // workspace or folder value that an older VS Code or a hand-edited file let through is never read.
  const inspected = vscode.workspace.getConfiguration('base44.cli').inspect<unknown>('path');
  const value = inspected?.globalValue ?? inspected?.defaultValue;
  return typeof value === 'string' ? value.trim() : '';
}

export const DEFAULT_API_URL = 'https://app.base44.com';

/**
 * The Base44 server the CLI talks to (`BASE44_API_URL` of every run). Machine scope, user level only,
 * like `base44.cli.path`: the user's token goes where this says, never where a repository says.
 * Anything but an http(s) URL without credentials gives the default.
 */
export function apiUrlSetting(): string {
  const inspected = vscode.workspace.getConfiguration('base44').inspect<unknown>('apiUrl');
  const value = inspected?.globalValue;
  return typeof value === 'string' && isApiUrl(value.trim()) ? value.trim().replace(/\/+$/, '') : DEFAULT_API_URL;
}

function isApiUrl(value: string): boolean {
  try {
    const url = new URL(value);
    const web = url.protocol === 'https:' || url.protocol === 'http:';
    return web && !url.username && !url.password && !/[\s\u0000-\u001f]/.test(value);
  } catch {
    return false;
  }
}

/** Range of each timeout (package.json repeats it as minimum / maximum). */
export const CLI_TIMEOUT_SECONDS = { min: 5, max: 3600, fallback: 120 } as const;
export const AUTHORIZE_TIMEOUT_SECONDS = { min: 10, max: 3600, fallback: 120 } as const;

/**
 * A number of seconds from a setting, as milliseconds within [min, max]. Not a finite number → the
 * default (a string or NaN would make a NaN timer; 3,000,000 s overflows setTimeout, which then fires
 * at once).
 */
export function secondsSetting(value: unknown, range: { min: number; max: number; fallback: number }): number {
  const s = typeof value === 'number' && Number.isFinite(value) ? value : range.fallback;
  return Math.round(Math.min(range.max, Math.max(range.min, s)) * 1000);
}

export function cliTimeoutMs(): number {
  const value = vscode.workspace.getConfiguration('base44.cli').get<unknown>('timeoutSeconds');
  return secondsSetting(value, CLI_TIMEOUT_SECONDS);
}

export function authorizeTimeoutMs(): number {
  const value = vscode.workspace.getConfiguration('base44.authorize').get<unknown>('timeoutSeconds');
  return secondsSetting(value, AUTHORIZE_TIMEOUT_SECONDS);
}

export function codeLensEnabled(): boolean {
  return vscode.workspace.getConfiguration('base44').get<boolean>('codeLens.enabled', true) !== false;
}
