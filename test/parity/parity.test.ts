/**
 * Parity: the language server reports an Error diagnostic exactly when the REAL base44 CLI 0.1.18
 * rejects a project's connector files, and never when it accepts them.
 *
 * Corpus: test/parity/cases/<name>/ — each a whole project (base44/config.jsonc + base44/connectors/*,
 * or a variant) plus `expected.json`:
 *   { "cliAccepts": boolean, "why": string,
 *     "setup"?: { "mkdir"?: string[], "files"?: { "<rel path>": "<content>" } } }
 * `setup` creates what git cannot hold (empty folders) or might alter (CRLF, exotic bytes).
 *
 * For every case the test:
 *  1. copies the case to a temp dir (so project discovery cannot walk up into this repo), adds the
 *     app link `.app.jsonc` next to the config file when the case has none, applies `setup`;
 *  2. runs the real CLI `connectors push --yes --json` with a workspace API key against a fake API.
 *     The CLI reads and validates every connector file before any HTTP call, so:
 *       exit 0 + {"results":[...]}                                  -> accepted
 *       SCHEMA_INVALID "Invalid connector file in <file>:..."        -> rejected (names <file>)
 *       CONFIG_INVALID "File contains invalid JSON: <file> (...)"    -> rejected (names <file>)
 *       INVALID_INPUT  "Duplicate connector type \"t\""              -> rejected
 *       anything else                                                -> the test fails (bad case)
 *     and asserts that verdict equals expected.json (the corpus stays honest);
 *  3. `serverVerdict`: opens the case folder as the only workspace folder of the built language
 *     server (dist/server.js, through test/support/lspClient.ts), waits for its first validation,
 *     and collects Error-severity diagnostics of every file in the case. Server rejects iff >= 1
 *     error; when the CLI names a file, the server must have an error in that file.
 */
import { strict as assert } from 'node:assert';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  cliAvailable,
  CLI_MISSING_MESSAGE,
  CliResult,
  FAKE_API_KEY,
  makeFakeHome,
  REPO_ROOT,
  runCli,
} from '../support/base44Cli';
import { FakeApi, startFakeApi } from '../support/fakeBase44Api';
import { SERVER_ENTRY, startLanguageServer } from '../support/lspClient';

export const CASES_DIR = join(REPO_ROOT, 'test', 'parity', 'cases');

export interface ExpectedVerdict {
  cliAccepts: boolean;
  why: string;
  setup?: { mkdir?: string[]; files?: Record<string, string> };
}

export interface CliVerdict {
  accepts: boolean;
  /** Relative path (with `/`) of the file the CLI named in its error, if any. */
  file?: string;
  /** The CLI's error message / code, for failure messages. */
  detail: string;
}

export interface ServerVerdict {
  rejects: boolean;
  /** Relative path (with `/`) -> error messages. */
  errors: Map<string, string[]>;
}

