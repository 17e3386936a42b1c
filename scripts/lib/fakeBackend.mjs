// The fake Base44 side of npm start and npm run test:vscode: a local fake API and the real CLI pointed at it,
// plus fresh working copies of the folders they change.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cachePaths } from '../vscode-cache.mjs';
import { root } from './common.mjs';

/** Copies a folder to a fresh working copy (pushes / pulls may rewrite files). */
export function freshCopy(from, to) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
  return to;
}

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
    [
      'googlecalendar',
      {
        status: 'active',
        scopes: [
          'https://www.googleapis.com/auth/calendar.readonly',
          'https://www.googleapis.com/auth/calendar.events',
        ],
        user_email: 'dev@example.com',
      },
    ],
    ['slack', { status: 'disconnected', scopes: ['chat:write'] }],
  ]),
});
