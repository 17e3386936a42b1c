/**
 * Push's follow-up for `needs_oauth` connectors (one after another, like the CLI) and what the Connectors
 * tree can honestly say about each connector's remote state, against the pessimistic fake Base44 API.
 */
import { vscodeState, resetVscode } from '../hardening/fakeVscode';
import { beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { authorizeCommand } from '../../client/src/commands/authorize';
import type { Services } from '../../client/src/commands/common';
import { pushCommand } from '../../client/src/commands/push';
import { ProjectsModel } from '../../client/src/projects';
import { describeConnectorState } from '../../client/src/sync/authorizationState';
import { fetchRemoteConnectors } from '../../client/src/sync/pushPlan';
import { authorizeTest, isWait } from './authorizeHarness';

beforeEach(() => resetVscode());

authorizeTest(
  'push with two needs_oauth connectors walks both, each with the link push got and one check',
  async (h) => {
    vscodeState.answer = async (m) => {
      if (m.modal) return m.buttons[0];
      if (m.buttons.includes('Authorize All…')) return 'Authorize All…';
      if (isWait(m)) {
        const page = await fetch(vscodeState.opened.at(-1)!);
        assert.equal(page.status, 200, 'the link push gave is still valid');
        return "I've Finished";
      }
      return undefined;
    };
    await pushCommand(h.services, { project: h.project });
    assert.equal(vscodeState.opened.length, 2, JSON.stringify(vscodeState.shown, null, 1));
    assert.deepEqual(vscodeState.opened.map((u) => new URL(u).pathname).sort(), [
      '/fake-oauth/gmail',
      '/fake-oauth/slack',
    ]);
    for (const type of ['gmail', 'slack']) {
      assert.equal(h.api.state.connectors.get(type)?.status, 'active', type);
      assert.equal(h.puts(type), 2, `${type}: the push, then one check`);
      assert.equal(h.services.projects.authorizationOf(h.project, type)?.status, 'authorized');
    }
    assert.ok(vscodeState.progress.length === 0);
    const waits = vscodeState.shown.filter(isWait);
    assert.equal(waits.length, 2);
    assert.ok(
      vscodeState.shown.some((m) => /authorized: (gmail, slack|slack, gmail)\./.test(m.message)),
      JSON.stringify(vscodeState.shown),
    );
  },
  {
    'base44/connectors/gmail.jsonc': '{ "type": "gmail", "scopes": ["https://www.googleapis.com/auth/gmail.send"] }',
    'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }',
  },
);

authorizeTest(
  'push walk: cancelling the first connector still offers the second',
  async (h) => {
    let waits = 0;
    vscodeState.answer = async (m) => {
      if (m.modal) return m.buttons[0];
      if (m.buttons.includes('Authorize All…')) return 'Authorize All…';
      if (isWait(m)) {
        if (++waits === 1) return undefined; // closes the first message: skip
        await fetch(vscodeState.opened.at(-1)!);
        return "I've Finished";
      }
      return undefined;
    };
    await pushCommand(h.services, { project: h.project });
    assert.equal(vscodeState.opened.length, 2);
    const [first, second] = vscodeState.opened.map((u) => new URL(u).pathname.split('/').pop()!);
    assert.notEqual(h.api.state.connectors.get(first)?.status, 'active');
    assert.equal(h.api.state.connectors.get(second)?.status, 'active');
    assert.equal(h.puts(first), 1, 'skipped: no check');
    assert.equal(h.puts(second), 2);
    assert.ok(
      vscodeState.shown.some((m) => m.message.includes(`not authorized yet: ${first}`)),
      JSON.stringify(vscodeState.shown),
    );
  },
  {
    'base44/connectors/gmail.jsonc': '{ "type": "gmail", "scopes": ["https://www.googleapis.com/auth/gmail.send"] }',
    'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }',
  },
);

authorizeTest(
  'tree: a remote that expires between two refreshes is not reported as freshly authorized; one click finds out',
  async (h) => {
    // The real model the tree reads (no language server here: the project is passed in).
    const model = new ProjectsModel(new Promise(() => undefined));
    Object.defineProperty(model, 'isLoaded', { value: true });
    const services = { ...h.services, projects: model } as Services;
    const project = h.project;
    const state = () =>
      describeConnectorState(
        { type: 'slack', scopes: ['chat:write'] },
        model.remoteOf(project),
        model.authorizationOf(project, 'slack'),
        (ms) => `t${ms}`,
      );
    const refresh = async () => {
      const r = await fetchRemoteConnectors(h.cli, h.p.root, 'test-app-id');
      assert.ok(r.ok, JSON.stringify(r));
      model.setRemoteConnectors(project, r.value);
    };

    assert.equal(state().text, 'remote state unknown');
    h.api.state.connectors.set('slack', { status: 'active', scopes: ['chat:write'], user_email: 'dev@example.com' });
    await refresh();
    assert.equal(state().text, 'on Base44 · authorization unknown', 'a refresh alone cannot see the status');

    assert.equal(await authorizeCommand(services, h.connector('slack')), 'authorized');
    const at = model.authorizationOf(project, 'slack')!.at;
    await refresh();
    assert.equal(state().text, `authorized by you at t${at}`);
    assert.equal(state().unusable, false);

    // Between two refreshes the token expires on Base44. The refresh (read-only) cannot see it: the tree
    // keeps saying WHEN it was known authorized and that the live status is not reported.
    h.api.state.connectors.get('slack')!.status = 'expired';
    const putsBefore = h.puts('slack');
    await refresh();
    assert.equal(h.puts('slack'), putsBefore, 'refresh sends no PUT');
    assert.equal(state().text, `authorized by you at t${at}`);
    assert.match(state().tooltip, /does not report the live status \(expired, disconnected\)/);

    // One click on Authorize: Base44 asks for consent again; the user closes the wait.
    vscodeState.answer = () => undefined;
    assert.equal(await authorizeCommand(services, h.connector('slack')), 'cancelled');
    assert.equal(h.puts('slack'), putsBefore + 1);
    assert.match(state().text, /^not authorized/);
    assert.equal(state().icon, 'key');
    assert.equal(state().unusable, true);

    // Someone changes the scopes on Base44: the next refresh shows the file and Base44 disagree.
    h.api.state.connectors.set('slack', {
      status: 'active',
      scopes: ['chat:write', 'channels:read'],
      user_email: 'eve@example.com',
    });
    await refresh();
    assert.equal(state().text, 'scopes on Base44 differ');
    assert.equal(state().unusable, true);
    assert.match(state().tooltip, /channels:read/);

    // And removed from Base44: "local only".
    h.api.state.connectors.delete('slack');
    await refresh();
    assert.equal(state().text, 'local only');
    model.dispose();
  },
  { 'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }' },
);
