/**
 * Outline, breadcrumbs and Go to Symbol: one symbol per property of the connector, `type` with its value
 * (and the service's name), `scopes` with one child per scope. Built on the JSON5 tree, so files in any
 * JSON5 style get an outline too.
 */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import { declaredType, isRootProperty } from '../parser/jsonNavigation';
import type { JsonNode, JsonNodeType } from '../parser/jsonTree';
import type { ConnectorDocument, FeatureContext } from './context';
import { nodeRange } from './ranges';

/** At most this many symbols (VS Code's JSON support stops at 5,000 too): 100k scopes must not flood the client. */
export const MAX_SYMBOLS = 5000;

export function documentSymbols(doc: ConnectorDocument, ctx: FeatureContext): DocumentSymbol[] {
  const root = doc.parsed.root;
  if (root?.type !== 'object' && root?.type !== 'array') return [];
  const builder = new SymbolBuilder(doc, ctx);
  return builder.children(root, 0);
}

/** The flat form, for clients without hierarchical symbol support. */
export function symbolInformation(doc: ConnectorDocument, ctx: FeatureContext): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const visit = (symbols: DocumentSymbol[], container: string | undefined) => {
    for (const s of symbols) {
      out.push({
        name: s.name,
        kind: s.kind,
        location: { uri: doc.document.uri, range: s.range },
        ...(container !== undefined ? { containerName: container } : {}),
      });
      if (s.children) visit(s.children, s.name);
    }
  };
  visit(documentSymbols(doc, ctx), undefined);
  return out;
}

/** Nesting kept in the outline (deeper values are summarized by their container). */
const MAX_DEPTH = 20;

class SymbolBuilder {
  private count = 0;
  private readonly type: string | undefined;

  constructor(
    private readonly doc: ConnectorDocument,
    private readonly ctx: FeatureContext,
  ) {
    this.type = declaredType(doc.parsed);
  }

  /** Symbols for the members of an object (its properties) or an array (its items). */
  children(container: JsonNode, depth: number): DocumentSymbol[] {
    const out: DocumentSymbol[] = [];
    if (depth >= MAX_DEPTH) return out;
    const members = container.children ?? [];
    for (let i = 0; i < members.length && this.count < MAX_SYMBOLS; i++) {
      const member = members[i];
      const symbol =
        member.type === 'property'
          ? this.property(member, depth)
          : this.value(String(i), member, nodeRange(this.doc.document, member), depth);
      if (symbol) out.push(symbol);
    }
    return out;
  }

  private property(property: JsonNode, depth: number): DocumentSymbol | undefined {
    const [key, value] = property.children ?? [];
    if (!key) return undefined;
    const name = typeof key.value === 'string' && key.value !== '' ? key.value : '""';
    const selection = nodeRange(this.doc.document, key);
    const range = nodeRange(this.doc.document, property);
    if (!value) {
      this.count++;
      return { name, kind: SymbolKind.Property, range, selectionRange: selection };
    }
    const isRoot = isRootProperty(property);
    const symbol = this.value(name, value, range, depth, selection);
    if (isRoot && name === 'type' && typeof value.value === 'string' && symbol) {
      const info = this.ctx.catalog.getType(value.value);
      symbol.detail = info ? `${value.value} · ${info.displayName}` : value.value;
    }
    if (isRoot && name === 'scopes' && value.type === 'array' && symbol) {
      const n = value.children?.length ?? 0;
      symbol.detail = `${n} scope${n === 1 ? '' : 's'}`;
      // Each scope by its own text (a Google scope's URL included), with what it grants as detail.
      for (const child of symbol.children ?? []) {
        const item = value.children?.[Number(child.name)];
        if (item?.type !== 'string' || typeof item.value !== 'string') continue;
        child.name = item.value === '' ? '""' : item.value;
        const info = this.type !== undefined ? this.ctx.catalog.getScope(this.type, item.value) : undefined;
        child.detail = info?.description;
        if (child.detail === undefined) delete child.detail;
      }
    }
    return symbol;
  }

  private value(
    name: string,
    node: JsonNode,
    range: DocumentSymbol['range'],
    depth: number,
    selectionRange = nodeRange(this.doc.document, node),
  ): DocumentSymbol | undefined {
    this.count++;
    const symbol: DocumentSymbol = { name, kind: SYMBOL_KINDS[node.type], range, selectionRange };
    if (node.type === 'object' || node.type === 'array') {
      symbol.children = this.children(node, depth + 1);
    } else if (node.type !== 'property') {
      const detail = scalarDetail(node);
      if (detail !== undefined) symbol.detail = detail;
    }
    return symbol;
  }
}

const SYMBOL_KINDS: Record<JsonNodeType, SymbolKind> = {
  object: SymbolKind.Module,
  array: SymbolKind.Array,
  string: SymbolKind.String,
  number: SymbolKind.Number,
  boolean: SymbolKind.Boolean,
  null: SymbolKind.Null,
  property: SymbolKind.Property,
};

/** A scalar's value as the outline shows it (long strings cut). */
function scalarDetail(node: JsonNode): string | undefined {
  if (node.type === 'string' && typeof node.value === 'string') {
    return node.value.length > 80 ? `${node.value.slice(0, 79)}…` : node.value;
  }
  if (node.type === 'number' || node.type === 'boolean' || node.type === 'null') return String(node.value);
  return undefined;
}
