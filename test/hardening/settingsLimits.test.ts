/**
 * Settings are clamped and validated in one place (client/src/settings.ts): a huge CLI timeout does not
 * overflow the timer (which would stop every run at once), a non-numeric authorize timeout does not give
 * a NaN deadline (a busy loop), and package.json gives each timeout a maximum.
 */
import { vscodeState, resetVscode } from './fakeVscode';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../client/src/cli/runCli';
import {
  apiUrlSetting,
  AUTHORIZE_TIMEOUT_SECONDS,
  authorizeTimeoutMs,
  CLI_TIMEOUT_SECONDS,
  cliTimeoutMs,
  DEFAULT_API_URL,
} from '../../client/src/settings';
import { withFakeCli } from '../client/clientHarness';

beforeEach(() => resetVscode());

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const MAX_TIMER_MS = 2 ** 31 - 1;

function set(key: string, value: unknown): void {
  vscodeState.config.set(key, { globalValue: value });
}

test('timeouts: huge, negative, non-numeric and NaN values are clamped or fall back to the default', () => {
  for (const [value, expected] of [
    [3_000_000, 3600_000],
    [Number.MAX_VALUE, 3600_000],
    [Infinity, 120_000],
    [-5, 5_000],
    [0, 5_000],
    ['300', 120_000],
    [NaN, 120_000],
    [null, 120_000],
    [{}, 120_000],
    [undefined, 120_000],
    [42.4, 42_400],
  ] as const) {
    set('base44.cli.timeoutSeconds', value);
    const ms = cliTimeoutMs();
    assert.equal(ms, expected, `cli.timeoutSeconds ${String(value)}`);
    assert.ok(Number.isFinite(ms) && ms > 0 && ms <= MAX_TIMER_MS);
  }
  for (const value of ['abc', NaN, '120', true, 1e12, -1]) {
    set('base44.authorize.timeoutSeconds', value);
    const ms = authorizeTimeoutMs();
    assert.ok(
      Number.isFinite(ms) && ms >= 10_000 && ms <= 3600_000,
      `authorize.timeoutSeconds ${String(value)} → ${ms}`,
    );
  }
});

test('package.json gives both timeouts the same minimum and maximum as settings.ts', () => {
  const props = pkg.contributes.configuration.properties;
  assert.equal(props['base44.cli.timeoutSeconds'].minimum, CLI_TIMEOUT_SECONDS.min);
  assert.equal(props['base44.cli.timeoutSeconds'].maximum, CLI_TIMEOUT_SECONDS.max);
  assert.equal(props['base44.authorize.timeoutSeconds'].minimum, AUTHORIZE_TIMEOUT_SECONDS.min);
  assert.equal(props['base44.authorize.timeoutSeconds'].maximum, AUTHORIZE_TIMEOUT_SECONDS.max);
  assert.ok(CLI_TIMEOUT_SECONDS.max * 1000 <= MAX_TIMER_MS && AUTHORIZE_TIMEOUT_SECONDS.max * 1000 <= MAX_TIMER_MS);
});

test('cli.timeoutSeconds 3000000: a CLI run taking 300 ms still finishes (the timer does not overflow)', async () => {
  set('base44.cli.timeoutSeconds', 3_000_000);
  await withFakeCli(`setTimeout(() => process.stdout.write('{"ok":true}'), 300);`, async (cli) => {
    const r = await runCli(cli, [], { cwd: tmpdir(), timeoutMs: cliTimeoutMs() });
    assert.equal(r.ok, true, JSON.stringify(r));
  });
});

test('base44.apiUrl: user-level http(s) URL only; workspace values, credentials and other schemes give the default', () => {
  assert.equal(apiUrlSetting(), DEFAULT_API_URL, 'unset');
  vscodeState.config.set('base44.apiUrl', {
    defaultValue: DEFAULT_API_URL,
    workspaceValue: 'http://attacker.example',
    workspaceFolderValue: 'http://attacker.example',
  });
  assert.equal(apiUrlSetting(), DEFAULT_API_URL, 'a workspace cannot choose the server');
  for (const bad of [
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:pw@example.com',
    'not a url',
    42,
    ' http://x\u0000y',
  ]) {
    set('base44.apiUrl', bad);
    assert.equal(apiUrlSetting(), DEFAULT_API_URL, String(bad));
  }
  set('base44.apiUrl', ' http://127.0.0.1:4321/ ');
  assert.equal(apiUrlSetting(), 'http://127.0.0.1:4321');
  assert.equal(pkg.contributes.configuration.properties['base44.apiUrl'].scope, 'machine');
});
