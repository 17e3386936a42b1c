/**
 * Turns every way a base44 CLI run can fail into one `CliError`: what happened in words a user
 * understands, and the next steps the UI offers as buttons. Every piece of text that came from the CLI,
 * the API or a file name goes through `plainText` (it must not plant a link in the notification).
 */
import { plainText } from '../ui/untrustedText';

export type CliErrorKind =
  | 'notLoggedIn'
  | 'network'
  | 'invalidConnectorFile'
  | 'duplicateType'
  | 'differentUser'
  | 'noAppLinked'
  | 'noProject'
  | 'forbidden'
  | 'serverError'
  | 'apiError'
  | 'invalidInput'
  | 'invalidArgument'
  | 'timeout'
  | 'cancelled'
  | 'cliNotFound'
  | 'cliNotExecutable'
  | 'badOutput'
  | 'badServerResponse'
  | 'outputTooLarge'
  | 'busy'
  | 'failed';

export type NextStep =
  'logIn' | 'openFile' | 'retry' | 'showOutput' | 'installCli' | 'useNpx' | 'configureCliPath' | 'linkApp';

export interface CliError {
  readonly kind: CliErrorKind;
  /** One or two sentences for a notification. */
  readonly message: string;
  readonly nextSteps: readonly NextStep[];
  /** The file the error is about (invalid connector file), as an absolute path. */
  readonly file?: string;
  /** The CLI's own error text and hints, for the log. */
  readonly detail?: string;
  /** The CLI's error code (SCHEMA_INVALID, API_ERROR, ...) when it gave one. */
  readonly code?: string;
  readonly statusCode?: number;
  /** For `differentUser`: the account that already authorized the connector. */
  readonly otherUser?: string;
}

/** The CLI's `--json` failure envelope. */
export interface CliErrorEnvelope {
  readonly error: string;
  readonly code?: string;
  readonly hints?: readonly { readonly message?: string; readonly command?: string }[];
  readonly statusCode?: number;
}

export function isErrorEnvelope(value: unknown): value is CliErrorEnvelope {
  return typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'string';
}

const LOGIN_NEEDED = /you need to login first|authentication required|not logged in|please log ?in/i;

/** True when the CLI's stderr shows it started its interactive login flow (it would wait forever). */
export function stderrShowsLoginPrompt(stderr: string): boolean {
  return LOGIN_NEEDED.test(stderr);
}

export function notLoggedIn(detail?: string): CliError {
  return {
    kind: 'notLoggedIn',
    message: 'You are not logged in to Base44 (or your session expired). Log in, then try again.',
    nextSteps: ['logIn'],
    detail,
  };
}

/** No `base44/.app.jsonc`: found by the extension before a run, or reported by the CLI. */
export function noAppLinked(): CliError {
  return {
    kind: 'noAppLinked',
    message:
      'This project is not linked to a Base44 app yet (no base44/.app.jsonc). Link it with "base44 link", then try again.',
    nextSteps: ['linkApp'],
  };
}

export function cliNotFound(command: string): CliError {
  return {
    kind: 'cliNotFound',
    message: `The base44 CLI was not found (${plainText(command)}). Install it (npm i -g base44), set "base44.cli.path", or run it through npx.`,
    nextSteps: ['installCli', 'useNpx', 'configureCliPath'],
  };
}

