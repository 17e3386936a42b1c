/** Where things are, for the benchmark's runner and probe (bundled into .cache/bench/ or compiled to out/bench/). */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'base44-connectors') return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

export const ROOT = findRoot();
export const BENCH_OUT = path.join(ROOT, '.cache', 'bench');
/** The product's server as measured: the minified build bench/index.mjs makes (see snapshotProduct). */
export const PRODUCT_ENTRY = path.join(BENCH_OUT, 'product', 'server.js');
export const JSON_SERVER_ENTRY = path.join(BENCH_OUT, 'jsonLanguageServer.js');
export const FLOOR_SERVER_ENTRY = path.join(BENCH_OUT, 'floorServer.js');
/** The servers the bench compares, by the name `--only=` / `--server=` take. */
export const SERVER_ENTRIES = { base44: PRODUCT_ENTRY, json: JSON_SERVER_ENTRY, floor: FLOOR_SERVER_ENTRY } as const;

/** Where the product's server keeps its V8 code cache during a bench run (emptied at the start of each). */
export const PRODUCT_CODE_CACHE = path.join(BENCH_OUT, 'product-code-cache');

/**
 * Copies the minified server that bench/index.mjs built (as the .vsix ships it: the loader server.js and
 * serverMain.js) with serverMain's .map (absolute source paths, for profiles) to .cache/bench/product/.
 * Returns false when that build is missing.
 */
export function snapshotProduct(): boolean {
  const dist = path.join(BENCH_OUT, 'product-build');
  const dir = path.dirname(PRODUCT_ENTRY);
  if (!existsSync(path.join(dist, 'server.js')) || !existsSync(path.join(dist, 'serverMain.js'))) {
    rmSync(dir, { recursive: true, force: true });
    return false;
  }
  mkdirSync(dir, { recursive: true });
  for (const name of ['server.js', 'serverMain.js']) {
    const from = path.join(dist, name);
    const to = path.join(dir, name);
    // An unchanged bundle keeps its file (and modification time), so its code cache stays valid.
    if (!existsSync(to) || !readFileSync(from).equals(readFileSync(to))) copyFileSync(from, to);
  }
  const mapFile = path.join(dist, 'serverMain.js.map');
  if (existsSync(mapFile)) {
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; sourceRoot?: string };
    map.sources = map.sources.map((s) => path.resolve(dist, map.sourceRoot ?? '', s));
    delete map.sourceRoot;
    writeFileSync(path.join(dir, 'serverMain.js.map'), JSON.stringify(map));
  }
  return true;
}
