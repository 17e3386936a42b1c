/**
 * The language server's LSP extensions: what the extension client (and any other editor) can ask
 * beyond standard LSP. Shared by `server/` and `client/`; keep it free of runtime dependencies.
 */

/** Request `base44/projects`: every Base44 project in the workspace and its connector files. */
export const ProjectsRequest = 'base44/projects';
/** Notification `base44/projectsChanged` (server → client): the answer to `base44/projects` changed. */
export const ProjectsChangedNotification = 'base44/projectsChanged';

export interface ProjectsResult {
  readonly projects: readonly ProjectSummary[];
}

export interface ProjectSummary {
  /** Folder holding `base44/` (or the config file): where the CLI runs. file:// URI. */
  readonly rootUri: string;
  /** The config file that defines the project (base44/config.jsonc, ...). */
  readonly configUri: string;
  /** The connectors folder (connectorsDir resolved against the config file's folder). */
  readonly connectorsDirUri: string;
  /** Problem with the config itself (unreadable, invalid connectorsDir...), if any. */
  readonly configError?: string;
  readonly connectors: readonly ConnectorFileSummary[];
}

export interface ConnectorFileSummary {
  readonly uri: string;
  /** The `type` value when it is a string. */
  readonly type?: string;
  /** Display name from the catalog, when the type is known. */
  readonly displayName?: string;
  readonly scopes: readonly ScopeSummary[];
  /** Range (0-based line/character) of the `type` value, for "open at this entry". */
  readonly typeRange?: LspRange;
  readonly errorCount: number;
  readonly warningCount: number;
  /** First error message, for tooltips. */
  readonly firstError?: string;
}

export interface ScopeSummary {
  readonly scope: string;
  readonly description?: string;
  readonly sensitivity?: string;
  readonly range: LspRange;
}

export interface LspRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/** Request `base44/catalog`: the connector catalog (types with scopes) for pickers in the client. */
export const CatalogRequest = 'base44/catalog';
export interface CatalogResult {
  readonly types: readonly {
    readonly type: string;
    readonly displayName: string;
    readonly description: string;
    readonly auth: string;
    readonly docsUrl: string;
    readonly scopes: readonly {
      readonly scope: string;
      readonly description: string;
      readonly sensitivity: string;
      readonly deprecated?: boolean;
    }[];
  }[];
}