/** Maps the CLI's JSON error envelope (non-zero exit) to a `CliError`. */
export function fromEnvelope(env: CliErrorEnvelope, stderr = ''): CliError {
  const text = env.error;
  const hints = (env.hints ?? []).map((h) => h.message).filter((m): m is string => !!m);
  const detail = [text, ...hints].join('\n');
  const code = env.code;
  const statusCode = env.statusCode ?? statusFromText(text);
  const base = { detail, code, statusCode };

  if (
    code === 'AUTH_REQUIRED' ||
    code === 'AUTH_EXPIRED' ||
    statusCode === 401 ||
    stderrShowsLoginPrompt(stderr) ||
    /token refresh failed|unauthori[sz]ed|authentication has expired/i.test(text)
  ) {
    return { ...notLoggedIn(detail), code, statusCode };
  }
  const different = /different_user(?:\s*\((?:already authorized by\s*)?([^)]*)\))?/i.exec(text);
  if (different) {
    const otherUser = different[1]?.trim() || undefined;
    return {
      ...base,
      kind: 'differentUser',
      otherUser,
      message: otherUser
        ? `This connector is already authorized by another account: ${plainText(otherUser, { max: 200 })}. Ask them to change it, or remove the connector and add it again.`
        : 'This connector is already authorized by another Base44 account.',
      nextSteps: ['showOutput'],
    };
  }
  const duplicate = /Duplicate connector type "([^"]*)"/.exec(text);
  if (duplicate) {
    return {
      ...base,
      kind: 'duplicateType',
      message: `Two connector files use the type "${plainText(duplicate[1], { max: 200 })}". Keep one file per type, then try again.`,
      nextSteps: ['showOutput'],
    };
  }
  // The CLI's schema check of what the SERVER sent (same code, SCHEMA_INVALID, as a bad local file).
  if (/^Invalid response from server\b/i.test(text)) {
    return {
      ...base,
      kind: 'badServerResponse',
      message:
        'Base44 answered something the base44 CLI could not read (not the data it expects). Try again in a moment; if it keeps happening, update the CLI.',
      nextSteps: ['retry', 'showOutput'],
    };
  }
  const invalidFile =
    /Invalid connector file in (.+?):\s*\n/.exec(`${text}\n`) ?? /File contains invalid JSON: (.+?) \(/.exec(text);
  if (code === 'SCHEMA_INVALID' || invalidFile || /File contains invalid JSON/.test(text)) {
    const file = invalidFile?.[1]?.trim();
    const name = file ? plainText(baseName(file), { max: 200 }) : 'A connector or config file';
    return {
      ...base,
      kind: 'invalidConnectorFile',
      file,
      message: `${name} is not valid for the Base44 CLI. Fix the problems shown in the file, then try again.`,
      nextSteps: file ? ['openFile', 'showOutput'] : ['showOutput'],
    };
  }
  if (code === 'CONFIG_NOT_FOUND' || /No Base44 app ID found|App not configured/i.test(text)) {
    return { ...noAppLinked(), ...base, nextSteps: ['linkApp', 'showOutput'] };
  }
  if (code === 'CONFIG_INVALID') {
    const file = /(?:in|at|JSON:)\s+(\/[^\s()]+|[A-Za-z]:\\[^\s()]+)/.exec(text)?.[1];
    return {
      ...base,
      kind: 'invalidConnectorFile',
      file,
      message: `${file ? plainText(baseName(file), { max: 200 }) : 'A project file'} could not be read by the Base44 CLI: ${firstLine(text)}`,
      nextSteps: file ? ['openFile', 'showOutput'] : ['showOutput'],
    };
  }
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|network|socket hang up|timed out/i.test(text)) {
    return {
      ...base,
      kind: 'network',
      message: 'Could not reach Base44. Check your network connection, then retry.',
      nextSteps: ['retry', 'showOutput'],
    };
  }
  if (statusCode === 403) {
    return {
      ...base,
      kind: 'forbidden',
      message: 'Base44 refused the request: your account has no permission for this app.',
      nextSteps: ['showOutput'],
    };
  }
  if (statusCode !== undefined && statusCode >= 500) {
    return {
      ...base,
      kind: 'serverError',
      message: `Base44 had a problem (HTTP ${statusCode}). Try again in a moment.`,
      nextSteps: ['retry', 'showOutput'],
    };
  }
  if (code === 'INVALID_INPUT') {
    return { ...base, kind: 'invalidInput', message: firstLine(text), nextSteps: ['showOutput'] };
  }
  if (code === 'API_ERROR') {
    return {
      ...base,
      kind: 'apiError',
      message: `Base44 returned an error: ${firstLine(text)}`,
      nextSteps: ['retry', 'showOutput'],
    };
  }
  return { ...base, kind: 'failed', message: `The base44 CLI failed: ${firstLine(text)}`, nextSteps: ['showOutput'] };
}

/**
 * A spawn failure (the process never ran). `commandExists`: the file is there, so ENOENT means its
 * `#!` interpreter is missing, not that the CLI is.
 */
