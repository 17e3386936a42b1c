/**
 * Just enough of the `vscode` API to run the client's own command, settings and log code in plain node.
 * Importing this module (first!) makes `require('vscode')` resolve to `fakeVscode`. Tests script the
 * user's answers (`answer`) and inspect what the extension showed, opened and logged.
 */
import Module from 'node:module';
import { pathToFileURL } from 'node:url';

export interface Shown {
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly buttons: readonly string[];
  readonly modal: boolean;
  readonly detail?: string;
}

type Answer = (shown: Shown) => string | undefined | Promise<string | undefined>;

class EventEmitter<T> {
  private listeners = new Set<(e: T) => void>();
  readonly event = (listener: (e: T) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
    private readonly raw: string,
  ) {}
  static parse(value: string, _strict?: boolean): Uri {
    const scheme = /^([a-zA-Z][\w+.-]*):/.exec(value)?.[1] ?? '';
    return new Uri(scheme, scheme === 'file' ? decodeURIComponent(new URL(value).pathname) : value, value);
  }
  static file(path: string): Uri {
    return new Uri('file', path, pathToFileURL(path).href);
  }
  toString(): string {
    return this.raw;
  }
}

/** Records the Markdown source, as VS Code's MarkdownString does (tests read `value`). */
class MarkdownString {
  value: string;
  isTrusted?: boolean;
  constructor(
    value = '',
    readonly supportThemeIcons = false,
  ) {
    this.value = value;
  }
  appendMarkdown(value: string): this {
    this.value += value;
    return this;
  }
  appendText(value: string): this {
    this.value += value.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
}

class TreeItem {
  description?: string;
  tooltip?: string | MarkdownString;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  id?: string;
  resourceUri?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState?: number,
  ) {}
}

/** A status bar / language status item: records what is set. */
function statusItem() {
  return {
    text: '',
    detail: undefined as string | undefined,
    tooltip: undefined as unknown,
    show: () => undefined,
    hide: () => undefined,
    dispose: () => undefined,
  };
}

