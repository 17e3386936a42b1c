/** Code lenses on a connector file's `type` line: Authorize, Push, Open docs. */
import * as vscode from 'vscode';
import type { ProjectsModel } from '../projects';
import { codeLensEnabled } from '../settings';

export class ConnectorCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly projects: ProjectsModel) {
    this.sub = projects.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!codeLensEnabled()) return [];
    const key = document.uri.toString();
    for (const project of this.projects.projects) {
      const c = project.summary.connectors.find((x) => vscode.Uri.parse(x.uri).toString() === key);
      if (!c?.type || !c.typeRange) continue;
      const range = new vscode.Range(c.typeRange.start.line, 0, c.typeRange.start.line, 0);
      const arg = { uri: c.uri };
      const lenses = [
        new vscode.CodeLens(range, { title: '$(cloud-upload) Push', command: 'base44.push', arguments: [arg] }),
      ];
      if (vscode.workspace.isTrusted) {
        lenses.unshift(
          new vscode.CodeLens(range, { title: '$(key) Authorize', command: 'base44.authorize', arguments: [arg] }),
        );
      } else {
        lenses.length = 0;
      }
      lenses.push(
        new vscode.CodeLens(range, {
          title: '$(link-external) Docs',
          command: 'base44.openProviderDocs',
          arguments: [arg],
        }),
      );
      return lenses;
    }
    return [];
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
