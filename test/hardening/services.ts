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
import { CLI_ENTRY } from '../support/base44Cli';

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
