/**
 * Diagnostics in backend function code and the connector-side hint that depends on it:
 * - `connector-not-declared` (warning): `getConnection("slak")` with no connector file declaring "slak". Push
 *   makes the app's connectors match the folder, so it removes a remote "slak" connector; the call then fails
 *   in production. Quick fixes: create the connector file, did you mean.
 * - `get-access-token-deprecated` (hint): the SDK deprecates `getAccessToken`; `getConnection` replaces it.
 * - `connector-id-expected` (warning): a connector type passed to a method that takes a connector ID.
 * - `connector-unused` (hint, in the connector file): no function calls the type and no automation uses it.
 */
import * as path from 'node:path';
import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { editDistance } from '../catalog/editDistance';
import type { Catalog } from '../catalog/types';
import { DIAGNOSTIC_SOURCE } from '../features/diagnosticCodes';
import { nodeRange, offsetRange } from '../features/ranges';
import { ConnectorCall, TYPE_METHODS } from './connectorCalls';
import type { DeclaredConnector, ProjectUsages } from './functionWorkspace';

export const enum FunctionCode {
  ConnectorNotDeclared = 'connector-not-declared',
  GetAccessTokenDeprecated = 'get-access-token-deprecated',
  ConnectorIdExpected = 'connector-id-expected',
  ConnectorUnused = 'connector-unused',
}

/** Carried by `connector-not-declared` for its quick fixes. */
export interface NotDeclaredData {
  readonly type: string;
  /** The connector file to create (absolute path), `<connectorsDir>/<type>.jsonc`. */
  readonly createPath: string;
  /** How the project names it, e.g. `base44/connectors/slack.jsonc`. */
  readonly createLabel: string;
  readonly replacements: readonly string[];
}

interface FunctionFileContext {
  readonly catalog: Catalog;
  readonly declared: ReadonlyMap<string, DeclaredConnector>;
  readonly projectRoot: string;
  readonly connectorsDir: string;
  /** "Did you mean" answers by type, shared by the files of a project while its declared types are unchanged. */
  readonly suggestions?: Map<string, string[]>;
}

/** Up to 1,000 calls per file are checked (a generated file must not flood the Problems panel). */
const MAX_CALLS = 1000;
/** A custom type may use only these (the CLI's schema): anything else cannot be given a connector file. */
const TYPE_PATTERN = /^[a-z0-9_-]+$/i;

export function validateFunctionFile(
  documentOf: () => TextDocument,
  calls: readonly ConnectorCall[],
  ctx: FunctionFileContext,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // Line offsets are computed only for a file that has something to report.
  let lines: TextDocument | undefined;
  const doc = () => (lines ??= documentOf());
  for (const call of calls.slice(0, MAX_CALLS)) {
    if (call.method === 'getAccessToken') {
      diagnostics.push({
        range: offsetRange(doc(), call.nameStart, call.nameEnd),
        severity: DiagnosticSeverity.Hint,
        source: DIAGNOSTIC_SOURCE,
        code: FunctionCode.GetAccessTokenDeprecated,
        tags: [DiagnosticTag.Deprecated],
        message:
          'getAccessToken is deprecated in @base44/sdk: use getConnection(type), which returns ' +
          "{ accessToken, connectionConfig } (the same token, plus the connection's config).",
      });
    }
    const literal = call.literal;
    if (!literal) continue;
    if (!TYPE_METHODS.has(call.method)) {
      if (ctx.declared.has(literal.value) || ctx.catalog.getType(literal.value)) {
        diagnostics.push({
          range: offsetRange(doc(), literal.start, literal.end),
          severity: DiagnosticSeverity.Warning,
          source: DIAGNOSTIC_SOURCE,
          code: FunctionCode.ConnectorIdExpected,
          message:
            `${call.method} takes a connector ID, not a connector type: "${literal.value}" is a type. ` +
            `Use getConnection("${literal.value}") for the app's ${literal.value} connector.`,
        });
      }
      continue;
    }
    if (ctx.declared.has(literal.value)) continue;
    diagnostics.push(notDeclared(call, offsetRange(doc(), literal.start, literal.end), ctx));
  }
  return diagnostics;
}

