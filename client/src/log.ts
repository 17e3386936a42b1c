/** The "Base44" log output channel. Every line goes through `redact`. */
import * as vscode from 'vscode';
import { redact, redactArgs } from './cli/redact';
import type { CliRunRecord } from './cli/runCli';

export class Log implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Base44', { log: true });

  info(message: string): void {
    this.channel.info(redact(message));
  }
  warn(message: string): void {
    this.channel.warn(redact(message));
  }
  error(message: string): void {
    this.channel.error(redact(message));
  }

  /** One entry per CLI run: command line, folder, duration, exit status; stderr at debug level. */
  cliRun(r: CliRunRecord): void {
    const line = `${[r.command, ...redactArgs(r.args)].join(' ')}  (cwd ${r.cwd}) → ${r.outcome}, exit ${r.exitCode ?? r.signal ?? '-'}, ${r.durationMs} ms`;
    if (r.outcome === 'ok') this.info(line);
    else this.warn(line);
    const stderr = r.stderr.trim();
    if (stderr) this.channel.debug(redact(stderr.length > 20_000 ? `${stderr.slice(0, 20_000)}…` : stderr));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
