/** Typed view of the connector catalog (`data/catalog.json`). Data lives in JSON; this file only describes it. */

/** How a connector authenticates, which decides whether `scopes` mean anything. */
export type AuthModel =
  /** OAuth 2.0: `scopes` are sent to the provider's consent screen. */
  | 'oauth'
  /** OAuth whose permissions are chosen in the provider's app settings, not by scopes (e.g. Notion). */
  | 'oauth-no-scopes'
  /** Base44 provisions a Stripe sandbox; no OAuth, no scopes. */
  | 'stripe-sandbox';

type Sensitivity = 'restricted' | 'sensitive' | 'none' | 'unknown';

export interface ScopeInfo {
  readonly scope: string;
  readonly description: string;
  /**
   * Set when `scope` is a template rather than a literal (e.g. Snowflake `session:role:<role_name>`):
   * a regular expression (full match) that the concrete scopes match.
   */
  readonly pattern?: string;
  readonly sensitivity: Sensitivity;
  /** Set when the provider deprecates the scope; `replacement` names what to use instead, if any. */
  readonly deprecated?: { readonly note: string; readonly replacement?: readonly string[] };
  /** Scopes this one already grants (listing both is redundant). */
  readonly implies?: readonly string[];
  /** Provider-specific facts worth showing on hover (e.g. "admin consent required", "Enterprise tier"). */
  readonly notes?: readonly string[];
}

interface ConnectionConfigField {
  readonly name: string;
  readonly displayName: string;
  readonly description?: string;
  readonly placeholder?: string;
  readonly required: boolean;
  readonly validationPattern?: string;
  readonly validationError?: string;
}

/**
 * A scope name the catalog leaves out on purpose (see `data/README.md`): one the provider documents but that
 * is not meant for a connector, or a known misspelling (then with its `replacement`).
 */
export interface OmittedScope {
  readonly scope: string;
  /** Why a connector file should not list it (e.g. "for hybrid mobile apps"). */
  readonly reason: string;
  /** The documented scope to use instead, when the name is a known misspelling. */
  readonly replacement?: readonly string[];
}

/** Where Base44 itself documents that it allows fewer scopes than the provider does. */
interface Base44ScopeLimit {
  /** The only scopes Base44 allows for this type. */
  readonly scopes: readonly string[];
  /** The limit in Base44's words, shown in hovers and diagnostics. */
  readonly note: string;
  /** Where Base44 documents it. */
  readonly source: string;
}

export interface ConnectorTypeInfo {
  /** The `type` value, e.g. "googlecalendar". */
  readonly type: string;
  /** e.g. "Google Calendar". */
  readonly displayName: string;
  /** One sentence: what the service is and what a connector to it lets a backend function do. */
  readonly description: string;
  readonly auth: AuthModel;
  /** "url" (Google-style full URLs), "word" (slack-style names) or "none". */
  readonly scopeStyle: 'url' | 'word' | 'none';
  /** The provider's scope / permission documentation. */
  readonly docsUrl: string;
  /** Where Base44 documents the connector, when it does. */
  readonly base44DocsUrl?: string;
  /**
   * `partial` when `scopes` is only a documented subset of what the provider accepts (e.g. a selection of
   * Microsoft Graph permissions, or none listed yet), so a scope missing from it is not necessarily wrong.
   * Absent means the list is the provider's complete set.
   */
  readonly scopeCoverage?: 'complete' | 'partial';
  /** Extra values `getConnection()` returns in `connectionConfig` (e.g. SharePoint `subdomain`). */
  readonly connectionConfig: readonly ConnectionConfigField[];
  readonly scopes: readonly ScopeInfo[];
  /** Where the facts come from (each type has at least one https URL among them). */
  readonly sources: readonly string[];
  /** When `sources` were last checked against the provider and Base44 (YYYY-MM-DD). */
  readonly checked: string;
  /**
   * Metered connector (SDK "Metered connectors"): Base44 keeps the token and bills each call, so backend
   * functions call it with `connectors.callApi(type, request)`; `getConnection()` rejects with 403.
   */
  readonly metered?: boolean;
  /** Scopes the provider documents that the catalog leaves out on purpose, with the reason. */
  readonly omittedScopes?: readonly OmittedScope[];
  /** Set only where Base44 documents allowing fewer scopes than the provider. */
  readonly base44Limit?: Base44ScopeLimit;
  readonly notes?: string;
}

/** The narrow interface every feature uses; nothing outside `catalog/` reads the JSON directly. */
export interface Catalog {
  /** All known types, in display order. */
  readonly types: readonly ConnectorTypeInfo[];
  /** Exact lookup (types are case-sensitive for the CLI: "Slack" is a different, custom type). */
  getType(type: string): ConnectorTypeInfo | undefined;
  /** The scope as documented for this type, if it is. */
  getScope(type: string, scope: string): ScopeInfo | undefined;
  /** Types whose documented scopes include this scope (e.g. a Gmail scope listed in a googledrive file). */
  typesWithScope(scope: string): readonly ConnectorTypeInfo[];
  /** Scopes that `scope` grants, transitively (from `implies`). */
  impliedBy(type: string, scope: string): readonly string[];
  /** Closest known types to a misspelt one, best first (for "did you mean"). */
  suggestTypes(type: string, max?: number): readonly string[];
  /** Closest documented scopes of this type to a misspelt one, best first. */
  suggestScopes(type: string, scope: string, max?: number): readonly string[];
}
