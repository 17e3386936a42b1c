/**
 * Security guarantees (see SECURITY.md): no shell and no option injection when calling the CLI, values
 * validated before anything starts, a workspace cannot choose the CLI, Restricted Mode runs nothing,
 * secrets never reach the log, and only https (or loopback http) links are opened.
 */
import { homedir } from 'node:os';
import { vscodeState, resetVscode } from './fakeVscode';
import { makeServices, pushAnsweringCli, scriptCli, setCliPath, withStandInCli } from './services';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { isSafeRedirectUrl } from '../../client/src/cli/authorization';
import { ConnectorsCli, MAX_SCOPE_LENGTH } from '../../client/src/cli/connectorsCli';
import { redact } from '../../client/src/cli/redact';
import { authorizeCommand } from '../../client/src/commands/authorize';
import { pullCommand } from '../../client/src/commands/pull';
import { pushCommand } from '../../client/src/commands/push';
import { installCliCommand, linkCommand, loginCommand } from '../../client/src/commands/terminals';
import { AccountModel } from '../../client/src/account';
import { Log } from '../../client/src/log';
import { cliPathSetting } from '../../client/src/settings';
import { makeProject } from '../support/tempProject';

beforeEach(() => resetVscode());

const REPO = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));

// -------------------------------------------------------------------------------------------------
// Arguments: an array, never a shell; validated before anything starts

const METACHARACTERS = [
  '$(touch PWNED)',
  '`touch PWNED`',
  ';rm -rf PWNED',
  '&& touch PWNED',
  '| tee PWNED',
  '> PWNED',
  '\' " \\',
  '*',
  '~',
  '$HOME',
  '%PATH%',
  '!!',
];

test('the CLI gets each value verbatim as ONE argument: no shell, no expansion', async () => {
  const work = mkdtempSync(join(tmpdir(), 'b44-argv-'));
  const record = join(work, 'argv.json');
  const cli = scriptCli(
    `require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2))); process.stdout.write('{"integrationType":"x","alreadyAuthorized":true,"redirectUrl":null,"connectionId":null}');`,
  );
  const p = makeProject();
  try {
    setCliPath(cli.path);
    const { services, cleanup } = makeServices(p.root);
    const resolved = await services.cli.resolve(services.projects.projects[0]);
    assert.ok('cli' in resolved, JSON.stringify(resolved));
    const scopes = METACHARACTERS.map((m) => m.replace(/PWNED/g, join(work, 'pwned')));
    const r = await services.cli.connectors(resolved.cli).initiate(work, 'my-custom_type', scopes);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(JSON.parse(readFileSync(record, 'utf8')), [
      'connectors',
      'initiate',
      '--json',
      '--integration-type',
      'my-custom_type',
      '--scopes',
      ...scopes.map((s) => s.trim()),
    ]);
    assert.equal(existsSync(join(work, 'pwned')), false, 'nothing was expanded or run by a shell');
    cleanup();
  } finally {
    cli.cleanup();
    p.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
});

test('option-like, multi-line, control-character, broken-Unicode and overlong values are refused before spawning', async () => {
  let invoked = 0;
  const cli = new ConnectorsCli(async () => {
    invoked++;
    return { ok: true, data: {}, stderr: '' };
  });
  const badTypes = [
    '--app-id=x',
    '-y',
    '--',
    '-',
    'slack --app-id=x',
    'slack\n--yes',
    'slack;id',
    '$(id)',
    '',
    'a'.repeat(257),
    'sl\u0000ack',
    'éclair',
  ];
  for (const type of badTypes) {
    const r = await cli.initiate('/p', type, []);
    assert.equal(!r.ok && r.error.kind, 'invalidArgument', JSON.stringify(type));
  }
  const badScopes = [
    '--app-id=x',
    '-y',
    ' -y',
    'a\nb',
    'a\r',
    'a\u0000',
    'a\u001b[2J',
    'a\u2028b',
    'a\u0085',
    'a,b',
    '',
    '   ',
    'x'.repeat(MAX_SCOPE_LENGTH + 1),
    'a\uD800',
  ];
  for (const scope of badScopes) {
    const r = await cli.initiate('/p', 'slack', ['chat:write', scope]);
    assert.equal(!r.ok && r.error.kind, 'invalidArgument', JSON.stringify(scope));
  }
  assert.equal(
    (
      await cli.initiate(
        '/p',
        'slack',
        Array.from({ length: 501 }, (_, i) => `s${i}`),
      )
    ).ok,
    false,
  );
  for (const appId of ['--dir=/etc', '-x', 'a b', '', 'a'.repeat(200)]) {
    const r = await cli.pullInto('/tmp/x', appId, '/p');
    assert.equal(!r.ok && r.error.kind, 'invalidArgument', appId);
  }
  assert.equal((await cli.pullInto('--dir', 'app', '/p')).ok, false);
  assert.equal(invoked, 0, 'the CLI was never started');
});

test('property: whatever the connector file holds, no value reaching the CLI can be read as an option', async () => {
  const value = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('-y', '--app-id=x', ' --json', 'a\nb', 'chat:write', 'x,y'),
  );
  await fc.assert(
    fc.asyncProperty(value, fc.array(value, { maxLength: 6 }), async (type, scopes) => {
      let argv: readonly string[] | undefined;
      const cli = new ConnectorsCli(async (args) => {
        argv = args;
        return { ok: true, data: { alreadyAuthorized: true, redirectUrl: null }, stderr: '' };
      });
      const r = await cli.initiate('/p', type, scopes);
      if (!argv) {
        assert.equal(!r.ok && r.error.kind, 'invalidArgument');
        return;
      }
      const fixed = ['connectors', 'initiate', '--json', '--integration-type'];
      assert.deepEqual(argv.slice(0, 4), fixed);
      const values = [argv[4], ...argv.slice(6)];
      if (argv.length > 5) assert.equal(argv[5], '--scopes');
      for (const v of values) {
        assert.ok(!v.startsWith('-'), `option-like value ${JSON.stringify(v)}`);
        assert.doesNotMatch(v, /[\u0000-\u001f\u007f,]/);
        assert.ok(v.length > 0 && v.length <= MAX_SCOPE_LENGTH);
      }
    }),
    { numRuns: 300 },
  );
});

