import * as path from 'node:path';
import {
  CodeActionKind,
  Connection,
  Diagnostic,
  DocumentFormattingRequest,
  DocumentOnTypeFormattingRequest,
  DocumentRangeFormattingRequest,
  FileChangeType,
  InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { catalog as defaultCatalog } from './catalog/catalog';
import type { Catalog } from './catalog/types';
import { doCodeActions } from './features/codeActions';
import { CompletionOptions, doComplete, resolveCompletion } from './features/completion';
import { documentLinks } from './features/documentLinks';
import { documentSymbols, symbolInformation } from './features/documentSymbols';
import { foldingRanges } from './features/foldingRanges';
import { formatConnector, formatOnType, ON_TYPE_TRIGGERS } from './features/formatting';
import { doHover } from './features/hover';
import { selectionRanges } from './features/selectionRanges';
import { FunctionConfigWorkspace } from './functions/functionConfigWorkspace';
import { functionConfigCodeActions } from './functions/functionConfigCodeActions';
import { functionConfigCompletion } from './functions/functionConfigCompletion';
import { functionConfigHover } from './functions/functionConfigHover';
import { ChangeKind, FunctionFeatures } from './functions/functionFeatures';
import { ConnectorWorkspace } from './project/connectorWorkspace';
import { openDocumentsConfiguration } from './project/documentStore';
import type { FileSystem, ProjectConfig } from './project/projectConfig';
import { summarizeProject } from './project/projectSummary';
import { uriToPath } from './project/uris';
import {
  CatalogRequest,
  CatalogResult,
  ProjectsChangedNotification,
  ProjectsRequest,
  ProjectsResult,
} from './protocol';
import { runSafe } from './runSafe';

export interface ServerOptions {
  readonly fs: FileSystem;
  readonly catalog?: Catalog;
  /** Delay before re-validating after an edit, so a burst of keystrokes validates once. */
  readonly validationDelayMs?: number;
}

/** Wires the Base44 connector language features to an LSP connection (stdio, IPC or in-process). */
export function startServer(connection: Connection, options: ServerOptions): void {
  const catalog = options.catalog ?? defaultCatalog;
  const delay = options.validationDelayMs ?? 100;
  const documents = new TextDocuments(openDocumentsConfiguration()); // bounded: see documentStore.ts
  const workspace = new ConnectorWorkspace(options.fs, catalog);
  const functionConfigs = new FunctionConfigWorkspace(options.fs, workspace, catalog);
  const functions = new FunctionFeatures(options.fs, catalog, workspace);
  const log = (message: string) => connection.console.error(message);

  /** Diagnostics last sent, per file path, so only changes are published. */
  const published = new Map<string, Diagnostic[]>();
  let workspaceFolders: string[] = [];
  let reindexPending = false;
  const dirtyProjects = new Set<string>();
  /** Function code files edited since the last flush: each is re-checked alone. */
  const dirtyCodeFiles = new Set<string>();
  /** Projects whose connector usages changed (a function file's literal types did): their connector files' hints. */
  const usageProjects = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => runSafe(log, 'validation', undefined, flush), delay);
  };

  /** Re-validates what changed and publishes the diagnostics that differ from what the client has. */
  function flush(): void {
    timer = undefined;
    let projects: ProjectConfig[];
    if (reindexPending) {
      reindexPending = false;
      dirtyProjects.clear();
      workspace.reindex();
      functionConfigs.reset();
      functions.reset();
      projects = workspace.allProjects();
      publish(projects, true);
    } else {
      projects = workspace.allProjects().filter((p) => dirtyProjects.has(p.configPath));
      dirtyProjects.clear();
      publish(projects, false);
      publishCodeFiles(projects);
      const hintsOnly = workspace.allProjects().filter((p) => usageProjects.has(p.configPath) && !projects.includes(p));
      publish(hintsOnly, false, true);
      projects = [...projects, ...hintsOnly];
    }
    dirtyCodeFiles.clear();
    usageProjects.clear();
    // Usage lenses ("used by 2 functions") follow function and connector changes.
    if (codeLensRefresh && projects.length > 0) void connection.sendRequest('workspace/codeLens/refresh');
    void connection.sendNotification(ProjectsChangedNotification);
  }

  function publish(projects: ProjectConfig[], everything: boolean, connectorsOnly = false): void {
    const current = new Map<string, Diagnostic[]>();
    for (const project of projects) {
      const fromFunctions = functions.projectDiagnostics(project, connectorsOnly);
      for (const [file, diagnostics] of [...workspace.validateProject(project), ...fromFunctions.code]) {
        const before = current.get(file);
        current.set(file, before ? dedupe([...before, ...diagnostics]) : diagnostics);
      }
      for (const [file, diagnostics] of functionConfigs.validateProject(project)) current.set(file, diagnostics);
      for (const [file, hints] of fromFunctions.connectors) current.set(file, [...(current.get(file) ?? []), ...hints]);
    }
    const scope = new Set(projects.map((p) => p.connectorsDir));
    const codeRoots = connectorsOnly ? [] : projects.flatMap((p) => functions.roots(p)).map((dir) => dir + path.sep);
    for (const file of [...published.keys()]) {
      // Files that stopped being connector files (deleted, moved, config changed) get their problems cleared.
      const inScope =
        everything ||
        scope.has(path.dirname(file)) ||
        codeRoots.some((root) => file.startsWith(root)) ||
        functionConfigs.inFunctionsDirOf(projects, file);
      if (!current.has(file) && inScope) {
        published.delete(file);
        void connection.sendDiagnostics({ uri: workspace.uriOf(file), diagnostics: [] });
      }
    }
    for (const [file, diagnostics] of current) {
      const before = published.get(file);
      // Unchanged files keep their cached array, so most comparisons are by reference.
      if (before === diagnostics || (before !== undefined && JSON.stringify(before) === JSON.stringify(diagnostics)))
        continue;
      published.set(file, diagnostics);
      void connection.sendDiagnostics({ uri: workspace.uriOf(file), diagnostics });
    }
  }

  /** Re-checks the function code files edited since the last flush (those of re-validated projects are done). */
  function publishCodeFiles(done: ProjectConfig[]): void {
    const skip = new Set(done.map((p) => p.configPath));
    for (const file of dirtyCodeFiles) {
      const project = functions.projectOfCode(file);
      if (!project || skip.has(project.configPath)) continue;
      const diagnostics = functions.fileDiagnostics(project, file);
      const before = published.get(file);
      if (before === diagnostics) continue;
      if (before !== undefined && JSON.stringify(before) === JSON.stringify(diagnostics)) continue;
      if (before === undefined && diagnostics.length === 0) continue;
      published.set(file, diagnostics);
      void connection.sendDiagnostics({ uri: workspace.uriOf(file), diagnostics });
    }
  }

  /** `file`: absolute and normalized, as uriToPath gives it (the model names files by path). */
  function markChanged(file: string, how: ChangeKind = 'edit'): void {
    if (workspace.isConfigFile(file)) reindexPending = true;
    for (const project of workspace.projectsOfConnectorFile(file)) dirtyProjects.add(project.configPath);
    for (const project of functionConfigs.projectsOfFile(file)) dirtyProjects.add(project.configPath);
    if (!reindexPending) {
      const affected = functions.fileChanged(file, how);
      for (const project of affected.projects) dirtyProjects.add(project.configPath);
      for (const project of affected.usageProjects) usageProjects.add(project.configPath);
      if (affected.codeFile) dirtyCodeFiles.add(file);
    }
    schedule();
  }

  /** The connector file behind a request, with what the features need; undefined for any other file. */
  function connectorRequest(uri: string) {
    const file = uriToPath(uri);
    return file ? workspace.connectorRequest(file) : undefined;
  }

  /** A function.json(c) of a project's functions folder behind a request; undefined for any other file. */
  function functionConfigRequest(uri: string) {
    const file = uriToPath(uri);
    return file ? functionConfigs.request(file) : undefined;
  }

  let completionOptions: CompletionOptions = {};
  let hierarchicalSymbols = false;
  let foldingRangeLimit: number | undefined;
  /** Formatting registered for connector files only (see onInitialized), so JSON files keep one formatter. */
  let formatDynamically = false;
  /** Documents already told why they are not formatted (once each, until closed). */
  const formatRefusalShown = new Set<string>();
  let codeLensRefresh = false;

  connection.onInitialize((params): InitializeResult => {
    const defaults = params.capabilities.textDocument?.completion?.completionList?.itemDefaults ?? [];
    completionOptions = { itemDefaults: defaults.includes('editRange') && defaults.includes('data') };
    const textDocument = params.capabilities.textDocument;
    hierarchicalSymbols = textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    foldingRangeLimit = textDocument?.foldingRange?.rangeLimit;
    formatDynamically =
      textDocument?.formatting?.dynamicRegistration === true &&
      textDocument?.rangeFormatting?.dynamicRegistration === true &&
      textDocument?.onTypeFormatting?.dynamicRegistration === true;
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? [
      params.rootUri ? uriToPath(params.rootUri) : (params.rootPath ?? undefined),
    ];
    workspaceFolders = folders.filter((f): f is string => typeof f === 'string');
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', "'", ':', ',', '[', '`', '('], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(formatDynamically
          ? {}
          : {
              documentFormattingProvider: true,
              documentRangeFormattingProvider: true,
              documentOnTypeFormattingProvider: {
                firstTriggerCharacter: ON_TYPE_TRIGGERS[0],
                moreTriggerCharacter: ON_TYPE_TRIGGERS.slice(1),
              },
            }),
        documentSymbolProvider: { label: 'Base44 Connector' },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'base44-connectors-language-server' },
    };
  });

  connection.onInitialized(() => {
    runSafe(log, 'initialized', undefined, () => {
      workspace.setWorkspaceFolders(workspaceFolders);
      publish(workspace.allProjects(), true);
      void connection.sendNotification(ProjectsChangedNotification);
    });
    if (formatDynamically) {
      // The client attaches the server to JSON files too; a formatter there would compete with VS Code's own.
      runSafe(log, 'initialized', undefined, () => {
        const documentSelector = [{ language: 'base44-connector' }];
        void connection.client.register(DocumentFormattingRequest.type, { documentSelector });
        void connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector });
        void connection.client.register(DocumentOnTypeFormattingRequest.type, {
          documentSelector,
          firstTriggerCharacter: ON_TYPE_TRIGGERS[0],
          moreTriggerCharacter: ON_TYPE_TRIGGERS.slice(1),
        });
      });
    }
    // Registering throws when the client does not send folder changes: that must not stop the server either.
    runSafe(log, 'initialized', undefined, () =>
      connection.workspace.onDidChangeWorkspaceFolders((event) =>
        runSafe(log, 'didChangeWorkspaceFolders', undefined, () => {
          const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
          workspaceFolders = workspaceFolders.filter((f) => !removed.has(f));
          for (const added of event.added) {
            const file = uriToPath(added.uri);
            if (file) workspaceFolders.push(file);
          }
          workspace.setWorkspaceFolders(workspaceFolders);
          reindexPending = true;
          schedule();
        }),
      ),
    );
  });

  documents.onDidChangeContent((event) => {
    runSafe(log, 'didChange', undefined, () => {
      const file = uriToPath(event.document.uri);
      if (!file) return;
      workspace.openDocument(file, event.document);
      markChanged(file);
    });
  });

  documents.onDidClose((event) => {
    runSafe(log, 'didClose', undefined, () => {
      formatRefusalShown.delete(event.document.uri);
      const file = uriToPath(event.document.uri);
      event.document.release();
      if (!file) return;
      workspace.closeDocument(file);
      workspace.fileChangedOnDisk(file); // the disk's text counts again
      markChanged(file, 'disk');
    });
  });

  connection.onDidChangeWatchedFiles((params) => {
    runSafe(log, 'didChangeWatchedFiles', undefined, () => {
      for (const change of params.changes) {
        const file = uriToPath(change.uri);
        if (!file) continue;
        workspace.fileChangedOnDisk(file);
        functionConfigs.fileChangedOnDisk(file);
        markChanged(
          file,
          change.type === FileChangeType.Created
            ? 'created'
            : change.type === FileChangeType.Deleted
              ? 'deleted'
              : 'disk',
        );
      }
    });
  });

  connection.onCompletion((params) =>
    runSafe(log, 'completion', null, () => {
      const request = connectorRequest(params.textDocument.uri);
      if (request) return doComplete(request.doc, params.position, request.context, completionOptions);
      const functionConfig = functionConfigRequest(params.textDocument.uri);
      if (functionConfig) return functionConfigCompletion(functionConfig, params.position);
      const file = uriToPath(params.textDocument.uri);
      return file ? functions.completion(file, params.position) : null;
    }),
  );

  connection.onCompletionResolve((item) =>
    runSafe(log, 'completionResolve', item, () => resolveCompletion(item, catalog)),
  );

  connection.onHover((params) =>
    runSafe(log, 'hover', null, () => {
      const request = connectorRequest(params.textDocument.uri);
      if (request) return doHover(request.doc, params.position, request.context);
      const functionConfig = functionConfigRequest(params.textDocument.uri);
      if (functionConfig) return functionConfigHover(functionConfig, params.position);
      const file = uriToPath(params.textDocument.uri);
      return file ? functions.hover(file, params.position) : null;
    }),
  );

  connection.onCodeAction((params) =>
    runSafe(log, 'codeAction', [], () => {
      const request = connectorRequest(params.textDocument.uri);
      if (request) return doCodeActions(request.doc, params.range, params.context.diagnostics, request.context);
      const functionConfig = functionConfigRequest(params.textDocument.uri);
      if (functionConfig) return functionConfigCodeActions(functionConfig, params.context.diagnostics);
      const file = uriToPath(params.textDocument.uri);
      return (file && functions.codeActions(file, params.context.diagnostics)) || [];
    }),
  );

  /** Formatting's answer; a refusal is explained once per document (the user asked, and nothing happened). */
  function formatted(uri: string, outcome: ReturnType<typeof formatConnector>) {
    if (outcome.refusal) {
      log(`formatting: ${outcome.refusal}`);
      if (!formatRefusalShown.has(uri)) {
        formatRefusalShown.add(uri);
        // A notification, not showInformationMessage's request: there is nothing to answer.
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Info,
          message: `Base44: ${outcome.refusal}`,
        });
      }
    }
    return outcome.edits;
  }

  connection.onDocumentFormatting((params) =>
    runSafe(log, 'formatting', null, () => {
      const request = connectorRequest(params.textDocument.uri);
      return request ? formatted(params.textDocument.uri, formatConnector(request.doc, params.options)) : null;
    }),
  );

  connection.onDocumentRangeFormatting((params) =>
    runSafe(log, 'rangeFormatting', null, () => {
      const request = connectorRequest(params.textDocument.uri);
      return request
        ? formatted(params.textDocument.uri, formatConnector(request.doc, params.options, params.range))
        : null;
    }),
  );

  connection.onDocumentOnTypeFormatting((params) =>
    runSafe(log, 'onTypeFormatting', null, () => {
      const request = connectorRequest(params.textDocument.uri);
      return request ? formatOnType(request.doc, params.position, params.ch, params.options) : null;
    }),
  );

  connection.onDocumentSymbol((params) =>
    runSafe(log, 'documentSymbol', null, () => {
      const request = connectorRequest(params.textDocument.uri);
      if (!request) return null;
      return hierarchicalSymbols
        ? documentSymbols(request.doc, request.context)
        : symbolInformation(request.doc, request.context);
    }),
  );

  connection.onFoldingRanges((params) =>
    runSafe(log, 'foldingRange', null, () => {
      const request = connectorRequest(params.textDocument.uri);
      return request ? foldingRanges(request.doc, foldingRangeLimit) : null;
    }),
  );

  connection.onSelectionRanges((params) =>
    runSafe(log, 'selectionRange', null, () => {
      const request = connectorRequest(params.textDocument.uri);
      return request ? selectionRanges(request.doc, params.positions) : null;
    }),
  );

  connection.onDocumentLinks((params) =>
    runSafe(log, 'documentLink', null, () => {
      const request = connectorRequest(params.textDocument.uri);
      return request ? documentLinks(request.doc, request.context) : null;
    }),
  );

  // Function code ↔ connector files (server/src/functions/).
  connection.onDefinition((params) =>
    runSafe(log, 'definition', null, () => {
      const file = uriToPath(params.textDocument.uri);
      return file ? functions.definition(file, params.position) : null;
    }),
  );

  connection.onReferences((params) =>
    runSafe(log, 'references', null, () => {
      const file = uriToPath(params.textDocument.uri);
      return file ? functions.references(file, params.position, params.context.includeDeclaration) : null;
    }),
  );

  connection.onCodeLens((params) =>
    runSafe(log, 'codeLens', [], () => {
      const file = uriToPath(params.textDocument.uri);
      return file ? functions.codeLenses(file) : [];
    }),
  );

  connection.onRequest(ProjectsRequest, (): ProjectsResult =>
    runSafe(log, ProjectsRequest, { projects: [] }, () => ({
      projects: workspace.allProjects().map((project) => summarizeProject(workspace, project, catalog)),
    })),
  );

  connection.onRequest(CatalogRequest, (): CatalogResult =>
    runSafe(log, CatalogRequest, { types: [] }, () => ({
      types: catalog.types.map((t) => ({
        type: t.type,
        displayName: t.displayName,
        description: t.description,
        auth: t.auth,
        docsUrl: t.docsUrl,
        scopes: t.scopes.map((s) => ({
          scope: s.scope,
          description: s.description,
          sensitivity: s.sensitivity,
          ...(s.deprecated ? { deprecated: true } : {}),
        })),
      })),
    })),
  );

  documents.listen(connection);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.range, d.code, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
