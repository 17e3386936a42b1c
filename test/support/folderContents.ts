/** What a folder holds, to compare it before and after an operation (a pull, an undo, a refused write). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Each file of `dir` (not descending) with its text, sorted by name. */
export function folderContents(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((n) => [n, readFileSync(join(dir, n), 'utf8')]),
  );
}
