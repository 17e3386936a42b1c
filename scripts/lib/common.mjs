// What every script shares: the repository root, running a command, options, logging, processes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `[name] message` lines. */
export const log = (prefix) => (msg) => console.log(`[${prefix}] ${msg}`);

/** Runs a command (argument array, no shell) in the repository, inheriting stdio; throws if it fails. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** The value after `--name` in this script's arguments, if any. */
export function option(name, argv = process.argv.slice(2)) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function tail(text, lines = 60) {
  return text.split('\n').slice(-lines).join('\n');
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function tscCompile() {
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return { ok: r.status === 0, output: (r.stdout || '') + (r.stderr || '') };
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

export function killGroup(child, signal = 'SIGKILL') {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* gone */
    }
  }
}

// esbuild aliases for bundling the product (scripts/build.mjs, and bench/index.mjs's copy of the .vsix's server):
// jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow: bundle its ES modules.
export const BUNDLE_ALIAS = { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' };
