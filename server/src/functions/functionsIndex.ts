/**
 * Which backend functions a project has, found exactly as CLI 0.1.18 finds them
 * (`core/resources/function/config.ts`, `readAllFunctions`):
 * - every `function.json` / `function.jsonc` at any depth under `functionsDir` (globby: hidden folders skipped)
 *   is a function; its `entry` is relative to that file's folder;
 * - with no config file in its folder, every `entry.ts` / `entry.js` at any depth is a function named after its
 *   folder, unless a folder of its path (below functionsDir) has a dot in its name (`**\/*.*\/**` is ignored);
 * - a function bundles every `*.{js,ts,json,jsonc}` of its folder (any depth) plus all of `base44/shared/`
 *   (`<functionsDir>/../shared`).
 * Here only the code matters: the `.js` / `.ts` files (and the entry, whatever its extension) whose connector calls
 * run in production. The function config is read tolerantly (JSON5, name / entry / automations' integration_type
 * only); whether the CLI accepts it is checked elsewhere (functionConfigValidation.ts, on the files `listFunctions`
 * finds: the same walk).
 */
import * as path from 'node:path';
import { findProperty, nodeValue } from '../parser/jsonNavigation';
import { parseJson5 } from '../parser/json5Parser';
import type { FileSystem } from '../project/projectConfig';

export const FUNCTION_CONFIG_NAMES = ['function.json', 'function.jsonc'] as const;
const ENTRY_NAMES = ['entry.js', 'entry.ts'] as const;
/** A pathological tree (a node_modules under functions/) must not stall the server. */
const MAX_FOLDERS = 20_000;

export interface ConnectorAutomation {
  /** `integration_type` of a `{ type: "connector" }` automation, and where it is written in the config. */
  readonly type: string;
  readonly offset: number;
  readonly length: number;
}

export interface FunctionInfo {
  /** The function's name: the config's `name`, or the folder's path below functionsDir (zero-config). */
  readonly name: string;
  /** The folder the function's code is bundled from. */
  readonly dir: string;
  /** Its `function.json(c)`, if it has one. */
  readonly configPath?: string;
  /** The entry file (may not exist: the CLI then refuses the project). */
  readonly entryPath?: string;
  readonly automations: readonly ConnectorAutomation[];
}

export interface ProjectFunctions {
  readonly functionsDir: string;
  readonly sharedDir: string;
  readonly functions: readonly FunctionInfo[];
  /** Every code file a function bundles → the names of the functions bundling it (shared files: all of them). */
  readonly codeFiles: ReadonlyMap<string, readonly string[]>;
}

/** Is this a code file the bundler takes (`*.js` / `*.ts`, not hidden)? */
export function isFunctionCodeName(name: string): boolean {
  return !name.startsWith('.') && (name.endsWith('.ts') || name.endsWith('.js'));
}

