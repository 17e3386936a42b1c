/**
 * What the extension knows about each connector's authorization on Base44, and from when.
 *
 * The API's `external-auth/list` carries each connector's status (active / disconnected / expired) and the
 * account that authorized it, but no command of the base44 CLI (0.1.18) prints them: `pull` keeps only type
 * and scopes. The extension never calls the API itself, so it states only what it saw: the answers of this
 * window's push and initiate runs (with their time) and the remote connector list of the last refresh.
 * Pure functions: the tree turns the result into an icon and text.
 */
import type { ConnectorState } from './pushPlan';

/** An answer Base44 gave to a push or an initiate (a PUT with these scopes), and when. */
export interface AuthorizationFact {
  readonly status: 'authorized' | 'notAuthorized' | 'differentUser' | 'failed';
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly via: 'push' | 'authorize';
  /** The scopes the PUT sent: the fact says nothing about other scopes. */
  readonly scopes: readonly string[];
  /** For `differentUser`: the collaborator who authorized it (when Base44 named them). */
  readonly otherUser?: string;
  /** For `failed`: why. */
  readonly reason?: string;
}

/** The app's connectors from the last refresh / push preview (a `pull` into a temp folder), and when. */
export interface RemoteList {
  readonly connectors?: readonly ConnectorState[];
  readonly seenAt?: number;
}

export interface ConnectorStateView {
  /** Short text for the tree row's description. */
  readonly text: string;
  readonly tooltip: string;
  /** Codicon id and theme color id. */
  readonly icon: string;
  readonly color?: string;
  /** The connector cannot work as the file describes it: Authorize is the fix. */
  readonly unusable: boolean;
}

const WARN = 'problemsWarningIcon.foreground';
const NOT_LIVE =
  'The base44 CLI does not report the live status (expired, disconnected) or the account; a change after that time shows at the next push or Authorize.';

export function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * The fact still applies to a file with these scopes: same scopes, and no later remote list contradicts it
 * (the connector removed on Base44, or its scopes changed by someone else since).
 */
export function factApplies(
  fact: AuthorizationFact | undefined,
  type: string,
  scopes: readonly string[],
  remote: RemoteList,
): fact is AuthorizationFact {
  if (!fact || !sameScopes(fact.scopes, scopes)) return false;
  if (remote.connectors && remote.seenAt !== undefined && remote.seenAt > fact.at) {
    const r = remote.connectors.find((c) => c.type === type);
    if (!r || !sameScopes(r.scopes, fact.scopes)) return false;
  }
  return true;
}

/** The state of a local connector file: its type and scopes as written. */
export function describeConnectorState(
  file: { readonly type: string; readonly scopes: readonly string[] },
  remote: RemoteList,
  fact: AuthorizationFact | undefined,
  time: (ms: number) => string,
): ConnectorStateView {
  const listed = remote.connectors?.find((c) => c.type === file.type);
  const asOf = remote.seenAt !== undefined ? ` (as of ${time(remote.seenAt)})` : '';
  const applies = factApplies(fact, file.type, file.scopes, remote);
  // The latest word wins: a fact newer than the list, or the list newer than any fact.
  const listIsNewer = remote.connectors !== undefined && (!applies || (remote.seenAt ?? 0) > fact!.at);
  if (listIsNewer && !listed) {
    return {
      text: 'local only',
      tooltip: `Not on Base44${asOf}: push to add it, then authorize.`,
      icon: 'cloud-upload',
      unusable: false,
    };
  }
  if (listIsNewer && listed && !sameScopes(listed.scopes, file.scopes)) {
    return {
      text: 'scopes on Base44 differ',
      tooltip:
        `Base44 has this connector with other scopes${asOf}: ${listed.scopes.join(', ') || '(none)'}. Backend functions get a token ` +
        'for those. Authorize sets the scopes of this file and asks for consent (or push).',
      icon: 'warning',
      color: WARN,
      unusable: true,
    };
  }
  if (applies) return describeFact(fact!, time);
  if (listed) {
    return {
      text: 'on Base44 · authorization unknown',
      tooltip: `On Base44 with the same scopes${asOf}. Whether it is authorized is not known: ${NOT_LIVE} Authorize checks it (one request).`,
      icon: 'cloud',
      unusable: false,
    };
  }
  return {
    text: 'remote state unknown',
    tooltip: 'Not checked against Base44 yet: Refresh (read-only) or push.',
    icon: 'plug',
    unusable: false,
  };
}

function describeFact(fact: AuthorizationFact, time: (ms: number) => string): ConnectorStateView {
  const when = time(fact.at);
  const by = fact.via === 'push' ? 'your push' : 'Authorize';
  switch (fact.status) {
    case 'authorized':
      return {
        text: `authorized by you at ${when}`,
        tooltip: `Base44 answered "already authorized" to ${by} at ${when}, with these scopes. ${NOT_LIVE}`,
        icon: 'pass',
        color: 'testing.iconPassed',
        unusable: false,
      };
    case 'notAuthorized':
      return {
        text: fact.via === 'push' ? 'pushed, not yet authorized' : `not authorized (${when})`,
        tooltip: `Base44 asked for consent at ${when} (${by}): nobody finished it since, as far as this window knows. Authorize opens the provider's page.`,
        icon: 'key',
        color: WARN,
        unusable: true,
      };
    case 'differentUser':
      return {
        text: `authorized by ${fact.otherUser ?? 'another collaborator'}`,
        tooltip:
          `At ${when} Base44 refused ${by}: ${fact.otherUser ?? 'another collaborator'} authorized this connector with their account. ` +
          'It works with their account; only they can change its scopes or authorization.',
        icon: 'person',
        unusable: false,
      };
    case 'failed':
      return {
        text: `authorization failed (${when})`,
        tooltip: `${by} failed at ${when}: ${fact.reason ?? 'see the Base44 output'}. Authorize tries again.`,
        icon: 'error',
        color: 'problemsErrorIcon.foreground',
        unusable: true,
      };
  }
}

/** A connector on Base44 with no local file. */
export function describeRemoteOnly(
  remote: RemoteList,
  fact: AuthorizationFact | undefined,
  time: (ms: number) => string,
): string {
  const asOf = remote.seenAt !== undefined ? ` (as of ${time(remote.seenAt)})` : '';
  const auth =
    fact?.status === 'authorized'
      ? `authorized by you at ${time(fact.at)}`
      : fact?.status === 'differentUser'
        ? `authorized by ${fact.otherUser ?? 'another collaborator'}`
        : 'authorization unknown';
  return `remote only${asOf} · ${auth}`;
}

/** HH:MM in the local time zone. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
