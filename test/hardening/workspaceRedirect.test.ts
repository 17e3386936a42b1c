/**
 * A workspace cannot redirect the user's credentials or the CLI itself (SECURITY.md, "Running the CLI"):
 * - the project's `.env` / `.env.local` cannot choose the server, the token or the API key the real CLI
 *   uses (it loads them; the extension sets those variables itself, from the `base44.apiUrl` setting);
 * - a `.env` setting BASE44_APP_ID (which makes the CLI ignore the project's connector files) is refused;
 * - `npx --yes base44` never reads the project's `.npmrc`;
 * - a repository's own `node_modules/.bin/base44` runs only after the user agreed, once per workspace.
 */
import { vscodeState, resetVscode } from './fakeVscode';
import { makeServices, startRealCliProject, withRealCliProject } from './services';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AccountModel } from '../../client/src/account';
import { appIdFromProjectEnv, cliEnvironment } from '../../client/src/cli/cliEnvironment';
import { findOnPath, locateCli } from '../../client/src/cli/locateCli';
import { runCli } from '../../client/src/cli/runCli';
import { CliService } from '../../client/src/cliService';
import { Log } from '../../client/src/log';
import { pullCommand } from '../../client/src/commands/pull';
import { pushCommand } from '../../client/src/commands/push';
import { authFilePath, cliAvailable, CLI_MISSING_MESSAGE, FAKE_ACCESS_TOKEN } from '../support/base44Cli';
import { startFakeApi } from '../support/fakeBase44Api';
import { makeProject } from '../support/tempProject';

beforeEach(() => resetVscode());

const skip = cliAvailable() ? false : CLI_MISSING_MESSAGE;

/** A JWT the CLI would accept to seed ~/.base44/auth/auth.json (it only decodes sub and exp). */
function attackerJwt(): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'attacker@evil.example', exp: Math.floor(Date.now() / 1000) + 3600 })}.c2ln`;
}

test('cliEnvironment: the API URL from the setting; tokens, API key and test hook from the user only; prefixed copies and app id dropped', () => {
  const env = cliEnvironment({
    apiUrl: 'https://app.base44.com',
    base: {
      PATH: '/bin',
      BASE44_API_URL: 'http://ambient',
      BASE44_API_KEY: 'b44k_mine',
      BASE44_APP_ID: 'x',
      BASE44_PROJECTS_BASE44_APP_ID: 'y',
    },
  });
  assert.equal(env.BASE44_API_URL, 'https://app.base44.com');
  assert.equal(env.BASE44_API_KEY, 'b44k_mine', "the user's own key is kept");
  assert.equal(env.BASE44_ACCESS_TOKEN, '');
  assert.equal(env.BASE44_REFRESH_TOKEN, '');
  assert.equal(env.BASE44_CLI_TEST_OVERRIDES, '');
  for (const k of [
    'BASE44_PROJECTS_BASE44_API_URL',
    'BASE44_PROJECTS_BASE44_ACCESS_TOKEN',
    'BASE44_PROJECTS_BASE44_REFRESH_TOKEN',
  ])
    assert.equal(env[k], '', k);
  assert.ok(!('BASE44_APP_ID' in env) && !('BASE44_PROJECTS_BASE44_APP_ID' in env));
  assert.equal(env.PATH, '/bin');
});

test(
  'real CLI: a project .env pointing BASE44_API_URL at a second server — after Push and Pull it got no request and no token',
  { skip },
  async () => {
    const attacker = await startFakeApi();
    const hostileEnv = [
      `BASE44_API_URL=${attacker.url}`,
      `BASE44_PROJECTS_BASE44_API_URL=${attacker.url}`,
      `BASE44_ACCESS_TOKEN=${attackerJwt()}`,
      'BASE44_REFRESH_TOKEN=attacker-refresh',
      'BASE44_API_KEY=b44k_attacker_key',
      `BASE44_CLI_TEST_OVERRIDES={"latestVersion":null,"appConfig":{"id":"attacker-app","projectRoot":"/tmp"}}`,
      '',
    ].join('\n');
    const files = {
      'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }',
      '.env': hostileEnv,
      '.env.local': `export BASE44_API_URL=${attacker.url}\n`,
    };
    // The wrapper sets only HOME, no telemetry, no upgrade check: the server comes from the extension.
    const t = await startRealCliProject({ files, env: (env) => delete env.BASE44_API_URL });
    const { api, home, services, project } = t;
    const authBefore = readFileSync(authFilePath(home), 'utf8');
    try {
      vscodeState.config.set('base44.apiUrl', { defaultValue: 'https://app.base44.com', globalValue: api.url });
      api.state.connectors.set('notion', { status: 'active', scopes: [] });
      vscodeState.answer = (s) => (s.modal ? s.buttons[0] : undefined);
      await pushCommand(services, { project });
      assert.ok(
        vscodeState.shown.some((s) => /pushed/.test(s.message)),
        JSON.stringify(vscodeState.shown),
      );
      assert.equal(api.requestsTo('external-auth/integrations/slack', 'PUT').length, 1, api.calls().join('\n'));
      await pullCommand(services, { project });

      assert.deepEqual(attacker.requests, [], 'the second server received no request');
      assert.ok(api.requests.length > 0);
      for (const r of api.requests)
        assert.equal(r.auth, `bearer:${FAKE_ACCESS_TOKEN}`, `${r.method} ${r.path}: the user's own login`);
      assert.ok(
        api.requests.every((r) => r.path.startsWith('/api/apps/test-app-id/')),
        'the app of base44/.app.jsonc',
      );
      assert.equal(readFileSync(authFilePath(home), 'utf8'), authBefore, "the user's login was not replaced");
    } finally {
      await t.close();
      await attacker.close();
    }
  },
);

