/** The client's CLI wrappers against the REAL base44 CLI and the fake Base44 API. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAppId } from '../../client/src/cli/connectorsCli';
import { isSafeRedirectUrl } from '../../client/src/cli/authorization';
import { cliTest } from './clientHarness';

cliTest('initiate: already authorized', {}, async (h, p) => {
  h.api.state.putBehaviour.set('slack', 'authorized');
  const r = await h.cli.initiate(p.root, 'slack', ['chat:write']);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.alreadyAuthorized, true);
  assert.equal(r.value.redirectUrl, null);
  assert.deepEqual(h.api.requestsTo('integrations/slack', 'PUT')[0].body, { scopes: ['chat:write'] });
});

cliTest('initiate: a redirect to the provider page, with the scopes sent once', {}, async (h, p) => {
  const scopes = ['https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/calendar.events'];
  const r = await h.cli.initiate(p.root, 'googlecalendar', scopes);
  assert.ok(r.ok);
  assert.equal(r.value.alreadyAuthorized, false);
  assert.ok(r.value.redirectUrl && isSafeRedirectUrl(r.value.redirectUrl));
  assert.equal(r.value.connectionId, h.api.connectionsOf('googlecalendar')[0].connectionId);
  assert.deepEqual(
    h.api.requestsTo('integrations/googlecalendar', 'PUT').map((x) => x.body),
    [{ scopes }],
  );
});

cliTest('initiate: different_user names the other account', {}, async (h, p) => {
  h.api.state.putBehaviour.set('notion', 'different_user');
  h.api.state.otherUserEmail = 'alice@example.com';
  const r = await h.cli.initiate(p.root, 'notion', []);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.kind, 'differentUser');
  assert.equal(r.error.otherUser, 'alice@example.com');
  assert.match(r.error.message, /alice@example\.com/);
});

cliTest('option-like or malformed values never reach the CLI', {}, async (h, p) => {
  for (const [type, scopes] of [
    ['--app-id', []],
    ['slack', ['--dir=/etc']],
    ['slack', ['a\nb']],
    ['slack', ['a,b']],
    ['sl ack', []],
    ['-x', []],
  ] as [string, string[]][]) {
    const r = await h.cli.initiate(p.root, type, scopes);
    assert.equal(!r.ok && r.error.kind, 'invalidArgument', `${type} ${scopes}`);
  }
  assert.equal(h.records.length, 0, 'the CLI was never started');
});

cliTest('HTTP 401 (session expired) → log in', {}, async (h, p) => {
  h.api.expireLogin();
  const r = await h.cli.listAvailable(p.root);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.kind, 'notLoggedIn');
  assert.deepEqual([...r.error.nextSteps], ['logIn']);
  assert.match(r.error.message, /log in/i);
});

cliTest('not logged in at all: the CLI login prompt is cut short', { harness: { loggedIn: false } }, async (h, p) => {
  const started = Date.now();
  const r = await h.cli.push(p.root);
  assert.equal(!r.ok && r.error.kind, 'notLoggedIn');
  assert.ok(Date.now() - started < 15_000);
  assert.equal(h.api.requestsTo('external-auth').length, 0);
});

cliTest('HTTP 500 → server error with retry', {}, async (h, p) => {
  h.api.failAlways(500, { path: 'available-integrations' });
  const r = await h.cli.listAvailable(p.root);
  assert.equal(!r.ok && r.error.kind, 'serverError');
  assert.ok(!r.ok && r.error.nextSteps.includes('retry'));
  assert.match(!r.ok ? r.error.message : '', /HTTP 500/);
});

cliTest(
  'server unreachable → network error with retry',
  {
    harness: { apiUrl: 'http://127.0.0.1:9' },
    files: { 'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": [] }' },
  },
  async (h, p) => {
    const r = await h.cli.push(p.root);
    assert.equal(!r.ok && r.error.kind, 'network');
    assert.deepEqual(!r.ok && [...r.error.nextSteps], ['retry', 'showOutput']);
  },
);

for (const [problem, text] of [
  ['a schema error', '{ "type": "slack", "scopes": "chat:write" }'],
  ['a JSON5 syntax error', '{ type: "slack", scopes: [ }'],
]) {
  cliTest(
    `an invalid connector file (${problem}) names the file and offers to open it`,
    { files: { 'base44/connectors/slack.jsonc': text } },
    async (h, p) => {
      const r = await h.cli.push(p.root);
      assert.equal(!r.ok && r.error.kind, 'invalidConnectorFile');
      assert.equal(!r.ok && r.error.file, p.path('base44/connectors/slack.jsonc'));
      assert.ok(!r.ok && r.error.nextSteps.includes('openFile'));
      assert.equal(h.api.requestsTo('integrations', 'PUT').length, 0);
    },
  );
}

cliTest(
  'duplicate types are explained',
  {
    files: {
      'base44/connectors/slack.jsonc': '{ "type": "slack" }',
      'base44/connectors/slack2.json': '{ "type": "slack" }',
    },
  },
  async (h, p) => {
    const dup = await h.cli.push(p.root);
    assert.equal(!dup.ok && dup.error.kind, 'duplicateType');
    assert.match(!dup.ok ? dup.error.message : '', /"slack"/);
  },
);

cliTest('whoami and list-available', {}, async (h, p) => {
  const who = await h.cli.whoami(p.root);
  assert.deepEqual(who, { ok: true, value: 'dev@example.com' });
  const avail = await h.cli.listAvailable(p.root);
  assert.ok(avail.ok);
  assert.deepEqual(
    avail.value.map((a) => a.integrationType),
    ['googlecalendar', 'slack', 'zendesk'],
  );
  assert.equal(await readAppId(p.root), 'test-app-id');
});

cliTest('log lines carry arguments, duration and exit status, with secrets redacted', {}, async (h, p) => {
  await h.cli.initiate(p.root, 'slack', ['chat:write']);
  assert.equal(h.logLines.length, 1);
  assert.match(
    h.logLines[0],
    /connectors initiate --json --integration-type slack --scopes chat:write → ok \(exit 0, \d+ ms\)/,
  );
  assert.doesNotMatch(h.logLines.join('\n'), /fake-access-token|fake-refresh-token/);
});

test('redirect URLs: only https, or http on loopback', () => {
  assert.equal(isSafeRedirectUrl('https://accounts.google.com/o/oauth2/auth?x=1'), true);
  assert.equal(isSafeRedirectUrl('http://127.0.0.1:5555/fake-oauth/slack'), true);
  assert.equal(isSafeRedirectUrl('http://localhost/x'), true);
  assert.equal(isSafeRedirectUrl('http://evil.example.com/x'), false);
  assert.equal(isSafeRedirectUrl('javascript:alert(1)'), false);
  assert.equal(isSafeRedirectUrl('file:///etc/passwd'), false);
  assert.equal(isSafeRedirectUrl('https://user:pw@example.com/'), false);
  assert.equal(isSafeRedirectUrl('not a url'), false);
});
