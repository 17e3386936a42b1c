/**
 * Drives the client's own CLI modules (runCli → ConnectorsCli) against the REAL base44 CLI and the
 * fake Base44 API, the way the extension does, collecting what would be logged.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorsCli } from '../../client/src/cli/connectorsCli';
import { redact, redactArgs } from '../../client/src/cli/redact';
import { CliCommand, CliRunRecord, runCli } from '../../client/src/cli/runCli';
import { test } from 'node:test';
import { CLI_ENTRY, cliAvailable, cliEnv, CLI_MISSING_MESSAGE, makeFakeHome } from '../support/base44Cli';
import { FakeApi, startFakeApi, FakeState } from '../support/fakeBase44Api';
import { DEFAULT_APP_ID, makeProject, TempProject } from '../support/tempProject';

export const REAL_CLI: CliCommand = { command: process.execPath, argsPrefix: [CLI_ENTRY], source: 'test' };

export interface Harness {
  api: FakeApi;
  home: string;
  cli: ConnectorsCli;
  records: CliRunRecord[];
  /** Log lines as the extension writes them (redacted). */
  logLines: string[];
  close(): Promise<void>;
}

export function logLine(r: CliRunRecord): string {
  return redact(
    `${[r.command, ...redactArgs(r.args)].join(' ')} → ${r.outcome} (exit ${r.exitCode ?? r.signal}, ${r.durationMs} ms)\n${r.stderr}`,
  );
}

export interface HarnessOptions {
  state?: Partial<FakeState>;
  apiUrl?: string;
  loggedIn?: boolean;
  timeoutMs?: number;
  cli?: CliCommand;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const api = await startFakeApi(opts.state);
  const home = makeFakeHome({ loggedIn: opts.loggedIn });
  const records: CliRunRecord[] = [];
  const logLines: string[] = [];
  const env = cliEnv({ apiUrl: opts.apiUrl ?? api.url, home });
  const cli = new ConnectorsCli((args, cwd, signal) =>
    runCli(opts.cli ?? REAL_CLI, args, {
      cwd,
      env,
      signal,
      timeoutMs: opts.timeoutMs ?? 30_000,
      onRecord: (r) => {
        records.push(r);
        logLines.push(logLine(r));
      },
    }),
  );
  return {
    api,
    home,
    cli,
    records,
    logLines,
    close: async () => {
      await api.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface HarnessSetup {
  readonly harness?: HarnessOptions;
  /** Files of the temp project (see makeProject). */
  readonly files?: Record<string, string>;
}

/** `fn` with a fresh harness and temp project, both removed after it whatever happens. */
export async function withHarness(
  setup: HarnessSetup,
  fn: (h: Harness, p: TempProject) => Promise<void>,
): Promise<void> {
  const h = await startHarness(setup.harness);
  const p = makeProject(setup.files);
  try {
    await fn(h, p);
  } finally {
    p.cleanup();
    await h.close();
  }
}

/** A test of the client's CLI modules against the real CLI (skipped when it is not there): see withHarness. */
export function cliTest(
  name: string,
  setup: HarnessSetup,
  fn: (h: Harness, p: TempProject) => Promise<void>,
  skip: string | boolean = cliAvailable() ? false : CLI_MISSING_MESSAGE,
): void {
  test(name, { skip }, () => withHarness(setup, fn));
}

/** What the push and pull previews work on: the temp project, its linked app, its connectors folder. */
export function syncTarget(p: TempProject): { root: string; appId: string; connectorsDir: string } {
  return { root: p.root, appId: DEFAULT_APP_ID, connectorsDir: p.path('base44/connectors') };
}

/** A fake "CLI": a node script written to a temp dir (for misbehaving CLIs). */
export function fakeCli(source: string): { cli: CliCommand; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'b44-fakecli-'));
  const file = join(dir, 'fake-base44.js');
  writeFileSync(file, source);
  chmodSync(file, 0o755);
  return {
    cli: { command: process.execPath, argsPrefix: [file], source: 'test' },
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `fn` with a fakeCli(source), removed after it whatever happens. */
export async function withFakeCli(source: string, fn: (cli: CliCommand) => Promise<void>): Promise<void> {
  const f = fakeCli(source);
  try {
    await fn(f.cli);
  } finally {
    f.cleanup();
  }
}
