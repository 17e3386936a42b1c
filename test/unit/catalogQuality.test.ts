import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../server/src/catalog/catalog';

/** Wording that marks a description somebody meant to fill in later. */
const PLACEHOLDER = /not captured|\b(todo|tbd|fixme|placeholder|lorem|unknown scope|n\/a)\b|\?\?/i;

test('every scope has a real description: no placeholder, not just its own name', () => {
  const bad: string[] = [];
  for (const t of catalog.types) {
    for (const s of t.scopes) {
      const d = s.description.trim();
      if (d.length < 6 || PLACEHOLDER.test(d) || d.toLowerCase() === s.scope.toLowerCase())
        bad.push(`${t.type} ${s.scope}: "${d}"`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the placeholder check catches the wording the catalog used to carry', () => {
  assert.match('Salesforce OAuth scope listed in scopes_supported (description not captured)', PLACEHOLDER);
  assert.match('TODO', PLACEHOLDER);
  assert.doesNotMatch('Retrieve single-use scheduling links (Shares)', PLACEHOLDER);
});

test('every type has a source with an https URL and a date it was last checked', () => {
  const today = new Date().toISOString().slice(0, 10);
  for (const t of catalog.types) {
    assert.ok(
      t.sources.some((s) => /https:\/\/\S+/.test(s)),
      `${t.type}: no source with an https URL`,
    );
    assert.match(t.checked, /^\d{4}-\d{2}-\d{2}$/, `${t.type}: checked`);
    assert.ok(!Number.isNaN(Date.parse(t.checked)) && t.checked <= today, `${t.type}: checked ${t.checked}`);
  }
});

test('scopes left out on purpose say why, and are really left out', () => {
  for (const t of catalog.types) {
    for (const o of t.omittedScopes ?? []) {
      assert.ok(o.reason.trim().length > 20, `${t.type} ${o.scope}: reason`);
      assert.equal(catalog.getScope(t.type, o.scope), undefined, `${t.type} ${o.scope} is both listed and omitted`);
      for (const r of o.replacement ?? [])
        assert.ok(catalog.getScope(t.type, r), `${t.type} ${o.scope}: replacement ${r}`);
    }
  }
  const omitted = (catalog.getType('salesforce')?.omittedScopes ?? []).map((o) => o.scope).sort();
  assert.deepEqual(omitted, ['forgot_password', 'lightning', 'pwdless_login_api', 'scrt_api', 'user_registration_api']);
});

test('a Base44 scope limit names scopes of its own type and says where Base44 documents it', () => {
  for (const t of catalog.types) {
    if (!t.base44Limit) continue;
    assert.ok(t.base44Limit.scopes.length > 0, t.type);
    for (const s of t.base44Limit.scopes) assert.ok(catalog.getScope(t.type, s), `${t.type}: limit scope ${s}`);
    assert.match(t.base44Limit.source, /^https:\/\//, `${t.type}: limit source`);
  }
});

test('reviewed scope names (issue 13): HubSpot, Calendly, Salesforce', () => {
  const has = (type: string, scope: string) => catalog.getScope(type, scope) !== undefined;
  assert.ok(has('hubspot', 'business_units_view.read'));
  assert.ok(!has('hubspot', 'business_units.view.read'));
  assert.ok(has('hubspot', 'settings.users.teams.write'));
  assert.ok(!has('hubspot', 'settings.users.team.write'));
  assert.ok(has('hubspot', 'crm.objects.feedback_submissions.read'));
  assert.ok(!has('hubspot', 'crm.objects.feedback_submission.read'));
  assert.ok(has('calendly', 'shares:read'));
  assert.deepEqual(catalog.impliedBy('calendly', 'shares:write'), ['shares:read']);
  assert.match(catalog.getScope('salesforce', 'chatbot_api')?.description ?? '', /chatbot/i);
});
