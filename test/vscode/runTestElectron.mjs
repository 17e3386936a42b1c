#!/usr/bin/env node
// Runner 1: the same integration suite in desktop VS Code through @vscode/test-electron.
// Needs the internet (it downloads VS Code into .vscode-test/) or an already cached .vscode-test/, or
// VSCODE_EXECUTABLE=/path/to/code. It cannot run on the offline CI machines: use `npm run test:vscode`.
//
//   npm run build && npx tsc -p tsconfig.json && node scripts/fetch-cli.mjs
//   node test/vscode/runTestElectron.mjs     # multi-root workspace; "[restricted]" specs are left out
// Restricted Mode is covered only by `npm run test:vscode`: runTests always passes --disable-workspace-trust.
// VSCODE_TEST_VERSION overrides the pinned VS Code version.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VSCODE_VERSION = process.env.VSCODE_TEST_VERSION || '1.95.3';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const restricted = false; // see above

// Fresh working copy of the fixtures (push / pull rewrite files) and a fresh profile.
const work = mkdtempSync(join(tmpdir(), 'b44-electron-'));
cpSync(join(root, 'test', 'vscode', 'fixtures'), join(work, 'fixtures'), { recursive: true });
const userDataDir = join(work, 'user-data');
mkdirSync(join(userDataDir, 'User'), { recursive: true });
writeFileSync(
  join(userDataDir, 'User', 'settings.json'),
  JSON.stringify({
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': restricted,
    'security.workspace.trust.startupPrompt': 'never',
  }),
);
const workspace = restricted
  ? join(work, 'fixtures', 'project-a')
  : join(work, 'fixtures', 'multi-root.code-workspace');

try {
  await runTests({
    version: VSCODE_VERSION,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'vscode', 'suite', 'index.js'),
    launchArgs: [
      workspace,
      '--user-data-dir',
      userDataDir,
      '--disable-extensions',
      ...(restricted ? [] : ['--disable-workspace-trust']),
    ],
    extensionTestsEnv: {
      BASE44_TEST_GREP: '\\[restricted\\]',
      BASE44_TEST_GREP_INVERT: restricted ? '0' : '1',
      BASE44_API_URL: 'http://127.0.0.1:9',
      BASE44_DISABLE_TELEMETRY: '1',
    },
  });
} catch (err) {
  console.error(`integration tests failed: ${err && err.message ? err.message : err}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
