/**
 * Finds the base44 CLI to run, in this order: the `base44.cli.path` setting (machine scope, so a
 * workspace cannot choose it), the project's `node_modules/.bin/base44`, `base44` on PATH, then
 * `npx --yes base44` once the user has accepted it.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import type { CliCommand } from './runCli';

export type CliSource = 'setting' | 'project' | 'path' | 'npx';

export interface LocateCliOptions {
  /** Value of `base44.cli.path` (machine scope); empty when unset. */
  readonly settingPath?: string;
  /** Project root folders to look for `node_modules/.bin/base44` in (nearest first). */
  readonly projectRoots: readonly string[];
  /** Whether the user agreed to run the CLI through `npx --yes base44`. */
  readonly npxAccepted: boolean;
  /**
   * The folder npm works from for `npx` (`--prefix`): its `.npmrc` is the one npm reads, not the
   * project's (whose registry could serve another "base44"). A folder of the user's own; default home.
   */
  readonly npxPrefix?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
}

export type LocateResult =
  | { readonly found: true; readonly cli: CliCommand & { readonly source: CliSource } }
  | {
      readonly found: false;
      readonly reason: string;
      readonly npxAvailable: boolean;
      readonly settingInvalid?: boolean;
    };

export function locateCli(options: LocateCliOptions): LocateResult {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const setting = options.settingPath?.trim();
  if (setting) {
    const expanded = setting.startsWith('~') ? join(env.HOME ?? env.USERPROFILE ?? '', setting.slice(1)) : setting;
    if (!isAbsolute(expanded)) {
      return {
        found: false,
        reason: `"base44.cli.path" must be an absolute path (it is "${setting}").`,
        npxAvailable: false,
        settingInvalid: true,
      };
    }
    if (!isExecutableFile(expanded, platform)) {
      return {
        found: false,
        reason: `"base44.cli.path" points to ${expanded}, which is not an executable file.`,
        npxAvailable: false,
        settingInvalid: true,
      };
    }
    return { found: true, cli: fromFile(expanded, 'setting', platform, env) };
  }
  for (const root of options.projectRoots) {
    for (const name of binNames('base44', platform)) {
      const candidate = join(root, 'node_modules', '.bin', name);
      if (isExecutableFile(candidate, platform))
        return { found: true, cli: fromFile(candidate, 'project', platform, env) };
    }
  }
  const onPath = findOnPath('base44', env, platform);
  if (onPath) return { found: true, cli: fromFile(onPath, 'path', platform, env) };
  const npx = findOnPath('npx', env, platform);
  if (npx && options.npxAccepted) {
    // The CLI still runs in the project (it finds the project from its working folder); npm resolves,
    // downloads and reads its configuration from the neutral prefix only.
    const base = fromFile(npx, 'npx', platform, env);
    const prefix = options.npxPrefix ?? homedir();
    return {
      found: true,
      cli: { ...base, argsPrefix: [...base.argsPrefix, '--yes', `--prefix=${prefix}`, 'base44'], source: 'npx' },
    };
  }
  return { found: false, reason: 'The base44 CLI is not installed in this project or on PATH.', npxAvailable: !!npx };
}

/** `base44` on PATH (with PATHEXT on Windows), or undefined. */
export function findOnPath(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? '';
  for (const dir of pathVar.split(platform === 'win32' ? ';' : delimiter)) {
    if (!dir || !isAbsolute(dir)) continue; // a relative PATH entry would let the workspace pick the binary
    for (const candidate of binNames(name, platform, env)) {
      const full = join(dir, candidate);
      if (isExecutableFile(full, platform)) return full;
    }
  }
  return undefined;
}

function binNames(name: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform !== 'win32') return [name];
  const exts = (env.PATHEXT ?? '.COM;.EXE;.CMD;.BAT')
    .split(';')
    .filter(Boolean)
    .map((e) => e.toLowerCase());
  return exts.map((e) => name + e);
}

function isExecutableFile(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Node can't spawn a `.cmd` shim without a shell; on Windows run the package's JS entry with `node`
 * from PATH instead (the shim does the same).
 */
function fromFile(
  path: string,
  source: CliSource,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): CliCommand & { source: CliSource } {
  if (platform === 'win32' && /\.(cmd|bat)$/i.test(path)) {
    const node = findOnPath('node', env, platform);
    const base = path.replace(/\.(cmd|bat)$/i, '');
    const name = base.split(/[\\/]/).pop() ?? '';
    const entry =
      name === 'npx'
        ? join(dirname(path), 'node_modules', 'npm', 'bin', 'npx-cli.js')
        : join(dirname(path), 'node_modules', 'base44', 'bin', 'run.js');
    const siblingEntry = join(dirname(path), '..', 'base44', 'bin', 'run.js');
    const js = [entry, siblingEntry].find((p) => isExecutableFile(p, platform));
    if (node && js) return { command: node, argsPrefix: [js], source };
  }
  return { command: path, argsPrefix: [], source };
}

/** Compares dotted versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The oldest CLI whose `connectors ... --json` output this extension understands. */
export const MIN_CLI_VERSION = '0.1.18';

/** Pulls "0.1.18" out of `base44 --version` output. */
export function parseVersion(output: string): string | undefined {
  return /\b(\d+\.\d+\.\d+(?:-[\w.]+)?)\b/.exec(output)?.[1];
}
