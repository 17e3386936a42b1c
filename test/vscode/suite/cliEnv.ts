/**
 * Sets up the REAL base44 CLI (cached by scripts/fetch-cli.mjs) against a fake Base44 API, inside the
 * extension host, so the extension's commands run end to end without the network:
 * - the fake API (test/support/fakeBase44Api) listens on 127.0.0.1 in this process: specs read and seed its state;
 * - a `base44` wrapper script, set as the `base44.cli.path` user setting and first on PATH, runs the cached CLI
 *   with a fake logged-in HOME, BASE44_API_URL pointing at the fake, no telemetry and no upgrade check, and logs every
 *   invocation (so a spec can prove the CLI did or did not run).
 */
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import { delimiter, join } from 'node:path';
import { CLI_ENTRY, cliAvailable, makeFakeHome } from '../../support/base44Cli';
import { startFakeApi, type FakeApi, type FakeState } from '../../support/fakeBase44Api';
import { activateExtension } from './helpers';

export interface CliSandbox {
  api: FakeApi;
  home: string;
  binDir: string;
  /** Each CLI invocation's arguments, in order. */
  invocations(): string[][];
  clearInvocations(): void;
  dispose(): Promise<void>;
}

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export async function startCliSandbox(initial?: Partial<FakeState>): Promise<CliSandbox> {
  if (!cliAvailable())
    throw new Error(`the real base44 CLI is not cached at ${CLI_ENTRY} (run node scripts/fetch-cli.mjs)`);
  const api = await startFakeApi(initial);
  const home = makeFakeHome();
  const binDir = mkdtempSync(join(tmpdir(), 'b44-bin-'));
  const logFile = join(binDir, 'invocations.log');
  writeFileSync(logFile, '');
  // Node to run the CLI with: the extension host's own (code-server: Node 24; Electron: run as node).
  const electron = !!process.versions.electron;
  const nodeLine = `${electron ? 'ELECTRON_RUN_AS_NODE=1 ' : ''}exec ${shQuote(process.execPath)} ${shQuote(CLI_ENTRY)} "$@"`;
  const script = [
    '#!/bin/sh',
    '# Test wrapper: the real base44 CLI against the fake API of the VS Code integration suite.',
    `printf '%s\\n' "$*" >> ${shQuote(logFile)}`,
    `HOME=${shQuote(home)}; export HOME`,
    `BASE44_API_URL=${shQuote(api.url)}; export BASE44_API_URL`,
    'BASE44_DISABLE_TELEMETRY=1; export BASE44_DISABLE_TELEMETRY',
    `BASE44_CLI_TEST_OVERRIDES='{"latestVersion":null}'; export BASE44_CLI_TEST_OVERRIDES`,
    'unset BASE44_API_KEY BASE44_APP_ID BASE44_ACCESS_TOKEN BASE44_REFRESH_TOKEN',
    nodeLine,
    '',
  ].join('\n');
  const wrapper = join(binDir, 'base44');
  writeFileSync(wrapper, script);
  chmodSync(wrapper, 0o755);

  const saved = { PATH: process.env.PATH, BASE44_API_URL: process.env.BASE44_API_URL };
  process.env.PATH = `${binDir}${delimiter}${process.env.PATH ?? ''}`;
  process.env.BASE44_API_URL = api.url;
  // The launcher may point the machine-scoped `base44.cli.path` user setting at its own wrapper: ours wins.
  const cliConfig = vscode.workspace.getConfiguration('base44.cli');
  const savedSetting = cliConfig.inspect<string>('path')?.globalValue;
  await cliConfig.update('path', wrapper, vscode.ConfigurationTarget.Global);

  return {
    api,
    home,
    binDir,
    invocations: () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ')),
    clearInvocations: () => writeFileSync(logFile, ''),
    dispose: async () => {
      await vscode.workspace
        .getConfiguration('base44.cli')
        .update('path', savedSetting, vscode.ConfigurationTarget.Global);
      process.env.PATH = saved.PATH;
      if (saved.BASE44_API_URL === undefined) delete process.env.BASE44_API_URL;
      else process.env.BASE44_API_URL = saved.BASE44_API_URL;
      await api.close();
      rmSync(binDir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * The preamble of the specs that run the CLI, called first in their `describe` body: the suite's timeout, the
 * extension active and a sandbox started before the first spec (the specs skip themselves unless the workspace's
 * trust is `trusted`), disposed after the last. Returns the sandbox, usable from the specs on.
 */
export function usesCliSandbox(suite: Mocha.Suite, timeoutMs: number, { trusted }: { trusted: boolean }): CliSandbox {
  suite.timeout(timeoutMs);
  let sb: CliSandbox | undefined;
  before(async function () {
    if (vscode.workspace.isTrusted !== trusted) this.skip();
    await activateExtension();
    sb = await startCliSandbox();
  });
  after(async () => {
    await sb?.dispose();
  });
  const started = (): CliSandbox => {
    if (!sb) throw new Error('the CLI sandbox is not started (its before hook did not run)');
    return sb;
  };
  return {
    get api() {
      return started().api;
    },
    get home() {
      return started().home;
    },
    get binDir() {
      return started().binDir;
    },
    invocations: () => started().invocations(),
    clearInvocations: () => sb?.clearInvocations(),
    dispose: async () => sb?.dispose(),
  };
}

/** Appends to a debug log next to the results (handy when a spec fails inside code-server). */
export function debugLog(line: string): void {
  const dir = process.env.BASE44_TEST_DEBUG_DIR;
  if (dir && existsSync(dir)) appendFileSync(join(dir, 'debug.log'), line + '\n');
}
