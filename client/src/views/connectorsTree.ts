/**
 * The "Connectors" tree: a group per project (multi-root), a node per connector file (service, type,
 * scope count, an icon for its state), its scopes as children, and connectors only on Base44 when known.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectorFileSummary, LspRange, ScopeSummary } from '../../../server/src/protocol';
import type { AccountModel } from '../account';
import type { Project, ProjectsModel } from '../projects';
import { clockTime, describeConnectorState, describeRemoteOnly } from '../sync/authorizationState';
import type { ConnectorState } from '../sync/pushPlan';
import { markdownText } from '../ui/untrustedText';

export type TreeNode =
  | { readonly kind: 'project'; readonly project: Project }
  | { readonly kind: 'connector'; readonly project: Project; readonly connector: ConnectorFileSummary }
  | {
      readonly kind: 'scope';
      readonly project: Project;
      readonly connector: ConnectorFileSummary;
      readonly scope: ScopeSummary;
    }
  | { readonly kind: 'remoteOnly'; readonly project: Project; readonly remote: ConnectorState }
  | {
      readonly kind: 'notice';
      readonly label: string;
      readonly detail: string;
      readonly command: string;
      readonly icon: string;
    };

export class ConnectorsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly projects: ProjectsModel,
    private readonly account: AccountModel,
    /** Whether to show the "base44 CLI not found" row, and when that may have changed (settings, Refresh). */
    private readonly cli: { missing(): boolean; readonly onDidChange: vscode.Event<void> },
  ) {
    this.disposables.push(
      projects.onDidChange(() => this.changed.fire(undefined)),
      account.onDidChange(() => this.changed.fire(undefined)),
      cli.onDidChange(() => this.changed.fire(undefined)),
    );
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      const all = this.projects.projects;
      const hasAny = all.some((p) => p.summary.connectors.length > 0 || this.projects.onlyRemote(p).length > 0);
      if (!hasAny) return []; // the welcome view explains the empty state
      const notices = this.notices();
      if (all.length === 1) return [...notices, ...this.projectChildren(all[0])];
      return [...notices, ...all.map((project) => ({ kind: 'project' as const, project }))];
    }
    if (node.kind === 'project') return this.projectChildren(node.project);
    if (node.kind === 'connector')
      return node.connector.scopes.map((scope) => ({
        kind: 'scope',
        project: node.project,
        connector: node.connector,
        scope,
      }));
    return [];
  }

  private projectChildren(project: Project): TreeNode[] {
    const files = [...project.summary.connectors].sort((a, b) => (a.type ?? a.uri).localeCompare(b.type ?? b.uri));
    return [
      ...files.map((connector) => ({ kind: 'connector' as const, project, connector })),
      ...this.projects.onlyRemote(project).map((remote) => ({ kind: 'remoteOnly' as const, project, remote })),
    ];
  }

  /** States the welcome view cannot show because the tree has items. */
  private notices(): TreeNode[] {
    if (!vscode.workspace.isTrusted) return [];
    if (this.cli.missing()) {
      return [
        {
          kind: 'notice',
          label: 'base44 CLI not found',
          detail: 'Install it, use npx, or set base44.cli.path',
          command: 'base44.installCli',
          icon: 'warning',
        },
      ];
    }
    const loggedOut = this.projects.projects.some((p) => {
      const s = this.account.get(p);
      return s.status === 'error' && s.error.kind === 'notLoggedIn';
    });
    return loggedOut
      ? [
          {
            kind: 'notice',
            label: 'Not logged in to Base44',
            detail: 'Click to log in',
            command: 'base44.login',
            icon: 'account',
          },
        ]
      : [];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'project':
        return this.projectItem(node.project);
      case 'connector':
        return this.connectorItem(node.project, node.connector);
      case 'scope':
        return this.scopeItem(node.connector, node.scope);
      case 'remoteOnly':
        return this.remoteOnlyItem(node.project, node.remote);
      case 'notice': {
        const item = new vscode.TreeItem(node.label);
        item.description = node.detail;
        item.iconPath = new vscode.ThemeIcon(node.icon, new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.command = { command: node.command, title: node.label };
        item.contextValue = 'notice';
        return item;
      }
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'scope') return { kind: 'connector', project: node.project, connector: node.connector };
    if ((node.kind === 'connector' || node.kind === 'remoteOnly') && this.projects.projects.length > 1)
      return { kind: 'project', project: node.project };
    return undefined;
  }

  private projectItem(project: Project): vscode.TreeItem {
    const item = new vscode.TreeItem(project.label, vscode.TreeItemCollapsibleState.Expanded);
    const n = project.summary.connectors.length;
    item.description = `${n} connector${n === 1 ? '' : 's'}`;
    item.iconPath = new vscode.ThemeIcon(project.summary.configError ? 'error' : 'root-folder');
    item.tooltip = project.summary.configError ? `${project.root}\n${project.summary.configError}` : project.root;
    item.resourceUri = vscode.Uri.file(project.root);
    item.contextValue = 'project';
    item.id = `project:${project.root}`;
    return item;
  }

  private connectorItem(project: Project, c: ConnectorFileSummary): vscode.TreeItem {
    const uri = vscode.Uri.parse(c.uri);
    const fileName = path.basename(uri.fsPath);
    const scopes = c.scopes.length;
    const collapsible = scopes ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(c.displayName ?? c.type ?? fileName, collapsible);
    const state = this.stateOf(project, c);
    item.description = [
      c.type && c.type !== item.label ? c.type : undefined,
      `${scopes} scope${scopes === 1 ? '' : 's'}`,
      state.text,
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = state.icon;
    // Names, types, paths and problems are the repository's text: escaped, and the tooltip is never trusted.
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(
      `**${markdownText(c.displayName ?? c.type ?? fileName)}** — ${markdownText(vscode.workspace.asRelativePath(uri))}\n\n`,
    );
    // The state quotes Base44's answers (a refusal's reason, another user's email): text, not Markdown.
    tip.appendMarkdown(`${markdownText(state.tooltip, 2000)}\n\n`);
    if (c.firstError) tip.appendMarkdown(`$(error) ${markdownText(c.firstError)}\n\n`);
    item.tooltip = tip;
    item.id = `connector:${c.uri}`;
    item.resourceUri = uri;
    item.contextValue = c.type ? 'connector' : 'connector.invalid';
    item.command = openAt(uri, c.typeRange, 'Open Connector File');
    return item;
  }

  private scopeItem(c: ConnectorFileSummary, scope: ScopeSummary): vscode.TreeItem {
    const item = new vscode.TreeItem(scope.scope);
    const sensitive = scope.sensitivity === 'restricted' || scope.sensitivity === 'sensitive';
    item.description = sensitive ? scope.sensitivity : undefined;
    item.tooltip = scope.description ?? 'Not in the catalog for this type.';
    item.iconPath = new vscode.ThemeIcon(sensitive ? 'shield' : 'symbol-key');
    item.contextValue = 'scope';
    item.command = openAt(vscode.Uri.parse(c.uri), scope.range, 'Open Scope');
    return item;
  }

  private remoteOnlyItem(project: Project, remote: ConnectorState): vscode.TreeItem {
    const item = new vscode.TreeItem(remote.type);
    const known = this.projects.remoteOf(project);
    item.description = `${describeRemoteOnly(known, this.projects.authorizationOf(project, remote.type), clockTime)} · push removes it, pull adds it`;
    item.iconPath = new vscode.ThemeIcon('cloud', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = `${remote.type} is connected on Base44 but has no local file.\nScopes: ${remote.scopes.join(', ') || '(none)'}`;
    item.contextValue = 'remoteOnly';
    return item;
  }

  private stateOf(
    project: Project,
    c: ConnectorFileSummary,
  ): { icon: vscode.ThemeIcon; text?: string; tooltip: string } {
    if (c.errorCount > 0) {
      return {
        icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
        text: `${c.errorCount} problem${c.errorCount === 1 ? '' : 's'}`,
        tooltip: 'Has problems: the CLI would reject it.',
      };
    }
    const warn = c.warningCount > 0 ? ` (${c.warningCount} warning${c.warningCount === 1 ? '' : 's'})` : '';
    if (!c.type) return { icon: new vscode.ThemeIcon('warning'), tooltip: `No connector type.${warn}` };
    const view = describeConnectorState(
      { type: c.type, scopes: c.scopes.map((s) => s.scope) },
      this.projects.remoteOf(project),
      this.projects.authorizationOf(project, c.type),
      clockTime,
    );
    const fix = view.unusable ? ' Click the key button (Authorize) to fix it.' : '';
    // A plain connector with warnings keeps the warning icon when nothing more pressing is known.
    const icon = view.icon === 'plug' && c.warningCount ? 'warning' : view.icon;
    const color = view.color ?? (icon === 'warning' ? 'problemsWarningIcon.foreground' : undefined);
    return {
      icon: new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined),
      text: view.text,
      tooltip: `${view.tooltip}${fix}${warn}`,
    };
  }

  /** The whole tree as plain data (the extension's API: tests, other extensions). Scopes are leaves. */
  async snapshot(): Promise<TreeSnapshotNode[]> {
    const walk = (nodes: TreeNode[]): TreeSnapshotNode[] =>
      nodes.map((node) => {
        const item = this.getTreeItem(node);
        const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
        return {
          label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
          description: typeof item.description === 'string' ? item.description : undefined,
          tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
          contextValue: item.contextValue,
          iconId: icon?.id,
          iconColor: (icon?.color as { id?: string } | undefined)?.id,
          resourceUri: item.resourceUri?.toString(),
          collapsible:
            item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None,
          command: item.command
            ? { command: item.command.command, title: item.command.title, arguments: item.command.arguments }
            : undefined,
          children: walk(this.getChildren(node)),
        };
      });
    return walk(this.getChildren());
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** One row of the Connectors tree as data (see `ConnectorsTree.snapshot()`). */
export interface TreeSnapshotNode {
  readonly label: string;
  readonly description?: string;
  /** Plain text or the Markdown source of the tooltip. */
  readonly tooltip?: string;
  /** 'project' | 'connector' | 'connector.invalid' | 'scope' | 'remoteOnly' | 'notice' */
  readonly contextValue?: string;
  /** Codicon id (`error`, `pass`, `symbol-key`, ...) and its theme color id, if any. */
  readonly iconId?: string;
  readonly iconColor?: string;
  readonly resourceUri?: string;
  readonly collapsible: boolean;
  /** What clicking the row runs (`vscode.open` with the file and the selection for connectors and scopes). */
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: readonly unknown[] };
  readonly children: readonly TreeSnapshotNode[];
}

function openAt(uri: vscode.Uri, range: LspRange | undefined, title: string): vscode.Command {
  const selection = range
    ? new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character)
    : undefined;
  return {
    command: 'vscode.open',
    title,
    arguments: [uri, { selection, preview: true } satisfies vscode.TextDocumentShowOptions],
  };
}
