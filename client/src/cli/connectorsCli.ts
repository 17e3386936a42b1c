/**
 * Typed wrappers over the `base44 connectors ...` commands the extension uses, with argument
 * validation (no option-like values ever reach the CLI) and checks of the JSON shapes it returns.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSON5 from 'json5';
import { isConnectorType } from '../../../server/src/cliRules';
import { plainText } from '../ui/untrustedText';
import { CliError, invalidArgument } from './cliErrors';
import type { CliResult } from './runCli';

/** Runs the CLI with these arguments in `cwd` (the caller adds the binary, timeout, logging, queue). */
export type CliInvoker = (args: readonly string[], cwd: string, signal?: AbortSignal) => Promise<CliResult>;

export type PushResultItem =
  | { readonly type: string; readonly action: 'synced' }
  | { readonly type: string; readonly action: 'removed' }
  | { readonly type: string; readonly action: 'error'; readonly error: string }
  | {
      readonly type: string;
      readonly action: 'needs_oauth';
      readonly redirectUrl: string;
      readonly connectionId?: string;
    }
  | { readonly type: string; readonly action: 'provisioned'; readonly claimUrl?: string };

export interface PushResult {
  readonly results: readonly PushResultItem[];
}

export interface PullResult {
  readonly connectorsDir: string;
  readonly pulled: number;
  /** Types written (created or rewritten). */
  readonly written: readonly string[];
  /** Types whose files were deleted. */
  readonly deleted: readonly string[];
}

export interface InitiateResult {
  readonly integrationType: string;
  readonly alreadyAuthorized: boolean;
  readonly redirectUrl: string | null;
  readonly connectionId: string | null;
}

export interface AvailableIntegration {
  readonly integrationType: string;
  readonly displayName: string;
  readonly description?: string;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CliError };

/** Longest type / scope passed as an argument (real ones are < 200 characters). */
export const MAX_TYPE_LENGTH = 256;
export const MAX_SCOPE_LENGTH = 2048;
export const MAX_SCOPES = 500;

/** A connector type the CLI accepts, never option-like. */
export function validateType(type: string): CliError | undefined {
  if (typeof type !== 'string' || type.length > MAX_TYPE_LENGTH) {
    return invalidArgument(`The connector type is longer than ${MAX_TYPE_LENGTH} characters.`);
  }
  if (!isConnectorType(type) || type.startsWith('-')) {
    return invalidArgument(
      `"${plainText(type, { max: 100 })}" is not a valid connector type (letters, digits, "_" and "-" only, not starting with "-").`,
    );
  }
  return undefined;
}

/** Scopes are passed as separate arguments: none may look like an option or hold separators. */
export function validateScopes(scopes: readonly string[]): CliError | undefined {
  if (scopes.length > MAX_SCOPES) return invalidArgument(`More than ${MAX_SCOPES} scopes.`);
  for (const scope of scopes) {
    if (typeof scope !== 'string' || scope.trim() === '') return invalidArgument('A scope is empty.');
    if (scope.length > MAX_SCOPE_LENGTH)
      return invalidArgument(`A scope is longer than ${MAX_SCOPE_LENGTH} characters.`);
    if (scope.trimStart().startsWith('-'))
      return invalidArgument(
        `The scope "${plainText(scope, { max: 200 })}" starts with "-", which the CLI would read as an option.`,
      );
    // Line breaks, NUL, terminal escapes and other controls, and unpaired surrogates (not encodable).
    if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(scope) || !isWellFormed(scope)) {
      return invalidArgument('A scope contains a line break, a control character or broken Unicode.');
    }
    if (scope.includes(','))
      return invalidArgument(
        `The scope "${plainText(scope, { max: 200 })}" contains a comma; the CLI would split it into two scopes.`,
      );
  }
  return undefined;
}

function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

function validateAppId(appId: string): CliError | undefined {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(appId) || appId.startsWith('-'))
    return invalidArgument(`"${plainText(appId, { max: 100 })}" is not a valid Base44 app id.`);
  return undefined;
}

export class ConnectorsCli {
  constructor(private readonly invoke: CliInvoker) {}

  /** `connectors push --yes --json` in the project root. */
  async push(root: string, signal?: AbortSignal): Promise<Outcome<PushResult>> {
    const r = await this.invoke(['connectors', 'push', '--yes', '--json'], root, signal);
    return this.shaped(r, isPushResult, 'push');
  }

