import * as path from 'node:path';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../catalog/types';
import { isConnectorFileName, MAX_CONNECTOR_FILE_BYTES } from '../cliRules';
import { Code, DIAGNOSTIC_SOURCE } from '../features/diagnosticCodes';
import type { ConnectorDocument, FeatureContext, SiblingConnector } from '../features/context';
import { duplicateTypeDiagnostics, validateConnector } from '../features/validation';
import { findProperty, nodeValue } from '../parser/jsonNavigation';
import { parseJson5 } from '../parser/json5Parser';
import type { OpenDocument } from './documentStore';
import { pathToUri } from './uris';
import {
  CONFIG_CANDIDATES,
  FileSystem,
  ProjectConfig,
  findConfigInDir,
  OversizedFile,
  readProjectConfig,
} from './projectConfig';

/** A connector file with its parse and its own diagnostics, cached until its text changes. */
interface ConnectorEntry {
  readonly path: string;
  readonly text: string;
  readonly doc: ConnectorDocument;
  /** Diagnostics of the file on its own, computed lazily (they depend on its file name, not its siblings). */
  ownDiagnostics?: Diagnostic[];
  /** Set when the file was too large to read or analyse: `doc` is then empty. */
  readonly oversized?: OversizedFile;
}

/**
 * Most text kept from files on disk, all files together (each is at most MAX_CONNECTOR_FILE_BYTES): past it,
 * files are reported as not read, so a folder of thousands of big files cannot fill the server's memory.
 */
export const MAX_DISK_CACHE_CHARS = 32 * 1024 * 1024;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.cache', '.vscode-test']);
const SCAN_DEPTH = 5;

/**
 * The server's model of the workspace: which Base44 projects exist, which files are their connector files
 * (exactly those the CLI reads), and each file's text (the editor's, when open, else the disk's).
 * Parses are cached by text, so an unchanged document is never parsed twice.
 */
export class ConnectorWorkspace {
  private folders: string[] = [];
  /** Projects by config path. */
  private projects = new Map<string, ProjectConfig>();
  /** Folder → config paths whose connectors folder it is (usually one). */
  private connectorFolders = new Map<string, string[]>();
  /** Folders already checked for enclosing projects (see `projectsForFolder`). */
  private searchedFolders = new Set<string>();
  private openDocuments = new Map<string, OpenDocument>();
  private diskCache = new Map<string, string | OversizedFile | undefined>();
  /** Characters of text held by `diskCache`. */
  private diskCacheChars = 0;
  private folderListing = new Map<string, string[]>();
  private entries = new Map<string, ConnectorEntry>();
  /** Per connectors folder: every file's name and type, for completion and hover (cleared on any change). */
  private folderMembers = new Map<string, SiblingConnector[]>();
  /** Open files edited since their folder's members were listed: their type is re-read on demand. */
  private staleMembers = new Set<string>();

  constructor(
    private readonly fs: FileSystem,
    private readonly catalog: Catalog,
  ) {}

  // ---- workspace and projects -------------------------------------------------------------------

  setWorkspaceFolders(folders: readonly string[]): void {
    this.folders = folders.map((f) => path.resolve(f));
    this.reindex();
  }

  /** Finds every project again (after a config file changed, appeared or disappeared). */
  reindex(): void {
    this.projects.clear();
    this.connectorFolders.clear();
    this.searchedFolders.clear();
    this.folderListing.clear();
    this.folderMembers.clear();
    this.staleMembers.clear();
    for (const folder of this.folders) {
      this.projectsForFolder(folder); // a config above the workspace folder counts too
      this.scan(folder, 0);
    }
  }

  allProjects(): ProjectConfig[] {
    return [...this.projects.values()].sort((a, b) => a.root.localeCompare(b.root));
  }

  isConfigFile(file: string): boolean {
    return CONFIG_CANDIDATES.some((candidate) => file.endsWith(path.sep + candidate.split('/').join(path.sep)));
  }

