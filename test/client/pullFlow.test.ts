/** Pull as the extension runs it: preview in a temp copy, confirm, apply with a backup, undo. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile, rename, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { previewPull, PullPreview } from '../../client/src/sync/pullPlan';
import { applyPull, restoreBackup, ApplyFs } from '../../client/src/sync/applyPull';
import JSON5 from 'json5';
import { runCli } from '../support/base44Cli';
import { makeProject, TempProject } from '../support/tempProject';
import { cliTest, Harness, syncTarget } from './clientHarness';
import { folderContents } from '../support/folderContents';

const SLACK_COMMENTED = `// Slack for the support bot
{
  "type": "slack",
  /* only posting */
  "scopes": ["chat:write"],
}
`;
const NOTION = '{ "type": "notion", "scopes": [] }\n';
const GMAIL_SAME = '{\n  "type": "gmail",\n  "scopes": [\n    "https://www.googleapis.com/auth/gmail.send"\n  ]\n}';

interface PullSetup {
  h: Harness;
  p: TempProject;
  /** The connectors folder, and what it held before the test (folderContents: sorted by name). */
  dir: string;
  original: Map<string, string>;
  backupRoot: string;
  /** What previewPull works on. */
  target: ReturnType<typeof syncTarget>;
  /** The pull's preview, made first (it must succeed); disposed after the test. */
  preview: PullPreview;
}

/**
 * A pull test (skipped without the CLI) on the project above: local slack (commented), notion, gmail; remote
 * slack with more scopes, no notion (→ deleted), gmail identical, hubspot new. Everything is removed after.
 */
function pullTest(name: string, fn: (t: PullSetup) => Promise<void>): void {
  cliTest(
    name,
    {
      files: {
        'base44/connectors/slack.jsonc': SLACK_COMMENTED,
        'base44/connectors/notion.jsonc': NOTION,
        'base44/connectors/gmail.json': GMAIL_SAME,
      },
    },
    async (h, p) => {
      h.api.state.connectors.set('slack', { status: 'active', scopes: ['chat:write', 'channels:read'] });
      h.api.state.connectors.set('gmail', { status: 'active', scopes: ['https://www.googleapis.com/auth/gmail.send'] });
      h.api.state.connectors.set('hubspot', { status: 'active', scopes: ['crm.objects.contacts.read'] });
      const dir = p.path('base44/connectors');
      const original = folderContents(dir);
      const target = syncTarget(p);
      const previewed = await previewPull(h.cli, target);
      assert.ok(previewed.ok, JSON.stringify(previewed));
      const backupRoot = await mkdtemp(join(tmpdir(), 'b44-backups-'));
      try {
        await fn({ h, p, dir, original, backupRoot, target, preview: previewed.value });
      } finally {
        await previewed.value.dispose();
        await rm(backupRoot, { recursive: true, force: true });
      }
    },
  );
}

pullTest(
  'pull preview: rewritten commented file, deletion, creation; nothing local changes',
  async ({ h, dir, original, preview }) => {
    const changes = preview.changes.map((c) => [c.kind, c.fileName, c.losesComments, c.merge]);
    assert.deepEqual(changes, [
      ['deleted', 'notion.jsonc', false, undefined],
      ['rewritten', 'slack.jsonc', false, 'merged'],
      ['created', 'hubspot.jsonc', false, undefined],
    ]);
    const slack = preview.changes.find((c) => c.fileName === 'slack.jsonc')!;
    assert.equal(slack.oldText, SLACK_COMMENTED);
    // The CLI's rewrite (plain JSON) and the merged text the pull writes: comments kept, same connector.
    assert.deepEqual(JSON.parse(slack.cliText!), { type: 'slack', scopes: ['chat:write', 'channels:read'] });
    assert.equal(slack.newText, SLACK_COMMENTED.replace('["chat:write"]', '["chat:write", "channels:read"]'));
    assert.equal(slack.losesFormatting, false);
    assert.deepEqual(preview.unchanged, ['gmail.json']);
    // Local files untouched until apply; the API saw only reads.
    assert.deepEqual(folderContents(dir), original);
    assert.equal(h.api.requests.filter((r) => r.method !== 'GET').length, 0);
    await preview.dispose();
    assert.equal(existsSync(preview.previewDir), false);
  },
);

pullTest(
  'pull apply: backup holds the originals, files match the remote, undo restores',
  async ({ h, dir, backupRoot, original, target, preview }) => {
    const result = await applyPull(preview, { backupRoot, recheck: () => previewPull(h.cli, target) });
    assert.ok(result.ok, JSON.stringify(result));

    // What a real `base44 connectors pull` produces, in another copy of the original project: the same
    // files, the same connectors; the merged slack.jsonc keeps its comments where the CLI drops them.
    const ref = makeProject(Object.fromEntries([...original].map(([n, t]) => [`base44/connectors/${n}`, t])));
    try {
      const out = await runCli(['connectors', 'pull', '--json'], { cwd: ref.root, apiUrl: h.api.url, home: h.home });
      assert.equal(out.code, 0, out.stdout + out.stderr);
      const cli = folderContents(ref.path('base44/connectors'));
      const ours = folderContents(dir);
      assert.deepEqual([...ours.keys()], [...cli.keys()]);
      for (const [name, text] of cli) {
        if (name === 'slack.jsonc') assert.deepEqual(JSON5.parse(ours.get(name)!), JSON.parse(text));
        else assert.equal(ours.get(name), text);
      }
      assert.match(ours.get('slack.jsonc')!, /\/\/ Slack for the support bot[\s\S]*\/\* only posting \*\//);
    } finally {
      ref.cleanup();
    }

    // The backup holds every file the pull replaced or deleted, as it was.
    const replaced = new Map([...original].filter(([n]) => n !== 'gmail.json').sort());
    assert.deepEqual(folderContents(join(result.backupDir, 'files')), replaced);
    await restoreBackup(result.backupDir);
    assert.deepEqual(folderContents(dir), original);
  },
);

pullTest('pull apply failing midway restores every file', async ({ dir, backupRoot, original, preview }) => {
  let renames = 0;
  const flaky: ApplyFs = {
    writeFile: (f, t) => writeFile(f, t, 'utf8'),
    unlink: (f) => unlink(f),
    rename: async (a, b) => {
      if (++renames === 2) throw new Error('disk full');
      await rename(a, b);
    },
  };
  const result = await applyPull(preview, { backupRoot, fs: flaky });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.reason, 'failed');
  assert.equal(!result.ok && result.restored, true);
  assert.match(!result.ok ? result.message : '', /disk full.*restored/s);
  assert.deepEqual(folderContents(dir), original);
});

pullTest(
  'pull apply stops when the remote or the local files changed since the preview',
  async ({ h, p, dir, backupRoot, original, target, preview }) => {
    h.api.state.connectors.set('linkedin', { status: 'active', scopes: [] });
    const remoteChanged = await applyPull(preview, { backupRoot, recheck: () => previewPull(h.cli, target) });
    assert.equal(!remoteChanged.ok && remoteChanged.reason, 'remoteChanged');
    assert.deepEqual(folderContents(dir), original);

    p.write('base44/connectors/notion.jsonc', '{ "type": "notion", "scopes": [] } // edited\n');
    const localChanged = await applyPull(preview, { backupRoot });
    assert.equal(!localChanged.ok && localChanged.reason, 'localChanged');
    assert.equal(p.read('base44/connectors/notion.jsonc'), '{ "type": "notion", "scopes": [] } // edited\n');
    assert.deepEqual(readdirSync(backupRoot), [], 'no backup when nothing was applied');
  },
);

pullTest(
  'pull apply: a file saved during the re-check is neither overwritten nor lost (regression)',
  async ({ h, p, backupRoot, original, target, preview }) => {
    const saved = '// saved while the pull re-checked Base44\n{ "type": "slack", "scopes": ["chat:write"] }\n';
    const result = await applyPull(preview, {
      backupRoot,
      recheck: async () => {
        const fresh = await previewPull(h.cli, target);
        p.write('base44/connectors/slack.jsonc', saved); // the user saves while the CLI runs
        return fresh;
      },
    });
    assert.equal(!result.ok && result.reason, 'localChanged', JSON.stringify(result));
    assert.equal(p.read('base44/connectors/slack.jsonc'), saved, 'the save is kept');
    assert.equal(p.read('base44/connectors/notion.jsonc'), original.get('notion.jsonc'), 'nothing else was applied');
    assert.equal(p.exists('base44/connectors/hubspot.jsonc'), false);
  },
);

pullTest(
  'pull apply: the backup is read from disk at the moment of replacing, and a save just before stops the pull',
  async ({ p, dir, backupRoot, original, preview }) => {
    const saved = '// saved a moment before the rename\n{ "type": "slack", "scopes": [] }\n';
    // The save lands between the checks and the replacing of slack.jsonc (while its temp file is written).
    const racing: ApplyFs = {
      writeFile: async (f, t) => {
        if (f.includes('.slack.jsonc.')) p.write('base44/connectors/slack.jsonc', saved);
        await writeFile(f, t, 'utf8');
      },
      rename: (a, b) => rename(a, b),
      unlink: (f) => unlink(f),
    };
    const result = await applyPull(preview, { backupRoot, fs: racing });
    assert.equal(!result.ok && result.reason, 'localChanged', JSON.stringify(result));
    assert.equal(!result.ok && result.restored, true);
    assert.equal(p.read('base44/connectors/slack.jsonc'), saved, 'the save is not overwritten');
    assert.deepEqual(
      folderContents(dir),
      new Map([...original, ['slack.jsonc', saved] as [string, string]].sort()),
      'everything else rolled back',
    );
    const backupDir = !result.ok ? result.backupDir! : '';
    assert.equal(readFileSync(join(backupDir, 'files', 'slack.jsonc'), 'utf8'), saved, 'and it is in the backup');
  },
);
