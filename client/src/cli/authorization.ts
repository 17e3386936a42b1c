/**
 * The authorize flow without UI: which redirect URLs may be opened, and waiting until a connector is
 * authorized by asking the CLI again (`initiate` answers `alreadyAuthorized: true` once it is).
 */
import type { CliError } from './cliErrors';
import type { ConnectorsCli, InitiateResult } from './connectorsCli';

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

export type WaitOutcome =
  | { readonly status: 'authorized' }
  | { readonly status: 'timedOut' }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly error: CliError };

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly signal?: AbortSignal;
}

/** Re-checks through the CLI every `intervalMs` until authorized, an error, cancel, or the timeout. */
export async function waitForAuthorization(
  check: (signal: AbortSignal) => Promise<{ ok: true; value: InitiateResult } | { ok: false; error: CliError }>,
  options: WaitOptions,
): Promise<WaitOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (true) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { status: 'timedOut' };
      if (!(await sleep(Math.min(options.intervalMs, remaining), controller.signal))) return { status: 'cancelled' };
      if (Date.now() >= deadline) return { status: 'timedOut' };
      const r = await check(controller.signal);
      if (controller.signal.aborted) return { status: 'cancelled' };
      if (!r.ok) {
        if (r.error.kind === 'cancelled') return { status: 'cancelled' };
        if (r.error.kind === 'network' || r.error.kind === 'timeout' || r.error.kind === 'serverError') continue;
        return { status: 'failed', error: r.error };
      }
      if (r.value.alreadyAuthorized) return { status: 'authorized' };
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** `check` for `waitForAuthorization` that asks the CLI with the connector's scopes. */
export function initiateCheck(cli: ConnectorsCli, root: string, type: string, scopes: readonly string[]) {
  return (signal: AbortSignal) => cli.initiate(root, type, scopes, signal);
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
