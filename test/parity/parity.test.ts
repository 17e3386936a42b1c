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
 *  3. `serverErrors` (parityRunner.ts): opens the case folder as the only workspace folder of the built language
 *     server (dist/server.js, through test/support/lspClient.ts), waits for its first validation,
 *     and collects Error-severity diagnostics of every file in the case. Server rejects iff >= 1
 *     error; when the CLI names a file, the server must have an error in that file.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { CliResult, REPO_ROOT } from '../support/base44Cli';
import {
  assertParity,
  assertServerBuilt,
  caseTitle,
  copyCase,
  type CliVerdict,
  type ExpectedVerdict,
  listCases,
  parityBackend,
  pushJson,
  readExpected,
  serverErrors,
  toPosix,
} from './parityRunner';

export const CASES_DIR = join(REPO_ROOT, 'test', 'parity', 'cases');

export interface ConnectorCaseExpectation extends ExpectedVerdict {
  setup?: { mkdir?: string[]; files?: Record<string, string> };
}

/** Copies a case into a fresh temp project root (realpath'd) ready for the CLI and the server. */
export function materializeCase(name: string): string {
  const root = copyCase(CASES_DIR, name, 'b44-parity');
  const expected = readExpected<ConnectorCaseExpectation>(CASES_DIR, name);
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
  return classifyCliResult(await pushJson(root, apiUrl, home, 60_000), root);
}

describe('parity corpus: real CLI 0.1.18 verdict vs expected.json vs language server', { concurrency: 2 }, () => {
  const backend = parityBackend();

  it('the corpus has at least 60 cases, each with a well-formed expected.json', () => {
    const cases = listCases(CASES_DIR);
    assert.ok(cases.length >= 60, `only ${cases.length} cases`);
    for (const name of cases) {
      const e = readExpected(CASES_DIR, name);
      assert.equal(typeof e.cliAccepts, 'boolean', name);
      assert.ok(typeof e.why === 'string' && e.why.length > 0, name);
    }
  });

  for (const name of listCases(CASES_DIR)) {
    const expected = readExpected(CASES_DIR, name);
    it(caseTitle(name, expected), { timeout: 90_000 }, async () => {
      const root = materializeCase(name);
      backend.roots.push(root);
      const cli = await cliVerdict(root, backend.api.url, backend.home);
      assertServerBuilt();
      // This server opens the case folder as its only workspace folder.
      const errors = (await serverErrors([root], 20_000)).get(root) ?? new Map<string, string[]>();
      assertParity(name, expected, cli, errors);
    });
  }
});
