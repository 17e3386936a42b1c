import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../catalog/types';
import type { ConnectorCall } from './connectorCalls';
import type { DeclaredConnector } from './functionWorkspace';

/** What completion and hover in a function code file work from: the file, its calls and its project's connectors. */
export interface FunctionCodeRequest {
  readonly document: TextDocument;
  /** The connector calls found in the file. */
  readonly calls: readonly ConnectorCall[];
  /** Type → connector file, for every type the project's connector files declare. */
  readonly declared: ReadonlyMap<string, DeclaredConnector>;
  readonly catalog: Catalog;
  /** The project's root folder (file labels are relative to it). */
  readonly projectRoot: string;
}
