// Shared by `npm run test:vscode` (scripts/test-vscode.mjs), `npm start` (scripts/start.mjs) and
// `npm run package`: build + package the .vsix, install extensions into code-server, start code-server,
// open it in Chromium with playwright-core. Everything lives under the git-ignored `.cache/`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachePaths } from './vscode-cache.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const VSIX = join(root, '.cache', 'base44-connectors.vsix');
const vsceBin = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

export const log = (prefix) => (msg) => console.log(`[${prefix}] ${msg}`);

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** `npm run package`: minified bundles, then `vsce package` -> .cache/base44-connectors.vsix. */
export function packageExtension({ quiet = false } = {}) {
  const stdio = quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit';
  run(process.execPath, ['scripts/build.mjs', '--minify'], { stdio });
  mkdirSync(dirname(VSIX), { recursive: true });
  rmSync(VSIX, { force: true });
  // package.json names the repository, so vsce rewrites README's relative docs/*.png links to GitHub URLs
  // (a string rewrite: works offline) and LICENSE ships; the flags only cover a checkout without them.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const args = [vsceBin, 'package', '--no-dependencies', '-o', VSIX];
  if (!pkg.repository) args.push('--allow-missing-repository', '--no-rewrite-relative-links');
  if (!existsSync(join(root, 'LICENSE')) && !existsSync(join(root, 'LICENSE.md'))) args.push('--skip-license');
  run(process.execPath, args, { stdio });
  return VSIX;
}

/** Packages a plain extension folder (no build step) into `out`. */
export function packageFolder(folder, out, { quiet = true } = {}) {
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  run(process.execPath, [vsceBin, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out], {
    cwd: folder,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  return out;
}

export function codeServerArgs(p, { userDataDir, extensionsDir }) {
  return [p.codeServerEntry, '--disable-telemetry', '--disable-update-check', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

/** Installs .vsix files into an extensions dir (no server may be using that dir). */
export function installExtensions(vsixes, { userDataDir, extensionsDir }) {
  const p = cachePaths();
  mkdirSync(extensionsDir, { recursive: true });
  for (const vsix of vsixes) {
    const r = spawnSync(p.node, [...codeServerArgs(p, { userDataDir, extensionsDir }), '--force', '--install-extension', vsix], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${p.nodeBin}:${process.env.PATH}` },
    });
    if (r.status !== 0 || /failed|error/i.test(r.stderr || '')) {
      throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
  }
}

/** Settings the extension declares with `"scope": "machine"`. */
export const MACHINE_SCOPED = ['base44.cli.path'];

/**
 * Writes the profile's settings. code-server is a remote setup: the extension host reads MACHINE-scoped
 * settings (base44.cli.path) only from <user-data-dir>/Machine/settings.json and ignores them in
 * User/settings.json, so those go to both files (User for desktop VS Code and the Settings UI).
 */
export function writeUserSettings(userDataDir, settings) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
  const machine = Object.fromEntries(Object.entries(settings).filter(([k]) => MACHINE_SCOPED.includes(k)));
  const machineDir = join(userDataDir, 'Machine');
  mkdirSync(machineDir, { recursive: true });
  writeFileSync(join(machineDir, 'settings.json'), JSON.stringify(machine, null, 2));
}

/** Quiet, deterministic workbench (no welcome page, no chat, no update checks). */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'files.autoSave': 'off',
};

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

/**
 * Starts code-server (Node 24) on 127.0.0.1:<port> in its own process group. Returns
 * { url, port, child, stop(), output() }. `env` is added to the server's (and so the extension host's)
 * environment.
 */
export async function startCodeServer({ userDataDir, extensionsDir, env = {}, port, logFile, quiet = true }) {
  const p = cachePaths();
  port = port ?? (await freePort());
  mkdirSync(userDataDir, { recursive: true });
  const args = [...codeServerArgs(p, { userDataDir, extensionsDir }), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--ignore-last-opened'];
  const child = spawn(p.node, args, {
    cwd: root,
    env: { ...process.env, PATH: `${p.nodeBin}:${process.env.PATH}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const onData = (d) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-100_000);
    if (logFile) writeFileSync(logFile, out);
    if (!quiet) process.stdout.write(d);
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited at startup:\n${out}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      killGroup(child);
      throw new Error(`code-server did not answer on ${url} within 90 s:\n${out}`);
    }
    await sleep(300);
  }
  return {
    url,
    port,
    child,
    output: () => out,
    stop: async () => {
      if (exited) return;
      killGroup(child, 'SIGTERM');
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) killGroup(child, 'SIGKILL');
    },
  };
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

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const p = cachePaths();
  return chromium.launch({ executablePath: p.chromium, headless: true, args: CHROMIUM_ARGS });
}

export function workbenchUrl(base, target) {
  const key = target.endsWith('.code-workspace') ? 'workspace' : 'folder';
  return `${base}/?${key}=${encodeURIComponent(target)}`;
}

/** Newest `exthost*.log` texts under the user-data-dir's logs (extension host output). */
export function exthostLogs(userDataDir) {
  const logsDir = join(userDataDir, 'logs');
  const found = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (/exthost|remoteexthost|Base44|base44/i.test(path) && name.endsWith('.log')) found.push({ path, mtime: st.mtimeMs });
    }
  };
  walk(logsDir);
  return found.sort((a, b) => a.mtime - b.mtime);
}

