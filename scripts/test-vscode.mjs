#!/usr/bin/env node
// `npm run test:vscode`: the integration suite (test/vscode/suite) inside a real VS Code here: code-server
// 4.139.1 (= VS Code 1.139.1) opened in headless Chromium, plus Playwright checks of what only the screen
// shows. First use installs Node 24, code-server and Chromium into the git-ignored .cache/ (see
// scripts/vscode-cache.mjs). Ends with the plain line `N passed, N failed`; exit code 1 on any failure.
//
// Sessions (each: fresh working copy of the fixtures, fresh user-data-dir, its own code-server):
//   main        multi-root workspace (project-a, project-b, custom-dir), workspace trust off; all specs
//               except "[restricted]" ones, then the UI checks on the same page.
//   restricted  single folder project-a, workspace trust on and the folder untrusted (Restricted Mode);
//               only "[restricted]" specs.
//
// Options: --session main|restricted (repeatable; default both)   --grep <regexp> (spec titles)
//          --no-ui (skip the Playwright checks)   --skip-install (fail instead of installing)
//          --timeout <s> (per session suite timeout, default 900)   --vsix <file> (test this .vsix, no build)
//          --repeat <n> (run each session n times, each a fresh start: `npm run bench` samples activation so)
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import {
  BASE_SETTINGS,
  ensureCodeServer,
  exthostLogs,
  installExtensions,
  startCodeServer,
  workbenchUrl,
} from './lib/codeServer.mjs';
import { option as opt, root, run, sleep, tail, tscCompile } from './lib/common.mjs';
import { DEMO_REMOTE, freshCopy, startFakeBackend } from './lib/fakeBackend.mjs';
import { packageExtension, packageFolder } from './lib/packaging.mjs';
import { runUiChecks } from './vscode-ui-checks.mjs';

const argv = process.argv.slice(2);
const sessionsWanted = argv.flatMap((a, i) => (a === '--session' ? [argv[i + 1]] : []));
const grep = opt('--grep');
const noUi = argv.includes('--no-ui');
const suiteTimeoutMs = Number(opt('--timeout') ?? 900) * 1000;
const repeat = Math.max(1, Number(opt('--repeat') ?? 1) || 1);

const say = (msg) => console.log(`[test:vscode] ${msg}`);
const t0 = Date.now();
const secs = (from) => `${((Date.now() - from) / 1000).toFixed(0)} s`;

const work = join(root, '.cache', 'vscode-test');
const screenshotsDir = join(root, '.cache', 'screenshots');

const all = []; // { title, state, error? }
let suiteIndexPath;
const activationSamples = []; // activationMs of each fresh start of the main session

function record(title, state, error) {
  all.push({ title, state, error });
}

async function main() {
  // 1. Tools (idempotent).
  ensureCodeServer(say, { install: !argv.includes('--skip-install') });
  run(process.execPath, ['scripts/fetch-cli.mjs']);

  // 2. Build + package the extension, compile the specs, package the harness.
  let t = Date.now();
  const prebuilt = opt('--vsix');
  const extensionVsix = prebuilt ?? packageExtension({ quiet: true });
  say(prebuilt ? `using ${prebuilt}` : `packaged .cache/base44-connectors.vsix (${secs(t)})`);
  t = Date.now();
  rmSync(join(root, 'out', 'test', 'vscode'), { recursive: true, force: true }); // no stale specs
  const tsc = tscCompile();
  if (!tsc.ok) say(`tsc reported errors (specs are emitted anyway):\n${tail(tsc.output, 30)}`);
  const suiteIndex = join(root, 'out', 'test', 'vscode', 'suite', 'index.js');
  if (!existsSync(suiteIndex)) throw new Error(`${suiteIndex} was not compiled`);
  say(`compiled specs (${secs(t)})`);
  const harnessVsix = packageFolder(join(root, 'test', 'vscode', 'harness'), join(work, 'harness.vsix'));

  // 3. One extensions dir for every session (installing needs no running server).
  rmSync(work + '/extensions', { recursive: true, force: true });
  const extensionsDir = join(work, 'extensions');
  t = Date.now();
  installExtensions([extensionVsix, harnessVsix], { userDataDir: join(work, 'install-profile'), extensionsDir });
  say(`installed the extension and the test harness into code-server (${secs(t)})`);
  // The compiled specs go INSIDE the installed extension's folder: VS Code then gives them the same
  // `vscode` API object as the extension (as @vscode/test-electron does for extensionDevelopmentPath), so
  // a spec can answer the extension's dialogs. test/support finds the cached CLI via <ext>/.cache/base44-cli.
  const installed = readdirSync(extensionsDir).find((n) => n.startsWith('base44-community.base44-connectors-'));
  if (!installed) throw new Error(`the extension is not in ${extensionsDir}`);
  const extDir = join(extensionsDir, installed);
  cpSync(join(root, 'out', 'test'), join(extDir, 'out', 'test'), { recursive: true });
  mkdirSync(join(extDir, '.cache'), { recursive: true });
  symlinkSync(join(root, '.cache', 'base44-cli'), join(extDir, '.cache', 'base44-cli'));
  suiteIndexPath = join(extDir, 'out', 'test', 'vscode', 'suite', 'index.js');

  const sessions = (sessionsWanted.length ? sessionsWanted : ['main', 'restricted']).flatMap((s) =>
    Array.from({ length: repeat }, () => s),
  );
  for (const s of sessions) {
    if (s === 'main') {
      await session({
        name: 'main',
        fixture: 'multi-root.code-workspace',
        trust: false,
        grep: grep ?? '\\[restricted\\]',
        invert: grep ? false : true,
        ui: !noUi,
        extensionsDir,
      });
    } else if (s === 'restricted') {
      await session({
        name: 'restricted',
        fixture: 'project-a',
        trust: true,
        grep: grep ? `(?=.*\\[restricted\\])(?=.*(?:${grep}))` : '\\[restricted\\]',
        invert: false,
        ui: false,
        extensionsDir,
      });
    } else {
      throw new Error(`unknown session ${s}`);
    }
  }
}