  /** The projects whose connectors folder holds this file, when the CLI would read it as a connector. */
  projectsOfConnectorFile(file: string): ProjectConfig[] {
    if (!isConnectorFileName(path.basename(file))) return [];
    const folder = path.dirname(path.resolve(file));
    this.projectsForFolder(folder);
    return (this.connectorFolders.get(folder) ?? []).map((config) => this.projects.get(config)!);
  }

  /** Connector files of a project: the folder's files on disk plus unsaved open ones, sorted. */
  connectorFiles(project: ProjectConfig): string[] {
    const dir = project.connectorsDir;
    let names = this.folderListing.get(dir);
    if (!names) {
      names = this.fs.listFiles(dir).filter(isConnectorFileName);
      this.folderListing.set(dir, names);
    }
    // Names read from the folder: joining is plain concatenation (dir is already normalized).
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    const files = new Set(names.map((name) => prefix + name));
    for (const open of this.openDocuments.keys()) {
      if (path.dirname(open) === dir && isConnectorFileName(path.basename(open)) && this.fs.isFile(open))
        files.add(open);
    }
    return [...files].sort();
  }

  /**
   * Walks up from `folder` registering every project whose config sits in an ancestor: the CLI can be run
   * from any of them, and each one's connectorsDir may point at `folder`.
   */
  private projectsForFolder(folder: string): void {
    let current = folder;
    for (;;) {
      if (this.searchedFolders.has(current)) return;
      this.searchedFolders.add(current);
      const config = findConfigInDir(this.fs, current);
      if (config) this.addProject(config);
      const parent = path.dirname(current);
      if (parent === current) return;
      current = parent;
    }
  }

  private scan(folder: string, depth: number): void {
    const config = findConfigInDir(this.fs, folder);
    if (config) this.addProject(config);
    if (depth >= SCAN_DEPTH) return;
    // A project's own base44/ folder (connectors, functions, entities...) holds no other project.
    const ownBase44 = config && path.basename(path.dirname(config)) === 'base44' ? 'base44' : undefined;
    for (const name of this.fs.listFolders(folder)) {
      if (name.startsWith('.') || SKIPPED_FOLDERS.has(name) || name === ownBase44) continue;
      this.scan(path.join(folder, name), depth + 1);
    }
  }

  private addProject(configPath: string): void {
    if (this.projects.has(configPath)) return;
    const configDir = path.dirname(configPath);
    // `base44/config.jsonc` belongs to the folder above `base44/`: that is where the CLI is run.
    const root =
      path.basename(configDir) === 'base44' && path.basename(configPath).startsWith('config.')
        ? path.dirname(configDir)
        : configDir;
    const bare = root === configDir;
    const text = this.readText(configPath);
    const project = readProjectConfig(root, configPath, text);
    // A bare `config.json` is a common name: count it only when it looks like a Base44 config (has a name).
    if (bare && !looksLikeBase44Config(text)) return;
    this.projects.set(configPath, project);
    const list = this.connectorFolders.get(project.connectorsDir) ?? [];
    list.push(configPath);
    this.connectorFolders.set(project.connectorsDir, list);
  }

  // ---- documents --------------------------------------------------------------------------------

  /** Called on open and on every edit: the document's text is now the editor's. */
  openDocument(file: string, document: OpenDocument): void {
    const resolved = path.resolve(file);
    const wasOpen = this.openDocuments.has(resolved);
    this.openDocuments.set(resolved, document);
    const folder = path.dirname(resolved);
    if (wasOpen && this.folderMembers.has(folder)) {
      // An edit changes at most this file's type: re-read it when a sibling next asks, not per keystroke.
      this.staleMembers.add(resolved);
    } else {
      this.folderMembers.delete(folder);
    }
  }

  /** The editor's document for a file, when it is open, as a TextDocument (made once per version). */
  openTextDocument(file: string): TextDocument | undefined {
    const open = this.openDocuments.get(path.resolve(file));
    if (!open || open.dropped) return undefined;
    const made = this.openTextDocuments.get(open);
    if (made?.version === open.version) return made;
    const document = TextDocument.create(open.uri, open.languageId, open.version, open.getText());
    this.openTextDocuments.set(open, document);
    return document;
  }

