/**
 * The README's "How it is built" is the newcomer's map: it must name every source and test folder, and every
 * file name it mentions must still exist. Run after a move or a rename, this is what keeps the map true.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function layoutBlock(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## How it is built'));
  const block = /```\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'README has a "How it is built" code block');
  return block[1];
}

function subfolders(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${folder}/${entry.name}`);
}

function filesUnder(folder: string, found: Set<string> = new Set()): Set<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) filesUnder(join(folder, entry.name), found);
    else found.add(entry.name);
  }
  return found;
}

test('How it is built names every source, test and script folder', () => {
  const block = layoutBlock();
  const folders = ['client/src', 'server/src', 'test', 'scripts'].flatMap(subfolders);
  const missing = folders.filter((folder) => {
    const name = folder.split('/').pop()!;
    // Top-level test folders are written in full (test/unit/); the others by their own name (cli/).
    return !block.includes(folder.startsWith('test/') ? `${folder}/` : `${name}/`);
  });
  assert.deepEqual(missing, [], 'folders the README layout does not mention');
});

test('every file How it is built mentions exists', () => {
  const block = layoutBlock();
  const existing = new Set(readdirSync(root));
  for (const folder of ['client', 'server', 'test', 'scripts', 'bench', 'examples']) {
    filesUnder(join(root, folder), existing);
  }
  const mentioned = [...block.matchAll(/[\w.-]+\.(?:ts|mjs|json)\b/g)].map((m) => m[0]);
  assert.ok(mentioned.length > 40, `the layout names the main files (${mentioned.length} found)`);
  const stale = mentioned.filter((name) => !existing.has(name) && !existing.has(name.replace(/\.json$/, '.jsonc')));
  assert.deepEqual(stale, [], `files named in README.md but not in ${relative(process.cwd(), root) || '.'}`);
});
