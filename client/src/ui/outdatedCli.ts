/** The warning shown once per CLI when `base44 --version` is older than the connector commands need. */
import * as vscode from 'vscode';
import { MIN_CLI_VERSION } from '../cli/locateCli';

export function warnOutdatedCli(version: string): void {
  void vscode.window.showWarningMessage(
    `The base44 CLI is version ${version}; connector commands need ${MIN_CLI_VERSION} or newer. Update it (npm i -g base44@latest).`,
  );
}
