/**
 * The Connectors tree. VS Code's API cannot read another extension's tree, so this needs the extension's
 * test API: `activate()` returning `{ getTreeItemsForTest(): Promise<TreeSnapshot[]> }` (nodes with label,
 * description, children), or the TreeDataProvider as `connectorsTree`. Without it the spec is skipped; the
 * Playwright check of `npm run test:vscode` still looks at the tree on screen.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers';

interface Snap {
  label: string;
  description?: string;
  children: Snap[];
}

async function snapshot(api: any): Promise<Snap[] | undefined> {
  if (api && typeof api.getTreeItemsForTest === 'function') return api.getTreeItemsForTest();
  const provider: vscode.TreeDataProvider<unknown> | undefined = api?.connectorsTree;
  if (!provider) return undefined;
  const walk = async (el: unknown, depth: number): Promise<Snap[]> => {
    const kids = (await provider.getChildren(el as any)) ?? [];
    const out: Snap[] = [];
    for (const k of kids) {
      const item = await provider.getTreeItem(k);
      const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
      out.push({ label, description: typeof item.description === 'string' ? item.description : undefined, children: depth < 2 ? await walk(k, depth + 1) : [] });
    }
    return out;
  };
  return walk(undefined, 0);
}

const flat = (nodes: Snap[], depth = 0): string[] => nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}`, ...flat(n.children, depth + 1)]);

describe('Connectors tree', function () {
  this.timeout(60_000);

  it('lists every project with its connector files and scopes', async function () {
    const api = await activateExtension();
    if (!api || (typeof api.getTreeItemsForTest !== 'function' && !api.connectorsTree)) this.skip();
    await vscode.commands.executeCommand('base44.refresh');
    const tree = await waitFor(async () => {
      const t = await snapshot(api);
      return t && flat(t).some((l) => /project-b/.test(l)) ? t : undefined;
    }, 'the tree to list the projects', 30_000);
    const lines = flat(tree);
    const text = lines.join('\n');
    for (const p of ['project-a', 'project-b', 'custom-dir']) assert.match(text, new RegExp(p), `project ${p} in:\n${text}`);
    assert.match(text, /Google Calendar|googlecalendar/);
    assert.match(text, /Slack|slack/);
    assert.match(text, /calendar\.events/, `scopes listed under the connector:\n${text}`);
    assert.match(text, /Google Drive|googledrive/, 'custom connectorsDir connector listed');
  });
});
