/**
 * "Resolve when this holds, checking after every event": what both LSP clients (test/support/lspClient.ts,
 * which asserts, and bench/benchClient.ts, which times) need while a server talks back.
 */
export class ConditionWaiter {
  private readonly checks = new Set<() => void>();

  /** Runs every pending check: call after each event that may make a condition true. */
  notify(): void {
    for (const check of [...this.checks]) check();
  }

  /** Resolves with the predicate's first truthy value (not `undefined`, not `false`); rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | false, timeoutMs: number, failure: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value === undefined || value === false) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(failure()));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.checks.delete(check);
      };
      this.checks.add(check);
      check();
    });
  }
}
