/**
 * A pull killed while applying (SIGKILL in a child process, at every file operation in turn) is
 * recoverable: the journal written before the first change lets the next start finish it, every
 * replaced file is in the backup, Undo puts the folder back as it was. Backups are private (0700 / 0600)
 * and pruned to the last KEEP_BACKUPS per project, never an unfinished one. The extension's own start-up
 * recovery (recoverInterruptedPulls, fake vscode) tells the user and offers Undo.
 */
import { vscodeState, resetVscode } from './fakeVscode';
import { makeServices } from './services';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyPull,
  findInterruptedPulls,
  finishInterruptedPull,
  KEEP_BACKUPS,
  listBackups,
  readJournal,
  restoreBackup,
} from '../../client/src/sync/applyPull';
import type { PullPreview } from '../../client/src/sync/pullPlan';
import { mergePulledConnector } from '../../client/src/sync/pullMerge';
import { recoverInterruptedPulls } from '../../client/src/commands/pullRecovery';
import { pullBackupsBase } from '../../client/src/commands/pull';
import { folderContents } from '../support/folderContents';
import { pullPreviewOf } from './pullPreviews';

beforeEach(() => resetVscode());

const CHILD = join(__dirname, 'pullCrashChild.js');

const BEFORE: Record<string, string> = {
  'slack.jsonc': '// the bot\n{\n  "type": "slack",\n  "scopes": ["chat:write"],\n}\n',
  'notion.jsonc': '{ "type": "notion", "scopes": [] }\n',
  'gmail.json': '{ "type": "gmail", "scopes": [] }',
  'linkedin.jsonc': '{ "type": "linkedin" } // going away\n',
};
const AFTER: Record<string, string> = {
  'slack.jsonc': '{\n  "type": "slack",\n  "scopes": [\n    "chat:write",\n    "channels:read"\n  ]\n}',
  'gmail.json': '{ "type": "gmail", "scopes": [] }',
  'hubspot.jsonc': '{\n  "type": "hubspot",\n  "scopes": []\n}',
  'tiktok.jsonc': '{\n  "type": "tiktok",\n  "scopes": ["user.info.basic"]\n}',
};

/** With the merge the real preview uses (comments kept in rewritten files). */
const previewOf = (dir: string, after: Record<string, string>) => pullPreviewOf(dir, after, mergePulledConnector);

/** Runs the pull in a child that SIGKILLs itself at the given file operation. */
function crashingPull(preview: PullPreview, backupRoot: string, at: number, op?: string): ReturnType<typeof spawnSync> {
  const input = join(mkdtempSync(join(tmpdir(), 'b44-crash-input-')), 'input.json');
  writeFileSync(
    input,
    JSON.stringify({
      connectorsDir: preview.connectorsDir,
      backupRoot,
      changes: preview.changes,
      localSnapshot: [...preview.localSnapshot],
    }),
  );
  return spawnSync(process.execPath, [CHILD, input], {
    env: { ...process.env, CRASH_AT: String(at), ...(op ? { CRASH_OP: op } : {}) },
    encoding: 'utf8',
  });
}

function makeFolder(root: string, name: string, files: Record<string, string>): string {
  const dir = join(root, name, 'base44', 'connectors');
  mkdirSync(dir, { recursive: true });
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  return dir;
}

