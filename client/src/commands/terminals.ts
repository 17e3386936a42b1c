/**
 * Base44: Log In (and Link App, Install CLI): interactive CLI commands run in a terminal, started
 * directly (no shell) with the located CLI.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { showCliError } from '../ui/showCliError';
import { requireTrust } from '../ui/workspaceTrust';
import { pickProject, Services } from './common';

export async function loginCommand(s: Services, arg?: unknown): Promise<void> {
  await runInTerminal(s, arg, ['login'], 'Base44: Log In');
}

export async function linkCommand(s: Services, arg?: unknown): Promise<void> {
  await runInTerminal(s, arg, ['link'], 'Base44: Link App');
}

async function runInTerminal(s: Services, arg: unknown, args: string[], name: string): Promise<void> {
  if (!requireTrust(name.replace('Base44: ', ''))) return;
  const cwdArg = typeof arg === 'string' ? arg : undefined;
  const project = cwdArg ? s.projects.projects.find((p) => p.root === cwdArg) : await pickProject(s, arg);
  const root = project?.root ?? cwdArg ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!project && !root) return;
  const resolved = project ? await s.cli.resolve(project) : undefined;
  if (resolved && 'error' in resolved) return showCliError(resolved.error, { cwd: root });
  if (!resolved) return;
  const terminal = vscode.window.createTerminal({
    name,
    shellPath: resolved.cli.command,
    shellArgs: [...resolved.cli.argsPrefix, ...args],
    cwd: root,
    // As for every run: the server is the user's setting, never the project's .env (login sends a token).
    env: s.cli.environment(),
    message: `Running: base44 ${args.join(' ')}. Close this terminal when done; the Base44 view refreshes.`,
  });
  terminal.show();
  s.log.info(
    `${name}: started "${resolved.cli.command} ${[...resolved.cli.argsPrefix, ...args].join(' ')}" in a terminal.`,
  );
  const sub = vscode.window.onDidCloseTerminal((t) => {
    if (t !== terminal) return;
    sub.dispose();
    void vscode.commands.executeCommand('base44.refresh');
  });
  s.context.subscriptions.push(sub);
}

/** Opens a terminal with the install command typed in, for the user to run. */
export function installCliCommand(): void {
  // In the home folder: npm would otherwise read the workspace's .npmrc (its registry, its scripts).
  const terminal = vscode.window.createTerminal({ name: 'Install base44 CLI', cwd: os.homedir() });
  terminal.show();
  terminal.sendText('npm install -g base44', false);
  void vscode.window.showInformationMessage(
    'Base44: press Enter in the terminal to install the base44 CLI, then run Refresh.',
  );
}
