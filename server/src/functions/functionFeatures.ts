/**
 * The function-side language features behind one facade, so the server wiring (startServer.ts) stays small:
 * which files are function code, their diagnostics (cached per file: an edit re-checks only that file), the
 * unused-connector hints, and the requests (completion, hover, definition, references, code lens, quick fixes).
 */
import * as path from 'node:path';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  Hover,
  Location,
  Position,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../catalog/types';
import { findPropertyValue, nodeValue } from '../parser/jsonNavigation';
import type { ConnectorWorkspace } from '../project/connectorWorkspace';
import type { FileSystem, ProjectConfig } from '../project/projectConfig';
import { literalAt } from './callAtOffset';
import type { ConnectorCall } from './connectorCalls';
import { TYPE_METHODS } from './connectorCalls';
import { connectorAt, declarationLocation, documentFor, usageLens, usageLocations } from './connectorUsages';
import { functionCodeActions } from './functionCodeActions';
import type { FunctionCodeRequest } from './functionCodeRequest';
import { completeFunctionCode } from './functionCompletion';
import { unusedConnectorDiagnostics, validateFunctionFile } from './functionDiagnostics';
import { hoverFunctionCode } from './functionHover';
import { FunctionWorkspace } from './functionWorkspace';

interface CachedDiagnostics {
  readonly calls: readonly ConnectorCall[];
  /** The declared types the diagnostics were computed against, as a key. */
  readonly declared: string;
  readonly diagnostics: Diagnostic[];
}

export type ChangeKind = 'edit' | 'disk' | 'created' | 'deleted';

export class FunctionFeatures {
  readonly model: FunctionWorkspace;
  private readonly diagnosticsCache = new Map<string, CachedDiagnostics>();
  /** Per code file, the literal types it used when last checked (an edit that changes them changes usages). */
  private readonly typesKeys = new Map<string, string>();
  /** Per project: "did you mean" answers for its current declared types (the same typo recurs across files). */
  private readonly suggestions = new Map<string, { key: string; byType: Map<string, string[]> }>();

  constructor(
    private readonly fs: FileSystem,
    private readonly catalog: Catalog,
    private readonly connectors: ConnectorWorkspace,
  ) {
    this.model = new FunctionWorkspace(fs, catalog, connectors);
  }

  reset(): void {
    this.model.reset();
  }

  /**
   * Records a change. Returns the projects to re-validate as a whole (their functions or connector types changed),
   * those whose connector files only need their usage hints again, and whether the file is function code to
   * re-check on its own.
   */
  fileChanged(
    file: string,
    how: ChangeKind,
  ): { projects: ProjectConfig[]; usageProjects: ProjectConfig[]; codeFile: boolean } {
    const resolved = path.resolve(file);
    const { structure } = this.model.fileChanged(resolved, how);
    const projects: ProjectConfig[] = structure ? this.model.projectsAround(resolved) : [];
    // A connector file's type may have changed: the function files of its project are checked against it.
    for (const project of this.connectors.projectsOfConnectorFile(resolved)) {
      this.model.connectorsChanged(project);
      projects.push(project);
    }
    const usageProjects: ProjectConfig[] = [];
    if (structure) return { projects, usageProjects, codeFile: false };
    const owners = this.model.projectsOfCodeFile(resolved);
    if (owners.length === 0) return { projects, usageProjects, codeFile: false };
    const key = this.model.usedTypesKey(resolved);
    if (this.typesKeys.get(resolved) !== key) {
      this.typesKeys.set(resolved, key);
      for (const project of owners) {
        this.model.usagesChanged(project);
        usageProjects.push(project);
      }
    }
    return { projects, usageProjects, codeFile: true };
  }

  /** The folders whose files this project's function diagnostics cover (to clear files that left them). */
  roots(project: ProjectConfig): string[] {
    const functions = this.model.functionsOf(project);
    return [functions.functionsDir, functions.sharedDir];
  }

  /**
   * Diagnostics of every function code file of the project (unless `connectorsOnly`), and the unused-connector hints
   * of its connector files.
   */
  projectDiagnostics(
    project: ProjectConfig,
    connectorsOnly = false,
  ): { code: Map<string, Diagnostic[]>; connectors: Map<string, Diagnostic[]> } {
    const code = new Map<string, Diagnostic[]>();
    const functions = this.model.functionsOf(project);
    if (!connectorsOnly)
      for (const file of functions.codeFiles.keys()) code.set(file, this.fileDiagnostics(project, file));
    const connectors = unusedConnectorDiagnostics(
      (file) => this.documentOf(file),
      this.model.declaredTypes(project),
      this.model.usagesOf(project),
      functions.functions.length,
    );
    return { code, connectors };
  }