export function listCases(): string[] {
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function readExpected(name: string): ExpectedVerdict {
  return JSON.parse(readFileSync(join(CASES_DIR, name, 'expected.json'), 'utf8'));
}

const toPosix = (p: string) => p.split(sep).join('/');

/** Copies a case into a fresh temp project root (realpath'd) ready for the CLI and the server. */
export function materializeCase(name: string): string {
  const src = join(CASES_DIR, name);
  const root = realpathSync(mkdtempSync(join(tmpdir(), `b44-parity-${name.slice(0, 40)}-`)));
  cpSync(src, root, { recursive: true, filter: (from) => from !== join(src, 'expected.json') });
  const expected = readExpected(name);
  for (const dir of expected.setup?.mkdir ?? []) mkdirSync(join(root, dir), { recursive: true });
  for (const [rel, content] of Object.entries(expected.setup?.files ?? {})) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  // The app link the CLI needs to get as far as reading connectors: next to the config file.
  const inBase44 = ['base44/config.jsonc', 'base44/config.json'].some((f) => existsSync(join(root, f)));
  const linkDir =
    inBase44 || !['config.jsonc', 'config.json'].some((f) => existsSync(join(root, f))) ? join(root, 'base44') : root;
  if (!existsSync(join(linkDir, '.app.jsonc')) && !existsSync(join(linkDir, '.app.json'))) {
    mkdirSync(linkDir, { recursive: true });
    writeFileSync(join(linkDir, '.app.jsonc'), '{ "id": "parity-app" }\n');
  }
  return root;
}

/** Interprets one `connectors push --yes --json` run (see the header). Throws on any other outcome. */
export function classifyCliResult(r: CliResult, root: string): CliVerdict {
  const j = r.json;
  const dump = `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr.slice(0, 2000)}`;
  if (r.code === 0 && j && Array.isArray(j.results)) return { accepts: true, detail: 'pushed' };
  if (r.code === 1 && j && typeof j.error === 'string') {
    const named = (abs: string) => toPosix(relative(root, abs));
    let m: RegExpMatchArray | null;
    if (j.code === 'SCHEMA_INVALID' && (m = j.error.match(/^Invalid connector file in (.+?):\n/))) {
      return { accepts: false, file: named(m[1]), detail: `${j.code}: ${j.error}` };
    }
    if (j.code === 'CONFIG_INVALID' && (m = j.error.match(/^File contains invalid JSON: (.+?) \((?:JSON5: )?.*\)$/s))) {
      return { accepts: false, file: named(m[1]), detail: `${j.code}: ${j.error}` };
    }
    if (j.code === 'INVALID_INPUT' && /^Duplicate connector type "/.test(j.error)) {
      return { accepts: false, detail: `${j.code}: ${j.error}` };
    }
  }
  throw new Error(`unexpected CLI outcome (not a connector-file verdict): ${dump}`);
}

export async function cliVerdict(root: string, apiUrl: string, home: string): Promise<CliVerdict> {
  const r = await runCli(['connectors', 'push', '--yes', '--json'], {
    cwd: root,
    apiUrl,
    apiKey: FAKE_API_KEY,
    home,
    timeoutMs: 60_000,
  });
  return classifyCliResult(r, root);
}

export function serverAvailable(): boolean {
  return existsSync(SERVER_ENTRY);
}

/**
 * SERVER HALF. Opens `root` as the only workspace folder, waits for the first validation (the
 * server publishes diagnostics for every connector file of the project, opened or not, before it
 * sends base44/projectsChanged) and collects the Error-severity diagnostics of files inside `root`.
 */
export async function serverVerdict(root: string): Promise<ServerVerdict> {
  const client = await startLanguageServer({ workspaceFolders: [root] });
  try {
    await client.ready(20_000);
    const errors = new Map<string, string[]>();
    for (const [uri, diagnostics] of client.diagnostics) {
      let file: string;
      try {
        file = fileURLToPath(uri);
      } catch {
        continue;
      }
      const rel = relative(root, file);
      if (rel.startsWith('..') || rel === '') continue;
      const messages = diagnostics
        .filter((d) => d.severity === 1)
        .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
      if (messages.length > 0) errors.set(toPosix(rel), messages);
    }
    return { rejects: errors.size > 0, errors };
  } finally {
    await client.stop();
  }
}

function describeErrors(v: ServerVerdict): string {
  if (v.errors.size === 0) return '(no errors)';
  return [...v.errors].map(([f, m]) => `${f}: ${m.join(' | ')}`).join('\n');
}

describe('parity corpus: real CLI 0.1.18 verdict vs expected.json vs language server', { concurrency: 2 }, () => {
  let api: FakeApi;
  let home: string;
  const roots: string[] = [];

  before(async () => {
    if (!cliAvailable()) throw new Error(CLI_MISSING_MESSAGE);
    api = await startFakeApi();
    home = makeFakeHome({ loggedIn: false }); // the API key is used; no auth.json needed
  });
  after(async () => {
    await api?.close();
    rmSync(home, { recursive: true, force: true });
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('the corpus has at least 60 cases, each with a well-formed expected.json', () => {
    const cases = listCases();
    assert.ok(cases.length >= 60, `only ${cases.length} cases`);
    for (const name of cases) {
      const e = readExpected(name);
      assert.equal(typeof e.cliAccepts, 'boolean', name);
      assert.ok(typeof e.why === 'string' && e.why.length > 0, name);
    }
  });

  for (const name of listCases()) {
    const expected = readExpected(name);
    it(`${name} (${expected.cliAccepts ? 'accepted' : 'rejected'}: ${expected.why})`, { timeout: 90_000 }, async () => {
      const root = materializeCase(name);
      roots.push(root);
      const cli = await cliVerdict(root, api.url, home);
      assert.equal(
        cli.accepts,
        expected.cliAccepts,
        `expected.json is wrong for ${name}: the real CLI says ${cli.accepts ? 'accepted' : 'rejected'} (${cli.detail})`,
      );

      // A missing server is a failure, never a skip: npm test builds it first.
      assert.ok(serverAvailable(), `${SERVER_ENTRY} missing (run npm run build)`);
      const server = await serverVerdict(root);
      assert.equal(
        server.rejects,
        !cli.accepts,
        `${name}: CLI ${cli.accepts ? 'ACCEPTS' : `REJECTS (${cli.detail})`} but the server reports:\n${describeErrors(server)}`,
      );
      if (cli.file) {
        assert.ok(
          server.errors.has(cli.file),
          `${name}: the CLI names ${cli.file} but the server has no error there:\n${describeErrors(server)}`,
        );
      }
    });
  }
});
