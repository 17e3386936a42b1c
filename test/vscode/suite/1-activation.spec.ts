import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, LANGUAGE_ID, activateExtension, openFile, waitFor } from './helpers';

describe('activation', () => {
  it('the extension is installed and activates in a Base44 workspace', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not installed`);
    await activateExtension();
    assert.equal(ext.isActive, true);
  });

  it('activation is cheap and reported through the API (activationMs)', async () => {
    const api = await activateExtension();
    assert.equal(api?.apiVersion, 1);
    const ms = api.activationMs;
    assert.equal(typeof ms, 'number');
    assert.ok(ms > 0 && ms < 2_000, `activationMs ${ms}`);
    // The launcher (scripts/test-vscode.mjs) copies this to .cache/vscode-activation.json for `npm run bench`.
    const dir = process.env.BASE44_TEST_DEBUG_DIR;
    if (dir && existsSync(dir)) {
      writeFileSync(
        join(dir, 'activation.json'),
        JSON.stringify(
          { activationMs: ms, vscodeVersion: vscode.version, measuredAt: new Date().toISOString() },
          null,
          2,
        ),
      );
    }
    await api.whenReady();
  });

  it('contributes the base44-connector language and the Base44 commands', async () => {
    const languages = await vscode.languages.getLanguages();
    assert.ok(
      languages.includes(LANGUAGE_ID),
      `languages: ${languages.filter((l) => /base44|json/.test(l)).join(', ')}`,
    );
    const commands = await vscode.commands.getCommands(true);
    for (const c of [
      'base44.push',
      'base44.pull',
      'base44.authorize',
      'base44.addConnector',
      'base44.refresh',
      'base44.showOutput',
      'base44.openProviderDocs',
    ]) {
      assert.ok(commands.includes(c), `command ${c} is not registered`);
    }
  });

  it('a connector file opens with language id base44-connector', async () => {
    const doc = await openFile('project-a', 'base44/connectors/googlecalendar.jsonc');
    await waitFor(() => doc.languageId === LANGUAGE_ID, `language id ${LANGUAGE_ID} (is ${doc.languageId})`, 5_000);
  });

  it('other JSONC files keep their own language', async () => {
    const doc = await openFile('project-a', 'base44/config.jsonc');
    assert.notEqual(doc.languageId, LANGUAGE_ID);
  });
});
