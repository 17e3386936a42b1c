/**
 * The Base44 projects of the workspace, as the language server reports them (`base44/projects`),
 * plus what the extension learned about each app's remote connectors (from previews, pushes and
 * authorizations) so the tree can say "in sync", "only local", "only remote", "needs authorization".
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CatalogRequest,
  CatalogResult,
  ProjectsChangedNotification,
  ProjectsRequest,
  ProjectsResult,
  ProjectSummary,
} from '../../server/src/protocol';
import type { AuthorizationFact } from './sync/authorizationState';
import type { ConnectorState } from './sync/pushPlan';
import { CONNECTOR_LANGUAGE } from './languageId';

export interface Project {
  readonly summary: ProjectSummary;
  /** Folder the CLI runs in. */
  readonly root: string;
  readonly connectorsDir: string;
  /** Short name for pickers and the tree (workspace-relative root, or its folder name). */
  readonly label: string;
}

export interface RemoteKnowledge {
  /** The app's connectors, when last seen through the CLI. */
  readonly connectors?: readonly ConnectorState[];
  /** When `connectors` was seen (ms since the epoch). */
  readonly seenAt?: number;
  /** Per type: the last answer Base44 gave to this window's push or initiate (see sync/authorizationState). */
  readonly authorization?: ReadonlyMap<string, AuthorizationFact>;
  /** Types that still need OAuth (from the last push / authorize). */
  readonly needsAuthorization: ReadonlySet<string>;
}

export class ProjectsModel implements vscode.Disposable {
  private current: Project[] = [];
  private loaded = false;
  private readonly remote = new Map<string, RemoteKnowledge>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private catalogCache: Promise<CatalogResult> | undefined;
  readonly onDidChange = this.changed.event;

  private debounce: NodeJS.Timeout | undefined;

  /**
   * `client`: the language client once it is created (it is loaded after activation, to keep activation
   * cheap). Requests wait for it.
   */
  constructor(private readonly client: Promise<LanguageClient>) {
    this.disposables.push({ dispose: () => this.debounce && clearTimeout(this.debounce) });
    // The server notifies after each validation pass (every edit): coalesce into one request.
    void client.then(
      (c) => {
        if (this.disposed) return;
        this.disposables.push(
          c.onNotification(ProjectsChangedNotification, () => {
            if (this.debounce) clearTimeout(this.debounce);
            this.debounce = setTimeout(() => void this.refresh(), 150);
          }),
        );
      },
      () => undefined,
    );
  }

  private disposed = false;

  get projects(): readonly Project[] {
    return this.current;
  }

  /** False until the server answered once. */
  get isLoaded(): boolean {
    return this.loaded;
  }

  async refresh(): Promise<void> {
    let result: ProjectsResult;
    try {
      result = await (await this.client).sendRequest<ProjectsResult>(ProjectsRequest);
    } catch {
      return;
    }
    this.current = result.projects.map(toProject).sort((a, b) => a.label.localeCompare(b.label));
    this.loaded = true;
    this.changed.fire();
    void this.adoptCustomConnectorFolders();
  }

  catalog(): Promise<CatalogResult> {
    this.catalogCache ??= this.client
      .then((c) => c.sendRequest<CatalogResult>(CatalogRequest))
      .then(
        (r) => r,
        () => {
          this.catalogCache = undefined;
          return { types: [] };
        },
      );
    return this.catalogCache;
  }

  forUri(uri: vscode.Uri): Project | undefined {
    const file = uri.fsPath;
    return this.current
      .filter((p) => isInside(file, p.connectorsDir) || isInside(file, p.root))
      .sort((a, b) => b.root.length - a.root.length)[0];
  }

  remoteOf(project: Project): RemoteKnowledge {
    return this.remote.get(project.root) ?? { needsAuthorization: new Set() };
  }

  setRemoteConnectors(project: Project, connectors: readonly ConnectorState[], seenAt = Date.now()): void {
    this.remote.set(project.root, { ...this.remoteOf(project), connectors, seenAt });
    this.changed.fire();
  }

  /** Records Base44's answer about one connector (and keeps `needsAuthorization` in step with it). */
  recordAuthorization(project: Project, type: string, fact: AuthorizationFact): void {
    const authorization = new Map(this.remoteOf(project).authorization ?? []);
    authorization.set(type, fact);
    const needsAuthorization = new Set(this.remoteOf(project).needsAuthorization);
    if (fact.status === 'notAuthorized') needsAuthorization.add(type);
    else needsAuthorization.delete(type);
    this.remote.set(project.root, { ...this.remoteOf(project), authorization, needsAuthorization });
    this.changed.fire();
  }

  authorizationOf(project: Project, type: string): AuthorizationFact | undefined {
    return this.remoteOf(project).authorization?.get(type);
  }

  /** Remote connectors with no local file (push would remove them). */
  onlyRemote(project: Project): readonly ConnectorState[] {
    const remote = this.remoteOf(project).connectors ?? [];
    const local = new Set(project.summary.connectors.map((c) => c.type));
    return remote.filter((r) => !local.has(r.type));
  }

  /**
   * Files in a custom `connectorsDir` are not matched by the language's filename patterns: give open
   * ones the connector language so VS Code's own JSON validation stays off them.
   */
  private async adoptCustomConnectorFolders(): Promise<void> {
    const files = new Set(
      this.current.flatMap((p) => p.summary.connectors.map((c) => vscode.Uri.parse(c.uri).toString())),
    );
    for (const doc of vscode.workspace.textDocuments) {
      if ((doc.languageId === 'json' || doc.languageId === 'jsonc') && files.has(doc.uri.toString())) {
        await vscode.languages.setTextDocumentLanguage(doc, CONNECTOR_LANGUAGE).then(undefined, () => undefined);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
  }
}

function toProject(summary: ProjectSummary): Project {
  const root = vscode.Uri.parse(summary.rootUri).fsPath;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root));
  const rel = folder ? path.relative(folder.uri.fsPath, root) : '';
  const label = folder ? (rel ? `${folder.name}/${rel.split(path.sep).join('/')}` : folder.name) : path.basename(root);
  return { summary, root, connectorsDir: vscode.Uri.parse(summary.connectorsDirUri).fsPath, label };
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}
