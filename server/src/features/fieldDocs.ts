/**
 * Words shared by hover and completion: the connector file's field reference (from the Base44 docs page
 * "Shared connectors" and the CLI 0.1.18 schema) and the plain-language descriptions of catalog facts.
 */
import type { AuthModel, ConnectorTypeInfo, ScopeInfo } from '../catalog/types';

export const TYPE_FIELD_DOC = [
  '**`type`** · string · required',
  '',
  'The integration type identifier, e.g. `googlecalendar` or `slack`. Each connector type can only be defined once in the project: ' +
    'two files with the same `type` make `base44 connectors push` stop with *Duplicate connector type*.',
  '',
  'The CLI also accepts a custom type matching `^[a-z0-9_-]+$`. `connectors pull` names the file `<type>.jsonc`.',
].join('\n');

export const SCOPES_FIELD_DOC = [
  '**`scopes`** · array of strings',
  '',
  'The OAuth scopes the integration needs. They depend on the service and on what your backend functions do with it; ' +
    '`connectors push` asks the provider for exactly these when you authorize.',
  '',
  'When omitted, the CLI uses `[]`. Connectors whose permissions are chosen in the provider (Notion) or that use no OAuth (Stripe) ignore it.',
].join('\n');

/** Said once in key hovers: facts about the file format as the CLI reads it. */
export const FILE_FORMAT_NOTE =
  'Connector files are read with JSON5 (comments, trailing commas, single quotes and unquoted keys are fine). Keys other than `type` and `scopes` are ignored.';

/** The auth model in words (hover). */
export function authModelText(auth: AuthModel): string {
  switch (auth) {
    case 'oauth':
      return "OAuth with scopes: the `scopes` listed here are requested on the provider's consent screen when you authorize with `base44 connectors push`.";
    case 'oauth-no-scopes':
      return "OAuth, permissions chosen in the provider's settings when you authorize: no scopes (`scopes` is ignored, leave it empty).";
    case 'stripe-sandbox':
      return 'No OAuth: `base44 connectors push` provisions a Stripe sandbox for the app and returns a claim URL to finish onboarding. No scopes.';
  }
}

/** Google classifies its scopes (sensitive / restricted); other providers' wording is their own. */
function isGoogle(info: ConnectorTypeInfo | undefined): boolean {
  return info?.scopeStyle === 'url';
}

/** What the sensitivity means for the app, in a sentence (hover), or undefined when unknown. */
export function sensitivityText(scope: ScopeInfo, info: ConnectorTypeInfo | undefined): string | undefined {
  const google = isGoogle(info);
  switch (scope.sensitivity) {
    case 'restricted':
      return google
        ? '**Restricted scope**: Google requires app verification and a yearly third-party security assessment (CASA) before users outside your organization can grant it.'
        : '**Restricted scope**: the provider reviews the app before it may request it.';
    case 'sensitive':
      return google
        ? '**Sensitive scope**: Google requires app verification before users outside your organization can grant it.'
        : '**Sensitive scope**: the provider may require approval before the app can request it.';
    case 'none':
      return google ? 'Non-sensitive scope: no Google verification needed.' : undefined;
    default:
      return undefined;
  }
}

/** The sensitivity in a few words (completion details), or '' when there is nothing to say. */
export function sensitivityShort(scope: ScopeInfo, info: ConnectorTypeInfo | undefined): string {
  switch (scope.sensitivity) {
    case 'restricted':
      return isGoogle(info) ? 'restricted — needs Google app verification' : 'restricted';
    case 'sensitive':
      return isGoogle(info) ? 'sensitive — needs Google app verification' : 'sensitive';
    case 'none':
      return isGoogle(info) ? 'non-sensitive' : '';
    default:
      return '';
  }
}

/** Google-style URL scopes are long; this is the part people recognise ("calendar.readonly"). */
export const GOOGLE_SCOPE_PREFIX = 'https://www.googleapis.com/auth/';

export function shortScopeName(scope: string): string | undefined {
  return scope.startsWith(GOOGLE_SCOPE_PREFIX) && scope.length > GOOGLE_SCOPE_PREFIX.length
    ? scope.slice(GOOGLE_SCOPE_PREFIX.length)
    : undefined;
}