  private readonly openTextDocuments = new WeakMap<OpenDocument, TextDocument>();

  closeDocument(file: string): void {
    const resolved = path.resolve(file);
    this.openDocuments.delete(resolved);
    this.folderMembers.delete(path.dirname(resolved));
  }

  /** A file changed, appeared or disappeared on disk. */
  fileChangedOnDisk(file: string): void {
    const resolved = path.resolve(file);
    const folder = path.dirname(resolved);
    this.forgetDiskText(resolved);
    this.folderListing.delete(folder);
    this.folderMembers.delete(folder);
    if (!this.openDocuments.has(resolved)) this.entries.delete(resolved);
  }

  /** The file's text (the editor's when open), undefined when it cannot be read or is too large. */
  readText(file: string): string | undefined {
    const source = this.readSource(file);
    return typeof source === 'string' ? source : undefined;
  }

  /** The file's text, or why it is not analysed: larger than MAX_CONNECTOR_FILE_BYTES (editor or disk). */
  private readSource(file: string): string | OversizedFile | undefined {
    const open = this.openDocuments.get(file);
    if (open) {
      // Measured in characters for the editor's text: close enough to bytes for a limit this far from real files.
      if (open.dropped || open.length > MAX_CONNECTOR_FILE_BYTES) return { oversized: true, size: open.length };
      return open.getText();
    }
    if (!this.diskCache.has(file)) {
      let source = this.fs.readFile(file);
      if (typeof source === 'string') {
        if (this.diskCacheChars + source.length > MAX_DISK_CACHE_CHARS) {
          source = { oversized: true, size: source.length, overTotal: true };
        } else {
          this.diskCacheChars += source.length;
        }
      }
      this.diskCache.set(file, source);
    }
    return this.diskCache.get(file);
  }

  private forgetDiskText(file: string): void {
    const cached = this.diskCache.get(file);
    if (typeof cached === 'string') this.diskCacheChars -= cached.length;
    this.diskCache.delete(file);
  }

  /** The parsed connector file (cached while its text is unchanged). */
  getEntry(file: string): ConnectorEntry | undefined {
    return this.entryOf(path.resolve(file));
  }

  /** `getEntry` for a path already absolute and normalized (a folder listing's). */
  private entryOf(resolved: string): ConnectorEntry | undefined {
    const source = this.readSource(resolved);
    if (source === undefined) {
      this.entries.delete(resolved);
      return undefined;
    }
    const cached = this.entries.get(resolved);
    const open = this.openDocuments.get(resolved);
    const uri = open?.uri ?? pathToUri(resolved);
    if (typeof source !== 'string') {
      // Not read or not analysed: an empty document that says why, so requests on it answer at once.
      if (cached?.oversized && cached.oversized.size === source.size && cached.doc.document.uri === uri) return cached;
      const document = TextDocument.create(uri, 'base44-connector', open?.version ?? 0, '');
      const entry: ConnectorEntry = {
        path: resolved,
        text: '',
        doc: { document, parsed: parseJson5('') },
        oversized: source,
        ownDiagnostics: [oversizedDiagnostic(source, open !== undefined)],
      };
      this.entries.set(resolved, entry);
      return entry;
    }
    if (cached && !cached.oversized && cached.text === source && cached.doc.document.uri === uri) return cached;
    const document = TextDocument.create(uri, 'base44-connector', open?.version ?? 0, source);
    const entry: ConnectorEntry = { path: resolved, text: source, doc: { document, parsed: parseJson5(source) } };
    this.entries.set(resolved, entry);
    return entry;
  }

  /** The context the features need for one connector file. */
  featureContext(file: string): FeatureContext | undefined {
    const resolved = path.resolve(file);
    const [project] = this.projectsOfConnectorFile(resolved);
    if (!project) return undefined;
    const fileName = path.basename(resolved);
    const siblings = this.membersOf(project).filter((member) => member.fileName !== fileName);
    return {
      catalog: this.catalog,
      folder: { fileName: path.basename(resolved), folderUri: pathToUri(project.connectorsDir), siblings },
    };
  }

