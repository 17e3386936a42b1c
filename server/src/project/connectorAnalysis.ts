import * as path from 'node:path';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../catalog/types';
import { MAX_CONNECTOR_FILE_BYTES } from '../cliRules';
import { Code, DIAGNOSTIC_SOURCE } from '../features/diagnosticCodes';
import type { ConnectorDocument, FeatureContext, SiblingConnector } from '../features/context';
import { duplicateTypeDiagnostics, validateConnector } from '../features/validation';
import { findProperty, nodeValue } from '../parser/jsonNavigation';
import { parseJson5 } from '../parser/json5Parser';
import type { JsonNode } from '../parser/jsonTree';
import { FileTexts, MAX_DISK_CACHE_CHARS } from './fileTexts';
import type { OversizedFile, ProjectConfig } from './projectConfig';
import type { ProjectIndex } from './projectIndex';
import { pathToUri } from './uris';

/** A connector file with its parse and its own diagnostics, cached until its text changes. */
export interface ConnectorEntry {
  readonly path: string;
  readonly text: string;
  readonly doc: ConnectorDocument;
  /** The editor's URI for the file when it was open as the entry was made (its document is named by it). */
  readonly openUri?: string;
  /** Diagnostics of the file on its own, computed lazily (they depend on its file name, not its siblings). */
  ownDiagnostics?: Diagnostic[];
  /** Set when the file was too large to read or analyse: `doc` is then empty. */
  readonly oversized?: OversizedFile;
}

/**
 * What the server knows of each connector file: its parse (cached while its text is unchanged), its own
 * diagnostics, its folder's one-file-per-type diagnostics, and the name and type of its folder's members.
 * Paths are absolute and normalized.
 */
export class ConnectorAnalysis {
  private entries = new Map<string, ConnectorEntry>();
  /** Per connectors folder: its URI and each file's name and type, for completion and hover (cleared on any change). */
  private folderMembers = new Map<string, { uri: string; members: SiblingConnector[] }>();
  /** Open files edited since their folder's members were listed: their type is re-read on demand. */
  private staleMembers = new Set<string>();

  constructor(
    private readonly index: ProjectIndex,
    private readonly texts: FileTexts,
    private readonly catalog: Catalog,
  ) {}

  /** The projects were found again: folder members are listed again. */
  reindexed(): void {
    this.folderMembers.clear();
    this.staleMembers.clear();
  }

  /** The editor opened or edited a file. */
  edited(file: string, wasOpen: boolean): void {
    const folder = path.dirname(file);
    if (wasOpen && this.folderMembers.has(folder)) {
      // An edit changes at most this file's type: re-read it when a sibling next asks, not per keystroke.
      this.staleMembers.add(file);
    } else {
      this.folderMembers.delete(folder);
    }
  }

  /** The editor closed a file. */
  closed(file: string): void {
    this.folderMembers.delete(path.dirname(file));
  }

  /** A file changed, appeared or disappeared on disk. */
  changedOnDisk(file: string): void {
    this.folderMembers.delete(path.dirname(file));
    if (!this.texts.isOpen(file)) this.entries.delete(file);
  }

  /** The parsed connector file (cached while its text is unchanged). */
  entryOf(file: string): ConnectorEntry | undefined {
    const source = this.texts.readSource(file);
    if (source === undefined) {
      this.entries.delete(file);
      return undefined;
    }
    const cached = this.entries.get(file);
    // The document is named by the editor's URI while the file is open, by the file's own URI when it is not.
    const openUri = this.texts.openUri(file);
    if (typeof source !== 'string') {
      // Not read or not analysed: an empty document that says why, so requests on it answer at once.
      if (cached?.oversized && cached.oversized.size === source.size && cached.openUri === openUri) return cached;
      return this.remember(file, openUri, '', source);
    }
    if (cached && !cached.oversized && cached.text === source && cached.openUri === openUri) return cached;
    return this.remember(file, openUri, source);
  }

  private remember(file: string, openUri: string | undefined, text: string, oversized?: OversizedFile): ConnectorEntry {
    const uri = openUri ?? pathToUri(file);
    const document = TextDocument.create(uri, 'base44-connector', this.texts.version(file), text);
    const entry: ConnectorEntry = {
      path: file,
      text,
      openUri,
      doc: { document, parsed: parseJson5(text) },
      ...(oversized ? { oversized, ownDiagnostics: [oversizedDiagnostic(oversized, openUri !== undefined)] } : {}),
    };
    this.entries.set(file, entry);
    return entry;
  }

  /** The context the features need for one connector file; undefined when no project reads it. */
  featureContext(file: string): FeatureContext | undefined {
    const [project] = this.index.projectsOfConnectorFile(file);
    if (!project) return undefined;
    const fileName = path.basename(file);
    const folder = this.folderOf(project);
    const siblings = folder.members.filter((member) => member.fileName !== fileName);
    return { catalog: this.catalog, folder: { fileName, folderUri: folder.uri, siblings } };
  }

  /** Diagnostics of every connector file of the project, keyed by path: per-file checks plus one-file-per-type. */
  validateProject(project: ProjectConfig): Map<string, Diagnostic[]> {
    const files = this.index.connectorFiles(project);
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
      forDuplicates.push({ uri: entry.doc.document.uri, doc: entry.doc, fileName: path.basename(file), path: file });
    }
    const duplicates = duplicateTypeDiagnostics(forDuplicates);
    for (const item of forDuplicates) {
      const extra = duplicates.get(item.uri);
      if (extra) result.set(item.path, [...result.get(item.path)!, ...extra]);
    }
    return result;
  }

  /** Name and type of every connector file of the project's folder. */
  membersOf(project: ProjectConfig): SiblingConnector[] {
    return this.folderOf(project).members;
  }

  /** The project's connectors folder, cached with its members: requests must not scale with the folder. */
  private folderOf(project: ProjectConfig): { uri: string; members: SiblingConnector[] } {
    let folder = this.folderMembers.get(project.connectorsDir);
    if (!folder) {
      const members = this.index.connectorFiles(project).map((file) => {
        const entry = this.entryOf(file);
        const uri = entry?.doc.document.uri ?? this.texts.uriOf(file);
        return { uri, fileName: path.basename(file), type: entry && declaredType(entry.doc) };
      });
      folder = { uri: pathToUri(project.connectorsDir), members };
      this.folderMembers.set(project.connectorsDir, folder);
    }
    for (const file of this.staleMembers) {
      if (path.dirname(file) !== project.connectorsDir) continue;
      this.staleMembers.delete(file);
      const { members } = folder;
      const index = members.findIndex((member) => member.fileName === path.basename(file));
      const entry = this.entryOf(file);
      if (index >= 0) members[index] = { ...members[index], type: entry && declaredType(entry.doc) };
    }
    return folder;
  }
}

/** The node of the file's `type` value, whatever its kind (JSON5: the last `type` wins). */
export function declaredTypeNode(doc: ConnectorDocument): JsonNode | undefined {
  const root = doc.parsed.root;
  return root?.type === 'object' ? findProperty(root, 'type')?.children?.[1] : undefined;
}

/** The `type` string a file declares, whether or not the rest of the file is valid. */
export function declaredType(doc: ConnectorDocument): string | undefined {
  const value = declaredTypeNode(doc);
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
