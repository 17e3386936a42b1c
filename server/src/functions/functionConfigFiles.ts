/**
 * Which files are function configs, as Base44 CLI 0.1.18 finds them (`core/resources/function/config.ts`):
 * every `function.json` / `function.jsonc` at any depth under `<config folder>/<functionsDir>` (globby
 * `**\/function.{json,jsonc}`: hidden folders skipped, names case-sensitive). Kept small on purpose: the
 * function discovery of the code side can replace it.
 */
import * as path from 'node:path';
import { parseJson5 } from '../parser/json5Parser';
import { nodeValue } from '../parser/jsonNavigation';
import type { FileSystem } from '../project/projectConfig';

export const FUNCTION_CONFIG_NAMES: readonly string[] = ['function.json', 'function.jsonc'];
export const DEFAULT_FUNCTIONS_DIR = 'functions';
/** Zero-config functions: an entry file in a folder without a function config (no dot in any folder name). */
const ENTRY_FILE_NAMES = ['entry.js', 'entry.ts'];
const MAX_DEPTH = 20;

/** The absolute functions folder of a project config (the CLI joins it to the config's folder; default "functions"). */
export function functionsDirOf(configPath: string, configText: string | undefined): string {
  let dir = DEFAULT_FUNCTIONS_DIR;
  if (configText !== undefined) {
    const parsed = parseJson5(configText);
    const config = parsed.errors.length === 0 && parsed.root?.type === 'object' ? nodeValue(parsed.root) : undefined;
    const value = (config as Record<string, unknown> | undefined)?.functionsDir;
    if (typeof value === 'string') dir = value;
  }
  return path.join(path.dirname(configPath), dir);
}

/** Is `file` a function config of the functions folder `functionsDir`? */
export function isFunctionConfigPath(file: string, functionsDir: string): boolean {
  if (!FUNCTION_CONFIG_NAMES.includes(path.basename(file))) return false;
  const rel = path.relative(functionsDir, path.dirname(file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
  return rel === '' || rel.split(path.sep).every((segment) => !segment.startsWith('.'));
}

export interface FunctionsListing {
  /** Function config files, sorted. */
  readonly configs: string[];
  /** Zero-config functions: name (folder path relative to functionsDir, with "/") -> entry file. */
  readonly zeroConfig: Map<string, string>;
}

/** Walks the functions folder the way the CLI's globs do. */
export function listFunctions(fs: FileSystem, functionsDir: string): FunctionsListing {
  const configs: string[] = [];
  const zeroConfig = new Map<string, string>();
  const walk = (dir: string, rel: string[], depth: number) => {
    const files = fs.listFiles(dir);
    const ownConfigs = files.filter((name) => FUNCTION_CONFIG_NAMES.includes(name));
    for (const name of ownConfigs) configs.push(path.join(dir, name));
    if (ownConfigs.length === 0 && rel.length > 0 && rel.every((segment) => !segment.includes('.'))) {
      const entry = ENTRY_FILE_NAMES.find((name) => files.includes(name));
      if (entry) zeroConfig.set(rel.join('/'), path.join(dir, entry));
    }
    if (depth >= MAX_DEPTH) return;
    for (const folder of fs.listFolders(dir)) {
      if (folder.startsWith('.')) continue; // globby's default (dot: false)
      walk(path.join(dir, folder), [...rel, folder], depth + 1);
    }
  };
  walk(functionsDir, [], 0);
  configs.sort();
  return { configs, zeroConfig };
}
