/**
 * Child process for pullCrash.test.ts: applies a pull (the real applyPull) and SIGKILLs itself at the
 * N-th file operation on the project (`CRASH_AT`; `CRASH_OP` limits the count to one kind, e.g. the
 * first `rename`), exactly as a VS Code killed mid-pull would stop. Input: a JSON file (argv[2]).
 */
import { readFileSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { applyPull, ApplyFs } from '../../client/src/sync/applyPull';
import type { PullChange, PullPreview } from '../../client/src/sync/pullPlan';

interface Input {
  connectorsDir: string;
  backupRoot: string;
  changes: PullChange[];
  localSnapshot: [string, string][];
}

const input = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Input;
const crashAt = Number(process.env.CRASH_AT ?? '-1');
const crashOp = process.env.CRASH_OP;
let count = 0;
const maybeCrash = (op: string) => {
  if (crashOp && op !== crashOp) return;
  if (count++ === crashAt) process.kill(process.pid, 'SIGKILL');
};
const crashing: ApplyFs = {
  writeFile: async (f, t) => {
    maybeCrash('writeFile');
    await writeFile(f, t, 'utf8');
  },
  rename: async (a, b) => {
    maybeCrash('rename');
    await rename(a, b);
  },
  unlink: async (f) => {
    maybeCrash('unlink');
    await unlink(f);
  },
};
const preview: PullPreview = {
  connectorsDir: input.connectorsDir,
  previewDir: input.connectorsDir,
  changes: input.changes,
  unchanged: [],
  localSnapshot: new Map(input.localSnapshot),
  dispose: async () => undefined,
};
void applyPull(preview, { backupRoot: input.backupRoot, fs: crashing }).then((r) => {
  process.stdout.write(JSON.stringify(r));
  process.exit(r.ok ? 0 : 3);
});
