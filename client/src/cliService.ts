/**
 * Everything VS Code needs around the CLI: finding it (with the npx offer), checking its version once,
 * running it with the timeout setting and logging, remembering whether a repository-local CLI may run, and
 * one operation per project. The dialogs live in ui/ (workspaceTrust.ts, cliProgress.ts, outdatedCli.ts).
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { appIdFromProjectEnv, appIdSetByProjectEnv, cliEnvironment } from './cli/cliEnvironment';
import { CliError, busy, cancelled, cliNotFound } from './cli/cliErrors';
import { ConnectorsCli } from './cli/connectorsCli';
import { LocateResult, MIN_CLI_VERSION, compareVersions, locateCli, parseVersion } from './cli/locateCli';
import { ProjectOperationLock } from './cli/operationQueue';
import { CliCommand, runCli } from './cli/runCli';
import type { Log } from './log';
import type { Project } from './projects';
import { apiUrlSetting, cliPathSetting, cliTimeoutMs } from './settings';
import { warnOutdatedCli } from './ui/outdatedCli';
import { askToRunProjectCli } from './ui/workspaceTrust';

const NPX_ACCEPTED = 'base44.cli.npxAccepted';
/** workspaceState: the user's answer per repository-local binary path ('allow' | 'deny'). */
const PROJECT_BINARY_ANSWERS = 'base44.cli.projectBinaryAnswers';

export class CliService implements vscode.Disposable {
  private readonly lock = new ProjectOperationLock();
  private checkedVersionOf: string | undefined;
  /** `base44 --version` of the CLI last checked (undefined until a command or the account check ran it). */
  private knownVersion: { key: string; version?: string } | undefined;
  /** locate() results per set of project roots, until the settings change, npx is accepted or Refresh. */
  private readonly located = new Map<string, LocateResult>();
  private readonly stateChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeState = this.stateChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {}

  /**
   * Where the CLI is, without running anything. Cached (the tree, the welcome view and the language status
   * ask on every render); `notifyStateChanged()` forgets it. Commands go through `resolve()`, which
   * always looks again.
   */
  locate(projectRoots: readonly string[]): LocateResult {
    const key = projectRoots.join('\0');
    let found = this.located.get(key);
    if (!found) {
      found = this.locateNow(projectRoots);
      this.located.set(key, found);
    }
    return found;
  }

  private locateNow(projectRoots: readonly string[]): LocateResult {
    const found = this.locateIn(projectRoots);
    // A repository-local binary the user declined: as if it were not there (PATH, npx, ... instead).
    return found.found && found.cli.source === 'project' && this.projectBinaryAnswer(found.cli.command) === 'deny'
      ? this.locateIn([])
      : found;
  }

  private locateIn(projectRoots: readonly string[]): LocateResult {
    return locateCli({
      settingPath: cliPathSetting(),
      projectRoots,
      npxAccepted: this.context.globalState.get<boolean>(NPX_ACCEPTED, false),
      npxPrefix: this.npxPrefix(),
    });
  }

  /** An empty folder of the extension's own for npm to work from (never the project, never shared /tmp). */
  private npxPrefix(): string {
    const dir = join(this.context.globalStorageUri.fsPath, 'npx');
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch {
      return homedir();
    }
    return dir;
  }

  /** The version `base44 --version` printed for the CLI `locate(projectRoots)` finds, once it was run. */
  versionOf(projectRoots: readonly string[]): string | undefined {
    const found = this.locate(projectRoots);
    if (!found.found || !this.knownVersion) return undefined;
    return this.knownVersion.key === cliKey(found.cli) ? this.knownVersion.version : undefined;
  }

  /**
   * Called when the `base44.cli` settings change, the user accepts npx, or on Refresh: forgets where the
   * CLI was and its version, so the next look (tree, welcome view, status, command) finds it again.
   */
  notifyStateChanged(): void {
    this.checkedVersionOf = undefined;
    this.knownVersion = undefined;
    this.located.clear();
    this.stateChanged.fire();
  }

  async acceptNpx(): Promise<void> {
    await this.context.globalState.update(NPX_ACCEPTED, true);
    this.log.info('Using "npx --yes base44" to run the base44 CLI (accepted by the user).');
    this.notifyStateChanged();
  }

  private projectBinaryAnswer(command: string): 'allow' | 'deny' | undefined {
    return this.context.workspaceState.get<Record<string, 'allow' | 'deny'>>(PROJECT_BINARY_ANSWERS, {})[command];
  }

  /**
   * True when the CLI for this project is the repository's own `node_modules/.bin/base44` and the user has
   * not yet said whether it may run. Background work (the account check at activation, Add Connector's
   * list) then runs nothing; only a command the user started asks (`resolve`).
   */
  needsProjectBinaryConsent(project: Project): boolean {
    const found = this.locateNow([project.root]);
    return found.found && found.cli.source === 'project' && this.projectBinaryAnswer(found.cli.command) === undefined;
  }

