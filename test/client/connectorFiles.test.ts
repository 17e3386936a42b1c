/**
 * Which files of a connectors folder count, decided once in server/src/cliRules.ts for both halves, checked
 * against the REAL base44 CLI: what its push reads is exactly what the client's previews read and what the
 * language server lists (links followed; names case-sensitive; no dotfiles, sub-folders, FIFOs, links to
 * folders or to nowhere).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CONNECTOR_FILE_BYTES } from '../../server/src/cliRules';
import type { ProjectsResult } from '../../server/src/protocol';
import { listConnectorFileNames, readConnectorFiles } from '../../client/src/sync/connectorFiles';
import { previewPull } from '../../client/src/sync/pullPlan';
import { previewPush, pushPlanIsBlocked } from '../../client/src/sync/pushPlan';
import { cliAvailable, CLI_MISSING_MESSAGE } from '../support/base44Cli';
import { startLanguageServer } from '../support/lspClient';
import { makeProject } from '../support/tempProject';
import { cliTest, syncTarget } from './clientHarness';

const skip = cliAvailable() ? false : CLI_MISSING_MESSAGE;
const posix = process.platform !== 'win32';

cliTest(
  'the CLI, the previews and the language server read the same files of a folder',
  {
    files: {
      'base44/connectors/real.jsonc': '{ "type": "slack" }',
      'base44/connectors/Upper.Jsonc': '{ "type": "gmail" }',
      'base44/connectors/UP.JSON': '{ "type": "notion" }',
      'base44/connectors/.hidden.json': '{ "type": "hubspot" }',
      'base44/connectors/sub/inner.json': '{ "type": "tiktok" }',
      'base44/connectors/folder.json/x.json': '{ "type": "stripe" }',
      'outside/target.txt': '{ "type": "linkedin" }',
      'outside/dir/': '',
    },
  },
  async (h, p) => {
    const dir = p.path('base44/connectors');
    symlinkSync(p.path('outside/target.txt'), join(dir, 'linked.jsonc'));
    symlinkSync(p.path('outside/dir'), join(dir, 'linked-folder.json'));
    symlinkSync(join(dir, 'nowhere.json'), join(dir, 'dangling.json'));
    symlinkSync(join(dir, 'loop2.json'), join(dir, 'loop1.json'));
    symlinkSync(join(dir, 'loop1.json'), join(dir, 'loop2.json'));
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    symlinkSync(join(dir, 'pipe.json'), join(dir, 'linked-pipe.jsonc'));
    const server = await startLanguageServer({ workspaceFolders: [p.root] });
    try {
      const previews = await listConnectorFileNames(dir);
      assert.deepEqual(previews, ['linked.jsonc', 'real.jsonc']);
      const local = await readConnectorFiles(dir);
      assert.deepEqual(
        local.map((f) => f.connector?.type),
        ['linkedin', 'slack'],
      );

      await server.ready(60_000);
      const projects = await server.request<ProjectsResult>('base44/projects');
      assert.deepEqual(projects.projects[0].connectors.map((c) => c.uri.split('/').pop()).sort(), previews);

      const pushed = await h.cli.push(p.root);
      assert.ok(pushed.ok, JSON.stringify(pushed));
      assert.deepEqual(pushed.value.results.map((r) => r.type).sort(), ['linkedin', 'slack'], 'what the real CLI read');
    } finally {
      await server.stop();
    }
  },
  skip || !posix,
);

cliTest(
  'a linked connector file is previewed as pushed, not as removed (the CLI pushes it)',
  { files: { 'shared/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }' } },
  async (h, p) => {
    mkdirSync(p.path('base44/connectors'));
    symlinkSync(p.path('shared/slack.jsonc'), p.path('base44/connectors/slack.jsonc'));
    h.api.state.connectors.set('slack', { status: 'active', scopes: ['chat:write'] });
    const plan = await previewPush(h.cli, syncTarget(p));
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.deepEqual(plan.value.plan.toRemove, [], 'nothing would be removed');
    assert.deepEqual(
      plan.value.plan.unchanged.map((c) => c.type),
      ['slack'],
    );

    const pushed = await h.cli.push(p.root);
    assert.ok(pushed.ok, JSON.stringify(pushed));
    assert.ok(h.api.state.connectors.has('slack'), 'the real CLI kept slack: it read the link');
    assert.ok(!pushed.value.results.some((r) => r.action === 'removed'));
  },
  skip || !posix,
);

// Same shape as 'push plan refuses invalid files' in pushFlow.test.ts (a cliTest case planning a push): a test table.
cliTest(
  'an unreadable Bad.Jsonc the CLI never reads does not block Push',
  {
    files: {
      'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }',
      'base44/connectors/Bad.Jsonc': '{ this is not json',
      'base44/connectors/Other.JSON': '[]',
    },
  },
  async (h, p) => {
    const plan = await previewPush(h.cli, syncTarget(p));
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.deepEqual(plan.value.plan.invalidFiles, []);
    assert.equal(pushPlanIsBlocked(plan.value.plan), false);
    assert.deepEqual(
      plan.value.plan.toAdd.map((c) => c.type),
      ['slack'],
    );

    const pushed = await h.cli.push(p.root);
    assert.ok(pushed.ok, `the real CLI pushes too: ${JSON.stringify(pushed)}`);
  },
);

test('a connector file over the size cap is not read by the previews: the push plan stops and says why', async () => {
  const p = makeProject({ 'base44/connectors/slack.jsonc': '{ "type": "slack" }' });
  try {
    writeFileSync(p.path('base44/connectors/huge.json'), `{ "type": "notion" }${' '.repeat(MAX_CONNECTOR_FILE_BYTES)}`);
    const local = await readConnectorFiles(p.path('base44/connectors'));
    const huge = local.find((f) => f.fileName === 'huge.json');
    assert.ok(huge);
    assert.equal(huge.connector, undefined);
    assert.equal(huge.text, '');
    assert.match(huge.problem ?? '', /larger than 1\.0 MB \(1\.0 MB\): not read here/);
    assert.match(huge.problem ?? '', /The Base44 CLI would read it whole/);
  } finally {
    p.cleanup();
  }
});

test('the pull preview refuses a folder holding a file it cannot read, before anything runs', async () => {
  const p = makeProject({ 'base44/connectors/slack.jsonc': '{ "type": "slack" }' });
  let ran = false;
  const cli = {
    pullInto: async () => {
      ran = true;
      return { ok: true, value: {} };
    },
  } as never;
  try {
    writeFileSync(p.path('base44/connectors/huge.json'), ' '.repeat(MAX_CONNECTOR_FILE_BYTES + 1));
    await assert.rejects(previewPull(cli, syncTarget(p)), /huge\.json is larger than 1\.0 MB/);
    assert.equal(ran, false);
  } finally {
    p.cleanup();
  }
});