  /**
   * `connectors pull --dir <dir> --app-id <id> --json`: writes the app's connectors into `dir` (never
   * the project's folder). With a copy of the local files in `dir`, this is exactly what a real pull
   * would do to them.
   */
  async pullInto(dir: string, appId: string, root: string, signal?: AbortSignal): Promise<Outcome<PullResult>> {
    const bad = validateAppId(appId) ?? (dir.startsWith('-') ? invalidArgument('Invalid folder.') : undefined);
    if (bad) return { ok: false, error: bad };
    const r = await this.invoke(['connectors', 'pull', '--dir', dir, '--app-id', appId, '--json'], root, signal);
    return this.shaped(r, isPullResult, 'pull');
  }

  /** `connectors initiate --integration-type <t> --scopes a b --json`. */
  async initiate(
    root: string,
    type: string,
    scopes: readonly string[],
    signal?: AbortSignal,
  ): Promise<Outcome<InitiateResult>> {
    const bad = validateType(type) ?? validateScopes(scopes);
    if (bad) return { ok: false, error: bad };
    const args = ['connectors', 'initiate', '--json', '--integration-type', type];
    if (scopes.length > 0) args.push('--scopes', ...scopes.map((s) => s.trim()));
    const r = await this.invoke(args, root, signal);
    return this.shaped(r, isInitiateResult, 'initiate');
  }

  /** `connectors list-available --json`: the types the app's Base44 offers. */
  async listAvailable(root: string, signal?: AbortSignal): Promise<Outcome<readonly AvailableIntegration[]>> {
    const r = await this.invoke(['connectors', 'list-available', '--json'], root, signal);
    const shaped = this.shaped(r, isListAvailable, 'list-available');
    return shaped.ok ? { ok: true, value: shaped.value.integrations } : shaped;
  }

  /** `whoami --json` → the account e-mail (or "workspace API key ..."). */
  async whoami(root: string, signal?: AbortSignal): Promise<Outcome<string>> {
    const r = await this.invoke(['whoami', '--json'], root, signal);
    if (!r.ok) return r;
    const output = (r.data as { output?: unknown })?.output;
    if (typeof output !== 'string') return { ok: false, error: badShape('whoami') };
    const account =
      /Logged in as:\s*(.+)$/m.exec(output)?.[1]?.trim() ??
      /Using (workspace API key)/.exec(output)?.[1] ??
      output.trim();
    return { ok: true, value: account };
  }

  private shaped<T>(r: CliResult, check: (v: unknown) => v is T, what: string): Outcome<T> {
    if (!r.ok) return r;
    return check(r.data) ? { ok: true, value: r.data } : { ok: false, error: badShape(what) };
  }
}

function badShape(what: string): CliError {
  return {
    kind: 'badOutput',
    message: `The base44 CLI answered "${what}" in a shape this extension does not know. Is the CLI version 0.1.18 or newer?`,
    nextSteps: ['showOutput', 'configureCliPath'],
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function isPushResult(v: unknown): v is PushResult {
  return (
    isObj(v) &&
    Array.isArray(v.results) &&
    v.results.every((r) => isObj(r) && typeof r.type === 'string' && typeof r.action === 'string')
  );
}
function isPullResult(v: unknown): v is PullResult {
  return isObj(v) && isStrArray(v.written) && isStrArray(v.deleted);
}
function isInitiateResult(v: unknown): v is InitiateResult {
  return (
    isObj(v) &&
    typeof v.alreadyAuthorized === 'boolean' &&
    (v.redirectUrl === null || v.redirectUrl === undefined || typeof v.redirectUrl === 'string')
  );
}
function isListAvailable(v: unknown): v is { integrations: AvailableIntegration[] } {
  return (
    isObj(v) &&
    Array.isArray(v.integrations) &&
    v.integrations.every((i) => isObj(i) && typeof i.integrationType === 'string')
  );
}

/** The app id the project is linked to (`base44/.app.jsonc`), if any. Mirrors where the CLI looks. */
export async function readAppId(projectRoot: string): Promise<string | undefined> {
  for (const rel of ['base44/.app.jsonc', 'base44/.app.json', '.app.jsonc', '.app.json']) {
    let text: string;
    try {
      text = await readFile(join(projectRoot, rel), 'utf8');
    } catch {
      continue;
    }
    try {
      const id = (JSON5.parse(text) as { id?: unknown })?.id;
      if (typeof id === 'string' && id.trim()) return id.trim();
    } catch {
      return undefined;
    }
  }
  return undefined;
}
