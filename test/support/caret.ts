/**
 * Caret-marked fixtures: `'{ "type": "sl|" }'` → the text without the `|` and the caret's offset.
 * Use `caret(text, '¦')` when the fixture itself needs a `|`. Also builds the documents and feature
 * context the feature tests share.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { catalog } from '../../server/src/catalog/catalog';
import type { ConnectorDocument, FeatureContext, SiblingConnector } from '../../server/src/features/context';
import { parseJson5 } from '../../server/src/parser/json5Parser';

export interface CaretFixture {
  readonly text: string;
  readonly offset: number;
}

export function caret(marked: string, marker = '|'): CaretFixture {
  const offset = marked.indexOf(marker);
  if (offset < 0) throw new Error(`fixture has no caret marker '${marker}': ${marked}`);
  if (marked.indexOf(marker, offset + marker.length) >= 0) throw new Error(`fixture has two caret markers: ${marked}`);
  return { text: marked.slice(0, offset) + marked.slice(offset + marker.length), offset };
}

export const FOLDER_URI = 'file:///project/base44/connectors';

/** A connector document named `fileName` in FOLDER_URI, parsed like the server does. */
export function connectorDoc(text: string, fileName = 'googlecalendar.jsonc'): ConnectorDocument {
  const document = TextDocument.create(`${FOLDER_URI}/${fileName}`, 'base44-connector', 1, text);
  return { document, parsed: parseJson5(text) };
}

/** The real catalog, and a folder holding `fileName` and the given siblings. */
export function featureContext(
  siblings: readonly { fileName: string; type?: string }[] = [],
  fileName = 'googlecalendar.jsonc',
): FeatureContext {
  const others: SiblingConnector[] = siblings.map((s) => ({
    uri: `${FOLDER_URI}/${s.fileName}`,
    fileName: s.fileName,
    type: s.type,
  }));
  return { catalog, folder: { fileName, folderUri: FOLDER_URI, siblings: others } };
}