/** Is `file` a function config of the functions folder `functionsDir` (any depth, no hidden folder)? */
export function isFunctionConfigPath(file: string, functionsDir: string): boolean {
  if (!(FUNCTION_CONFIG_NAMES as readonly string[]).includes(path.basename(file))) return false;
  const rel = path.relative(functionsDir, path.dirname(file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
  return rel === '' || rel.split(path.sep).every((segment) => !segment.startsWith('.'));
}

/** A folder under functionsDir with its file names (`rel`: its path below functionsDir, with "/"). */
interface FunctionsFolder {
  readonly dir: string;
  readonly rel: string;
  readonly files: string[];
}

/** Every folder under functionsDir, depth-first and pre-order as globby walks it (hidden folders skipped). */
function functionsFolders(fs: FileSystem, functionsDir: string, budget: { folders: number }): FunctionsFolder[] {
  const folders: FunctionsFolder[] = [];
  walk(fs, functionsDir, '', budget, (dir, rel, files) => folders.push({ dir, rel, files }));
  return folders;
}

/** The folder's function configs, or with none its zero-config entry files (see the module comment). */
function functionFilesIn(folder: FunctionsFolder): { configs: string[]; entries: string[] } {
  const configs = FUNCTION_CONFIG_NAMES.filter((name) => folder.files.includes(name));
  // Zero-config: the CLI refuses an entry directly in functionsDir; a dotted folder hides it.
  const hidden = folder.rel === '' || folder.rel.split('/').some((segment) => segment.includes('.'));
  const entries = configs.length > 0 || hidden ? [] : ENTRY_NAMES.filter((name) => folder.files.includes(name));
  return { configs: configs.map((name) => path.join(folder.dir, name)), entries };
}

export interface FunctionsListing {
  /** Function config files, sorted. */
  readonly configs: string[];
  /** Zero-config functions: name (folder path relative to functionsDir, with "/") -> its first entry file. */
  readonly zeroConfig: Map<string, string>;
}

/** The function config files and zero-config functions of a functions folder, without reading any file. */
export function listFunctions(fs: FileSystem, functionsDir: string): FunctionsListing {
  const configs: string[] = [];
  const zeroConfig = new Map<string, string>();
  for (const folder of functionsFolders(fs, functionsDir, { folders: MAX_FOLDERS })) {
    const found = functionFilesIn(folder);
    configs.push(...found.configs);
    if (found.entries.length > 0) zeroConfig.set(folder.rel, path.join(folder.dir, found.entries[0]));
  }
  configs.sort();
  return { configs, zeroConfig };
}

/** Discovers the functions of a project and the code files each one bundles. Never throws. */
export function discoverFunctions(
  fs: FileSystem,
  functionsDir: string,
  readText: (file: string) => string | undefined,
): ProjectFunctions {
  const functions: FunctionInfo[] = [];
  const budget = { folders: MAX_FOLDERS };
  /** One listing serves discovery and bundling. */
  const listing = functionsFolders(fs, functionsDir, budget);
  for (const folder of listing) {
    const { configs, entries } = functionFilesIn(folder);
    for (const config of configs) functions.push(readFunctionConfig(config, folder.dir, readText));
    for (const entry of entries) {
      functions.push({ name: folder.rel, dir: folder.dir, entryPath: path.join(folder.dir, entry), automations: [] });
    }
  }

  const sharedDir = path.resolve(functionsDir, '..', 'shared');
  const shared = codeFilesUnder(fs, sharedDir, budget);
  const codeFiles = new Map<string, string[]>();
  const add = (file: string, name: string) => {
    const names = codeFiles.get(file);
    if (!names) codeFiles.set(file, [name]);
    else if (!names.includes(name)) names.push(name);
  };
  const byDir = new Map<string, string[]>();
  const listingIndex = new Map(listing.map((folder, index) => [folder.dir, index]));
  for (const fn of functions) {
    let files = byDir.get(fn.dir);
    if (!files) {
      const prefix = fn.dir + path.sep;
      files = [];
      // The walk is depth-first, pre-order: a folder's subtree follows it in the listing.
      for (let i = listingIndex.get(fn.dir) ?? -1; i >= 0 && i < listing.length; i++) {
        const { dir: folder, files: names } = listing[i];
        if (folder !== fn.dir && !folder.startsWith(prefix)) break;
        for (const name of names) if (isFunctionCodeName(name)) files.push(path.join(folder, name));
      }
      byDir.set(fn.dir, files);
    }
    for (const file of files) add(file, fn.name);
    // An entry of another kind (`main.tsx`) or outside the folder runs too.
    if (fn.entryPath && !files.includes(path.normalize(fn.entryPath)) && fs.isFile(fn.entryPath)) {
      add(path.normalize(fn.entryPath), fn.name);
    }
    for (const file of shared) add(file, fn.name);
  }
  return { functionsDir, sharedDir, functions, codeFiles };
}

/** Depth-first over a folder tree as globby walks it (hidden folders skipped), with each folder's file names. */
function walk(
  fs: FileSystem,
  dir: string,
  rel: string,
  budget: { folders: number },
  visit: (dir: string, rel: string, files: string[]) => void,
): void {
  if (--budget.folders < 0) return;
  visit(dir, rel, fs.listFiles(dir));
  for (const name of fs.listFolders(dir).sort()) {
    if (name.startsWith('.')) continue;
    walk(fs, path.join(dir, name), rel ? `${rel}/${name}` : name, budget, visit);
  }
}

function codeFilesUnder(fs: FileSystem, dir: string, budget: { folders: number }): string[] {
  const files: string[] = [];
  walk(fs, dir, '', budget, (folder, _rel, names) => {
    for (const name of names) if (isFunctionCodeName(name)) files.push(path.join(folder, name));
  });
  return files;
}

function readFunctionConfig(
  configPath: string,
  dir: string,
  readText: (file: string) => string | undefined,
): FunctionInfo {
  const text = readText(configPath);
  const root = text === undefined ? undefined : parseJson5(text).root;
  const name = stringProperty(root, 'name')?.trim();
  const entry = stringProperty(root, 'entry');
  const automations: ConnectorAutomation[] = [];
  const list = findProperty(root?.type === 'object' ? root : undefined, 'automations')?.children?.[1];
  for (const item of list?.type === 'array' ? (list.children ?? []) : []) {
    if (item.type !== 'object' || stringProperty(item, 'type') !== 'connector') continue;
    const value = findProperty(item, 'integration_type')?.children?.[1];
    if (value?.type === 'string' && typeof value.value === 'string') {
      automations.push({ type: value.value, offset: value.offset, length: value.length });
    }
  }
  return {
    // A config without a usable name still bundles code: name it after its folder so usages can be shown.
    name: name || path.basename(dir),
    dir,
    configPath,
    ...(entry ? { entryPath: path.join(dir, entry) } : {}),
    automations,
  };
}

function stringProperty(object: ReturnType<typeof parseJson5>['root'], key: string): string | undefined {
  if (object?.type !== 'object') return undefined;
  const value = nodeValue(findProperty(object, key)?.children?.[1]);
  return typeof value === 'string' ? value : undefined;
}
