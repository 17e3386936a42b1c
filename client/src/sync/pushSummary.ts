/** Groups the results of `connectors push --json` into what the user is told afterwards. */
import type { PushResult } from '../cli/connectorsCli';

export interface PushSummary {
  /** Already on Base44 (scopes set). */
  readonly synced: readonly string[];
  /** New on Base44 and authorized (from `newTypes`). */
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly failed: readonly { readonly type: string; readonly error: string }[];
  readonly needsAuthorization: readonly {
    readonly type: string;
    readonly redirectUrl: string;
    readonly connectionId?: string;
  }[];
  readonly provisioned: readonly { readonly type: string; readonly claimUrl?: string }[];
  /** One line, e.g. "2 synced, 1 added, 1 removed, 1 failed". */
  readonly headline: string;
  /** True when nothing failed and nothing waits for authorization. */
  readonly ok: boolean;
}

/** `newTypes`: the types the plan showed as new, so they are reported as "added". */
export function summarizePush(result: PushResult, newTypes: readonly string[] = []): PushSummary {
  const synced: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  const failed: { type: string; error: string }[] = [];
  const needsAuthorization: { type: string; redirectUrl: string; connectionId?: string }[] = [];
  const provisioned: { type: string; claimUrl?: string }[] = [];
  for (const r of result.results) {
    switch (r.action) {
      case 'synced':
        (newTypes.includes(r.type) ? added : synced).push(r.type);
        break;
      case 'removed':
        removed.push(r.type);
        break;
      case 'error':
        failed.push({ type: r.type, error: r.error });
        break;
      case 'needs_oauth':
        needsAuthorization.push({ type: r.type, redirectUrl: r.redirectUrl, connectionId: r.connectionId });
        break;
      case 'provisioned':
        provisioned.push({ type: r.type, claimUrl: r.claimUrl });
        break;
      default:
        failed.push({
          type: (r as { type: string }).type,
          error: `unexpected result "${(r as { action: string }).action}"`,
        });
    }
  }
  const parts = [
    synced.length && `${synced.length} synced`,
    added.length && `${added.length} added`,
    provisioned.length && `${provisioned.length} provisioned`,
    needsAuthorization.length &&
      `${needsAuthorization.length} need${needsAuthorization.length === 1 ? 's' : ''} authorization`,
    removed.length && `${removed.length} removed`,
    failed.length && `${failed.length} failed`,
  ].filter(Boolean);
  return {
    synced,
    added,
    removed,
    failed,
    needsAuthorization,
    provisioned,
    headline: parts.length ? parts.join(', ') : 'nothing to push',
    ok: failed.length === 0 && needsAuthorization.length === 0,
  };
}
