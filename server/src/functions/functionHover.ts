/**
 * Hover on the type string of a connector call in function code: the service, the connector file that declares
 * it and its scopes, or what is missing.
 */
import type { Hover, Position } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import { code, escapeMarkdown, link } from '../features/markdown';
import { pathToUri } from '../project/uris';
import { literalAt } from './callAtOffset';
import { TYPE_METHODS } from './connectorCalls';
import type { FunctionCodeRequest } from './functionCodeRequest';
import { relativeLabel } from './functionDiagnostics';

export function hoverFunctionCode(
  request: FunctionCodeRequest,
  position: Position,
  scopesOf: (file: string) => readonly string[] | undefined,
): Hover | null {
  const { document, calls, declared, catalog, projectRoot } = request;
  const at = literalAt(calls, document.offsetAt(position));
  if (!at || !at.literal.closed) return null;
  const { call, literal } = at;
  const range = { start: document.positionAt(literal.start), end: document.positionAt(literal.end) };
  const type = literal.value;
  const info = catalog.getType(type);
  const lines: string[] = [];
  if (!TYPE_METHODS.has(call.method)) {
    lines.push(`${code(call.method)} takes a connector **ID**, not a type.`);
    return { range, contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') } };
  }
  lines.push(info ? `**${escapeMarkdown(info.displayName)}** ${code(type)}` : `${code(type)} (custom connector type)`);
  if (info) lines.push(escapeMarkdown(info.description));
  const connector = declared.get(type);
  if (connector) {
    const label = relativeLabel(projectRoot, connector.file);
    lines.push(`Declared in ${link(label, pathToUri(connector.file))}`);
    const scopes = scopesOf(connector.file) ?? [];
    if (info?.auth === 'oauth' || scopes.length > 0) {
      lines.push(scopes.length > 0 ? `Scopes: ${scopes.map(code).join(', ')}` : 'Scopes: none listed');
    }
  } else {
    lines.push(
      `**No connector file declares ${code(type)}**: push removes a remote ${code(type)} connector, and this call fails at run time.`,
    );
  }
  const returns =
    call.method === 'callApi'
      ? `${code('callApi')} sends a request through the connector (metered connectors).`
      : call.method === 'getAccessToken'
        ? `${code('getAccessToken')} (deprecated) returns the access token; ${code('getConnection')} returns ${code('{ accessToken, connectionConfig }')}.`
        : `${code('getConnection')} returns ${code('{ accessToken, connectionConfig }')}` +
          (info && info.connectionConfig.length > 0
            ? ` (connectionConfig: ${info.connectionConfig.map((f) => code(f.name)).join(', ')})`
            : '') +
          '.';
  lines.push(returns);
  return { range, contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') } };
}
