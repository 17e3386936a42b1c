/**
 * Shared by the authorize flow tests: the extension's real commands on the fake `vscode` module, the REAL
 * base44 CLI (through the machine-scoped `base44.cli.path`) and the pessimistic fake Base44 API.
 */
import type { Shown } from '../hardening/fakeVscode';
import { startRealCliProject } from '../hardening/services';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectorFileSummary } from '../../server/src/protocol';
import { ConnectorsCli } from '../../client/src/cli/connectorsCli';
import { runCli } from '../../client/src/cli/runCli';
import { cliAvailable, CLI_MISSING_MESSAGE } from '../support/base44Cli';
import { REAL_CLI } from './clientHarness';

export const CAL = 'https://www.googleapis.com/auth/calendar.readonly';

export async function setup(
  files: Record<string, string> = {
    'base44/connectors/googlecalendar.jsonc': `{ "type": "googlecalendar", "scopes": ["${CAL}"] }`,
  },
) {
  const t = await startRealCliProject({ files });
  const { api, env, p } = t;
  const connectors: ConnectorFileSummary[] = Object.entries(files)
    .filter(([rel]) => rel.startsWith('base44/connectors/'))
    .map(([rel, text]) => {
      const parsed = JSON.parse(text) as { type: string; scopes?: string[] };
      return {
        type: parsed.type,
        scopes: (parsed.scopes ?? []).map((scope) => ({ scope })),
        errorCount: 0,
        warningCount: 0,
        uri: `file://${p.path(rel)}`,
      } as unknown as ConnectorFileSummary;
    });
  (t.project.summary as unknown as { connectors: ConnectorFileSummary[] }).connectors = connectors;
  // The same CLI as the commands run, for what the tests do themselves (the tree's refresh).
  const cli = new ConnectorsCli((args, cwd, signal) => runCli(REAL_CLI, args, { cwd, env, signal, timeoutMs: 30_000 }));
  return {
    ...t,
    cli,
    connector: (type: string) => ({ project: t.project, connector: connectors.find((c) => c.type === type)! }),
    puts: (type: string) => api.requestsTo(`external-auth/integrations/${type}`, 'PUT').length,
  };
}

export type AuthorizeSetup = Awaited<ReturnType<typeof setup>>;

/** An authorize test (skipped without the CLI) on setup(files), closed after it whatever happens. */
export function authorizeTest(name: string, fn: (h: AuthorizeSetup) => Promise<void>, files?: Record<string, string>) {
  test(name, { skip: cliAvailable() ? false : CLI_MISSING_MESSAGE }, async () => {
    const h = await setup(files);
    try {
      await fn(h);
    } finally {
      await h.close();
    }
  });
}

/** The wait message (the one with "I've Finished"). */
export const isWait = (m: Shown) => m.buttons.includes("I've Finished");

/** The connection id in the last link the extension opened (or copied). */
export function connectionIn(url: string | undefined): string {
  const id = url && new URL(url).searchParams.get('connection_id');
  assert.ok(id, `no connection id in ${url}`);
  return id;
}
