/**
 * Base44: Authorize Connector. One `initiate` per user request: already authorized → say so; otherwise open
 * the provider's page and wait for the user (visible, cancellable, time-limited, no request meanwhile).
 * When they say they finished, ONE more `initiate` checks it (it answers "already authorized" only once
 * consent is done with these scopes). Never a loop of initiates: each one re-sets the scopes and, while
 * unauthorized, starts a new connection that supersedes the link the user may still have open.
 */
import * as vscode from 'vscode';
import { InitiateVerdict, isSafeRedirectUrl, judgeInitiate } from '../cli/authorization';
import type { CliError } from '../cli/cliErrors';
import type { ConnectorsCli } from '../cli/connectorsCli';
import { isBusy } from '../cliService';
import type { Project } from '../projects';
import type { AuthorizationFact } from '../sync/authorizationState';
import { authorizeTimeoutMs } from '../settings';
import { withCliProgress } from '../ui/cliProgress';
import { showCliError } from '../ui/showCliError';
import { plainText } from '../ui/untrustedText';
import { requireTrust } from '../ui/workspaceTrust';
import { waitForBrowser } from '../ui/waitForBrowser';
import { pickConnector, saveConnectorFiles, Services } from './common';

/** How a connector's authorization ended, for the caller (Push sums them up). */
export type AuthorizeOutcome = 'authorized' | 'notYet' | 'cancelled' | 'failed';

export const CHECK_NOW = 'Check Now';
export const KEEP_WAITING = 'Keep Waiting';
export const OPEN_NEW_LINK = 'Open New Link';
export const COPY_NEW_LINK = 'Copy New Link';

export async function authorizeCommand(s: Services, arg?: unknown): Promise<AuthorizeOutcome | undefined> {
  if (!requireTrust('Authorize Connector')) return undefined;
  const ref = await pickConnector(s, arg, 'Authorize which connector?');
  if (!ref?.connector.type) return undefined;
  const { project, connector } = ref;
  const type = connector.type!;
  const scopes = connector.scopes.map((sc) => sc.scope);
  if (connector.errorCount > 0) {
    const go = await vscode.window.showWarningMessage(
      plainText(
        `${fileName(connector.uri)} has problems (${connector.firstError ?? 'see Problems'}). Authorize anyway with the scopes it lists?`,
      ),
      { modal: true },
      'Authorize Anyway',
    );
    if (!go) return undefined;
  }
  if (!(await saveConnectorFiles(project, 'Authorize'))) return undefined;
  const resolved = await s.cli.resolve(project);
  const retry = () => authorizeCommand(s, ref);
  if ('error' in resolved) {
    await showCliError(resolved.error, { retry, cwd: project.root });
    return undefined;
  }
  const cli = s.cli.connectors(resolved.cli);
  const shown = plainText(type, { max: 100 }); // a type can come from a file or the API: no links in messages
  const name = plainText(label(connector.displayName, type), { max: 200 });

  const result = await s.cli.exclusive(project, `Authorize ${shown}`, async (): Promise<AuthorizeOutcome> => {
    const verdict = await initiateOnce(cli, project, type, scopes, `Base44: Starting authorization of ${shown}…`);
    // Parallel to the check in completeInBrowser: the same four verdicts, told and recorded differently.
    switch (verdict.status) {
      case 'cancelled':
        return 'cancelled';
      case 'failed':
        recordFailure(s, project, type, scopes, verdict.error, 'authorize');
        await showCliError(verdict.error, { retry, cwd: project.root });
        return 'failed';
      case 'authorized':
        record(s, project, type, { status: 'authorized', via: 'authorize', scopes });
        void vscode.window.showInformationMessage(`Base44: ${name} is already authorized with these scopes.`);
        return 'authorized';
      case 'needsConsent':
        return completeInBrowser(s, cli, project, type, scopes, verdict.redirectUrl, { via: 'authorize' });
    }
  });
  if (isBusy(result)) {
    await showCliError(result.busy);
    return undefined;
  }
  return result;
}

/**
 * Opens the provider's consent page for a link Base44 just gave (by `initiate`, or by `push` for a
 * `needs_oauth` connector), waits for the user, then checks once. Shared by Authorize and Push.
 */
