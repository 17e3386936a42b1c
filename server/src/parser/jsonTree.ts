/**
 * The syntax tree the language server works on.
 *
 * Connector files are read by the Base44 CLI with JSON5 (comments, trailing commas, single quotes,
 * unquoted keys, hex numbers, Infinity/NaN, a BOM). jsonc-parser understands only JSONC, so the
 * server has its own tolerant JSON5 parser (`json5Parser.ts`) that produces this tree, shaped like
 * jsonc-parser's `Node` so its ideas (and tests) carry over.
 */

export type JsonNodeType = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';

export interface JsonNode {
  readonly type: JsonNodeType;
  /** Offset of the first character of the node in the document text (UTF-16 code units). */
  readonly offset: number;
  /** Length in UTF-16 code units. For an unterminated string or container: up to where parsing stopped. */
  readonly length: number;
  readonly parent?: JsonNode;
  /**
   * object: its `property` nodes, in source order (duplicates kept: JSON5 says the last one wins).
   * array: its items. property: `[key]` or `[key, value]` (value missing while the user is typing).
   */
  readonly children?: JsonNode[];
  /** Scalars: the JSON5 value (string, number incl. Infinity/NaN/-0, boolean, null). Keys: the key string. */
  readonly value?: unknown;
  /** property: offset of the `:` (undefined when missing). */
  readonly colonOffset?: number;
  /** string nodes and property keys: how it was written. '' = unquoted identifier key. */
  readonly quote?: '"' | "'" | '';
  /**
   * string nodes: false when the closing quote is missing (user still typing).
   * (Added) objects/arrays: true when the closing bracket was found, false when it is missing.
   */
  readonly closed?: boolean;
}

/** A range in the document text (UTF-16 code units). */
export interface JsonRange {
  readonly offset: number;
  readonly length: number;
}

export interface JsonSyntaxError {
  /** Human message in the words of the json5 library the CLI uses, e.g. "invalid character 'x'". */
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  /** What the grammar expected there, e.g. "',' or '}'" (absent for errors inside a string or number). */
  readonly expected?: string;
}

export interface ParsedJson5 {
  /** The root value node, if any value started. */
  readonly root: JsonNode | undefined;
  /**
   * Syntax errors. Empty exactly when `JSON5.parse(text)` (json5@2.2.3, as bundled in base44 0.1.18)
   * succeeds. The first one is where json5 itself stops.
   */
  readonly errors: readonly JsonSyntaxError[];
  /** (Added) Every line and block comment, in order; an unterminated block comment runs to the end. */
  readonly comments?: readonly JsonRange[];
  /**
   * (Added) True when containers nested deeper than the tree's depth limit were parsed (and checked)
   * but left out of the tree, so code walking the tree recursively cannot overflow the stack.
   */
  readonly truncated?: boolean;
}
