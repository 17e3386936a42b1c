/**
 * Function-config parity: the language server reports an Error diagnostic exactly when the REAL base44 CLI
 * 0.1.18 refuses a project's `function.json` / `function.jsonc` files, and never when it accepts them.
 *
 * Corpus: test/parity/function-cases/<name>/ — each a whole project (base44/config.jsonc, a connector file,
 * base44/functions/**) plus `expected.json` `{ "cliAccepts": boolean, "why": string }`.
 *
 * The CLI reads every function config (schema, entry file, unique names) whenever it reads the project, so
 * `connectors push --yes --json` against the fake API judges them offline:
 *   exit 0 + {"results":[...]}                                                  -> accepted
 *   SCHEMA_INVALID "Invalid function configuration in <file>:..."               -> rejected (names <file>)
 *   CONFIG_INVALID "File contains invalid JSON: <file> (...)"                   -> rejected (names <file>)
 *   INVALID_INPUT  "Function entry file not found: <entry> (referenced in <file>)" -> rejected (names <file>)
 *   CONFIG_INVALID "Duplicate function name \"x\" in <dir>"                     -> rejected
 *   anything else                                                               -> the test fails (bad case)
 * Then the built server, with every case as a workspace folder of its own, must report at least one error in a
 * case exactly when the CLI refuses it, and one in the file the CLI names.
 */
import { strict as assert } from 'node:assert';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
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

const CASES_DIR = join(REPO_ROOT, 'test', 'parity', 'function-cases');
const toPosix = (p: string) => p.split(sep).join('/');

interface Verdict {
  accepts: boolean;
  file?: string;
  detail: string;
}

