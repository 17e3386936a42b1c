/**
 * Smaller faults of issue 10, each refused or reported cleanly: redirect URLs that `new URL` accepts but
 * VS Code's `Uri.parse` throws on, a spawn that throws synchronously (a `.cmd` shim on Windows, a NUL in
 * an argument), and the CLI's "Invalid response from server" (the server's fault, not a local file's).
 */
import { vscodeState, resetVscode } from './fakeVscode';
import { pushAnsweringCli, withStandInCli } from './services';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { isSafeRedirectUrl } from '../../client/src/cli/authorization';
import { fromSpawnError } from '../../client/src/cli/cliErrors';
import { CliRunRecord, runCli } from '../../client/src/cli/runCli';
import { pushCommand } from '../../client/src/commands/push';
import { cliTest, withFakeCli } from '../client/clientHarness';

beforeEach(() => resetVscode());

test('redirect URLs with leading or trailing whitespace, a tab, a line break or NUL are refused', () => {
  for (const bad of [
    ' https://accounts.google.com/o/oauth2/auth',
    '\thttps://accounts.google.com/',
    'https://accounts.google.com/\t',
    'https://accounts.google.com/a\tb',
    'https://accounts.google.com/\n',
    '\u0000https://accounts.google.com/',
    'https://accounts.google.com/\u0000',
    'https://accounts.google.com/\u0085',
  ]) {
    assert.equal(isSafeRedirectUrl(bad), false, JSON.stringify(bad));
  }
  assert.equal(isSafeRedirectUrl('https://accounts.google.com/o/oauth2/auth?scope=a%20b'), true);
});

test('push: an authorization link with a leading space is refused with a message (no throw, nothing opened)', async () => {
  const cli = pushAnsweringCli([
    { type: 'slack', action: 'needs_oauth', redirectUrl: ' https://accounts.google.com/\u0000' },
  ]);
  const files = { 'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }' };
  await withStandInCli(cli, files, async ({ services, project }) => {
    vscodeState.answer = (s) =>
      s.modal ? s.buttons[0] : s.buttons.includes('Authorize slack') ? 'Authorize slack' : undefined;
    await pushCommand(services, { project });
    assert.ok(
      vscodeState.shown.some((s) => s.level === 'error' && /not an https address/.test(s.message)),
      JSON.stringify(vscodeState.shown),
    );
    assert.deepEqual(vscodeState.opened, []);
  });
});

test('a CLI older than 0.1.18: the first command warns once, saying how to update', async () => {
  const files = { 'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }' };
  await withStandInCli(pushAnsweringCli([], '0.1.9'), files, async ({ services, project }) => {
    await pushCommand(services, { project });
    await pushCommand(services, { project });
    const outdated = vscodeState.shown.filter((s) =>
      /version 0\.1\.9; connector commands need 0\.1\.18/.test(s.message),
    );
    assert.equal(outdated.length, 1, JSON.stringify(vscodeState.shown));
    assert.equal(outdated[0].level, 'warning');
    assert.match(outdated[0].message, /npm i -g base44@latest/);
  });
});

test('a spawn that throws synchronously (NUL in an argument) is a clear start failure, recorded, never a rejection', async () => {
  const records: CliRunRecord[] = [];
  await withFakeCli(`process.stdout.write('{}');`, async (cli) => {
    const r = await runCli(cli, ['connectors', 'push\u0000'], {
      cwd: tmpdir(),
      timeoutMs: 10_000,
      onRecord: (x) => records.push(x),
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.kind, 'cliNotExecutable');
    assert.match(r.error.message, /could not be started/);
    assert.ok(r.error.nextSteps.includes('showOutput'));
    assert.equal(records.length, 1);
    assert.equal(records[0].outcome, 'cliNotExecutable');
  });
});

test('Windows: EINVAL from a .cmd shim without its JS entry says what is wrong and how to fix it', () => {
  const err = Object.assign(new Error('spawn EINVAL'), { code: 'EINVAL' }) as NodeJS.ErrnoException;
  const e = fromSpawnError(err, 'C:\\proj\\node_modules\\.bin\\base44.cmd', true);
  assert.equal(e.kind, 'cliNotExecutable');
  assert.match(e.message, /\.cmd shim/);
  assert.deepEqual(e.nextSteps, ['configureCliPath', 'installCli', 'showOutput']);
});

cliTest(
  'real CLI: "Invalid response from server" is reported as the server\'s answer, not as an invalid local file',
  { files: { 'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }' } },
  async (h, p) => {
    h.api.failAlways({ status: 200, body: { integrations: 'not a list' } }, { path: 'external-auth/list' });
    const r = await h.cli.push(p.root);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.match(r.error.detail ?? '', /Invalid response from server/, 'the CLI said so');
    assert.equal(r.error.kind, 'badServerResponse');
    assert.match(r.error.message, /Base44 answered something the base44 CLI could not read/);
    assert.doesNotMatch(r.error.message, /connector or config file/);
    assert.equal(r.error.file, undefined);
    assert.deepEqual(r.error.nextSteps, ['retry', 'showOutput']);
  },
);
