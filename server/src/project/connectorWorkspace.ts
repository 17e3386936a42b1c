import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../catalog/types';
import type { ConnectorDocument, FeatureContext } from '../features/context';
import { ConnectorAnalysis, ConnectorEntry } from './connectorAnalysis';
import type { OpenDocument } from './documentStore';
import { FileTexts } from './fileTexts';
import type { FileSystem, ProjectConfig } from './projectConfig';
import { ProjectIndex } from './projectIndex';

/**
 * The server's model of the workspace, as the features use it: the project index (projectIndex.ts), the files'
 * texts (fileTexts.ts) and the connector analysis (connectorAnalysis.ts), kept in step as documents open, change
 * and close and files change on disk. Files are named by absolute path (URIs are the protocol's, in startServer.ts).
 */
export class ConnectorWorkspace {
  private readonly texts: FileTexts;
  private readonly index: ProjectIndex;
  private readonly analysis: ConnectorAnalysis;

  constructor(fs: FileSystem, catalog: Catalog) {
    this.texts = new FileTexts(fs);
    this.index = new ProjectIndex(fs, this.texts);
    this.analysis = new ConnectorAnalysis(this.index, this.texts, catalog);
  }

  // ---- projects (projectIndex.ts) ----------------------------------------------------------------

  setWorkspaceFolders(folders: readonly string[]): void {
    this.index.setWorkspaceFolders(folders);
    this.analysis.reindexed();
  }

  /** Finds every project again (after a config file changed, appeared or disappeared). */
  reindex(): void {
    this.index.reindex();
    this.analysis.reindexed();
  }

  allProjects(): ProjectConfig[] {
    return this.index.allProjects();
  }

  isConfigFile(file: string): boolean {
    return this.index.isConfigFile(file);
  }

  /** The projects whose connectors folder holds this file, when the CLI would read it as a connector. */
  projectsOfConnectorFile(file: string): ProjectConfig[] {
    return this.index.projectsOfConnectorFile(path.resolve(file));
  }

  /** Connector files of a project: the folder's files on disk plus unsaved open ones, sorted. */
  connectorFiles(project: ProjectConfig): string[] {
    return this.index.connectorFiles(project);
  }

  // ---- documents (fileTexts.ts) ------------------------------------------------------------------

  /** Called on open and on every edit: the document's text is now the editor's. */
  openDocument(file: string, document: OpenDocument): void {
    const resolved = path.resolve(file);
    this.analysis.edited(resolved, this.texts.open(resolved, document));
  }

  closeDocument(file: string): void {
    const resolved = path.resolve(file);
    this.texts.close(resolved);
    this.analysis.closed(resolved);
  }

  /** A file changed, appeared or disappeared on disk. */
  fileChangedOnDisk(file: string): void {
    const resolved = path.resolve(file);
    this.texts.changedOnDisk(resolved);
    this.index.changedOnDisk(resolved);
    this.analysis.changedOnDisk(resolved);
  }

  /** The file's text (the editor's when open), undefined when it cannot be read or is too large. */
  readText(file: string): string | undefined {
    return this.texts.readText(file);
  }

  /** The editor's document for a file, when it is open, as a TextDocument (made once per version). */
  openTextDocument(file: string): TextDocument | undefined {
    return this.texts.openTextDocument(path.resolve(file));
  }

  /** The URI the editor uses for this file when it is open, else the file's own URI. */
  uriOf(file: string): string {
    return this.texts.uriOf(file);
  }

  // ---- connector files (connectorAnalysis.ts) ----------------------------------------------------

  /** The parsed connector file (cached while its text is unchanged). */
  getEntry(file: string): ConnectorEntry | undefined {
    return this.analysis.entryOf(path.resolve(file));
  }

  /**
   * A connector file with what the features need to answer a request on it; undefined for any other file.
   * `file` is absolute and normalized (uriToPath's): this runs on every request.
   */
  connectorRequest(file: string): { doc: ConnectorDocument; context: FeatureContext } | undefined {
    const context = this.analysis.featureContext(file);
    const entry = context && this.analysis.entryOf(file);
    return entry && context ? { doc: entry.doc, context } : undefined;
  }

  /** The types the project's connector files declare (from the folder's cached members). */
  connectorTypes(project: ProjectConfig): Set<string> {
    const types = new Set<string>();
    for (const member of this.analysis.membersOf(project)) if (member.type !== undefined) types.add(member.type);
    return types;
  }

  /** Diagnostics of every connector file of the project, keyed by path: per-file checks plus one-file-per-type. */
  validateProject(project: ProjectConfig): Map<string, Diagnostic[]> {
    return this.analysis.validateProject(project);
  }
}
