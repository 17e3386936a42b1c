/** The notification every CLI run the user started shows: its title, and a Cancel button that stops the run. */
import * as vscode from 'vscode';

/** Cancellable notification progress; `fn` gets an AbortSignal tied to the Cancel button. */
export function withCliProgress<T>(
  title: string,
  fn: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return fn(controller.signal, (message) => progress.report({ message }));
    },
  );
}
