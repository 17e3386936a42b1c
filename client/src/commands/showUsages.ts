/**
 * Runs the language server's usage lens ("used by 2 functions" on a connector file's `type`): shows the calls
 * and automations it lists in the references peek. The server sends plain JSON (uri, position, locations).
 */
import * as vscode from 'vscode';

interface JsonPosition {
  readonly line: number;
  readonly character: number;
}
interface JsonLocation {
  readonly uri: string;
  readonly range: { readonly start: JsonPosition; readonly end: JsonPosition };
}

export async function showConnectorUsagesCommand(uri: unknown, position: unknown, locations: unknown): Promise<void> {
  if (typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations)) return;
  const toPosition = (p: JsonPosition) => new vscode.Position(p.line, p.character);
  const list = locations
    .filter(
      (l): l is JsonLocation => typeof l?.uri === 'string' && isPosition(l?.range?.start) && isPosition(l?.range?.end),
    )
    .map(
      (l) =>
        new vscode.Location(
          vscode.Uri.parse(l.uri),
          new vscode.Range(toPosition(l.range.start), toPosition(l.range.end)),
        ),
    );
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    vscode.Uri.parse(uri),
    toPosition(position),
    list,
  );
}

function isPosition(p: unknown): p is JsonPosition {
  return typeof (p as JsonPosition)?.line === 'number' && typeof (p as JsonPosition)?.character === 'number';
}
