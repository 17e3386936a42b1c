/**
 * Completion for connector files: the two keys, the catalog's types, the documented scopes of the
 * file's type, and a whole-file snippet for an empty file.
 *
 * Every item replaces the whole token under the caret (quotes included) through a `textEdit`, and its
 * `filterText` starts with the quote the user typed, so completion works with or without an opening
 * quote, in single-quoted JSON5 strings and on unquoted keys.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  TextEdit,
  type CompletionItem,
  type CompletionList,
  type MarkupContent,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type { Catalog, ConnectorTypeInfo, ScopeInfo } from '../catalog/types';
import {
  declaredType,
  findNodeAtOffset,
  getCompletionContext,
  isRootProperty,
  type Quote,
} from '../parser/jsonNavigation';
import type { JsonNode, JsonRange } from '../parser/jsonTree';
import type { ConnectorDocument, FeatureContext } from './context';
import {
  authModelText,
  FILE_FORMAT_NOTE,
  SCOPES_FIELD_DOC,
  sensitivityShort,
  sensitivityText,
  GOOGLE_SCOPE_PREFIX,
  shortScopeName,
  TYPE_FIELD_DOC,
} from './fieldDocs';
import { mightMatch, mightMatchLowerCase } from './completionFilter';
import { findComma } from './jsoncEdits';
import { code } from './markdown';
import { offsetRange } from './ranges';

const TRIGGER_SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** Types offered first in the new-file snippet: the ones the Base44 docs use as examples. */
const COMMON_TYPES = [
  'googlecalendar',
  'slack',
  'slackbot',
  'notion',
  'gmail',
  'googledrive',
  'googlesheets',
  'github',
  'hubspot',
  'salesforce',
];

/** What the editor supports, from its `initialize` capabilities. */
export interface CompletionOptions {
  /** `completionList.itemDefaults` includes `editRange` and `data` (LSP 3.17): lets the list be compact. */
  readonly itemDefaults?: boolean;
}

export function doComplete(
  doc: ConnectorDocument,
  position: Position,
  ctx: FeatureContext,
  options: CompletionOptions = {},
): CompletionList {
  const items: CompletionItem[] = [];
  const { document, parsed } = doc;
  const text = document.getText();
  const offset = document.offsetAt(position);
  const context = getCompletionContext(parsed, text, offset);
  const compact = options.itemDefaults === true;
  let target: EditTarget | undefined;

  switch (context.kind) {
    case 'emptyDocument':
      items.push(newFileSnippet(ctx.catalog, { start: position, end: position }));
      break;
    case 'propertyKey':
      if (context.object.parent === undefined) {
        target = editTarget(doc, context.replaceRange, context.quote, offset, context.object, undefined, compact);
        addKeys(items, target, context.existingKeys);
      }
      break;
    case 'propertyValue':
      if (isRootProperty(context.property)) {
        target = editTarget(
          doc,
          context.replaceRange,
          context.quote,
          offset,
          context.property.parent!,
          context.property,
          compact,
        );
        if (context.key === 'type') addTypes(items, target, ctx);
        else if (context.key === 'scopes') addScopesArray(items, target);
      }
      break;
    case 'arrayItem':
      if (context.propertyKey === 'scopes' && isRootProperty(context.array.parent)) {
        const type = declaredType(parsed);
        const info = type === undefined ? undefined : ctx.catalog.getType(type);
        if (info) {
          target = editTarget(doc, context.replaceRange, context.quote, offset, context.array, undefined, compact);
          addScopes(items, target, info, context.array);
        }
      }
      break;
  }
  if (!target) return { isIncomplete: false, items };
  // Items the typed text rules out were not sent: the list is incomplete, so the editor asks again.
  const isIncomplete = target.skipped > 0;
  if (!compact) return { isIncomplete, items };
  // What every item shares travels once, in itemDefaults: a type list is a fraction of the bytes.
  return {
    isIncomplete,
    itemDefaults: { editRange: target.range, ...(target.data ? { data: target.data } : {}) },
    items,
  };
}

