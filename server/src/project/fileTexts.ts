import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_CONNECTOR_FILE_BYTES } from '../cliRules';
import type { OpenDocument } from './documentStore';
import type { FileSystem, OversizedFile } from './projectConfig';
import { pathToUri } from './uris';

/**
 * Most text kept from files on disk, all files together (each is at most MAX_CONNECTOR_FILE_BYTES): past it,
 * files are reported as not read, so a folder of thousands of big files cannot fill the server's memory.
 */
export const MAX_DISK_CACHE_CHARS = 32 * 1024 * 1024;

/**
 * The text of a file, by absolute path: the editor's when it is open, else the disk's (read once, kept until the
 * file changes on disk, within MAX_DISK_CACHE_CHARS).
 */
export class FileTexts {
  private openDocuments = new Map<string, OpenDocument>();
  private diskCache = new Map<string, string | OversizedFile | undefined>();
  /** Characters of text held by `diskCache`. */
  private diskCacheChars = 0;
  private readonly openTextDocuments = new WeakMap<OpenDocument, TextDocument>();

  constructor(private readonly fs: FileSystem) {}

  /** Called on open and on every edit: the file's text is now the editor's. Returns whether it was open before. */
  open(file: string, document: OpenDocument): boolean {
    const wasOpen = this.openDocuments.has(file);
    this.openDocuments.set(file, document);
    return wasOpen;
  }

  close(file: string): void {
    this.openDocuments.delete(file);
  }

  isOpen(file: string): boolean {
    return this.openDocuments.has(file);
  }

  /** The files open in the editor. */
  openFiles(): IterableIterator<string> {
    return this.openDocuments.keys();
  }

  /** The editor's version of an open file (0 for a file read from disk). */
  version(file: string): number {
    return this.openDocuments.get(file)?.version ?? 0;
  }

  /** The URI the editor uses for this file when it is open, else the file's own URI. */
  uriOf(file: string): string {
    return this.openDocuments.get(file)?.uri ?? pathToUri(file);
  }

  /** The URI the editor uses for this file, when it is open. */
  openUri(file: string): string | undefined {
    return this.openDocuments.get(file)?.uri;
  }

  /** The editor's document for a file, when it is open, as a TextDocument (made once per version). */
  openTextDocument(file: string): TextDocument | undefined {
    const open = this.openDocuments.get(file);
    if (!open || open.dropped) return undefined;
    const made = this.openTextDocuments.get(open);
    if (made?.version === open.version) return made;
    const document = TextDocument.create(open.uri, open.languageId, open.version, open.getText());
    this.openTextDocuments.set(open, document);
    return document;
  }

  /** The file's text on disk changed, appeared or disappeared: read it again when next asked. */
  changedOnDisk(file: string): void {
    const cached = this.diskCache.get(file);
    if (typeof cached === 'string') this.diskCacheChars -= cached.length;
    this.diskCache.delete(file);
  }

  /** The file's text (the editor's when open), undefined when it cannot be read or is too large. */
  readText(file: string): string | undefined {
    const source = this.readSource(file);
    return typeof source === 'string' ? source : undefined;
  }

  /** The file's text, or why it is not analysed: larger than MAX_CONNECTOR_FILE_BYTES (editor or disk). */
  readSource(file: string): string | OversizedFile | undefined {
    const open = this.openDocuments.get(file);
    if (open) {
      // Measured in characters for the editor's text: close enough to bytes for a limit this far from real files.
      if (open.dropped || open.length > MAX_CONNECTOR_FILE_BYTES) return { oversized: true, size: open.length };
      return open.getText();
    }
    if (!this.diskCache.has(file)) {
      let source = this.fs.readFile(file);
      if (typeof source === 'string') {
        if (this.diskCacheChars + source.length > MAX_DISK_CACHE_CHARS) {
          source = { oversized: true, size: source.length, overTotal: true };
        } else {
          this.diskCacheChars += source.length;
        }
      }
      this.diskCache.set(file, source);
    }
    return this.diskCache.get(file);
  }
}
