/**
 * Tolerant JSON5 parser producing the `JsonNode` tree (see jsonTree.ts).
 *
 * Verdict parity with json5@2.2.3 (what the Base44 CLI uses): the parser follows json5's own parse
 * states (value / before key / after key / after value / before item / after item / end), skipping
 * whitespace and comments before each token exactly as json5 does, so the first error it records is
 * json5's error, on the same character and with the same words. After that first error it keeps going
 * with simple recovery rules so editor features still get a useful tree.
 *
 * It is iterative (explicit stack), like json5 itself, so arbitrarily deep nesting is accepted;
 * containers deeper than MAX_TREE_DEPTH are checked but kept out of the tree (`truncated`).
 */

import type { JsonNode, JsonNodeType, JsonSyntaxError, ParsedJson5 } from './jsonTree';
import { isDigit, isIdStart, isWordChar } from './json5Chars';
import { Json5Scanner, MSG_END_OF_INPUT } from './json5Scanner';
import { CharCode } from './charCodes';

/** Containers nested deeper than this stay out of the tree (consumers may walk it recursively). */
const MAX_TREE_DEPTH = 1000;

/** Mutable view of a node while it is being built. */
interface BuildNode {
  type: JsonNodeType;
  offset: number;
  length: number;
  parent?: BuildNode;
  children?: BuildNode[];
  value?: unknown;
  colonOffset?: number;
  quote?: '"' | "'" | '';
  closed?: boolean;
}

interface Frame {
  readonly node: BuildNode;
  /** Object frames: the property being read (its value may be pending). */
  property?: BuildNode;
}

const enum State {
  /** A value: the document's, or a property's after its colon. */
  Value,
  BeforeKey,
  AfterKey,
  AfterPropertyValue,
  BeforeItem,
  AfterItem,
  End,
}

/** What each state wants next, for messages ("expected ',' or '}'") that say more than json5's. */
const EXPECTED: Record<State, string> = {
  [State.Value]: 'a value',
  [State.BeforeKey]: "a property name or '}'",
  [State.AfterKey]: "':'",
  [State.AfterPropertyValue]: "',' or '}'",
  [State.BeforeItem]: "a value or ']'",
  [State.AfterItem]: "',' or ']'",
  [State.End]: 'the end of the file (a connector file holds one object)',
};

export function parseJson5(text: string): ParsedJson5 {
  return new Json5Parser(text).parse();
}

class Json5Parser {
  private readonly errors: JsonSyntaxError[] = [];
  private readonly scanner: Json5Scanner;
  private readonly frames: Frame[] = [];
  private root: BuildNode | undefined;
  private state = State.Value;
  private truncated = false;

  constructor(private readonly text: string) {
    this.scanner = new Json5Scanner(text, (message, offset, length) => this.report(message, offset, length));
  }

  /** Records an error; a follow-up error on the same spot as the previous one adds nothing and is dropped. */
  private report(message: string, offset: number, length: number): void {
    const last = this.errors[this.errors.length - 1];
    if (last !== undefined && last.offset === offset) return;
    this.errors.push({ message, offset, length, ...(this.expecting ? { expected: this.expecting } : {}) });
  }

  /** What the grammar wanted where a parser-level error is reported (not set for errors inside a token). */
  private expecting: string | undefined;

  /** json5's error for the character at `offset`, plus what was expected there instead. */
  private unexpected(offset: number): void {
    this.expecting = EXPECTED[this.state];
    this.scanner.invalidCharAt(offset);
    this.expecting = undefined;
  }

  parse(): ParsedJson5 {
    const s = this.scanner;
    let lastPos = -1;
    let stalls = 0;
    for (;;) {
      s.skipTrivia();
      if (s.atEnd()) {
        if (this.state !== State.End) {
          this.expecting = EXPECTED[this.state];
          this.report(MSG_END_OF_INPUT, this.text.length, 0);
          this.expecting = undefined;
        }
        break;
      }
      if (this.state === State.End) {
        this.unexpected(s.pos); // json5 accepts nothing after the document's value
        break;
      }
      // Safety net: every state change below is meant to consume input within two steps.
      if (s.pos === lastPos) {
        if (++stalls > 4) {
          s.skipCodePoint();
          stalls = 0;
          continue;
        }
      } else {
        lastPos = s.pos;
        stalls = 0;
      }
      this.step(s.charCode());
    }
    // Whatever is still open runs to the end of the text.
    while (this.frames.length > 0) this.closeTop(this.text.length, false);
    return {
      root: this.root as JsonNode | undefined,
      errors: this.errors,
      comments: s.comments,
      ...(this.truncated ? { truncated: true } : {}),
    };
  }

