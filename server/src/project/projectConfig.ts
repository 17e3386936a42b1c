import * as path from 'node:path';
import { parseJson5 } from '../parser/json5Parser';
import { nodeValue } from '../parser/jsonNavigation';

/**
 * Where the Base44 CLI looks for a project's config, in the order its globby returns them (`.json` sorts
 * before `.jsonc`): the nearest ancestor folder holding one of these is the project root.
 */
export const CONFIG_CANDIDATES = ['base44/config.json', 'base44/config.jsonc', 'config.json', 'config.jsonc'] as const;

const DEFAULT_CONNECTORS_DIR = 'connectors';
const DEFAULT_FUNCTIONS_DIR = 'functions';

export interface ProjectConfig {
  /** Folder the CLI runs in (holds `base44/` or the config file). */
  readonly root: string;
  readonly configPath: string;
  /** Absolute, normalized connectors folder. */
  readonly connectorsDir: string;
  /** Absolute, normalized backend functions folder (`functionsDir`, default "functions", joined like connectorsDir). */
  readonly functionsDir: string;
  /** Why the CLI would refuse this config, if it would. Connectors are still checked against the default folder. */
  readonly configError?: string;
}

/** A file not read because it is larger than MAX_CONNECTOR_FILE_BYTES (`size` in bytes, or a lower bound). */
export interface OversizedFile {
  readonly oversized: true;
  readonly size: number;
  /** Not read because the files read before it already used the server's total budget. */
  readonly overTotal?: boolean;
}

/** Minimal file system the project model needs; tests and the server pass the real one. */
export interface FileSystem {
  /** The text of a regular file (following links); undefined when missing, unreadable or not a regular file. */
  readFile(file: string): string | OversizedFile | undefined;
  isFile(file: string): boolean;
  /** Names of the entries of a folder that are files (following links), or [] when it is not readable. */
  listFiles(dir: string): string[];
  /** Names of the sub-folders of a folder, or [] when it is not readable. */
  listFolders(dir: string): string[];
  /** Whether anything (file or folder) is at this path, like the CLI's `fs.access` check. Default: isFile. */
  exists?(file: string): boolean;
}

/** The config file of the project whose root is `dir`, if `dir` is a project root. */
export function findConfigInDir(fs: FileSystem, dir: string): string | undefined {
  for (const candidate of CONFIG_CANDIDATES) {
    const file = path.join(dir, candidate);
    if (fs.isFile(file)) return file;
  }
  return undefined;
}

/** Reads `connectorsDir` the way the CLI's ProjectConfigSchema does (JSON5; default "connectors"). */
export function readProjectConfig(root: string, configPath: string, text: string | undefined): ProjectConfig {
  const configDir = path.dirname(configPath);
  let functionsDir = DEFAULT_FUNCTIONS_DIR;
  const withDir = (dir: string, configError?: string): ProjectConfig => ({
    root,
    configPath,
    // The CLI joins (not resolves): "/conn" means <config dir>/conn, "" the config's own folder.
    connectorsDir: path.join(configDir, dir),
    functionsDir: path.join(configDir, functionsDir),
    ...(configError ? { configError } : {}),
  });
  if (text === undefined) return withDir(DEFAULT_CONNECTORS_DIR, `Cannot read ${configPath}.`);
  const parsed = parseJson5(text);
  if (parsed.errors.length > 0 || !parsed.root) {
    const message = parsed.errors[0]?.message ?? 'empty file';
    return withDir(DEFAULT_CONNECTORS_DIR, `${path.basename(configPath)} is not valid JSON5 (${message}).`);
  }
  const config = nodeValue(parsed.root);
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return withDir(DEFAULT_CONNECTORS_DIR, `${path.basename(configPath)} must contain an object.`);
  }
  const { connectorsDir, name } = config as Record<string, unknown>;
  const functions = (config as Record<string, unknown>).functionsDir;
  if (typeof functions === 'string') functionsDir = functions;
  const nameError =
    typeof name === 'string' && name.length > 0 ? undefined : `${path.basename(configPath)} needs a non-empty "name".`;
  if (connectorsDir === undefined) return withDir(DEFAULT_CONNECTORS_DIR, nameError);
  if (typeof connectorsDir !== 'string') {
    return withDir(DEFAULT_CONNECTORS_DIR, `"connectorsDir" in ${path.basename(configPath)} must be a string.`);
  }
  return withDir(connectorsDir, nameError);
}
