/**
 * Base44: Refresh. Re-reads the projects from the language server, re-checks the account, and (in a
 * trusted workspace with the CLI) learns each app's remote connectors so the tree can show sync state.
 */
import * as vscode from 'vscode';
import type { AccountModel } from '../account';
import { readAppId } from '../cli/connectorsCli';
import { isBusy } from '../cliService';
import { fetchRemoteConnectors } from '../sync/pushPlan';
import { showCliError } from '../ui/showCliError';
import type { Services } from './common';

export async function refreshCommand(
  s: Services,
  account: AccountModel,
  options: { remote: boolean } = { remote: true },
): Promise<void> {
  await s.projects.refresh();
  s.cli.notifyStateChanged();
  await account.check(s.projects.projects);
  if (!options.remote || !vscode.workspace.isTrusted) return;
  await vscode.window.withProgress(
    { location: { viewId: 'base44.connectors' }, title: 'Checking Base44' },
    async () => {
      for (const project of s.projects.projects) {
        const state = account.get(project);
        if (state.status !== 'loggedIn') continue;
        const appId = await readAppId(project.root);
        if (!appId) continue;
        const resolved = await s.cli.resolve(project);
        if ('error' in resolved) continue;
        const r = await s.cli.exclusive(project, 'Refresh', () =>
          fetchRemoteConnectors(s.cli.connectors(resolved.cli), project.root, appId),
        );
        if (isBusy(r)) continue;
        if (r.ok) s.projects.setRemoteConnectors(project, r.value);
        else await showCliError(r.error, { cwd: project.root, retry: () => refreshCommand(s, account) });
      }
    },
  );
}
