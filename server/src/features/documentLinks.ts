/**
 * Ctrl+click: the `type` value opens Base44's documentation of the connector, each scope the provider's
 * scope documentation (from the catalog). Only https links are ever offered.
 */
import type { DocumentLink } from 'vscode-languageserver';
import { findPropertyValue } from '../parser/jsonNavigation';
import type { JsonNode } from '../parser/jsonTree';
import type { ConnectorDocument, FeatureContext } from './context';
import { offsetRange } from './ranges';

/** One link per scope at most this many times (a 100k-scope file gets links for the first ones only). */
const MAX_LINKS = 1000;

export function documentLinks(doc: ConnectorDocument, ctx: FeatureContext): DocumentLink[] {
  const root = doc.parsed.root;
  if (root?.type !== 'object') return [];
  const typeValue = findPropertyValue(root, 'type');
  if (typeValue?.type !== 'string' || typeof typeValue.value !== 'string') return [];
  const info = ctx.catalog.getType(typeValue.value);
  if (!info) return [];
  const links: DocumentLink[] = [];
  const base44Docs = info.base44DocsUrl;
  if (isHttps(base44Docs))
    links.push(link(doc, typeValue, base44Docs, `Base44 documentation of the ${info.displayName} connector`));
  const scopes = findPropertyValue(root, 'scopes');
  if (scopes?.type === 'array' && isHttps(info.docsUrl)) {
    for (const item of scopes.children ?? []) {
      if (links.length > MAX_LINKS) break;
      if (item.type !== 'string' || typeof item.value !== 'string' || item.value === '') continue;
      links.push(link(doc, item, info.docsUrl, `${info.displayName} scope documentation`));
    }
  }
  return links;
}

/** A link over a string's text (inside its quotes). */
function link(doc: ConnectorDocument, node: JsonNode, target: string, tooltip: string): DocumentLink {
  const quoted = node.quote !== '' && node.length >= 2;
  const end = node.offset + node.length - (quoted && node.closed !== false ? 1 : 0);
  return { range: offsetRange(doc.document, node.offset + (quoted ? 1 : 0), end), target, tooltip };
}

function isHttps(url: string | undefined): url is string {
  if (!url) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