/**
 * What a type or scope item carries so that `resolveCompletion` can add its documentation later: the
 * editor asks only for the focused item, which keeps each completion answer small (a few KB, not 40).
 */
const TYPE_DATA: ResolveData = { kind: 'type' };

type ResolveData =
  /** A `type` value item: its label is the type. */
  | { readonly kind: 'type' }
  /** A scope item of this connector type: its label is the scope. */
  | { readonly kind: 'scope'; readonly type: string };

/** `completionItem/resolve`: adds the detail and documentation of a type or scope item. */
export function resolveCompletion(item: CompletionItem, catalog: Catalog): CompletionItem {
  const data = item.data as Partial<{ kind: string; type: string }> | undefined;
  if (item.documentation || typeof item.label !== 'string') return item;
  if (data?.kind === 'type') {
    const info = catalog.getType(item.label);
    return info ? { ...item, detail: item.detail ?? info.displayName, documentation: typeDocumentation(info) } : item;
  }
  if (data?.kind === 'scope' && typeof data.type === 'string') {
    const info = catalog.getType(data.type);
    const scope =
      info &&
      (catalog.getScope(info.type, item.label) ?? catalog.getScope(info.type, GOOGLE_SCOPE_PREFIX + item.label));
    return info && scope ? { ...item, documentation: scopeDocumentation(scope, info) } : item;
  }
  return item;
}

// ---------------------------------------------------------------------------------------------------
// Where an item goes

/** How every item of one request is inserted: the range it replaces and the separators it needs. */
interface EditTarget {
  readonly range: Range;
  /** The quote the user typed ('' when none): filter texts start with it. */
  readonly typed: Quote;
  /** The quote to write: the one typed, else double quotes. */
  readonly quote: '"' | "'";
  /** Offset of the token being replaced (to recognise it among the container's children). */
  readonly tokenOffset: number;
  /** A space to put after a `:` or `,` typed just before the caret (`"type":|`). */
  readonly before: string;
  /** `,` to append when another member follows without a separator. */
  readonly after: string;
  /** A `:` already follows the replaced token (only a key is completed, not a whole property). */
  readonly colonFollows: boolean;
  /** Inserts the `,` missing after the previous member (a new line was started without one). */
  readonly additionalTextEdits?: TextEdit[];
  /** What the user typed of the token (quote included), when it can rule items out. */
  readonly typedText: string | undefined;
  /**
   * The same in lower case without its opening quote, when it holds no other quote: then it can be matched
   * against an item's unquoted, lower-cased filter core, the same verdict for less work.
   */
  readonly typedWord: string | undefined;
  /** Items go out in compact form: `textEditText`, with range and data in the list's itemDefaults. */
  readonly compact: boolean;
  /** The resolve data every item of this request shares. */
  data?: ResolveData;
  /** How many items the typed text ruled out. */
  skipped: number;
}

