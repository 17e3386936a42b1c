/**
 * The environment every base44 CLI run gets, so that a repository cannot redirect the user's login.
 *
 * CLI 0.1.18 loads the project's `.env.local` then `.env` at start (dotenv: a variable that is already
 * set, even to "", is never overridden) and copies `BASE44_PROJECTS_<KEY>` to `<KEY>` when `<KEY>` is
 * unset, for BASE44_APP_ID, BASE44_ACCESS_TOKEN, BASE44_REFRESH_TOKEN and BASE44_API_URL. A cloned
 * repository's `.env` could thus send the user's bearer token to another server (BASE44_API_URL), log
 * the CLI in as another account (BASE44_ACCESS_TOKEN + BASE44_REFRESH_TOKEN overwrite ~/.base44's
 * login; BASE44_API_KEY replaces it), or fake the CLI's project (BASE44_CLI_TEST_OVERRIDES.appConfig).
 * Each of those is set here, to the user's setting or the user's own environment, else to "".
 *
 * BASE44_APP_ID cannot be neutralised that way ("" is an error: "App id cannot be empty"). Which app a
 * project is linked to is the project's own choice anyway (base44/.app.jsonc, named in every dialog),
 * so the variable redirects no credential; but with it set, CLI 0.1.18 acts on that app WITHOUT reading
 * the project (a push then ignores the connector files and removes every connector on Base44). So the
 * extension drops it from its own environment, and refuses to run the CLI in a project whose `.env`
 * sets it (`appIdFromProjectEnv`), saying which file to fix.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CliError } from './cliErrors';

/** What the CLI loads from the project root, in its order. */
export const PROJECT_ENV_FILES = ['.env.local', '.env'] as const;

/** Credentials: the user's own value from the editor's environment, else "" (a `.env` cannot fill it). */
const CREDENTIAL_KEYS = ['BASE44_ACCESS_TOKEN', 'BASE44_REFRESH_TOKEN', 'BASE44_API_KEY'] as const;
/** The keys the CLI copies from their `BASE44_PROJECTS_` form. */
const PREFIXED_KEYS = ['BASE44_ACCESS_TOKEN', 'BASE44_REFRESH_TOKEN', 'BASE44_API_URL'] as const;
const APP_ID_KEYS = ['BASE44_APP_ID', 'BASE44_PROJECTS_BASE44_APP_ID'] as const;

export interface CliEnvironmentOptions {
  /** `base44.apiUrl` (user setting): where the CLI sends requests, and so the user's token. */
  readonly apiUrl: string;
  /** The editor's own environment (default process.env). */
  readonly base?: NodeJS.ProcessEnv;
}

export function cliEnvironment(options: CliEnvironmentOptions): NodeJS.ProcessEnv {
  const base = options.base ?? process.env;
  const env: NodeJS.ProcessEnv = { ...base };
  env.BASE44_API_URL = options.apiUrl;
  for (const key of CREDENTIAL_KEYS) env[key] = base[key] ?? base[`BASE44_PROJECTS_${key}`] ?? '';
  for (const key of PREFIXED_KEYS) env[`BASE44_PROJECTS_${key}`] = '';
  // The CLI's test hook can replace the project (appConfig): only the user's own environment sets it.
  env.BASE44_CLI_TEST_OVERRIDES = base.BASE44_CLI_TEST_OVERRIDES ?? '';
  for (const key of APP_ID_KEYS) delete env[key];
  return env;
}

/** A `.env` line setting one of the app id variables (dotenv syntax: `[export] KEY=` or `KEY: `). */
const APP_ID_LINE = /^[ \t]*(?:export[ \t]+)?(BASE44_APP_ID|BASE44_PROJECTS_BASE44_APP_ID)[ \t]*(?:=|:[ \t])/m;
/** Larger files are not read (a `.env` is a few lines); such a file is reported as setting it, to be safe. */
const MAX_ENV_FILE_BYTES = 256 * 1024;

/** The project's `.env` file that sets BASE44_APP_ID (or its BASE44_PROJECTS_ copy), if any. */
export function appIdFromProjectEnv(projectRoot: string): { file: string; key: string } | undefined {
  for (const name of PROJECT_ENV_FILES) {
    const file = join(projectRoot, name);
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) continue; // dotenv would block on a FIFO too; never read one here
      size = st.size;
    } catch {
      continue;
    }
    if (size > MAX_ENV_FILE_BYTES) return { file, key: 'BASE44_APP_ID' };
    const match = APP_ID_LINE.exec(readSmallFile(file, size));
    if (match) return { file, key: match[1] };
  }
  return undefined;
}

function readSmallFile(file: string, size: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const read = readSync(fd, buffer, 0, size, 0);
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return '';
  } finally {
    closeSync(fd);
  }
}

export function appIdSetByProjectEnv(found: { file: string; key: string }): CliError {
  const name = found.file.split(/[\\/]/).pop();
  return {
    kind: 'invalidInput',
    message:
      `This project's ${name} sets ${found.key}: the base44 CLI would then act on that app without reading the project ` +
      '(a push would ignore your connector files and remove every connector on Base44). Remove it from the file; ' +
      'the project is linked to its app by base44/.app.jsonc.',
    nextSteps: ['openFile', 'showOutput'],
    file: found.file,
  };
}
