/**
 * Diagnostics of a `function.json(c)`: errors exactly where Base44 CLI 0.1.18 refuses it (JSON5, the zod
 * `FunctionConfigSchema`, a missing entry file, a function name used twice), and warnings where it accepts
 * something that will not work: a connector automation whose `integration_type` has no connector file.
 * The CLI reads every function config for any project command (`deploy`, `functions deploy`, even
 * `connectors push`), so one bad file stops them all.
 */
import * as path from 'node:path';
import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, Range } from 'vscode-languageserver';
import type { Catalog } from '../catalog/types';
import { CONNECTOR_TYPE_PATTERN } from '../cliRules';
import { editDistance } from '../catalog/editDistance';
import type { ConnectorDocument } from '../features/context';
import { DIAGNOSTIC_SOURCE } from '../features/diagnosticCodes';
import { nodeRange } from '../features/ranges';
import { findPropertyValue, getNodePath } from '../parser/jsonNavigation';
import type { JsonNode, JsonRange } from '../parser/jsonTree';
import {
  AUTOMATION,
  CONNECTOR_AUTOMATION,
  FUNCTION_CONFIG,
  Schema,
  SchemaIssue,
  checkSchema,
  closestMember,
} from './functionConfigSchema';

/** Codes of function-config diagnostics (errors first: the CLI refuses these). */
export const FunctionCode = {
  JsonSyntax: 'json-syntax',
  Invalid: 'function-config-invalid',
  EntryNotFound: 'function-entry-not-found',
  DuplicateName: 'function-duplicate-name',
  ConnectorMissing: 'automation-connector-missing',
  IgnoredKey: 'function-ignored-key',
} as const;

/** Quick-fix data of `automation-connector-missing`. */
export interface ConnectorMissingData {
  readonly integrationType: string;
  /** Declared or known types close to it, best first. */
  readonly replacements: readonly string[];
  /** Where "Create connector file" writes, e.g. /app/base44/connectors/slack.jsonc. */
  readonly connectorFile: string;
}

export interface FunctionConfigContext {
  readonly catalog: Catalog;
  /** The config file's absolute path (the entry is relative to its folder). */
  readonly file: string;
  /** Does this path exist on disk (file or folder: the CLI uses `fs.access`)? */
  readonly exists: (file: string) => boolean;
  /** Connector types the project's connector files declare (as the CLI accepts them). */
  readonly connectorTypes: ReadonlySet<string>;
  /** The project's connectors folder (for the "create connector file" fix). */
  readonly connectorsDir: string;
}

const CLI_REFUSES =
  'The Base44 CLI refuses this file ("Invalid function configuration"), and with it every command that reads the project.';

/** Reports a diagnostic on `node` (a node or any span of the file). */
type Add = (node: JsonRange, message: string, severity: DiagnosticSeverity, code: string, data?: unknown) => void;

export function validateFunctionConfig(doc: ConnectorDocument, ctx: FunctionConfigContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { parsed, document } = doc;
  const add: Add = (node, message, severity, code, data) => {
    const diagnostic = Diagnostic.create(nodeRange(document, node), message, severity, code, DIAGNOSTIC_SOURCE);
    if (data !== undefined) diagnostic.data = data;
    diagnostics.push(diagnostic);
  };
  if (parsed.errors.length > 0) {
    const error = parsed.errors[0]; // json5 stops at its first error
    add(
      { offset: error.offset, length: Math.max(error.length, 0) },
      `Invalid JSON5: ${error.message}${error.expected ? `, expected ${error.expected}` : ''}. ` +
        'The Base44 CLI cannot read this file ("File contains invalid JSON").',
      DiagnosticSeverity.Error,
      FunctionCode.JsonSyntax,
    );
    return diagnostics;
  }
  const root = parsed.root;
  if (!root) {
    add(
      { offset: 0, length: 0 },
      'Empty function config: the Base44 CLI cannot read it ("File contains invalid JSON").',
      DiagnosticSeverity.Error,
      FunctionCode.JsonSyntax,
    );
    return diagnostics;
  }
  const issues: SchemaIssue[] = [];
  checkSchema(FUNCTION_CONFIG, root, issues);
  for (const issue of issues.slice(0, 200)) {
    add(
      issueRange(issue),
      `${issueLabel(issue)}: ${issue.message}. ${CLI_REFUSES}`,
      DiagnosticSeverity.Error,
      FunctionCode.Invalid,
    );
  }
  if (root.type !== 'object') return diagnostics;
  if (issues.length === 0) checkEntry(root, ctx, add);
  checkIgnoredKeys(root, FUNCTION_CONFIG, add);
  const automations = findPropertyValue(root, 'automations');
  for (const automation of automations?.type === 'array' ? (automations.children ?? []) : []) {
    if (automation.type !== 'object') continue;
    const member = closestMember(AUTOMATION, automation);
    checkIgnoredKeys(automation, member, add);
    if (member === CONNECTOR_AUTOMATION) checkConnector(automation, ctx, add);
  }
  return diagnostics;
}

