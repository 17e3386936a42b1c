/**
 * Reads the connector types the pinned `@base44/sdk` (a devDependency) publishes: the "Available connectors"
 * table of `dist/modules/connectors.types.d.ts` and the types its `callApi()` examples use (metered
 * connectors). Tests compare them with the catalog, so an SDK bump that adds a type fails naming it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SdkConnectorTypes {
  readonly version: string;
  /** `| Service | \`type\` |` rows of the "Available connectors" table, in table order. */
  readonly tableTypes: readonly { readonly service: string; readonly type: string }[];
  /** Types passed to `callApi('<type>', ...)` in the JSDoc examples. */
  readonly meteredExampleTypes: readonly string[];
}

/** The installed `@base44/sdk` package folder (resolved like any dependency, never a copy in the repo). */
export function sdkPackageDir(): string {
  return dirname(require.resolve('@base44/sdk/package.json'));
}

export function readSdkConnectorTypes(dir = sdkPackageDir()): SdkConnectorTypes {
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const dts = readFileSync(join(dir, 'dist', 'modules', 'connectors.types.d.ts'), 'utf8');
  return { version, ...parseConnectorTypesDts(dts) };
}

/** Parses the text of `connectors.types.d.ts`; throws when the table cannot be found (the format moved). */
export function parseConnectorTypesDts(dts: string): Omit<SdkConnectorTypes, 'version'> {
  const lines = dts.split(/\r?\n/).map((line) => line.replace(/^\s*\*\s?/, ''));
  const heading = lines.findIndex((line) => /^#+\s*Available connectors\s*$/.test(line));
  if (heading < 0) throw new Error('connectors.types.d.ts has no "Available connectors" section');
  const tableTypes: { service: string; type: string }[] = [];
  let inTable = false;
  for (const line of lines.slice(heading + 1)) {
    if (/^#+\s/.test(line)) break; // the next section
    const row = /^\|\s*([^|]+?)\s*\|\s*`([^`]+)`\s*\|\s*$/.exec(line);
    if (row) {
      tableTypes.push({ service: row[1], type: row[2] });
      inTable = true;
    } else if (inTable && !line.startsWith('|')) {
      break; // the table ended
    }
  }
  if (tableTypes.length === 0) throw new Error('connectors.types.d.ts: the "Available connectors" table has no rows');
  const meteredExampleTypes = [...new Set([...dts.matchAll(/\.callApi\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1]))];
  return { tableTypes, meteredExampleTypes };
}
