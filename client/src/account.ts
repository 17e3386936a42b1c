/**
 * Who the CLI is logged in as (`whoami --json`) and whether it can run at all, per project root.
 * Checked on activation (trusted workspaces only, and never with a repository-local CLI the user has not
 * allowed yet), on Refresh and after Log In.
 */
import * as vscode from 'vscode';
import type { CliError } from './cli/cliErrors';
import type { CliService } from './cliService';
import type { Project } from './projects';

export type AccountState =
  | { readonly status: 'unknown' }
  | { readonly status: 'loggedIn'; readonly account: string }
  | { readonly status: 'error'; readonly error: CliError };

export class AccountModel implements vscode.Disposable {
  private readonly states = new Map<string, AccountState>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly cli: CliService) {}

  get(project: Project): AccountState {
    return this.states.get(project.root) ?? { status: 'unknown' };
  }

  /** Re-runs `whoami` for these projects (no-op when untrusted or the CLI is missing). */
  async check(projects: readonly Project[]): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    await Promise.all(
      projects.map(async (project) => {
        // Nothing to run, or only the repository's own binary, not yet allowed: run nothing unasked.
        if (!this.cli.locate([project.root]).found || this.cli.needsProjectBinaryConsent(project)) {
          this.states.delete(project.root);
          return;
        }
        const resolved = await this.cli.resolve(project);
        if ('error' in resolved) {
          this.states.set(project.root, { status: 'error', error: resolved.error });
          return;
        }
        const who = await this.cli.connectors(resolved.cli).whoami(project.root);
        this.states.set(
          project.root,
          who.ok ? { status: 'loggedIn', account: who.value } : { status: 'error', error: who.error },
        );
      }),
    );
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
