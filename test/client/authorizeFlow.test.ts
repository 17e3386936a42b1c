/**
 * Authorize and Push's follow-up, as the extension runs them (its real commands on the fake `vscode`
 * module), driving the REAL base44 CLI against the PESSIMISTIC fake Base44 API: every PUT on a connector
 * that is not authorized issues a new connection and invalidates the earlier ones; only the connection the
 * user completes turns active. The "user" is scripted: they complete consent on the page that was opened
 * (or copied), click buttons, cancel, or do nothing.
 */
import { vscodeState, resetVscode, type Shown } from '../hardening/fakeVscode';
import { beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { authorizeCommand, CHECK_NOW, OPEN_NEW_LINK } from '../../client/src/commands/authorize';
import type { ConnectorsCli } from '../../client/src/cli/connectorsCli';
import { describeConnectorState } from '../../client/src/sync/authorizationState';
import { authorizeTest, CAL, connectionIn, isWait } from './authorizeHarness';

beforeEach(() => resetVscode());

/**
 * What the extension did before: initiate, open, then initiate again every interval until authorized (here
 * bounded by a number of checks instead of 120 s, so the test does not depend on the machine's speed).
 */
async function legacyPolling(
  cli: ConnectorsCli,
  root: string,
  type: string,
  scopes: string[],
  o: { intervalMs: number; checks: number; onLink(url: string): void },
) {
  const first = await cli.initiate(root, type, scopes);
  assert.ok(first.ok && first.value.redirectUrl);
  o.onLink(first.value.redirectUrl);
  for (let i = 0; i < o.checks; i++) {
    await new Promise((r) => setTimeout(r, o.intervalMs));
    const again = await cli.initiate(root, type, scopes);
    if (again.ok && again.value.alreadyAuthorized) return 'authorized';
  }
  return 'gaveUp';
}

authorizeTest(
  'pessimistic API: the old re-initiating wait never sees the consent the user gave; the new flow does, with one check',
  async (h) => {
    // Old: the user is on the page of the first link; by the time they approve, a re-initiate superseded it.
    let link = '';
    const old = legacyPolling(h.cli, h.p.root, 'googlecalendar', [CAL], {
      intervalMs: 300,
      checks: 3,
      onLink: (u) => (link = u),
    });
    while (h.puts('googlecalendar') < 2) await new Promise((r) => setTimeout(r, 50));
    assert.equal(h.api.completeConsent(connectionIn(link)), false, 'the page the user had open was superseded');
    assert.equal(await old, 'gaveUp');
    assert.notEqual(h.api.state.connectors.get('googlecalendar')?.status, 'active');
    assert.equal(h.puts('googlecalendar'), 4, 'the old wait kept creating connections');
    assert.equal(
      h.api.connectionsOf('googlecalendar').filter((c) => c.status === 'PENDING').length,
      1,
      'only the newest one is completable',
    );

    // New: one initiate, the user approves the page that was opened, clicks "I've Finished", one check.
    h.api.reset();
    vscodeState.answer = (m) => {
      if (!isWait(m)) return undefined;
      assert.equal(
        h.api.completeConsent(connectionIn(vscodeState.opened.at(-1))),
        true,
        'the opened page is still valid',
      );
      return "I've Finished";
    };
    const outcome = await authorizeCommand(h.services, h.connector('googlecalendar'));
    assert.equal(outcome, 'authorized', JSON.stringify(vscodeState.shown));
    assert.equal(h.api.state.connectors.get('googlecalendar')?.status, 'active');
    assert.deepEqual(h.api.state.connectors.get('googlecalendar')?.scopes, [CAL]);
    assert.equal(h.puts('googlecalendar'), 2, 'one initiate to start, one check after "I\'ve Finished"');
    assert.equal(h.api.requestsTo('external-auth/status').length, 0);
    assert.ok(vscodeState.shown.some((m) => m.level === 'info' && /googlecalendar is authorized/.test(m.message)));
    const fact = h.services.projects.authorizationOf(h.project, 'googlecalendar');
    assert.equal(fact?.status, 'authorized');
  },
);

authorizeTest(
  "PUTs per Authorize: 1 when already authorized, 1 when cancelled, 2 with the user's explicit check — none while waiting",
  async (h) => {
    // Already authorized with these scopes: one initiate says so.
    h.api.state.connectors.set('googlecalendar', { status: 'active', scopes: [CAL], user_email: 'dev@example.com' });
    assert.equal(await authorizeCommand(h.services, h.connector('googlecalendar')), 'authorized');
    assert.equal(h.puts('googlecalendar'), 1);
    assert.ok(vscodeState.shown.some((m) => /already authorized with these scopes/.test(m.message)));
    assert.equal(vscodeState.opened.length, 0);

    // Not authorized; the user clicks "I've Finished" WITHOUT finishing: one check, "not yet", a new link
    // offered, and nothing more unless they ask.
    h.api.reset();
    vscodeState.shown.length = 0;
    let waitStarted = 0;
    vscodeState.answer = async (m) => {
      if (!isWait(m)) return undefined; // dismisses "not authorized yet"
      waitStarted = h.puts('googlecalendar');
      await new Promise((r) => setTimeout(r, 1500)); // the user takes a while: nothing is sent meanwhile
      assert.equal(h.puts('googlecalendar'), waitStarted);
      return "I've Finished";
    };
    assert.equal(await authorizeCommand(h.services, h.connector('googlecalendar')), 'notYet');
    assert.equal(waitStarted, 1);
    assert.equal(h.puts('googlecalendar'), 2);
    const notYet = vscodeState.shown.find((m) => /not authorized yet/.test(m.message));
    assert.ok(notYet, JSON.stringify(vscodeState.shown));
    assert.ok(notYet.buttons.includes(OPEN_NEW_LINK));
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(h.puts('googlecalendar'), 2, 'no automatic PUT afterwards');
    assert.equal(h.services.projects.authorizationOf(h.project, 'googlecalendar')?.status, 'notAuthorized');

    // "Open New Link": the new page is opened and the user finishes there; their next click checks once more.
    h.api.reset();
    vscodeState.opened.length = 0;
    let waits = 0;
    vscodeState.answer = (m) => {
      if (/not authorized yet/.test(m.message)) return OPEN_NEW_LINK;
      if (!isWait(m)) return undefined;
      if (++waits === 2) assert.equal(h.api.completeConsent(connectionIn(vscodeState.opened.at(-1))), true);
      return "I've Finished";
    };
    assert.equal(await authorizeCommand(h.services, h.connector('googlecalendar')), 'authorized');
    assert.equal(vscodeState.opened.length, 2);
    assert.equal(h.puts('googlecalendar'), 3, 'start, first check, second check: each after a click');
  },
);

authorizeTest('cancel: the Cancel button of the wait ends it at once, with nothing more sent', async (h) => {
  let cancelledAt = 0;
  vscodeState.answer = (m) => {
    if (isWait(m)) {
      setTimeout(() => {
        cancelledAt = Date.now();
        vscodeState.progress.find((p) => /Waiting for authorization of googlecalendar/.test(p.title))?.cancel();
      }, 200);
      return new Promise(() => undefined); // the user never clicks the message
    }
    return undefined;
  };
  assert.equal(await authorizeCommand(h.services, h.connector('googlecalendar')), 'cancelled');
  assert.ok(cancelledAt > 0 && Date.now() - cancelledAt < 2_000, `ended ${Date.now() - cancelledAt} ms after Cancel`);
  assert.equal(h.puts('googlecalendar'), 1);
  assert.ok(vscodeState.shown.some((m) => /stopped waiting for googlecalendar; nothing more was sent/.test(m.message)));
  assert.equal(h.services.projects.authorizationOf(h.project, 'googlecalendar')?.status, 'notAuthorized');
});

authorizeTest('timeout: the wait ends after base44.authorize.timeoutSeconds; "Check Now" checks once', async (h) => {
  vscodeState.config.set('base44.authorize.timeoutSeconds', { defaultValue: 120, globalValue: 10 });
  let waitShownAt = 0;
  let timedOutAfter = 0;
  vscodeState.answer = (m) => {
    if (isWait(m)) {
      waitShownAt = Date.now();
      // The user approves in the browser but never comes back to click.
      h.api.completeConsent(connectionIn(vscodeState.opened.at(-1)));
      return new Promise(() => undefined);
    }
    if (m.buttons.includes(CHECK_NOW)) {
      timedOutAfter = Date.now() - waitShownAt;
      return CHECK_NOW;
    }
    return undefined;
  };
  assert.equal(await authorizeCommand(h.services, h.connector('googlecalendar')), 'authorized');
  assert.ok(timedOutAfter >= 9_900 && timedOutAfter < 12_000, `timed out after ${timedOutAfter} ms`);
  const timedOut = vscodeState.shown.find((m) => m.buttons.includes(CHECK_NOW));
  assert.match(timedOut?.message ?? '', /stopped waiting for googlecalendar after 10 seconds/);
  assert.equal(h.puts('googlecalendar'), 2);
});

authorizeTest(
  'different_user: the outcome is "failed" naming who authorized it, and the tree knows',
  async (h) => {
    h.api.state.putBehaviour.set('notion', 'different_user');
    h.api.state.otherUserEmail = 'bob@example.com';
    assert.equal(await authorizeCommand(h.services, h.connector('notion')), 'failed');
    assert.equal(h.puts('notion'), 1);
    assert.ok(
      vscodeState.shown.some((m) => m.level === 'error' && /bob@example\.com/.test(m.message)),
      JSON.stringify(vscodeState.shown),
    );
    assert.equal(vscodeState.opened.length, 0);
    const fact = h.services.projects.authorizationOf(h.project, 'notion');
    assert.equal(fact?.status, 'differentUser');
    assert.equal(fact?.otherUser, 'bob@example.com');
    const view = describeConnectorState({ type: 'notion', scopes: [] }, {}, fact, () => '14:02');
    assert.equal(view.text, 'authorized by bob@example.com');
  },
  { 'base44/connectors/notion.jsonc': '{ "type": "notion" }' },
);

authorizeTest('browser does not open: the wait says so and offers Copy Link; the copied link works', async (h) => {
  vscodeState.openExternalResult = false;
  const waits: Shown[] = [];
  vscodeState.answer = async (m) => {
    if (!isWait(m)) return undefined;
    waits.push(m);
    if (waits.length === 1) return 'Copy Link';
    // The user pastes the copied link into a browser and approves there.
    const page = await fetch(vscodeState.clipboard.at(-1)!);
    assert.equal(page.status, 200);
    return "I've Finished";
  };
  assert.equal(await authorizeCommand(h.services, h.connector('googlecalendar')), 'authorized');
  assert.equal(waits[0].level, 'warning');
  assert.match(waits[0].message, /could not open the browser for googlecalendar/);
  assert.match(waits[1].message, /copied/);
  assert.equal(vscodeState.clipboard.length, 1);
  assert.equal(connectionIn(vscodeState.clipboard[0]), h.api.connectionsOf('googlecalendar')[0].connectionId);
  assert.equal(h.puts('googlecalendar'), 2);
  assert.equal(h.api.state.connectors.get('googlecalendar')?.status, 'active');
});
