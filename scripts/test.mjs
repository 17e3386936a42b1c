// `npm test [-- <substring>...]`: compile the tests, build and fetch only what the selected tests use, then run
// every matching `out/test/**/*.test.js` with node's test runner (integration specs for VS Code live in
// test/vscode and run with `npm run test:vscode` instead). `npm run test:watch [-- <substring>...]` keeps tsc,
// esbuild and the runner watching and re-runs the affected tests on every save.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { root, run } from './lib/common.mjs';

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

// What each test folder needs besides compiled tests: `bundle` = dist/ (the server as shipped, run over stdio),
// `cli` = the real base44 CLI in .cache/ (fetched once with npm pack). A folder not listed gets both.
const NEEDS = {
  unit: [],
  protocol: ['bundle'],
  cli: ['cli'],
  client: ['cli'],
  parity: ['bundle', 'cli'],
  hardening: ['bundle', 'cli'],
};

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'vscode' && name !== 'node_modules') found.push(...findTests(path));
    } else if (name.endsWith('.test.ts')) {
      found.push(path);
    }
  }
  return found;
}

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const filter = args.filter((a) => a !== '--watch');
const sources = findTests(join(root, 'test')).filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));
if (sources.length === 0) {
  console.error(`no test file matches ${filter.join(', ')}`);
  process.exit(1);
}
const needs = new Set(
  sources.flatMap((f) => NEEDS[relative(join(root, 'test'), f).split(sep)[0]] ?? ['bundle', 'cli']),
);
const compiled = sources.map((f) => join(root, 'out', relative(root, f)).replace(/\.ts$/, '.js'));
// A file (not a test) that runs longer than 15 minutes has hung: the parity corpora run the real CLI ~200 times.
const runnerArgs = ['--test', '--test-concurrency=2', '--test-timeout=900000'];

if (needs.has('bundle')) run(process.execPath, ['scripts/build.mjs']);
if (needs.has('cli')) run(process.execPath, ['scripts/fetch-cli.mjs']);
run(process.execPath, [tsc, '-p', 'tsconfig.json']);

if (!watch) {
  const result = spawnSync(process.execPath, [...runnerArgs, ...compiled], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

// Watch mode: tsc and esbuild rewrite out/ and dist/; node's runner re-runs the tests whose files changed.
const children = [
  spawn(process.execPath, [tsc, '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput'], {
    cwd: root,
    stdio: 'inherit',
  }),
];
if (needs.has('bundle'))
  children.push(spawn(process.execPath, ['scripts/build.mjs', '--watch'], { cwd: root, stdio: 'inherit' }));
children.push(spawn(process.execPath, [...runnerArgs, '--watch', ...compiled], { cwd: root, stdio: 'inherit' }));
const stop = () => {
  for (const child of children) child.kill();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
