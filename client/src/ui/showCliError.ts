/** Shows a `CliError` with one button per next step, and does the step the user picks. */
import * as vscode from 'vscode';
import type { CliError, NextStep } from '../cli/cliErrors';
import { plainText } from './untrustedText';

const LABELS: Record<NextStep, string> = {
  logIn: 'Log In',
  openFile: 'Open File',
  retry: 'Retry',
  showOutput: 'Show Output',
  installCli: 'Install CLI…',
  useNpx: 'Use npx base44',
  configureCliPath: 'Set CLI Path…',
  linkApp: 'Link App…',
};

export interface ErrorActions {
  /** Runs the failed operation again. */
  readonly retry?: () => unknown;
  /** Project root, for terminals (login, link). */
  readonly cwd?: string;
}

export async function showCliError(error: CliError, actions: ErrorActions = {}): Promise<void> {
  if (error.kind === 'cancelled') return;
  const steps = error.nextSteps.filter((s) => s !== 'retry' || actions.retry);
  const show =
    error.kind === 'busy' || error.kind === 'invalidArgument'
      ? vscode.window.showWarningMessage
      : vscode.window.showErrorMessage;
  // The message quotes the CLI, the API and file names: neutralised again here, whoever built the error.
  const choice = await show(`Base44: ${plainText(error.message, { max: 1000 })}`, ...steps.map((s) => LABELS[s]));
  const step = steps.find((s) => LABELS[s] === choice);
  if (!step) return;
  switch (step) {
    case 'logIn':
      await vscode.commands.executeCommand('base44.login', actions.cwd);
      break;
    case 'openFile':
      if (error.file) {
        await vscode.window.showTextDocument(vscode.Uri.file(error.file));
        await vscode.commands.executeCommand('workbench.actions.view.problems');
      }
      break;
    case 'retry':
      await actions.retry?.();
      break;
    case 'showOutput':
      await vscode.commands.executeCommand('base44.showOutput');
      break;
    case 'installCli':
      await vscode.commands.executeCommand('base44.installCli');
      break;
    case 'useNpx':
      await vscode.commands.executeCommand('base44.useNpx');
      if (actions.retry) await actions.retry();
      break;
    case 'configureCliPath':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'base44.cli.path');
      break;
    case 'linkApp':
      await vscode.commands.executeCommand('base44.link', actions.cwd);
      break;
  }
}
