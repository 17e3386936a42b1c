import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../server/src/catalog/catalog';
import { parseConnectorTypesDts, readSdkConnectorTypes } from '../support/sdkConnectorTable';

/** The SDK version the catalog was reviewed against (package.json pins it exactly). */
const PINNED_SDK = '0.8.50';

/** Types of a connector table the catalog lacks, in table order. */
function missingFromCatalog(types: readonly string[]): string[] {
  return types.filter((type) => catalog.getType(type) === undefined);
}

test('the pinned @base44/sdk is the one the catalog was reviewed against', () => {
  assert.equal(
    readSdkConnectorTypes().version,
    PINNED_SDK,
    'bumped the SDK? review the catalog, then update PINNED_SDK',
  );
});

test('every type of the SDK "Available connectors" table is in the catalog, with its display name', () => {
  const sdk = readSdkConnectorTypes();
  assert.ok(sdk.tableTypes.length >= 46, `parsed only ${sdk.tableTypes.length} rows: did the table format change?`);
  const missing = missingFromCatalog(sdk.tableTypes.map((row) => row.type));
  assert.deepEqual(missing, [], `@base44/sdk ${sdk.version} lists types the catalog lacks: ${missing.join(', ')}`);
  for (const row of sdk.tableTypes) assert.equal(catalog.getType(row.type)?.displayName, row.service, row.type);
});

test('stripe is in the catalog although the SDK table does not list it', () => {
  const sdk = readSdkConnectorTypes();
  assert.ok(!sdk.tableTypes.some((row) => row.type === 'stripe'));
  assert.equal(catalog.getType('stripe')?.auth, 'stripe-sandbox');
});

test('every type the SDK calls through callApi() is in the catalog as a metered connector', () => {
  const sdk = readSdkConnectorTypes();
  assert.deepEqual(sdk.meteredExampleTypes, ['x']);
  for (const type of sdk.meteredExampleTypes) assert.equal(catalog.getType(type)?.metered, true, type);
  // And only those: a metered flag nobody documents would hide getConnection() from a hover.
  const metered = catalog.types.filter((t) => t.metered).map((t) => t.type);
  assert.deepEqual(metered, sdk.meteredExampleTypes);
});

test('an SDK whose table adds a type fails, naming the type', () => {
  const dts = [
    '/**',
    ' * ## Available connectors',
    ' *',
    ' * | Service | Type identifier |',
    ' * |---|---|',
    ' * | Slack Bot | `slackbot` |',
    ' * | Zendesk | `zendesk` |',
    ' *',
    ' * See the integration guides.',
    ' * @example',
    " * await base44.asServiceRole.connectors.callApi('x', { path: '/2/tweets' });",
    ' */',
  ].join('\n');
  const parsed = parseConnectorTypesDts(dts);
  assert.deepEqual(parsed.tableTypes, [
    { service: 'Slack Bot', type: 'slackbot' },
    { service: 'Zendesk', type: 'zendesk' },
  ]);
  assert.deepEqual(parsed.meteredExampleTypes, ['x']);
  assert.deepEqual(missingFromCatalog(parsed.tableTypes.map((row) => row.type)), ['zendesk']);
});

test('a d.ts without the table is an error, not an empty (passing) list', () => {
  assert.throws(() => parseConnectorTypesDts('export interface ConnectorsModule {}'), /Available connectors/);
  assert.throws(() => parseConnectorTypesDts('/**\n * ## Available connectors\n *\n * none yet\n */'), /no rows/);
});
