import {
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  DiagnosticTag,
  Location,
} from 'vscode-languageserver';
import type { Catalog, ConnectorTypeInfo } from '../catalog/types';
import type { JsonNode } from '../parser/jsonTree';
import { findProperties, findProperty, findPropertyValue, nodeValue } from '../parser/jsonNavigation';
import { isBeyondBase44Limit, omittedScope } from './catalogFacts';
import type { ConnectorDocument, FeatureContext } from './context';
import { CONNECTOR_TYPE_PATTERN, isConnectorType } from '../cliRules';
import { Code, DIAGNOSTIC_SOURCE, DiagnosticData } from './diagnosticCodes';
import { nodeRange } from './ranges';

const KNOWN_KEYS = new Set(['type', 'scopes']);

/**
 * Diagnostics for one connector file on its own: errors exactly where the CLI's JSON5 parse or zod schema
 * would fail, warnings where the CLI accepts something that is probably a mistake. Folder-level checks
 * (one file per type) are `duplicateTypeDiagnostics`.
 */
export function validateConnector(doc: ConnectorDocument, ctx: FeatureContext): Diagnostic[] {
  const diagnostics = new ConnectorValidator(doc, ctx).run();
  // A pathological file (100k bad scopes) must not flood the editor; the first problems say enough.
  return diagnostics.length > MAX_DIAGNOSTICS ? diagnostics.slice(0, MAX_DIAGNOSTICS) : diagnostics;
}

/** Diagnostics reported per file at most. */
const MAX_DIAGNOSTICS = 1000;

/** The type a file declares, as the CLI sees it: only when the whole file passes the CLI's schema. */
function acceptedConnectorType(doc: ConnectorDocument): string | undefined {
  const { parsed } = doc;
  if (parsed.errors.length > 0 || parsed.root?.type !== 'object') return undefined;
  const type = nodeValue(findPropertyValue(parsed.root, 'type'));
  if (!isConnectorType(type)) return undefined;
  const scopes = findPropertyValue(parsed.root, 'scopes');
  if (scopes) {
    if (scopes.type !== 'array') return undefined;
    if (scopes.children?.some((item) => item.type !== 'string')) return undefined;
  }
  return type;
}

/** One file per type: the CLI refuses the folder with `Duplicate connector type "<type>"`. */
export function duplicateTypeDiagnostics(
  files: readonly { readonly uri: string; readonly doc: ConnectorDocument; readonly fileName: string }[],
): Map<string, Diagnostic[]> {
  const byType = new Map<string, (typeof files)[number][]>();
  for (const file of files) {
    const type = acceptedConnectorType(file.doc);
    if (type === undefined) continue;
    const group = byType.get(type);
    if (group) group.push(file);
    else byType.set(type, [file]);
  }
  const result = new Map<string, Diagnostic[]>();
  for (const [type, group] of byType) {
    if (group.length < 2) continue;
    for (const file of group) {
      const others = group.filter((other) => other !== file);
      const typeNode = findPropertyValue(file.doc.parsed.root, 'type')!;
      const diagnostic = Diagnostic.create(
        nodeRange(file.doc.document, typeNode),
        `Connector type "${type}" is also defined in ${others.map((o) => o.fileName).join(', ')}. ` +
          `The Base44 CLI refuses the whole folder (Duplicate connector type "${type}"): keep one file per type.`,
        DiagnosticSeverity.Error,
        Code.DuplicateType,
        DIAGNOSTIC_SOURCE,
      );
      diagnostic.relatedInformation = others.map((other) => {
        const otherNode = findPropertyValue(other.doc.parsed.root, 'type')!;
        return DiagnosticRelatedInformation.create(
          Location.create(other.uri, nodeRange(other.doc.document, otherNode)),
          `"${type}" is also defined here`,
        );
      });
      result.set(file.uri, [diagnostic]);
    }
  }
  return result;
}

class ConnectorValidator {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly catalog: Catalog;

  constructor(
    private readonly doc: ConnectorDocument,
    private readonly ctx: FeatureContext,
  ) {
    this.catalog = ctx.catalog;
  }

