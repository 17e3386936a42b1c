import * as path from 'node:path';
import { isConnectorFileName } from '../cliRules';
import { findProperty } from '../parser/jsonNavigation';
import { parseJson5 } from '../parser/json5Parser';
import type { FileTexts } from './fileTexts';
import { CONFIG_CANDIDATES, FileSystem, ProjectConfig, findConfigInDir, readProjectConfig } from './projectConfig';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.cache', '.vscode-test']);
const SCAN_DEPTH = 5;

/**
 * Which Base44 projects the workspace holds, with their config, and which files are their connector files
 * (exactly those the CLI reads: see cliRules.ts). Paths are absolute and normalized.
 */
export class ProjectIndex {
  private folders: string[] = [];
  /** Projects by config path. */
  private projects = new Map<string, ProjectConfig>();
  /** Folder → config paths whose connectors folder it is (usually one). */
  private connectorFolders = new Map<string, string[]>();
  /** Folders already checked for enclosing projects (see `projectsForFolder`). */
  private searchedFolders = new Set<string>();
  /** Connector file names per connectors folder, as on disk. */
  private folderListing = new Map<string, string[]>();

  constructor(
    private readonly fs: FileSystem,
    private readonly texts: FileTexts,
  ) {}

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
    const folder = path.dirname(file);
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
    for (const open of this.texts.openFiles()) {
      if (path.dirname(open) === dir && isConnectorFileName(path.basename(open)) && this.fs.isFile(open))
        files.add(open);
    }
    return [...files].sort();
  }

  /** A file appeared or disappeared on disk: its folder is listed again. */
  changedOnDisk(file: string): void {
    this.folderListing.delete(path.dirname(file));
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
    const text = this.texts.readText(configPath);
    const project = readProjectConfig(root, configPath, text);
    // A bare `config.json` is a common name: count it only when it looks like a Base44 config (has a name).
    if (bare && !looksLikeBase44Config(text)) return;
    this.projects.set(configPath, project);
    const list = this.connectorFolders.get(project.connectorsDir) ?? [];
    list.push(configPath);
    this.connectorFolders.set(project.connectorsDir, list);
  }
}

function looksLikeBase44Config(text: string | undefined): boolean {
  if (text === undefined) return false;
  const parsed = parseJson5(text);
  if (parsed.root?.type !== 'object') return false;
  return typeof findProperty(parsed.root, 'name')?.children?.[1]?.value === 'string';
}
