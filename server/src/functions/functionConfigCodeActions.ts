/**
 * Quick fixes in a `function.json(c)`: for a connector automation whose `integration_type` has no connector
 * file, use a close type ("did you mean") or create `<connectorsDir>/<type>.jsonc`; for a key the CLI
 * ignores, use the key it was probably meant to be.
 */
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  Diagnostic,
  OptionalVersionedTextDocumentIdentifier,
  Position,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver';
import { quoteString } from '../features/jsoncEdits';
import { pathToUri } from '../project/uris';
import { ConnectorMissingData, FunctionCode } from './functionConfigValidation';
import type { FunctionConfigRequest } from './functionConfigWorkspace';

export function functionConfigCodeActions(
  request: FunctionConfigRequest,
  diagnostics: readonly Diagnostic[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  const uri = request.doc.document.uri;
  const text = request.doc.document.getText();
  for (const diagnostic of diagnostics.slice(0, 200)) {
    if (diagnostic.source !== 'base44') continue;
    const written = text.slice(
      request.doc.document.offsetAt(diagnostic.range.start),
      request.doc.document.offsetAt(diagnostic.range.end),
    );
    const quote = written.startsWith("'") ? "'" : written.startsWith('"') ? '"' : '';
    if (diagnostic.code === FunctionCode.ConnectorMissing) {
      const data = diagnostic.data as Partial<ConnectorMissingData> | undefined;
      if (!data || typeof data.integrationType !== 'string') continue;
      for (const [i, replacement] of (data.replacements ?? []).entries()) {
        actions.push({
          title: `Did you mean "${replacement}"?`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: i === 0 && request.ctx.connectorTypes.has(replacement),
          edit: { changes: { [uri]: [TextEdit.replace(diagnostic.range, quoteString(replacement, quote || '"'))] } },
        });
      }
      const file = path.join(request.ctx.connectorsDir, `${data.integrationType}.jsonc`);
      // Never write over a file: a `<type>.jsonc` that exists declares some other type.
      if (request.ctx.exists(file)) continue;
      const rel = path.relative(request.project.root, file).split(path.sep).join('/');
      const fileUri = pathToUri(file);
      actions.push({
        title: `Create ${rel}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: {
          documentChanges: [
            CreateFile.create(fileUri, { ignoreIfExists: true }),
            TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(fileUri, null), [
              TextEdit.insert(Position.create(0, 0), newConnectorFile(data.integrationType)),
            ]),
          ],
        },
      });
    } else if (diagnostic.code === FunctionCode.IgnoredKey) {
      const replacement = (diagnostic.data as { replacements?: unknown } | undefined)?.replacements;
      if (!Array.isArray(replacement) || typeof replacement[0] !== 'string') continue;
      actions.push({
        title: `Rename to "${replacement[0]}"`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: [TextEdit.replace(diagnostic.range, quoteString(replacement[0], quote || '"'))] } },
      });
    }
  }
  return actions;
}

/** A connector file the CLI accepts, as `connectors pull` would name it. */
function newConnectorFile(type: string): string {
  return `{\n  "type": ${JSON.stringify(type)},\n  "scopes": []\n}\n`;
}
