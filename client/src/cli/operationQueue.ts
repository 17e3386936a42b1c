/**
 * One base44 CLI operation per project at a time. A second request while one runs is refused (with
 * the name of the running one) rather than queued: a queued push after a pull would act on a state
 * the user has not looked at.
 */
export interface OperationLease {
  release(): void;
}

export type AcquireResult =
  { readonly ok: true; readonly lease: OperationLease } | { readonly ok: false; readonly running: string };

export class ProjectOperationLock {
  private readonly running = new Map<string, string>();

  tryAcquire(projectRoot: string, label: string): AcquireResult {
    const key = normalize(projectRoot);
    const current = this.running.get(key);
    if (current !== undefined) return { ok: false, running: current };
    this.running.set(key, label);
    let released = false;
    return {
      ok: true,
      lease: {
        release: () => {
          if (released) return;
          released = true;
          if (this.running.get(key) === label) this.running.delete(key);
        },
      },
    };
  }

  /** The label of the operation running for this project, if any. */
  runningFor(projectRoot: string): string | undefined {
    return this.running.get(normalize(projectRoot));
  }
}

function normalize(p: string): string {
  const trimmed = p.replace(/[\\/]+$/, '');
  return process.platform === 'win32' || process.platform === 'darwin' ? trimmed.toLowerCase() : trimmed;
}
