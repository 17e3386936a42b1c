/** Base44: Open Provider Docs — the provider's scope documentation for a connector's type. */
import * as vscode from 'vscode';
import { pickConnector, Services } from './common';

export async function openDocsCommand(s: Services, arg?: unknown): Promise<void> {
  const catalog = await s.projects.catalog();
  const ref = await pickConnector(s, arg, 'Open the provider docs of which connector?');
  let type = ref?.connector.type;
  if (!ref) {
    const picked = await vscode.window.showQuickPick(
      catalog.types.map((t) => ({ label: t.displayName, description: t.type, type: t.type })),
      { placeHolder: 'Connector type' },
    );
    type = picked?.type;
  }
  if (!type) return;
  const entry = catalog.types.find((t) => t.type === type);
  if (!entry?.docsUrl) {
    void vscode.window.showInformationMessage(`Base44: no provider documentation is known for "${type}".`);
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(entry.docsUrl, true));
}
