/**
 * Adding scopes to an existing connector file (Add Connector on a type that has its file), as text:
 * through jsonc-parser's `modify` (checked, see jsoncEdits.ts) so they follow the file's layout; a one-line
 * list or a JSON5 file gets the scope after its last item, in that item's quotes. No vscode import.
 */
import { type FileEdit, modifyRootProperty, quoteString } from '../../../server/src/features/jsoncEdits';
import { parseJson5 } from '../../../server/src/parser/json5Parser';
import { findProperty, nodeValue } from '../../../server/src/parser/jsonNavigation';

/** The scopes a connector file lists, or undefined when its `scopes` is not a list of strings it can extend. */
export function listedScopes(text: string): string[] | undefined {
  const parsed = parseJson5(text);
  if (parsed.errors.length > 0 || parsed.root?.type !== 'object') return undefined;
  const scopes = findProperty(parsed.root, 'scopes')?.children?.[1];
  if (!scopes) return [];
  const value = nodeValue(scopes);
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** The text with `scopes` appended (or the property added after `type`); undefined when no safe edit exists. */
export function withScopes(text: string, scopes: readonly string[]): string | undefined {
  let current = text;
  const parsed = parseJson5(current);
  if (!findProperty(parsed.root, 'scopes')) {
    const edits = modifyRootProperty(current, parsed, 'scopes', [...scopes], { after: 'type' });
    return edits && applyFileEdits(current, edits);
  }
  for (const scope of scopes) {
    const now = parseJson5(current);
    const edits = modifyRootProperty(current, now, 'scopes', scope, { append: true });
    const next = edits ? applyFileEdits(current, edits) : appendInline(current, now, scope);
    if (next === undefined) return undefined;
    current = next;
  }
  return current;
}

/** A one-line list or a JSON5 file: the scope goes after the last item, in that item's quotes. */
function appendInline(text: string, parsed: ReturnType<typeof parseJson5>, scope: string): string | undefined {
  const array = findProperty(parsed.root, 'scopes')?.children?.[1];
  if (array?.type !== 'array' || array.closed === false) return undefined;
  const last = array.children?.[array.children.length - 1];
  if (!last) return `${text.slice(0, array.offset + 1)}${quoteString(scope, '"')}${text.slice(array.offset + 1)}`;
  const at = last.offset + last.length;
  return `${text.slice(0, at)}, ${quoteString(scope, last.quote)}${text.slice(at)}`;
}

function applyFileEdits(text: string, edits: readonly FileEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  return out;
}
