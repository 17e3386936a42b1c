/**
 * What the two parity corpora (connector files: parity.test.ts; function configs: functionConfigParity.ts)
 * share: a case copied to a temp project, the real CLI's `connectors push --yes --json` run on it against a fake
 * API, the built server's Error diagnostics per case root, and the assertions comparing them with expected.json.
 * Each corpus keeps its own part: which CLI errors are verdicts, and how a case becomes a project.
 */
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { cliAvailable, CLI_MISSING_MESSAGE, CliResult, FAKE_API_KEY, makeFakeHome, runCli } from '../support/base44Cli';
import { FakeApi, startFakeApi } from '../support/fakeBase44Api';
import { SERVER_ENTRY, startLanguageServer } from '../support/lspClient';

export const toPosix = (p: string) => p.split(sep).join('/');

/** A case's `expected.json` (a corpus may add fields). */
export interface ExpectedVerdict {
  cliAccepts: boolean;
  why: string;
}

export interface CliVerdict {
  accepts: boolean;
  /** Relative path (with `/`) of the file the CLI named in its error, if any. */
  file?: string;
  /** The CLI's error message / code, for failure messages. */
  detail: string;
}

/** Relative path (with `/`) -> the server's Error messages in that file. */
export type ServerErrors = Map<string, string[]>;

/** The case names of a corpus: the folders of `casesDir`, sorted. */
export function listCases(casesDir: string): string[] {
  return readdirSync(casesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function readExpected<T extends ExpectedVerdict>(casesDir: string, name: string): T {
  return JSON.parse(readFileSync(join(casesDir, name, 'expected.json'), 'utf8'));
}

/** Copies a case (without its expected.json) into a fresh, realpath'd temp dir: the project root. */
export function copyCase(casesDir: string, name: string, prefix: string): string {
  const src = join(casesDir, name);
  const root = realpathSync(mkdtempSync(join(tmpdir(), `${prefix}-${name.slice(0, 40)}-`)));
  cpSync(src, root, { recursive: true, filter: (from) => from !== join(src, 'expected.json') });
  return root;
}

/** The real CLI's judgement of a project: `connectors push --yes --json` with a workspace API key. */
export function pushJson(root: string, apiUrl: string, home: string, timeoutMs: number): Promise<CliResult> {
  return runCli(['connectors', 'push', '--yes', '--json'], {
    cwd: root,
    apiUrl,
    apiKey: FAKE_API_KEY,
    home,
    timeoutMs,
  });
}

/**
 * The fake API and the logged-out HOME both corpora push with (the API key authenticates), started before the
 * suite's tests, closed after them with every case root pushed to `roots`.
 */
export function parityBackend(): { readonly api: FakeApi; readonly home: string; roots: string[] } {
  const state = { api: undefined as FakeApi | undefined, home: '', roots: [] as string[] };
  before(async () => {
    if (!cliAvailable()) throw new Error(CLI_MISSING_MESSAGE);
    state.api = await startFakeApi();
    state.home = makeFakeHome({ loggedIn: false });
  });
  after(async () => {
    await state.api?.close();
    if (state.home) rmSync(state.home, { recursive: true, force: true });
    for (const r of state.roots) rmSync(r, { recursive: true, force: true });
  });
  return {
    get api() {
      assert.ok(state.api, 'the fake API is not started');
      return state.api;
    },
    get home() {
      return state.home;
    },
    roots: state.roots,
  };
}

/** A missing server is a failure, never a skip: npm test builds it first. */
export function assertServerBuilt(): void {
  assert.ok(existsSync(SERVER_ENTRY), `${SERVER_ENTRY} missing (run npm run build)`);
}

/**
 * One server with every root as a workspace folder (each a project of its own): once it has validated, the
 * Error diagnostics of the files inside each root, by root (roots without errors are absent).
 */
export async function serverErrors(roots: string[], readyMs: number): Promise<Map<string, ServerErrors>> {
  const client = await startLanguageServer({ workspaceFolders: roots });
  try {
    await client.ready(readyMs);
    const byRoot = new Map<string, ServerErrors>();
    for (const [uri, diagnostics] of client.diagnostics) {
      let file: string;
      try {
        file = fileURLToPath(uri);
      } catch {
        continue;
      }
      const inside = (r: string) => relative(r, file) !== '' && !relative(r, file).startsWith('..');
      const root = roots.find(inside);
      if (!root) continue;
      const messages = diagnostics
        .filter((d) => d.severity === 1)
        .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
      if (messages.length === 0) continue;
      const errors = byRoot.get(root) ?? new Map<string, string[]>();
      errors.set(toPosix(relative(root, file)), messages);
      byRoot.set(root, errors);
    }
    return byRoot;
  } finally {
    await client.stop();
  }
}

export function describeErrors(errors: ServerErrors): string {
  if (errors.size === 0) return '(no errors)';
  return [...errors].map(([f, m]) => `${f}: ${m.join(' | ')}`).join('\n');
}

/**
 * The parity verdict of one case: the CLI agrees with expected.json (the corpus stays honest), the server has
 * an error exactly when the CLI refuses, and one in the file the CLI names.
 */
export function assertParity(name: string, expected: ExpectedVerdict, cli: CliVerdict, errors: ServerErrors): void {
  assert.equal(
    cli.accepts,
    expected.cliAccepts,
    `expected.json is wrong for ${name}: the real CLI says ${cli.accepts ? 'accepted' : 'rejected'} (${cli.detail})`,
  );
  assert.equal(
    errors.size > 0,
    !cli.accepts,
    `${name}: CLI ${cli.accepts ? 'ACCEPTS' : `REJECTS (${cli.detail})`} but the server reports:\n${describeErrors(errors)}`,
  );
  if (cli.file) {
    assert.ok(
      errors.has(cli.file),
      `${name}: the CLI names ${cli.file} but the server has no error there:\n${describeErrors(errors)}`,
    );
  }
}

/** The `it` title of a case. */
export const caseTitle = (name: string, expected: ExpectedVerdict) =>
  `${name} (${expected.cliAccepts ? 'accepted' : 'rejected'}: ${expected.why})`;
