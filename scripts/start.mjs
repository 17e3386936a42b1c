#!/usr/bin/env node
// `npm start`: build, package the .vsix, and open VS Code (code-server 4.139.1 = VS Code 1.139.1, in your
// browser) on 127.0.0.1 with the extension installed and a working copy of examples/sample-app.
//
// Default (demo): push / pull / authorize run the REAL base44 CLI against a local FAKE Base44 API (nothing
// leaves this machine; you are "logged in" as dev@example.com in a throwaway HOME). The fake's OAuth pages
// are local too: opening an authorization link marks that connector authorized.
//
//   npm start                    demo against the local fake API
//   npm start -- --real          no fake API: the extension uses your own `base44` CLI, HOME and login
//                                (real Base44; push / pull change your real app!)
//   npm start -- --port 8080     fixed port (default: a free one)
//   npm start -- --folder <dir>  open another project instead of the sample (not copied)
//   npm start -- --restricted    keep workspace trust on (the folder opens in Restricted Mode)
//   npm start -- --no-build      reuse .cache/base44-connectors.vsix
//
// First use installs Node 24, code-server and Chromium into .cache/ (see scripts/vscode-cache.mjs).
// Stop with Ctrl+C.
import { accessSync, constants, existsSync, rmSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import {
  BASE_SETTINGS,
  ensureCodeServer,
  installExtensions,
  startCodeServer,
  workbenchUrl,
} from './lib/codeServer.mjs';
import { option as opt, root, run, tscCompile } from './lib/common.mjs';
import { DEMO_REMOTE, freshCopy, startFakeBackend } from './lib/fakeBackend.mjs';
import { VSIX, packageExtension } from './lib/packaging.mjs';

const argv = process.argv.slice(2);
const real = argv.includes('--real');
const restricted = argv.includes('--restricted');
const say = (msg) => console.log(`[start] ${msg}`);

const work = join(root, '.cache', 'start');

async function main() {
  ensureCodeServer(say);

  if (!argv.includes('--no-build') || !existsSync(VSIX)) {
    say('building and packaging the extension');
    packageExtension({ quiet: true });
  }
  say(`extension: ${VSIX}`);

  const extensionsDir = join(work, 'extensions');
  const userDataDir = join(work, 'user-data');
  rmSync(extensionsDir, { recursive: true, force: true });
  installExtensions([VSIX], { userDataDir, extensionsDir });
  const settings = { ...BASE_SETTINGS, 'workbench.startupEditor': 'none' };
  delete settings['git.enabled'];
  if (!restricted) settings['security.workspace.trust.enabled'] = false;

  let folder = opt('--folder') ? resolve(opt('--folder')) : undefined;
  if (!folder) {
    folder = freshCopy(join(root, 'examples', 'sample-app'), join(work, 'sample-app'));
  }

  const env = {};
  let api;
  let backend;
  if (!real) {
    run(process.execPath, ['scripts/fetch-cli.mjs']);
    const tsc = tscCompile();
    if (!existsSync(join(root, 'out', 'test', 'support', 'fakeBase44Api.js')))
      throw new Error(`could not compile the fake API (tsc):\n${tsc.output}`);
    // The sample app's remote state: Google Calendar authorized, Slack waiting for authorization.
    backend = await startFakeBackend({ workDir: work, initial: DEMO_REMOTE() });
    api = backend.api;
    Object.assign(env, backend.env);
    settings['base44.cli.path'] = backend.cliPath;
  } else {
    // --real: the extension host may not inherit this shell's PATH; name the CLI found on it, if any.
    const onPath = findOnPath('base44');
    if (onPath) settings['base44.cli.path'] = onPath;
    say(onPath ? `base44 CLI: ${onPath}` : 'no base44 CLI on PATH: the extension will offer to install it or use npx');
  }

  const port = opt('--port') ? Number(opt('--port')) : undefined;
  const server = await startCodeServer({
    userDataDir,
    extensionsDir,
    settings,
    env,
    port,
    logFile: join(work, 'code-server.log'),
  });
  const url = workbenchUrl(server.url, folder);
  console.log('');
  console.log('  Base44 Connectors in VS Code (code-server 4.139.1) is running:');
  console.log('');
  console.log(`    ${url}`);
  console.log('');
  console.log(`  Project: ${folder}${opt('--folder') ? '' : ' (a fresh copy of examples/sample-app)'}`);
  if (real) {
    console.log(
      '  Mode: REAL Base44. The extension runs your own `base44` CLI with your login; push / pull change your app.',
    );
  } else {
    console.log(`  Mode: DEMO against a local fake Base44 API at ${api.url} (nothing is sent to Base44).`);
    console.log('        The real base44 CLI runs, logged in as dev@example.com in a throwaway HOME;');
    console.log('        authorization links open the fake provider page, which authorizes at once.');
    console.log('        For the real Base44: npm start -- --real   (or install the .vsix in desktop VS Code:');
    console.log(`        code --install-extension ${VSIX})`);
  }
  console.log(`  Logs: ${join(userDataDir, 'logs')}`);
  console.log('  Stop with Ctrl+C.');
  console.log('');

  const stop = async () => {
    say('stopping');
    await server.stop();
    if (backend) await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (code) => {
    say(`code-server exited (${code})`);
    process.exit(code ?? 1);
  });
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const full = join(dir, process.platform === 'win32' ? `${name}.cmd` : name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      /* next */
    }
  }
  return undefined;
}

main().catch((err) => {
  console.error(`[start] ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