/** The folder the preview promises (merged texts for rewritten files). */
function planned(preview: PullPreview): Map<string, string> {
  const out = new Map(preview.localSnapshot);
  for (const c of preview.changes) {
    if (c.kind === 'deleted') out.delete(c.fileName);
    else out.set(c.fileName, c.newText!);
  }
  return new Map([...out].sort());
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

test('SIGKILL at the first rename: the half-applied folder is finished on the next start, and Undo restores it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'b44-crash-'));
  try {
    const dir = makeFolder(root, 'p', BEFORE);
    const backupRoot = join(root, 'backups');
    const preview = await previewOf(dir, AFTER);
    const original = folderContents(dir);
    const child = crashingPull(preview, backupRoot, 0, 'rename');
    assert.equal(child.signal, 'SIGKILL', `${child.stdout}${child.stderr}`);

    // What the kill left: a deleted file, one temp file, files not yet written. (Before this change:
    // no journal, and no way back.)
    const left = folderContents(dir);
    assert.equal(left.has('linkedin.jsonc'), false, 'deleted before the kill');
    assert.equal([...left.keys()].filter((n) => n.endsWith('.base44-tmp')).length, 1, 'one temp file');
    const [interrupted] = await findInterruptedPulls(backupRoot);
    assert.ok(interrupted, 'the journal says the pull was interrupted');
    const journal = await readJournal(interrupted);
    assert.equal(journal.state, 'applying');
    assert.deepEqual(journal.operations.map((o) => o.fileName).sort(), preview.changes.map((c) => c.fileName).sort());
    assert.equal(
      readFileSync(join(interrupted, 'files', 'linkedin.jsonc'), 'utf8'),
      BEFORE['linkedin.jsonc'],
      'the deleted file is in the backup',
    );

    const result = await finishInterruptedPull(interrupted);
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(folderContents(dir), planned(preview), 'finished: exactly the previewed result, no temp file');
    assert.match(folderContents(dir).get('slack.jsonc')!, /\/\/ the bot/, 'the merged file kept its comment');
    assert.equal((await readJournal(interrupted)).state, 'applied');
    assert.deepEqual(await findInterruptedPulls(backupRoot), []);

    await restoreBackup(interrupted);
    assert.deepEqual(folderContents(dir), original, 'Undo: exactly as before the pull');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('SIGKILL at ANY file operation of a pull: finish gives the preview, Undo gives the original', async () => {
  const root = mkdtempSync(join(tmpdir(), 'b44-crash-any-'));
  try {
    const probe = await previewOf(makeFolder(root, 'probe', BEFORE), AFTER);
    const ops = probe.changes.reduce((n, c) => n + (c.kind === 'deleted' ? 1 : 2), 0);
    for (let at = 0; at < ops; at++) {
      const dir = makeFolder(root, `p${at}`, BEFORE);
      const backupRoot = join(root, `b${at}`);
      const preview = await previewOf(dir, AFTER);
      const child = crashingPull(preview, backupRoot, at);
      assert.equal(child.signal, 'SIGKILL', `op ${at}: ${child.stdout}${child.stderr}`);
      const interrupted = await findInterruptedPulls(backupRoot);
      assert.equal(interrupted.length, 1, `op ${at}: journal written before the first change`);
      await finishInterruptedPull(interrupted[0]);
      assert.deepEqual(folderContents(dir), planned(preview), `op ${at}: finished`);
      await restoreBackup(interrupted[0]);
      assert.deepEqual(folderContents(dir), new Map(Object.entries(BEFORE).sort()), `op ${at}: undone`);
    }
    // And without a kill the same child applies everything (the crash hook is the only difference).
    const dir = makeFolder(root, 'whole', BEFORE);
    const whole = await previewOf(dir, AFTER);
    const child = crashingPull(whole, join(root, 'bwhole'), 1000);
    assert.equal(child.status, 0, `${child.stdout}${child.stderr}`);
    assert.deepEqual(folderContents(dir), planned(whole));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('backups are private (0700 folders, 0600 files) and only the last KEEP_BACKUPS are kept, never an unfinished one', async (t) => {
  if (process.platform === 'win32') return t.skip('POSIX modes');
  const root = mkdtempSync(join(tmpdir(), 'b44-prune-'));
  try {
    const dir = makeFolder(root, 'p', { 'slack.jsonc': '{ "type": "slack", "scopes": [] }' });
    const backupRoot = join(root, 'storage', 'pull-backups', 'abc');
    // An interrupted pull first (oldest): pruning must never delete it.
    const crashed = crashingPull(
      await previewOf(dir, { 'slack.jsonc': '{ "type": "slack", "scopes": ["x"] }' }),
      backupRoot,
      0,
      'rename',
    );
    assert.equal(crashed.signal, 'SIGKILL');
    const [unfinished] = await findInterruptedPulls(backupRoot);
    await finishInterruptedPull(unfinished);
    // Mark it unfinished again, as if recovery had not run yet.
    const j = JSON.parse(readFileSync(join(unfinished, 'pull.json'), 'utf8'));
    writeFileSync(join(unfinished, 'pull.json'), JSON.stringify({ ...j, state: 'applying' }));
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) {
      const result = await applyPull(
        await previewOf(dir, { 'slack.jsonc': `{ "type": "slack", "scopes": ["s${i}"] }` }),
        { backupRoot },
      );
      assert.ok(result.ok, JSON.stringify(result));
    }
    const kept = await listBackups(backupRoot);
    assert.equal(kept.length, KEEP_BACKUPS + 1, 'the last KEEP_BACKUPS, plus the unfinished one');
    assert.ok(kept.includes(unfinished));
    for (const b of kept) {
      assert.equal(mode(b), 0o700, b);
      assert.equal(mode(join(b, 'files')), 0o700);
      assert.equal(mode(join(b, 'pull.json')), 0o600);
      for (const f of readdirSync(join(b, 'files'))) assert.equal(mode(join(b, 'files', f)), 0o600);
    }
    assert.equal(mode(backupRoot), 0o700);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("start-up recovery (the extension's own code): finishes the interrupted pull, says so, Undo restores", async () => {
  const root = mkdtempSync(join(tmpdir(), 'b44-recover-'));
  const dir = makeFolder(root, 'p', BEFORE);
  const s = makeServices(join(root, 'p'), dir);
  try {
    const backupRoot = join(pullBackupsBase(s.services), 'someproject');
    const child = crashingPull(await previewOf(dir, AFTER), backupRoot, 1, 'rename');
    assert.equal(child.signal, 'SIGKILL');
    let undone!: Promise<void>;
    vscodeState.answer = (shown) => {
      if (shown.buttons.includes('Undo Pull')) {
        undone = new Promise((r) => setTimeout(r, 200));
        return 'Undo Pull';
      }
      return undefined;
    };
    await recoverInterruptedPulls(s.services);
    const told = vscodeState.shown.find((m) => /interrupted/.test(m.message));
    assert.ok(told, 'the user is told');
    assert.match(told.message, /completed \(5 files\)/);
    assert.deepEqual(told.buttons, ['Undo Pull', 'Show Output']);
    assert.ok(
      vscodeState.log.some((l) => /was interrupted; it is now finished/.test(l.line)),
      'logged',
    );
    await undone;
    assert.deepEqual(folderContents(dir), new Map(Object.entries(BEFORE).sort()), 'Undo restored every file');
    assert.ok(vscodeState.shown.some((m) => /pull undone/.test(m.message)));
    // Nothing left to recover on the next start.
    vscodeState.shown.length = 0;
    await recoverInterruptedPulls(s.services);
    assert.equal(vscodeState.shown.length, 0);
  } finally {
    s.cleanup();
    rmSync(root, { recursive: true, force: true });
  }
});
