/**
 * Runs the REAL base44 CLI (npm package `base44@0.1.18`, cached by `scripts/fetch-cli.mjs` into
 * `.cache/base44-cli/package`) as a child process, against a fake API, never the network.
 *
 * What the CLI needs / does at startup (read from its sources, 0.1.18):
 * - Login: `~/.base44/auth/auth.json` = `{ accessToken, refreshToken, expiresAt, email, name }`
 *   (zod: non-empty strings, `expiresAt` a positive integer in **milliseconds**, `email` a valid email,
 *   `name` non-empty). If `Date.now() >= expiresAt - 60s` the CLI first POSTs `<api>/oauth/token`
 *   (`grant_type=refresh_token`) before every request; so `expiresAt` must be far in the future.
 *   If auth.json is missing/invalid the CLI starts the interactive device login (network!) — never
 *   let that happen: always give a fake home or `BASE44_API_KEY=b44k_...` (sent as header `api_key`,
 *   auth.json is then ignored and no refresh is ever attempted).
 *   A failed refresh DELETES auth.json (the test home is then "logged out").
 *   `BASE44_ACCESS_TOKEN`/`BASE44_REFRESH_TOKEN` (a JWT) would also seed auth.json: we scrub them.
 * - `whoami` makes no HTTP call at all: it only reads auth.json (or prints the API key prefix).
 * - Upgrade check: every command runs `npm view base44 version` (shell, 1 s timeout) and, with
 *   `--json`, waits for it after success. Disabled here with
 *   `BASE44_CLI_TEST_OVERRIDES={"latestVersion":null}` (the CLI's own test hook; its other field,
 *   `appConfig`, is NOT set, so project discovery stays real).
 * - Telemetry: PostHog error reports unless `BASE44_DISABLE_TELEMETRY=1` (set).
 * - First run per HOME copies its assets to `~/.base44/assets/<version>/`; `makeFakeHome` creates the
 *   marker folders so that copy is skipped (harmless for the connectors commands).
 * - It loads `.env.local` / `.env` from the project root (never overriding our env) and reads
 *   `BASE44_APP_ID` (we scrub every inherited `BASE44_*` variable).
 * - bin/run.js sets CI=true itself when stdin/stdout are not TTYs; we set CI=1 anyway.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

function findRepoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'base44-connectors') return dir;
      } catch {
        /* keep looking */
      }
    }
    const up = dirname(dir);
    if (up === dir) return resolve(__dirname, '..', '..', '..');
    dir = up;
  }
}

export const REPO_ROOT = findRepoRoot();
export const CLI_PACKAGE_DIR = join(REPO_ROOT, '.cache', 'base44-cli', 'package');
export const CLI_ENTRY = join(CLI_PACKAGE_DIR, 'bin', 'run.js');
export const CLI_VERSION = '0.1.18';

/** True when `scripts/fetch-cli.mjs` has run (tests skip with a clear message otherwise). */
export function cliAvailable(): boolean {
  return existsSync(CLI_ENTRY);
}
export const CLI_MISSING_MESSAGE = `real base44 CLI not cached at ${CLI_ENTRY}: run \`node scripts/fetch-cli.mjs\``;

export const FAKE_ACCESS_TOKEN = 'fake-access-token';
export const FAKE_REFRESH_TOKEN = 'fake-refresh-token';
export const FAKE_EMAIL = 'dev@example.com';
export const FAKE_API_KEY = 'b44k_fake_workspace_key';

export interface FakeHomeOptions {
  accessToken?: string;
  refreshToken?: string;
  /** ms since epoch; default: one year from now. Use `Date.now() - 1000` to force a refresh first. */
  expiresAt?: number;
  email?: string;
  name?: string;
  /** false: no auth.json at all (the CLI would then try an interactive login). */
  loggedIn?: boolean;
}

export function authFilePath(home: string): string {
  return join(home, '.base44', 'auth', 'auth.json');
}

