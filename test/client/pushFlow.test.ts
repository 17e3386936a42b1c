/** Push as the extension runs it: plan (no change anywhere), then the confirmed push, then its summary. */
import assert from 'node:assert/strict';
import { previewPush, pushPlanIsBlocked } from '../../client/src/sync/pushPlan';
import { summarizePush } from '../../client/src/sync/pushSummary';
import { cliTest, syncTarget } from './clientHarness';

const CAL = 'https://www.googleapis.com/auth/calendar.readonly';

cliTest(
  'push with a removal: the plan shows the removal before anything is pushed',
  {
    files: {
      'base44/connectors/slack.jsonc': '// team chat\n{ "type": "slack", "scopes": ["chat:write", "channels:read"] }\n',
      'base44/connectors/googlecalendar.jsonc': `{ type: 'googlecalendar', scopes: ['${CAL}'], }`,
    },
  },
  async (h, p) => {
    h.api.state.connectors.set('slack', { status: 'active', scopes: ['chat:write'] });
    h.api.state.connectors.set('hubspot', { status: 'active', scopes: ['crm.objects.contacts.read'] });
    const before = {
      slack: p.read('base44/connectors/slack.jsonc'),
      cal: p.read('base44/connectors/googlecalendar.jsonc'),
    };

    const plan = await previewPush(h.cli, syncTarget(p));
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.deepEqual(
      plan.value.plan.toRemove.map((c) => c.type),
      ['hubspot'],
    );
    assert.deepEqual(
      plan.value.plan.toAdd.map((c) => c.type),
      ['googlecalendar'],
    );
    assert.deepEqual(
      plan.value.plan.toUpdate.map((c) => [c.type, c.addedScopes, c.removedScopes]),
      [['slack', ['channels:read'], []]],
    );
    assert.equal(pushPlanIsBlocked(plan.value.plan), false);

    // Nothing changed anywhere while planning.
    assert.equal(h.api.requests.filter((r) => r.method !== 'GET').length, 0, h.api.calls().join('\n'));
    assert.equal(p.read('base44/connectors/slack.jsonc'), before.slack);
    assert.equal(p.read('base44/connectors/googlecalendar.jsonc'), before.cal);
    assert.deepEqual(p.list('base44/connectors'), ['googlecalendar.jsonc', 'slack.jsonc']);

    // Confirmed: the real push.
    const pushed = await h.cli.push(p.root);
    assert.ok(pushed.ok, JSON.stringify(pushed));
    const summary = summarizePush(pushed.value);
    assert.deepEqual(summary.removed, ['hubspot']);
    assert.deepEqual(summary.needsAuthorization.map((n) => n.type).sort(), ['googlecalendar', 'slack']);
    assert.ok(summary.needsAuthorization.every((n) => n.redirectUrl.startsWith(h.api.url)));
    assert.match(summary.headline, /1 removed/);
    assert.match(summary.headline, /2 need authorization/);
    assert.equal(h.api.state.connectors.has('hubspot'), false);
  },
);

cliTest(
  'push: synced, needs OAuth, failed (different user) and Stripe in one summary',
  {
    files: {
      'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }',
      'base44/connectors/gmail.jsonc': '{ "type": "gmail", "scopes": ["https://www.googleapis.com/auth/gmail.send"] }',
      'base44/connectors/notion.jsonc': '{ "type": "notion" }',
      'base44/connectors/stripe.jsonc': '{ "type": "stripe" }',
    },
  },
  async (h, p) => {
    h.api.state.connectors.set('slack', { status: 'active', scopes: ['chat:write'] });
    h.api.state.putBehaviour.set('notion', 'different_user');
    h.api.state.otherUserEmail = 'bob@example.com';
    const pushed = await h.cli.push(p.root);
    assert.ok(pushed.ok, JSON.stringify(pushed));
    const s = summarizePush(pushed.value);
    assert.deepEqual(s.synced, ['slack']);
    assert.deepEqual(
      s.needsAuthorization.map((n) => n.type),
      ['gmail'],
    );
    assert.match(s.needsAuthorization[0].redirectUrl, /fake-oauth\/gmail/);
    assert.deepEqual(
      s.failed.map((f) => f.type),
      ['notion'],
    );
    assert.match(s.failed[0].error, /bob@example\.com/);
    assert.deepEqual(
      s.provisioned.map((x) => x.type),
      ['stripe'],
    );
    assert.equal(s.ok, false);
  },
);

// Same shape as 'an unreadable Bad.Jsonc ...' in connectorFiles.test.ts (a cliTest case planning a push): a test table.
cliTest(
  'push plan refuses invalid files before asking the CLI to push',
  {
    files: {
      'base44/connectors/slack.jsonc': '{ "type": "slack", scopes: [ }',
      'base44/connectors/a.json': '{ "type": "gmail" }',
      'base44/connectors/b.json': '{ "type": "gmail" }',
    },
  },
  async (h, p) => {
    const plan = await previewPush(h.cli, syncTarget(p));
    assert.ok(plan.ok);
    assert.equal(pushPlanIsBlocked(plan.value.plan), true);
    assert.deepEqual(
      plan.value.plan.invalidFiles.map((f) => f.file),
      [p.path('base44/connectors/slack.jsonc')],
    );
    assert.deepEqual(plan.value.plan.duplicateTypes, ['gmail']);
  },
);

cliTest(
  'push plan with the server unreachable fails with retry and no local change',
  { harness: { apiUrl: 'http://127.0.0.1:9' }, files: { 'base44/connectors/slack.jsonc': '{ "type": "slack" }' } },
  async (h, p) => {
    const plan = await previewPush(h.cli, syncTarget(p));
    assert.equal(!plan.ok && plan.error.kind, 'network');
    assert.equal(p.read('base44/connectors/slack.jsonc'), '{ "type": "slack" }');
  },
);
