/**
 * Sets the `base44.state` context key that picks the Connectors view's welcome content:
 * 'noProject' | 'noConnectors' | 'cliMissing' | 'notLoggedIn' | 'ready'.
 */
import * as vscode from 'vscode';
import type { AccountModel } from '../account';
import type { CliService } from '../cliService';
import type { ProjectsModel } from '../projects';

export type ViewState = 'noProject' | 'noConnectors' | 'cliMissing' | 'notLoggedIn' | 'ready';

export function computeViewState(projects: ProjectsModel, account: AccountModel, cli: CliService): ViewState {
  const all = projects.projects;
  if (all.length === 0) return 'noProject';
  const trusted = vscode.workspace.isTrusted;
  if (trusted && !cli.locate(all.map((p) => p.root)).found) return 'cliMissing';
  if (
    trusted &&
    all.some((p) => {
      const s = account.get(p);
      return s.status === 'error' && s.error.kind === 'notLoggedIn';
    })
  )
    return 'notLoggedIn';
  if (all.every((p) => p.summary.connectors.length === 0)) return 'noConnectors';
  return 'ready';
}

export function trackViewState(projects: ProjectsModel, account: AccountModel, cli: CliService): vscode.Disposable {
  let last = '';
  const update = () => {
    if (!projects.isLoaded) return;
    const state = computeViewState(projects, account, cli);
    const hasConnectors = projects.projects.some((p) => p.summary.connectors.length > 0);
    if (`${state}/${hasConnectors}` === last) return;
    last = `${state}/${hasConnectors}`;
    void vscode.commands.executeCommand('setContext', 'base44.state', state);
    void vscode.commands.executeCommand('setContext', 'base44.hasConnectors', hasConnectors);
  };
  const subs = [
    projects.onDidChange(update),
    account.onDidChange(update),
    cli.onDidChangeState(update),
    vscode.workspace.onDidGrantWorkspaceTrust(update),
  ];
  update();
  return vscode.Disposable.from(...subs);
}
