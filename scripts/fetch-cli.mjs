#!/usr/bin/env node
// Makes the REAL base44 CLI available to the tests without `npm install` (which fails: the package
// depends on @deno/loader through a URL). `npm pack base44@<version>` downloads only the tarball;
// it is unpacked into the git-ignored `.cache/base44-cli/` so `.cache/base44-cli/package/bin/run.js`
// exists. The bundle `dist/cli/index.js` runs with no node_modules for every `connectors` command.
//
// Idempotent: does nothing when the cached package already has the wanted version.
// BASE44_CLI_TGZ=/path/to/base44-x.y.z.tgz uses a local tarball instead of the npm registry.
// BASE44_CLI_VERSION overrides the pinned version (the tests pin behaviour of 0.1.18).
// Prints exactly one line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { root } from './lib/common.mjs';

const VERSION = process.env.BASE44_CLI_VERSION || '0.1.18';
const cacheDir = join(root, '.cache', 'base44-cli');
const pkgDir = join(cacheDir, 'package');
const entry = join(pkgDir, 'bin', 'run.js');

function cachedVersion() {
  try {
    return JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function fail(message) {
  console.error(`fetch-cli: ${message}`);
  process.exit(1);
}

const have = cachedVersion();
if (have === VERSION && existsSync(entry)) {
  console.log(`base44 CLI ${VERSION} already cached at ${entry}`);
  process.exit(0);
}

mkdirSync(cacheDir, { recursive: true });
let tgz = process.env.BASE44_CLI_TGZ ? resolve(process.env.BASE44_CLI_TGZ) : '';
let source;
if (tgz) {
  if (!existsSync(tgz)) fail(`BASE44_CLI_TGZ=${tgz} does not exist`);
  source = tgz;
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  let out;
  try {
    out = execFileSync(npm, ['pack', `base44@${VERSION}`, '--json', '--silent', '--pack-destination', cacheDir], {
      cwd: cacheDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
  } catch (err) {
    fail(
      `npm pack base44@${VERSION} failed: ${String(err.stderr || err.message)
        .trim()
        .split('\n')
        .pop()}`,
    );
  }
  let filename;
  try {
    filename = JSON.parse(out)[0].filename;
  } catch {
    filename = readdirSync(cacheDir).find((f) => f === `base44-${VERSION}.tgz`);
  }
  if (!filename) fail(`npm pack gave no tarball (output: ${out.slice(0, 200)})`);
  tgz = join(cacheDir, filename);
  source = `npm base44@${VERSION}`;
}

// Extract into a scratch folder first so a half-extracted package never looks valid.
const scratch = join(cacheDir, `extract-${process.pid}`);
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
try {
  execFileSync('tar', ['xzf', tgz, '-C', scratch], { stdio: ['ignore', 'ignore', 'pipe'] });
} catch (err) {
  rmSync(scratch, { recursive: true, force: true });
  fail(`tar xzf ${tgz} failed: ${String(err.stderr || err.message).trim()}`);
}
if (!existsSync(join(scratch, 'package', 'bin', 'run.js'))) {
  rmSync(scratch, { recursive: true, force: true });
  fail(`${tgz} has no package/bin/run.js`);
}
rmSync(pkgDir, { recursive: true, force: true });
renameSync(join(scratch, 'package'), pkgDir);
rmSync(scratch, { recursive: true, force: true });

const got = cachedVersion();
if (!process.env.BASE44_CLI_TGZ && got !== VERSION) fail(`expected base44 ${VERSION}, the tarball holds ${got}`);
console.log(`base44 CLI ${got} cached at ${entry} (from ${source})`);
