/**
 * Helpers the editor features use on the JSON5 tree: node lookup by offset, paths, property lookup with
 * JSON5 semantics, and the completion context at a caret (working in half-typed documents).
 */

import type { JsonNode, JsonRange, ParsedJson5 } from './jsonTree';
import { isWordChar } from './json5Chars';
import { MSG_END_OF_INPUT, skipTriviaFrom } from './json5Scanner';
import { nodeValue } from './json5Parser';

export { nodeValue };

type JsonPath = (string | number)[];
export type Quote = '"' | "'" | '';

function nodeEnd(node: JsonNode): number {
  return node.offset + node.length;
}

function contains(node: JsonNode, offset: number, includeRightBound: boolean): boolean {
  return (offset >= node.offset && offset < nodeEnd(node)) || (includeRightBound && offset === nodeEnd(node));
}

/** The deepest node containing `offset` (jsonc-parser's `findNodeAtOffset` semantics). */
export function findNodeAtOffset(
  root: JsonNode | undefined,
  offset: number,
  includeRightBound = false,
): JsonNode | undefined {
  if (root === undefined || !contains(root, offset, includeRightBound)) return undefined;
  let node = root;
  for (;;) {
    const children = node.children;
    let next: JsonNode | undefined;
    if (children !== undefined) {
      for (let i = 0; i < children.length && children[i].offset <= offset; i++) {
        if (contains(children[i], offset, includeRightBound)) {
          next = children[i];
          break;
        }
      }
    }
    if (next === undefined) return node;
    node = next;
  }
}

/** Path from the root to `node`, e.g. ['scopes', 1] (jsonc-parser's `getNodePath` semantics). */
export function getNodePath(node: JsonNode): JsonPath {
  const path: JsonPath = [];
  for (let child = node; child.parent !== undefined; child = child.parent) {
    const parent = child.parent;
    if (parent.type === 'property') {
      const key = parent.children?.[0]?.value;
      if (key !== undefined) path.push(String(key));
    } else if (parent.type === 'array') {
      const index = parent.children?.indexOf(child) ?? -1;
      if (index !== -1) path.push(index);
    }
  }
  return path.reverse();
}

/** The property key string of a property node. */
export function propertyKey(property: JsonNode): string | undefined {
  const key = property.children?.[0]?.value;
  return typeof key === 'string' ? key : undefined;
}

/** All `property` nodes with that key, in source order (several = duplicate keys). */
export function findProperties(object: JsonNode | undefined, key: string): JsonNode[] {
  if (object?.type !== 'object' || object.children === undefined) return [];
  return object.children.filter((property) => propertyKey(property) === key);
}

/** The property with that key that JSON5 uses: the last one. */
export function findProperty(object: JsonNode | undefined, key: string): JsonNode | undefined {
  if (object?.type !== 'object' || object.children === undefined) return undefined;
  for (let i = object.children.length - 1; i >= 0; i--) {
    if (propertyKey(object.children[i]) === key) return object.children[i];
  }
  return undefined;
}

/** The value node of the property with that key that JSON5 uses (undefined while the value is missing). */
export function findPropertyValue(object: JsonNode | undefined, key: string): JsonNode | undefined {
  return findProperty(object, key)?.children?.[1];
}

/** Whether `node` is a property of the root object (connector files only care about top-level keys). */
export function isRootProperty(node: JsonNode | undefined): node is JsonNode {
  return node?.type === 'property' && node.parent?.type === 'object' && node.parent.parent === undefined;
}

