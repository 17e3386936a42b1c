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
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { CliResult, REPO_ROOT } from '../support/base44Cli';
import {
  assertParity,
  assertServerBuilt,
  caseTitle,
  copyCase,
  type CliVerdict,
  listCases,
  parityBackend,
  pushJson,
  readExpected,
  type ServerErrors,
  serverErrors,
  toPosix,
} from './parityRunner';

const CASES_DIR = join(REPO_ROOT, 'test', 'parity', 'function-cases');

function materialize(name: string): string {
  const root = copyCase(CASES_DIR, name, 'b44-fparity');
  mkdirSync(join(root, 'base44'), { recursive: true });
  writeFileSync(join(root, 'base44', '.app.jsonc'), '{ "id": "parity-app" }\n');
  return root;
}

export function classifyFunctionVerdict(r: CliResult, root: string): CliVerdict {
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
    const backend = parityBackend();
    const all = listCases(CASES_DIR);
    const cases = all.filter((_, i) => i % parts === part);
    const roots = new Map<string, string>();
    const cli = new Map<string, CliVerdict | Error>();
    const server = new Map<string, ServerErrors>();

    before(async () => {
      for (const name of cases) roots.set(name, materialize(name));
      backend.roots.push(...roots.values());
      await pool(
        cases.map((name) => async () => {
          const root = roots.get(name)!;
          const r = await pushJson(root, backend.api.url, backend.home, 90_000);
          try {
            cli.set(name, classifyFunctionVerdict(r, root));
          } catch (err) {
            cli.set(name, err as Error);
          }
        }),
        3,
      );
      assertServerBuilt();
      const all = await serverErrors([...roots.values()], 60_000);
      for (const [name, root] of roots) server.set(name, all.get(root) ?? new Map());
    });

    it('the corpus has at least 30 cases, accepted and rejected ones', () => {
      assert.ok(all.length >= 30, `only ${all.length} cases`);
      const verdicts = all.map((name) => readExpected(CASES_DIR, name).cliAccepts);
      assert.ok(verdicts.includes(true) && verdicts.includes(false));
    });

    for (const name of cases) {
      const expected = readExpected(CASES_DIR, name);
      it(caseTitle(name, expected), () => {
        const verdict = cli.get(name);
        if (verdict instanceof Error || verdict === undefined) throw verdict ?? new Error('the CLI did not run');
        assertParity(name, expected, verdict, server.get(name)!);
      });
    }
  });
}
