/**
 * What `connectors push` will do, computed before it runs: the local connector files against the
 * app's current connectors (learned by pulling into an empty temp folder, so no local file is touched).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectorsCli, Outcome } from '../cli/connectorsCli';
import { LocalConnectorFile, readConnectorFiles } from './connectorFiles';

export interface ConnectorState {
  readonly type: string;
  readonly scopes: readonly string[];
}

export interface ScopeChange extends ConnectorState {
  readonly file: string;
  readonly addedScopes: readonly string[];
  readonly removedScopes: readonly string[];
}

export interface PushPlan {
  /** Local connectors Base44 does not have yet. */
  readonly toAdd: readonly (ConnectorState & { readonly file: string })[];
  /** Local connectors whose scopes differ from Base44's. */
  readonly toUpdate: readonly ScopeChange[];
  readonly unchanged: readonly (ConnectorState & { readonly file: string })[];
  /** Connectors on Base44 with no local file: push REMOVES them (and their authorization). */
  readonly toRemove: readonly ConnectorState[];
  /** Files the CLI will refuse (push would fail before changing anything). */
  readonly invalidFiles: readonly { readonly file: string; readonly problem: string }[];
  /** Types that appear in more than one file. */
  readonly duplicateTypes: readonly string[];
}

export function computePushPlan(local: readonly LocalConnectorFile[], remote: readonly ConnectorState[]): PushPlan {
  const remoteByType = new Map(remote.map((r) => [r.type, r]));
  const seen = new Map<string, number>();
  const plan = {
    toAdd: [] as (ConnectorState & { file: string })[],
    toUpdate: [] as ScopeChange[],
    unchanged: [] as (ConnectorState & { file: string })[],
    toRemove: [] as ConnectorState[],
    invalidFiles: [] as { file: string; problem: string }[],
    duplicateTypes: [] as string[],
  };
  for (const file of local) {
    if (!file.connector) {
      plan.invalidFiles.push({ file: file.path, problem: file.problem ?? 'unreadable' });
      continue;
    }
    const { type, scopes } = file.connector;
    seen.set(type, (seen.get(type) ?? 0) + 1);
    const existing = remoteByType.get(type);
    if (!existing) {
      plan.toAdd.push({ type, scopes, file: file.path });
    } else if (sameScopes(existing.scopes, scopes)) {
      plan.unchanged.push({ type, scopes, file: file.path });
    } else {
      plan.toUpdate.push({
        type,
        scopes,
        file: file.path,
        addedScopes: scopes.filter((s) => !existing.scopes.includes(s)),
        removedScopes: existing.scopes.filter((s) => !scopes.includes(s)),
      });
    }
  }
  plan.duplicateTypes.push(...[...seen].filter(([, n]) => n > 1).map(([t]) => t));
  for (const r of remote) if (!seen.has(r.type)) plan.toRemove.push(r);
  return plan;
}

export function pushPlanIsBlocked(plan: PushPlan): boolean {
  return plan.invalidFiles.length > 0 || plan.duplicateTypes.length > 0;
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * The app's connectors as the CLI sees them, without touching the project: `pull` into a fresh
 * empty temp folder (removed afterwards).
 */
export async function fetchRemoteConnectors(
  cli: ConnectorsCli,
  root: string,
  appId: string,
  signal?: AbortSignal,
): Promise<Outcome<ConnectorState[]>> {
  const dir = await mkdtemp(join(tmpdir(), 'base44-remote-'));
  try {
    const pulled = await cli.pullInto(dir, appId, root, signal);
    if (!pulled.ok) return pulled;
    const files = await readConnectorFiles(dir);
    const remote = files.filter((f) => f.connector).map((f) => f.connector as ConnectorState);
    return { ok: true, value: remote.sort((a, b) => a.type.localeCompare(b.type)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads the local folder and the remote set, then plans. */
export async function previewPush(
  cli: ConnectorsCli,
  project: { root: string; appId: string; connectorsDir: string },
  signal?: AbortSignal,
): Promise<Outcome<{ plan: PushPlan; remote: ConnectorState[] }>> {
  const remote = await fetchRemoteConnectors(cli, project.root, project.appId, signal);
  if (!remote.ok) return remote;
  const local = await readConnectorFiles(project.connectorsDir);
  return { ok: true, value: { plan: computePushPlan(local, remote.value), remote: remote.value } };
}
