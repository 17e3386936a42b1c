/**
 * Hover for connector files: what a `type` is (auth model, connection config, how to call it), what a
 * scope grants (sensitivity, deprecation, implied scopes), and the field reference on the keys.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { ConnectorTypeInfo, ScopeInfo } from '../catalog/types';
import { isConnectorType } from '../cliRules';
import { declaredType, findNodeAtOffset, isRootProperty } from '../parser/jsonNavigation';
import type { JsonNode } from '../parser/jsonTree';
import { isBeyondBase44Limit, meteredUsageSample, omittedScope } from './catalogFacts';
import type { ConnectorDocument, FeatureContext } from './context';
import { authModelText, FILE_FORMAT_NOTE, SCOPES_FIELD_DOC, sensitivityText, TYPE_FIELD_DOC } from './fieldDocs';
import { code, escapeMarkdown, link, tableCell } from './markdown';
import { nodeRange } from './ranges';

export function doHover(doc: ConnectorDocument, position: Position, ctx: FeatureContext): Hover | null {
  const { document, parsed } = doc;
  const node = findNodeAtOffset(parsed.root, document.offsetAt(position));
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return null;

  const markdown = describe(node, node.value, doc, ctx);
  if (markdown === undefined) return null;
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: nodeRange(document, node) };
}

/** The hover text for a string node, or undefined when the node means nothing to a connector file. */
function describe(node: JsonNode, value: string, doc: ConnectorDocument, ctx: FeatureContext): string | undefined {
  const parent = node.parent;
  // A key: `{ "type": ... }` — the key is the first child of its property.
  if (isRootProperty(parent) && parent.children?.[0] === node) {
    if (value === 'type') return `${TYPE_FIELD_DOC}\n\n${FILE_FORMAT_NOTE}`;
    if (value === 'scopes') return `${SCOPES_FIELD_DOC}\n\n${FILE_FORMAT_NOTE}`;
    return `${code(value)} is not a connector field: the Base44 CLI ignores it (only \`type\` and \`scopes\` are read).`;
  }
  // The value of `type`.
  if (isRootProperty(parent) && parent.children?.[1] === node && parent.children[0].value === 'type') {
    return describeType(value, ctx);
  }
  // An item of `scopes`.
  const property = parent?.type === 'array' ? parent.parent : undefined;
  if (isRootProperty(property) && property.children?.[0].value === 'scopes' && property.children[1] === parent) {
    return describeScope(value, declaredType(doc.parsed), ctx);
  }
  return undefined;
}

function typeTitle(info: ConnectorTypeInfo): string {
  return `**${escapeMarkdown(info.displayName)}** (${code(info.type)})`;
}

/** Hover texts of catalog entries depend on the entry alone: built once, as a session hovers the same few. */
const typeTexts = new WeakMap<ConnectorTypeInfo, string>();
const scopeTexts = new WeakMap<ScopeInfo, string>();

function describeType(type: string, ctx: FeatureContext): string {
  const info = ctx.catalog.getType(type);
  if (!info) return describeUnknownType(type, ctx);
  let text = typeTexts.get(info);
  if (text === undefined) typeTexts.set(info, (text = describeKnownType(info)));
  return text;
}

function describeKnownType(info: ConnectorTypeInfo): string {
  const parts = [typeTitle(info), info.description, `**Authentication:** ${authModelText(info.auth)}`];
  if (info.connectionConfig.length > 0) {
    const rows = info.connectionConfig.map(
      (f) =>
        `| \`${tableCell(f.name)}\` | ${tableCell(f.displayName)} | ${f.required ? 'yes' : 'no'} | ${tableCell(f.description ?? '')} |`,
    );
    parts.push(
      [
        '`getConnection()` also returns these in `connectionConfig`:',
        '',
        '| Field | Name | Required | Description |',
        '|---|---|---|---|',
        ...rows,
      ].join('\n'),
    );
  }
  parts.push(usageSample(info));
  if (info.base44Limit)
    parts.push(
      `**Base44 limit:** ${escapeMarkdown(info.base44Limit.note)} (${link('source', info.base44Limit.source)})`,
    );
  const links = [link(info.auth === 'oauth' ? 'Provider scope documentation' : 'Provider documentation', info.docsUrl)];
  if (info.base44DocsUrl) links.push(link('Base44 documentation', info.base44DocsUrl));
  parts.push(links.join(' · '));
  return parts.join('\n\n');
}

/** How a backend function uses the connector (Base44 docs, "Use in backend functions"). */
function usageSample(info: ConnectorTypeInfo): string {
  if (info.auth === 'stripe-sandbox') {
    return 'Backend functions do not call `getConnection()` for Stripe: they use the Stripe REST API directly, with the keys of the sandbox Base44 provisioned.';
  }
  if (info.metered) return meteredUsageSample(info);
  const fields = info.connectionConfig.length > 0 ? '{ accessToken, connectionConfig }' : '{ accessToken }';
  return [
    'In a backend function:',
    '```js',
    `const ${fields} = await base44.asServiceRole.connectors.getConnection(${JSON.stringify(info.type)});`,
    '```',
  ].join('\n');
}

