/** What the tree says about a connector's authorization: the latest word wins, and every claim has a time. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthorizationFact,
  describeConnectorState,
  describeRemoteOnly,
} from '../../client/src/sync/authorizationState';

const t = (ms: number) => `t${ms}`;
const file = { type: 'slack', scopes: ['chat:write'] };
const fact = (
  status: AuthorizationFact['status'],
  at: number,
  extra: Partial<AuthorizationFact> = {},
): AuthorizationFact => ({
  status,
  at,
  via: 'push',
  scopes: ['chat:write'],
  ...extra,
});

test('nothing known: says so, and how to learn more', () => {
  const v = describeConnectorState(file, {}, undefined, t);
  assert.equal(v.text, 'remote state unknown');
  assert.match(v.tooltip, /Refresh/);
  assert.equal(v.unusable, false);
});

test('a push answer newer than the remote list wins; an older one is overruled by a list that contradicts it', () => {
  const listWithout = { connectors: [], seenAt: 100 };
  assert.equal(
    describeConnectorState(file, listWithout, fact('notAuthorized', 200), t).text,
    'pushed, not yet authorized',
  );
  assert.equal(describeConnectorState(file, listWithout, fact('authorized', 50), t).text, 'local only');
  const listOther = { connectors: [{ type: 'slack', scopes: ['chat:write', 'channels:read'] }], seenAt: 300 };
  const differs = describeConnectorState(file, listOther, fact('authorized', 200), t);
  assert.equal(differs.text, 'scopes on Base44 differ');
  assert.equal(differs.unusable, true);
  assert.equal(differs.icon, 'warning');
  assert.match(differs.tooltip, /as of t300/);
});

test("a fact about other scopes (the file was edited since) is not shown as the file's state", () => {
  const list = { connectors: [{ type: 'slack', scopes: ['chat:write'] }], seenAt: 100 };
  const v = describeConnectorState(file, list, fact('authorized', 200, { scopes: ['chat:write', 'users:read'] }), t);
  assert.equal(v.text, 'on Base44 · authorization unknown');
  assert.equal(
    describeConnectorState(file, {}, fact('authorized', 200, { scopes: [] }), t).text,
    'remote state unknown',
  );
});

test('each fact names its time and source; unusable ones ask for Authorize', () => {
  const authorized = describeConnectorState(file, {}, fact('authorized', 5, { via: 'authorize' }), t);
  assert.equal(authorized.text, 'authorized by you at t5');
  assert.match(authorized.tooltip, /Authorize at t5/);
  assert.equal(authorized.unusable, false);
  const notYet = describeConnectorState(file, {}, fact('notAuthorized', 6, { via: 'authorize' }), t);
  assert.equal(notYet.text, 'not authorized (t6)');
  assert.equal(notYet.unusable, true);
  assert.equal(notYet.icon, 'key');
  const failed = describeConnectorState(file, {}, fact('failed', 7, { reason: 'Base44 said no' }), t);
  assert.equal(failed.unusable, true);
  assert.match(failed.tooltip, /Base44 said no/);
  const other = describeConnectorState(file, {}, fact('differentUser', 8, { otherUser: 'bob@example.com' }), t);
  assert.equal(other.text, 'authorized by bob@example.com');
  assert.equal(other.unusable, false);
});

test('remote-only rows say when they were seen and what is known of their authorization', () => {
  assert.equal(
    describeRemoteOnly({ connectors: [], seenAt: 9 }, undefined, t),
    'remote only (as of t9) · authorization unknown',
  );
  assert.equal(
    describeRemoteOnly({ connectors: [], seenAt: 9 }, fact('authorized', 3), t),
    'remote only (as of t9) · authorized by you at t3',
  );
});
