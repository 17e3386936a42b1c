import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupKind, type MarkupContent } from 'vscode-languageserver';
import { doHover } from '../../server/src/features/hover';
import { caret, connectorDoc, featureContext } from '../support/caret';

function hover(marked: string) {
  const { text, offset } = caret(marked);
  const doc = connectorDoc(text);
  const result = doHover(doc, doc.document.positionAt(offset), featureContext());
  if (!result) return undefined;
  const contents = result.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.Markdown);
  const range = result.range!;
  return {
    value: contents.value,
    covered: text.slice(doc.document.offsetAt(range.start), doc.document.offsetAt(range.end)),
  };
}

test('type value: name, auth model, code sample and links; range = the string token', () => {
  const h = hover('{ "type": "googlecal|endar", "scopes": [] }')!;
  assert.equal(h.covered, '"googlecalendar"');
  assert.ok(h.value.startsWith('**Google Calendar** (`googlecalendar`)'), h.value);
  assert.match(h.value, /OAuth with scopes/);
  assert.match(
    h.value,
    /```js\nconst \{ accessToken \} = await base44\.asServiceRole\.connectors\.getConnection\("googlecalendar"\);\n```/,
  );
  assert.match(h.value, /\]\(https:\/\/developers\.google\.com\/workspace\/calendar\/api\/auth\)/);
  assert.match(h.value, /\[Base44 documentation\]\(https:\/\/docs\.base44\.com\//);
});

test('type with connection config lists its fields', () => {
  const h = hover("{ type: 'share_p|oint' }")!;
  assert.equal(h.covered, "'share_point'");
  assert.match(h.value, /\| `subdomain` \| SharePoint Site \| yes \|/);
  assert.match(h.value, /const \{ accessToken, connectionConfig \} =/);
});

test('stripe and notion explain their auth model', () => {
  const stripe = hover('{ "type": "str|ipe" }')!.value;
  assert.match(stripe, /Stripe sandbox/);
  assert.match(stripe, /Stripe REST API/);
  assert.doesNotMatch(stripe, /getConnection\("stripe"\)/);
  assert.match(hover('{ "type": "no|tion" }')!.value, /permissions chosen in the provider's settings/);
});

test('custom type: accepted by the CLI, not in the catalog', () => {
  const h = hover('{ "type": "my_serv|ice" }')!;
  assert.match(h.value, /custom type/);
  assert.match(h.value, /\^\[a-z0-9_-\]\+\$/);
  const invalid = hover('{ "type": "my serv|ice" }')!;
  assert.match(invalid.value, /Not a valid connector type/);
  assert.match(hover('{ "type": "Sla|ck" }')!.value, /case-sensitive: did you mean `slack`/);
});

test('restricted Gmail scope mentions verification and the security assessment', () => {
  const h = hover('{ "type": "gmail", "scopes": ["https://www.googleapis.com/auth/gmail.read|only"] }')!;
  assert.equal(h.covered, '"https://www.googleapis.com/auth/gmail.readonly"');
  assert.match(h.value, /Restricted scope/);
  assert.match(h.value, /verification/);
  assert.match(h.value, /security assessment/);
  assert.match(
    h.value,
    /\[Gmail scope documentation\]\(https:\/\/developers\.google\.com\/workspace\/gmail\/api\/auth\/scopes\)/,
  );
});

test('scope: implied scopes and deprecation', () => {
  const cal = hover('{ "type": "googlecalendar", "scopes": ["https://www.googleapis.com/auth/calen|dar"] }')!.value;
  assert.match(cal, /Also grants: .*calendar\.readonly/);
  const slack = hover("{ type: 'slack', scopes: ['chat:write:b|ot'] }")!.value;
  assert.match(slack, /\*\*Deprecated:\*\*/);
  assert.match(slack, /Use `chat:write` instead/);
});

test('scope of another type: undocumented here, belongs to Gmail', () => {
  const h = hover('{ "type": "googledrive", "scopes": ["https://www.googleapis.com/auth/gmail.se|nd"] }')!.value;
  assert.match(h, /Not a documented scope of Google Drive \(`googledrive`\)/);
  assert.match(h, /This scope belongs to Gmail \(`gmail`\)/);
});

test('undocumented scope with no owner says so', () => {
  const h = hover('{ "type": "googlecalendar", "scopes": ["calendar.nope|"] }')!.value;
  assert.match(h, /Not a documented scope of Google Calendar/);
  assert.doesNotMatch(h, /belongs to/);
});

test('keys: the field reference', () => {
  const type = hover('{ "ty|pe": "slack" }')!;
  assert.equal(type.covered, '"type"');
  assert.match(type.value, /required/);
  assert.match(type.value, /only be defined once/);
  assert.match(type.value, /JSON5/);
  const scopes = hover('{ "type": "slack", sco|pes: [] }')!;
  assert.equal(scopes.covered, 'scopes');
  assert.match(scopes.value, /OAuth scopes/);
  assert.match(scopes.value, /`\[\]`/);
  assert.match(hover('{ "type": "slack", "na|me": 1 }')!.value, /ignores it/);
});

test('no hover on punctuation, nested values or non-strings', () => {
  assert.equal(hover('{| "type": "slack" }'), undefined);
  assert.equal(hover('{ "type": "slack", "x": { "type": "sl|ack" } }'), undefined);
  assert.equal(hover('{ "type": 4|2 }'), undefined);
});

test('hostile values are escaped: no links, images or HTML from the file', () => {
  const type = hover('{ "type": "[click](https://evil.example)<img src=x onerror=alert(1)>|" }')!.value;
  const typeSpan = '`[click](https://evil.example)<img src=x onerror=alert(1)>`';
  assert.ok(type.startsWith(typeSpan), type);
  assert.doesNotMatch(type.replace(typeSpan, ''), /evil|<img/);
  const scope = hover('{ "type": "slack", "scopes": ["![x](https://evil.example/a.png) <b>hi</b> ``|`"] }')!.value;
  // The value sits in a code span fenced with more backticks than it contains, and nowhere else.
  const span = '```` ![x](https://evil.example/a.png) <b>hi</b> ``` ````';
  assert.ok(scope.includes(span), scope);
  assert.doesNotMatch(scope.replace(span, ''), /evil|<b>/);
});
