/**
 * Just enough of a source-map reader to turn `dist/server.js:line:col` (from a CPU profile) into
 * `server/src/…:line`.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Per generated line: segments [generatedColumn, sourceIndex, sourceLine] sorted by column. */
type Lines = number[][][];

export class SourceMapLookup {
  private constructor(
    private readonly sources: string[],
    private readonly lines: Lines,
  ) {}

  /** Reads `<file>.map`; undefined when there is none. `root` makes the source paths relative. */
  static forFile(file: string, root: string): SourceMapLookup | undefined {
    const mapFile = `${file}.map`;
    if (!existsSync(mapFile)) return undefined;
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as {
      sources: string[];
      mappings: string;
      sourceRoot?: string;
    };
    const dir = path.dirname(file);
    const sources = map.sources.map((s) => path.relative(root, path.resolve(dir, map.sourceRoot ?? '', s)));
    const lines: Lines = [];
    let src = 0;
    let srcLine = 0;
    for (const line of map.mappings.split(';')) {
      const segments: number[][] = [];
      let genCol = 0;
      if (line) {
        for (const seg of line.split(',')) {
          const fields = decodeVlq(seg);
          genCol += fields[0];
          if (fields.length >= 4) {
            src += fields[1];
            srcLine += fields[2];
            segments.push([genCol, src, srcLine]);
          }
        }
      }
      lines.push(segments);
    }
    return new SourceMapLookup(sources, lines);
  }

  /** 0-based generated line/column → `source:line` (1-based line), or undefined. */
  lookup(line: number, column: number): string | undefined {
    const segments = this.lines[line];
    if (!segments || !segments.length) return undefined;
    let best = segments[0];
    for (const s of segments) {
      if (s[0] > column) break;
      best = s;
    }
    return `${this.sources[best[1]]}:${best[2] + 1}`;
  }
}

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}
