/**
 * Pins the behaviour of the REAL base44 CLI 0.1.18 (the extension's client parses exactly this):
 * each scenario runs `node .cache/base44-cli/package/bin/run.js ...` against the fake API of
 * test/support/fakeBase44Api.ts and asserts the exact --json output, the exit code and the HTTP
 * calls the fake saw. Needs `node scripts/fetch-cli.mjs` first (npm test does it).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  cliAvailable,
  CLI_MISSING_MESSAGE,
  CliResult,
  FAKE_API_KEY,
  FAKE_EMAIL,
  makeFakeHome,
  readAuthFile,
  runCli,
} from '../support/base44Cli';
import { FakeApi, startFakeApi } from '../support/fakeBase44Api';
import { makeProject, TempProject } from '../support/tempProject';

const UNREACHABLE = 'http://127.0.0.1:9';
const NETWORK_HINT = [{ message: 'Check your network connection and try again' }];

/** The error envelope minus the volatile requestId (asserted to be a string when present). */
function envelope(r: CliResult): any {
  assert.ok(r.json, `stdout is not JSON:\n${r.stdout}\nstderr:\n${r.stderr}`);
  const { requestId, ...rest } = r.json;
  if (requestId !== undefined) assert.equal(typeof requestId, 'string');
  return rest;
}

function ok(r: CliResult): any {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  assert.ok(r.json !== undefined, `stdout is not one JSON document:\n${r.stdout}`);
  return r.json;
}

