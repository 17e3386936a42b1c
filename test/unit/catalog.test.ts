import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog, catalog, loadCatalog } from '../../server/src/catalog/catalog';
import { editDistance } from '../../server/src/catalog/editDistance';
import type { ConnectorTypeInfo } from '../../server/src/catalog/types';

const G = 'https://www.googleapis.com/auth/';

const NEW_SDK_TYPES = [
  'bamboohr',
  'calendly',
  'contentful',
  'databricks',
  'gitlab',
  'googleads',
  'googlemeet',
  'googletasks',
  'hugging_face',
  'instagram',
  'quickbooks',
  'snowflake',
  'square',
  'supabase',
];
const SEED_TYPES = [
  'airtable',
  'box',
  'clickup',
  'discord',
  'dropbox',
  'github',
  'gmail',
  'google_analytics',
  'googlebigquery',
  'googlecalendar',
  'google_classroom',
  'googledocs',
  'googledrive',
  'google_search_console',
  'googlesheets',
  'googleslides',
  'hubspot',
  'linear',
  'linkedin',
  'microsoft_teams',
  'one_drive',
  'notion',
  'outlook',
  'salesforce',
  'share_point',
  'slack',
  'slackbot',
  'splitwise',
  'tiktok',
  'typeform',
  'wix',
  'wrike',
];

test('catalog has the 46 types of the newest SDK table plus stripe and the metered x', () => {
  const types = catalog.types.map((t) => t.type);
  assert.equal(new Set(types).size, types.length, 'no duplicate types');
  assert.deepEqual([...types].sort(), [...SEED_TYPES, ...NEW_SDK_TYPES, 'stripe', 'x'].sort());
  assert.equal(types.length, 48);
});

test('loadCatalog is memoized', () => {
  assert.equal(loadCatalog(), loadCatalog());
  assert.equal(loadCatalog(), catalog);
});