export function fromSpawnError(err: NodeJS.ErrnoException, command: string, commandExists = false): CliError {
  if (err.code === 'ENOENT' && commandExists) {
    return {
      kind: 'cliNotExecutable',
      message: `The base44 CLI at ${plainText(command)} cannot be started: the interpreter on its first line (#!) was not found. Reinstall it or set "base44.cli.path".`,
      nextSteps: ['configureCliPath', 'installCli', 'showOutput'],
      detail: err.message,
    };
  }
  if (err.code === 'ENOENT') return cliNotFound(command);
  if (err.code === 'EACCES' || err.code === 'EPERM') {
    return {
      kind: 'cliNotExecutable',
      message: `The base44 CLI at ${plainText(command)} cannot be run (permission denied). Make it executable or set "base44.cli.path".`,
      nextSteps: ['configureCliPath', 'showOutput'],
      detail: err.message,
    };
  }
  if (err.code === 'EINVAL' && /\.(cmd|bat)$/i.test(command)) {
    return {
      kind: 'cliNotExecutable',
      message: `The base44 CLI at ${plainText(command)} cannot be started: it is a .cmd shim without the CLI's JavaScript entry next to it. Reinstall the CLI (npm i -g base44) or set "base44.cli.path" to its bin/run.js.`,
      nextSteps: ['configureCliPath', 'installCli', 'showOutput'],
      detail: err.message,
    };
  }
  return {
    kind: 'cliNotExecutable',
    message: `The base44 CLI at ${plainText(command)} could not be started (${plainText(err.code ?? 'error', { max: 40 })}). See the Base44 output, or set "base44.cli.path".`,
    nextSteps: ['showOutput', 'configureCliPath'],
    detail: err.message,
  };
}

/** A run that ended without a JSON document on stdout. */
export function fromNonJsonExit(exitCode: number | null, stdout: string, stderr: string): CliError {
  if (stderrShowsLoginPrompt(stderr)) return notLoggedIn(tail(stderr));
  const detail = [tail(stdout), tail(stderr)].filter(Boolean).join('\n');
  if (exitCode === 0) {
    return {
      kind: 'badOutput',
      message:
        'The base44 CLI printed something that is not the JSON the extension expects. Is it version 0.1.18 or newer?',
      nextSteps: ['showOutput', 'configureCliPath'],
      detail,
    };
  }
  if (/fetch failed|ECONNREFUSED|ENOTFOUND/.test(stderr)) {
    return {
      kind: 'network',
      message: 'Could not reach Base44. Check your network connection, then retry.',
      nextSteps: ['retry', 'showOutput'],
      detail,
    };
  }
  return {
    kind: stdout.trim() ? 'badOutput' : 'failed',
    message: `The base44 CLI failed (exit code ${exitCode ?? 'none'}) without a readable result. See the Base44 output for details.`,
    nextSteps: ['showOutput', 'retry'],
    detail,
  };
}

export function timedOut(seconds: number): CliError {
  return {
    kind: 'timeout',
    message: `The base44 CLI did not finish within ${seconds} seconds and was stopped. Try again, or raise "base44.cli.timeoutSeconds".`,
    nextSteps: ['retry', 'showOutput'],
  };
}

export function cancelled(): CliError {
  return { kind: 'cancelled', message: 'Cancelled.', nextSteps: [] };
}

export function outputTooLarge(limitBytes: number): CliError {
  return {
    kind: 'outputTooLarge',
    message: `The base44 CLI printed more than ${Math.round(limitBytes / 1e6)} MB and was stopped.`,
    nextSteps: ['showOutput'],
  };
}

export function invalidArgument(message: string): CliError {
  return { kind: 'invalidArgument', message, nextSteps: [] };
}

export function busy(project: string, running: string): CliError {
  return {
    kind: 'busy',
    message: `${running} is still running for ${plainText(project, { max: 200 })}. Wait for it to finish, then try again.`,
    nextSteps: ['showOutput'],
  };
}

function statusFromText(text: string): number | undefined {
  const m =
    /\b(?:status(?: code)?|HTTP)\s*:?\s*([1-5]\d\d)\b/i.exec(text) ??
    /\b([45]\d\d)\b(?=[^\d]*(?:Unauthorized|Forbidden|Internal Server Error|Bad Gateway|Service Unavailable))/i.exec(
      text,
    );
  return m ? Number(m[1]) : undefined;
}

/** The first line of the CLI's (or the server's) error text, neutralised for a notification. */
function firstLine(text: string): string {
  return plainText(text.split('\n')[0].trim(), { max: 300 });
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() || p;
}

function tail(text: string, max = 2000): string {
  const t = text.trim();
  return t.length > max ? `…${t.slice(-max)}` : t;
}