export async function completeInBrowser(
  s: Services,
  cli: ConnectorsCli,
  project: Project,
  type: string,
  scopes: readonly string[],
  redirectUrl: string,
  options: { readonly via: AuthorizationFact['via']; readonly step?: string },
): Promise<AuthorizeOutcome> {
  const shown = plainText(type, { max: 100 });
  let url = redirectUrl;
  let open = true;
  for (;;) {
    if (!isSafeRedirectUrl(url)) {
      s.log.warn(`Refused to open a non-https authorization URL for ${shown}.`);
      record(s, project, type, {
        status: 'failed',
        via: options.via,
        scopes,
        reason: 'the authorization link is not an https address',
      });
      void vscode.window.showErrorMessage(
        `Base44: the authorization link for ${shown} is not an https address, so it was not opened.`,
      );
      return 'failed';
    }
    record(s, project, type, { status: 'notAuthorized', via: options.via, scopes });
    const opened = open
      ? await vscode.env.openExternal(vscode.Uri.parse(url, true)).then(
          (ok) => ok,
          () => false,
        )
      : false;
    if (open && !opened) s.log.warn(`Could not open the browser for ${shown}; offering to copy the link.`);
    const timeoutMs = authorizeTimeoutMs();
    let waited = await waitForBrowser({ label: shown, url, opened: opened || !open, timeoutMs, step: options.step });
    while (waited === 'timedOut') {
      const choice = await vscode.window.showWarningMessage(
        `Base44: stopped waiting for ${shown} after ${Math.round(timeoutMs / 1000)} seconds. If you finished in the browser, check now (one request to Base44).`,
        CHECK_NOW,
        KEEP_WAITING,
      );
      if (choice === KEEP_WAITING)
        waited = await waitForBrowser({ label: shown, url, opened: true, timeoutMs, step: options.step });
      else if (choice === CHECK_NOW) waited = 'finished';
      else return 'notYet';
    }
    if (waited === 'cancelled') {
      void vscode.window.showInformationMessage(
        `Base44: stopped waiting for ${shown}; nothing more was sent to Base44. If you finish in the browser, run Authorize: it checks once.`,
      );
      return 'cancelled';
    }

    // The user says they finished: exactly one initiate checks it.
    const verdict = await initiateOnce(cli, project, type, scopes, `Base44: Checking the authorization of ${shown}…`);
    // Parallel to the first initiate in authorizeCommand: same verdicts, but no retry and a new link on needsConsent.
    switch (verdict.status) {
      case 'cancelled':
        return 'cancelled';
      case 'failed':
        recordFailure(s, project, type, scopes, verdict.error, options.via);
        await showCliError(verdict.error, { cwd: project.root });
        return 'failed';
      case 'authorized':
        record(s, project, type, { status: 'authorized', via: options.via, scopes });
        void vscode.window.showInformationMessage(`Base44: ${shown} is authorized.`);
        return 'authorized';
      case 'needsConsent': {
        record(s, project, type, { status: 'notAuthorized', via: options.via, scopes });
        const choice = await vscode.window.showWarningMessage(
          `Base44: ${shown} is not authorized yet. Base44 started a new authorization, so the previous link no longer works.`,
          OPEN_NEW_LINK,
          COPY_NEW_LINK,
        );
        if (choice === COPY_NEW_LINK) await vscode.env.clipboard.writeText(verdict.redirectUrl);
        else if (choice !== OPEN_NEW_LINK) return 'notYet';
        // Only on the user's explicit choice: wait again for the new link (the next check is their click too).
        url = verdict.redirectUrl;
        open = choice === OPEN_NEW_LINK;
      }
    }
  }
}

/** One `initiate` (the only request this file sends), cancellable from its progress notification, judged. */
async function initiateOnce(
  cli: ConnectorsCli,
  project: Project,
  type: string,
  scopes: readonly string[],
  title: string,
): Promise<InitiateVerdict> {
  return judgeInitiate(await withCliProgress(title, (signal) => cli.initiate(project.root, type, scopes, signal)));
}

function record(s: Services, project: Project, type: string, fact: Omit<AuthorizationFact, 'at'>): void {
  s.projects.recordAuthorization(project, type, { ...fact, at: Date.now() });
}

function recordFailure(
  s: Services,
  project: Project,
  type: string,
  scopes: readonly string[],
  error: CliError,
  via: AuthorizationFact['via'],
): void {
  if (error.kind === 'differentUser')
    record(s, project, type, { status: 'differentUser', via, scopes, otherUser: error.otherUser });
  else if (error.kind !== 'network' && error.kind !== 'timeout' && error.kind !== 'notLoggedIn') {
    record(s, project, type, { status: 'failed', via, scopes, reason: error.message });
  }
}

function label(displayName: string | undefined, type: string): string {
  return displayName && displayName !== type ? `${displayName} (${type})` : type;
}

function fileName(uri: string): string {
  return uri.split('/').pop() ?? uri;
}
