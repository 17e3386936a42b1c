/**
 * The editor's open documents, kept so that no document can stall the server or fill its memory.
 * - Changes are applied to an array of lines: an edit costs what the lines it touches cost, not the whole
 *   document (vscode-languageserver-textdocument copies the whole text per change: 5,000 one-character
 *   edits on a 1.7 MB document made a later hover wait 29 s). The text is joined only when read, once per version.
 * - A document over MAX_STORED_DOCUMENT_CHARS, or one that would take all open documents over
 *   MAX_STORED_TOTAL_CHARS, is not kept: its text is dropped and its edits are ignored until the editor
 *   sends its whole text again (closing and reopening it).
 * Positions follow LSP and vscode-languageserver-textdocument exactly: lines end at `\n`, `\r\n` or `\r`, a
 * character past the end of a line means its end, a line past the last one means the end of the document.
 */
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';

/** Largest open document whose text is kept (16 MB of memory as UTF-16). */
export const MAX_STORED_DOCUMENT_CHARS = 8 * 1024 * 1024;
/** Largest total text of all open documents kept. */
export const MAX_STORED_TOTAL_CHARS = 32 * 1024 * 1024;

export class OpenDocument {
  /** The document's lines, each with its line break (the last one has none); undefined when dropped. */
  private lines: string[] | undefined;
  private joined: string | undefined;
  private chars = 0;
  /** Characters copied by edits so far: the work edits cost (tests check it does not grow with the document). */
  charsCopied = 0;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    text: string,
    private readonly budget: StoreBudget,
  ) {
    this.replaceAll(text);
  }

  /** Length of the text in UTF-16 code units (of the last text kept, when dropped). */
  get length(): number {
    return this.chars;
  }

  /** True when the text was too large to keep (see the module comment). */
  get dropped(): boolean {
    return this.lines === undefined;
  }

  /** The whole text ('' when dropped), joined once per version. */
  getText(): string {
    if (this.joined === undefined) this.joined = this.lines ? this.lines.join('') : '';
    return this.joined;
  }

  /** Applies the editor's changes in order, as `TextDocument.update` does. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    this.version = version;
    for (const change of changes) {
      const range = (change as { range?: { start: Position; end: Position } }).range;
      if (range !== undefined) {
        if (this.lines) this.applyEdit(range, change.text);
      } else {
        this.replaceAll(change.text);
      }
    }
    if (this.lines && (this.chars > MAX_STORED_DOCUMENT_CHARS || this.budget.used > MAX_STORED_TOTAL_CHARS))
      this.drop();
  }

  /** Gives its memory back (the document was closed). */
  release(): void {
    this.drop();
  }

  private replaceAll(text: string): void {
    this.budget.used -= this.lines ? this.chars : 0;
    this.chars = text.length;
    this.joined = undefined;
    if (text.length > MAX_STORED_DOCUMENT_CHARS || this.budget.used + text.length > MAX_STORED_TOTAL_CHARS) {
      this.lines = undefined;
      return;
    }
    this.lines = splitLines(text);
    this.budget.used += text.length;
  }

  private drop(): void {
    if (this.lines) this.budget.used -= this.chars;
    this.lines = undefined;
    this.joined = undefined;
  }

  private applyEdit(range: { start: Position; end: Position }, text: string): void {
    const lines = this.lines!;
    let [start, end] = [range.start, range.end];
    if (start.line > end.line || (start.line === end.line && start.character > end.character))
      [start, end] = [end, start];
    const [startLine, startChar] = this.locate(start);
    const [endLine, endChar] = this.locate(end);
    // Re-split from the line before when it ends with a lone `\r`: the edit may make it `\r\n`.
    const first = startLine > 0 && lines[startLine - 1].endsWith('\r') ? startLine - 1 : startLine;
    const last = endLine;
    const head = lines.slice(first, startLine).join('') + lines[startLine].slice(0, startChar);
    const segment = head + text + lines[endLine].slice(endChar);
    const replaced = lines.slice(first, last + 1).reduce((n, line) => n + line.length, 0);
    const pieces = splitLines(segment);
    // Unless the segment runs to the end of the document it ends with a line break: drop the empty remainder.
    if (last < lines.length - 1) pieces.pop();
    lines.splice(first, last - first + 1, ...pieces);
    this.charsCopied += segment.length;
    const delta = segment.length - replaced;
    this.chars += delta;
    this.budget.used += delta;
    this.joined = undefined;
  }

  /** Line index and offset in that line of an LSP position, clamped as `TextDocument.offsetAt` clamps it. */
  private locate(position: Position): [number, number] {
    const lines = this.lines!;
    const lastLine = lines.length - 1;
    if (position.line > lastLine) return [lastLine, lines[lastLine].length];
    if (!(position.line >= 0)) return [0, 0];
    const line = lines[Math.floor(position.line)];
    const contentLength = line.length - lineBreakLength(line);
    const character = Number.isFinite(position.character) ? Math.floor(position.character) : 0;
    return [Math.floor(position.line), Math.max(0, Math.min(character, contentLength))];
  }
}

interface Position {
  readonly line: number;
  readonly character: number;
}

/** The memory all open documents share. */
export interface StoreBudget {
  used: number;
}

/** For `new TextDocuments(...)`: documents kept as `OpenDocument`s sharing one budget. */
export function openDocumentsConfiguration(
  budget: StoreBudget = { used: 0 },
): TextDocumentsConfiguration<OpenDocument> {
  return {
    create: (uri, languageId, version, content) => new OpenDocument(uri, languageId, version, content, budget),
    update: (document, changes, version) => {
      document.update(changes, version);
      return document;
    },
  };
}

/** Splits text at `\r\n`, `\n` and `\r`, each line keeping its break; the last piece (maybe '') has none. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 || ch === 10) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  return lines;
}

function lineBreakLength(line: string): number {
  if (line.endsWith('\r\n')) return 2;
  return line.endsWith('\n') || line.endsWith('\r') ? 1 : 0;
}
