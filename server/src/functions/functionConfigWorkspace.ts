/**
 * The function configs of each project, next to the connector model: which files they are, their
 * diagnostics (per file, plus the CLI's one-name-per-function rule), and the context requests need.
 * Texts and parses come from the connector workspace (open editor text first, cached by text).
 */
import * as path from 'node:path';
import { Diagnostic, Range } from 'vscode-languageserver';
import type { Catalog } from '../catalog/types';
import type { ConnectorDocument } from '../features/context';
import type { JsonNode } from '../parser/jsonTree';
import { nodeRange } from '../features/ranges';
import type { ConnectorWorkspace } from '../project/connectorWorkspace';
import type { FileSystem, ProjectConfig } from '../project/projectConfig';
import {
  FunctionConfigContext,
  acceptedFunctionName,
  duplicateNameDiagnostic,
  validateFunctionConfig,
} from './functionConfigValidation';
import { FunctionsListing, isFunctionConfigPath, listFunctions } from './functionsIndex';

export interface FunctionConfigRequest {
  readonly doc: ConnectorDocument;
  readonly ctx: FunctionConfigContext;
  readonly project: ProjectConfig;
}

export class FunctionConfigWorkspace {
  /** Listing per functions folder, until something under it changes on disk. */
  private listings = new Map<string, FunctionsListing>();

  constructor(
    private readonly fs: FileSystem,
    private readonly workspace: ConnectorWorkspace,
    private readonly catalog: Catalog,
  ) {}

  /** After the projects were found again (a config changed): forget everything derived from them. */
  reset(): void {
    this.listings.clear();
  }

  /** Projects whose functions folder holds `file` (any file: an entry file appearing changes diagnostics too). */
  projectsOfFile(file: string): ProjectConfig[] {
    const resolved = path.resolve(file);
    return this.workspace.allProjects().filter((project) => isUnder(resolved, project.functionsDir));
  }

  /** Something under a functions folder appeared, changed or disappeared on disk. */
  fileChangedOnDisk(file: string): void {
    const resolved = path.resolve(file);
    for (const dir of [...this.listings.keys()]) if (isUnder(resolved, dir)) this.listings.delete(dir);
  }

  /** The function config behind a request, with what the features need; undefined for any other file. */
  request(file: string): FunctionConfigRequest | undefined {
    const resolved = path.resolve(file);
    for (const project of this.workspace.allProjects()) {
      if (!isFunctionConfigPath(resolved, project.functionsDir)) continue;
      const entry = this.workspace.getEntry(resolved);
      if (!entry) return undefined;
      return { doc: entry.doc, ctx: this.contextFor(project, resolved), project };
    }
    return undefined;
  }

  /** Is `file` inside one of the functions folders of these projects (to clear diagnostics of deleted files)? */
  inFunctionsDirOf(projects: readonly ProjectConfig[], file: string): boolean {
    return projects.some((project) => isUnder(file, project.functionsDir));
  }

  validateProject(project: ProjectConfig): Map<string, Diagnostic[]> {
    const result = new Map<string, Diagnostic[]>();
    const listing = this.listing(project);
    const connectorTypes = this.workspace.connectorTypes(project);
    const names = new Map<string, { file: string; doc?: ConnectorDocument; node?: JsonNode }[]>();
    for (const file of listing.configs) {
      const entry = this.workspace.getEntry(file);
      if (!entry) continue;
      result.set(file, validateFunctionConfig(entry.doc, this.contextFor(project, file, connectorTypes)));
      const accepted = acceptedFunctionName(entry.doc);
      if (accepted) push(names, accepted.name, { file, doc: entry.doc, node: accepted.node });
    }
    for (const [name, entryFile] of listing.zeroConfig) push(names, name, { file: entryFile });
    for (const [name, users] of names) {
      if (users.length < 2) continue;
      for (const user of users) {
        if (!user.doc || !user.node) continue;
        const others = users
          .filter((other) => other !== user)
          .map((other) => ({
            uri: this.workspace.uriOf(other.file),
            range: other.doc && other.node ? nodeRange(other.doc.document, other.node) : Range.create(0, 0, 0, 0),
            label: path.relative(path.dirname(user.file), other.file).split(path.sep).join('/'),
          }));
        result.get(user.file)!.push(duplicateNameDiagnostic(user.doc, user.node, name, others));
      }
    }
    return result;
  }

  private listing(project: ProjectConfig): FunctionsListing {
    const dir = project.functionsDir;
    let listing = this.listings.get(dir);
    if (!listing) {
      listing = listFunctions(this.fs, dir);
      this.listings.set(dir, listing);
    }
    return listing;
  }

  private contextFor(
    project: ProjectConfig,
    file: string,
    connectorTypes = this.workspace.connectorTypes(project),
  ): FunctionConfigContext {
    return {
      catalog: this.catalog,
      file,
      exists: (p) => (this.fs.exists ? this.fs.exists(p) : this.fs.isFile(p)),
      connectorTypes,
      connectorsDir: project.connectorsDir,
    };
  }
}

function isUnder(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
