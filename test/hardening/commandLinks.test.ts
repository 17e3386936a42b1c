/**
 * No text from a file, the CLI or Base44's API can plant a clickable link (`[label](command:...)`) in a
 * notification, a dialog or the language status, or Markdown in a tooltip (client/src/ui/untrustedText.ts,
 * used at every entry point). Driven through the real commands, the real CLI and the fake API.
 */
import { vscodeState, resetVscode, fakeVscode, Shown } from './fakeVscode';
import { makeServices, scriptCli, withRealCliProject, withStandInCli } from './services';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { AccountModel } from '../../client/src/account';
import { authorizeCommand } from '../../client/src/commands/authorize';
import { pullCommand } from '../../client/src/commands/pull';
import { pushCommand } from '../../client/src/commands/push';
import type { Project, ProjectsModel } from '../../client/src/projects';
import { markdownText, plainText } from '../../client/src/ui/untrustedText';
import { ConnectorsTree } from '../../client/src/views/connectorsTree';
import { LanguageStatus } from '../../client/src/views/languageStatus';
import { StatusItem } from '../../client/src/views/statusItem';
import { cliAvailable, CLI_MISSING_MESSAGE } from '../support/base44Cli';
import { makeProject, TempProject } from '../support/tempProject';

beforeEach(() => resetVscode());

const skip = cliAvailable() ? false : CLI_MISSING_MESSAGE;

/** What VS Code turns into a link in notification text (src/vs/base/common/linkedText.ts). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const SLACK = { files: { 'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": ["chat:write"] }' } };
const COMMAND_LINK = '[Re-authorize](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D)';

function assertNoLink(shown: readonly Shown[]): void {
  for (const s of shown) {
    for (const text of [s.message, s.detail ?? '']) {
      VSCODE_LINK.lastIndex = 0;
      assert.equal(VSCODE_LINK.test(text), false, `a link reached the ${s.level} message: ${text}`);
      assert.doesNotMatch(text, /\$\(/, `an icon reached the message: ${text}`);
    }
  }
}

/** Every ASCII punctuation character of the Markdown source is backslash-escaped (so it is literal). */
function assertFullyEscaped(markdown: string): void {
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i];
    if (c === '\\') {
      assert.match(markdown[i + 1] ?? '', /[!-/:-@[-`{-~]/, `dangling backslash at ${i} in ${markdown}`);
      i++;
    } else {
      assert.doesNotMatch(c, /[!-/:-@[-`{-~]/, `unescaped ${c} at ${i} in ${markdown}`);
    }
  }
}

// -------------------------------------------------------------------------------------------------
// The helper

test('plainText: link syntax, icons, line breaks, controls and bidi overrides are neutralised; the text still reads the same', () => {
  const out = plainText(`${COMMAND_LINK} $(zap) a\nb\u202Ec\u0000d <command:x>`);
  VSCODE_LINK.lastIndex = 0;
  assert.equal(VSCODE_LINK.test(out), false, out);
  assert.doesNotMatch(out, /\$\(|[\n\u202E\u0000]|<command:/);
  assert.equal(out.replace(/\u200b/g, ''), `${COMMAND_LINK} $(zap) a b c d <command:x>`);
  assert.equal(plainText('x'.repeat(600)).length, 501);
  assert.equal(plainText('a\nb', { keepLineBreaks: true }), 'a\nb');
  assert.equal(plainText(plainText(COMMAND_LINK)), plainText(COMMAND_LINK), 'idempotent');
});

test('property: whatever the text, plainText never yields a VS Code link and markdownText escapes every punctuation mark', () => {
  const piece = fc.oneof(
    fc.string(),
    fc.constantFrom('[', ']', '(', ')', '](', 'command:x', 'https://e.com', '$(', '`', '<', '\\', '\n', '\u202e'),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      const plain = plainText(text, { max: 10_000 });
      VSCODE_LINK.lastIndex = 0;
      assert.equal(VSCODE_LINK.test(plain), false, plain);
      assertFullyEscaped(markdownText(text, 10_000));
    }),
    { numRuns: 500 },
  );
});

// -------------------------------------------------------------------------------------------------
// Entry points: the API's error message (Push, Pull, Authorize through the real CLI)