  private step(c: number): void {
    const s = this.scanner;
    switch (this.state) {
      case State.Value:
        this.parseValue(c);
        return;

      case State.BeforeItem:
        if (c === CharCode.CloseBracket) this.closeTop(s.pos + 1, true);
        else this.parseValue(c);
        return;

      case State.BeforeKey:
        if (c === CharCode.CloseBrace) {
          this.closeTop(s.pos + 1, true);
        } else if (
          c === CharCode.DoubleQuote ||
          c === CharCode.SingleQuote ||
          c === CharCode.Backslash ||
          isIdStart(s.codePoint())
        ) {
          this.parseKey(c);
        } else {
          this.unexpected(s.pos);
          if (c === CharCode.CloseBracket) this.closeOnBracket(c);
          else if (c === CharCode.Comma)
            s.pos++; // `{,}`
          else if (isWordChar(s.codePoint()))
            this.parseKey(c); // `{ 1: 2 }`: keep it as a key
          else s.skipCodePoint();
        }
        return;

      case State.AfterKey:
        if (c === CharCode.Colon) {
          const property = this.top().property!;
          property.colonOffset = s.pos;
          s.pos++;
          setEnd(property, s.pos);
          this.state = State.Value;
          return;
        }
        this.unexpected(s.pos);
        if (c === CharCode.CloseBrace || c === CharCode.Comma || startsKey(s, c)) {
          this.state = State.AfterPropertyValue; // key without colon/value; that state closes or moves on
        } else if (c === CharCode.CloseBracket) {
          this.closeOnBracket(c);
        } else if (startsValue(c)) {
          this.state = State.Value; // `{ "a" 1 }`: missing colon
        } else {
          s.skipCodePoint();
        }
        return;

      case State.AfterPropertyValue:
        if (this.endOfMember(c, CharCode.CloseBrace, State.BeforeKey)) return;
        this.unexpected(s.pos);
        if (c === CharCode.CloseBracket) this.closeOnBracket(c);
        else if (startsKey(s, c))
          this.state = State.BeforeKey; // missing comma
        else this.skipWordOrChar();
        return;

      case State.AfterItem:
        if (this.endOfMember(c, CharCode.CloseBracket, State.BeforeItem)) return;
        this.unexpected(s.pos);
        if (c === CharCode.CloseBrace) this.closeOnBracket(c);
        else if (startsValue(c) || isWordChar(s.codePoint()))
          this.state = State.BeforeItem; // missing comma
        else s.skipCodePoint();
        return;
    }
  }

  /**
   * After a property or an item: a `,` moves on to the next member (`next`), the container's `closing` bracket
   * closes it. False for anything else (the caller reports it and recovers).
   */
  private endOfMember(c: number, closing: number, next: State): boolean {
    if (c === CharCode.Comma) {
      this.scanner.pos++;
      this.state = next;
      return true;
    }
    if (c !== closing) return false;
    this.closeTop(this.scanner.pos + 1, true);
    return true;
  }

  /** A value in Value or BeforeItem state. */
  private parseValue(c: number): void {
    const s = this.scanner;
    const start = s.pos;
    switch (c) {
      case CharCode.OpenBrace:
      case CharCode.OpenBracket: {
        const node: BuildNode = {
          type: c === CharCode.OpenBrace ? 'object' : 'array',
          offset: start,
          length: 1,
          children: [],
        };
        s.pos++;
        this.attach(node);
        this.frames.push({ node });
        this.state = c === CharCode.OpenBrace ? State.BeforeKey : State.BeforeItem;
        return;
      }
      case CharCode.DoubleQuote:
      case CharCode.SingleQuote: {
        const quote = c === CharCode.DoubleQuote ? '"' : "'";
        const { value, closed } = s.scanString();
        this.attach({ type: 'string', offset: start, length: s.pos - start, value, quote, closed });
        this.afterValue();
        return;
      }
      case 0x6e: // n
      case 0x74: // t
      case 0x66: {
        // f
        const [lit, type, value] =
          c === 0x6e
            ? (['null', 'null', null] as const)
            : c === 0x74
              ? (['true', 'boolean', true] as const)
              : (['false', 'boolean', false] as const);
        if (s.scanLiteral(lit)) this.attach({ type, offset: start, length: s.pos - start, value });
        else this.skipWord();
        this.afterValue();
        return;
      }
    }
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x49 /* I */ || c === 0x4e /* N */) {
      const value = s.scanNumber();
      if (value !== undefined) this.attach({ type: 'number', offset: start, length: s.pos - start, value });
      else this.skipWord();
      this.afterValue();
      return;
    }

