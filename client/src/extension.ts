/** Extension entry point: wiring only. */
// First import: marks when the bundle started evaluating (activation time is measured from here).
import { moduleStart, now } from './loadTime';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AccountModel } from './account';
import { stopAllCliRuns } from './cli/runCli';
import { CliService } from './cliService';
import { addConnectorCommand } from './commands/addConnector';
import { authorizeCommand } from './commands/authorize';
import type { Services } from './commands/common';
import { openDocsCommand } from './commands/openDocs';
import { pullCommand } from './commands/pull';
import { recoverInterruptedPulls } from './commands/pullRecovery';
import { pushCommand } from './commands/push';
import { refreshCommand } from './commands/refresh';
import { showConnectorUsagesCommand } from './commands/showUsages';
import { installCliCommand, linkCommand, loginCommand } from './commands/terminals';
import { Log } from './log';
import { ProjectsModel } from './projects';
import { ConnectorCodeLens } from './views/codeLens';
import { ConnectorsTree, type TreeNode, type TreeSnapshotNode } from './views/connectorsTree';
import { LanguageStatus, type LanguageStatusSnapshot } from './views/languageStatus';
import { PREVIEW_SCHEME, PreviewContentProvider } from './views/previewContent';
import { StatusItem } from './views/statusItem';
import { trackViewState } from './views/viewState';

let client: LanguageClient | undefined;
let clientStarting: Promise<void> | undefined;

/**
 * What `activate()` returns: `vscode.extensions.getExtension('base44-community.base44-connectors').exports`.
 * A public API for other extensions (and what the integration tests read, since VS Code's API cannot read
 * another extension's tree). Only additions in later versions; `apiVersion` changes on a breaking change.
 */
