/**
 * Completion of connector types inside `getConnection("…")`, `getAccessToken("…")` and `callApi("…")`: the types
 * the project declares first (with their file), then the Base44 types it does not, marked "no connector file yet".
 */
import { CompletionItem, CompletionItemKind, CompletionList, TextEdit } from 'vscode-languageserver';
import type { Position } from 'vscode-languageserver';
import { emptyArgumentAt, literalAt } from './callAtOffset';
import { TYPE_METHODS } from './connectorCalls';
import type { FunctionCodeRequest } from './functionCodeRequest';
import { relativeLabel } from './functionDiagnostics';

export function completeFunctionCode(request: FunctionCodeRequest, position: Position): CompletionList | null {
  const { document, calls, declared, catalog, projectRoot } = request;
  const offset = document.offsetAt(position);
  const text = document.getText();
  const at = literalAt(calls, offset);
  let range;
  let quote = '';
  if (at) {
    if (!TYPE_METHODS.has(at.call.method)) return null;
    const { literal } = at;
    range = {
      start: document.positionAt(literal.start + 1),
      end: document.positionAt(literal.closed ? literal.end - 1 : literal.end),
    };
  } else {
    const call = emptyArgumentAt(text, calls, offset);
    if (!call || !TYPE_METHODS.has(call.method)) return null;
    range = { start: position, end: position };
    quote = '"';
  }
  const items: CompletionItem[] = [];
  for (const connector of declared.values()) {
    const info = catalog.getType(connector.type);
    items.push({
      label: connector.type,
      kind: CompletionItemKind.EnumMember,
      detail: `${info ? info.displayName + ' · ' : ''}${relativeLabel(projectRoot, connector.file)}`,
      sortText: `0${connector.type}`,
      filterText: quote + connector.type,
      textEdit: TextEdit.replace(range, quote + connector.type + quote),
    });
  }
  for (const info of catalog.types) {
    if (declared.has(info.type)) continue;
    items.push({
      label: info.type,
      kind: CompletionItemKind.Value,
      detail: `${info.displayName} · no connector file yet`,
      documentation: info.description,
      sortText: `1${info.type}`,
      filterText: quote + info.type,
      textEdit: TextEdit.replace(range, quote + info.type + quote),
    });
  }
  return { isIncomplete: false, items };
}
