/**
 * Catalog facts beyond "documented or not" that hover and validation both state: scopes the catalog leaves
 * out on purpose (with the reason), limits Base44 documents below the provider's scope list, and metered
 * connectors, which backend functions call through `callApi()` instead of `getConnection()`.
 */
import type { ConnectorTypeInfo, OmittedScope } from '../catalog/types';

/** The provider documents this scope, but the catalog leaves it out on purpose. */
export function omittedScope(info: ConnectorTypeInfo, scope: string): OmittedScope | undefined {
  return info.omittedScopes?.find((o) => o.scope === scope);
}

/** True when Base44 documents a narrower scope set for the type and `scope` is outside it. */
export function isBeyondBase44Limit(info: ConnectorTypeInfo, scope: string): boolean {
  return info.base44Limit !== undefined && !info.base44Limit.scopes.includes(scope);
}

/** How a backend function calls a metered connector (SDK `ConnectorsModule.callApi`). */
export function meteredUsageSample(info: ConnectorTypeInfo): string {
  return [
    'A **metered** connector: Base44 keeps the token (`getConnection()` rejects with 403) and bills each call in ' +
      'integration credits. In a backend function:',
    '```js',
    `const res = await base44.asServiceRole.connectors.callApi(${JSON.stringify(info.type)}, { method: 'GET', path: '/...' });`,
    '```',
  ].join('\n');
}