    // Not a value.
    this.unexpected(start);
    const frame = this.frames[this.frames.length - 1];
    if (c === CharCode.Comma) {
      if (frame?.node.type === 'object')
        this.state = State.AfterPropertyValue; // `{ "a": , ...`: no value
      else s.pos++; // `[1,,2]`: skip the extra comma
    } else if (c === CharCode.CloseBrace || c === CharCode.CloseBracket) {
      this.closeOnBracket(c);
    } else if (isWordChar(s.codePoint())) {
      this.skipWord(); // `{ type: slack }`: an unquoted word is no value; treat the value as missing
      this.afterValue();
    } else {
      s.skipCodePoint();
    }
  }

  /** A property name (string or identifier) in BeforeKey state: starts a property node. */
  private parseKey(c: number): void {
    const s = this.scanner;
    const start = s.pos;
    let key: BuildNode;
    if (c === CharCode.DoubleQuote || c === CharCode.SingleQuote) {
      const { value, closed } = s.scanString();
      key = {
        type: 'string',
        offset: start,
        length: s.pos - start,
        value,
        quote: c === CharCode.DoubleQuote ? '"' : "'",
        closed,
      };
    } else {
      let name: string;
      if (isIdStart(s.codePoint()) || c === CharCode.Backslash) {
        const scanned = s.scanIdentifier();
        name = scanned.name;
        if (!scanned.ok) this.skipWord();
      } else {
        // Recovery only (the error is already reported): a word that cannot be a name, e.g. `1`.
        this.skipWord();
        name = this.text.slice(start, s.pos);
      }
      if (s.pos === start) {
        s.skipCodePoint();
        return;
      }
      key = { type: 'string', offset: start, length: s.pos - start, value: name, quote: '' };
    }
    const frame = this.top();
    const property: BuildNode = {
      type: 'property',
      offset: start,
      length: key.length,
      children: [key],
      parent: frame.node,
    };
    key.parent = property;
    frame.node.children!.push(property);
    frame.property = property;
    this.state = State.AfterKey;
  }

  /** Links a finished or just-opened value node to the current container (or makes it the root). */
  private attach(node: BuildNode): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) {
      if (this.root === undefined) this.root = node;
      return;
    }
    if (this.frames.length >= MAX_TREE_DEPTH && (node.type === 'object' || node.type === 'array')) {
      this.truncated = true; // checked, but not linked into the tree
      return;
    }
    if (frame.node.type === 'array') {
      node.parent = frame.node;
      frame.node.children!.push(node);
      return;
    }
    const property = frame.property;
    if (property === undefined || property.children!.length > 1) return; // recovery only
    node.parent = property;
    property.children!.push(node);
    setEnd(property, node.offset + node.length);
  }

  /** The state after a value (or after giving up on one) in the current container. */
  private afterValue(): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) this.state = State.End;
    else this.state = frame.node.type === 'array' ? State.AfterItem : State.AfterPropertyValue;
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  /** Ends the innermost container at `end` (just past its bracket, or where parsing stopped). */
  private closeTop(end: number, closed: boolean): void {
    const { node } = this.frames.pop()!;
    node.length = end - node.offset;
    node.closed = closed;
    if (closed) this.scanner.pos = end;
    const property = node.parent;
    if (property?.type === 'property') setEnd(property, end);
    this.afterValue();
  }

  /**
   * Recovery for a `}` or `]` that does not close the innermost container: if an enclosing container
   * of that kind is open, the ones inside it are left unclosed and it is closed; otherwise it is skipped.
   */
  private closeOnBracket(c: number): void {
    const s = this.scanner;
    const type = c === CharCode.CloseBrace ? 'object' : 'array';
    let i = this.frames.length - 1;
    while (i >= 0 && this.frames[i].node.type !== type) i--;
    if (i < 0) {
      s.pos++;
      return;
    }
    while (this.frames.length - 1 > i) this.closeTop(s.pos, false);
    this.closeTop(s.pos + 1, true);
  }

  /** Recovery: skip the rest of a word (identifier characters, digits, `.+-\`). */
  private skipWord(): void {
    const s = this.scanner;
    while (!s.atEnd() && isWordChar(s.codePoint())) s.skipCodePoint();
  }

  private skipWordOrChar(): void {
    const s = this.scanner;
    const start = s.pos;
    this.skipWord();
    if (s.pos === start) s.skipCodePoint();
  }
}

function setEnd(node: BuildNode, end: number): void {
  node.length = end - node.offset;
}

/** Can start a property name (so after a value it means a missing comma). */
function startsKey(s: Json5Scanner, c: number): boolean {
  return (
    c === CharCode.DoubleQuote || c === CharCode.SingleQuote || c === CharCode.Backslash || isIdStart(s.codePoint())
  );
}

/** Can start a value that cannot be a property name. */
function startsValue(c: number): boolean {
  return (
    c === CharCode.OpenBrace ||
    c === CharCode.OpenBracket ||
    c === CharCode.DoubleQuote ||
    c === CharCode.SingleQuote ||
    isDigit(c) ||
    c === 0x2b ||
    c === 0x2d ||
    c === 0x2e
  );
}

/**
 * The JSON5 value of a node, with json5's semantics: duplicate keys, last one wins (keeping the first
 * one's position in key order); `__proto__` is an ordinary own property. A property node gives its
 * value's value. Properties still missing a value are left out.
 */
export function nodeValue(node: JsonNode | undefined): unknown {
  if (node === undefined) return undefined;
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key === undefined || value === undefined) continue;
        Object.defineProperty(result, String(key.value), {
          value: nodeValue(value),
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    case 'property':
      return nodeValue(node.children?.[1]);
    default:
      return node.value;
  }
}