  run(): Diagnostic[] {
    const { parsed } = this.doc;
    if (parsed.errors.length > 0) {
      // The CLI stops at JSON5's first error, so that is the one that matters; later ones are often echoes.
      const error = parsed.errors[0];
      this.add(
        { offset: error.offset, length: Math.max(error.length, 0) },
        `Invalid JSON5: ${error.message}${error.expected ? `, expected ${error.expected}` : ''}. ` +
          'The Base44 CLI cannot read this file ("File contains invalid JSON").',
        DiagnosticSeverity.Error,
        Code.JsonSyntax,
      );
      return this.diagnostics;
    }
    const root = parsed.root;
    if (!root) {
      this.add(
        { offset: 0, length: 0 },
        'Empty connector file: the Base44 CLI cannot read it.',
        DiagnosticSeverity.Error,
        Code.JsonSyntax,
      );
      return this.diagnostics;
    }
    if (root.type !== 'object') {
      this.add(
        root,
        `A connector file must hold an object such as { "type": "slack", "scopes": [] }, not ${describe(root)}. ` +
          'The Base44 CLI refuses it ("Invalid connector file").',
        DiagnosticSeverity.Error,
        Code.RootNotObject,
      );
      return this.diagnostics;
    }
    this.checkDuplicateKeys(root);
    this.checkUnknownKeys(root);
    const typeInfo = this.checkType(root);
    this.checkScopes(root, typeInfo);
    return this.diagnostics;
  }

  /** Returns the catalog entry when the type is a known one (exact match). */
  private checkType(root: JsonNode): { type: string; info: ConnectorTypeInfo | undefined } | undefined {
    const property = findProperty(root, 'type');
    const valueNode = property?.children?.[1];
    if (!property || !valueNode) {
      this.add(
        openingBrace(root),
        'Missing "type": every connector file needs one, e.g. "type": "googlecalendar". The Base44 CLI refuses this file.',
        DiagnosticSeverity.Error,
        Code.TypeMissing,
      );
      return undefined;
    }
    const type = nodeValue(valueNode);
    if (typeof type !== 'string') {
      this.add(
        valueNode,
        `"type" must be a string such as "slack", not ${describe(valueNode)}. The Base44 CLI refuses this file.`,
        DiagnosticSeverity.Error,
        Code.TypeNotString,
      );
      return undefined;
    }
    if (!CONNECTOR_TYPE_PATTERN.test(type)) {
      const bad = [...type].find((ch) => !CONNECTOR_TYPE_PATTERN.test(ch));
      const why = type.length === 0 ? '"type" is empty' : `"type" contains ${JSON.stringify(bad)}`;
      this.add(
        valueNode,
        `${why}: connector types may only use letters, digits, "_" and "-". The Base44 CLI refuses this file.`,
        DiagnosticSeverity.Error,
        Code.TypeInvalid,
        offer(this.catalog.suggestTypes(type, 3)),
      );
      return undefined;
    }
    const info = this.catalog.getType(type);
    if (info) {
      this.checkFileName(type);
      return { type, info };
    }
    const lower = type.toLowerCase();
    if (lower !== type && this.catalog.getType(lower)) {
      this.add(
        valueNode,
        `"${type}" is not "${lower}": types are case-sensitive, so the CLI treats "${type}" as a custom type that Base44 does not know.`,
        DiagnosticSeverity.Warning,
        Code.TypeCase,
        { replacements: [lower] },
      );
    } else {
      const suggestions = this.catalog.suggestTypes(type, 3);
      const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
      this.add(
        valueNode,
        `Unknown connector type "${type}". The CLI accepts it as a custom type, but it is not a Base44 connector.${hint}`,
        DiagnosticSeverity.Warning,
        Code.UnknownType,
        offer(suggestions),
      );
    }
    return { type, info: undefined };
  }

  private checkFileName(type: string): void {
    const expected = `${type}.jsonc`;
    if (this.ctx.folder.fileName === expected) return;
    const typeNode = findPropertyValue(this.doc.parsed.root, 'type')!;
    this.add(
      typeNode,
      `This file is named ${this.ctx.folder.fileName}; "base44 connectors pull" names a new "${type}" connector ${expected}.`,
      DiagnosticSeverity.Information,
      Code.FileName,
      { expectedFileName: expected },
    );
  }

