/**
 * Base44: Authorize Connector. `initiate` through the CLI; already authorized → say so; otherwise open
 * the provider's page and wait (cancellable, time-limited) until the CLI reports it authorized.
 */
import * as vscode from 'vscode';
import { initiateCheck, isSafeRedirectUrl, waitForAuthorization } from '../cli/authorization';
import type { ConnectorsCli } from '../cli/connectorsCli';
import { isBusy } from '../cliService';
import type { Project } from '../projects';
import { authorizeTimeoutMs } from '../settings';
import { showCliError } from '../ui/showCliError';
import { plainText } from '../ui/untrustedText';
import { pickConnector, saveConnectorFiles, Services } from './common';

const POLL_INTERVAL_MS = 4000;

export async function authorizeCommand(s: Services, arg?: unknown): Promise<void> {
  if (!s.cli.requireTrust('Authorize Connector')) return;
  const ref = await pickConnector(s, arg, 'Authorize which connector?');
  if (!ref?.connector.type) return;
  const { project, connector } = ref;
  const type = connector.type!;
  const scopes = connector.scopes.map((sc) => sc.scope);
  if (connector.errorCount > 0) {
    const go = await vscode.window.showWarningMessage(
      plainText(`${fileName(connector.uri)} has problems (${connector.firstError ?? 'see Problems'}). Authorize anyway with the scopes it lists?`),
      { modal: true },
      'Authorize Anyway',
    );
    if (!go) return;
  }
  if (!(await saveConnectorFiles(project, 'Authorize'))) return;
  const resolved = await s.cli.resolve(project);
  const retry = () => authorizeCommand(s, ref);
  if ('error' in resolved) return showCliError(resolved.error, { retry, cwd: project.root });
  const cli = s.cli.connectors(resolved.cli);

  const result = await s.cli.exclusive(project, `Authorize ${type}`, async () => {
    const started = await s.cli.progress(`Base44: Starting authorization of ${plainText(type)}…`, (signal) => cli.initiate(project.root, type, scopes, signal));
    if (!started.ok) return showCliError(started.error, { retry, cwd: project.root });
    if (started.value.alreadyAuthorized || !started.value.redirectUrl) {
      s.projects.setNeedsAuthorization(project, type, false);
      void vscode.window.showInformationMessage(plainText(`Base44: ${label(connector.displayName, type)} is already authorized with these scopes.`));
      return;
    }
    await completeInBrowser(s, cli, project, type, scopes, started.value.redirectUrl);
  });
  if (isBusy(result)) await showCliError(result.busy);
}

/**
 * Opens the provider's consent page and waits until the CLI says the connector is authorized. Shared
 * by Authorize and by Push (for each connector that came back `needs_oauth`).
 */
export async function completeInBrowser(
  s: Services,
  cli: ConnectorsCli,
  project: Project,
  type: string,
  scopes: readonly string[],
  redirectUrl: string,
): Promise<boolean> {
  const shown = plainText(type, { max: 100 }); // the type can come from the API: no links in messages
  if (!isSafeRedirectUrl(redirectUrl)) {
    s.log.warn(`Refused to open a non-https authorization URL for ${shown}.`);
    void vscode.window.showErrorMessage(`Base44: the authorization link for ${shown} is not an https address, so it was not opened.`);
    return false;
  }
  s.projects.setNeedsAuthorization(project, type, true);
  const opened = await vscode.env.openExternal(vscode.Uri.parse(redirectUrl, true));
  if (!opened) {
    void vscode.window.showWarningMessage(`Base44: could not open the browser for ${shown}.`, 'Copy Link').then(
      (c) => c && vscode.env.clipboard.writeText(redirectUrl),
    );
  }
  const timeoutMs = authorizeTimeoutMs();
  const outcome = await s.cli.progress(`Base44: Waiting for authorization of ${shown} in your browser…`, (signal) =>
    waitForAuthorization(initiateCheck(cli, project.root, type, scopes), { timeoutMs, intervalMs: POLL_INTERVAL_MS, signal }),
  );
  switch (outcome.status) {
    case 'authorized':
      s.projects.setNeedsAuthorization(project, type, false);
      void vscode.window.showInformationMessage(`Base44: ${shown} is authorized.`);
      return true;
    case 'cancelled':
      void vscode.window.showInformationMessage(`Base44: stopped waiting for ${shown}. If you finish in the browser, run Authorize again to check.`);
      return false;
    case 'timedOut': {
      const choice = await vscode.window.showWarningMessage(
        `Base44: ${shown} was not authorized within ${Math.round(timeoutMs / 1000)} seconds. Finish in the browser, then check again.`,
        'Check Again',
        'Copy Link',
      );
      if (choice === 'Copy Link') await vscode.env.clipboard.writeText(redirectUrl);
      if (choice === 'Check Again') await vscode.commands.executeCommand('base44.authorize', { uri: connectorUri(project, type) });
      return false;
    }
    case 'failed':
      await showCliError(outcome.error, { cwd: project.root });
      return false;
  }
}

function connectorUri(project: Project, type: string): string | undefined {
  return project.summary.connectors.find((c) => c.type === type)?.uri;
}

function label(displayName: string | undefined, type: string): string {
  return displayName && displayName !== type ? `${displayName} (${type})` : type;
}

function fileName(uri: string): string {
  return uri.split('/').pop() ?? uri;
}
