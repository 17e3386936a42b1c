/**
 * The two questions about trusting the workspace before the base44 CLI runs: Restricted Mode refuses every
 * CLI command, and a repository-local `node_modules/.bin/base44` runs only once the user said it may.
 */
import * as vscode from 'vscode';
import { plainText } from './untrustedText';

const USE_PROJECT_CLI = 'Use Project CLI';
const USE_ANOTHER_CLI = 'Use Another CLI';

/** Refuses (with the reason) when the workspace is untrusted. */
export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      `${what} runs the base44 CLI, which is disabled in Restricted Mode. Trust this workspace to use it; editing features keep working.`,
      'Manage Workspace Trust',
    )
    .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}

/**
 * Opening a folder is not consent to run its code: the modal question before the first run of a
 * repository-local binary. 'allow' or 'deny'; undefined when the user dismissed it. The caller remembers it.
 */
export async function askToRunProjectCli(command: string): Promise<'allow' | 'deny' | undefined> {
  const choice = await vscode.window.showWarningMessage(
    "Run this workspace's own base44 CLI?",
    {
      modal: true,
      detail:
        `${plainText(command)} comes with the workspace (node_modules/.bin), so running it runs this repository's code ` +
        'with your Base44 login. Use it only if you trust the repository. Otherwise the base44 CLI on your PATH ' +
        '(or "base44.cli.path", or npx) is used. Asked once for this workspace.',
    },
    USE_PROJECT_CLI,
    USE_ANOTHER_CLI,
  );
  if (choice === USE_PROJECT_CLI) return 'allow';
  if (choice === USE_ANOTHER_CLI) return 'deny';
  return undefined;
}