  private checkScopes(
    root: JsonNode,
    typeResult: { type: string; info: ConnectorTypeInfo | undefined } | undefined,
  ): void {
    const property = findProperty(root, 'scopes');
    const arrayNode = property?.children?.[1];
    const info = typeResult?.info;
    if (!property || !arrayNode) {
      if (info?.auth === 'oauth' && info.scopes.length > 0) {
        const typeProperty = findProperty(root, 'type')!;
        this.add(
          typeProperty,
          `No "scopes": the CLI sends an empty list, so ${info.displayName} is authorized without any permission.`,
          DiagnosticSeverity.Information,
          Code.MissingScopes,
        );
      }
      return;
    }
    if (arrayNode.type !== 'array') {
      this.add(
        arrayNode,
        `"scopes" must be an array of strings, not ${describe(arrayNode)}. The Base44 CLI refuses this file.`,
        DiagnosticSeverity.Error,
        Code.ScopesNotArray,
      );
      return;
    }
    const items = arrayNode.children ?? [];
    let allStrings = true;
    for (const item of items) {
      if (item.type !== 'string') {
        allStrings = false;
        this.add(
          item,
          `Every scope must be a string, not ${describe(item)}. The Base44 CLI refuses this file.`,
          DiagnosticSeverity.Error,
          Code.ScopeNotString,
        );
      }
    }
    if (!allStrings || !typeResult || !info) return;

    if (info.auth !== 'oauth' && items.length > 0) {
      const why =
        info.auth === 'stripe-sandbox'
          ? 'Stripe is provisioned by Base44 as a sandbox, without OAuth'
          : `${info.displayName} takes no OAuth scopes (its permissions are chosen in ${info.displayName} itself)`;
      this.add(property, `${why}: these scopes have no effect.`, DiagnosticSeverity.Warning, Code.ScopesNotUsed);
      return;
    }

    const listed = items.map((item) => nodeValue(item) as string);
    const firstIndex = new Map<string, number>();
    listed.forEach((scope, index) => {
      if (!firstIndex.has(scope)) firstIndex.set(scope, index);
    });
    // Scopes granted by another listed scope make this one redundant.
    const grantedBy = new Map<string, string>();
    for (const scope of firstIndex.keys()) {
      for (const implied of this.catalog.impliedBy(info.type, scope)) {
        if (implied !== scope && !grantedBy.has(implied)) grantedBy.set(implied, scope);
      }
    }

    items.forEach((item, index) => {
      const scope = listed[index];
      if (firstIndex.get(scope) !== index) {
        const diagnostic = this.add(
          item,
          `Duplicate scope "${scope}".`,
          DiagnosticSeverity.Warning,
          Code.DuplicateScope,
        );
        diagnostic.tags = [DiagnosticTag.Unnecessary];
        diagnostic.relatedInformation = [
          DiagnosticRelatedInformation.create(
            Location.create(this.doc.document.uri, nodeRange(this.doc.document, items[firstIndex.get(scope)!])),
            'First listed here',
          ),
        ];
        return;
      }
      if (isBeyondBase44Limit(info, scope)) {
        // Base44 documents allowing fewer scopes than the provider: this one would be dropped.
        const limit = info.base44Limit!;
        this.add(
          item,
          `Base44 allows only ${limit.scopes.map((s) => `"${s}"`).join(', ')} for ${info.displayName}: ${limit.note}`,
          DiagnosticSeverity.Warning,
          Code.BeyondBase44Limit,
          offer(limit.scopes.filter((s) => !firstIndex.has(s))),
        );
        return;
      }
      const scopeInfo = this.catalog.getScope(info.type, scope);
      if (!scopeInfo) {
        this.reportUndocumentedScope(item, scope, info);
        return;
      }
      if (scopeInfo.deprecated) {
        const replacement = scopeInfo.deprecated.replacement ?? [];
        const diagnostic = this.add(
          item,
          `"${scope}" is deprecated: ${scopeInfo.deprecated.note}` +
            (replacement.length > 0 ? ` Use ${replacement.map((r) => `"${r}"`).join(' or ')} instead.` : ''),
          DiagnosticSeverity.Warning,
          Code.DeprecatedScope,
          offer(replacement),
        );
        diagnostic.tags = [DiagnosticTag.Deprecated];
      }
      const granter = grantedBy.get(scope);
      if (granter !== undefined) {
        const diagnostic = this.add(
          item,
          `"${scope}" is already granted by "${granter}", which is also listed.`,
          DiagnosticSeverity.Hint,
          Code.ImpliedScope,
        );
        diagnostic.tags = [DiagnosticTag.Unnecessary];
      }
    });
  }

