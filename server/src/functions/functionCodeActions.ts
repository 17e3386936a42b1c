/**
 * Quick fixes for diagnostics in function code: create the missing connector file (a ready file for that type),
 * or use a close type ("did you mean").
 */
import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  TextEdit,
  type Diagnostic,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../catalog/types';
import { DIAGNOSTIC_SOURCE } from '../features/diagnosticCodes';
import { pathToUri } from '../project/uris';
import { FunctionCode, type NotDeclaredData } from './functionDiagnostics';

export function functionCodeActions(
  document: TextDocument,
  diagnostics: readonly Diagnostic[],
  catalog: Catalog,
  exists: (file: string) => boolean,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics.slice(0, 200)) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== FunctionCode.ConnectorNotDeclared) continue;
    const data = diagnostic.data as (NotDeclaredData & { canCreate?: boolean }) | undefined;
    if (!data || typeof data.type !== 'string') continue;
    // Never write over a file: a `<type>.jsonc` that exists but declares something else is the user's to fix.
    if (data.canCreate && typeof data.createPath === 'string' && !exists(data.createPath)) {
      const uri = pathToUri(data.createPath);
      actions.push({
        title: `Create ${data.createLabel}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: (data.replacements ?? []).length === 0,
        edit: {
          documentChanges: [
            CreateFile.create(uri, { overwrite: false, ignoreIfExists: false }),
            TextDocumentEdit.create({ uri, version: null }, [
              TextEdit.insert({ line: 0, character: 0 }, connectorFileText(data.type, catalog)),
            ]),
          ],
        },
      });
    }
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    const quote = document.getText().charAt(start);
    if (end - start < 2 || !`'"\``.includes(quote)) continue;
    for (const [index, replacement] of (data.replacements ?? []).entries()) {
      if (typeof replacement !== 'string' || !/^[a-z0-9_-]+$/i.test(replacement)) continue;
      actions.push({
        title: `Change to "${replacement}"`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: index === 0,
        edit: { changes: { [document.uri]: [TextEdit.replace(diagnostic.range, quote + replacement + quote)] } },
      });
    }
  }
  return actions;
}

/** A new connector file for the type, as `base44 connectors pull` would name it; JSON5 like the docs' example. */
function connectorFileText(type: string, catalog: Catalog): string {
  const info = catalog.getType(type);
  if (info && info.auth !== 'oauth') return `{\n  "type": ${JSON.stringify(type)},\n}\n`;
  const hint = info
    ? `  // The ${info.displayName} scopes your functions need (completion lists them).\n`
    : '  // The scopes the service needs, if any.\n';
  return `{\n  "type": ${JSON.stringify(type)},\n${hint}  "scopes": [],\n}\n`;
}
