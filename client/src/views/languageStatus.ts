/**
 * The language status item of connector files (the `{}` in the status bar, VS Code's convention for
 * per-language state): "Base44: 3 connectors · CLI 0.1.18", or "CLI not found" (Warning, with a command
 * to fix it); `detail` names the project and the linked app.
 *
 * Cheap on purpose: it never runs the CLI. The CLI location is cached by CliService (file checks only),
 * the version is the one CliService learned when it last ran `base44 --version`, and the linked app id is
 * read once per project until the projects change.
 */
import * as vscode from 'vscode';
import type { AccountModel } from '../account';
import { readAppId } from '../cli/connectorsCli';
import type { CliService } from '../cliService';
import { CONNECTOR_LANGUAGE } from '../languageId';
import type { Project, ProjectsModel } from '../projects';
import { plainText } from '../ui/untrustedText';

export class LanguageStatus implements vscode.Disposable {
  readonly item = vscode.languages.createLanguageStatusItem('base44.languageStatus', { language: CONNECTOR_LANGUAGE });
  private readonly disposables: vscode.Disposable[] = [this.item];
  private readonly appIds = new Map<string, Promise<string | undefined>>();
  private version = 0;

  constructor(
    private readonly projects: ProjectsModel,
    private readonly account: AccountModel,
    private readonly cli: CliService,
  ) {
    this.item.name = 'Base44';
    this.item.text = 'Base44';
    this.disposables.push(
      projects.onDidChange(() => {
        this.appIds.clear();
        this.update();
      }),
      account.onDidChange(() => this.update()),
      cli.onDidChangeState(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
    );
    this.update();
  }

  private current(): Project | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return (
      (uri && this.projects.forUri(uri)) ??
      (this.projects.projects.length === 1 ? this.projects.projects[0] : undefined)
    );
  }

  private appId(project: Project): Promise<string | undefined> {
    let p = this.appIds.get(project.root);
    if (!p) {
      p = readAppId(project.root).catch(() => undefined);
      this.appIds.set(project.root, p);
    }
    return p;
  }

  /** Synchronous part first (no flicker), then the app id. */
  private update(): void {
    const version = ++this.version;
    const project = this.current();
    const item = this.item;
    const count = project
      ? project.summary.connectors.length
      : this.projects.projects.reduce((n, p) => n + p.summary.connectors.length, 0);
    const connectors = `${count} connector${count === 1 ? '' : 's'}`;
    item.busy = !this.projects.isLoaded;
    item.severity = vscode.LanguageStatusSeverity.Information;
    item.command = { title: 'Show Connectors', command: 'workbench.view.extension.base44' };
    const roots = project ? [project.root] : this.projects.projects.map((p) => p.root);
    let cliText: string;
    if (!this.projects.isLoaded) {
      // Activation: the language server has not answered yet; look for the CLI once it has.
      item.text = 'Base44';
      item.detail = 'Loading projects…';
      return;
    }
    if (!vscode.workspace.isTrusted) {
      cliText = 'CLI off (Restricted Mode)';
      item.command = { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' };
    } else {
      const found = this.cli.locate(roots);
      if (!found.found) {
        cliText = 'CLI not found';
        item.severity = vscode.LanguageStatusSeverity.Warning;
        item.command = found.npxAvailable
          ? {
              title: 'Fix: Install CLI',
              command: 'base44.installCli',
              tooltip: 'Install the base44 CLI (or use npx, or set base44.cli.path)',
            }
          : { title: 'Fix: Set CLI Path', command: 'workbench.action.openSettings', arguments: ['base44.cli.path'] };
      } else {
        const v = this.cli.versionOf(roots);
        cliText = v ? `CLI ${v}` : 'CLI found';
      }
    }
    item.text = `Base44: ${connectors} · ${cliText}`;
    item.accessibilityInformation = { label: `Base44: ${connectors}, ${cliText}` };
    if (!project) {
      item.detail = this.projects.projects.length ? `${this.projects.projects.length} projects` : 'no Base44 project';
      return;
    }
    const state = this.account.get(project);
    const who =
      state.status === 'loggedIn'
        ? ` · ${state.account}`
        : state.status === 'error' && state.error.kind === 'notLoggedIn'
          ? ' · not logged in'
          : '';
    // VS Code renders `[x](command:...)` in the detail as a link: the folder name, app id and account are
    // the repository's and the CLI's text.
    item.detail = plainText(`${project.label}${who}`);
    void this.appId(project).then((appId) => {
      if (version !== this.version) return;
      item.detail = plainText(`${project.label} · ${appId ? `app ${appId}` : 'no app linked'}${who}`);
    });
  }

  /** What the item shows (the extension's API: a test cannot read the status bar through VS Code's API). */
  snapshot(): LanguageStatusSnapshot {
    const i = this.item;
    return { text: i.text, detail: i.detail, severity: i.severity, command: i.command?.command, busy: i.busy };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export interface LanguageStatusSnapshot {
  readonly text: string;
  readonly detail?: string;
  readonly severity: vscode.LanguageStatusSeverity;
  readonly command?: string;
  readonly busy: boolean;
}
