/**
 * Runs the base44 CLI once: argument array (never a shell), a timeout that kills it, cancel through an
 * AbortSignal, a cap on output, and the single JSON document of `--json` parsed from stdout.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import {
  CliError,
  cancelled,
  fromEnvelope,
  fromNonJsonExit,
  fromSpawnError,
  isErrorEnvelope,
  notLoggedIn,
  outputTooLarge,
  stderrShowsLoginPrompt,
  timedOut,
} from './cliErrors';

/** How to start the CLI: `command ...argsPrefix ...args`. */
export interface CliCommand {
  readonly command: string;
  readonly argsPrefix: readonly string[];
  /** Where it was found (setting, project, PATH, npx, test). */
  readonly source: string;
}

export interface CliRunRecord {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly durationMs: number;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly outcome: 'ok' | CliError['kind'];
  readonly stderr: string;
}

export interface RunCliOptions {
  readonly cwd: string;
  /** The environment to run with (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** stdout + stderr limit; the process is killed beyond it. Default 10 MB. */
  readonly maxOutputBytes?: number;
  /** Grace period between SIGTERM and SIGKILL. Default 2 s. */
  readonly killGraceMs?: number;
  /** Called once per run, after it ends (for the log). */
  readonly onRecord?: (record: CliRunRecord) => void;
  /** Stop as soon as stderr shows the CLI's interactive login prompt (default true). */
  readonly stopOnLoginPrompt?: boolean;
  /** Expect a JSON document on stdout (default true). With false, `data` is the trimmed stdout text. */
  readonly json?: boolean;
}

export type CliResult<T = unknown> =
  | { readonly ok: true; readonly data: T; readonly stderr: string }
  | { readonly ok: false; readonly error: CliError; readonly stderr: string };

const DEFAULT_MAX_OUTPUT = 10 * 1024 * 1024;

/**
 * Kills of the runs still going. A CLI runs in its own process group, so it outlives the extension host unless
 * it is stopped, and CLI 0.1.18 whose pipes closed spins on EPIPE errors at full CPU: stop them all when the
 * extension deactivates or the process exits.
 */
const running = new Set<() => void>();
let exitHookInstalled = false;

/** Kills every CLI run still going (and what it started). */
export function stopAllCliRuns(): void {
  for (const kill of [...running]) kill();
  running.clear();
}

/**
 * A process ended by a signal emits no 'exit': when SIGTERM / SIGHUP / SIGINT would end it (nobody else listens;
 * code-server stops its extension hosts with SIGTERM), stop the runs and raise the signal again so the default
 * termination still happens. When the host has its own handler, that handler decides, and a host that then
 * exits emits 'exit'.
 */
function installExitHooks(): void {
  process.once('exit', stopAllCliRuns);
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      stopAllCliRuns();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.prependListener(signal, onSignal);
  }
}