  private reportUndocumentedScope(item: JsonNode, scope: string, info: ConnectorTypeInfo): void {
    // Base44 silently drops scopes its OAuth app does not allow, so this is a warning, never an error.
    const omitted = omittedScope(info, scope);
    if (omitted) {
      this.add(
        item,
        `"${scope}" is left out of the ${info.displayName} scopes on purpose: ${omitted.reason}.`,
        DiagnosticSeverity.Warning,
        Code.UnknownScope,
        offer(omitted.replacement ?? []),
      );
      return;
    }
    const owners = this.catalog.typesWithScope(scope).filter((owner) => owner.type !== info.type);
    // Microsoft Graph types share one permission set, of which the catalog lists a selection per type.
    if (info.scopeCoverage === 'partial' && owners.some((owner) => owner.docsUrl === info.docsUrl)) return;
    if (owners.length > 0) {
      const names = owners
        .slice(0, 3)
        .map((owner) => `${owner.displayName} ("${owner.type}")`)
        .join(', ');
      this.add(
        item,
        `"${scope}" is not a ${info.displayName} scope: it belongs to ${names}.`,
        DiagnosticSeverity.Warning,
        Code.ScopeOfOtherType,
        offer(this.catalog.suggestScopes(info.type, scope, 3)),
      );
      return;
    }
    if (info.scopes.length === 0) return; // nothing documented to compare against
    const suggestions = this.catalog.suggestScopes(info.type, scope, 3);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
    // Where the catalog holds only a selection of the provider's scopes, an unlisted one is merely unfamiliar.
    const partial = info.scopeCoverage === 'partial';
    this.add(
      item,
      partial
        ? `"${scope}" is not among the ${info.displayName} scopes this extension knows; check the provider's documentation.${hint}`
        : `"${scope}" is not documented for ${info.displayName}; Base44 drops scopes its app does not allow.${hint}`,
      partial ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning,
      Code.UnknownScope,
      offer(suggestions),
    );
  }

  private checkUnknownKeys(root: JsonNode): void {
    for (const property of root.children ?? []) {
      const key = property.children?.[0]?.value;
      if (typeof key !== 'string' || KNOWN_KEYS.has(key)) continue;
      const near = key.toLowerCase().replace(/[^a-z]/g, '');
      const guess =
        near === 'scope' || near === 'scopes' ? 'scopes' : near === 'type' || near === 'types' ? 'type' : undefined;
      const diagnostic = this.add(
        property.children![0],
        `The Base44 CLI ignores "${key}": a connector file has only "type" and "scopes".` +
          (guess ? ` Did you mean "${guess}"?` : ''),
        DiagnosticSeverity.Warning,
        Code.IgnoredKey,
        guess ? { replacements: [guess] } : undefined,
      );
      diagnostic.tags = [DiagnosticTag.Unnecessary];
    }
  }

  private checkDuplicateKeys(root: JsonNode): void {
    const children = root.children ?? [];
    // Nearly every file has each key once: find out first, and list the repeated ones only when there are any.
    let repeated = false;
    const seen = new Set<unknown>();
    for (let i = 0; i < children.length && !repeated; i++) {
      const key = children[i].children?.[0]?.value;
      if (seen.has(key)) repeated = true;
      seen.add(key);
    }
    if (!repeated) return;
    for (const key of KNOWN_KEYS) {
      const properties = findProperties(root, key);
      for (const property of properties.slice(0, -1)) {
        const diagnostic = this.add(
          property.children![0],
          `"${key}" appears more than once; JSON5 keeps only the last one, so this one is ignored.`,
          DiagnosticSeverity.Warning,
          Code.DuplicateKey,
        );
        diagnostic.tags = [DiagnosticTag.Unnecessary];
      }
    }
  }

  private add(
    node: { offset: number; length: number },
    message: string,
    severity: DiagnosticSeverity,
    code: Code,
    data?: DiagnosticData,
  ): Diagnostic {
    const diagnostic = Diagnostic.create(
      nodeRange(this.doc.document, node),
      message,
      severity,
      code,
      DIAGNOSTIC_SOURCE,
    );
    if (data) diagnostic.data = data;
    this.diagnostics.push(diagnostic);
    return diagnostic;
  }
}

/** The quick-fix data of a diagnostic with these replacements; none when there are none (the usual custom type). */
function offer(replacements: readonly string[]): DiagnosticData | undefined {
  return replacements.length > 0 ? { replacements } : undefined;
}

function openingBrace(object: JsonNode): { offset: number; length: number } {
  return { offset: object.offset, length: 1 };
}

// Parallel to `describeNode` in functions/functionConfigSchema.ts, whose messages are terser ("not 4") and uncut.
function describe(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return `the string ${truncate(JSON.stringify(node.value))}`;
    case 'number':
      return `the number ${truncate(String(node.value))}`;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    default:
      return node.type;
  }
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