function editTarget(
  doc: ConnectorDocument,
  replace: JsonRange,
  typed: Quote | undefined,
  offset: number,
  container: JsonNode,
  self: JsonNode | undefined,
  compact: boolean,
): EditTarget {
  const text = doc.document.getText();
  const typedText = text.slice(replace.offset, offset);
  // Filter texts are `typed + core + typed`: past the typed quote, a word without quotes matches the core.
  const typedWord = typedText.slice(typed?.length ?? 0);
  let end = replace.offset + replace.length;
  // An unterminated string runs to the end of the line; only replace up to the end of the word at the
  // caret so that a `}` or `]` later on the line survives.
  const token = replace.length > 0 ? findNodeAtOffset(doc.parsed.root, replace.offset) : undefined;
  if (token?.type === 'string' && token.offset === replace.offset && token.closed === false) {
    end = offset;
    while (end < text.length && !/[\s,\]}'"]/.test(text[end])) end++;
  }

  // The members around the new one, to add the commas JSON5 needs. `self` is the property whose value
  // is completed: it sits between the value and any previous member.
  let previous: JsonNode | undefined;
  let next: JsonNode | undefined;
  for (const child of container.children ?? []) {
    if (child === self || child.offset === replace.offset) continue;
    if (child.offset + child.length <= replace.offset) previous = self ? undefined : child;
    else if (child.offset >= end) {
      next = child;
      break;
    }
  }
  let additionalTextEdits: TextEdit[] | undefined;
  if (previous) {
    const previousEnd = previous.offset + previous.length;
    if (findComma(text, previousEnd, replace.offset) < 0) {
      additionalTextEdits = [TextEdit.insert(doc.document.positionAt(previousEnd), ',')];
    }
  }
  // Renaming the key of an existing property (`"ty|": …`): the colon and the value are already there.
  let i = end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const colonFollows = text[i] === ':';
  // `"type": |` followed by a line `"scopes": []`: the parser took `"scopes"` for the value being typed.
  const following = self?.children?.[1] && self.children[1].offset >= end ? self.children[1] : next;
  const after = following && !colonFollows && findComma(text, end, following.offset) < 0 ? ',' : '';
  return {
    colonFollows,
    range: offsetRange(doc.document, replace.offset, end),
    typed: typed ?? '',
    quote: typed === "'" ? "'" : '"',
    tokenOffset: replace.offset,
    before: replace.length === 0 && (text[replace.offset - 1] === ':' || text[replace.offset - 1] === ',') ? ' ' : '',
    after,
    additionalTextEdits,
    typedText: typedText.replace(/^["']/, '') === '' ? undefined : typedText,
    typedWord: /["']/.test(typedWord) ? undefined : typedWord.toLowerCase(),
    compact,
    skipped: 0,
  };
}

/**
 * Does what the user typed rule out an item? (Counted: the list is then incomplete.) `core` is given for
 * items whose filter text is `typed + core + typed`.
 */
function ruledOut(edit: EditTarget, filterText: string, core?: string): boolean {
  if (edit.typedText === undefined) return false;
  const keep =
    core !== undefined && edit.typedWord !== undefined
      ? mightMatchLowerCase(edit.typedWord, core.toLowerCase())
      : mightMatch(edit.typedText, filterText);
  if (!keep) edit.skipped++;
  return !keep;
}

/**
 * Adds one item inserting `insert` at the target, unless what was typed rules it out. `fields` is the
 * item's own object (built for this request), completed in place; `core` as for `ruledOut`.
 */
function addItem(
  items: CompletionItem[],
  edit: EditTarget,
  insert: string,
  fields: CompletionItem,
  core?: string,
): void {
  if (!ruledOut(edit, fields.filterText ?? fields.label, core)) pushItem(items, edit, insert, fields);
}

/** `text` between two `quote`s (`quote` may be ''). */
function quoted(text: string, quote: Quote): string {
  return quote === '' ? text : quote + text + quote;
}

/** Completes `fields` with its edit (compact or not) and adds it: the caller already checked `ruledOut`. */
function pushItem(items: CompletionItem[], edit: EditTarget, insert: string, fields: CompletionItem): void {
  const newText = edit.before === '' && edit.after === '' ? insert : edit.before + insert + edit.after;
  if (edit.compact) fields.textEditText = newText;
  else {
    fields.textEdit = TextEdit.replace(edit.range, newText);
    if (edit.data) fields.data = edit.data;
  }
  if (edit.additionalTextEdits) fields.additionalTextEdits = edit.additionalTextEdits;
  items.push(fields);
}

/** Escapes text for a snippet (outside placeholders). */
function snippetText(value: string): string {
  return value.replace(/[$}\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------
// Keys

const KEY_DOCS: Record<string, MarkupContent> = {
  type: { kind: MarkupKind.Markdown, value: `${TYPE_FIELD_DOC}\n\n${FILE_FORMAT_NOTE}` },
  scopes: { kind: MarkupKind.Markdown, value: `${SCOPES_FIELD_DOC}\n\n${FILE_FORMAT_NOTE}` },
};

function addKeys(items: CompletionItem[], edit: EditTarget, existing: readonly string[]): void {
  const q = edit.quote;
  const keys = [
    { key: 'type', value: `${q}$1${q}`, command: TRIGGER_SUGGEST },
    { key: 'scopes', value: '[$1]', command: undefined },
  ];
  keys.forEach(({ key, value, command }, i) => {
    if (existing.includes(key)) return;
    addItem(
      items,
      edit,
      edit.colonFollows ? `${q}${key}${q}` : `${q}${key}${q}: ${value}`,
      {
        label: key,
        kind: CompletionItemKind.Property,
        documentation: KEY_DOCS[key],
        filterText: `${edit.typed}${key}${edit.typed}`,
        sortText: String(i),
        insertTextFormat: InsertTextFormat.Snippet,
        ...(edit.colonFollows || !command ? {} : { command }),
      },
      key,
    );
  });
}

// ---------------------------------------------------------------------------------------------------
// Values of `type`

const typeDocs = new WeakMap<ConnectorTypeInfo, MarkupContent>();

function typeDocumentation(info: ConnectorTypeInfo): MarkupContent {
  let doc = typeDocs.get(info);
  if (!doc) {
    doc = {
      kind: MarkupKind.Markdown,
      value: `${info.description}\n\n**Authentication:** ${authModelText(info.auth)}`,
    };
    typeDocs.set(info, doc);
  }
  return doc;
}

function addTypes(items: CompletionItem[], edit: EditTarget, ctx: FeatureContext): void {
  // The CLI rejects a type defined in two files: such types are still offered (the user may be moving a
  // connector) but marked and sorted after the rest.
  const usedBy = new Map<string, string>();
  for (const sibling of ctx.folder.siblings) {
    if (sibling.type !== undefined && !usedBy.has(sibling.type)) usedBy.set(sibling.type, sibling.fileName);
  }
  edit.data = TYPE_DATA;
  ctx.catalog.types.forEach((info, i) => {
    const filterText = quoted(info.type, edit.typed);
    if (ruledOut(edit, filterText, info.type)) return;
    const usedIn = usedBy.get(info.type);
    const fields: CompletionItem = {
      label: info.type,
      kind: CompletionItemKind.EnumMember,
      // The service name shows inline; the full detail and documentation come with resolve.
      labelDetails: usedIn ? { description: `already used by ${usedIn}` } : { description: info.displayName },
      filterText,
      sortText: `${usedIn ? 1 : 0}${String(i).padStart(4, '0')}`,
    };
    if (usedIn) fields.detail = `${info.displayName} — already used by ${usedIn}`;
    pushItem(items, edit, quoted(info.type, edit.quote), fields);
  });
}

// ---------------------------------------------------------------------------------------------------
// Value of `scopes`

function addScopesArray(items: CompletionItem[], edit: EditTarget): void {
  addItem(items, edit, '[$1]', {
    label: '[]',
    kind: CompletionItemKind.Value,
    detail: 'Array of OAuth scopes',
    documentation: KEY_DOCS.scopes,
    insertTextFormat: InsertTextFormat.Snippet,
    command: TRIGGER_SUGGEST,
  });
}

// ---------------------------------------------------------------------------------------------------
// Items of `scopes`

const scopeDocs = new WeakMap<ScopeInfo, MarkupContent>();

function scopeDocumentation(scope: ScopeInfo, info: ConnectorTypeInfo): MarkupContent {
  let doc = scopeDocs.get(scope);
  if (!doc) {
    const parts = shortScopeName(scope.scope) ? [code(scope.scope), scope.description] : [scope.description];
    const sensitivity = sensitivityText(scope, info);
    if (sensitivity) parts.push(sensitivity);
    if (scope.deprecated) {
      const replacement = scope.deprecated.replacement ?? [];
      parts.push(
        `**Deprecated:** ${scope.deprecated.note}${replacement.length ? ` Use ${replacement.map(code).join(' or ')} instead.` : ''}`,
      );
    }
    if (scope.implies && scope.implies.length > 0) {
      parts.push(`Also grants: ${scope.implies.map((implied) => code(shortScopeName(implied) ?? implied)).join(', ')}`);
    }
    doc = { kind: MarkupKind.Markdown, value: parts.join('\n\n') };
    scopeDocs.set(scope, doc);
  }
  return doc;
}

/** A template scope such as `session:role:<role_name>` as a snippet body: each `<...>` part a placeholder. */
function snippetBody(template: string): string {
  let n = 0;
  return template
    .split(/(<[^>]+>)/)
    .map((part) => (/^<[^>]+>$/.test(part) ? `\${${++n}:${snippetText(part.slice(1, -1))}}` : snippetText(part)))
    .join('');
}

function addScopes(items: CompletionItem[], edit: EditTarget, info: ConnectorTypeInfo, array: JsonNode): void {
  const listed = new Set<unknown>();
  for (const child of array.children ?? []) if (child.offset !== edit.tokenOffset) listed.add(child.value);
  const q = edit.quote;
  edit.data = { kind: 'scope', type: info.type };

  info.scopes.forEach((scope, i) => {
    if (listed.has(scope.scope)) return;
    // Matched after the typed quote: the scope as written. A Google scope's short name ("calendar.rea") is part of
    // its URL, so typing either finds it (a separate copy of the short name would only add bytes to every answer of
    // a list the editor asks again at each keystroke).
    const filterText = quoted(scope.scope, edit.typed);
    if (ruledOut(edit, filterText, scope.scope)) return;
    const completion: CompletionItem = {
      // Google scopes all start with the same URL: the list shows what differs ("calendar.readonly").
      label: shortScopeName(scope.scope) ?? scope.scope,
      kind: CompletionItemKind.Value,
      filterText,
      // Catalog order, deprecated scopes last.
      sortText: `${scope.deprecated ? 1 : 0}${String(i).padStart(4, '0')}`,
    };
    const detail = sensitivityShort(scope, info);
    if (detail) completion.detail = detail;
    if (scope.deprecated) completion.tags = [CompletionItemTag.Deprecated];
    if (scope.pattern !== undefined) completion.insertTextFormat = InsertTextFormat.Snippet;
    pushItem(items, edit, quoted(scope.pattern ? snippetBody(scope.scope) : scope.scope, q), completion);
  });
}

// ---------------------------------------------------------------------------------------------------
// Empty file

const snippets = new WeakMap<Catalog, CompletionItem>();

function newFileSnippet(catalog: Catalog, range: Range): CompletionItem {
  let template = snippets.get(catalog);
  if (!template) {
    const known = new Set(catalog.types.map((t) => t.type));
    const common = COMMON_TYPES.filter((t) => known.has(t));
    const choices = [...common, ...catalog.types.map((t) => t.type).filter((t) => !common.includes(t))];
    // Types match ^[a-z0-9_-]+$, so they need no escaping inside a snippet choice.
    const insert = `{\n\t"type": "\${1|${choices.join(',')}|}",\n\t"scopes": [$2]\n}`;
    template = {
      label: 'New connector',
      kind: CompletionItemKind.Snippet,
      detail: '{ "type": …, "scopes": [] }',
      documentation: KEY_DOCS.type,
      insertTextFormat: InsertTextFormat.Snippet,
      insertText: insert,
    };
    snippets.set(catalog, template);
  }
  return { ...template, textEdit: TextEdit.replace(range, template.insertText!) };
}
