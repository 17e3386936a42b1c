/**
 * Read-only documents (`base44-preview:` scheme) holding previewed text, for `vscode.diff` between a
 * connector file and what a pull would write.
 */
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'base44-preview';

export class PreviewContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  /** A new read-only document with this text; the name shows in the editor tab. */
  add(fileName: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.counter}/${fileName}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  clear(): void {
    this.texts.clear();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