function describeUnknownType(type: string, ctx: FeatureContext): string {
  const parts = [`${code(type)}`];
  if (!isConnectorType(type)) {
    parts.push('Not a valid connector type: the Base44 CLI only accepts types matching `^[a-z0-9_-]+$`.');
  } else {
    parts.push(
      'A custom type: the Base44 CLI accepts any type matching `^[a-z0-9_-]+$`, but this one is not in the catalog of known connectors, ' +
        'so its scopes cannot be checked. Base44 must support the integration for `connectors push` to succeed.',
    );
  }
  const lower = ctx.catalog.getType(type.toLowerCase());
  if (lower && lower.type !== type) {
    parts.push(`Types are case-sensitive: did you mean ${code(lower.type)} (${escapeMarkdown(lower.displayName)})?`);
  } else {
    const suggestions = ctx.catalog.suggestTypes(type, 3);
    if (suggestions.length > 0) parts.push(`Did you mean ${suggestions.map(code).join(', ')}?`);
  }
  return parts.join('\n\n');
}

function describeScope(scope: string, type: string | undefined, ctx: FeatureContext): string {
  const info = type === undefined ? undefined : ctx.catalog.getType(type);
  const scopeInfo = info ? ctx.catalog.getScope(info.type, scope) : undefined;
  if (!scopeInfo) {
    const parts = [`**Scope** ${code(scope)}`];
    const omitted = info && omittedScope(info, scope);
    if (info && omitted) {
      let text = `Left out of the ${escapeMarkdown(info.displayName)} scopes on purpose: ${escapeMarkdown(omitted.reason)}.`;
      if (omitted.replacement?.length) text += ` Use ${omitted.replacement.map(code).join(' or ')} instead.`;
      parts.push(text);
    } else if (info) {
      let text = `Not a documented scope of ${escapeMarkdown(info.displayName)} (${code(info.type)}).`;
      if (info.scopeCoverage === 'partial')
        text += ' The catalog lists only part of its scopes, so it may still be valid.';
      parts.push(text);
    } else if (type !== undefined) parts.push(`Scopes of the custom type ${code(type)} are not checked.`);
    if (info?.base44Limit) parts.push(base44LimitText(info));
    const owners = ctx.catalog.typesWithScope(scope).filter((t) => t.type !== info?.type);
    if (owners.length > 0) {
      const names = owners.map((t) => `${escapeMarkdown(t.displayName)} (${code(t.type)})`).join(', ');
      parts.push(`This scope belongs to ${names}.`);
      const owned = ctx.catalog.getScope(owners[0].type, scope);
      if (owned) parts.push(owned.description);
    }
    if (info) parts.push(link(`${info.displayName} scope documentation`, info.docsUrl));
    return parts.join('\n\n');
  }

  // A templated scope (`session:role:<role_name>`) matched: its text names the scope as written.
  if (scope !== scopeInfo.scope) return describeKnownScope(scope, scopeInfo, info!, ctx);
  let text = scopeTexts.get(scopeInfo);
  if (text === undefined) scopeTexts.set(scopeInfo, (text = describeKnownScope(scope, scopeInfo, info!, ctx)));
  return text;
}

function describeKnownScope(scope: string, scopeInfo: ScopeInfo, info: ConnectorTypeInfo, ctx: FeatureContext): string {
  const parts = [`**Scope** ${code(scope)}`, scopeInfo.description];
  const sensitivity = sensitivityText(scopeInfo, info);
  if (sensitivity) parts.push(sensitivity);
  if (scopeInfo.deprecated) {
    let text = `**Deprecated:** ${scopeInfo.deprecated.note}`;
    const replacement = scopeInfo.deprecated.replacement ?? [];
    if (replacement.length > 0) text += ` Use ${replacement.map(code).join(' or ')} instead.`;
    parts.push(text);
  }
  const implied = ctx.catalog.impliedBy(info.type, scope);
  if (implied.length > 0) parts.push(`Also grants: ${implied.map(code).join(', ')}`);
  if (scopeInfo.notes && scopeInfo.notes.length > 0) parts.push(scopeInfo.notes.map((n) => `- ${n}`).join('\n'));
  if (isBeyondBase44Limit(info, scopeInfo.scope)) parts.push(base44LimitText(info));
  parts.push(link(`${info.displayName} scope documentation`, info.docsUrl));
  return parts.join('\n\n');
}

/** Base44's own limit on a type's scopes, as its documentation states it. */
function base44LimitText(info: ConnectorTypeInfo): string {
  const limit = info.base44Limit!;
  return (
    `**Beyond Base44's limit:** ${escapeMarkdown(limit.note)} Base44 allows only ${limit.scopes.map(code).join(', ')} ` +
    `(${link('Base44 documentation', limit.source)}).`
  );
}
