/**
 * Reading a file of the workspace without letting it hurt the process: only regular files (never a FIFO,
 * which would block, nor a device or socket), and at most `maxBytes` (a link to `/proc/self/exe` or a 50 MB
 * file is reported, not read). Used by the language server (sync) and the client's previews (async).
 */
import * as fs from 'node:fs';
import type { ResolvedEntryKind } from '../cliRules';

export type BoundedRead =
  | { readonly kind: 'text'; readonly text: string }
  /** Larger than the cap: `size` is what stat says, or the bytes seen before stopping (files of /proc say 0). */
  | { readonly kind: 'too-large'; readonly size: number }
  /** A folder, FIFO, socket or device (after following links). */
  | { readonly kind: 'not-a-file' }
  | { readonly kind: 'unreadable'; readonly message: string };

// O_NONBLOCK: opening a FIFO swapped in after the stat returns at once instead of waiting for a writer.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;

/** The file's text (UTF-8, invalid bytes replaced, as the CLI's `readFile(path, "utf-8")` decodes it). */
export function readBoundedSync(file: string, maxBytes: number): BoundedRead {
  let fd: number | undefined;
  try {
    // stat first: opening a device can have effects of its own; fstat again in case the file was swapped.
    const before = checkStat(fs.statSync(file), maxBytes);
    if (before) return before;
    fd = fs.openSync(file, OPEN_FLAGS);
    const stat = fs.fstatSync(fd);
    const after = checkStat(stat, maxBytes);
    if (after) return after;
    const reader = new CappedReader(maxBytes, stat.size);
    for (;;) {
      const chunk = reader.nextChunk();
      const done = reader.read(chunk, fs.readSync(fd, chunk, 0, chunk.length, null));
      if (done) return done;
    }
  } catch (err) {
    return { kind: 'unreadable', message: (err as Error).message };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** `readBoundedSync` for the extension host, which must not block. */
export async function readBounded(file: string, maxBytes: number): Promise<BoundedRead> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    const before = checkStat(await fs.promises.stat(file), maxBytes);
    if (before) return before;
    handle = await fs.promises.open(file, OPEN_FLAGS);
    const stat = await handle.stat();
    const after = checkStat(stat, maxBytes);
    if (after) return after;
    const reader = new CappedReader(maxBytes, stat.size);
    for (;;) {
      const chunk = reader.nextChunk();
      const done = reader.read(chunk, (await handle.read(chunk, 0, chunk.length, null)).bytesRead);
      if (done) return done;
    }
  } catch (err) {
    return { kind: 'unreadable', message: (err as Error).message };
  } finally {
    await handle?.close();
  }
}

/** The chunks of one capped read, for the sync and async loops alike. */
class CappedReader {
  private readonly chunks: Buffer[] = [];
  private total = 0;

  /** `sizeHint`: what fstat said, so a small file costs a buffer of its size, not 64 KB (bench: 1,000 files). */
  constructor(
    private readonly maxBytes: number,
    private readonly sizeHint: number,
  ) {}

  /**
   * A buffer for the next read, up to one byte past the cap: a growing file (or one under /proc: size 0) is caught.
   * Up to the stated size, the rest of it plus one byte (which finds the end); past it, 64 KB at a time.
   */
  nextChunk(): Buffer {
    const wanted = this.total <= this.sizeHint ? this.sizeHint + 1 - this.total : CHUNK;
    return Buffer.allocUnsafe(Math.min(wanted, CHUNK, this.maxBytes + 1 - this.total));
  }

  /** Keeps the `n` bytes just read into `chunk`; the result once the file ended or passed the cap, else undefined. */
  read(chunk: Buffer, n: number): BoundedRead | undefined {
    if (n === 0) return { kind: 'text', text: Buffer.concat(this.chunks, this.total).toString('utf8') };
    this.chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    this.total += n;
    return this.total > this.maxBytes ? { kind: 'too-large', size: this.total } : undefined;
  }
}

function checkStat(stat: fs.Stats, maxBytes: number): BoundedRead | undefined {
  if (!stat.isFile()) return { kind: 'not-a-file' };
  if (stat.size > maxBytes) return { kind: 'too-large', size: stat.size };
  return undefined;
}

/** What a path is once links are followed (`missing` for a dangling link or a loop), as the CLI's globby sees it. */
export function resolvedKindSync(file: string): ResolvedEntryKind {
  try {
    return kindOf(fs.statSync(file));
  } catch {
    return 'missing';
  }
}

export async function resolvedKind(file: string): Promise<ResolvedEntryKind> {
  try {
    return kindOf(await fs.promises.stat(file));
  } catch {
    return 'missing';
  }
}

/** The kind of a folder entry, following it only when it is a link (a `readdir` entry knows the rest). */
export function direntKind(entry: fs.Dirent): ResolvedEntryKind | undefined {
  if (entry.isSymbolicLink()) return undefined;
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
}

function kindOf(stat: fs.Stats): ResolvedEntryKind {
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
}
