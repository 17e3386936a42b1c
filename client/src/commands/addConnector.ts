/**
 * Base44: Add Connector. Pick a type (the catalog, merged with `connectors list-available` when the
 * CLI can be used), pick scopes, and create `<type>.jsonc` in the project's connectors folder; for a type
 * that already has its file, add the picked scopes to it (in the editor, following the file's layout).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CatalogResult } from '../../../server/src/protocol';
import type { AvailableIntegration } from '../cli/connectorsCli';
import { validateScopes, validateType } from '../cli/connectorsCli';
import type { Project } from '../projects';
import { listedScopes, withScopes } from '../sync/connectorEdits';
import { pickProject, Services } from './common';
import { plainText } from '../ui/untrustedText';

type CatalogType = CatalogResult['types'][number];

interface TypeItem extends vscode.QuickPickItem {
  readonly type: string;
  readonly entry?: CatalogType;
  readonly existingFile?: string;
}

export async function addConnectorCommand(s: Services, arg?: unknown): Promise<void> {
  const project = await pickProject(s, arg, 'Add a connector to which project?');
  if (!project) return;
  const [catalog, available] = await Promise.all([s.projects.catalog(), listAvailable(s, project)]);
  const typeItem = await pickType(project, catalog, available);
  if (!typeItem) return;
  if (typeItem.existingFile) {
    await addScopesToExisting(typeItem, typeItem.existingFile);
    return;
  }
  const scopes = await pickScopes(typeItem);
  if (!scopes) return;
  const file = path.join(project.connectorsDir, `${typeItem.type}.jsonc`);
  if (existsSync(file) || existsSync(file.replace(/\.jsonc$/, '.json'))) {
    void vscode.window.showErrorMessage(`Base44: ${path.basename(file)} already exists.`);
    return;
  }
  await mkdir(project.connectorsDir, { recursive: true });
  // Plain 2-space JSON: exactly what the CLI writes, so a later pull does not rewrite it.
  await writeFile(file, JSON.stringify({ type: typeItem.type, scopes }, null, 2), { flag: 'wx' });
  await vscode.window.showTextDocument(vscode.Uri.file(file));
  await s.projects.refresh();
  const next = await vscode.window.showInformationMessage(
    `Base44: created ${path.basename(file)}. Push it to Base44, then authorize it.`,
    ...(vscode.workspace.isTrusted ? ['Push Connectors'] : []),
  );
  if (next) await vscode.commands.executeCommand('base44.push', { project });
}

/** `list-available` when trusted and the CLI is there; never blocks adding (errors only logged). */
async function listAvailable(s: Services, project: Project): Promise<readonly AvailableIntegration[]> {
  if (!vscode.workspace.isTrusted || !s.cli.locate([project.root]).found || s.cli.needsProjectBinaryConsent(project))
    return [];
  const resolved = await s.cli.resolve(project);
  if ('error' in resolved) return [];
  const r = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Base44: listing available connectors' },
    () => s.cli.connectors(resolved.cli).listAvailable(project.root),
  );
  if (!r.ok) {
    s.log.warn(`list-available failed (${r.error.kind}); showing the built-in catalog only.`);
    return [];
  }
  return r.value;
}

