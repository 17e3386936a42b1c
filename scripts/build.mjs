// Bundles the extension client and the language server with esbuild.
// `node scripts/build.mjs --watch` rebuilds on change; `--minify` for the packaged .vsix.
import * as esbuild from 'esbuild';
import { BUNDLE_ALIAS } from './lib/common.mjs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !minify,
  minify,
  logLevel: 'info',
  alias: BUNDLE_ALIAS,
};

const configs = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // dist/server.js is the small loader editors start; it runs dist/serverMain.js through V8's code cache.
  {
    ...common,
    entryPoints: { server: 'server/src/node/serverLoader.ts', serverMain: 'server/src/node/serverMain.ts' },
    outdir: 'dist',
  },
];

if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
}
