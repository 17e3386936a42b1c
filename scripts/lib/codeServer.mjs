// code-server (VS Code 1.139 in a browser) for npm start and npm run test:vscode: installing extensions into
// it, its settings, starting and stopping it, where its logs are.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachePaths, ensureVSCodeCache, missing } from '../vscode-cache.mjs';
import { freePort, killGroup, root, sleep } from './common.mjs';

/**
 * Node 24, code-server and Chromium in .cache/vscode: installed on first use (saying so, it takes minutes), or,
 * with `install: false`, an error naming what is missing.
 */
export function ensureCodeServer(say, { install = true } = {}) {
  const m = missing();
  if (!install) {
    if (m.length) throw new Error(`missing: ${m.join(', ')} (run node scripts/vscode-cache.mjs)`);
    return;
  }
  if (m.length) say(`first use: installing ${m.join(', ')} into .cache/vscode (a few minutes)`);
  ensureVSCodeCache();
}

export function codeServerArgs(p, { userDataDir, extensionsDir }) {
  return [
    p.codeServerEntry,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
}

/** Installs .vsix files into an extensions dir (no server may be using that dir). */
export function installExtensions(vsixes, { userDataDir, extensionsDir }) {
  const p = cachePaths();
  mkdirSync(extensionsDir, { recursive: true });
  for (const vsix of vsixes) {
    const r = spawnSync(
      p.node,
      [...codeServerArgs(p, { userDataDir, extensionsDir }), '--force', '--install-extension', vsix],
      {
        encoding: 'utf8',
        env: { ...process.env, PATH: `${p.nodeBin}:${process.env.PATH}` },
      },
    );
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

/**
 * Starts code-server (Node 24) on 127.0.0.1:<port> in its own process group. Returns
 * { url, port, child, stop(), output() }. `env` is added to the server's (and so the extension host's)
 * environment; `settings`, the profile's settings (written with writeUserSettings first).
 */
export async function startCodeServer({ userDataDir, extensionsDir, settings, env = {}, port, logFile, quiet = true }) {
  const p = cachePaths();
  // base44.cli.path is machine-scoped: writeUserSettings also puts it in Machine/settings.json, the only place
  // code-server's extension host reads it from (it may not inherit this PATH either).
  if (settings) writeUserSettings(userDataDir, settings);
  port = port ?? (await freePort());
  mkdirSync(userDataDir, { recursive: true });
  const args = [
    ...codeServerArgs(p, { userDataDir, extensionsDir }),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--ignore-last-opened',
  ];
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
      else if (/exthost|remoteexthost|Base44|base44/i.test(path) && name.endsWith('.log'))
        found.push({ path, mtime: st.mtimeMs });
    }
  };
  walk(logsDir);
  return found.sort((a, b) => a.mtime - b.mtime);
}
