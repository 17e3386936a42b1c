/**
 * The Connectors tree, read through the extension's API (`activate()` returns `getTreeSnapshot()`: VS Code's
 * API cannot read another extension's tree). The Playwright check of `npm run test:vscode` looks at the same
 * tree on screen.
 *
 * Multi-root fixture: project-a (googlecalendar, notion, slack), project-b (gmail, googlecalender = unknown
 * type, hubspot = syntax error), custom-dir (googledrive in base44/integrations).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, positionOf, waitFor } from './helpers';

interface Snap {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  iconId?: string;
  iconColor?: string;
  resourceUri?: string;
  collapsible: boolean;
  command?: { command: string; title: string; arguments?: unknown[] };
  children: Snap[];
}

interface Api {
  getTreeSnapshot(): Promise<Snap[]>;
  whenReady(): Promise<void>;
  getLanguageStatus(): { text: string; detail?: string; severity: vscode.LanguageStatusSeverity; command?: string };
}

const render = (nodes: Snap[], depth = 0): string =>
  nodes
    .map(
      (n) =>
        `${'  '.repeat(depth)}[${n.iconId ?? '-'}] ${n.label}${n.description ? ` — ${n.description}` : ''} (${n.contextValue})\n${render(n.children, depth + 1)}`,
    )
    .join('');

const fileOf = (n: Snap) => (n.resourceUri ? path.basename(vscode.Uri.parse(n.resourceUri).fsPath) : '');

async function api(): Promise<Api> {
  const exports = await activateExtension();
  assert.equal(typeof exports?.getTreeSnapshot, 'function', 'activate() must return { getTreeSnapshot() }');
  const a = exports as Api;
  await a.whenReady();
  return a;
}

/** The tree once every fixture project is listed with all its files (the server has analysed them). */
async function settledTree(a: Api): Promise<Snap[]> {
  let last: Snap[] = [];
  try {
    return await waitFor(
      async () => {
        last = await a.getTreeSnapshot();
        const projects = last.filter((n) => n.contextValue === 'project');
        const count = (label: string) =>
          projects.find((p) => p.label === label)?.children.filter((c) => c.contextValue?.startsWith('connector'))
            .length;
        return count('project-a') === 3 && count('project-b') === 3 && count('custom-dir') === 1 ? last : undefined;
      },
      'the tree to list project-a (3 files), project-b (3 files) and custom-dir (1 file)',
      30_000,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}\ntree:\n${render(last)}`);
  }
}

describe('Connectors tree', function () {
  this.timeout(60_000);

  it('a group per project, a node per connector file (service, type, scope count), a problem icon on the broken file', async () => {
    const a = await api();
    const tree = await settledTree(a);
    const text = render(tree);
    const projects = tree.filter((n) => n.contextValue === 'project');
    assert.deepEqual(
      projects.map((p) => p.label),
      ['custom-dir', 'project-a', 'project-b'],
      text,
    );
    for (const p of projects) {
      assert.equal(p.iconId, 'root-folder', text);
      assert.ok(p.collapsible, `${p.label} expands`);
    }
    const [customDir, projectA, projectB] = projects;
    assert.match(projectA.description ?? '', /^3 connectors$/, text);
    assert.match(customDir.description ?? '', /^1 connector$/, text);

    // project-a: sorted by type, the service name as label, "type · N scopes" as description.
    const a1 = projectA.children.filter((c) => c.contextValue?.startsWith('connector'));
    assert.deepEqual(a1.map(fileOf), ['googlecalendar.jsonc', 'notion.jsonc', 'slack.jsonc'], text);
    const [calendar, notion, slack] = a1;
    assert.equal(calendar.label, 'Google Calendar', text);
    assert.match(calendar.description ?? '', /^googlecalendar · 2 scopes\b/, text);
    assert.equal(calendar.contextValue, 'connector');
    assert.ok(calendar.collapsible, 'a connector with scopes expands');
    assert.equal(notion.label, 'Notion', text);
    assert.match(notion.description ?? '', /^notion · 0 scopes\b/, text);
    assert.equal(notion.collapsible, false, 'a connector without scopes has no children');
    assert.equal(notion.children.length, 0);
    assert.match(slack.label, /^Slack\b/, text);
    assert.match(slack.description ?? '', /^slack · 2 scopes\b/, text);
    for (const c of a1) assert.notEqual(c.iconId, 'error', `${c.label} has no problem: ${text}`);

    // project-b: the syntax error gets the error icon and the problem count; the unknown type is a warning only.
    const b = projectB.children.filter((c) => c.contextValue?.startsWith('connector'));
    assert.deepEqual(b.map(fileOf).sort(), ['gmail.jsonc', 'googlecalender.jsonc', 'hubspot.jsonc'], text);
    const hubspot = b.find((c) => fileOf(c) === 'hubspot.jsonc')!;
    assert.equal(hubspot.iconId, 'error', `problem icon on hubspot.jsonc:\n${text}`);
    assert.equal(hubspot.iconColor, 'problemsErrorIcon.foreground');
    assert.match(hubspot.description ?? '', /\d+ problems?/, text);
    assert.match(hubspot.tooltip ?? '', /problems/i, 'the tooltip says why');
    const gmail = b.find((c) => fileOf(c) === 'gmail.jsonc')!;
    assert.equal(gmail.label, 'Gmail');
    assert.match(gmail.description ?? '', /^gmail · 1 scope\b/, text);
    assert.notEqual(gmail.iconId, 'error');
    const typo = b.find((c) => fileOf(c) === 'googlecalender.jsonc')!;
    assert.equal(typo.label, 'googlecalender', 'an unknown type has no service name: the type is the label');
    assert.notEqual(typo.iconId, 'error', `an unknown type is a warning, not an error:\n${text}`);

    // custom connectorsDir.
    const drive = customDir.children.find((c) => c.contextValue?.startsWith('connector'))!;
    assert.equal(drive.label, 'Google Drive', text);
    assert.match(drive.description ?? '', /^googledrive · 1 scope\b/, text);
    assert.match(drive.resourceUri ?? '', /custom-dir\/base44\/integrations\/googledrive\.jsonc$/);
  });

  it('scopes are children with their description as tooltip; clicking a row opens the file at that entry', async () => {
    const a = await api();
    const tree = await settledTree(a);
    const text = render(tree);
    const projectA = tree.find((n) => n.contextValue === 'project' && n.label === 'project-a')!;
    const calendar = projectA.children.find((c) => fileOf(c) === 'googlecalendar.jsonc')!;
    assert.deepEqual(
      calendar.children.map((s) => s.label),
      ['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events'],
      text,
    );
    for (const s of calendar.children) {
      assert.equal(s.contextValue, 'scope');
      assert.ok(s.iconId === 'symbol-key' || s.iconId === 'shield', `scope icon ${s.iconId}`);
      assert.ok(
        (s.tooltip ?? '').length > 10 && !/Not in the catalog/.test(s.tooltip ?? ''),
        `catalog description as tooltip of ${s.label}: ${s.tooltip}`,
      );
    }
    assert.match(calendar.children[1].tooltip ?? '', /event/i, calendar.children[1].tooltip);

    try {
      // The connector row opens its file with the cursor on the `type` value.
      assert.equal(calendar.command?.command, 'vscode.open');
      await vscode.commands.executeCommand(calendar.command!.command, ...(calendar.command!.arguments ?? []));
      const editor = await waitFor(
        () =>
          vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('googlecalendar.jsonc')
            ? vscode.window.activeTextEditor
            : undefined,
        'googlecalendar.jsonc to open',
      );
      const typeAt = positionOf(editor.document, '"googlecalendar"');
      assert.equal(
        editor.selection.start.line,
        typeAt.line,
        `cursor on the type line (line ${typeAt.line + 1}), is ${editor.selection.start.line + 1}`,
      );

      // A scope row opens the same file with that scope selected.
      const events = calendar.children[1];
      await vscode.commands.executeCommand(events.command!.command, ...(events.command!.arguments ?? []));
      await waitFor(
        () =>
          vscode.window.activeTextEditor?.document
            .getText(vscode.window.activeTextEditor.selection)
            .includes('calendar.events'),
        'the scope to be selected',
      );
      const line = vscode.window.activeTextEditor!.selection.start.line;
      assert.equal(line, positionOf(editor.document, 'calendar.events').line);
    } finally {
      await closeAllEditors();
    }
  });

  it('the "base44 CLI not found" row and the language status follow base44.cli.path at once', async () => {
    const a = await api();
    await settledTree(a);
    const config = () => vscode.workspace.getConfiguration('base44.cli');
    const saved = config().inspect<string>('path')?.globalValue;
    const notice = async () =>
      (await a.getTreeSnapshot()).find((n) => n.contextValue === 'notice' && /CLI not found/.test(n.label));
    assert.equal(await notice(), undefined, `no "CLI not found" row while base44.cli.path is ${saved}`);
    try {
      await config().update(
        'path',
        path.join(path.sep, 'nonexistent', 'bin', 'base44'),
        vscode.ConfigurationTarget.Global,
      );
      const row = await waitFor(notice, 'the "base44 CLI not found" row after base44.cli.path points nowhere', 10_000);
      assert.equal(row.command?.command, 'base44.installCli');
      await waitFor(
        () => /CLI not found/.test(a.getLanguageStatus().text),
        'the language status to say "CLI not found"',
        10_000,
      );
      assert.equal(a.getLanguageStatus().severity, vscode.LanguageStatusSeverity.Warning);
    } finally {
      await config().update('path', saved, vscode.ConfigurationTarget.Global);
    }
    await waitFor(
      async () => !(await notice()),
      'the "CLI not found" row to go away once base44.cli.path is valid again',
      10_000,
    );
    // The version comes from the one `base44 --version` run after the change (never on editor switches).
    const status = await waitFor(
      () => (/CLI \d+\.\d+\.\d+/.test(a.getLanguageStatus().text) ? a.getLanguageStatus() : undefined),
      'the language status to show the CLI version',
      30_000,
    );
    assert.match(status.text, /^Base44: \d+ connectors? · CLI \d+\.\d+\.\d+$/);
    assert.equal(status.severity, vscode.LanguageStatusSeverity.Information);
  });
});
