import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { redact, redactArgs } from '../../client/src/cli/redact';
import { compareVersions, locateCli, parseVersion } from '../../client/src/cli/locateCli';
import { ProjectOperationLock } from '../../client/src/cli/operationQueue';
import { CliError, CliErrorEnvelope, fromEnvelope, noAppLinked } from '../../client/src/cli/cliErrors';
import { hasComments } from '../../client/src/sync/pullPlan';
import { computePushPlan } from '../../client/src/sync/pushPlan';

test('redact removes keys, tokens, JWTs and OAuth parameters', () => {
  const line = [
    'BASE44_API_KEY=b44k_abcdef123',
    'Authorization: Bearer abc.def-ghi',
    '{"accessToken":"secret-1","refresh_token": "secret-2","email":"dev@example.com"}',
    'https://accounts.example.com/auth?client_id=x&state=s3cr3t&code=c0de&access_token=tok',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig_nature',
    'api_key: b44k_zzz',
  ].join('\n');
  const out = redact(line);
  for (const secret of [
    'b44k_abcdef123',
    'abc.def-ghi',
    'secret-1',
    'secret-2',
    's3cr3t',
    'c0de',
    '=tok',
    'eyJhbGciOiJIUzI1NiJ9',
    'b44k_zzz',
  ]) {
    assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
  }
  assert.ok(out.includes('dev@example.com'));
  assert.ok(out.includes('client_id=x'));
  assert.deepEqual(redactArgs(['--api-key', 'plain-secret', 'connectors', 'push']), [
    '--api-key',
    '‹redacted›',
    'connectors',
    'push',
  ]);
});

function exe(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\necho 0.1.18\n');
  chmodSync(path, 0o755);
}

test(
  'locateCli: setting, then the project, then PATH, then npx only when accepted',
  { skip: process.platform === 'win32' },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'b44-locate-'));
    try {
      const setting = join(dir, 'custom', 'base44');
      const project = join(dir, 'proj');
      const projectBin = join(project, 'node_modules', '.bin', 'base44');
      const pathDir = join(dir, 'bin');
      const npxDir = join(dir, 'npxbin');
      exe(setting);
      exe(join(npxDir, 'npx'));
      const env = { PATH: [pathDir, npxDir].join(':'), HOME: dir };

      let r = locateCli({ settingPath: setting, projectRoots: [project], npxAccepted: false, env });
      assert.ok(r.found && r.cli.source === 'setting' && r.cli.command === setting);

      r = locateCli({ settingPath: 'relative/base44', projectRoots: [], npxAccepted: false, env });
      assert.ok(!r.found && r.settingInvalid);

      r = locateCli({ projectRoots: [project], npxAccepted: false, env });
      assert.ok(!r.found && r.npxAvailable, 'nothing installed yet: offer npx');

      r = locateCli({ projectRoots: [project], npxAccepted: true, env });
      assert.ok(r.found && r.cli.source === 'npx');
      assert.deepEqual(
        r.found && r.cli.argsPrefix,
        ['--yes', `--prefix=${homedir()}`, 'base44'],
        'npm works from a neutral folder',
      );

      exe(join(pathDir, 'base44'));
      r = locateCli({ projectRoots: [project], npxAccepted: true, env });
      assert.ok(r.found && r.cli.source === 'path');

      exe(projectBin);
      r = locateCli({ projectRoots: [project], npxAccepted: true, env });
      assert.ok(r.found && r.cli.source === 'project' && r.cli.command === projectBin);

      // A relative PATH entry (which the workspace could fill) is never used.
      r = locateCli({ projectRoots: [], npxAccepted: false, env: { PATH: 'proj/node_modules/.bin' } });
      assert.equal(r.found, false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('versions', () => {
  assert.equal(parseVersion('0.1.18\n'), '0.1.18');
  assert.equal(parseVersion('base44/0.2.0 linux-x64 node-v20'), '0.2.0');
  assert.ok(compareVersions('0.1.17', '0.1.18') < 0);
  assert.ok(compareVersions('0.2.0', '0.1.18') > 0);
  assert.equal(compareVersions('0.1.18', '0.1.18'), 0);
});

test('one CLI operation per project at a time: the second is refused', () => {
  const lock = new ProjectOperationLock();
  const first = lock.tryAcquire('/p/app', 'Push');
  assert.ok(first.ok);
  const second = lock.tryAcquire('/p/app/', 'Pull');
  assert.deepEqual(second, { ok: false, running: 'Push' });
  assert.ok(lock.tryAcquire('/p/other', 'Pull').ok, 'other projects are independent');
  if (first.ok) first.lease.release();
  assert.ok(lock.tryAcquire('/p/app', 'Pull').ok);
});

test('error envelopes map to messages with next steps', () => {
  const cases: [CliErrorEnvelope, Partial<CliError>][] = [
    [{ error: 'Error listing connectors: Unauthorized', code: 'API_ERROR', statusCode: 401 }, { kind: 'notLoggedIn' }],
    [{ error: 'Error listing connectors: Fake 500', code: 'API_ERROR', statusCode: 500 }, { kind: 'serverError' }],
    [{ error: 'Error listing connectors: fetch failed', code: 'API_ERROR' }, { kind: 'network' }],
    [
      { error: 'Invalid connector file in /p/base44/connectors/x.jsonc:\n✖ Invalid input', code: 'SCHEMA_INVALID' },
      { file: '/p/base44/connectors/x.jsonc' },
    ],
    [{ error: 'No Base44 app ID found. Pass --app-id, ...', code: 'CONFIG_NOT_FOUND' }, { kind: 'noAppLinked' }],
    [
      { error: 'Could not initiate notion: different_user (already authorized by x@y.z)', code: 'INVALID_INPUT' },
      { otherUser: 'x@y.z' },
    ],
    [{ error: 'Something odd' }, { kind: 'failed' }],
  ];
  for (const [envelope, expected] of cases) {
    const error = fromEnvelope(envelope);
    for (const [key, value] of Object.entries(expected))
      assert.equal(error[key as keyof CliError], value, `${envelope.error}: ${key}`);
  }
  assert.ok(fromEnvelope({ error: 'Something odd' }).nextSteps.includes('showOutput'));
  // One wording of "not linked", whether the extension or the CLI found it (cliErrors.ts is its one home).
  const noApp = fromEnvelope({ error: 'No Base44 app ID found.', code: 'CONFIG_NOT_FOUND' });
  assert.equal(noApp.message, noAppLinked().message);
  assert.deepEqual(noApp.nextSteps, ['linkApp', 'showOutput']);
});

test('comment detection ignores comment-like text inside strings', () => {
  assert.equal(hasComments('{ "url": "https://x//y" }'), false);
  assert.equal(hasComments('{ "a": 1 } // c'), true);
  assert.equal(hasComments('/* c */ {}'), true);
});

test('push plan: order of scopes matters like the CLI (a different order is an update)', () => {
  const plan = computePushPlan(
    [{ fileName: 'a.jsonc', path: '/a.jsonc', text: '', connector: { type: 'slack', scopes: ['b', 'a'] } }],
    [{ type: 'slack', scopes: ['a', 'b'] }],
  );
  assert.equal(plan.toUpdate.length, 1);
  assert.deepEqual(plan.toUpdate[0].addedScopes, []);
});