/** The function name the CLI would register, when the file passes its schema (for the duplicate check). */
export function acceptedFunctionName(doc: ConnectorDocument): { name: string; node: JsonNode } | undefined {
  const root = doc.parsed.root;
  if (doc.parsed.errors.length > 0 || !root) return undefined;
  const issues: SchemaIssue[] = [];
  checkSchema(FUNCTION_CONFIG, root, issues);
  const node = findPropertyValue(root, 'name');
  return issues.length === 0 && node ? { name: String(node.value).trim(), node } : undefined;
}

function checkEntry(root: JsonNode, ctx: FunctionConfigContext, add: Add): void {
  const entry = findPropertyValue(root, 'entry');
  if (!entry || typeof entry.value !== 'string') return;
  // The CLI joins (never resolves): an absolute-looking entry still sits under the function's folder.
  const entryPath = path.join(path.dirname(ctx.file), entry.value);
  if (ctx.exists(entryPath)) return;
  add(
    entry,
    `Function entry file not found: ${entry.value} (looked for ${entryPath}). ` +
      "The Base44 CLI refuses the project until it exists; the path is relative to this file's folder.",
    DiagnosticSeverity.Error,
    FunctionCode.EntryNotFound,
  );
}

function checkConnector(automation: JsonNode, ctx: FunctionConfigContext, add: Add): void {
  const node = findPropertyValue(automation, 'integration_type');
  const type = node?.value;
  if (!node || node.type !== 'string' || typeof type !== 'string' || !CONNECTOR_TYPE_PATTERN.test(type)) return;
  if (ctx.connectorTypes.has(type)) return;
  const replacements = suggestConnectorTypes(type, ctx);
  const hint = replacements.length > 0 ? ` Did you mean ${replacements.map((s) => `"${s}"`).join(' or ')}?` : '';
  const known = ctx.catalog.getType(type);
  const data: ConnectorMissingData = {
    integrationType: type,
    replacements,
    connectorFile: path.join(ctx.connectorsDir, `${type}.jsonc`),
  };
  add(
    node,
    `No connector file of this project declares "${type}"${known ? ` (${known.displayName})` : ''}: ` +
      `\`connectors push\` does not create it (and removes a remote "${type}" connector), so this automation has ` +
      `no connection to listen to.${hint}`,
    DiagnosticSeverity.Warning,
    FunctionCode.ConnectorMissing,
    data,
  );
}

/** Declared types first (they are what the project has), then catalog types, by edit distance. */
function suggestConnectorTypes(type: string, ctx: Pick<FunctionConfigContext, 'catalog' | 'connectorTypes'>): string[] {
  const lower = type.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(type.length / 3)));
  const declared = [...ctx.connectorTypes]
    .map((t) => ({ t, d: t.toLowerCase() === lower ? 0 : editDistance(lower, t.toLowerCase(), limit) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.t.localeCompare(b.t))
    .map((x) => x.t);
  const result = [...declared];
  for (const t of ctx.catalog.suggestTypes(type, 3)) if (!result.includes(t)) result.push(t);
  return result.filter((t) => t !== type).slice(0, 3);
}

/** Keys the CLI drops silently (zod strips unknown keys): often a misspelt optional key. */
function checkIgnoredKeys(object: JsonNode, schema: Schema, add: Add): void {
  if (schema.kind !== 'object') return;
  for (const property of object.children ?? []) {
    const keyNode = property.children?.[0];
    const key = keyNode?.value;
    if (!keyNode || typeof key !== 'string' || key in schema.fields) continue;
    const close = Object.keys(schema.fields).find((k) => editDistance(k, key, 2) <= 2);
    add(
      keyNode,
      `"${key}" is not a key of ${schema.title}s: the Base44 CLI ignores it.${close ? ` Did you mean "${close}"?` : ''}`,
      DiagnosticSeverity.Warning,
      FunctionCode.IgnoredKey,
      close ? { replacements: [close] } : undefined,
    );
  }
}

/** A missing key is reported on the object's opening brace; anything else on the value. */
function issueRange(issue: SchemaIssue): JsonRange {
  if (issue.missingKey) {
    const property = issue.node.parent;
    const keyNode = property?.type === 'property' ? property.children?.[0] : undefined;
    return keyNode ?? { offset: issue.node.offset, length: 1 };
  }
  return issue.node;
}

/** `automations[0].schedule_type`, or `The file` for the root itself. */
function issueLabel(issue: SchemaIssue): string {
  const parts = getNodePath(issue.node);
  if (issue.missingKey) parts.push(issue.missingKey);
  if (parts.length === 0) return 'The function config';
  return `"${parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')}"`;
}

/** For related information on duplicate names. */
export function duplicateNameDiagnostic(
  doc: ConnectorDocument,
  node: JsonNode,
  name: string,
  others: readonly { uri: string; range: Range; label: string }[],
): Diagnostic {
  const diagnostic = Diagnostic.create(
    nodeRange(doc.document, node),
    `Function name "${name}" is also used by ${others.map((o) => o.label).join(', ')}. ` +
      `The Base44 CLI refuses the project (Duplicate function name "${name}"): each function needs its own name.`,
    DiagnosticSeverity.Error,
    FunctionCode.DuplicateName,
    DIAGNOSTIC_SOURCE,
  );
  diagnostic.relatedInformation = others.map((o) =>
    DiagnosticRelatedInformation.create(Location.create(o.uri, o.range), `"${name}" is also used here`),
  );
  return diagnostic;
}
