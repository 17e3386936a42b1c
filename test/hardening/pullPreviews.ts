/** Pull previews made without the CLI, for the all-or-nothing and crash tests of applyPull. */
import type { PullMerge } from '../../client/src/sync/pullMerge';
import { diffSnapshots, PullPreview, snapshotFolder } from '../../client/src/sync/pullPlan';

/**
 * A preview as previewPull makes it, from the folder as it is and the files a pull would leave there
 * (`merge`: how a rewritten file keeps the user's text, as the real preview does).
 */
export async function pullPreviewOf(
  dir: string,
  after: Record<string, string>,
  merge?: (localText: string, cliText: string) => PullMerge,
): Promise<PullPreview> {
  const localSnapshot = await snapshotFolder(dir);
  const { changes, unchanged } = diffSnapshots(localSnapshot, new Map(Object.entries(after)), merge);
  return { connectorsDir: dir, previewDir: dir, changes, unchanged, localSnapshot, dispose: async () => undefined };
}
