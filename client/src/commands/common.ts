/** What every command gets, and how a command finds the project / connector it acts on. */
import * as vscode from 'vscode';
import type { ConnectorFileSummary } from '../../../server/src/protocol';
import { noAppLinked } from '../cli/cliErrors';
import { readAppId, type ConnectorsCli } from '../cli/connectorsCli';
import type { CliService } from '../cliService';
import { showCliError } from '../ui/showCliError';
import { plainText } from '../ui/untrustedText';
import { requireTrust } from '../ui/workspaceTrust';
import type { Log } from '../log';
import type { Project, ProjectsModel } from '../projects';
import type { PreviewContentProvider } from '../views/previewContent';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly cli: CliService;
  readonly projects: ProjectsModel;
  readonly log: Log;
  readonly previews: PreviewContentProvider;
}

/** Tree items, code lenses and the palette pass different things; all become this. */
export interface ConnectorRef {
  readonly project: Project;
  readonly connector: ConnectorFileSummary;
}

/** `{ project }` (tree), `{ uri }` (code lens), a Uri (explorer), or nothing (palette: active editor or pick). */
export async function pickProject(
  services: Services,
  arg: unknown,
  placeHolder = 'Which Base44 project?',
): Promise<Project | undefined> {
  await ensureLoaded(services);
  const fromArg = projectFromArg(services, arg);
  if (fromArg) return fromArg;
  const all = services.projects.projects;
  if (all.length === 0) {
    void vscode.window.showInformationMessage(
      'Base44: no Base44 project in this workspace (a folder with base44/config.jsonc).',
    );
    return undefined;
  }
  if (all.length === 1) return all[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeProject = active && services.projects.forUri(active);
  if (activeProject) return activeProject;
  const picked = await vscode.window.showQuickPick(
    all.map((p) => ({ label: p.label, description: p.root, project: p })),
    { placeHolder },
  );
  return picked?.project;
}

export async function pickConnector(
  services: Services,
  arg: unknown,
  placeHolder: string,
): Promise<ConnectorRef | undefined> {
  await ensureLoaded(services);
  const a = arg as { project?: Project; connector?: ConnectorFileSummary; uri?: string | vscode.Uri } | undefined;
  if (a?.project && a.connector) return { project: a.project, connector: a.connector };
  const uri =
    a instanceof vscode.Uri ? a : a?.uri ? (typeof a.uri === 'string' ? vscode.Uri.parse(a.uri) : a.uri) : undefined;
  if (uri) {
    const found = findConnector(services, uri);
    if (found) return found;
  }
  const items = services.projects.projects.flatMap((project) =>
    project.summary.connectors
      .filter((c) => c.type)
      .map((connector) => ({
        label: connector.displayName ?? connector.type ?? '',
        description: connector.type,
        detail: services.projects.projects.length > 1 ? project.label : undefined,
        ref: { project, connector },
      })),
  );
  if (items.length === 0) {
    void vscode.window
      .showInformationMessage('Base44: no connector files yet. Add one first.', 'Add Connector')
      .then((c) => c && vscode.commands.executeCommand('base44.addConnector'));
    return undefined;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeRef = active && findConnector(services, active);
  if (activeRef && !arg) return activeRef;
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.ref;
}

function projectFromArg(services: Services, arg: unknown): Project | undefined {
  const a = arg as { project?: Project; uri?: string | vscode.Uri } | undefined;
  if (a?.project) return a.project;
  const uri =
    arg instanceof vscode.Uri
      ? arg
      : a?.uri
        ? typeof a.uri === 'string'
          ? vscode.Uri.parse(a.uri)
          : a.uri
        : undefined;
  return uri ? services.projects.forUri(uri) : undefined;
}

function findConnector(services: Services, uri: vscode.Uri): ConnectorRef | undefined {
  for (const project of services.projects.projects) {
    const connector = project.summary.connectors.find((c) => vscode.Uri.parse(c.uri).toString() === uri.toString());
    if (connector) return { project, connector };
  }
  return undefined;
}

async function ensureLoaded(services: Services): Promise<void> {
  if (!services.projects.isLoaded) await services.projects.refresh();
}

/** Unsaved connector files would not be seen by the CLI: offer to save them first. */
export async function saveConnectorFiles(project: Project, action: string): Promise<boolean> {
  const dirty = vscode.workspace.textDocuments.filter(
    (d) => d.isDirty && d.uri.scheme === 'file' && d.uri.fsPath.startsWith(project.connectorsDir),
  );
  if (dirty.length === 0) return true;
  const names = plainText(dirty.map((d) => vscode.workspace.asRelativePath(d.uri)).join(', '));
  const choice = await vscode.window.showWarningMessage(
    `Unsaved connector files: ${names}. The CLI reads files from disk.`,
    { modal: true },
    `Save and ${action}`,
  );
  if (!choice) return false;
  for (const d of dirty) await d.save();
  return true;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What Push and Pull both need before they talk to Base44: a trusted workspace, the project, its files
 * saved, its linked app and a runnable CLI. Says what is missing and returns undefined when anything is.
 */
export async function prepareSync(
  s: Services,
  arg: unknown,
  action: 'Push' | 'Pull',
  retry: (project: Project) => Promise<void>,
): Promise<{ project: Project; appId: string; cli: ConnectorsCli } | undefined> {
  if (!requireTrust(`${action} Connectors`)) return undefined;
  const project = await pickProject(s, arg, `${action} the connectors of which project?`);
  if (!project) return undefined;
  if (!(await saveConnectorFiles(project, action))) return undefined;
  const appId = await readAppId(project.root);
  if (!appId) {
    await showCliError(noAppLinked(), { cwd: project.root });
    return undefined;
  }
  const resolved = await s.cli.resolve(project);
  if ('error' in resolved) {
    await showCliError(resolved.error, { retry: () => retry(project), cwd: project.root });
    return undefined;
  }
  return { project, appId, cli: s.cli.connectors(resolved.cli) };
}