export interface Base44ConnectorsApi {
  readonly apiVersion: 1;
  /** The Connectors view's data provider (nodes are opaque: pass them back to getTreeItem / getChildren). */
  readonly connectorsTree: {
    getChildren(element?: TreeNode): TreeNode[];
    getTreeItem(element: TreeNode): vscode.TreeItem;
    readonly onDidChangeTreeData: vscode.Event<TreeNode | undefined>;
  };
  /** The whole Connectors tree as plain data (label, description, tooltip, contextValue, iconId, children...). */
  getTreeSnapshot(): Promise<TreeSnapshotNode[]>;
  /** What the Base44 language status item (the `{}` in the status bar on connector files) shows. */
  getLanguageStatus(): LanguageStatusSnapshot;
  /**
   * Milliseconds from the start of the extension's code (bundle evaluation) to the end of `activate()`.
   * The language server starts after that, in the background.
   */
  readonly activationMs: number;
  /** Resolves once the language server runs and answered the first `base44/projects` request. */
  whenReady(): Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<Base44ConnectorsApi> {
  const activateStart = now();
  const log = new Log();
  // vscode-languageclient is most of the bundle: load it (and start the server) just after activate()
  // returns, so activation stays cheap. esbuild keeps the dynamic import lazy inside the bundle.
  let clientCreated: (c: LanguageClient) => void = () => undefined;
  let clientFailed: (err: unknown) => void = () => undefined;
  const languageClient = new Promise<LanguageClient>((resolve, reject) => {
    clientCreated = resolve;
    clientFailed = reject;
  });
  const projects = new ProjectsModel(languageClient);
  const cli = new CliService(context, log);
  const account = new AccountModel(cli);
  const previews = new PreviewContentProvider();
  const services: Services = { context, cli, projects, log, previews };
  const tree = new ConnectorsTree(projects, account, {
    missing: () => vscode.workspace.isTrusted && !cli.locate(projects.projects.map((p) => p.root)).found,
    onDidChange: cli.onDidChangeState,
  });
  const codeLens = new ConnectorCodeLens(projects);
  const languageStatus = new LanguageStatus(projects, account, cli);
  const refresh = (remote = true) => refreshCommand(services, account, { remote });
  const lensSelector: vscode.DocumentSelector = [
    { scheme: 'file', language: 'base44-connector' },
    { scheme: 'file', language: 'json' },
    { scheme: 'file', language: 'jsonc' },
  ];

  context.subscriptions.push(
    log,
    cli,
    projects,
    account,
    previews,
    tree,
    codeLens,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.window.createTreeView('base44.connectors', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.languages.registerCodeLensProvider(lensSelector, codeLens),
    new StatusItem(projects, account),
    languageStatus,
    trackViewState(projects, account, cli),
    vscode.commands.registerCommand('base44.addConnector', (arg) => addConnectorCommand(services, arg)),
    vscode.commands.registerCommand('base44.push', (arg) => pushCommand(services, arg)),
    vscode.commands.registerCommand('base44.pull', (arg) => pullCommand(services, arg)),
    vscode.commands.registerCommand('base44.authorize', (arg) => authorizeCommand(services, arg)),
    vscode.commands.registerCommand('base44.refresh', () => refresh()),
    vscode.commands.registerCommand('base44.showOutput', () => log.show()),
    vscode.commands.registerCommand('base44.openProviderDocs', (arg) => openDocsCommand(services, arg)),
    vscode.commands.registerCommand('base44.login', (arg) => loginCommand(services, arg)),
    vscode.commands.registerCommand('base44.link', (arg) => linkCommand(services, arg)),
    vscode.commands.registerCommand('base44.installCli', () => installCliCommand()),
    vscode.commands.registerCommand('base44.useNpx', () => cli.acceptNpx()),
    vscode.commands.registerCommand('base44.showConnectorUsages', showConnectorUsagesCommand),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('base44.cli')) {
        // Another CLI (or none): forget the cached location and version at once (the tree's "CLI not
        // found" row, the welcome view and the language status follow), then re-check the account.
        log.info('base44.cli settings changed: locating the CLI again.');
        cli.notifyStateChanged();
        void refresh(false);
      }
      if (e.affectsConfiguration('base44.codeLens')) codeLens.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      tree.refresh();
      codeLens.refresh();
      void refresh(false);
    }),
  );

  // A pull interrupted last time (crash, kill) is finished from its journal, with Undo offered.
  void recoverInterruptedPulls(services).catch((err) =>
    log.error(`Pull recovery failed: ${err instanceof Error ? err.message : String(err)}`),
  );

  // Nothing below blocks activation: the language server starts in the background, then the projects
  // load, then (trusted workspaces) `whoami` + `--version` run once; remote state waits for Refresh.
  const ready = new Promise<void>((r) => setImmediate(r))
    .then(() => import('./languageClient.js'))
    .then(({ createLanguageClient }) => {
      const c = createLanguageClient(context);
      client = c;
      clientCreated(c);
      clientStarting = c.start();
      return clientStarting;
    })
    .then(() => projects.refresh())
    .then(() => {
      void account.check(projects.projects);
    })
    .catch((err) => {
      clientFailed(err);
      log.error(`The Base44 language server did not start: ${err instanceof Error ? err.message : String(err)}`);
    });

  const end = now();
  const activationMs = Math.round((end - moduleStart) * 10) / 10;
  log.info(
    `Base44 Connectors ${context.extension.packageJSON.version} activated in ${activationMs} ms ` +
      `(activate() ${Math.round((end - activateStart) * 10) / 10} ms)${vscode.workspace.isTrusted ? '' : ' (Restricted Mode: CLI commands disabled)'}.`,
  );
  return {
    apiVersion: 1,
    connectorsTree: tree,
    getTreeSnapshot: () => tree.snapshot(),
    getLanguageStatus: () => languageStatus.snapshot(),
    activationMs,
    whenReady: () => ready,
  };
}

export async function deactivate(): Promise<void> {
  stopAllCliRuns(); // a CLI left running would outlive the window (own process group)
  const c = client;
  client = undefined;
  if (!c) return;
  await clientStarting?.catch(() => undefined);
  await c.stop().catch(() => undefined);
}