/** The `type` a connector file declares when it is a string (JSON5: the last `type` key wins), else undefined. */
export function declaredType(parsed: ParsedJson5): string | undefined {
  const value = findPropertyValue(parsed.root, 'type');
  return value?.type === 'string' && typeof value.value === 'string' ? value.value : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Completion context

interface PropertyKeyContext {
  readonly kind: 'propertyKey';
  /** The object the key goes into. */
  readonly object: JsonNode;
  /** What the completion replaces: the key token under the caret (quotes included), or an empty range. */
  readonly replaceRange: JsonRange;
  readonly quote?: Quote;
  /** Keys already in the object, the one being edited excluded. */
  readonly existingKeys: string[];
}

interface PropertyValueContext {
  readonly kind: 'propertyValue';
  readonly property: JsonNode;
  readonly key: string;
  readonly replaceRange: JsonRange;
  readonly quote: Quote;
}

interface ArrayItemContext {
  readonly kind: 'arrayItem';
  readonly array: JsonNode;
  /** Key of the property whose value the array is, if any. */
  readonly propertyKey?: string;
  readonly replaceRange: JsonRange;
  readonly quote: Quote;
}

export type CompletionContext =
  | PropertyKeyContext
  | PropertyValueContext
  | ArrayItemContext
  | { readonly kind: 'emptyDocument' }
  | { readonly kind: 'none' };

const NONE: CompletionContext = { kind: 'none' };

/**
 * What can be typed at `offset`. `replaceRange` covers the whole string token under the caret
 * (quotes included, also when unterminated) or the bare word being typed, so a completion can insert
 * `"value"` in both cases; `quote` says which quote, if any, the user typed.
 */
export function getCompletionContext(parsed: ParsedJson5, text: string, offset: number): CompletionContext {
  offset = Math.max(0, Math.min(offset, text.length));
  if (inComment(parsed, text, offset)) return NONE;
  const root = parsed.root;
  if (root === undefined) {
    // Nothing but whitespace and comments (json5 then only complains about the end of input).
    return parsed.errors[0]?.message === MSG_END_OF_INPUT ? { kind: 'emptyDocument' } : NONE;
  }

  // 1. The token under the caret: a string (caret after its opening quote) or a bare word.
  let token: JsonNode | undefined;
  let replaceRange: JsonRange;
  let quote: Quote = '';
  const at = findNodeAtOffset(root, offset, true);
  if (at?.type === 'string' && offset > at.offset && (offset < nodeEnd(at) || at.closed === false)) {
    token = at;
    replaceRange = { offset: at.offset, length: at.length };
    quote = at.quote ?? '';
  } else {
    replaceRange = wordAround(text, offset);
    if (replaceRange.length > 0) {
      const node = findNodeAtOffset(root, replaceRange.offset);
      if (node !== undefined && node.offset === replaceRange.offset && isScalar(node)) token = node;
    }
  }
  if (token !== undefined) return contextOfToken(token, replaceRange, quote);

  // 2. Between tokens (or on a word the parser skipped): the innermost open container decides.
  const start = replaceRange.offset;
  const container = innermostContainer(root, start);
  if (container === undefined) return NONE;
  const children = container.children ?? [];
  let previous: JsonNode | undefined;
  for (const child of children) {
    if (child.offset >= start) break;
    previous = child;
  }

  if (container.type === 'object') {
    const keys = children.map(propertyKey).filter((k): k is string => k !== undefined);
    const keyContext: PropertyKeyContext = {
      kind: 'propertyKey',
      object: container,
      replaceRange,
      quote,
      existingKeys: keys,
    };
    if (previous === undefined) return keyContext;
    const value = previous.children?.[1];
    if (
      previous.colonOffset !== undefined &&
      previous.colonOffset < start &&
      (value === undefined || value.offset >= start)
    ) {
      // After `key:`: a value goes here, unless a comma already ended the property.
      const gap = classifyGap(text, previous.colonOffset + 1, start);
      if (gap === 'empty') {
        return { kind: 'propertyValue', property: previous, key: propertyKey(previous) ?? '', replaceRange, quote };
      }
      return gap === 'comma' ? keyContext : NONE;
    }
    if (value === undefined) {
      // `{ "key" |`: a colon is missing; only after a comma is a new key expected.
      return classifyGap(text, nodeEnd(previous), start) === 'comma' ? keyContext : NONE;
    }
    return afterCompleteValue(text, nodeEnd(previous), start) ? keyContext : NONE;
  }

  const arrayContext: ArrayItemContext = {
    kind: 'arrayItem',
    array: container,
    propertyKey: container.parent?.type === 'property' ? propertyKey(container.parent) : undefined,
    replaceRange,
    quote,
  };
  if (previous === undefined) return arrayContext;
  return afterCompleteValue(text, nodeEnd(previous), start) ? arrayContext : NONE;
}

function isScalar(node: JsonNode): boolean {
  return node.type === 'string' || node.type === 'number' || node.type === 'boolean' || node.type === 'null';
}

function contextOfToken(token: JsonNode, replaceRange: JsonRange, quote: Quote): CompletionContext {
  const parent = token.parent;
  if (parent?.type === 'property') {
    const object = parent.parent;
    if (parent.children?.[0] === token) {
      if (object === undefined) return NONE;
      const existingKeys = (object.children ?? [])
        .filter((p) => p !== parent)
        .map(propertyKey)
        .filter((k): k is string => k !== undefined);
      return { kind: 'propertyKey', object, replaceRange, quote, existingKeys };
    }
    return { kind: 'propertyValue', property: parent, key: propertyKey(parent) ?? '', replaceRange, quote };
  }
  if (parent?.type === 'array') {
    const owner = parent.parent;
    return {
      kind: 'arrayItem',
      array: parent,
      propertyKey: owner?.type === 'property' ? propertyKey(owner) : undefined,
      replaceRange,
      quote,
    };
  }
  return NONE;
}

/** The innermost object/array whose brackets enclose `offset` (an unclosed one reaches its end). */
function innermostContainer(root: JsonNode, offset: number): JsonNode | undefined {
  for (let node = findNodeAtOffset(root, offset, true); node !== undefined; node = node.parent) {
    if (node.type !== 'object' && node.type !== 'array') continue;
    const end = nodeEnd(node);
    if (offset > node.offset && (node.closed === false ? offset <= end : offset < end)) return node;
  }
  return undefined;
}

/** What lies between `from` and `to`: only trivia, trivia + one comma + trivia, or anything else. */
function classifyGap(text: string, from: number, to: number): 'empty' | 'comma' | 'other' {
  let i = skipTriviaFrom(text, from);
  if (i >= to) return 'empty';
  if (text.charCodeAt(i) !== 0x2c) return 'other';
  i = skipTriviaFrom(text, i + 1);
  return i >= to ? 'comma' : 'other';
}

/**
 * After a finished value at `end`, is `start` a place for the next item? After a comma, yes; without
 * one, only on a later line (the user is adding a line and has not typed the comma yet).
 */
function afterCompleteValue(text: string, end: number, start: number): boolean {
  const gap = classifyGap(text, end, start);
  if (gap === 'comma') return true;
  if (gap === 'other') return false;
  for (let i = end; i < start; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

function inComment(parsed: ParsedJson5, text: string, offset: number): boolean {
  // Comments are in order and never overlap: only the last one starting before the caret can hold it.
  // Found by bisection (a heavily commented file has thousands).
  const comments = parsed.comments ?? [];
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (comments[mid].offset < offset) low = mid + 1;
    else high = mid;
  }
  const comment = comments[low - 1];
  if (!comment) return false;
  const end = comment.offset + comment.length;
  const isLine = text.charCodeAt(comment.offset + 1) === 0x2f;
  const closedBlock = !isLine && comment.length >= 4 && text.startsWith('*/', end - 2);
  // A line comment runs to its line break; a block comment's `*/` ends it; an unterminated one reaches the end.
  return offset < end || (offset === end && !closedBlock);
}

/** The run of word characters (identifier characters, digits, `.+-\`) around `offset`. */
function wordAround(text: string, offset: number): JsonRange {
  let start = offset;
  while (start > 0) {
    const low = text.charCodeAt(start - 1);
    const size = low >= 0xdc00 && low <= 0xdfff && start > 1 && isHighSurrogate(text.charCodeAt(start - 2)) ? 2 : 1;
    if (!isWordChar(text.codePointAt(start - size)!)) break;
    start -= size;
  }
  let end = offset;
  while (end < text.length) {
    const cp = text.codePointAt(end)!;
    if (!isWordChar(cp)) break;
    end += cp > 0xffff ? 2 : 1;
  }
  return { offset: start, length: end - start };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
