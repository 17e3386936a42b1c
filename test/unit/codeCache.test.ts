import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { defaultCacheDir, loadWithCodeCache } from '../../server/src/node/codeCache';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'base44-code-cache-'));
}

/**
 * Loads `bundle` in a fresh node process (V8 also caches compiled scripts per process, which would hide
 * the code cache) and keeps it alive long enough for the cache to be saved.
 */
function loadInChild(bundle: string, dir: string): { status: string; exports: unknown } {
  const loader = require.resolve('../../server/src/node/codeCache');
  const script = `const r = require(${JSON.stringify(loader)}).loadWithCodeCache(${JSON.stringify(bundle)}, { dir: ${JSON.stringify(dir)}, saveAfterMs: 0 });
console.log(JSON.stringify({ status: r.status, exports: r.exports })); setTimeout(() => {}, 200);`;
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return JSON.parse(out.trim());
}

test('a bundle loads through the code cache: created on the first start, used on the next, replaced when damaged', () => {
  const work = tempDir();
  try {
    const bundle = path.join(work, 'bundle.js');
    fs.writeFileSync(
      bundle,
      `const path = require('node:path');\nmodule.exports = { answer: 6 * 7, dir: __dirname, base: path.basename(__filename) };\n`,
    );
    const cache = path.join(work, 'cache');
    const files = () => fs.readdirSync(cache).filter((f) => f.endsWith('.v8cache'));

    const first = loadInChild(bundle, cache);
    assert.deepEqual(first, { status: 'created', exports: { answer: 42, dir: work, base: 'bundle.js' } });
    const [file] = files();
    assert.ok(file, 'a cache file was written');
    if (process.platform !== 'win32') assert.equal(fs.statSync(cache).mode & 0o077, 0, 'the folder is private');

    assert.deepEqual(loadInChild(bundle, cache), { ...first, status: 'used' });

    fs.writeFileSync(path.join(cache, file), 'not V8 code');
    assert.deepEqual(
      loadInChild(bundle, cache),
      { ...first, status: 'rejected' },
      'V8 refuses a damaged cache; the bundle still loads',
    );
    assert.notEqual(fs.readFileSync(path.join(cache, file), 'utf8'), 'not V8 code', 'and the cache is written anew');
    assert.equal(loadInChild(bundle, cache).status, 'used');

    // A new build of the bundle gets a new cache file, and the old one goes.
    fs.appendFileSync(bundle, '// rebuilt\n');
    assert.equal(loadInChild(bundle, cache).status, 'created');
    assert.equal(files().length, 1);
    assert.notEqual(files()[0], file);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('without a cache folder, or when it cannot be used, the bundle is simply required', () => {
  const work = tempDir();
  try {
    const bundle = path.join(work, 'plain.js');
    fs.writeFileSync(bundle, 'module.exports = "plain";\n');
    assert.deepEqual(loadWithCodeCache(bundle, { dir: undefined }), { exports: 'plain', status: 'off' });
    // A file where the folder should be: saving fails quietly, loading still works.
    const blocked = path.join(work, 'blocked');
    fs.writeFileSync(blocked, '');
    assert.equal(loadWithCodeCache(bundle, { dir: blocked, saveAfterMs: 0 }).exports, 'plain');
    assert.throws(
      () => loadWithCodeCache(path.join(work, 'missing.js'), { dir: path.join(work, 'cache') }),
      /Cannot find module|ENOENT/,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('the cache folder is the user\'s own: an absolute BASE44_LS_CACHE_DIR, "off", or the platform cache folder', () => {
  assert.equal(defaultCacheDir({ BASE44_LS_CACHE_DIR: '/srv/cache' }), '/srv/cache');
  assert.equal(defaultCacheDir({ BASE44_LS_CACHE_DIR: 'off' }), undefined);
  assert.equal(
    defaultCacheDir({ BASE44_LS_CACHE_DIR: 'cache' }),
    undefined,
    'never relative to the folder the server runs in',
  );
  if (process.platform === 'linux') {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/home/u/.xdg' }), '/home/u/.xdg/base44-connectors');
    assert.equal(
      defaultCacheDir({ XDG_CACHE_HOME: 'relative' }),
      path.join(os.homedir(), '.cache', 'base44-connectors'),
    );
    assert.equal(defaultCacheDir({}), path.join(os.homedir(), '.cache', 'base44-connectors'));
  }
  assert.ok(!(defaultCacheDir({}) ?? '').startsWith(os.tmpdir() + path.sep), 'never the shared temp folder');
});

test('where Node has its own compile cache (module.enableCompileCache), the loader uses it in a private folder', () => {
  const work = tempDir();
  try {
    const bundle = path.join(work, 'bundle.js');
    fs.writeFileSync(bundle, 'module.exports = 42;\n');
    const cache = path.join(work, 'cache');
    const loader = require.resolve('../../server/src/node/codeCache');
    // Node 20 runs the tests: give `node:module` the Node 22 functions, recording how they are called.
    const script = `const Module = require('node:module'); const calls = [];
Module.enableCompileCache = (dir) => { calls.push(['enable', dir]); return { status: 0 }; };
Module.flushCompileCache = () => calls.push(['flush']);
const r = require(${JSON.stringify(loader)}).loadBundle(${JSON.stringify(bundle)}, { dir: ${JSON.stringify(cache)}, saveAfterMs: 0 });
setTimeout(() => console.log(JSON.stringify({ status: r.status, exports: r.exports, calls })), 50);`;
    const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
    const nodeDir = path.join(cache, 'node-compile-cache');
    assert.deepEqual(result, { status: 'node', exports: 42, calls: [['enable', nodeDir], ['flush']] });
    if (process.platform !== 'win32') assert.equal(fs.statSync(nodeDir).mode & 0o777, 0o700);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