function listCases(): string[] {
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function readExpected(name: string): { cliAccepts: boolean; why: string } {
  return JSON.parse(readFileSync(join(CASES_DIR, name, 'expected.json'), 'utf8'));
}

function materialize(name: string): string {
  const src = join(CASES_DIR, name);
  const root = realpathSync(mkdtempSync(join(tmpdir(), `b44-fparity-${name.slice(0, 40)}-`)));
  cpSync(src, root, { recursive: true, filter: (from) => from !== join(src, 'expected.json') });
  mkdirSync(join(root, 'base44'), { recursive: true });
  writeFileSync(join(root, 'base44', '.app.jsonc'), '{ "id": "parity-app" }\n');
  return root;
}

export function classifyFunctionVerdict(r: CliResult, root: string): Verdict {
  const j = r.json;
  if (r.code === 0 && j && Array.isArray(j.results)) return { accepts: true, detail: 'pushed' };
  if (r.code === 1 && j && typeof j.error === 'string') {
    const named = (abs: string) => toPosix(relative(root, abs));
    const detail = `${j.code}: ${j.error}`;
    let m: RegExpMatchArray | null;
    if (j.code === 'SCHEMA_INVALID' && (m = j.error.match(/^Invalid function configuration in (.+?):\n/)))
      return { accepts: false, file: named(m[1]), detail };
    if (j.code === 'CONFIG_INVALID' && (m = j.error.match(/^File contains invalid JSON: (.+?) \(.*\)$/s)))
      return { accepts: false, file: named(m[1]), detail };
    if (
      j.code === 'INVALID_INPUT' &&
      (m = j.error.match(/^Function entry file not found: .+ \(referenced in (.+)\)$/s))
    ) {
      return { accepts: false, file: named(m[1]), detail };
    }
    if (j.code === 'CONFIG_INVALID' && /^Duplicate function name "/.test(j.error)) return { accepts: false, detail };
  }
  throw new Error(
    `unexpected CLI outcome (not a function-config verdict): exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr.slice(0, 2000)}`,
  );
}

/** One server over every case root: Error diagnostics per root, per file relative to it. */
async function serverErrors(roots: string[]): Promise<Map<string, Map<string, string[]>>> {
  const client = await startLanguageServer({ workspaceFolders: roots });
  try {
    await client.ready(60_000);
    const byRoot = new Map<string, Map<string, string[]>>();
    for (const [uri, diagnostics] of client.diagnostics) {
      let file: string;
      try {
        file = fileURLToPath(uri);
      } catch {
        continue;
      }
      const root = roots.find((r) => !relative(r, file).startsWith('..'));
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

const describeErrors = (errors: Map<string, string[]>) =>
  errors.size === 0 ? '(no errors)' : [...errors].map(([f, m]) => `${f}: ${m.join(' | ')}`).join('\n');

/** Runs `jobs` with at most `limit` at a time. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

// The CLI runs (the slow half) go three at a time, and ONE server opens every case as its own workspace
// folder (each case is a separate project), so the corpus fits the test runner's per-file timeout.
/**
 * The suite over part `part` (0-based) of `parts` slices of the corpus: each slice is its own test file, so
 * each gets the runner's per-file time budget even on a loaded machine.
 */
export function describeFunctionParity(part: number, parts: number): void {
  describe(`function-config parity ${part + 1}/${parts}: real CLI 0.1.18 vs expected.json vs language server`, () => {
    let api: FakeApi;
    let home: string;
    const all = listCases();
    const cases = all.filter((_, i) => i % parts === part);
    const roots = new Map<string, string>();
    const cli = new Map<string, Verdict | Error>();
    const server = new Map<string, Map<string, string[]>>();

    before(async () => {
      if (!cliAvailable()) throw new Error(CLI_MISSING_MESSAGE);
      api = await startFakeApi();
      home = makeFakeHome({ loggedIn: false });
      for (const name of cases) roots.set(name, materialize(name));
      await pool(
        cases.map((name) => async () => {
          const root = roots.get(name)!;
          const r = await runCli(['connectors', 'push', '--yes', '--json'], {
            cwd: root,
            apiUrl: api.url,
            apiKey: FAKE_API_KEY,
            home,
            timeoutMs: 90_000,
          });
          try {
            cli.set(name, classifyFunctionVerdict(r, root));
          } catch (err) {
            cli.set(name, err as Error);
          }
        }),
        3,
      );
      assert.ok(readFileSync(SERVER_ENTRY), `${SERVER_ENTRY} missing (run npm run build)`);
      const all = await serverErrors([...roots.values()]);
      for (const [name, root] of roots) server.set(name, all.get(root) ?? new Map());
    });
    after(async () => {
      await api?.close();
      if (home) rmSync(home, { recursive: true, force: true });
      for (const r of roots.values()) rmSync(r, { recursive: true, force: true });
    });

    it('the corpus has at least 30 cases, accepted and rejected ones', () => {
      assert.ok(all.length >= 30, `only ${all.length} cases`);
      const verdicts = all.map((name) => readExpected(name).cliAccepts);
      assert.ok(verdicts.includes(true) && verdicts.includes(false));
    });

    for (const name of cases) {
      const expected = readExpected(name);
      it(`${name} (${expected.cliAccepts ? 'accepted' : 'rejected'}: ${expected.why})`, () => {
        const verdict = cli.get(name);
        if (verdict instanceof Error || verdict === undefined) throw verdict ?? new Error('the CLI did not run');
        assert.equal(
          verdict.accepts,
          expected.cliAccepts,
          `expected.json is wrong for ${name}: the real CLI says ${verdict.accepts ? 'accepted' : 'rejected'} (${verdict.detail})`,
        );
        const errors = server.get(name)!;
        assert.equal(
          errors.size > 0,
          !verdict.accepts,
          `${name}: CLI ${verdict.accepts ? 'ACCEPTS' : `REJECTS (${verdict.detail})`} but the server reports:\n${describeErrors(errors)}`,
        );
        if (verdict.file) {
          assert.ok(
            errors.has(verdict.file),
            `${name}: the CLI names ${verdict.file} but the server has no error there:\n${describeErrors(errors)}`,
          );
        }
      });
    }
  });
}