// -------------------------------------------------------------------------------------------------
// Which CLI runs: never the workspace's choice

test('package.json: base44.cli.path is machine-scoped; CLI menus need a trusted workspace', () => {
  const props = pkg.contributes.configuration.properties;
  assert.equal(props['base44.cli.path'].scope, 'machine');
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  const cliCommands = new Set(['base44.push', 'base44.pull', 'base44.authorize', 'base44.login', 'base44.link']);
  const menus = Object.values(pkg.contributes.menus).flat() as { command: string; when?: string }[];
  const entries = menus.filter((m) => cliCommands.has(m.command));
  assert.ok(entries.length >= 8);
  for (const m of entries) assert.match(m.when ?? '', /isWorkspaceTrusted/, `${m.command} menu: ${m.when}`);
});

test('the CLI path setting is read from user settings only (workspace and folder values ignored)', () => {
  assert.equal(cliPathSetting(), '', 'unset');
  vscodeState.config.set('base44.cli.path', {
    defaultValue: '',
    workspaceValue: '/tmp/evil/base44',
    workspaceFolderValue: './node_modules/.bin/evil',
  });
  assert.equal(cliPathSetting(), '', 'a workspace cannot choose the binary');
  vscodeState.config.set('base44.cli.path', {
    defaultValue: '',
    globalValue: ' /usr/local/bin/base44 ',
    workspaceValue: '/tmp/evil/base44',
  });
  assert.equal(cliPathSetting(), '/usr/local/bin/base44', 'the user setting wins');
  vscodeState.config.set('base44.cli.path', { defaultValue: '', globalValue: ['/bin/sh'] as unknown as string });
  assert.equal(cliPathSetting(), '', 'a non-string value is ignored');
});