export interface ConfigValues {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

const state = {
  trusted: true,
  /** `section.key` → the values `inspect` reports. */
  config: new Map<string, ConfigValues>(),
  shown: [] as Shown[],
  opened: [] as string[],
  executed: [] as { command: string; args: unknown[] }[],
  terminals: [] as { name?: string; shellPath?: string; shellArgs?: unknown }[],
  log: [] as { level: string; line: string }[],
  answer: (() => undefined) as Answer,
  /** Progress notifications still running; `cancel()` is the user's click on their Cancel button. */
  progress: [] as { title: string; cancel(): void }[],
  /** What `env.openExternal` answers (false: the browser did not open). */
  openExternalResult: true,
  clipboard: [] as string[],
};

function show(level: Shown['level']) {
  return async (message: string, ...rest: unknown[]) => {
    let modal = false;
    let detail: string | undefined;
    if (rest.length && typeof rest[0] === 'object' && rest[0] !== null) {
      const o = rest.shift() as { modal?: boolean; detail?: string };
      modal = !!o.modal;
      detail = o.detail;
    }
    const s: Shown = { level, message, buttons: rest as string[], modal, detail };
    state.shown.push(s);
    return state.answer(s);
  };
}

function configuration(section?: string) {
  const full = (key: string) => (section ? `${section}.${key}` : key);
  const effective = (v: ConfigValues | undefined) =>
    v?.workspaceFolderValue ?? v?.workspaceValue ?? v?.globalValue ?? v?.defaultValue;
  return {
    get<T>(key: string, fallback?: T): T {
      return (effective(state.config.get(full(key))) as T | undefined) ?? (fallback as T);
    },
    inspect<T>(key: string) {
      const v = state.config.get(full(key));
      return v
        ? ({ key: full(key), ...v } as {
            key: string;
            defaultValue?: T;
            globalValue?: T;
            workspaceValue?: T;
            workspaceFolderValue?: T;
          })
        : undefined;
    },
    has: (key: string) => state.config.has(full(key)),
    update: async () => undefined,
  };
}

const channelLine = (level: string) => (line: string) => state.log.push({ level, line });

export const fakeVscode = {
  EventEmitter,
  Uri,
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ThemeIcon: class {
    constructor(readonly id: string) {}
  },
  MarkdownString,
  TreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  Range: class {
    constructor(
      readonly startLine: number,
      readonly startCharacter: number,
      readonly endLine: number,
      readonly endCharacter: number,
    ) {}
  },
  StatusBarAlignment: { Left: 1, Right: 2 },
  LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
  languages: {
    createLanguageStatusItem: () => statusItem(),
  },
  ThemeColor: class {
    constructor(readonly id: string) {}
  },
  workspace: {
    get isTrusted() {
      return state.trusted;
    },
    getConfiguration: configuration,
    textDocuments: [] as unknown[],
    workspaceFolders: undefined as unknown,
    asRelativePath: (p: unknown) => String(p),
    onDidGrantWorkspaceTrust: new EventEmitter<void>().event,
    onDidChangeConfiguration: new EventEmitter<unknown>().event,
  },
  window: {
    showInformationMessage: show('info'),
    showWarningMessage: show('warning'),
    showErrorMessage: show('error'),
    showQuickPick: async () => undefined,
    showTextDocument: async () => undefined,
    withProgress: async (
      o: { title?: string },
      task: (p: { report(): void }, token: { onCancellationRequested(f: () => void): { dispose(): void } }) => unknown,
    ) => {
      const listeners = new Set<() => void>();
      const entry = { title: o?.title ?? '', cancel: () => [...listeners].forEach((l) => l()) };
      state.progress.push(entry);
      try {
        return await task(
          { report: () => undefined },
          { onCancellationRequested: (f: () => void) => (listeners.add(f), { dispose: () => listeners.delete(f) }) },
        );
      } finally {
        state.progress.splice(state.progress.indexOf(entry), 1);
      }
    },
    createOutputChannel: () => ({
      info: channelLine('info'),
      warn: channelLine('warn'),
      error: channelLine('error'),
      debug: channelLine('debug'),
      trace: channelLine('trace'),
      appendLine: channelLine('line'),
      show: () => undefined,
      dispose: () => undefined,
    }),
    createTerminal: (options: { name?: string; shellPath?: string; shellArgs?: unknown }) => {
      state.terminals.push(options);
      return { show: () => undefined, sendText: () => undefined, dispose: () => undefined };
    },
    onDidCloseTerminal: new EventEmitter<unknown>().event,
    onDidChangeActiveTextEditor: new EventEmitter<unknown>().event,
    createStatusBarItem: () => statusItem(),
    activeTextEditor: undefined,
  },
  commands: {
    executeCommand: async (command: string, ...args: unknown[]) => {
      state.executed.push({ command, args });
      return undefined;
    },
  },
  env: {
    openExternal: async (uri: Uri) => {
      state.opened.push(uri.toString());
      return state.openExternalResult;
    },
    clipboard: {
      writeText: async (text: string) => {
        state.clipboard.push(text);
      },
    },
  },
};

export const vscodeState = state;

/** Back to a trusted workspace with no settings, no answers and nothing recorded. */
export function resetVscode(): void {
  state.trusted = true;
  state.config.clear();
  state.shown.length = 0;
  state.opened.length = 0;
  state.executed.length = 0;
  state.terminals.length = 0;
  state.log.length = 0;
  state.answer = () => undefined;
  state.progress.length = 0;
  state.openExternalResult = true;
  state.clipboard.length = 0;
}

// `require('vscode')` → fakeVscode, for every module loaded after this one.
const FAKE_ID = '\0fake-vscode';
const M = Module as unknown as {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, unknown>;
};
const resolve = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? FAKE_ID : resolve.call(this, request, ...rest);
};
M._cache[FAKE_ID] = { id: FAKE_ID, filename: FAKE_ID, loaded: true, exports: fakeVscode } as unknown;
