/**
 * Hover in a `function.json(c)`: every key explains itself (what it does, required or not, its default),
 * automation kinds are explained on their `type`, and `integration_type` shows the connector and whether
 * the project has a file for it.
 */
import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import { nodeRange } from '../features/ranges';
import { findNodeAtOffset, propertyKey } from '../parser/jsonNavigation';
import type { JsonNode } from '../parser/jsonTree';
import { FUNCTION_CONFIG, fieldAt } from './functionConfigSchema';
import type { FunctionConfigRequest } from './functionConfigWorkspace';

export const AUTOMATION_TYPE_DOCS: Readonly<Record<string, string>> = {
  scheduled:
    '**Scheduled automation**: runs the function at set times. `"schedule_mode": "one-time"` with `one_time_date`, ' +
    'or `"recurring"` with `"schedule_type": "cron"` (`cron_expression`) or `"simple"` (`repeat_unit`, `repeat_interval`).',
  entity:
    '**Entity automation**: runs the function when records of `entity_name` are created, updated or deleted ' +
    '(`event_types`, at least one).',
  connector:
    '**Connector automation**: runs the function on webhook events of a connector (`integration_type`, `events`; ' +
    '`[]` means every event). The project needs a connector file of that type.',
};

export function functionConfigHover(request: FunctionConfigRequest, position: Position): Hover | null {
  const { document, parsed } = request.doc;
  const root = parsed.root;
  if (!root) return null;
  const node = findNodeAtOffset(root, document.offsetAt(position));
  if (!node) return null;
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  if (!property) return null;
  const isKey = property.children?.[0] === node;
  const key = propertyKey(property);
  const found = fieldAt(root, property);
  if (!found || key === undefined) return null;
  const { field, owner } = found;
  const lines: string[] = [];
  if (isKey) {
    lines.push(
      `**\`${key}\`** (${field.optional ? 'optional' : 'required'}) — ${owner === FUNCTION_CONFIG ? 'function config' : owner.title}`,
    );
    lines.push('', field.doc);
    if (field.nullable) lines.push('', 'May be `null`.');
    if (field.defaultValue) lines.push('', `Default: \`${field.defaultValue}\`.`);
  } else if (key === 'type' && typeof node.value === 'string' && AUTOMATION_TYPE_DOCS[node.value]) {
    lines.push(AUTOMATION_TYPE_DOCS[node.value]);
  } else if (key === 'integration_type' && typeof node.value === 'string') {
    lines.push(...connectorLines(request, node));
  } else {
    return null;
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: nodeRange(document, node) };
}

function connectorLines(request: FunctionConfigRequest, node: JsonNode): string[] {
  const type = String(node.value);
  const info = request.ctx.catalog.getType(type);
  const lines = [info ? `**${info.displayName}** (\`${type}\`)` : `**\`${type}\`** (not a Base44 connector type)`];
  if (info) lines.push('', info.description);
  lines.push(
    '',
    request.ctx.connectorTypes.has(type)
      ? 'The project has a connector file of this type.'
      : 'No connector file of this project declares this type: the automation has no connection to listen to.',
  );
  return lines;
}
