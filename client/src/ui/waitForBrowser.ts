/**
 * The visible, cancellable wait while the user gives consent in the browser. Nothing is sent to Base44
 * while it runs: it ends when the user says they finished, cancels (the progress notification's Cancel,
 * or closing the message), or the time is up. "Copy Link" copies the link and keeps waiting.
 */
import * as vscode from 'vscode';

export type BrowserWaitResult = 'finished' | 'cancelled' | 'timedOut';

export const FINISHED = "I've Finished";
export const COPY_LINK = 'Copy Link';

export interface BrowserWaitOptions {
  /** Connector type (or "Display name (type)"), as shown. */
  readonly label: string;
  readonly url: string;
  /** Whether `openExternal` reported the page opened. */
  readonly opened: boolean;
  readonly timeoutMs: number;
  /** "1 of 2" when Push walks several connectors. */
  readonly step?: string;
}

export function waitForBrowser(o: BrowserWaitOptions): Thenable<BrowserWaitResult> {
  const step = o.step ? ` (${o.step})` : '';
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Base44: Waiting for authorization of ${o.label}${step}`,
      cancellable: true,
    },
    (progress, token) =>
      new Promise<BrowserWaitResult>((resolve) => {
        let settled = false;
        const deadline = Date.now() + o.timeoutMs;
        const remaining = () =>
          `${Math.max(0, Math.ceil((deadline - Date.now()) / 1000))} s left — nothing is sent to Base44 until you finish`;
        progress.report({ message: remaining() });
        const tick = setInterval(() => progress.report({ message: remaining() }), 1000);
        const timer = setTimeout(() => finish('timedOut'), o.timeoutMs);
        const cancel = token.onCancellationRequested(() => finish('cancelled'));
        function finish(result: BrowserWaitResult): void {
          if (settled) return;
          settled = true;
          clearInterval(tick);
          clearTimeout(timer);
          cancel.dispose();
          resolve(result);
        }
        const ask = (copied: boolean): void => {
          const text = copied
            ? `Base44: link for ${o.label} copied. Open it in a browser, finish there, then click "${FINISHED}".`
            : o.opened
              ? `Base44: finish authorizing ${o.label} in your browser, then click "${FINISHED}".`
              : `Base44: could not open the browser for ${o.label}. Copy the link, open it in a browser, finish there, then click "${FINISHED}".`;
          const show = o.opened || copied ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
          void show(text, FINISHED, COPY_LINK).then(async (choice) => {
            if (settled) return; // a message left over after Cancel or the timeout
            if (choice === COPY_LINK) {
              await vscode.env.clipboard.writeText(o.url);
              return ask(true);
            }
            finish(choice === FINISHED ? 'finished' : 'cancelled');
          });
        };
        ask(false);
      }),
  );
}
