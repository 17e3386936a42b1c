// Bundles the extension client and the language server with esbuild.
// `node scripts/build.mjs --watch` rebuilds on change; `--minify` for the packaged .vsix.
import * as esbuild from 'esbuild';

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
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow: bundle its ES modules.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
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