async function session({ name, fixture, trust, grep: g, invert, ui, extensionsDir }) {
  const started = Date.now();
  say(`session ${name}: ${fixture}${trust ? ' (Restricted Mode: workspace trust on, folder untrusted)' : ''}`);
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const fixtures = freshCopy(join(root, 'test', 'vscode', 'fixtures'), join(dir, 'workspace'));
  const target = join(fixtures, fixture);
  const userDataDir = join(dir, 'user-data');
  const settings = { ...BASE_SETTINGS };
  if (trust) {
    settings['security.workspace.trust.enabled'] = true;
    settings['security.workspace.trust.startupPrompt'] = 'never';
    settings['security.workspace.trust.banner'] = 'always';
    settings['security.workspace.trust.emptyWindow'] = false;
  } else {
    settings['security.workspace.trust.enabled'] = false;
  }

  const resultsPath = join(dir, 'results.json');
  const progressPath = join(dir, 'progress.log');
  const configPath = join(dir, 'harness-config.json');
  writeFileSync(
    configPath,
    JSON.stringify(
      {
        suiteIndex: suiteIndexPath,
        resultsPath,
        progressPath,
        startedPath: join(dir, 'started'),
        grep: g,
        invert,
        timeout: 60_000,
      },
      null,
      2,
    ),
  );
  writeFileSync(progressPath, '');

  // A `base44` on code-server's PATH for the UI checks (specs put their own sandboxed CLI first on PATH).
  const backend = await startFakeBackend({ workDir: dir, initial: DEMO_REMOTE() });
  // code-server's extension host may take PATH from a login shell: name the CLI in the (machine) setting.
  settings['base44.cli.path'] = backend.cliPath;
  const server = await startCodeServer({
    userDataDir,
    extensionsDir,
    settings,
    logFile: join(dir, 'code-server.log'),
    env: {
      BASE44_VSCODE_TEST_CONFIG: configPath,
      BASE44_MOCHA_PATH: join(root, 'node_modules', 'mocha', 'lib', 'mocha.cjs'),
      BASE44_REPO_ROOT: root,
      BASE44_SCREENSHOTS_DIR: screenshotsDir,
      BASE44_TEST_DEBUG_DIR: dir,
      // Never the real Base44: a local fake API (specs start their own and point their CLI at it).
      ...backend.env,
    },
  });
  say(`code-server on ${server.url} (${secs(started)})`);
  let browser;
  let failedSession = false;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(workbenchUrl(server.url, target), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    say(`workbench loaded (${secs(started)}); waiting for the suite in the extension host`);

    // Stream progress lines while waiting for results.
    let shown = 0;
    const deadline = Date.now() + suiteTimeoutMs;
    let harnessStarted = false;
    const startWaitUntil = Date.now() + 120_000;
    while (!existsSync(resultsPath)) {
      const lines = readFileSync(progressPath, 'utf8').split('\n').filter(Boolean);
      for (; shown < lines.length; shown++) console.log(`  ${lines[shown]}`);
      if (!harnessStarted && existsSync(join(dir, 'started'))) harnessStarted = true;
      if (!harnessStarted && Date.now() > startWaitUntil)
        throw new Error('the test harness did not start in the extension host within 120 s');
      if (Date.now() > deadline) throw new Error(`the suite did not finish within ${suiteTimeoutMs / 1000} s`);
      await sleep(500);
    }
    const lines = readFileSync(progressPath, 'utf8').split('\n').filter(Boolean);
    for (; shown < lines.length; shown++) console.log(`  ${lines[shown]}`);
    const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
    // A skipped spec is a failure here: every spec must run (a skip would hide a missing feature).
    for (const test of results.tests) {
      if (test.state === 'pending')
        record(
          `${name}: ${test.title}`,
          'failed',
          'skipped: every spec must run (this.skip() / it.skip count as failures)',
        );
      else record(`${name}: ${test.title}`, test.state, test.error);
    }
    if (results.pending) failedSession = true;
    if (results.failed) failedSession = true;
    if (results.passed + results.failed === 0) {
      failedSession = true;
      record(`${name}: no test ran`, 'failed', `grep ${g}${invert ? ' (inverted)' : ''} matched no runnable test`);
    }
    recordActivation(name, dir);
    recordServerCodeCache(name, userDataDir);
    say(
      `session ${name}: suite ${results.passed} passed, ${results.failed} failed, ${results.pending} skipped (${secs(started)})`,
    );

    if (ui) {
      const uiStarted = Date.now();
      const uiResults = await runUiChecks(page, {
        screenshotsDir,
        workspace: fixtures,
        log: (m) => console.log(`  ${m}`),
      });
      for (const r of uiResults) record(`ui: ${r.title}`, r.state, r.error);
      if (uiResults.some((r) => r.state === 'failed')) failedSession = true;
      say(`UI checks done (${secs(uiStarted)}); screenshots in .cache/screenshots/`);
    }
    if (pageErrors.length && failedSession) say(`page errors:\n  ${pageErrors.slice(-5).join('\n  ')}`);
  } catch (err) {
    failedSession = true;
    record(`${name}: session`, 'failed', String(err && err.message ? err.message : err));
    say(`session ${name} failed: ${err && err.message ? err.message : err}`);
    const lines = existsSync(progressPath) ? readFileSync(progressPath, 'utf8') : '';
    if (lines) console.log(tail(lines, 20));
  } finally {
    if (failedSession) printLogs(userDataDir, server);
    if (browser) await browser.close().catch(() => undefined);
    await server.stop();
    await backend.close();
  }
}