test(
  'an API error message holding a command link reaches Push, Pull and Authorize notifications neutralised',
  { skip },
  () =>
    withRealCliProject(SLACK, async ({ api, services, project }) => {
      api.failAlways({ status: 400, body: { message: COMMAND_LINK } });
      const connector = {
        type: 'slack',
        scopes: [{ scope: 'chat:write' }],
        errorCount: 0,
        uri: 'file:///x/slack.jsonc',
      };
      for (const [name, run] of [
        ['Push', () => pushCommand(services, { project })],
        ['Pull', () => pullCommand(services, { project })],
        ['Authorize', () => authorizeCommand(services, { project, connector })],
      ] as const) {
        vscodeState.shown.length = 0;
        await run();
        assert.ok(api.requests.length > 0, 'the CLI asked the API');
        const error = vscodeState.shown.find((s) => s.level === 'error');
        assert.ok(error, `${name}: an error was shown: ${JSON.stringify(vscodeState.shown)}`);
        assert.match(error.message, /Re-authorize/, `${name}: the server's words are still shown`);
        assertNoLink(vscodeState.shown);
      }
    }),
);

// -------------------------------------------------------------------------------------------------
// Entry points: a file name (Push's "nothing was pushed"), a type (Authorize's warning)

test(
  'a connector file NAMED like a command link reaches Push\'s "nothing was pushed" error neutralised',
  { skip },
  () => {
    const name = '[Fix this file](command:workbench.action.terminal.new).jsonc';
    const files = {
      [`base44/connectors/${name}`]: '{ "type": ',
      'base44/connectors/slack.jsonc': '{ "type": "slack" }',
    };
    return withRealCliProject({ files }, async ({ api, services, project }) => {
      await pushCommand(services, { project });
      const blocked = vscodeState.shown.find((s) => /nothing was pushed/.test(s.message));
      assert.ok(blocked, JSON.stringify(vscodeState.shown));
      assert.match(blocked.message, /Fix this file/, 'the file is named');
      assertNoLink(vscodeState.shown);
      assert.equal(api.requests.filter((r) => r.method !== 'GET').length, 0, 'nothing pushed');
    });
  },
);

test("a type holding a command link reaches Authorize's warning neutralised, and the CLI never gets it", async () => {
  const cli = scriptCli(`
    if (process.argv[2] === '--version') { process.stdout.write('0.1.18\\n'); return; }
    require('fs').writeFileSync(__dirname + '/ran', process.argv.slice(2).join(' ')); process.stdout.write('{}');`);
  await withStandInCli(cli, {}, async ({ services, project }) => {
    const type = '[Open docs](command:workbench.action.terminal.new)';
    await authorizeCommand(services, {
      project,
      connector: { type, scopes: [], errorCount: 0, uri: 'file:///x/a.jsonc' },
    });
    const warning = vscodeState.shown.find((s) => /not a valid connector type/.test(s.message));
    assert.ok(warning, JSON.stringify(vscodeState.shown));
    assert.match(warning.message, /Open docs/);
    assertNoLink(vscodeState.shown);
    assert.equal(existsSync(join(cli.dir, 'ran')), false);
  });
});

// -------------------------------------------------------------------------------------------------
// Entry points: tree and status tooltips (Markdown), the language status detail

const HOSTILE_APP = '[app](command:workbench.action.terminal.new)';
const HOSTILE_ACCOUNT = '<img src=x> `x` [me](https://evil.example)';

function models(root: string, connectors: unknown[]) {
  const project = {
    root,
    connectorsDir: join(root, 'base44', 'connectors'),
    label: 'my](command:x) app',
    summary: { connectors },
  } as unknown as Project;
  const never = () => ({ dispose: () => undefined });
  const projects = {
    projects: [project],
    isLoaded: true,
    onDidChange: never,
    forUri: () => project,
    remoteOf: () => ({ needsAuthorization: new Set() }),
    onlyRemote: () => [],
  } as unknown as ProjectsModel;
  const account = {
    get: () => ({ status: 'loggedIn', account: HOSTILE_ACCOUNT }),
    onDidChange: never,
  } as unknown as AccountModel;
  return { project, projects, account };
}

/** A connector file's summary (one tree row), as the language server sends it. */
function connectorRow(
  p: TempProject,
  fileName: string,
  fields: { type: string; displayName?: string; errorCount?: number; firstError?: string },
) {
  const uri = fakeVscode.Uri.file(p.path(`base44/connectors/${fileName}`)).toString();
  return { uri, displayName: undefined, scopes: [], errorCount: 0, warningCount: 0, ...fields };
}

