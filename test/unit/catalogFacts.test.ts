/**
 * The catalog facts beyond "documented or not" as users meet them in hovers and diagnostics: scopes left
 * out on purpose (Salesforce), the metered `x` connector (callApi), and a limit Base44 documents below the
 * provider's list (a synthetic type: no Base44 documentation of such a limit was found, see data/README.md).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver';
import { buildCatalog, catalog } from '../../server/src/catalog/catalog';
import type { ConnectorTypeInfo } from '../../server/src/catalog/types';
import type { FeatureContext } from '../../server/src/features/context';
import { doCodeActions } from '../../server/src/features/codeActions';
import { doHover } from '../../server/src/features/hover';
import { validateConnector } from '../../server/src/features/validation';
import { caret, connectorDoc, featureContext, FOLDER_URI } from '../support/caret';

function hoverText(marked: string, fileName: string, ctx: FeatureContext = featureContext([], fileName)): string {
  const { text, offset } = caret(marked);
  const doc = connectorDoc(text, fileName);
  const result = doHover(doc, doc.document.positionAt(offset), ctx);
  return (result?.contents as MarkupContent | undefined)?.value ?? '';
}

test('a Salesforce scope left out on purpose: a warning that says why, and the same reason on hover', () => {
  const text = '{ "type": "salesforce", "scopes": ["api", "forgot_password"] }';
  const diagnostics = validateConnector(connectorDoc(text, 'salesforce.jsonc'), featureContext([], 'salesforce.jsonc'));
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'unknown-scope');
  assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
  assert.match(
    diagnostics[0].message as string,
    /"forgot_password" is left out of the Salesforce scopes on purpose: Headless Forgot Password API/,
  );
  const hover = hoverText('{ "type": "salesforce", "scopes": ["forgot_pass|word"] }', 'salesforce.jsonc');
  assert.match(hover, /on purpose: Headless Forgot Password API/);
  assert.doesNotMatch(hover, /Not a documented scope/);
});

test('the HubSpot names this catalog used to offer: a warning with the right name as the quick fix', () => {
  const text = '{ "type": "hubspot", "scopes": ["business_units.view.read", "settings.users.team.write"] }';
  const doc = connectorDoc(text, 'hubspot.jsonc');
  const ctx = featureContext([], 'hubspot.jsonc');
  const diagnostics = validateConnector(doc, ctx);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.data]),
    [
      ['unknown-scope', DiagnosticSeverity.Warning, { replacements: ['business_units_view.read'] }],
      ['unknown-scope', DiagnosticSeverity.Warning, { replacements: ['settings.users.teams.write'] }],
    ],
  );
  assert.match(diagnostics[1].message as string, /a typo in HubSpot's scope table/);
  const fixes = doCodeActions(doc, diagnostics[0].range, [diagnostics[0]], ctx);
  assert.deepEqual(
    fixes.map((a) => a.title),
    ["Replace with 'business_units_view.read'"],
  );
  const hover = hoverText(
    '{ "type": "hubspot", "scopes": ["crm.objects.feedback_submission|.read"] }',
    'hubspot.jsonc',
  );
  assert.match(hover, /Use `crm\.objects\.feedback_submissions\.read` instead/);
});

test("a described Salesforce scope hovers with Salesforce's description, not a placeholder", () => {
  const hover = hoverText('{ "type": "salesforce", "scopes": ["chatbot|_api"] }', 'salesforce.jsonc');
  assert.match(hover, /Access chatbot services: the Einstein Bots API/);
});

test('the metered x connector: the type hover shows callApi(), not getConnection()', () => {
  const hover = hoverText('{ "type": "|x", "scopes": [] }', 'x.jsonc');
  assert.match(hover, /\*\*X\*\* \(`x`\)/);
  assert.match(hover, /connectors\.callApi\("x", \{ method: 'GET', path: '\/\.\.\.' \}\)/);
  assert.match(hover, /rejects with 403/);
  assert.doesNotMatch(hover, /getConnection\("x"\)/);
  // Other OAuth types keep the getConnection() sample.
  assert.match(hoverText('{ "type": "sl|ack", "scopes": [] }', 'slack.jsonc'), /getConnection\("slack"\)/);
});

test("x is a known type with X's scopes: no unknown-type warning, a typo gets a suggestion", () => {
  const text = '{ "type": "x", "scopes": ["tweet.read", "tweet.wirte"] }';
  const diagnostics = validateConnector(connectorDoc(text, 'x.jsonc'), featureContext([], 'x.jsonc'));
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['unknown-scope'],
  );
  assert.deepEqual(diagnostics[0].data, { replacements: ['tweet.write'] });
});

/** A Drive-like type whose Base44 limit allows only drive.file (as a Base44 design note would put it). */
function limitedContext(): FeatureContext {
  const drive = catalog.getType('googledrive') as ConnectorTypeInfo;
  const limited: ConnectorTypeInfo = {
    ...drive,
    base44Limit: {
      scopes: ['https://www.googleapis.com/auth/drive.file'],
      note: 'Base44 supports only drive.file for Google Drive.',
      source: 'https://docs.base44.com/example-limit',
    },
  };
  return {
    catalog: buildCatalog([limited]),
    folder: { fileName: 'googledrive.jsonc', folderUri: FOLDER_URI, siblings: [] },
  };
}

