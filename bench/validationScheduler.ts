/**
 * How the comparison servers decide when to validate, mirroring the product's server: a document that is
 * opened is validated at once; an edit is validated after a quiet period (`BENCH_VALIDATION_DELAY_MS`,
 * default 100 ms, the product's default `validationDelayMs`), so a burst of keystrokes validates once.
 */
export function validationScheduler(validate: (uri: string) => void): {
  opened(uri: string): void;
  changed(uri: string): void;
  closed(uri: string): void;
} {
  const delay = Number(process.env.BENCH_VALIDATION_DELAY_MS ?? 100);
  const timers = new Map<string, NodeJS.Timeout>();
  const cancel = (uri: string) => {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.delete(uri);
  };
  return {
    opened(uri) {
      cancel(uri);
      validate(uri);
    },
    changed(uri) {
      cancel(uri);
      timers.set(
        uri,
        setTimeout(() => {
          timers.delete(uri);
          validate(uri);
        }, delay),
      );
    },
    closed: cancel,
  };
}
