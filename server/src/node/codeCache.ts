/**
 * Loads a CommonJS bundle through V8's code cache: the first start compiles it and, once the server has
 * done its first work, saves the compiled code; later starts skip most of the compiling (about 12 of the
 * language server's ~30 ms of loading). Node 22's `module.enableCompileCache` does the same for
 * `require` and is preferred where it exists (`loadBundle`); this is the fallback for older Node.
 *
 * The cache lives in a folder of the user's own (never a shared temp folder: cached code is code), one
 * file per bundle size + modification time + Node version; V8 checks it again and rejects a mismatch. Any
 * failure falls back to a plain `require`: the cache can only make the start faster, never break it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

type CodeCacheStatus = 'used' | 'created' | 'rejected' | 'off' | 'node';

interface CodeCacheOptions {
  /** Where cache files go; undefined: no cache (plain require). */
  readonly dir: string | undefined;
  /** How long after loading to save the cache, so it includes what the first requests compiled. */
  readonly saveAfterMs?: number;
}

/**
 * The folder for the server's code cache: `BASE44_LS_CACHE_DIR` (absolute; anything else, such as `off`,
 * turns the cache off), else the platform's per-user cache folder.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.BASE44_LS_CACHE_DIR;
  // Only an absolute folder: a relative one would land in whatever folder the editor started the server in,
  // often the user's project.
  if (chosen) return path.isAbsolute(chosen) ? chosen : undefined;
  const home = os.homedir();
  if (process.platform === 'win32')
    return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'base44-connectors', 'cache') : undefined;
  if (process.platform === 'darwin')
    return home ? path.join(home, 'Library', 'Caches', 'base44-connectors') : undefined;
  const xdg =
    env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home && path.join(home, '.cache');
  return xdg ? path.join(xdg, 'base44-connectors') : undefined;
}

/** What Node ≥ 22.1 offers in `node:module` (VS Code's runtime has it; Node 20, which other editors may use, not). */
interface NodeCompileCache {
  enableCompileCache?(dir: string): { status: number };
  flushCompileCache?(): void;
  constants?: { compileCacheStatus?: { FAILED: number; DISABLED: number } };
}

/**
 * Runs the bundle `file`: through Node's own compile cache where Node has one (`module.enableCompileCache`, the
 * same V8 code cache, kept by Node), else through `loadWithCodeCache`. Status 'node': Node's cache is on.
 */
export function loadBundle(file: string, options: CodeCacheOptions): { exports: unknown; status: CodeCacheStatus } {
  const node = Module as unknown as NodeCompileCache;
  if (!options.dir || typeof node.enableCompileCache !== 'function') return loadWithCodeCache(file, options);
  try {
    const dir = path.join(options.dir, 'node-compile-cache');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // private: cached code is code
    const { status } = node.enableCompileCache(dir);
    const codes = node.constants?.compileCacheStatus;
    if (codes && (status === codes.FAILED || status === codes.DISABLED)) return loadWithCodeCache(file, options);
  } catch {
    return loadWithCodeCache(file, options);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is CommonJS, found at run time
  const exports = require(file);
  // Node writes its cache at exit; an editor may kill the server instead, so write it once the first work is done.
  const timer = setTimeout(() => node.flushCompileCache?.(), options.saveAfterMs ?? 1000);
  timer.unref();
  return { exports, status: 'node' };
}

// bench "cold start to first diagnostics" (Node 20: no enableCompileCache): 114 ms → 132 ms without this cache.
/** Runs the bundle `file` as a module (its exports are returned) and says whether the cache served it. */
export function loadWithCodeCache(
  file: string,
  options: CodeCacheOptions,
): { exports: unknown; status: CodeCacheStatus } {
  let prepared: { script: vm.Script; cacheFile: string; hadCache: boolean } | undefined;
  try {
    if (options.dir) prepared = prepare(file, options.dir);
  } catch {
    prepared = undefined; // unreadable bundle or cache folder: a plain require says what is wrong, if anything
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is CommonJS, found at run time
  if (!prepared) return { exports: require(file), status: 'off' };

  const { script, cacheFile, hadCache } = prepared;
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;

  const status: CodeCacheStatus = !hadCache ? 'created' : script.cachedDataRejected ? 'rejected' : 'used';
  if (status !== 'used') {
    const timer = setTimeout(() => save(script, cacheFile), options.saveAfterMs ?? 1000);
    timer.unref(); // a server asked to exit does not wait for its cache
  }
  return { exports: mod.exports, status };
}

function prepare(file: string, dir: string): { script: vm.Script; cacheFile: string; hadCache: boolean } {
  const stat = fs.statSync(file);
  const key = createHash('sha256')
    .update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`)
    .digest('hex')
    .slice(0, 24);
  const cacheFile = path.join(dir, `${path.basename(file, '.js')}-${key}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = fs.readFileSync(file, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  return { script, cacheFile, hadCache: cachedData !== undefined };
}

/** Writes the cache atomically (a half-written file would only be rejected, but why write one). */
function save(script: vm.Script, cacheFile: string): void {
  try {
    const data = script.createCachedData();
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, cacheFile);
    // Caches of earlier builds of the same bundle are dead weight now.
    const prefix = cacheFile.slice(0, cacheFile.lastIndexOf('-') + 1);
    for (const name of fs.readdirSync(path.dirname(cacheFile))) {
      const other = path.join(path.dirname(cacheFile), name);
      if (other !== cacheFile && other.startsWith(prefix) && name.endsWith('.v8cache'))
        fs.rmSync(other, { force: true });
    }
  } catch {
    // A read-only or full disk: the next start compiles again, nothing else changes.
  }
}