  /** Diagnostics of one function code file (cached while its calls and the declared types are unchanged). */
  fileDiagnostics(project: ProjectConfig, file: string): Diagnostic[] {
    const calls = this.model.callsOf(file);
    const declared = this.model.declaredTypes(project);
    const declaredKey = this.model.declaredKey(project);
    const cached = this.diagnosticsCache.get(file);
    if (cached && cached.calls === calls && cached.declared === declaredKey) return cached.diagnostics;
    let suggestions = this.suggestions.get(project.configPath);
    if (!suggestions || suggestions.key !== declaredKey) {
      suggestions = { key: declaredKey, byType: new Map() };
      this.suggestions.set(project.configPath, suggestions);
    }
    const diagnostics =
      calls.length === 0
        ? []
        : validateFunctionFile(() => this.documentOf(file)!, calls, {
            catalog: this.catalog,
            declared,
            projectRoot: project.root,
            connectorsDir: project.connectorsDir,
            suggestions: suggestions.byType,
          });
    this.diagnosticsCache.set(file, { calls, declared: declaredKey, diagnostics });
    if (!this.typesKeys.has(file)) this.typesKeys.set(file, this.model.usedTypesKey(file));
    return diagnostics;
  }

  /** The project whose functions bundle this file (the first one, when several do). */
  projectOfCode(file: string): ProjectConfig | undefined {
    return this.model.projectsOfCodeFile(path.resolve(file))[0];
  }

  // ---- requests ---------------------------------------------------------------------------------

  completion(file: string, position: Position): CompletionList | null {
    const request = this.codeRequest(file);
    return request ? completeFunctionCode(request, position) : null;
  }

  hover(file: string, position: Position): Hover | null {
    const request = this.codeRequest(file);
    return request ? hoverFunctionCode(request, position, (connectorFile) => this.scopesOf(connectorFile)) : null;
  }

  definition(file: string, position: Position): Location[] | null {
    const request = this.codeRequest(file);
    if (!request) return null;
    const at = literalAt(request.calls, request.document.offsetAt(position));
    if (!at || !at.literal.closed || !TYPE_METHODS.has(at.call.method)) return null;
    const connector = request.declared.get(at.literal.value);
    const location = connector && declarationLocation(connector, (f) => this.documentOf(f));
    return location ? [location] : null;
  }

  /** References from a type string in function code, or from a connector file (its type). */
  references(file: string, position: Position, includeDeclaration: boolean): Location[] | null {
    const resolved = path.resolve(file);
    let project: ProjectConfig | undefined;
    let type: string | undefined;
    const request = this.codeRequest(resolved);
    if (request) {
      const at = literalAt(request.calls, request.document.offsetAt(position));
      if (!at || !at.literal.closed || !TYPE_METHODS.has(at.call.method)) return null;
      project = request.project;
      type = at.literal.value;
    } else {
      project = this.connectors.projectsOfConnectorFile(resolved)[0];
      type = project && connectorAt(this.model.declaredTypes(project), resolved)?.type;
    }
    if (!project || type === undefined) return null;
    const documentOf = (f: string) => this.documentOf(f);
    const locations = usageLocations(this.model.usagesOf(project).byType.get(type) ?? [], documentOf);
    const connector = this.model.declaredTypes(project).get(type);
    const declaration = includeDeclaration && connector ? declarationLocation(connector, documentOf) : undefined;
    return declaration ? [declaration, ...locations] : locations;
  }

  /** The usage lens of a connector file (when its project has functions to count). */
  codeLenses(file: string): CodeLens[] {
    const resolved = path.resolve(file);
    const project = this.connectors.projectsOfConnectorFile(resolved)[0];
    if (!project || this.model.functionsOf(project).functions.length === 0) return [];
    const connector = connectorAt(this.model.declaredTypes(project), resolved);
    const lens = connector && usageLens(connector, this.model.usagesOf(project), (f) => this.documentOf(f));
    return lens ? [lens] : [];
  }

  codeActions(file: string, diagnostics: Diagnostic[]): CodeAction[] | null {
    const request = this.codeRequest(file);
    if (!request) return null;
    return functionCodeActions(request.document, diagnostics, this.catalog, (f) => this.fs.isFile(f));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private codeRequest(file: string): (FunctionCodeRequest & { project: ProjectConfig }) | undefined {
    const resolved = path.resolve(file);
    const project = this.projectOfCode(resolved);
    const document = project && this.documentOf(resolved);
    if (!project || !document) return undefined;
    return {
      project,
      document,
      calls: this.model.callsOf(resolved),
      declared: this.model.declaredTypes(project),
      catalog: this.catalog,
      projectRoot: project.root,
    };
  }

  private documentOf(file: string): TextDocument | undefined {
    const open = this.connectors.openTextDocument(file);
    return documentFor(file, open ? undefined : this.connectors.readText(file), open);
  }

  private scopesOf(connectorFile: string): string[] | undefined {
    const scopes = nodeValue(findPropertyValue(this.connectors.getEntry(connectorFile)?.doc.parsed.root, 'scopes'));
    return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : undefined;
  }
}