test('every type has a display name, a description, https docs and sources', () => {
  for (const t of catalog.types) {
    assert.ok(t.displayName.trim(), `${t.type} displayName`);
    assert.ok(t.description.trim().length > 20, `${t.type} description`);
    assert.match(t.docsUrl, /^https:\/\//, `${t.type} docsUrl`);
    if (t.base44DocsUrl) assert.match(t.base44DocsUrl, /^https:\/\//, `${t.type} base44DocsUrl`);
    assert.ok(t.sources.length > 0, `${t.type} sources`);
    assert.ok(['oauth', 'oauth-no-scopes', 'stripe-sandbox'].includes(t.auth), `${t.type} auth`);
    assert.ok(['url', 'word', 'none'].includes(t.scopeStyle), `${t.type} scopeStyle`);
  }
});

test('types without OAuth scopes list none', () => {
  for (const type of ['clickup', 'notion', 'splitwise', 'wix', 'supabase']) {
    const t = catalog.getType(type);
    assert.equal(t?.auth, 'oauth-no-scopes', type);
    assert.equal(t?.scopes.length, 0, type);
  }
  assert.equal(catalog.getType('stripe')?.auth, 'stripe-sandbox');
  assert.equal(catalog.getType('stripe')?.scopes.length, 0);
});

test('no duplicate scopes within a type; scope data is well formed', () => {
  for (const t of catalog.types) {
    const names = t.scopes.map((s) => s.scope);
    assert.equal(new Set(names).size, names.length, `${t.type} has duplicate scopes`);
    for (const s of t.scopes) {
      assert.ok(s.description.trim(), `${t.type} ${s.scope} description`);
      assert.ok(['restricted', 'sensitive', 'none', 'unknown'].includes(s.sensitivity), `${t.type} ${s.scope}`);
      if (s.pattern) assert.doesNotThrow(() => new RegExp(s.pattern as string));
    }
  }
});

test('every implies / replacement target exists in the same type', () => {
  for (const t of catalog.types) {
    const names = new Set(t.scopes.map((s) => s.scope));
    for (const s of t.scopes) {
      for (const target of s.implies ?? []) assert.ok(names.has(target), `${t.type}: ${s.scope} implies ${target}`);
      for (const target of s.deprecated?.replacement ?? []) {
        assert.ok(names.has(target), `${t.type}: ${s.scope} replaced by ${target}`);
      }
      assert.ok(!(s.implies ?? []).includes(s.scope), `${t.type}: ${s.scope} implies itself`);
    }
  }
});

test('Google scopes use full URLs except the documented exceptions', () => {
  for (const t of catalog.types.filter((x) => x.scopeStyle === 'url')) {
    for (const s of t.scopes) {
      const ok = s.scope.startsWith(G) || ['https://mail.google.com/', 'openid', 'email', 'profile'].includes(s.scope);
      assert.ok(ok, `${t.type} ${s.scope}`);
    }
  }
});

test('the catalog holds at least the 786 seed scopes', () => {
  const total = catalog.types.reduce((n, t) => n + t.scopes.length, 0);
  assert.ok(total >= 786, `total ${total}`);
});

test('known lookups', () => {
  assert.equal(catalog.getScope('gmail', `${G}gmail.readonly`)?.sensitivity, 'restricted');
  const bot = catalog.getScope('slack', 'chat:write:bot');
  assert.ok(bot?.deprecated, 'chat:write:bot is deprecated');
  assert.deepEqual(bot?.deprecated?.replacement, ['chat:write']);
  assert.deepEqual(catalog.getScope('linkedin', 'r_liteprofile')?.deprecated?.replacement, ['profile']);
  assert.ok(catalog.getScope('google_analytics', `${G}analytics.provision`)?.deprecated);
  assert.equal(catalog.getScope('gmail', 'not-a-scope'), undefined);
  assert.equal(catalog.getScope('no-such-type', `${G}gmail.readonly`), undefined);
  assert.equal(catalog.getType('Slack'), undefined, 'types are case-sensitive');
  assert.equal(catalog.getType('googlecalendar')?.displayName, 'Google Calendar');
  assert.equal(catalog.getType('instagram')?.displayName, 'Instagram Business');
});

test('SharePoint documents its subdomain connection config', () => {
  const field = catalog.getType('share_point')?.connectionConfig.find((f) => f.name === 'subdomain');
  assert.ok(field?.required);
  assert.equal(field?.validationPattern, '^[a-zA-Z0-9/_-]+$');
  assert.match('sites/mysite', new RegExp(field?.validationPattern as string));
});

test('new types carry researched scopes', () => {
  assert.ok(catalog.getScope('gitlab', 'read_api'));
  assert.ok(catalog.getScope('googleads', `${G}adwords`));
  assert.ok(catalog.getScope('googletasks', `${G}tasks.readonly`));
  assert.ok(catalog.getScope('googlemeet', `${G}meetings.space.created`));
  assert.ok(catalog.getScope('square', 'MERCHANT_PROFILE_READ'));
  assert.ok(catalog.getScope('quickbooks', 'com.intuit.quickbooks.accounting'));
  assert.ok(catalog.getScope('hugging_face', 'inference-api'));
  assert.ok(catalog.getScope('databricks', 'all-apis'));
  assert.ok(catalog.getScope('contentful', 'content_management_read'));
  assert.ok(catalog.getScope('calendly', 'scheduled_events:read'));
  assert.equal(
    catalog.getScope('instagram', 'business_basic')?.deprecated?.replacement?.[0],
    'instagram_business_basic',
  );
});

test('template scopes match by pattern (Snowflake roles)', () => {
  const role = catalog.getScope('snowflake', 'session:role:ANALYST');
  assert.equal(role?.scope, 'session:role:<role_name>');
  assert.ok(catalog.getScope('snowflake', 'refresh_token'));
  assert.equal(catalog.getScope('snowflake', 'session:role:'), undefined);
  assert.ok(catalog.typesWithScope('session:role:ANALYST').some((t) => t.type === 'snowflake'));
});

test('typesWithScope finds every type documenting a scope', () => {
  const types = catalog.typesWithScope(`${G}gmail.readonly`).map((t) => t.type);
  assert.ok(types.includes('gmail'));
  const drive = catalog.typesWithScope(`${G}drive.file`).map((t) => t.type);
  for (const t of ['googledrive', 'googlesheets', 'googledocs', 'googleslides']) assert.ok(drive.includes(t), t);
  assert.deepEqual(catalog.typesWithScope('no-such-scope'), []);
});

test('impliedBy is transitive', () => {
  const cal = catalog.impliedBy('googlecalendar', `${G}calendar`);
  assert.ok(cal.includes(`${G}calendar.readonly`));
  assert.ok(cal.includes(`${G}calendar.events`));
  assert.ok(cal.includes(`${G}calendar.events.readonly`));
  assert.ok(!cal.includes(`${G}calendar`));
  assert.deepEqual(catalog.impliedBy('googlecalendar', `${G}calendar.events`), [`${G}calendar.events.readonly`]);
  assert.deepEqual(catalog.impliedBy('googlecalendar', `${G}calendar.events.readonly`), []);
  const mail = catalog.impliedBy('gmail', 'https://mail.google.com/');
  assert.ok(mail.includes(`${G}gmail.readonly`) && mail.includes(`${G}gmail.metadata`));
  const repo = catalog.impliedBy('github', 'repo');
  assert.ok(repo.includes('public_repo'));
  assert.ok(catalog.impliedBy('github', 'admin:org').includes('read:org'));
  assert.ok(catalog.impliedBy('calendly', 'webhooks:write').includes('webhooks:read'));
  assert.deepEqual([...catalog.impliedBy('hugging_face', 'manage-repos')].sort(), ['read-repos', 'write-repos']);
  assert.deepEqual(catalog.impliedBy('nope', 'x'), []);
});

test('impliedBy is cycle-safe', () => {
  const s = (scope: string, implies: string[]) => ({
    scope,
    description: scope,
    sensitivity: 'unknown' as const,
    implies,
  });
  const fake: ConnectorTypeInfo = {
    type: 'x',
    displayName: 'X',
    description: 'A test type.',
    auth: 'oauth',
    scopeStyle: 'word',
    docsUrl: 'https://example.com',
    connectionConfig: [],
    sources: ['test'],
    checked: '2026-11-27',
    scopes: [s('a', ['b']), s('b', ['c']), s('c', ['a', 'b'])],
  };
  const c = buildCatalog([fake]);
  assert.deepEqual(c.impliedBy('x', 'a'), ['b', 'c']);
  assert.deepEqual(c.impliedBy('x', 'c'), ['a', 'b']);
});

test('suggestTypes finds misspelt types, best first', () => {
  assert.equal(catalog.suggestTypes('googlecalender')[0], 'googlecalendar');
  assert.ok(catalog.suggestTypes('slak').includes('slack'));
  assert.equal(catalog.suggestTypes('Slack')[0], 'slack');
  assert.equal(catalog.suggestTypes('google_calendar')[0], 'googlecalendar');
  assert.equal(catalog.suggestTypes('sharepoint')[0], 'share_point');
  assert.equal(catalog.suggestTypes('hugginface')[0], 'hugging_face');
  assert.equal(catalog.suggestTypes('gitlba')[0], 'gitlab');
  assert.ok(catalog.suggestTypes('onedrive').includes('one_drive'));
  assert.ok(catalog.suggestTypes('googlecalender').length <= 3);
  assert.equal(catalog.suggestTypes('googlecalender', 1).length, 1);
  assert.deepEqual(catalog.suggestTypes('zzzzzzzzzzzz'), []);
  assert.deepEqual(catalog.suggestTypes(''), []);
});

test('suggestScopes finds misspelt scopes of the type', () => {
  assert.equal(catalog.suggestScopes('googlecalendar', `${G}calender.readonly`)[0], `${G}calendar.readonly`);
  assert.equal(catalog.suggestScopes('googlecalendar', 'calendar.readonly')[0], `${G}calendar.readonly`);
  assert.equal(catalog.suggestScopes('googlecalendar', `${G}calendar.evnets`)[0], `${G}calendar.events`);
  assert.equal(catalog.suggestScopes('slack', 'chat:wrte')[0], 'chat:write');
  assert.equal(catalog.suggestScopes('github', 'Repo')[0], 'repo');
  assert.ok(catalog.suggestScopes('gmail', `${G}gmail.send`).includes(`${G}gmail.send`));
  assert.deepEqual(catalog.suggestScopes('notion', 'read'), []);
  assert.deepEqual(catalog.suggestScopes('no-such-type', 'read'), []);
  assert.deepEqual(catalog.suggestScopes('slack', 'qqqqqqqqqqqqqqqq'), []);
});

test('editDistance counts transpositions as one edit', () => {
  assert.equal(editDistance('slack', 'slack'), 0);
  assert.equal(editDistance('slak', 'slack'), 1);
  assert.equal(editDistance('gitlba', 'gitlab'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3);
});
