/**
 * Entry point of the VS Code integration suite, shared by both hosts:
 * - `@vscode/test-electron` (test/vscode/runTestElectron.mjs) loads this file as `extensionTestsPath`
 *   and calls `run()`; a rejected promise means failures.
 * - `npm run test:vscode` installs the harness extension (test/vscode/harness) into code-server; the harness
 *   calls `runWithResults()` inside the extension host and writes the results for the launcher.
 * Specs are every `*.spec.js` next to this file (compiled from test/vscode/suite/*.spec.ts).
 * Mocha is loaded from its CommonJS build so this works on any Node (mocha 12 is ESM first).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

type MochaCtor = typeof import('mocha');

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface RunResults {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  tests: TestResult[];
}

export interface RunOptions {
  /** Only tests whose full title matches (a RegExp source). */
  grep?: string;
  invert?: boolean;
  timeout?: number;
  /** Spec file base names to load (default: all *.spec.js). */
  files?: string[];
  /** Called with one line per finished test (progress for the launcher). */
  onLine?: (line: string) => void;
}

function loadMocha(): MochaCtor {
  const candidates = [process.env.BASE44_MOCHA_PATH, 'mocha/lib/mocha.cjs', 'mocha'].filter(Boolean) as string[];
  let lastError: unknown;
  for (const id of candidates) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha is found at run time
      const m = require(id);
      return (m.default && typeof m.default === 'function' ? m.default : m) as MochaCtor;
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`cannot load mocha: ${String(lastError)}`);
}

function oneLine(err: any): string {
  const msg = err && (err.stack || err.message) ? String(err.stack || err.message) : String(err);
  return msg;
}

export function runWithResults(options: RunOptions = {}): Promise<RunResults> {
  const Mocha = loadMocha();
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: options.timeout ?? 60_000,
    // Reporter that stays silent: results are collected from runner events below.
    reporter: function SilentReporter() {} as any,
  });
  if (options.grep) {
    mocha.grep(new RegExp(options.grep));
    if (options.invert) mocha.invert();
  }
  const wanted = options.files && options.files.length ? new Set(options.files) : undefined;
  for (const name of readdirSync(__dirname).sort()) {
    if (!name.endsWith('.spec.js')) continue;
    if (wanted && !wanted.has(name) && !wanted.has(name.replace(/\.js$/, ''))) continue;
    mocha.addFile(join(__dirname, name));
  }
  const started = Date.now();
  const results: RunResults = { passed: 0, failed: 0, pending: 0, durationMs: 0, tests: [] };
  const line = (s: string) => {
    try {
      options.onLine?.(s);
    } catch {
      /* ignore */
    }
    console.log(`[base44-suite] ${s}`);
  };
  return new Promise<RunResults>((resolve, reject) => {
    let runner: ReturnType<InstanceType<MochaCtor>['run']>;
    try {
      runner = mocha.run(() => {
        results.durationMs = Date.now() - started;
        resolve(results);
      });
    } catch (err) {
      reject(err);
      return;
    }
    runner.on('pass', (test: any) => {
      results.passed++;
      results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
      line(`ok   ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test: any, err: any) => {
      results.failed++;
      results.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration, error: oneLine(err) });
      line(`FAIL ${test.fullTitle()}: ${String(err && err.message).split('\n')[0]}`);
    });
    runner.on('pending', (test: any) => {
      results.pending++;
      results.tests.push({ title: test.fullTitle(), state: 'pending' });
      line(`skip ${test.fullTitle()}`);
    });
  });
}

/** `@vscode/test-electron` entry point. */
export async function run(): Promise<void> {
  const results = await runWithResults({
    grep: process.env.BASE44_TEST_GREP,
    invert: process.env.BASE44_TEST_GREP_INVERT === '1',
    onLine: (s) => process.stdout.write(s + '\n'),
  });
  console.log(
    `${results.passed} passed, ${results.failed} failed${results.pending ? ` (${results.pending} skipped)` : ''}`,
  );
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
}