export function runCli(cli: CliCommand, args: readonly string[], options: RunCliOptions): Promise<CliResult> {
  const started = Date.now();
  const fullArgs = [...cli.argsPrefix, ...args];
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const wantJson = options.json ?? true;

  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve({ ok: false, error: cancelled(), stderr: '' });
      return;
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outputBytes = 0;
    let stopReason: CliError | undefined;
    let spawnError: NodeJS.ErrnoException | undefined;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;

    let child: ChildProcess;
    try {
      child = spawn(cli.command, fullArgs, {
        cwd: options.cwd,
        env: { ...(options.env ?? process.env), NO_COLOR: '1', FORCE_COLOR: '0' },
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        // Own process group on POSIX so a kill reaches what the CLI started (npx → node).
        detached: process.platform !== 'win32',
      });
    } catch (err) {
      // spawn throws synchronously for what it cannot even try: EINVAL for a `.cmd` shim on Windows, a NUL
      // in an argument. Reported like any start failure, never as an unhandled rejection.
      const error = fromSpawnError(err as NodeJS.ErrnoException, cli.command, true);
      options.onRecord?.({
        command: cli.command,
        args: fullArgs,
        cwd: options.cwd,
        durationMs: Date.now() - started,
        exitCode: null,
        signal: null,
        outcome: error.kind,
        stderr: '',
      });
      resolve({ ok: false, error, stderr: '' });
      return;
    }

    const killNow = () => killTree('SIGKILL');
    running.add(killNow);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      installExitHooks();
    }

    const stop = (reason: CliError) => {
      if (stopReason || settled) return;
      stopReason = reason;
      killTree('SIGTERM');
      killTimer = setTimeout(() => killTree('SIGKILL'), options.killGraceMs ?? 2000);
      killTimer.unref?.();
    };
    const killTree = (sig: NodeJS.Signals) => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        try {
          child.kill(sig);
        } catch {
          /* already gone */
        }
      }
    };

    const timer = setTimeout(() => stop(timedOut(Math.round(options.timeoutMs / 1000))), options.timeoutMs);
    timer.unref?.();
    const onAbort = () => stop(cancelled());
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const collect = (into: Buffer[], isErr: boolean) => (chunk: Buffer) => {
      outputBytes += chunk.length;
      if (outputBytes > maxOutput) {
        stop(outputTooLarge(maxOutput));
        return;
      }
      into.push(chunk);
      if (
        isErr &&
        (options.stopOnLoginPrompt ?? true) &&
        stderrShowsLoginPrompt(Buffer.concat(stderr).toString('utf8'))
      ) {
        stop(notLoggedIn());
      }
    };
    child.stdout?.on('data', collect(stdout, false));
    child.stderr?.on('data', collect(stderr, true));
    child.on('error', (err) => {
      spawnError = err;
      finish(null, null);
    });
    child.on('close', (code, signal) => finish(code, signal));

    function finish(exitCode: number | null, signal: NodeJS.Signals | null) {
      if (settled) return;
      settled = true;
      running.delete(killNow);
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      let result: CliResult;
      if (spawnError)
        result = {
          ok: false,
          error: fromSpawnError(spawnError, cli.command, isAbsolute(cli.command) && existsSync(cli.command)),
          stderr: err,
        };
      else if (stopReason) result = { ok: false, error: stopReason, stderr: err };
      else result = interpret(exitCode, out, err, wantJson);
      options.onRecord?.({
        command: cli.command,
        args: fullArgs,
        cwd: options.cwd,
        durationMs: Date.now() - started,
        exitCode,
        signal,
        outcome: result.ok ? 'ok' : result.error.kind,
        stderr: err,
      });
      resolve(result);
    }
  });
}

function interpret(exitCode: number | null, stdout: string, stderr: string, wantJson: boolean): CliResult {
  if (!wantJson) {
    return exitCode === 0
      ? { ok: true, data: stdout.trim(), stderr }
      : { ok: false, error: fromNonJsonExit(exitCode, stdout, stderr), stderr };
  }
  const doc = parseJsonDocument(stdout);
  if (doc === undefined) return { ok: false, error: fromNonJsonExit(exitCode, stdout, stderr), stderr };
  if (isErrorEnvelope(doc)) return { ok: false, error: fromEnvelope(doc, stderr), stderr };
  if (exitCode !== 0) return { ok: false, error: fromNonJsonExit(exitCode, stdout, stderr), stderr };
  return { ok: true, data: doc, stderr };
}

/**
 * The single JSON document the CLI prints with `--json`. Tolerates stray lines before it (an
 * upgrade notice, say) by falling back to the last line that starts a JSON object.
 */
export function parseJsonDocument(stdout: string): unknown {
  const text = stdout.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].startsWith('{')) continue;
      try {
        return JSON.parse(lines.slice(i).join('\n'));
      } catch {
        /* keep looking */
      }
    }
    return undefined;
  }
}
