/**
 * The authorize flow without UI: which redirect URLs may be opened, and what one `initiate` answer means.
 *
 * Why there is no polling here: `connectors initiate` is a PUT that replaces the scope set and, while the
 * connector is not authorized, starts a NEW connection (new connection_id and link) that may supersede the
 * one the user is completing. So the extension initiates once per user request and then waits for the user
 * (see commands/authorize.ts); the CLI's own read-only status polling runs only in its interactive mode.
 */
import type { CliError } from './cliErrors';
import type { Outcome, InitiateResult } from './connectorsCli';

/**
 * Only https URLs, or http on the loopback interface (a local dev/fake server), are opened. The text must
 * be the URL exactly: `new URL` drops leading spaces, tabs and NULs that VS Code's `Uri.parse` then
 * throws on, so any whitespace or control character refuses it.
 */
export function isSafeRedirectUrl(url: string): boolean {
  if (typeof url !== 'string' || /[\s\u0000-\u001f\u007f-\u009f]/.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

/** What one `initiate` told about a connector. */
export type InitiateVerdict =
  | { readonly status: 'authorized' }
  /** Base44 wants consent: this is the (new) link; earlier links of this connector may no longer work. */
  | { readonly status: 'needsConsent'; readonly redirectUrl: string }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly error: CliError };

export function judgeInitiate(r: Outcome<InitiateResult>): InitiateVerdict {
  if (!r.ok) return r.error.kind === 'cancelled' ? { status: 'cancelled' } : { status: 'failed', error: r.error };
  if (r.value.alreadyAuthorized || !r.value.redirectUrl) return { status: 'authorized' };
  return { status: 'needsConsent', redirectUrl: r.value.redirectUrl };
}

/** The other account in a push result's "Already connected by <email>" (the CLI's different_user text). */
export function otherUserOf(pushError: string): string | undefined {
  return /Already connected by (\S+@\S+?)\.?$/.exec(pushError.trim())?.[1];
}
