/**
 * The floor: an LSP server (stdio, same library and protocol as the product's) that only parses each
 * document with the product's own JSON5 parser (`server/src/parser/json5Parser.ts`, `parseJson5`) and
 * publishes empty diagnostics; completion and hover answer null. Whatever the product costs above this
 * is its own work (validation, catalog look-ups, building answers).
 *
 * Like the product, it keeps the parse of each document version (requests do not re-parse) and
 * validates on open and after edits (same debounce).
 */
import { parseJson5 } from '../server/src/parser/json5Parser';
import { serveDocuments } from './serveDocuments';

serveDocuments({
  name: 'bench-floor',
  parse: (doc) => parseJson5(doc.getText()),
  validate: () => [],
  complete: () => null,
  hover: () => null,
});
