/**
 * What a user would otherwise use: VS Code's own JSON engine (`vscode-json-languageservice`) with a JSON
 * Schema generated from the catalog (see jsonSchema.ts), served over LSP on stdio exactly like the
 * product's server, so both are measured with the same client and protocol.
 *
 * It parses each document version once (cached, as VS Code's JSON server does), validates on open and
 * after edits (same debounce as the product), and answers completion and hover.
 */
import { getLanguageService } from 'vscode-json-languageservice';
import { connectorJsonSchema } from './jsonSchema';
import { serveDocuments } from './serveDocuments';

const SCHEMA_URI = 'base44-bench://schemas/connector.json';
const service = getLanguageService({
  clientCapabilities: {
    textDocument: {
      completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], commitCharactersSupport: true } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
  },
});
service.configure({
  validate: true,
  allowComments: true,
  schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.jsonc', '*.json'], schema: connectorJsonSchema() as never }],
});

serveDocuments({
  name: 'bench-json-languageservice',
  parse: (doc) => service.parseJSONDocument(doc),
  validate: (doc, json) => service.doValidation(doc, json, { comments: 'ignore', trailingCommas: 'ignore' }),
  complete: (doc, position, json) => service.doComplete(doc, position, json),
  hover: (doc, position, json) => service.doHover(doc, position, json),
});