/** The tooltip of the connectors tree's first row. */
function firstTooltip(projects: ProjectsModel, account: AccountModel): { value: string; isTrusted?: boolean } {
  const tree = new ConnectorsTree(projects, account, {
    missing: () => false,
    onDidChange: () => ({ dispose: () => undefined }),
  });
  const [node] = tree.getChildren();
  return tree.getTreeItem(node).tooltip as unknown as { value: string; isTrusted?: boolean };
}

test('tree tooltip: a hostile type, name and problem are escaped Markdown; the tooltip is not trusted', () => {
  const p = makeProject();
  try {
    const connector = connectorRow(p, '[x](command:y).jsonc', {
      type: '[Open](command:workbench.action.terminal.new)',
      errorCount: 1,
      firstError: '$(zap) [Fix](https://evil.example) <b>now</b>',
    });
    const { projects, account } = models(p.root, [connector]);
    const tip = firstTooltip(projects, account);
    assert.ok(tip.value.includes(markdownText(connector.type)), tip.value);
    assert.ok(tip.value.includes(markdownText(connector.firstError)), tip.value);
    for (const raw of [connector.type, '[Fix](https', '<b>', '$(zap)', '[x](command'])
      assert.ok(!tip.value.includes(raw), `${raw} in ${tip.value}`);
    assert.notEqual(tip.isTrusted, true);
  } finally {
    p.cleanup();
  }
});

test('status item and language status: a hostile app id, account and folder name are escaped / neutralised', async () => {
  const p = makeProject({}, { appId: HOSTILE_APP });
  const { services, cleanup } = makeServices(p.root);
  try {
    const { projects, account } = models(p.root, []);
    const status = new StatusItem(projects, account);
    const language = new LanguageStatus(projects, account, services.cli);
    const item = (status as unknown as { item: { text: string; tooltip?: { value: string; isTrusted?: boolean } } })
      .item;
    // Both read .app.jsonc asynchronously: wait until they show it (a loaded machine can take a while).
    const shown = () => !!item.tooltip?.value.includes('App:') && /app /.test(language.snapshot().detail ?? '');
    for (let waited = 0; !shown() && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    assert.ok(item.tooltip, 'the status tooltip was built');
    const tip = item.tooltip.value;
    assert.ok(tip.includes(markdownText(HOSTILE_APP)), tip);
    assert.ok(tip.includes(markdownText(HOSTILE_ACCOUNT)), tip);
    for (const raw of [HOSTILE_APP, HOSTILE_ACCOUNT, '<img src=x>', '[me](https', 'my](command'])
      assert.ok(!tip.includes(raw), `${raw} in ${tip}`);
    assert.notEqual(item.tooltip.isTrusted, true);
    assert.match(item.text, /^\$\(cloud\) /, 'our own icon');
    assertNoLink([{ level: 'info', message: item.text.slice('$(cloud) '.length), buttons: [], modal: false }]);
    const detail = language.snapshot().detail ?? '';
    assert.match(detail, /Open|app/);
    assert.ok(detail.replace(/\u200b/g, '').includes(HOSTILE_APP), 'the app id is still shown as written');
    assertNoLink([{ level: 'info', message: detail, buttons: [], modal: false }]);
    status.dispose();
    language.dispose();
  } finally {
    cleanup();
    p.cleanup();
  }
});

test("tree tooltip: Base44's answers quoted in the authorization state (a refusal's reason) are escaped Markdown", () => {
  const p = makeProject();
  try {
    const connector = connectorRow(p, 'slack.jsonc', { type: 'slack', displayName: 'Slack' });
    const { projects, account } = models(p.root, [connector]);
    const reason = '![pixel](https://evil.example/p.png) [Re-authorize](https://evil.example/login)';
    const fact = { status: 'failed', at: Date.now(), via: 'authorize', scopes: [], reason };
    (projects as unknown as { authorizationOf: () => unknown }).authorizationOf = () => fact;
    const tip = firstTooltip(projects, account);
    assert.ok(tip.value.includes(markdownText('Re-authorize')), tip.value);
    for (const raw of ['![pixel](https', '[Re-authorize](https'])
      assert.ok(!tip.value.includes(raw), `${raw} in ${tip.value}`);
  } finally {
    p.cleanup();
  }
});