function notDeclared(call: ConnectorCall, range: Diagnostic['range'], ctx: FunctionFileContext): Diagnostic {
  const type = call.literal!.value;
  const replacements = suggestDeclared(type, ctx);
  const folder = relativeLabel(ctx.projectRoot, ctx.connectorsDir);
  const hint = replacements.length > 0 ? ` Did you mean ${replacements.map((s) => `"${s}"`).join(' or ')}?` : '';
  const known = ctx.catalog.getType(type);
  const what =
    type === ''
      ? `An empty connector type: ${call.method}("") always fails at run time.`
      : `No connector file in ${folder}/ declares "${type}"${known ? ` (${known.displayName})` : ''}: ` +
        `\`base44 connectors push\` makes the app's connectors match that folder, so it removes a remote "${type}" ` +
        `connector if there is one, and this ${call.method}("${type}") call fails at run time.`;
  const canCreate = type !== '' && TYPE_PATTERN.test(type);
  const createPath = path.join(ctx.connectorsDir, `${type}.jsonc`);
  const data: NotDeclaredData | undefined =
    canCreate || replacements.length > 0
      ? { type, createPath, createLabel: relativeLabel(ctx.projectRoot, createPath), replacements }
      : undefined;
  return {
    range,
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: FunctionCode.ConnectorNotDeclared,
    message: what + hint,
    ...(data ? { data: { ...data, canCreate } } : {}),
  };
}

/** Declared types close to a misspelt one first, then Base44 types (a file for those can be created). */
function suggestDeclared(type: string, ctx: FunctionFileContext): string[] {
  if (!type) return [];
  const cached = ctx.suggestions?.get(type);
  if (cached) return cached;
  const computed = computeSuggestions(type, ctx);
  ctx.suggestions?.set(type, computed);
  return computed;
}

function computeSuggestions(type: string, ctx: FunctionFileContext): string[] {
  const lower = type.toLowerCase();
  const limit = Math.max(1, Math.min(4, Math.floor(type.length / 3)));
  const declared = [...ctx.declared.keys()]
    .map((candidate) => ({
      candidate,
      d: candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase(), limit),
    }))
    .filter((x) => x.d <= limit && x.candidate !== type)
    .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
    .map((x) => x.candidate);
  // A Base44 type itself needs no "did you mean": its fix is to create the file.
  const catalog = ctx.catalog.getType(type) ? [] : ctx.catalog.suggestTypes(type, 3).filter((t) => t !== type);
  return [...new Set([...declared, ...catalog])].slice(0, 3);
}

/** Hints on connector files whose type no function calls and no connector automation uses. */
export function unusedConnectorDiagnostics(
  documentOf: (file: string) => TextDocument | undefined,
  declared: ReadonlyMap<string, DeclaredConnector>,
  usages: ProjectUsages,
  functionCount: number,
): Map<string, Diagnostic[]> {
  const result = new Map<string, Diagnostic[]>();
  // With no function in sight, or a call whose type is computed, "unused" cannot be known.
  if (functionCount === 0 || usages.dynamic) return result;
  for (const connector of declared.values()) {
    if (usages.byType.has(connector.type) || connector.length === 0) continue;
    const document = documentOf(connector.file);
    if (!document) continue;
    result.set(connector.file, [
      {
        range: nodeRange(document, connector),
        severity: DiagnosticSeverity.Hint,
        source: DIAGNOSTIC_SOURCE,
        code: FunctionCode.ConnectorUnused,
        tags: [DiagnosticTag.Unnecessary],
        message:
          `No backend function calls the "${connector.type}" connector (getConnection / callApi with this type) and no ` +
          'connector automation uses it. Push still creates it and asks to authorize it.',
      },
    ]);
  }
  return result;
}

const labels = new Map<string, string>();

/** `base44/connectors` for a folder inside the project, else the absolute path (memoized: asked per diagnostic). */
export function relativeLabel(root: string, file: string): string {
  const key = root + '\u0000' + file;
  let label = labels.get(key);
  if (label === undefined) {
    const rel = path.relative(root, file);
    label = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
    if (labels.size > 10_000) labels.clear();
    labels.set(key, label);
  }
  return label;
}