  /**
   * Asks once per workspace (remembered) before running a repository-local binary. Returns whether it may
   * run; undefined when the user dismissed the question.
   */
  private async askProjectBinary(command: string): Promise<boolean | undefined> {
    const answer = await askToRunProjectCli(command);
    if (answer === undefined) return undefined;
    const answers = {
      ...this.context.workspaceState.get<Record<string, 'allow' | 'deny'>>(PROJECT_BINARY_ANSWERS, {}),
    };
    answers[command] = answer;
    await this.context.workspaceState.update(PROJECT_BINARY_ANSWERS, answers);
    this.log.info(`Repository-local CLI ${command}: ${answer === 'allow' ? 'allowed' : 'declined'} by the user.`);
    return answer === 'allow';
  }

  /**
   * The CLI to use for this project, or the error explaining why there is none. Called by commands the
   * user started: asks before the first run of a repository-local binary.
   */
  async resolve(project: Project): Promise<{ cli: CliCommand } | { error: CliError }> {
    let found = this.locateNow([project.root]);
    if (found.found && found.cli.source === 'project' && this.projectBinaryAnswer(found.cli.command) === undefined) {
      const allowed = await this.askProjectBinary(found.cli.command);
      if (allowed === undefined) return { error: cancelled() };
      if (!allowed) found = this.locateNow([project.root]);
    }
    const cached = this.located.get(project.root);
    if (cached && cached.found !== found.found) {
      // Installed or removed since the views last looked: let them look again.
      this.located.clear();
      this.stateChanged.fire();
    }
    this.located.set(project.root, found);
    if (!found.found) {
      this.log.warn(found.reason);
      return {
        error: found.settingInvalid
          ? { kind: 'cliNotFound', message: found.reason, nextSteps: ['configureCliPath'] }
          : {
              ...cliNotFound('base44'),
              nextSteps: found.npxAvailable
                ? ['installCli', 'useNpx', 'configureCliPath']
                : ['installCli', 'configureCliPath'],
            },
      };
    }
    await this.checkVersionOnce(found.cli, project.root);
    return { cli: found.cli };
  }

  /**
   * The environment of every CLI run and CLI terminal: BASE44_API_URL from `base44.apiUrl`, and the
   * variables a project's `.env` could use to redirect the login neutralised (see cliEnvironment.ts).
   */
  environment(): NodeJS.ProcessEnv {
    return cliEnvironment({ apiUrl: apiUrlSetting() });
  }

  /**
   * Typed CLI wrappers bound to this binary, with the timeout setting, the environment and logging. A
   * project whose `.env` sets BASE44_APP_ID is refused before anything starts (the CLI would ignore the
   * project's files).
   */
  connectors(cli: CliCommand): ConnectorsCli {
    return new ConnectorsCli(async (args, cwd, signal) => {
      const envAppId = args[0] === 'whoami' ? undefined : appIdFromProjectEnv(cwd);
      if (envAppId) {
        this.log.warn(`Not running the base44 CLI in ${cwd}: ${envAppId.file} sets ${envAppId.key}.`);
        return { ok: false, error: appIdSetByProjectEnv(envAppId), stderr: '' };
      }
      const env = this.environment();
      return runCli(cli, args, { cwd, signal, env, timeoutMs: cliTimeoutMs(), onRecord: (r) => this.log.cliRun(r) });
    });
  }

  /** Runs `fn` while holding this project's operation slot; a second operation is refused. */
  async exclusive<T>(project: Project, label: string, fn: () => Promise<T>): Promise<T | { busy: CliError }> {
    const acquired = this.lock.tryAcquire(project.root, label);
    if (!acquired.ok) return { busy: busy(project.label, acquired.running) };
    try {
      return await fn();
    } finally {
      acquired.lease.release();
    }
  }

  dispose(): void {
    this.stateChanged.dispose();
  }

  private async checkVersionOnce(cli: CliCommand, cwd: string): Promise<void> {
    const key = cliKey(cli);
    if (this.checkedVersionOf === key) return;
    this.checkedVersionOf = key;
    const env = this.environment();
    const r = await runCli(cli, ['--version'], {
      cwd,
      env,
      json: false,
      timeoutMs: 60_000,
      onRecord: (x) => this.log.cliRun(x),
    });
    const version = r.ok ? parseVersion(String(r.data)) : undefined;
    if (this.checkedVersionOf === key) {
      this.knownVersion = { key, version };
      this.stateChanged.fire();
    }
    this.log.info(
      `base44 CLI (${cli.source}): ${cli.command}${cli.argsPrefix.length ? ' ' + cli.argsPrefix.join(' ') : ''} — version ${version ?? 'unknown'}`,
    );
    if (version && compareVersions(version, MIN_CLI_VERSION) < 0) warnOutdatedCli(version);
  }
}

function cliKey(cli: CliCommand): string {
  return `${cli.command} ${cli.argsPrefix.join(' ')}`;
}

export function isBusy<T>(r: T | { busy: CliError }): r is { busy: CliError } {
  return typeof r === 'object' && r !== null && 'busy' in r;
}