  /** Name and type of every connector file of the project's folder, cached: requests must not scale with it. */
  private membersOf(project: ProjectConfig): SiblingConnector[] {
    let members = this.folderMembers.get(project.connectorsDir);
    if (!members) {
      members = this.connectorFiles(project).map((file) => {
        const entry = this.getEntry(file);
        return { uri: this.uriOf(file), fileName: path.basename(file), type: entry && declaredType(entry.doc) };
      });
      this.folderMembers.set(project.connectorsDir, members);
    }
    for (const file of this.staleMembers) {
      if (path.dirname(file) !== project.connectorsDir) continue;
      this.staleMembers.delete(file);
      const index = members.findIndex((member) => member.fileName === path.basename(file));
      const entry = this.getEntry(file);
      if (index >= 0) members[index] = { ...members[index], type: entry && declaredType(entry.doc) };
    }
    return members;
  }

  /** The URI the editor uses for this file when it is open, else the canonical file URI. */
  uriOf(file: string): string {
    return this.openDocuments.get(file)?.uri ?? pathToUri(file);
  }

  /** Diagnostics of every connector file of the project, keyed by path: per-file checks plus one-file-per-type. */
  validateProject(project: ProjectConfig): Map<string, Diagnostic[]> {
    const files = this.connectorFiles(project);
    const result = new Map<string, Diagnostic[]>();
    const forDuplicates: { uri: string; doc: ConnectorDocument; fileName: string; path: string }[] = [];
    const context: FeatureContext = {
      catalog: this.catalog,
      folder: { fileName: '', folderUri: pathToUri(project.connectorsDir), siblings: [] },
    };
    for (const file of files) {
      const entry = this.entryOf(file);
      if (!entry) continue;
      if (!entry.ownDiagnostics) {
        // Per-file checks do not look at siblings, so they can be cached with the entry.
        entry.ownDiagnostics = validateConnector(entry.doc, {
          ...context,
          folder: { ...context.folder, fileName: path.basename(file) },
        });
      }
      result.set(file, entry.ownDiagnostics);
      forDuplicates.push({ uri: this.uriOf(file), doc: entry.doc, fileName: path.basename(file), path: file });
    }
    const duplicates = duplicateTypeDiagnostics(forDuplicates);
    for (const item of forDuplicates) {
      const extra = duplicates.get(item.uri);
      if (extra) result.set(item.path, [...result.get(item.path)!, ...extra]);
    }
    return result;
  }
}

/** The `type` string a file declares (JSON5 last wins), whether or not the rest of the file is valid. */
export function declaredType(doc: ConnectorDocument): string | undefined {
  const root = doc.parsed.root;
  if (root?.type !== 'object') return undefined;
  const value = findProperty(root, 'type')?.children?.[1];
  const type = value && nodeValue(value);
  return typeof type === 'string' ? type : undefined;
}

/** Said on a file the server did not read or analyse, with what the CLI will do with it. */
function oversizedDiagnostic(file: OversizedFile, open: boolean): Diagnostic {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  const what = file.overTotal
    ? `Not checked: the connector files read so far already hold ${mb(MAX_DISK_CACHE_CHARS)}, the most the Base44 extension keeps.`
    : `Not checked: this file is ${open ? 'about ' : ''}${mb(file.size)}, and the Base44 extension reads connector files of ` +
      `at most ${mb(MAX_CONNECTOR_FILE_BYTES)} (a connector file is a few hundred bytes).`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: Code.FileTooLarge,
    source: DIAGNOSTIC_SOURCE,
    message:
      `${what} The Base44 CLI still reads it whole: \`connectors push\` refuses the folder unless it is a valid ` +
      'connector file, and pushes it if it is.',
  };
}

function looksLikeBase44Config(text: string | undefined): boolean {
  if (text === undefined) return false;
  const parsed = parseJson5(text);
  if (parsed.root?.type !== 'object') return false;
  return typeof findProperty(parsed.root, 'name')?.children?.[1]?.value === 'string';
}
