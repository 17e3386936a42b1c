/**
 * Navigation between connector files and the function code that uses them: go to definition (a type string in a
 * call → its connector file), find references (from either side: every call and connector automation using the
 * type), and a code lens on the connector file's `type` ("used by 2 functions").
 */
import type { CodeLens, Location, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeRange } from '../features/ranges';
import { pathToUri } from '../project/uris';
import type { ConnectorUsage, DeclaredConnector, ProjectUsages } from './functionWorkspace';

/** The client command a usage lens runs (arguments: uri, position, locations), like `editor.action.showReferences`. */
const SHOW_USAGES_COMMAND = 'base44.showConnectorUsages';

type DocumentOf = (file: string) => TextDocument | undefined;

export function declarationLocation(connector: DeclaredConnector, documentOf: DocumentOf): Location | undefined {
  const document = documentOf(connector.file);
  if (!document) return undefined;
  return {
    uri: pathToUri(connector.file),
    range: nodeRange(document, connector),
  };
}

export function usageLocations(usages: readonly ConnectorUsage[], documentOf: DocumentOf): Location[] {
  const locations: Location[] = [];
  for (const usage of usages) {
    const document = documentOf(usage.file);
    if (!document) continue;
    locations.push({
      uri: pathToUri(usage.file),
      range: nodeRange(document, usage),
    });
  }
  return locations;
}

/** The connector declared in this connector file whose `type` value holds the offset (or any offset: `anywhere`). */
export function connectorAt(
  declared: ReadonlyMap<string, DeclaredConnector>,
  file: string,
): DeclaredConnector | undefined {
  for (const connector of declared.values()) if (connector.file === file) return connector;
  return undefined;
}

export function usageLens(
  connector: DeclaredConnector,
  usages: ProjectUsages,
  documentOf: DocumentOf,
): CodeLens | undefined {
  const document = documentOf(connector.file);
  if (!document || connector.length === 0) return undefined;
  const list = usages.byType.get(connector.type) ?? [];
  const functions = new Set(list.flatMap((usage) => usage.functions));
  const count = functions.size;
  const range: Range = nodeRange(document, connector);
  const title =
    count === 0
      ? 'used by no function'
      : `used by ${count} function${count === 1 ? '' : 's'}` +
        (count <= 3 ? `: ${[...functions].sort().join(', ')}` : '');
  return {
    range,
    command: {
      title,
      command: SHOW_USAGES_COMMAND,
      arguments: [pathToUri(connector.file), range.start, usageLocations(list, documentOf)],
    },
  };
}

/** A text document for a file, from the open editor or the disk. */
export function documentFor(file: string, text: string | undefined, open?: TextDocument): TextDocument | undefined {
  if (open) return open;
  return text === undefined ? undefined : TextDocument.create(pathToUri(file), 'plaintext', 0, text);
}