test('Restricted Mode: every CLI command refuses with the reason, and nothing is started', async () => {
  const cli = scriptCli(
    `require('fs').writeFileSync(__dirname + '/ran', process.argv.slice(2).join(' ')); process.stdout.write('{}');`,
  );
  const files = { 'base44/connectors/slack.jsonc': '{ "type": "slack" }' };
  await withStandInCli(cli, files, async ({ services, project, p }) => {
    vscodeState.trusted = false;
    const commands: [string, () => Promise<unknown>][] = [
      ['Push Connectors', () => pushCommand(services, { project })],
      ['Pull Connectors', () => pullCommand(services, { project })],
      [
        'Authorize Connector',
        () =>
          authorizeCommand(services, {
            project,
            connector: { type: 'slack', scopes: [], errorCount: 0, uri: 'file:///x' },
          }),
      ],
      ['Log In', () => loginCommand(services, p.root)],
      ['Link App', () => linkCommand(services, p.root)],
    ];
    for (const [name, run] of commands) {
      vscodeState.shown.length = 0;
      await run();
      assert.equal(vscodeState.shown.length, 1, name);
      assert.match(
        vscodeState.shown[0].message,
        new RegExp(`^${name} runs the base44 CLI, which is disabled in Restricted Mode`),
      );
      assert.deepEqual(vscodeState.shown[0].buttons, ['Manage Workspace Trust']);
    }
    await new AccountModel(services.cli).check([project]);
    assert.equal(vscodeState.terminals.length, 0, 'no terminal');
    assert.equal(existsSync(join(cli.dir, 'ran')), false, 'the CLI never ran');
  });
});

test('Install CLI opens its terminal in the home folder, not the workspace (whose .npmrc npm would read)', () => {
  installCliCommand();
  assert.equal(vscodeState.terminals.length, 1);
  assert.equal((vscodeState.terminals[0] as { cwd?: string }).cwd, homedir());
});

// -------------------------------------------------------------------------------------------------
// Secrets never reach the log

const SECRETS = {
  apiKey: 'b44k_live_0123456789abcdef',
  bearer: 'ya29.a0AfH6SMBx-secret_bearer',
  access: 'acc3ss-t0ken-value',
  refresh: 'r3fresh-t0ken-value',
  jwt: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiZW1haWwiOiJ4QHkueiJ9.c2lnbmF0dXJlX3NlY3JldA',
  header: 'hdr-api-key-secret',
  inspected: 'inspected-refresh-secret',
  code: 'oauth-code-secret',
  state: 'oauth-state-secret',
  password: 'hunter2-password',
};

test('the real Log redacts keys, bearer and access tokens, JWTs, OAuth codes in every line and in CLI runs', () => {
  const log = new Log();
  const s = SECRETS;
  log.info(`BASE44_API_KEY=${s.apiKey} starting`);
  log.warn(`Authorization: Bearer ${s.bearer}`);
  log.error(`{"accessToken": "${s.access}", "refresh_token":"${s.refresh}", "email": "dev@example.com"}`);
  log.info(`token ${s.jwt}`);
  log.info(`x-api-key: ${s.header}\napi_key: ${s.apiKey}`);
  log.info(`{ refresh_token: '${s.inspected}', expires_in: 3600 }`);
  log.info(
    `https://accounts.google.com/o/oauth2/auth?client_id=abc&code=${s.code}&state=${s.state}&access_token=${s.access}`,
  );
  log.info(`password=${s.password}`);
  log.cliRun({
    command: '/usr/bin/base44',
    args: ['connectors', 'push', '--api-key', s.apiKey, `--token=${s.jwt}`],
    cwd: '/p',
    durationMs: 12,
    exitCode: 1,
    signal: null,
    outcome: 'notLoggedIn',
    stderr: `request failed: {"headers":{"authorization":"Bearer ${s.bearer}","api_key":"${s.header}"}}\nrefresh_token=${s.refresh}`,
  });
  const all = vscodeState.log.map((l) => l.line).join('\n');
  for (const [name, secret] of Object.entries(s)) assert.ok(!all.includes(secret), `${name} leaked:\n${all}`);
  assert.match(all, /dev@example\.com/, 'harmless text stays');
  assert.match(all, /client_id=abc/);
  assert.match(all, /connectors push --api-key ‹redacted›/);
  assert.ok(
    vscodeState.log.some((l) => l.level === 'debug'),
    'stderr is logged (at debug level)',
  );
});