export function tail(text, lines = 60) {
  return text.split('\n').slice(-lines).join('\n');
}

/** Copies a folder to a fresh working copy (pushes / pulls may rewrite files). */
export function freshCopy(from, to) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
  return to;
}

export function tscCompile() {
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  return { ok: r.status === 0, output: (r.stdout || '') + (r.stderr || '') };
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export { execFileSync };

/**
 * A local fake Base44 API (test/support/fakeBase44Api, compiled by tsc into out/) plus a `base44` wrapper
 * in `<workDir>/bin` that runs the real cached CLI against it, logged in as dev@example.com in a throwaway
 * HOME. Returns { api, env (PATH, BASE44_API_URL for code-server), close() }.
 */
export async function startFakeBackend({ workDir, initial }) {
  const { createRequire } = await import('node:module');
  const { chmodSync } = await import('node:fs');
  const fakeApiJs = join(root, 'out', 'test', 'support', 'fakeBase44Api.js');
  const cliJs = join(root, 'out', 'test', 'support', 'base44Cli.js');
  if (!existsSync(fakeApiJs) || !existsSync(cliJs)) throw new Error(`${fakeApiJs} is missing: compile with tsc first`);
  const require = createRequire(import.meta.url);
  const { startFakeApi } = require(fakeApiJs);
  const { makeFakeHome, CLI_ENTRY } = require(cliJs);
  const api = await startFakeApi(initial);
  const home = makeFakeHome();
  const binDir = join(workDir, 'bin');
  mkdirSync(binDir, { recursive: true });
  const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
  const p = cachePaths();
  writeFileSync(
    join(binDir, 'base44'),
    [
      '#!/bin/sh',
      '# The real base44 CLI, logged in as dev@example.com (throwaway HOME), against a local fake Base44 API.',
      `HOME=${q(home)}; export HOME`,
      `BASE44_API_URL=${q(api.url)}; export BASE44_API_URL`,
      'BASE44_DISABLE_TELEMETRY=1; export BASE44_DISABLE_TELEMETRY',
      `BASE44_CLI_TEST_OVERRIDES='{"latestVersion":null}'; export BASE44_CLI_TEST_OVERRIDES`,
      'unset BASE44_API_KEY BASE44_APP_ID',
      `exec ${q(p.node)} ${q(CLI_ENTRY)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(join(binDir, 'base44'), 0o755);
  return {
    api,
    home,
    cliPath: join(binDir, 'base44'),
    env: { PATH: `${binDir}:${p.nodeBin}:${process.env.PATH}`, BASE44_API_URL: api.url, BASE44_DISABLE_TELEMETRY: '1' },
    close: async () => {
      await api.close().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Remote state for demos and UI checks: Google Calendar authorized, Slack waiting for authorization. */
export const DEMO_REMOTE = () => ({
  connectors: new Map([
    ['googlecalendar', { status: 'active', scopes: ['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events'], user_email: 'dev@example.com' }],
    ['slack', { status: 'disconnected', scopes: ['chat:write'] }],
  ]),
});
