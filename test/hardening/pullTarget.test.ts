/**
 * A connectors folder that is a symlink, or `connectorsDir: "../../x"`, makes a pull write and delete
 * outside the project. The pull dialog must name the real folder and ask before touching anything
 * outside the workspace folder (the real Pull command, fake vscode UI, real CLI, fake Base44 API).
 */
import { fakeVscode, vscodeState, resetVscode } from './fakeVscode';
import { startRealCliProject } from './services';
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullCommand } from '../../client/src/commands/pull';
import { resolvePullTarget } from '../../client/src/sync/pullTarget';
import { cliAvailable, CLI_MISSING_MESSAGE } from '../support/base44Cli';
import { folderContents } from '../support/folderContents';

const skip = cliAvailable() ? false : CLI_MISSING_MESSAGE;
const workspace = fakeVscode.workspace as { workspaceFolders: unknown };

beforeEach(() => resetVscode());
afterEach(() => {
  workspace.workspaceFolders = undefined;
});

test('resolvePullTarget: real path of a symlinked folder or parent, and whether it leaves the workspace', async () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'b44-target-')));
  try {
    const ws = join(base, 'ws');
    const outside = join(base, 'elsewhere');
    mkdirSync(join(ws, 'base44'), { recursive: true });
    mkdirSync(join(ws, 'inner'), { recursive: true });
    mkdirSync(outside);
    const plain = await resolvePullTarget(join(ws, 'base44', 'connectors'), [ws]);
    assert.deepEqual(plain, {
      connectorsDir: join(ws, 'base44', 'connectors'),
      realDir: join(ws, 'base44', 'connectors'),
      viaSymlink: false,
      outsideWorkspace: false,
    });

    symlinkSync(outside, join(ws, 'base44', 'connectors'));
    const linked = await resolvePullTarget(join(ws, 'base44', 'connectors'), [ws]);
    assert.equal(linked.realDir, outside);
    assert.equal(linked.viaSymlink, true);
    assert.equal(linked.outsideWorkspace, true);

    const dotdot = await resolvePullTarget(join(ws, 'base44', '../../x'), [ws]);
    assert.equal(dotdot.realDir, join(base, 'x'));
    assert.equal(dotdot.outsideWorkspace, true);
    assert.equal(dotdot.viaSymlink, false);

    symlinkSync(join(ws, 'inner'), join(ws, 'linked-inside'));
    const inside = await resolvePullTarget(join(ws, 'linked-inside', 'connectors'), [ws]);
    assert.equal(inside.realDir, join(ws, 'inner', 'connectors'));
    assert.equal(inside.viaSymlink, true);
    assert.equal(inside.outsideWorkspace, false);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

async function setup(makeDir: (root: string, parent: string) => string, config?: object) {
  const parent = realpathSync(mkdtempSync(join(tmpdir(), 'b44-outside-')));
  const t = await startRealCliProject({
    project: { parent, config },
    connectorsDir: (root) => makeDir(root, parent),
  });
  workspace.workspaceFolders = [{ uri: fakeVscode.Uri.file(t.p.root), name: 'ws', index: 0 }];
  t.api.state.connectors.set('slack', { status: 'active', scopes: ['chat:write', 'channels:read'] });
  return {
    ...t,
    connectorsDir: t.project.connectorsDir,
    close: async () => {
      await t.close();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

for (const [name, makeDir, config] of [
  [
    'a symlinked connectors folder',
    (root: string, parent: string) => {
      const real = join(parent, 'shared-connectors');
      mkdirSync(real);
      symlinkSync(real, join(root, 'base44', 'connectors'));
      return join(root, 'base44', 'connectors');
    },
    undefined,
  ],
  [
    'connectorsDir: "../../x"',
    (root: string, parent: string) => {
      mkdirSync(join(parent, 'x'));
      return join(root, 'base44', '../../x');
    },
    { name: 'test-app', connectorsDir: '../../x' },
  ],
] as const) {
  test(`pull into ${name}: names the real folder and asks before writing outside the workspace`, { skip }, async () => {
    const t = await setup(makeDir, config);
    try {
      const real = realpathSync(t.connectorsDir);
      assert.ok(!real.startsWith(t.p.root), 'the folder really is outside the project');
      writeFileSync(join(real, 'slack.jsonc'), '// outside\n{ "type": "slack", "scopes": ["chat:write"] }\n');
      writeFileSync(join(real, 'notion.jsonc'), '{ "type": "notion" }\n');
      const before = folderContents(real);

      vscodeState.answer = () => undefined; // Escape
      await pullCommand(t.services, { project: t.project });
      const asked = vscodeState.shown.find((m) => m.modal);
      assert.ok(asked, 'asked first');
      assert.match(asked.message, /outside the workspace folder/);
      assert.ok(asked.message.includes(real), `names the real folder: ${asked.message}`);
      assert.deepEqual(asked.buttons, ['Pull Outside Workspace']);
      assert.equal(vscodeState.shown.filter((m) => m.modal).length, 1, 'declined: no pull dialog after');
      assert.deepEqual(folderContents(real), before, 'declined: nothing written or deleted outside');

      vscodeState.shown.length = 0;
      vscodeState.answer = (m) =>
        m.buttons.includes('Pull Outside Workspace')
          ? 'Pull Outside Workspace'
          : m.modal && m.buttons.includes('Pull')
            ? 'Pull'
            : undefined;
      await pullCommand(t.services, { project: t.project });
      const confirm = vscodeState.shown.find((m) => m.modal && m.buttons.includes('Pull'));
      assert.ok(confirm);
      assert.ok(confirm.message.includes(real), `the pull dialog names the real folder: ${confirm.message}`);
      assert.match(confirm.detail ?? '', /DELETE.*notion\.jsonc/);
      const after = folderContents(real);
      assert.deepEqual([...after.keys()], ['slack.jsonc'], 'agreed: applied where it said');
      assert.match(after.get('slack.jsonc')!, /\/\/ outside[\s\S]*"channels:read"/);
    } finally {
      await t.close();
    }
  });
}

test('pull into the project folder itself: no extra question', { skip }, async () => {
  const t = await setup((root) => {
    mkdirSync(join(root, 'base44', 'connectors'));
    return join(root, 'base44', 'connectors');
  });
  try {
    vscodeState.answer = () => undefined;
    await pullCommand(t.services, { project: t.project });
    const modals = vscodeState.shown.filter((m) => m.modal);
    assert.equal(modals.length, 1);
    assert.deepEqual(modals[0].buttons, ['Pull', 'Show Changes']);
  } finally {
    await t.close();
  }
});
