/**
 * Every request and notification handler goes through here: one bad request (a bug, a hostile file) must
 * never take the server down. The error is logged and the request answered with a neutral value.
 */
export function runSafe<T>(log: (message: string) => void, name: string, fallback: T, work: () => T): T {
  try {
    return work();
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}
