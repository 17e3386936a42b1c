/** Status bar item: the linked app (base44/.app.jsonc) and the account (`whoami`) of the current project. */
import * as vscode from 'vscode';
import type { AccountModel } from '../account';
import { readAppId } from '../cli/connectorsCli';
import type { Project, ProjectsModel } from '../projects';
import { markdownText, plainText } from '../ui/untrustedText';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('base44.status', vscode.StatusBarAlignment.Left, 20);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private version = 0;

  constructor(
    private readonly projects: ProjectsModel,
    private readonly account: AccountModel,
  ) {
    this.item.name = 'Base44';
    this.item.command = 'workbench.view.extension.base44';
    this.disposables.push(
      projects.onDidChange(() => void this.update()),
      account.onDidChange(() => void this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
    );
    void this.update();
  }

  private current(): Project | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return (
      (uri && this.projects.forUri(uri)) ??
      (this.projects.projects.length === 1 ? this.projects.projects[0] : undefined)
    );
  }

  private async update(): Promise<void> {
    const version = ++this.version;
    const project = this.current();
    if (!project) {
      this.item.hide();
      return;
    }
    const appId = await readAppId(project.root);
    if (version !== this.version) return;
    const state = this.account.get(project);
    const who =
      state.status === 'loggedIn'
        ? state.account
        : state.status === 'error' && state.error.kind === 'notLoggedIn'
          ? 'not logged in'
          : undefined;
    this.item.text = `$(cloud) ${plainText(appId ?? 'no app linked', { max: 60 })}${who ? ` · ${plainText(who, { max: 60 })}` : ''}`;
    const tip = new vscode.MarkdownString(undefined, true);
    // App id, account, folder name and CLI message come from files and the CLI: escaped, never trusted.
    tip.appendMarkdown(`**Base44** — ${markdownText(project.label)}\n\n`);
    tip.appendMarkdown(
      appId ? `App: ${markdownText(appId)} (from base44/.app.jsonc)\n\n` : 'No app linked: run `base44 link`.\n\n',
    );
    if (state.status === 'loggedIn') tip.appendMarkdown(`Account: ${markdownText(state.account)}\n\n`);
    else if (state.status === 'error') tip.appendMarkdown(`CLI: ${markdownText(state.error.message, 1000)}\n\n`);
    else if (!vscode.workspace.isTrusted) tip.appendMarkdown('Restricted Mode: the CLI is not run.\n\n');
    this.item.tooltip = tip;
    this.item.backgroundColor =
      state.status === 'error' && state.error.kind === 'notLoggedIn'
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
