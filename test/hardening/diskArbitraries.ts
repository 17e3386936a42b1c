/**
 * Generated connectors folders on disk, for the fuzzing suites: regular files (JSON5, random bytes, invalid
 * UTF-8, UTF-8 and UTF-16 with a BOM, over the size cap), links to files, to folders, dangling and in loops,
 * FIFOs and sub-folders, under names the CLI reads or skips. With each entry, what it is once links are
 * followed (the oracle for "which files the CLI reads", written here independently of the server's code).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import JSON5 from 'json5';
import { MAX_CONNECTOR_FILE_BYTES, ResolvedEntryKind } from '../../server/src/cliRules';
import { connectorText, mutatedConnector } from './arbitraries';

export type DiskEntryKind =
  'file' | 'big-file' | 'link-to-file' | 'link-to-folder' | 'dangling-link' | 'link-loop' | 'fifo' | 'folder';

export interface DiskEntry {
  readonly name: string;
  readonly kind: DiskEntryKind;
  readonly bytes: Uint8Array;
}

const canFifo = process.platform !== 'win32';

/** File contents as bytes: text in several encodings, bytes that are not UTF-8, random bytes. */
export const fileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  connectorText.map((t) => Buffer.from(t, 'utf8')),
  mutatedConnector.map((t) => Buffer.from(t, 'utf8')),
  connectorText.map((t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')])),
  connectorText.map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])),
  connectorText.map((t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()])),
  fc.tuple(connectorText, fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.nat()).map(([t, bad, at]) => {
    // Invalid UTF-8 (lone continuation bytes, truncated sequences) spliced into a connector file.
    const b = Buffer.from(t, 'utf8');
    const i = at % (b.length + 1);
    return Buffer.concat([b.subarray(0, i), Buffer.from(bad.map((x) => 0x80 | (x & 0x7f))), b.subarray(i)]);
  }),
  fc.uint8Array({ maxLength: 64 }),
);

const suffixes = ['.json', '.jsonc', '.JSON', '.Jsonc', '.json.bak', '.txt', ''];
const kinds: DiskEntryKind[] = [
  'file',
  'file',
  'file',
  'big-file',
  'link-to-file',
  'link-to-folder',
  'dangling-link',
  'link-loop',
  'folder',
  ...(canFifo ? (['fifo'] as const) : []),
];

export const diskEntries: fc.Arbitrary<DiskEntry[]> = fc
  .array(
    fc.record({
      suffix: fc.constantFrom(...suffixes),
      hidden: fc.boolean(),
      kind: fc.constantFrom(...kinds),
      bytes: fileBytes,
    }),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((list) =>
    list.map((e, i) => ({
      name: `${e.hidden && i % 3 === 0 ? '.' : ''}f${i}${e.suffix}`,
      kind: e.kind,
      bytes: e.bytes,
    })),
  );

/** What the entry is once links are followed, as the CLI's globby sees it. */
export function resolvedKindOf(entry: DiskEntry): ResolvedEntryKind {
  switch (entry.kind) {
    case 'file':
    case 'big-file':
    case 'link-to-file':
      return 'file';
    case 'link-to-folder':
    case 'folder':
      return 'directory';
    case 'fifo':
      return 'other';
    default:
      return 'missing';
  }
}

/** The bytes the CLI would read for a file entry. */
export function contentOf(entry: DiskEntry): Buffer {
  return entry.kind === 'big-file' ? Buffer.alloc(MAX_CONNECTOR_FILE_BYTES + 1, 0x20) : Buffer.from(entry.bytes);
}

/** Writes the entries into `dir` (created); link targets live in `targets` (outside the folder). */
export function writeEntries(dir: string, targets: string, entries: readonly DiskEntry[]): void {
  mkdirSync(dir, { recursive: true });
  mkdirSync(targets, { recursive: true });
  for (const entry of entries) {
    const path = join(dir, entry.name);
    switch (entry.kind) {
      case 'file':
      case 'big-file':
        writeFileSync(path, contentOf(entry));
        break;
      case 'link-to-file': {
        const target = join(targets, `${entry.name}.target`);
        writeFileSync(target, contentOf(entry));
        symlinkSync(target, path);
        break;
      }
      case 'link-to-folder':
        mkdirSync(join(targets, `${entry.name}.dir`), { recursive: true });
        symlinkSync(join(targets, `${entry.name}.dir`), path);
        break;
      case 'dangling-link':
        symlinkSync(join(targets, 'nothing-here'), path);
        break;
      case 'link-loop':
        symlinkSync(path, path);
        break;
      case 'fifo':
        execFileSync('mkfifo', [path]);
        break;
      case 'folder':
        mkdirSync(path);
        writeFileSync(join(path, 'inner.json'), contentOf(entry));
        break;
    }
  }
}

/**
 * The CLI's verdict on a file's syntax: `readFile(path, "utf-8")` then `JSON5.parse` (its sources,
 * core/utils/fs.ts).
 */
export function cliSyntaxOk(bytes: Buffer): boolean {
  try {
    JSON5.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