async function pickType(
  project: Project,
  catalog: CatalogResult,
  available: readonly AvailableIntegration[],
): Promise<TypeItem | undefined> {
  const existing = new Map(
    project.summary.connectors.filter((c) => c.type).map((c) => [c.type!, vscode.Uri.parse(c.uri).fsPath]),
  );
  const offered = new Set(available.map((a) => a.integrationType));
  const items: TypeItem[] = catalog.types.map((t) => ({
    label: t.displayName,
    description: [
      t.type,
      existing.has(t.type)
        ? 'already added: pick it to add scopes'
        : offered.has(t.type)
          ? 'offered by your Base44'
          : '',
    ]
      .filter(Boolean)
      .join(' · '),
    detail: t.description,
    type: t.type,
    entry: t,
    existingFile: existing.get(t.type),
  }));
  for (const a of available) {
    if (catalog.types.some((t) => t.type === a.integrationType) || validateType(a.integrationType)) continue;
    items.push({
      // Names and descriptions come from the API: no icons or links.
      label: plainText(a.displayName || a.integrationType, { max: 100 }),
      description: `${a.integrationType} · offered by your Base44 (no scope list in this extension)`,
      detail: a.description === undefined ? undefined : plainText(a.description, { max: 300 }),
      type: a.integrationType,
      existingFile: existing.get(a.integrationType),
    });
  }
  items.sort((a, b) => Number(!!a.existingFile) - Number(!!b.existingFile) || a.label.localeCompare(b.label));
  return vscode.window.showQuickPick(items, {
    placeHolder: 'Connector type',
    matchOnDescription: true,
    matchOnDetail: true,
  });
}

/**
 * The type already has its file (one file per type): offer the scopes it does not list yet and add the
 * picked ones in the editor, unsaved, through jsonc-parser's `modify` so they follow the file's layout.
 */
async function addScopesToExisting(item: TypeItem, file: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document);
  const alreadyAdded = `Base44: this project already has a ${item.type} connector (one file per type).`;
  const listed = listedScopes(document.getText());
  const takesScopes = item.entry && item.entry.auth === 'oauth' && item.entry.scopes.length > 0;
  if (!takesScopes || !listed) {
    void vscode.window.showInformationMessage(alreadyAdded);
    return;
  }
  const picked = (await pickScopes(item, new Set(listed)))?.filter((scope) => !listed.includes(scope));
  if (!picked || picked.length === 0) return;
  const text = document.getText();
  const updated = withScopes(text, picked);
  if (updated === undefined) {
    void vscode.window.showWarningMessage(`${alreadyAdded} Add the scopes by hand: ${picked.join(', ')}`);
    return;
  }
  // Replace only what changed, so the cursor, folding and undo stay as local as the change itself.
  const [start, end, replacement] = changedSpan(text, updated);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), replacement);
  if (!(await vscode.workspace.applyEdit(edit))) return;
  void vscode.window.showInformationMessage(
    `Base44: added ${picked.length} scope${picked.length === 1 ? '' : 's'} to ${path.basename(file)} (not saved yet).`,
  );
}

/** `[start, end, replacement]`: the smallest span of `before` whose replacement gives `after`. */
function changedSpan(before: string, after: string): [number, number, string] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (
    tail < before.length - start &&
    tail < after.length - start &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  return [start, before.length - tail, after.slice(start, after.length - tail)];
}

async function pickScopes(item: TypeItem, listed: ReadonlySet<string> = new Set()): Promise<string[] | undefined> {
  const entry = item.entry;
  if (entry && (entry.auth === 'oauth-no-scopes' || entry.auth === 'stripe-sandbox')) return [];
  const known = (entry?.scopes ?? []).filter((sc) => !sc.deprecated && !listed.has(sc.scope));
  if (known.length > 0) {
    const picked = await vscode.window.showQuickPick(
      known.map((sc) => ({
        label: sc.scope,
        description:
          sc.sensitivity === 'restricted' || sc.sensitivity === 'sensitive'
            ? `$(warning) ${sc.sensitivity}`
            : undefined,
        detail: sc.description,
      })),
      {
        canPickMany: true,
        placeHolder: `Scopes for ${entry?.displayName ?? item.type} (pick the fewest that work)`,
        matchOnDetail: true,
      },
    );
    return picked?.map((p) => p.label);
  }
  const typed = await vscode.window.showInputBox({
    prompt: `Scopes for ${item.type}, separated by spaces (leave empty for none)`,
    validateInput: (v) => validateScopes(split(v))?.message,
  });
  return typed === undefined ? undefined : split(typed);
}

function split(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}