test(
  'real CLI: a project .env setting BASE44_APP_ID is refused before anything runs (the CLI would push without the files)',
  { skip },
  () => {
    const files = {
      'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }',
      '.env': 'FOO=1\nBASE44_APP_ID=test-app-id\n',
    };
    return withRealCliProject({ files }, async ({ api, p, services, project }) => {
      api.state.connectors.set('slack', { status: 'active', scopes: ['chat:write'] });
      vscodeState.answer = (s) => (s.modal ? s.buttons[0] : undefined);
      await pushCommand(services, { project });
      const refused = vscodeState.shown.find((s) => s.level === 'error');
      assert.ok(refused, JSON.stringify(vscodeState.shown));
      assert.match(refused.message, /\.env sets BASE44_APP_ID/);
      assert.deepEqual(refused.buttons, ['Open File', 'Show Output']);
      assert.deepEqual(api.requests, [], 'no request at all');
      assert.deepEqual(api.state.connectors.get('slack'), { status: 'active', scopes: ['chat:write'] });

      for (const [file, text] of [
        ['.env.local', 'export BASE44_PROJECTS_BASE44_APP_ID=x'],
        ['.env', 'BASE44_APP_ID: x'],
      ]) {
        rmSync(p.path('.env'), { force: true });
        rmSync(p.path('.env.local'), { force: true });
        p.write(file, `# comment\n${text}\n`);
        assert.ok(appIdFromProjectEnv(p.root), `${file}: ${text}`);
      }
      p.write('.env', '# BASE44_APP_ID=commented\nMY_BASE44_APP_ID=x\n');
      rmSync(p.path('.env.local'), { force: true });
      assert.equal(appIdFromProjectEnv(p.root), undefined, 'comments and other keys are fine');
    });
  },
);

// -------------------------------------------------------------------------------------------------
// npx never reads the project's .npmrc

/** A registry that answers 404 to everything and records what was asked. */
async function recordingRegistry(): Promise<{ url: string; paths: string[]; server: Server }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, paths, server };
}

const npx = findOnPath('npx');

test(
  'real npm: "npx --yes base44" resolves the CLI from a neutral folder, never through the project\'s .npmrc',
  { skip: npx ? false : 'npx not on PATH' },
  async () => {
    const projectRegistry = await recordingRegistry();
    const userRegistry = await recordingRegistry();
    const work = mkdtempSync(join(tmpdir(), 'b44-npx-'));
    const p = makeProject({
      '.npmrc': `registry=${projectRegistry.url}\n`,
      'package.json': '{ "name": "cloned-repo" }',
    });
    try {
      const userconfig = join(work, 'user.npmrc');
      writeFileSync(userconfig, `registry=${userRegistry.url}\n`);
      const env = {
        PATH: dirname(npx!), // npx and node only: no base44 on PATH, so npx is what locateCli finds
        HOME: work,
        npm_config_userconfig: userconfig,
        npm_config_cache: join(work, 'cache'), // nothing cached: npm must ask a registry
        npm_config_fetch_retries: '0',
        npm_config_update_notifier: 'false',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
      };
      mkdirSync(join(work, 'prefix'));
      const found = locateCli({ projectRoots: [p.root], npxAccepted: true, env, npxPrefix: join(work, 'prefix') });
      assert.ok(found.found && found.cli.source === 'npx', JSON.stringify(found));
      const r = await runCli(found.cli, ['--version'], { cwd: p.root, env, json: false, timeoutMs: 60_000 });
      assert.equal(r.ok, false, 'both registries answer 404');
      assert.deepEqual(projectRegistry.paths, [], "the project's .npmrc registry was never asked");
      assert.ok(
        userRegistry.paths.some((x) => x.includes('base44')),
        `npm asked the user's registry: ${userRegistry.paths.join(', ')}`,
      );
    } finally {
      projectRegistry.server.close();
      userRegistry.server.close();
      p.cleanup();
      rmSync(work, { recursive: true, force: true });
    }
  },
);

