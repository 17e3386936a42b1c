/**
 * The real Push and Pull commands (fake vscode UI, real CLI, fake Base44 API): two pushes at once go
 * through the real per-project operation lock, and no local file changes unless the user confirmed.
 */
import { vscodeState, resetVscode, Shown } from './fakeVscode';
import { startRealCliProject } from './services';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pullCommand } from '../../client/src/commands/pull';
import { pushCommand } from '../../client/src/commands/push';
import { cliAvailable, CLI_MISSING_MESSAGE } from '../support/base44Cli';
import { folderContents } from '../support/folderContents';

const skip = cliAvailable() ? false : CLI_MISSING_MESSAGE;

beforeEach(() => resetVscode());

async function setup(files: Record<string, string>) {
  const t = await startRealCliProject({ files });
  return { ...t, pushes: () => vscodeState.log.filter((l) => /connectors push --yes --json/.test(l.line)).length };
}

test('two pushes at once: the second is refused with a message, the CLI pushes once', { skip }, async () => {
  const t = await setup({ 'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }' });
  try {
    let second: Promise<void> | undefined;
    let refused: Shown | undefined;
    vscodeState.answer = async (shown) => {
      if (/still running/.test(shown.message)) {
        refused = shown;
        return undefined;
      }
      if (shown.modal && shown.buttons[0]?.startsWith('Push')) {
        // The first push is waiting for the user's OK: now a second push starts.
        second = pushCommand(t.services, { project: t.project });
        await second;
        return shown.buttons[0];
      }
      return undefined;
    };
    await pushCommand(t.services, { project: t.project });
    assert.ok(second, 'the confirmation was asked');
    assert.ok(refused, 'the second push was refused');
    assert.match(refused.message, /Push is still running for test-app/);
    assert.deepEqual(refused.buttons, ['Show Output']);
    assert.equal(t.pushes(), 1, 'one CLI push ran');
    assert.equal(t.api.requests.filter((r) => r.method === 'PUT').length, 1, t.api.calls().join('\n'));
    assert.ok(
      vscodeState.shown.some((s) => /pushed/.test(s.message)),
      'the first push reported',
    );

    // The lock was released: a later push runs (and is declined here: nothing sent).
    vscodeState.answer = () => undefined;
    const putsBefore = t.api.requests.filter((r) => r.method !== 'GET').length;
    await pushCommand(t.services, { project: t.project });
    assert.equal(vscodeState.shown.filter((s) => /still running/.test(s.message)).length, 1);
    assert.equal(
      t.api.requests.filter((r) => r.method !== 'GET').length,
      putsBefore,
      'declined: nothing changed on Base44',
    );
    assert.equal(t.pushes(), 1);
  } finally {
    await t.close();
  }
});

test('pull: declined → no file changed and no backup; confirmed → applied with a backup', { skip }, async () => {
  const mine = '// my notes\n{ "type": "slack", "scopes": ["chat:write"] }\n';
  const t = await setup({
    'base44/connectors/slack.jsonc': mine,
    'base44/connectors/notion.jsonc': '{ "type": "notion" }',
  });
  try {
    t.api.state.connectors.set('slack', { status: 'active', scopes: ['chat:write', 'channels:read'] });
    t.api.state.connectors.set('hubspot', { status: 'active', scopes: [] });
    const dir = t.p.path('base44/connectors');
    const original = folderContents(dir);

    vscodeState.answer = () => undefined; // Escape on the confirmation
    await pullCommand(t.services, { project: t.project });
    const confirm = vscodeState.shown.find((s) => s.modal);
    assert.ok(confirm, 'asked before pulling');
    assert.match(confirm.detail ?? '', /DELETE.*notion\.jsonc/);
    assert.match(confirm.detail ?? '', /Updated in place, comments and formatting kept: slack\.jsonc/);
    assert.doesNotMatch(confirm.detail ?? '', /lost/);
    assert.deepEqual(folderContents(dir), original, 'declined: untouched');
    assert.equal(existsSync(join(t.storage, 'pull-backups')), false, 'declined: no backup');

    vscodeState.shown.length = 0;
    vscodeState.answer = (s) => (s.modal && s.buttons.includes('Pull') ? 'Pull' : undefined);
    await pullCommand(t.services, { project: t.project });
    const after = folderContents(dir);
    assert.deepEqual([...after.keys()], ['hubspot.jsonc', 'slack.jsonc']);
    // Merged into the user's text: the comment stays, the scopes are the remote's.
    assert.equal(
      after.get('slack.jsonc'),
      '// my notes\n{ "type": "slack", "scopes": ["chat:write", "channels:read"] }\n',
    );
    const backups = readdirSync(join(t.storage, 'pull-backups'));
    assert.equal(backups.length, 1);
  } finally {
    await t.close();
  }
});
