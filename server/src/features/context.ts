import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../catalog/types';
import type { ParsedJson5 } from '../parser/jsonTree';

/** One connector file as the features see it: text, its parse (cached per version by the caller). */
export interface ConnectorDocument {
  readonly document: TextDocument;
  readonly parsed: ParsedJson5;
}

/** Another connector file of the same folder (the CLI reads the folder as a whole). */
export interface SiblingConnector {
  readonly uri: string;
  readonly fileName: string;
  /** Its `type` when it is a string (after JSON5 last-wins). */
  readonly type: string | undefined;
}

/** Where a connector file sits: which folder, which other files share it. */
interface FolderContext {
  /** The file's own name, e.g. "slack.jsonc". */
  readonly fileName: string;
  /** URI of the connectors folder (no trailing slash). */
  readonly folderUri: string;
  /** The other connector files of the folder (not this one). */
  readonly siblings: readonly SiblingConnector[];
}

/** Everything a feature needs besides the request itself. */
export interface FeatureContext {
  readonly catalog: Catalog;
  readonly folder: FolderContext;
}