test('CliService: npx runs with --prefix set to a private folder in the extension storage', () => {
  const storage = mkdtempSync(join(tmpdir(), 'b44-storage-'));
  const savedPath = process.env.PATH;
  try {
    process.env.PATH = dirname(npx ?? '/usr/bin/npx');
    const context = {
      globalState: {
        get: (k: string, d?: unknown) => (k === 'base44.cli.npxAccepted' ? true : d),
        update: async () => undefined,
      },
      workspaceState: { get: (_k: string, d?: unknown) => d, update: async () => undefined },
      globalStorageUri: { fsPath: storage },
    };
    const found = new CliService(context as never, new Log()).locate(['/nonexistent']);
    if (!found.found) return; // no npx on this machine
    assert.equal(found.cli.source, 'npx');
    assert.ok(found.cli.argsPrefix.includes(`--prefix=${join(storage, 'npx')}`), found.cli.argsPrefix.join(' '));
  } finally {
    process.env.PATH = savedPath;
    rmSync(storage, { recursive: true, force: true });
  }
});

// -------------------------------------------------------------------------------------------------
// A repository-local binary runs only after the user agreed (once per workspace)

test('node_modules/.bin/base44 of the repository: nothing runs at activation; the first command asks once; "Use Another CLI" is remembered', async () => {
  const work = mkdtempSync(join(tmpdir(), 'b44-local-bin-'));
  const ran = join(work, 'ran.log');
  const p = makeProject({ 'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }' });
  const bin = p.path('node_modules/.bin/base44');
  p.write(
    'node_modules/.bin/base44',
    `#!${process.execPath}
require('fs').appendFileSync(${JSON.stringify(ran)}, process.argv.slice(2).join(' ') + '\\n');
const a = process.argv.slice(2);
if (a[0] === '--version') process.stdout.write('0.1.18\\n');
else if (a[0] === 'whoami') process.stdout.write(JSON.stringify({ output: 'Logged in as: dev@example.com' }));
else if (a[1] === 'pull') process.stdout.write(JSON.stringify({ connectorsDir: a[3], pulled: 0, written: [], deleted: [] }));
else process.stdout.write(JSON.stringify({ results: [] }));
`,
  );
  chmodSync(bin, 0o755);
  const runs = () => (existsSync(ran) ? readFileSync(ran, 'utf8').split('\n').filter(Boolean) : []);
  const asked = () => vscodeState.shown.filter((s) => /this workspace's own base44 CLI/.test(s.message));
  const savedPath = process.env.PATH;
  process.env.PATH = dirname(process.execPath); // node only: no base44 on PATH
  const first = makeServices(p.root);
  const second = makeServices(p.root);
  try {
    // Activation: the account check runs nothing and asks nothing.
    await new AccountModel(first.services.cli).check([first.project]);
    assert.deepEqual(runs(), [], 'nothing ran at activation');
    assert.equal(vscodeState.shown.length, 0, 'nothing asked at activation');

    // Push: asked; dismissing the question runs nothing and is not remembered.
    await pushCommand(first.services, { project: first.project });
    assert.equal(asked().length, 1);
    assert.deepEqual(asked()[0].buttons, ['Use Project CLI', 'Use Another CLI']);
    assert.ok(asked()[0].modal);
    assert.match(asked()[0].detail ?? '', /node_modules/);
    assert.deepEqual(runs(), []);

    // Allowed: it runs, and the next command does not ask again; the account check now runs it too.
    vscodeState.answer = (s) =>
      /own base44 CLI/.test(s.message) ? 'Use Project CLI' : s.modal ? s.buttons[0] : undefined;
    await pushCommand(first.services, { project: first.project });
    await pushCommand(first.services, { project: first.project });
    assert.equal(asked().length, 2, 'asked once more (the first time was dismissed), then remembered');
    assert.ok(
      runs().some((r) => r.startsWith('connectors push')),
      runs().join('\n'),
    );
    await new AccountModel(first.services.cli).check([first.project]);
    assert.ok(runs().includes('whoami --json'));

    // Another workspace state: declined → the repository's binary never runs; the next CLI is looked for.
    const before = runs().length;
    vscodeState.shown.length = 0;
    vscodeState.answer = (s) => (/own base44 CLI/.test(s.message) ? 'Use Another CLI' : undefined);
    await pushCommand(second.services, { project: second.project });
    await pushCommand(second.services, { project: second.project });
    assert.equal(asked().length, 1, 'declining is remembered too');
    assert.equal(runs().length, before, 'the declined binary never ran');
    assert.ok(
      vscodeState.shown.some((s) => /base44 CLI was not found/.test(s.message)),
      JSON.stringify(vscodeState.shown),
    );
  } finally {
    process.env.PATH = savedPath;
    first.cleanup();
    second.cleanup();
    p.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
});
