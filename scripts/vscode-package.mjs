#!/usr/bin/env node
// `npm run package`: minified bundles (scripts/build.mjs --minify), then `vsce package --no-dependencies`
// -> .cache/base44-connectors.vsix (everything is bundled into dist/, so no node_modules ship; what else
// ships is decided by .vscodeignore). Prints the .vsix path, size and file list.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { root } from './lib/common.mjs';
import { packageExtension } from './lib/packaging.mjs';

const vsix = packageExtension({ quiet: process.argv.includes('--quiet') });
const size = statSync(vsix).size;
const listing = execFileSync(process.execPath, [`${root}/node_modules/@vscode/vsce/vsce`, 'ls', '--no-dependencies'], {
  cwd: root,
  encoding: 'utf8',
});
console.log(`\n${vsix}: ${(size / 1024).toFixed(0)} KB`);
console.log(
  listing
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n'),
);
console.log('\nInstall in desktop VS Code: code --install-extension .cache/base44-connectors.vsix');
console.log('(or Extensions view > "..." menu > Install from VSIX...)');
