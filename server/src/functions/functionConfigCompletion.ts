/**
 * Completion in a `function.json(c)`: the keys of the object under the caret (root, automation of its kind,
 * condition), the values of literal / enum / boolean fields (automation `type`, `schedule_mode`...), the
 * connector types for `integration_type` (the project's own first, then the catalog's) and entity event types.
 */
import * as path from 'node:path';
import {
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  InsertTextFormat,
  MarkupKind,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver';
import { quoteString } from '../features/jsoncEdits';
import { nodeRange } from '../features/ranges';
import { getCompletionContext, propertyKey } from '../parser/jsonNavigation';
import type { JsonNode } from '../parser/jsonTree';
import { AUTOMATION_TYPE_DOCS } from './functionConfigHover';
import { CONDITION_OPERATORS, Field, Schema, fieldAt, objectSchemasAt } from './functionConfigSchema';
import type { FunctionConfigRequest } from './functionConfigWorkspace';

export function functionConfigCompletion(request: FunctionConfigRequest, position: Position): CompletionList {
  const { document, parsed } = request.doc;
  const text = document.getText();
  const offset = document.offsetAt(position);
  const context = getCompletionContext(parsed, text, offset);
  const items: CompletionItem[] = [];
  const root = parsed.root;
  switch (context.kind) {
    case 'emptyDocument':
      items.push(newFileSnippet(request, Range.create(position, position)));
      break;
    case 'propertyKey': {
      if (!root) break;
      const range = nodeRange(document, context.replaceRange);
      const seen = new Set<string>(context.existingKeys);
      objectSchemasAt(root, context.object).forEach((candidate, rank) => {
        for (const [key, field] of Object.entries(candidate.fields)) {
          if (seen.has(key)) continue;
          seen.add(key);
          items.push(keyItem(key, field, range, context.quote, rank));
        }
      });
      break;
    }
    case 'propertyValue': {
      if (!root) break;
      const found = fieldAt(root, context.property);
      if (!found) break;
      const range = nodeRange(document, context.replaceRange);
      const key = propertyKey(context.property);
      if (key === 'type' && found.owner.title.endsWith('automation')) {
        addAutomationTypes(items, range, context.quote);
      } else if (key === 'integration_type') {
        addConnectorTypes(items, request, range, context.quote);
      } else if (key === 'operator') {
        for (const op of CONDITION_OPERATORS)
          items.push(valueItem(op, range, context.quote, CompletionItemKind.Operator));
      } else if (key !== undefined) {
        // Every kind the object may still be: `schedule_type` offers both "cron" and "simple".
        const seen = new Set<string>();
        for (const candidate of objectSchemasAt(root, context.property.parent!)) {
          const schema = candidate.fields[key]?.schema;
          if (schema) addSchemaValues(items, schema, range, context.quote, seen);
        }
      }
      break;
    }
    case 'arrayItem': {
      if (!root || !context.array.parent || context.propertyKey === undefined) break;
      const found = fieldAt(root, context.array.parent);
      const schema = found?.field.schema;
      if (schema?.kind !== 'array' || schema.item.kind !== 'enum') break;
      const range = nodeRange(document, context.replaceRange);
      const present = new Set((context.array.children ?? []).map((item: JsonNode) => item.value));
      for (const value of schema.item.values) {
        if (!present.has(value)) items.push(valueItem(value, range, context.quote, CompletionItemKind.EnumMember));
      }
      break;
    }
  }
  return { isIncomplete: false, items };
}

function keyItem(
  key: string,
  field: Field,
  range: Range,
  quote: '"' | "'" | '' | undefined,
  rank: number,
): CompletionItem {
  const q = quote === "'" ? "'" : '"';
  const value = valueSnippet(field.schema);
  return {
    label: key,
    kind: CompletionItemKind.Property,
    detail: field.optional ? 'optional' : 'required',
    documentation: {
      kind: MarkupKind.Markdown,
      value: field.doc + (field.defaultValue ? `\n\nDefault: \`${field.defaultValue}\`.` : ''),
    },
    // Required keys first, then the closest automation kind's keys.
    sortText: `${rank}${field.optional ? 1 : 0}${key}`,
    filterText: `${q}${key}${q}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: TextEdit.replace(range, `${q}${key}${q}: ${value}`),
  };
}

function valueSnippet(schema: Schema): string {
  switch (schema.kind) {
    case 'string':
      return '"$1"';
    case 'literal':
      return `"${schema.value}"`;
    case 'enum':
      return `"\${1|${schema.values.join(',')}|}"`;
    case 'array':
      return '[$1]';
    case 'object':
    case 'record':
    case 'lazy':
      return '{$1}';
    case 'boolean':
      return '${1|true,false|}';
    default:
      return '$1';
  }
}

function valueItem(
  value: string,
  range: Range,
  quote: '"' | "'" | '' | undefined,
  kind: CompletionItemKind,
  doc?: string,
): CompletionItem {
  const newText = quoteString(value, quote);
  return {
    label: value,
    kind,
    ...(doc ? { documentation: { kind: MarkupKind.Markdown, value: doc } } : {}),
    filterText: newText,
    textEdit: TextEdit.replace(range, newText),
  };
}

function addSchemaValues(
  items: CompletionItem[],
  schema: Schema,
  range: Range,
  quote: '"' | "'" | '' | undefined,
  seen: Set<string>,
): void {
  const fresh = (value: string) => !seen.has(value) && seen.add(value) !== undefined;
  if (schema.kind === 'literal' || schema.kind === 'enum') {
    for (const v of schema.kind === 'literal' ? [schema.value] : schema.values) {
      if (fresh(v)) items.push(valueItem(v, range, quote, CompletionItemKind.EnumMember));
    }
  } else if (schema.kind === 'boolean') {
    for (const v of ['true', 'false']) {
      if (fresh(v)) items.push({ label: v, kind: CompletionItemKind.Value, textEdit: TextEdit.replace(range, v) });
    }
  }
}

function addAutomationTypes(items: CompletionItem[], range: Range, quote: '"' | "'" | '' | undefined): void {
  for (const [type, doc] of Object.entries(AUTOMATION_TYPE_DOCS))
    items.push(valueItem(type, range, quote, CompletionItemKind.EnumMember, doc));
}

/** The project's connector types first (they work), then the catalog's, marked "no connector file yet". */
function addConnectorTypes(
  items: CompletionItem[],
  request: FunctionConfigRequest,
  range: Range,
  quote: '"' | "'" | '' | undefined,
): void {
  const { catalog, connectorTypes } = request.ctx;
  for (const type of [...connectorTypes].sort()) {
    const info = catalog.getType(type);
    const item = valueItem(type, range, quote, CompletionItemKind.EnumMember, info?.description);
    item.detail = `${info ? `${info.displayName}: ` : ''}connector file in this project`;
    item.sortText = `0${type}`;
    items.push(item);
  }
  for (const info of catalog.types) {
    if (connectorTypes.has(info.type)) continue;
    const item = valueItem(info.type, range, quote, CompletionItemKind.Value, info.description);
    item.detail = `${info.displayName}: no connector file yet`;
    item.sortText = `1${info.type}`;
    items.push(item);
  }
}

function newFileSnippet(request: FunctionConfigRequest, range: Range): CompletionItem {
  const folder = path.basename(path.dirname(request.ctx.file)).replace(/\./g, '-');
  const entry =
    ['index.ts', 'entry.ts', 'index.js', 'entry.js'].find((name) =>
      request.ctx.exists(path.join(path.dirname(request.ctx.file), name)),
    ) ?? 'index.ts';
  const snippet = `{\n\t"name": "\${1:${folder}}",\n\t"entry": "\${2:${entry}}"$0\n}`;
  return {
    label: 'New function config',
    kind: CompletionItemKind.Snippet,
    detail: '{ "name", "entry" }',
    documentation: {
      kind: MarkupKind.Markdown,
      value: 'A function config the Base44 CLI accepts: its name and its entry file.',
    },
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: TextEdit.replace(range, snippet),
  };
}