// The language server started by VS Code saves its V8 code cache in the extension's global storage (the
// client passes BASE44_LS_CACHE_DIR; server/src/node/codeCache.ts): the session's user data is new, so a
// cache file there was written by this session's server.
function recordServerCodeCache(name, userDataDir) {
  const dir = join(userDataDir, 'User', 'globalStorage', 'base44-community.base44-connectors', 'server-cache');
  // Node's own compile cache (Node >= 22.1, as in VS Code) keeps files without an extension in subfolders;
  // the fallback loader writes *.v8cache files.
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile())
    : [];
  record(
    `${name}: the language server saved its code cache in the extension's global storage`,
    files.length > 0 ? 'passed' : 'failed',
    files.length > 0 ? undefined : `no cache file in ${dir}`,
  );
}

// The activation time the extension measured (spec 1 writes it from the extension's API) goes to
// .cache/vscode-activation.json, which `npm run bench` reads: every sample of this run and their median (one
// sample swings from 50 to 900 ms with the machine's load). Only the main session (trusted, multi-root).
function recordActivation(name, dir) {
  const file = join(dir, 'activation.json');
  if (name !== 'main' || !existsSync(file)) return;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof data.activationMs !== 'number') return;
    activationSamples.push(data.activationMs);
    const sorted = [...activationSamples].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const summary = { ...data, activationMs: median, samples: activationSamples, session: name, runner: 'code-server' };
    writeFileSync(join(root, '.cache', 'vscode-activation.json'), JSON.stringify(summary, null, 2) + '\n');
    say(
      `activation: ${data.activationMs} ms (module start to end of activate()); median of ${sorted.length}: ${median} ms`,
    );
  } catch (err) {
    say(`could not record the activation time: ${err && err.message ? err.message : err}`);
  }
}

function printLogs(userDataDir, server) {
  const logs = exthostLogs(userDataDir);
  for (const { path } of logs.slice(-3)) {
    const text = readFileSync(path, 'utf8');
    if (!text.trim()) continue;
    console.log(`----- ${path.slice(root.length + 1)} (tail) -----`);
    console.log(tail(text, 40));
  }
  const out = server
    .output()
    .split('\n')
    .filter((l) => !/open-vsx|gallery|getaddrinfo/.test(l))
    .join('\n')
    .trim();
  if (out) {
    console.log('----- code-server output (tail) -----');
    console.log(tail(out, 15));
  }
}

try {
  await main();
} catch (err) {
  record('setup', 'failed', String(err && err.stack ? err.stack : err));
  console.error(`[test:vscode] ${err && err.stack ? err.stack : err}`);
}
const passed = all.filter((r) => r.state === 'passed').length;
const failed = all.filter((r) => r.state === 'failed').length;
const skipped = all.filter((r) => r.state === 'pending').length;
console.log('');
for (const r of all) {
  const mark = r.state === 'passed' ? 'ok  ' : r.state === 'failed' ? 'FAIL' : 'skip';
  console.log(`${mark} ${r.title}`);
  if (r.state === 'failed' && r.error) console.log(`       ${r.error.split('\n').slice(0, 6).join('\n       ')}`);
}
if (skipped) console.log(`(${skipped} skipped)`);
console.log(`[test:vscode] total ${secs(t0)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
