/**
 * The client's real commands (push, pull, authorize, ...) wired to the fake vscode module: a real
 * CliService and Log, a one-project model, and a CLI chosen through the machine-scoped setting.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeVscode, vscodeState } from './fakeVscode';
import { CliService } from '../../client/src/cliService';
import type { Services } from '../../client/src/commands/common';
import { Log } from '../../client/src/log';
import type { Project } from '../../client/src/projects';
import { CLI_ENTRY, cliEnv, makeFakeHome } from '../support/base44Cli';
import { FakeApi, startFakeApi } from '../support/fakeBase44Api';
import { makeProject, MakeProjectOptions, TempProject } from '../support/tempProject';

export function makeServices(root: string, connectorsDir = join(root, 'base44', 'connectors')) {
  const storage = mkdtempSync(join(tmpdir(), 'b44-storage-'));
  const project = {
    root,
    connectorsDir,
    label: 'test-app',
    summary: { connectors: [] },
  } as unknown as Project;
  const workspaceState = new Map<string, unknown>();
  const context = {
    globalState: { get: (_k: string, d?: unknown) => d, update: async () => undefined },
    workspaceState: {
      get: (k: string, d?: unknown) => (workspaceState.has(k) ? workspaceState.get(k) : d),
      update: async (k: string, v: unknown) => void workspaceState.set(k, v),
    },
    storageUri: fakeVscode.Uri.file(storage),
    globalStorageUri: fakeVscode.Uri.file(storage),
    subscriptions: [] as { dispose(): void }[],
    extension: { packageJSON: { version: '0.0.0-test' } },
  };
  const log = new Log();
  const cli = new CliService(context as never, log);
  const remote: unknown[] = [];
  const facts = new Map<string, unknown>();
  const projects = {
    projects: [project],
    isLoaded: true,
    refresh: async () => undefined,
    forUri: () => project,
    setRemoteConnectors: (_p: Project, r: unknown) => remote.push(r),
    recordAuthorization: (_p: Project, type: string, fact: unknown) => facts.set(type, fact),
    authorizationOf: (_p: Project, type: string) => facts.get(type),
    catalog: async () => ({ types: [] }),
  };
  const previews = { add: (name: string) => fakeVscode.Uri.parse(`base44-preview:/${name}`) };
  const services = { context, cli, projects, log, previews } as unknown as Services;
  return { services, project, storage, cleanup: () => rmSync(storage, { recursive: true, force: true }) };
}

/** Sets the user-level `base44.cli.path` (the only level the extension reads). */
export function setCliPath(path: string): void {
  vscodeState.config.set('base44.cli.path', { defaultValue: '', globalValue: path });
}

/** An executable that runs the real CLI against the fake API with a fake home (as `base44.cli.path`). */
export function realCliWrapper(env: NodeJS.ProcessEnv): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'b44-wrapper-'));
  const path = join(dir, 'base44');
  const keys = ['BASE44_API_URL', 'BASE44_DISABLE_TELEMETRY', 'BASE44_CLI_TEST_OVERRIDES', 'HOME', 'USERPROFILE', 'CI'];
  const q = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
  const exports = keys.filter((k) => env[k] !== undefined).map((k) => `export ${k}=${q(env[k]!)}`);
  writeFileSync(path, `#!/bin/sh\n${exports.join('\n')}\nexec ${q(process.execPath)} ${q(CLI_ENTRY)} "$@"\n`);
  chmodSync(path, 0o755);
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An executable node script (with an absolute #! line) standing in for the CLI. */
export function scriptCli(source: string): { path: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'b44-script-cli-'));
  const path = join(dir, 'base44');
  writeFileSync(path, `#!${process.execPath}\n${source}\n`);
  chmodSync(path, 0o755);
  return { path, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RealCliProjectOptions {
  /** Files of the temp project (see makeProject). */
  readonly files?: Record<string, string>;
  readonly project?: MakeProjectOptions;
  /** The project's connectors folder, made by the test (default base44/connectors). */
  readonly connectorsDir?: (root: string) => string;
  /** Changes the CLI's environment before the wrapper is written (e.g. drops BASE44_API_URL). */
  readonly env?: (env: NodeJS.ProcessEnv) => void;
}

export type RealCliProject = ReturnType<typeof makeServices> & {
  readonly api: FakeApi;
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  readonly p: TempProject;
  close(): Promise<void>;
};

/**
 * The extension's real commands on a temp project, running the REAL CLI (as the user-level `base44.cli.path`)
 * against a fresh fake Base44 API with a logged-in fake home. `close()` removes all of it.
 */
export async function startRealCliProject(o: RealCliProjectOptions = {}): Promise<RealCliProject> {
  const api = await startFakeApi();
  const home = makeFakeHome();
  const env = cliEnv({ apiUrl: api.url, home });
  o.env?.(env);
  const wrapper = realCliWrapper(env);
  setCliPath(wrapper.path);
  const p = makeProject(o.files, o.project);
  const s = makeServices(p.root, o.connectorsDir?.(p.root));
  return {
    ...s,
    api,
    home,
    env,
    p,
    close: async () => {
      s.cleanup();
      p.cleanup();
      wrapper.cleanup();
      rmSync(home, { recursive: true, force: true });
      await api.close();
    },
  };
}

/** `fn` with a fresh startRealCliProject(o), closed after it whatever happens. */
export async function withRealCliProject(
  o: RealCliProjectOptions,
  fn: (t: RealCliProject) => Promise<void>,
): Promise<void> {
  const t = await startRealCliProject(o);
  try {
    await fn(t);
  } finally {
    await t.close();
  }
}

/** A stand-in CLI whose `connectors push` answers with `results` (pull: nothing to pull; else an error). */
export function pushAnsweringCli(
  results: readonly object[],
  version = '0.1.18',
): { path: string; dir: string; cleanup(): void } {
  return scriptCli(`
    const a = process.argv.slice(2);
    const out = (o) => process.stdout.write(JSON.stringify(o));
    if (a[0] === '--version') process.stdout.write(${JSON.stringify(version + '\n')});
    else if (a[1] === 'pull') out({ connectorsDir: a[3], pulled: 0, written: [], deleted: [] });
    else if (a[1] === 'push') out({ results: ${JSON.stringify(results)} });
    else out({ error: 'unexpected ' + a.join(' ') });`);
}

/**
 * `fn` with the real commands on a temp project whose CLI (`base44.cli.path`) is the stand-in `cli`;
 * the project, the services and the stand-in are removed after.
 */
export async function withStandInCli(
  cli: { path: string; cleanup(): void },
  files: Record<string, string>,
  fn: (t: ReturnType<typeof makeServices> & { p: TempProject }) => Promise<void>,
): Promise<void> {
  const p = makeProject(files);
  const s = makeServices(p.root);
  try {
    setCliPath(cli.path);
    await fn({ ...s, p });
  } finally {
    s.cleanup();
    cli.cleanup();
    p.cleanup();
  }
}