/** A temp HOME holding a valid `~/.base44/auth/auth.json` (the CLI then considers the user logged in). */
export function makeFakeHome(opts: FakeHomeOptions = {}): string {
  const home = mkdtempSync(join(tmpdir(), 'b44-home-'));
  // Skip the CLI's first-run asset copy (it checks for these two folders).
  mkdirSync(join(home, '.base44', 'assets', CLI_VERSION, 'backend-runtime'), { recursive: true });
  if (opts.loggedIn !== false) {
    writeAuthFile(home, opts);
  }
  return home;
}

export function writeAuthFile(home: string, opts: FakeHomeOptions = {}): void {
  const file = authFilePath(home);
  mkdirSync(dirname(file), { recursive: true });
  const data = {
    accessToken: opts.accessToken ?? FAKE_ACCESS_TOKEN,
    refreshToken: opts.refreshToken ?? FAKE_REFRESH_TOKEN,
    expiresAt: opts.expiresAt ?? Date.now() + 365 * 24 * 3600 * 1000,
    email: opts.email ?? FAKE_EMAIL,
    name: opts.name ?? 'Dev Example',
  };
  writeFileSync(file, JSON.stringify(data, null, 2));
}

export function readAuthFile(home: string): any | undefined {
  try {
    return JSON.parse(readFileSync(authFilePath(home), 'utf8'));
  } catch {
    return undefined;
  }
}

export interface RunCliOptions {
  cwd: string;
  /** BASE44_API_URL, e.g. a fake API's `url`, or `http://127.0.0.1:9` (nothing listens: API_ERROR). */
  apiUrl: string;
  /** HOME to use; default: a fresh `makeFakeHome()` removed after the run. */
  home?: string;
  /** Send `BASE44_API_KEY` (header `api_key`); the CLI then ignores auth.json. */
  apiKey?: string;
  /** Extra environment (wins over everything else). */
  env?: Record<string, string>;
  /** Kill the CLI after this long (default 30 s); the result then has `timedOut: true`, code null. */
  timeoutMs?: number;
  /** Written to the CLI's stdin, then closed (default: stdin closed at once). */
  input?: string;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON when it is one JSON document. */
  json?: any;
  timedOut: boolean;
  durationMs: number;
}

/** The environment the CLI runs with: inherited env minus every BASE44_* variable, plus ours. */
export function cliEnv(opts: {
  apiUrl: string;
  home: string;
  apiKey?: string;
  env?: Record<string, string>;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.toUpperCase().startsWith('BASE44')) continue;
    if (k === 'NODE_OPTIONS' || k === 'NODE_TEST_CONTEXT') continue;
    env[k] = v;
  }
  Object.assign(env, {
    BASE44_API_URL: opts.apiUrl,
    BASE44_DISABLE_TELEMETRY: '1',
    BASE44_CLI_TEST_OVERRIDES: JSON.stringify({ latestVersion: null }),
    HOME: opts.home,
    USERPROFILE: opts.home,
    CI: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  });
  if (opts.apiKey) env.BASE44_API_KEY = opts.apiKey;
  Object.assign(env, opts.env ?? {});
  return env;
}

export function parseJsonOutput(stdout: string): any | undefined {
  const text = stdout.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Spawn `node run.js ...args` (argument array, no shell) and collect its output. */
export async function runCli(args: string[], opts: RunCliOptions): Promise<CliResult> {
  if (!cliAvailable()) throw new Error(CLI_MISSING_MESSAGE);
  const ownHome = opts.home === undefined;
  const home = opts.home ?? makeFakeHome();
  const started = Date.now();
  try {
    return await new Promise<CliResult>((resolvePromise, reject) => {
      const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
        cwd: opts.cwd,
        env: cliEnv({ apiUrl: opts.apiUrl, home, apiKey: opts.apiKey, env: opts.env }),
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        windowsHide: true,
      });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.input ?? '');
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, opts.timeoutMs ?? 30_000);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolvePromise({
          code: timedOut ? null : code,
          signal,
          stdout,
          stderr,
          json: parseJsonOutput(stdout),
          timedOut,
          durationMs: Date.now() - started,
        });
      });
    });
  } finally {
    if (ownHome) rmSync(home, { recursive: true, force: true });
  }
}