test('property: a secret embedded anywhere in a logged line is redacted', () => {
  const token = fc.stringMatching(/^[A-Za-z0-9_-]{12,40}$/);
  const shapes = [
    (t: string) => `b44k_${t}`,
    (t: string) => `Bearer ${t}`,
    (t: string) => `access_token=${t}`,
    (t: string) => `"accessToken": "${t}"`,
    (t: string) => `"refresh_token":"${t}"`,
    (t: string) => `api_key: ${t}`,
    (t: string) => `X-Api-Key: ${t}`,
    (t: string) => `eyJ${t}.eyJ${t}.${t}`,
    // Shapes the first redaction missed (issue 10).
    (t: string) => `{"x-api-key": "${t}"}`,
    (t: string) => `{"code":"${t}","state": "${t}x"}`,
    (t: string) => `Authorization: Token ${t}`,
    (t: string) => `base44 connectors push --api-key=${t}`,
    (t: string) => `https://dev:${t}@example.com/api`,
  ];
  fc.assert(
    fc.property(
      token,
      fc.nat({ max: shapes.length - 1 }),
      fc.string({ maxLength: 20 }),
      fc.string({ maxLength: 20 }),
      (t, i, before, after) => {
        const out = redact(`${before} ${shapes[i](t)} ${after}`);
        assert.ok(!out.includes(t), `${shapes[i](t)} → ${out}`);
      },
    ),
    { numRuns: 400 },
  );
});

test('redaction keeps the CLI error codes and plain words readable', () => {
  assert.equal(redact('{"error":"Unauthorized","code":"API_ERROR"}'), '{"error":"Unauthorized","code":"API_ERROR"}');
  assert.equal(redact('{"code":"SCHEMA_INVALID"}'), '{"code":"SCHEMA_INVALID"}');
  assert.equal(redact('Token expired, state unknown'), 'Token expired, state unknown');
  assert.equal(redact('https://example.com/a@b'), 'https://example.com/a@b');
});

// -------------------------------------------------------------------------------------------------
// Only https (or loopback http) links are opened

// Same shape as the fixture tables of test/unit/parser.test.ts (inputs, one verdict each): a test table.
test('redirect URLs: https and loopback http only', () => {
  for (const ok of [
    'https://accounts.google.com/o/oauth2/auth?x=1',
    'HTTPS://example.com',
    'http://127.0.0.1:5555/cb',
    'http://localhost/x',
    'http://[::1]:8080/',
  ]) {
    assert.equal(isSafeRedirectUrl(ok), true, ok);
  }
  for (const bad of [
    'http://example.com/x',
    'http://127.0.0.1.evil.com/',
    'http://localhost.evil.com/',
    'http://10.0.0.1/',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'vscode://vscode.git/clone?url=x',
    'command:workbench.action.terminal.new',
    'vscode-insiders://x',
    'ftp://example.com',
    'https://user:pw@example.com/',
    '//example.com',
    '/relative',
    '',
    ' javascript:alert(1)',
  ]) {
    assert.equal(isSafeRedirectUrl(bad), false, bad);
  }
});

test('push: hostile authorization and Stripe claim links from the CLI are never opened', async () => {
  const cli = pushAnsweringCli([
    { type: 'slack', action: 'needs_oauth', redirectUrl: 'javascript:alert(document.cookie)' },
    { type: 'stripe', action: 'provisioned', claimUrl: 'command:workbench.action.terminal.new' },
  ]);
  const files = {
    'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }',
    'base44/connectors/stripe.jsonc': '{ "type": "stripe" }',
  };
  await withStandInCli(cli, files, async ({ services, project }) => {
    for (const choose of ['Authorize slack', 'Claim Stripe Sandbox']) {
      vscodeState.shown.length = 0;
      vscodeState.answer = (s) => (s.modal ? s.buttons[0] : s.buttons.includes(choose) ? choose : undefined);
      await pushCommand(services, { project });
      assert.ok(
        vscodeState.shown.some((s) => s.buttons.includes(choose)),
        `offered ${choose}: ${JSON.stringify(vscodeState.shown)}`,
      );
      assert.ok(
        vscodeState.shown.some((s) => s.level === 'error' && /not an https address/.test(s.message)),
        `${choose}: refused with a reason`,
      );
    }
    assert.deepEqual(vscodeState.opened, [], 'nothing was opened');
  });
});
