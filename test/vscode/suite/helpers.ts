/**
 * Helpers for the integration specs. Only the public `vscode` API (and the extension's exported test API
 * for what VS Code cannot show through its API: tree contents, modal answers).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'base44-community.base44-connectors';
export const LANGUAGE_ID = 'base44-connector';

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `fn` until it returns a truthy value (returned) or throws the last error after `timeoutMs`. */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  what: string,
  timeoutMs = 20_000,
  everyMs = 200,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = undefined;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String((last as Error).message ?? last)}` : ''}`,
      );
    }
    await sleep(everyMs);
  }
}

export async function activateExtension(): Promise<any> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  if (!ext.isActive) await ext.activate();
  return ext.exports;
}

/**
 * The preamble every spec file shares, called first in its `describe` body: the suite's timeout, and the
 * extension active (with `serverReady`, the language server analysing too) before the first spec.
 */
export function usesExtension(suite: Mocha.Suite, timeoutMs: number, { serverReady = false } = {}): void {
  suite.timeout(timeoutMs);
  before(async () => {
    await activateExtension();
    if (serverReady) await waitForServerReady();
  });
}

export function folder(name: string): vscode.WorkspaceFolder {
  const f = (vscode.workspace.workspaceFolders ?? []).find((w) => w.name === name);
  assert.ok(
    f,
    `workspace folder ${name} is not open (open: ${(vscode.workspace.workspaceFolders ?? []).map((w) => w.name).join(', ')})`,
  );
  return f;
}

export function fileUri(folderName: string, relPath: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(folderName).uri, relPath);
}

export async function openFile(folderName: string, relPath: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(folderName, relPath));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Position of `needle` in the document plus `delta` characters (default: just inside it). */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, occurrence = 0): vscode.Position {
  const text = doc.getText();
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `"${needle}" (occurrence ${occurrence}) not found in ${doc.uri.fsPath}`);
  }
  return doc.positionAt(index + delta);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  return ds.length
    ? ds
        .map(
          (d) =>
            `${d.source}/${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]} L${d.range.start.line + 1}: ${d.message}`,
        )
        .join('\n  ')
    : '(none)';
}

/** Waits for a diagnostic of `uri` with the code `codeOrPred` (or one that passes it); returns it. */
export async function waitForDiagnostic(
  uri: vscode.Uri,
  codeOrPred: string | ((d: vscode.Diagnostic) => boolean),
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic> {
  const pred = typeof codeOrPred === 'string' ? (d: vscode.Diagnostic) => codeOf(d) === codeOrPred : codeOrPred;
  try {
    return await waitFor(() => vscode.languages.getDiagnostics(uri).find(pred), what, timeoutMs);
  } catch (err) {
    throw new Error(
      `${(err as Error).message}\n  diagnostics of ${uri.fsPath}:\n  ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`,
    );
  }
}

/** Waits until the language server has published diagnostics for some file (it is up and analysing). */
export async function waitForServerReady(timeoutMs = 45_000): Promise<void> {
  await waitFor(
    () => vscode.languages.getDiagnostics().some(([, ds]) => ds.some((d) => d.source === 'base44')),
    'any diagnostic with source "base44" (language server running)',
    timeoutMs,
  );
}

export function markdownText(contents: ReadonlyArray<vscode.MarkdownString | vscode.MarkedString>): string {
  return contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c))).join('\n');
}

export function docText(doc: string | vscode.MarkdownString | undefined): string {
  if (!doc) return '';
  return typeof doc === 'string' ? doc : doc.value;
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Unquoted text an item inserts (insertText or label), for matching. */
export function insertedText(item: vscode.CompletionItem): string {
  const t = item.insertText;
  const s = t === undefined ? labelOf(item) : typeof t === 'string' ? t : t.value;
  return s.replace(/^"|"$/g, '');
}

export async function completionsAt(
  uri: vscode.Uri,
  pos: vscode.Position,
  resolveCount = 0,
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    pos,
    undefined,
    resolveCount,
  );
  return list?.items ?? [];
}

export async function hoverTextAt(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
  return hovers.map((h) => markdownText(h.contents)).join('\n---\n');
}

/** Polls the hover at `pos` until its text passes `accept` (the server may still be starting); returns it. */
export function waitForHoverText(
  uri: vscode.Uri,
  pos: vscode.Position,
  accept: (text: string) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<string> {
  return waitFor(
    async () => {
      const text = await hoverTextAt(uri, pos);
      return accept(text) ? text : undefined;
    },
    what,
    timeoutMs,
  );
}

/** Polls a `vscode.execute…Provider` command until its result passes `accept`; returns that result. */
export function waitForProviderResult<T>(
  command: string,
  args: unknown[],
  accept: (result: T | undefined) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  return waitFor(
    async () => {
      const result = await vscode.commands.executeCommand<T>(command, ...args);
      return accept(result) ? result : undefined;
    },
    what,
    timeoutMs,
  ) as Promise<T>;
}

/** The quick fixes VS Code offers for `range` (the light bulb's list). */
export async function quickFixesFor(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? []
  );
}

/** Waits until no diagnostic of `uri` has the code `code` (a fix or a revert took effect). */
export async function waitForNoDiagnostic(uri: vscode.Uri, code: string, what: string, timeoutMs = 30_000) {
  await waitFor(() => !vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === code), what, timeoutMs);
}

