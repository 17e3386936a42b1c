// Building the .vsix: minified bundles, then `vsce package` (npm run package, npm start, npm run test:vscode).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root, run } from './common.mjs';

export const VSIX = join(root, '.cache', 'base44-connectors.vsix');
const vsceBin = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

/** `npm run package`: minified bundles, then `vsce package` -> .cache/base44-connectors.vsix. */
export function packageExtension({ quiet = false } = {}) {
  const stdio = quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit';
  run(process.execPath, ['scripts/build.mjs', '--minify'], { stdio });
  mkdirSync(dirname(VSIX), { recursive: true });
  rmSync(VSIX, { force: true });
  // package.json names the repository, so vsce rewrites README's relative docs/*.png links to GitHub URLs
  // (a string rewrite: works offline) and LICENSE ships; the flags only cover a checkout without them.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const args = [vsceBin, 'package', '--no-dependencies', '-o', VSIX];
  if (!pkg.repository) args.push('--allow-missing-repository', '--no-rewrite-relative-links');
  if (!existsSync(join(root, 'LICENSE')) && !existsSync(join(root, 'LICENSE.md'))) args.push('--skip-license');
  run(process.execPath, args, { stdio });
  return VSIX;
}

/** Packages a plain extension folder (no build step) into `out`. */
export function packageFolder(folder, out, { quiet = true } = {}) {
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  run(
    process.execPath,
    [vsceBin, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out],
    {
      cwd: folder,
      stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    },
  );
  return out;
}