test('a scope beyond a limit Base44 documents: a warning offering the allowed scope, and the limit on hover', () => {
  const G = 'https://www.googleapis.com/auth/';
  const text = `{ "type": "googledrive", "scopes": ["${G}drive.file", "${G}drive.readonly"] }`;
  const diagnostics = validateConnector(connectorDoc(text, 'googledrive.jsonc'), limitedContext());
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['beyond-base44-limit'],
  );
  assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
  assert.match(
    diagnostics[0].message as string,
    /Base44 allows only ".*drive\.file" for Google Drive: Base44 supports only drive\.file/,
  );
  assert.deepEqual(diagnostics[0].data, undefined, 'drive.file is already listed: nothing to offer');
  const aloneDoc = connectorDoc(`{ "type": "googledrive", "scopes": ["${G}drive"] }`, 'googledrive.jsonc');
  const alone = validateConnector(aloneDoc, limitedContext());
  assert.deepEqual(alone[0].data, { replacements: [`${G}drive.file`] });
  const fixes = doCodeActions(aloneDoc, alone[0].range, alone, limitedContext());
  assert.deepEqual(
    fixes.map((a) => [a.title, a.isPreferred ?? false]),
    [
      [`Replace with '${G}drive.file'`, true],
      ['Remove scope', false],
    ],
  );

  const hover = hoverText(
    `{ "type": "googledrive", "scopes": ["${G}drive.read|only"] }`,
    'googledrive.jsonc',
    limitedContext(),
  );
  assert.match(hover, /Beyond Base44's limit:\*\* Base44 supports only drive\\?\.file/);
  assert.match(hover, /\(https:\/\/docs\.base44\.com\/example-limit\)/);
  const typeHover = hoverText('{ "type": "google|drive", "scopes": [] }', 'googledrive.jsonc', limitedContext());
  assert.match(typeHover, /\*\*Base44 limit:\*\* Base44 supports only drive\\?\.file/);
  // Inside the limit: no limit text.
  assert.doesNotMatch(
    hoverText(`{ "type": "googledrive", "scopes": ["${G}drive.fi|le"] }`, 'googledrive.jsonc', limitedContext()),
    /Beyond/,
  );
});

test("without a documented limit, Google Drive scopes are judged against Google's list only", () => {
  assert.equal(catalog.getType('googledrive')?.base44Limit, undefined);
  const text = '{ "type": "googledrive", "scopes": ["https://www.googleapis.com/auth/drive.readonly"] }';
  assert.deepEqual(
    validateConnector(connectorDoc(text, 'googledrive.jsonc'), featureContext([], 'googledrive.jsonc')),
    [],
  );
});