/**
 * Applies the quick fix "Create base44/connectors/<type>.jsonc" offered for `diagnostic` in `doc` (project
 * `folderName`), checks and saves the new file and waits for the diagnostic to go away; then closes the editors and
 * deletes the file again, whatever happened.
 */
export async function createConnectorByQuickFix(
  doc: vscode.TextDocument,
  diagnostic: vscode.Diagnostic,
  folderName: string,
  type: string,
): Promise<void> {
  const actions = await quickFixesFor(doc.uri, diagnostic.range);
  const rel = `base44/connectors/${type}.jsonc`;
  const create = actions.find((a) => a.title === `Create ${rel}`);
  assert.ok(create?.edit, `no create quick fix; actions: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
  const target = fileUri(folderName, rel);
  try {
    assert.ok(await vscode.workspace.applyEdit(create.edit), 'applyEdit');
    const created = await vscode.workspace.openTextDocument(target);
    assert.match(created.getText(), new RegExp(`"type": "${type}"`));
    await created.save();
    await waitForNoDiagnostic(doc.uri, codeOf(diagnostic)!, 'the warning to go away');
  } finally {
    await closeAllEditors();
    await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
  }
}

/** Reverts the active editor's unsaved changes. */
export async function revertActive(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export interface DialogCall {
  kind: 'warning' | 'info' | 'error' | 'quickPick' | 'openExternal';
  message: string;
  modal: boolean;
  items: string[];
  answer?: string;
}

/**
 * Answers the extension's dialogs instead of a user: replaces `vscode.window.show{Warning,Information,Error}Message`,
 * `showQuickPick` and `vscode.env.openExternal` on the `vscode` API object. This reaches the extension under
 * test because the suite is loaded from inside that extension's folder (both hosts), so VS Code gives it the
 * same API object. `answer` returns (or resolves to: the user takes their time) the button / item label to pick
 * (undefined = dismiss);
 * `openExternal` gets each URL the extension opens (default: GET it, which is how the fake provider page
 * authorizes). Returns { calls, restore }.
 */
export function stubDialogs(
  answer: (call: DialogCall) => string | undefined | Promise<string | undefined>,
  openExternal: (url: string) => Promise<boolean> = async (url) => {
    await fetch(url).catch(() => undefined);
    return true;
  },
): { calls: DialogCall[]; restore: () => void; patched: boolean; externalPatched: boolean } {
  const calls: DialogCall[] = [];
  const w = vscode.window as any;
  const e = vscode.env as any;
  const saved = {
    showWarningMessage: w.showWarningMessage,
    showInformationMessage: w.showInformationMessage,
    showErrorMessage: w.showErrorMessage,
    showQuickPick: w.showQuickPick,
    openExternal: e.openExternal,
  };
  const message = (kind: DialogCall['kind']) =>
    async function (msg: string, ...rest: any[]) {
      let modal = false;
      if (
        rest.length &&
        rest[0] &&
        typeof rest[0] === 'object' &&
        !('title' in rest[0]) &&
        ('modal' in rest[0] || 'detail' in rest[0])
      ) {
        modal = !!rest[0].modal;
        rest = rest.slice(1);
      }
      const items = rest.map((i) => (typeof i === 'string' ? i : i.title));
      const call: DialogCall = { kind, message: msg, modal, items };
      calls.push(call);
      call.answer = await answer(call);
      if (call.answer === undefined) return undefined;
      const idx = items.indexOf(call.answer);
      return idx >= 0 ? rest[idx] : undefined;
    };
  w.showWarningMessage = message('warning');
  w.showInformationMessage = message('info');
  w.showErrorMessage = message('error');
  w.showQuickPick = async (items: any, options?: any) => {
    const list = await items;
    const labels = list.map((i: any) => (typeof i === 'string' ? i : i.label));
    const call: DialogCall = {
      kind: 'quickPick',
      message: options?.placeHolder ?? options?.title ?? '',
      modal: false,
      items: labels,
    };
    calls.push(call);
    call.answer = await answer(call);
    const idx = call.answer === undefined ? -1 : labels.indexOf(call.answer);
    return idx >= 0 ? list[idx] : undefined;
  };
  // vscode.env is frozen in current VS Code: then the real openExternal runs (code-server: the browser
  // page opens the link) and specs complete OAuth through the fake API instead.
  let externalPatched = true;
  try {
    e.openExternal = async (uri: vscode.Uri) => {
      const url = uri.toString(true);
      calls.push({ kind: 'openExternal', message: url, modal: false, items: [] });
      return openExternal(url);
    };
  } catch {
    externalPatched = false;
  }
  const patched = (vscode.window as any).showWarningMessage !== saved.showWarningMessage;
  return {
    calls,
    patched,
    get externalPatched() {
      return externalPatched;
    },
    restore: () => {
      Object.assign(w, {
        showWarningMessage: saved.showWarningMessage,
        showInformationMessage: saved.showInformationMessage,
        showErrorMessage: saved.showErrorMessage,
        showQuickPick: saved.showQuickPick,
      });
      if (externalPatched) e.openExternal = saved.openExternal;
    },
  };
}

/** Whether this spec file got the same `vscode` API object as the extension (needed to answer its dialogs). */
export function sharesApiWithExtension(): boolean {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  return !!ext && __filename.startsWith(ext.extensionUri.fsPath);
}
