/** Extension entry point: wiring only. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AccountModel } from './account';
import { CliService } from './cliService';
import { addConnectorCommand } from './commands/addConnector';
import { authorizeCommand } from './commands/authorize';
import type { Services } from './commands/common';
import { openDocsCommand } from './commands/openDocs';
import { pullCommand } from './commands/pull';
import { pushCommand } from './commands/push';
import { refreshCommand } from './commands/refresh';
import { installCliCommand, linkCommand, loginCommand } from './commands/terminals';
import { createLanguageClient } from './languageClient';
import { Log } from './log';
import { ProjectsModel } from './projects';
import { ConnectorCodeLens } from './views/codeLens';
import { ConnectorsTree } from './views/connectorsTree';
import { PREVIEW_SCHEME, PreviewContentProvider } from './views/previewContent';
import { StatusItem } from './views/statusItem';
import { trackViewState } from './views/viewState';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = new Log();
  client = createLanguageClient(context);
  const projects = new ProjectsModel(client);
  const cli = new CliService(context, log);
  const account = new AccountModel(cli);
  const previews = new PreviewContentProvider();
  const services: Services = { context, cli, projects, log, previews };
  const tree = new ConnectorsTree(projects, account, () => vscode.workspace.isTrusted && !cli.locate(projects.projects.map((p) => p.root)).found);
  const codeLens = new ConnectorCodeLens(projects);
  const refresh = (remote = true) => refreshCommand(services, account, { remote });
  const lensSelector: vscode.DocumentSelector = [
    { scheme: 'file', language: 'base44-connector' },
    { scheme: 'file', language: 'json' },
    { scheme: 'file', language: 'jsonc' },
  ];

  context.subscriptions.push(
    log,
    projects,
    account,
    previews,
    tree,
    codeLens,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.window.createTreeView('base44.connectors', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.languages.registerCodeLensProvider(lensSelector, codeLens),
    new StatusItem(projects, account),
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
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('base44.cli')) void refresh(false);
      if (e.affectsConfiguration('base44.codeLens')) codeLens.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      tree.refresh();
      codeLens.refresh();
      void refresh(false);
    }),
  );

  log.info(`Base44 Connectors ${context.extension.packageJSON.version} activated${vscode.workspace.isTrusted ? '' : ' (Restricted Mode: CLI commands disabled)'}.`);
  await client.start();
  await projects.refresh();
  // whoami reads a local file only: cheap enough for activation; remote state waits for Refresh.
  void account.check(projects.projects);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
