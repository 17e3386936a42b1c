/**
 * Every diagnostic the server reports has `source: "base44"` and one of these codes. Errors are exactly the
 * cases where Base44 CLI 0.1.18 refuses the connectors folder; everything else is a warning or a hint.
 * Code actions read `Diagnostic.data` (see `DiagnosticData`) to build quick fixes.
 */
export const enum Code {
  // Errors: the CLI rejects these (`connectors push` / `pull` stop).
  JsonSyntax = 'json-syntax',
  RootNotObject = 'root-not-object',
  TypeMissing = 'type-missing',
  TypeNotString = 'type-not-string',
  TypeInvalid = 'type-invalid',
  ScopesNotArray = 'scopes-not-array',
  ScopeNotString = 'scope-not-string',
  DuplicateType = 'duplicate-type',
  // Warnings and hints: the CLI accepts these, but they are probably mistakes.
  UnknownType = 'unknown-type',
  TypeCase = 'type-case',
  UnknownScope = 'unknown-scope',
  ScopeOfOtherType = 'scope-of-other-type',
  BeyondBase44Limit = 'beyond-base44-limit',
  DuplicateScope = 'duplicate-scope',
  DeprecatedScope = 'deprecated-scope',
  ImpliedScope = 'implied-scope',
  ScopesNotUsed = 'scopes-not-used',
  MissingScopes = 'missing-scopes',
  IgnoredKey = 'ignored-key',
  DuplicateKey = 'duplicate-key',
  FileName = 'file-name',
}

export const DIAGNOSTIC_SOURCE = 'base44';

/** What a quick fix needs, carried on the diagnostic (yaml-language-server style). */
export interface DiagnosticData {
  /** Candidate replacement values for the flagged string (type or scope), best first. */
  readonly replacements?: readonly string[];
  /** For file-name: the name `base44 connectors pull` would write (`<type>.jsonc`). */
  readonly expectedFileName?: string;
}
