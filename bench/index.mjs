#!/usr/bin/env node
// `npm run bench`: bundles the benchmark (bench/*.ts: the runner, the json-languageservice server and the
// floor server) with esbuild into .cache/bench/, then runs it. Arguments are passed on to bench/run.ts
// (e.g. `npm run bench -- --quick`, `-- --profile`, `-- --skip-package`); `--probe` runs bench/probe.ts instead.
// Activation in VS Code is measured first: five fresh starts of code-server (scripts/test-vscode.mjs --repeat 5),
// skipped with --quick or --skip-activation (the last recorded figure is used then).
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { BUNDLE_ALIAS } from '../scripts/lib/common.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, '.cache', 'bench');

await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    run: 'bench/run.ts',
    jsonLanguageServer: 'bench/jsonLanguageServer.ts',
    floorServer: 'bench/floorServer.ts',
    probe: 'bench/probe.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});

// The product's server exactly as the .vsix ships it (minified, see scripts/vscode-package.mjs), built here
// so that whatever dist/ holds (a dev build, a concurrent rebuild) cannot change what is measured.
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { server: 'server/src/node/serverLoader.ts', serverMain: 'server/src/node/serverMain.ts' },
  outdir: join(outdir, 'product-build'),
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  alias: BUNDLE_ALIAS,
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});

// `--probe …`: one server, one feature, many requests (bench/probe.ts), for profiling.
const probe = process.argv.includes('--probe');
const args = process.argv.slice(2);
const skipActivation =
  ['--quick', '--skip-activation'].some((f) => args.includes(f)) || args.some((a) => a.startsWith('--only='));
if (!probe && !skipActivation) {
  const grep = 'activation is cheap';
  const a = ['scripts/test-vscode.mjs', '--session', 'main', '--grep', grep, '--no-ui', '--repeat', '5'];
  const act = spawnSync(process.execPath, a, { cwd: root, stdio: 'inherit' });
  if (act.status !== 0) console.error('activation samples failed: the bench reports the last recorded figure');
}
const entry = join(outdir, probe ? 'probe.js' : 'run.js');
const r = spawnSync(process.execPath, [entry, ...process.argv.slice(2).filter((a) => a !== '--probe')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