function failed(r: CliResult): any {
  assert.equal(r.code, 1, `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  return envelope(r);
}

describe('real base44 CLI 0.1.18 against the fake API', () => {
  let api: FakeApi;
  const projects: TempProject[] = [];
  const dirs: string[] = [];
  const project = (files: Record<string, string>, opts?: Parameters<typeof makeProject>[1]) => {
    const p = makeProject(files, opts);
    projects.push(p);
    return p;
  };
  const home = (opts?: Parameters<typeof makeFakeHome>[0]) => {
    const h = makeFakeHome(opts);
    dirs.push(h);
    return h;
  };

  before(async () => {
    if (!cliAvailable()) throw new Error(CLI_MISSING_MESSAGE);
    api = await startFakeApi();
  });
  after(async () => {
    await api?.close();
    for (const p of projects) p.cleanup();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const fresh = (init?: Parameters<FakeApi['reset']>[0]) => api.reset(init);

  describe('connectors push --yes --json', () => {
    it('synced / needs_oauth / different_user error / removed / stripe provisioned, in that order', async () => {
      fresh();
      api.state.connectors.set('slack', { status: 'active', scopes: ['chat:write'] });
      api.state.connectors.set('hubspot', { status: 'active', scopes: ['crm'] });
      api.state.putBehaviour.set('notion', 'different_user');
      // One file per run keeps the result order independent of directory order: push them together
      // but compare results as a set, then check the ordering rules separately.
      const p = project({
        'base44/connectors/slack.jsonc': '// team chat\n{ "type": "slack", "scopes": ["chat:write"], }',
        'base44/connectors/gmail.jsonc': "{ type: 'gmail', scopes: ['https://mail.google.com/'] }",
        'base44/connectors/notion.jsonc': '{ "type": "notion" }',
        'base44/connectors/stripe.jsonc': '{ "type": "stripe" }',
      });
      const json = ok(await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: api.url }));
      assert.deepEqual(Object.keys(json), ['results', 'oauth']);
      assert.deepEqual(json.oauth, {});
      const gmailConn = [...api.state.pendingOAuth.keys()][0];
      const byType = Object.fromEntries(json.results.map((r: any) => [r.type, r]));
      assert.deepEqual(byType, {
        slack: { type: 'slack', action: 'synced' },
        gmail: {
          type: 'gmail',
          action: 'needs_oauth',
          redirectUrl: `${api.url}/fake-oauth/gmail?connection_id=${gmailConn}`,
          connectionId: gmailConn,
        },
        notion: { type: 'notion', action: 'error', error: 'Already connected by other@example.com' },
        hubspot: { type: 'hubspot', action: 'removed' },
        stripe: { type: 'stripe', action: 'provisioned', claimUrl: `${api.url}/fake-stripe/claim` },
      });
      // Order: local files (directory order), then removals, then stripe last.
      const types = json.results.map((r: any) => r.type);
      assert.deepEqual(types.slice(3), ['hubspot', 'stripe']);
      assert.deepEqual([...types.slice(0, 3)].sort(), ['gmail', 'notion', 'slack']);

      // The requests: list first, one PUT per non-stripe file with the scopes (notion without
      // scopes sends []), DELETE for the remote-only type, then the stripe status + install.
      const calls = api.calls();
      assert.equal(calls[0], 'GET external-auth/list');
      assert.deepEqual(calls.slice(4), [
        'DELETE external-auth/integrations/hubspot/remove',
        'GET payments/stripe/status',
        'POST payments/stripe/install',
      ]);
      assert.deepEqual(
        api
          .requestsTo('external-auth/integrations/', 'PUT')
          .map((r) => [r.pathname.split('/').pop(), r.body])
          .sort(),
        [
          ['gmail', { scopes: ['https://mail.google.com/'] }],
          ['notion', { scopes: [] }],
          ['slack', { scopes: ['chat:write'] }],
        ],
      );
      for (const r of api.requests) {
        assert.equal(r.auth, 'bearer:fake-access-token');
        assert.equal(r.headers.authorization, '<redacted>');
        assert.ok(r.pathname.startsWith('/api/apps/test-app-id/'), r.pathname);
        assert.equal(r.headers['user-agent'], 'Base44 CLI');
      }
    });

    it('second push: stripe already installed reports "synced"; a missing local stripe file removes it', async () => {
      fresh();
      api.state.stripe = { mode: 'sandbox', claimUrl: 'x' };
      const p = project({ 'base44/connectors/stripe.json': '{"type":"stripe"}' });
      let json = ok(await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: api.url }));
      assert.deepEqual(json, { results: [{ type: 'stripe', action: 'synced' }], oauth: {} });
      assert.deepEqual(api.calls(), ['GET external-auth/list', 'GET payments/stripe/status']);

      api.requests.length = 0;
      const empty = project({ 'base44/connectors/': '' });
      json = ok(await runCli(['connectors', 'push', '--yes', '--json'], { cwd: empty.root, apiUrl: api.url }));
      assert.deepEqual(json, { results: [{ type: 'stripe', action: 'removed' }], oauth: {} });
      assert.deepEqual(api.calls(), ['GET external-auth/list', 'GET payments/stripe/status', 'DELETE payments/stripe']);
      assert.equal(api.state.stripe.mode, null);
    });

    it('no local connectors: removes every remote one', async () => {
      fresh();
      api.state.connectors.set('gmail', { status: 'active', scopes: [] });
      api.state.connectors.set('slack', { status: 'expired', scopes: ['a'] });
      const p = project({});
      const json = ok(await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: api.url }));
      assert.deepEqual(json, {
        results: [
          { type: 'gmail', action: 'removed' },
          { type: 'slack', action: 'removed' },
        ],
        oauth: {},
      });
      assert.equal(api.state.connectors.size, 0);
    });

    it('different_user with an error_message uses that message', async () => {
      fresh({ differentUserMessage: 'Connected by Ann (ann@example.com)' });
      api.state.putBehaviour.set('slack', 'different_user');
      const p = project({ 'base44/connectors/slack.jsonc': '{"type":"slack"}' });
      const json = ok(await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: api.url }));
      assert.deepEqual(json.results, [{ type: 'slack', action: 'error', error: 'Connected by Ann (ann@example.com)' }]);
    });

    it('a PUT failing with 500 becomes an "error" result (exit 0); PUT is retried 3 times', async () => {
      fresh();
      api.failAlways(500, { method: 'PUT' });
      const p = project({ 'base44/connectors/slack.jsonc': '{"type":"slack","scopes":["a"]}' });
      const json = ok(await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: api.url }));
      assert.deepEqual(json, {
        results: [{ type: 'slack', action: 'error', error: 'Error setting connector: Fake 500' }],
        oauth: {},
      });
      assert.equal(api.requestsTo('integrations/slack', 'PUT').length, 3);
    });

    it('without --yes: INVALID_INPUT before any request', async () => {
      fresh();
      const p = project({ 'base44/connectors/slack.jsonc': '{"type":"slack"}' });
      const r = await runCli(['connectors', 'push', '--json'], { cwd: p.root, apiUrl: api.url });
      assert.deepEqual(failed(r), { error: '--yes is required in non-interactive mode', code: 'INVALID_INPUT' });
      assert.equal(api.requests.length, 0);
    });

    it('validation errors come before any request: SCHEMA_INVALID, CONFIG_INVALID (JSON5), duplicate type', async () => {
      fresh();
      const p = project({ 'base44/connectors/bad.jsonc': '{ "type": "has space" }' });
      const file = p.path('base44/connectors/bad.jsonc');
      let r = await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: api.url });
      assert.deepEqual(failed(r), {
        error: `Invalid connector file in ${file}:\n✖ Invalid string: must match pattern /^[a-z0-9_-]+$/i\n  → at type`,
        code: 'SCHEMA_INVALID',
        hints: [{ message: `Fix the schema/data structure errors in ${file}` }],
      });

      p.write('base44/connectors/bad.jsonc', '{ "type": "slack", "scopes": "chat:write" }');
      r = await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: api.url });
      assert.deepEqual(failed(r), {
        error: `Invalid connector file in ${file}:\n✖ Invalid input`,
        code: 'SCHEMA_INVALID',
        hints: [{ message: `Fix the schema/data structure errors in ${file}` }],
      });

      p.write('base44/connectors/bad.jsonc', '{ "type": "slack", ');
      r = await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: api.url });
      assert.deepEqual(failed(r), {
        error: `File contains invalid JSON: ${file} (JSON5: invalid end of input at 1:20)`,
        code: 'CONFIG_INVALID',
        hints: [{ message: `Check the file at ${file} for syntax errors` }],
      });

      p.write('base44/connectors/bad.jsonc', '{ "type": "slack" }');
      p.write('base44/connectors/slack2.json', '{ type: "slack", scopes: [] }');
      r = await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: api.url });
      assert.deepEqual(failed(r), {
        error: 'Duplicate connector type "slack"',
        code: 'INVALID_INPUT',
        hints: [{ message: 'Remove duplicate connectors with type "slack" - only one connector per type is allowed' }],
      });
      assert.equal(api.requests.length, 0, api.calls().join(', '));
    });

    it('--app-id without a project reads ./connectors (or --dir)', async () => {
      fresh();
      const dir = realpathSync(mkdtempSync(join(tmpdir(), 'b44-noproj-')));
      dirs.push(dir);
      const r = await runCli(['connectors', 'push', '--yes', '--json', '--app-id', 'other-app'], {
        cwd: dir,
        apiUrl: api.url,
      });
      assert.deepEqual(ok(r), { results: [], oauth: {} });
      assert.ok(api.requests.every((q) => q.pathname.startsWith('/api/apps/other-app/')));
    });
  });

  describe('connectors pull --json', () => {
    it('writes new types as <type>.jsonc, rewrites changed files as plain JSON, deletes local-only types', async () => {
      fresh();
      api.state.connectors.set('slack', { status: 'active', scopes: ['chat:write', 'channels:read'] });
      api.state.connectors.set('gmail', { status: 'disconnected', scopes: [] });
      api.state.connectors.set('notion', { status: 'active', scopes: [] });
      api.state.stripe = { mode: 'live', claimUrl: null };
      const p = project({
        'base44/connectors/slack.jsonc': '// mine\n{ "type": "slack", "scopes": ["chat:write"] }',
        'base44/connectors/notion.jsonc': '// kept as is\n{ type: "notion", scopes: [], }',
        'base44/connectors/hubspot.json': '{ "type": "hubspot" }',
      });
      const json = ok(await runCli(['connectors', 'pull', '--json'], { cwd: p.root, apiUrl: api.url }));
      const { written, ...rest } = json;
      assert.deepEqual(rest, { connectorsDir: p.path('base44/connectors'), pulled: 4, deleted: ['hubspot'] });
      assert.deepEqual([...written].sort(), ['gmail', 'slack', 'stripe']);
      assert.deepEqual(p.list('base44/connectors'), ['gmail.jsonc', 'notion.jsonc', 'slack.jsonc', 'stripe.jsonc']);
      assert.equal(
        p.read('base44/connectors/slack.jsonc'),
        '{\n  "type": "slack",\n  "scopes": [\n    "chat:write",\n    "channels:read"\n  ]\n}',
      );
      assert.equal(p.read('base44/connectors/notion.jsonc'), '// kept as is\n{ type: "notion", scopes: [], }');
      assert.equal(p.read('base44/connectors/stripe.jsonc'), '{\n  "type": "stripe",\n  "scopes": []\n}');
      assert.deepEqual(api.calls().sort(), ['GET external-auth/list', 'GET payments/stripe/status']);
    });

    it('--dir <tmp> --app-id <id> previews the remote set without touching the project', async () => {
      fresh();
      api.state.connectors.set('slack', { status: 'active', scopes: ['a'] });
      const p = project({ 'base44/connectors/gmail.jsonc': '{ "type": "gmail" }' });
      const preview = join(realpathSync(mkdtempSync(join(tmpdir(), 'b44-preview-'))), 'nested', 'dir');
      dirs.push(preview);
      const json = ok(
        await runCli(['connectors', 'pull', '--dir', preview, '--app-id', 'test-app-id', '--json'], {
          cwd: p.root,
          apiUrl: api.url,
        }),
      );
      assert.deepEqual(json, { connectorsDir: preview, pulled: 1, written: ['slack'], deleted: [] });
      assert.deepEqual(readdirSync(preview), ['slack.jsonc']);
      assert.equal(
        readFileSync(join(preview, 'slack.jsonc'), 'utf8'),
        '{\n  "type": "slack",\n  "scopes": [\n    "a"\n  ]\n}',
      );
      assert.deepEqual(p.list('base44/connectors'), ['gmail.jsonc']);
    });

    it('unreachable server: API_ERROR', async () => {
      const p = project({});
      const r = await runCli(['connectors', 'pull', '--json'], { cwd: p.root, apiUrl: UNREACHABLE });
      const e = failed(r);
      // list and stripe status run in parallel; either may fail first.
      assert.match(e.error, /^Error (listing connectors|checking Stripe integration status): fetch failed$/);
      assert.deepEqual({ ...e, error: undefined }, { error: undefined, code: 'API_ERROR', hints: NETWORK_HINT });
    });
  });

  describe('connectors initiate --json', () => {
    /** `connectors initiate --integration-type <type> [...args] --json` in a new project, against the fake API. */
    const initiate = (type: string, ...args: string[]) =>
      runCli(['connectors', 'initiate', '--integration-type', type, ...args, '--json'], {
        cwd: project({}).root,
        apiUrl: api.url,
      });

    it('needs OAuth: redirectUrl + connectionId; scopes as separate args', async () => {
      fresh();
      const json = ok(await initiate('googledrive', '--scopes', 'a', 'b'));
      const cid = [...api.state.pendingOAuth.keys()][0];
      assert.deepEqual(json, {
        integrationType: 'googledrive',
        alreadyAuthorized: false,
        redirectUrl: `${api.url}/fake-oauth/googledrive?connection_id=${cid}`,
        connectionId: cid,
      });
      assert.deepEqual(api.calls(), ['PUT external-auth/integrations/googledrive']);
      assert.deepEqual(api.requests[0].body, { scopes: ['a', 'b'] });
      // The CLI never polls in --json mode; the caller polls/opens the URL.
      const page = await fetch(json.redirectUrl);
      assert.equal(page.status, 200);
      assert.equal(api.state.connectors.get('googledrive')?.status, 'active');
    });

    it('comma-separated scopes are split; already authorized -> alreadyAuthorized true, nulls', async () => {
      fresh();
      api.state.connectors.set('slack', { status: 'active', scopes: ['chat:write', 'x'] });
      const json = ok(await initiate('slack', '--scopes', 'chat:write,x'));
      assert.deepEqual(json, {
        integrationType: 'slack',
        alreadyAuthorized: true,
        redirectUrl: null,
        connectionId: null,
      });
      assert.deepEqual(api.requests[0].body, { scopes: ['chat:write', 'x'] });
    });

    it('no --scopes sends []', async () => {
      fresh();
      ok(await initiate('notion'));
      assert.deepEqual(api.requests[0].body, { scopes: [] });
    });

    it('different_user: INVALID_INPUT error naming the other user', async () => {
      fresh();
      api.state.putBehaviour.set('gmail', 'different_user');
      const r = await initiate('gmail');
      assert.deepEqual(failed(r), {
        error: 'Could not initiate gmail: different_user (already authorized by other@example.com)',
        code: 'INVALID_INPUT',
      });
    });

    it('an invalid type is rejected locally', async () => {
      fresh();
      const r = await initiate('Bad Type');
      assert.deepEqual(failed(r), {
        error: 'A valid --integration-type is required (e.g. googlecalendar, gmail, slack).',
        code: 'INVALID_INPUT',
      });
      assert.equal(api.requests.length, 0);
    });

    it('works with --app-id and no project', async () => {
      fresh();
      const dir = realpathSync(mkdtempSync(join(tmpdir(), 'b44-noproj-')));
      dirs.push(dir);
      ok(
        await runCli(['connectors', 'initiate', '--app-id', 'app-42', '--integration-type', 'slack', '--json'], {
          cwd: dir,
          apiUrl: api.url,
        }),
      );
      assert.deepEqual(
        api.requests.map((q) => q.pathname),
        ['/api/apps/app-42/external-auth/integrations/slack'],
      );
    });
  });

  describe('connectors list-available --json', () => {
    it('camelCases the wire format', async () => {
      fresh();
      const p = project({});
      const json = ok(await runCli(['connectors', 'list-available', '--json'], { cwd: p.root, apiUrl: api.url }));
      assert.deepEqual(
        json.integrations.map((i: any) => i.integrationType),
        ['googlecalendar', 'slack', 'zendesk'],
      );
      assert.deepEqual(json.integrations[2], {
        integrationType: 'zendesk',
        displayName: 'Zendesk',
        description: 'Support tickets',
        connectionConfigFields: [
          {
            name: 'subdomain',
            displayName: 'Subdomain',
            description: 'Your Zendesk subdomain',
            placeholder: 'mycompany',
            required: true,
            validationPattern: '^[a-z0-9-]+$',
            validationError: 'Only lowercase letters, digits and dashes',
          },
        ],
      });
      assert.deepEqual(json.integrations[0], {
        integrationType: 'googlecalendar',
        displayName: 'Google Calendar',
        description: 'Read and manage calendar events',
        connectionConfigFields: [],
      });
      assert.deepEqual(api.calls(), ['GET external-auth/available-integrations']);
    });
  });

  describe('whoami --json (no HTTP call)', () => {
    it('logged in via auth.json', async () => {
      fresh();
      const p = project({});
      const json = ok(await runCli(['whoami', '--json'], { cwd: p.root, apiUrl: api.url }));
      assert.deepEqual(json, { output: `Logged in as: ${FAKE_EMAIL}` });
      assert.equal(api.requests.length, 0);
    });
    it('workspace API key', async () => {
      fresh();
      const p = project({});
      const json = ok(await runCli(['whoami', '--json'], { cwd: p.root, apiUrl: api.url, apiKey: FAKE_API_KEY }));
      assert.deepEqual(json, { output: 'Using workspace API key: b44k_fake_' });
    });
  });

  describe('auth: 401, refresh, API key', () => {
    it('401 then a successful refresh: retried transparently, auth.json rewritten', async () => {
      fresh();
      api.state.auth.revokedTokens.add('fake-access-token');
      const h = home();
      const p = project({});
      ok(await runCli(['connectors', 'list-available', '--json'], { cwd: p.root, apiUrl: api.url, home: h }));
      assert.deepEqual(
        api.requests.map((r) => `${r.method} ${r.pathname} ${r.auth} ${r.outcome}`),
        [
          'GET /api/apps/test-app-id/external-auth/available-integrations bearer:fake-access-token 401',
          'POST /oauth/token none 200',
          'GET /api/apps/test-app-id/external-auth/available-integrations bearer:refreshed-access-token-1 200',
        ],
      );
      assert.deepEqual(api.requests[1].body, {
        grant_type: 'refresh_token',
        refresh_token: 'fake-refresh-token',
        client_id: 'base44_cli',
      });
      const auth = readAuthFile(h);
      assert.equal(auth.accessToken, 'refreshed-access-token-1');
      assert.equal(auth.refreshToken, 'refreshed-refresh-token-1');
    });

    it('401 and the refresh fails: API_ERROR 401, auth.json deleted (logged out)', async () => {
      fresh();
      api.expireLogin();
      const h = home();
      const p = project({});
      const r = await runCli(['connectors', 'list-available', '--json'], { cwd: p.root, apiUrl: api.url, home: h });
      assert.deepEqual(failed(r), {
        error: 'Error listing available integrations: Unauthorized',
        code: 'API_ERROR',
        hints: [{ message: 'Try logging in again', command: 'base44 login' }],
        statusCode: 401,
      });
      assert.deepEqual(api.calls(), ['GET external-auth/available-integrations', 'POST /oauth/token']);
      assert.equal(readAuthFile(h), undefined);
    });

    it('expired expiresAt: refreshed before the first request', async () => {
      fresh();
      const h = home({ expiresAt: Date.now() - 1000 });
      const p = project({});
      ok(await runCli(['connectors', 'list-available', '--json'], { cwd: p.root, apiUrl: api.url, home: h }));
      assert.deepEqual(
        api.requests.map((r) => `${r.method} ${r.pathname} ${r.auth}`),
        [
          'POST /oauth/token none',
          'GET /api/apps/test-app-id/external-auth/available-integrations bearer:refreshed-access-token-1',
        ],
      );
    });

    it('BASE44_API_KEY: sent as header api_key; a 401 is final (no refresh)', async () => {
      fresh();
      api.state.auth.apiKeys = new Set(['b44k_good']);
      const p = project({});
      ok(
        await runCli(['connectors', 'list-available', '--json'], { cwd: p.root, apiUrl: api.url, apiKey: 'b44k_good' }),
      );
      assert.equal(api.requests[0].auth, 'api_key:b44k_good');
      assert.equal(api.requests[0].headers.authorization, undefined);
      api.requests.length = 0;
      const r = await runCli(['connectors', 'list-available', '--json'], {
        cwd: p.root,
        apiUrl: api.url,
        apiKey: 'b44k_bad',
      });
      assert.deepEqual(failed(r), {
        error: 'Error listing available integrations: Unauthorized',
        code: 'API_ERROR',
        hints: [
          {
            message:
              'The workspace API key (BASE44_API_KEY) was rejected. Verify it is valid and authorized for this app.',
          },
        ],
        statusCode: 401,
      });
      assert.deepEqual(api.calls(), ['GET external-auth/available-integrations']);
    });
  });

  describe('server faults', () => {
    it('one 500 on a GET is retried away', async () => {
      fresh();
      api.failNext(500, { path: 'available-integrations' });
      const p = project({});
      ok(await runCli(['connectors', 'list-available', '--json'], { cwd: p.root, apiUrl: api.url }));
      assert.deepEqual(
        api.requests.map((r) => r.outcome),
        [500, 200],
      );
    });

    it('persistent 500: 3 attempts then API_ERROR with statusCode', async () => {
      fresh();
      api.failAlways({ status: 500, body: { message: 'Internal boom' } }, { path: 'external-auth/list' });
      const p = project({ 'base44/connectors/slack.jsonc': '{"type":"slack"}' });
      const r = await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: api.url });
      assert.deepEqual(failed(r), {
        error: 'Error listing connectors: Internal boom',
        code: 'API_ERROR',
        hints: NETWORK_HINT,
        statusCode: 500,
      });
      assert.equal(typeof r.json.requestId, 'string');
      assert.deepEqual(api.calls(), ['GET external-auth/list', 'GET external-auth/list', 'GET external-auth/list']);
    });

    it('403 is not retried; a {detail} body is used as message', async () => {
      fresh();
      api.failAlways({ status: 403, body: { detail: 'Not a collaborator' } }, { path: 'available-integrations' });
      const p = project({});
      const r = await runCli(['connectors', 'list-available', '--json'], { cwd: p.root, apiUrl: api.url });
      assert.deepEqual(failed(r), {
        error: 'Error listing available integrations: Not a collaborator',
        code: 'API_ERROR',
        hints: [{ message: "You don't have permission to perform this action" }],
        statusCode: 403,
      });
      assert.equal(api.requests.length, 1);
    });

    it('socket destroyed: fetch failed after retries', async () => {
      fresh();
      api.failAlways('close', { path: 'available-integrations' });
      const p = project({});
      const r = await runCli(['connectors', 'list-available', '--json'], { cwd: p.root, apiUrl: api.url });
      assert.deepEqual(failed(r), {
        error: 'Error listing available integrations: fetch failed',
        code: 'API_ERROR',
        hints: NETWORK_HINT,
      });
      assert.equal(api.requests.length, 3);
    });

    it('unreachable server on push: API_ERROR "Error listing connectors: fetch failed"', async () => {
      const p = project({ 'base44/connectors/slack.jsonc': '{"type":"slack"}' });
      const r = await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: UNREACHABLE });
      assert.deepEqual(failed(r), {
        error: 'Error listing connectors: fetch failed',
        code: 'API_ERROR',
        hints: NETWORK_HINT,
      });
    });

    it('a hanging server: ky times out after 10 s, no retry', { timeout: 30_000 }, async () => {
      fresh();
      api.failAlways('hang', { path: 'available-integrations' });
      const p = project({});
      const r = await runCli(['connectors', 'list-available', '--json'], {
        cwd: p.root,
        apiUrl: api.url,
        timeoutMs: 25_000,
      });
      assert.deepEqual(failed(r), {
        error: `Error listing available integrations: Request timed out: GET ${api.url}/api/apps/test-app-id/external-auth/available-integrations`,
        code: 'API_ERROR',
        hints: NETWORK_HINT,
      });
      assert.ok(r.durationMs >= 9_500, `took ${r.durationMs} ms`);
      assert.equal(api.requests.length, 1);
      api.clearFaults();
    });
  });

  describe('project discovery errors', () => {
    it('project without base44/.app.jsonc: CONFIG_INVALID', async () => {
      fresh();
      const p = project({}, { noAppLink: true });
      const r = await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.root, apiUrl: api.url });
      assert.deepEqual(failed(r), {
        error: "App not configured. Create a .app.jsonc file or run 'base44 link' to link this project.",
        code: 'CONFIG_INVALID',
        hints: [{ message: "Run 'base44 link' to link this project to a Base44 app", command: 'base44 link' }],
      });
    });

    it('no project and no --app-id: CONFIG_NOT_FOUND', async () => {
      fresh();
      const dir = realpathSync(mkdtempSync(join(tmpdir(), 'b44-noproj-')));
      dirs.push(dir);
      const r = await runCli(['connectors', 'push', '--yes', '--json'], { cwd: dir, apiUrl: api.url });
      const e = failed(r);
      assert.equal(e.code, 'CONFIG_NOT_FOUND');
      assert.equal(
        e.error,
        'No Base44 app ID found. Pass --app-id, set BASE44_APP_ID, or run this command from a linked project with base44/.app.jsonc.',
      );
    });

    it('runs from a subfolder of the project', async () => {
      fresh();
      const p = project({ 'base44/connectors/slack.jsonc': '{"type":"slack"}', 'src/deep/x.ts': '' });
      const json = ok(
        await runCli(['connectors', 'push', '--yes', '--json'], { cwd: p.path('src/deep'), apiUrl: api.url }),
      );
      assert.equal(json.results[0].type, 'slack');
    });
  });
});
