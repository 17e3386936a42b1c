// What only the screen shows, checked with Playwright on the code-server page the suite ran in (the main
// session's multi-root workspace: project-a, project-b, custom-dir). Every check saves a screenshot into
// .cache/screenshots/ (pass or fail; "Authorize Connector" also saves authorize-pick.png, the connector pick).
// Returns [{ title, state: 'passed'|'failed', error? }].
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './lib/common.mjs';

export async function runUiChecks(page, { screenshotsDir, log = () => {} }) {
  mkdirSync(screenshotsDir, { recursive: true });
  // No stale *-FAILED.png from an earlier run next to this run's screenshots.
  for (const f of readdirSync(screenshotsDir))
    if (f.endsWith('-FAILED.png')) rmSync(join(screenshotsDir, f), { force: true });
  const results = [];
  // The hover's text is in the DOM before it is painted (it fades in): wait for the rendered markdown to have a
  // size, then for the fade, so a screenshot does not catch an empty box.
  const hoverPainted = async () => {
    await page.waitForFunction(
      () => {
        const md = document.querySelector('.monaco-hover:not(.hidden) .rendered-markdown');
        return md && md.getBoundingClientRect().height > 40;
      },
      undefined,
      { timeout: 10_000 },
    );
    await sleep(400);
  };
  const shot = async (name, clip) => {
    const path = join(screenshotsDir, `${name}.png`);
    try {
      await page.screenshot({ path, ...(clip ? { clip } : {}) });
    } catch {
      await page.screenshot({ path }).catch(() => undefined);
    }
    return path;
  };
  // `clip`: a smaller, cropped copy saved as docs-<name>.png (candidates for the README's docs/*.png).
  // The checks below are one `check(title, name, steps, clip)` call each: alike in shape by design (a table).
  const check = async (title, name, fn, clip) => {
    const started = Date.now();
    try {
      await fn();
      await shot(name);
      if (clip) await shot(`docs-${name}`, clip);
      results.push({ title, state: 'passed' });
      log(`ok   ui: ${title} (${Date.now() - started} ms)`);
    } catch (err) {
      await shot(`${name}-FAILED`);
      results.push({
        title,
        state: 'failed',
        error: String(err && err.message ? err.message : err)
          .split('\n')
          .slice(0, 4)
          .join('\n'),
      });
      log(`FAIL ui: ${title}: ${String(err && err.message ? err.message : err).split('\n')[0]}`);
    } finally {
      await page.keyboard.press('Escape').catch(() => undefined);
      await page.keyboard.press('Escape').catch(() => undefined);
    }
  };

  const runCommand = async (label) => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(200);
    await page.keyboard.press('Enter');
  };

  const openFile = async (name, pathHint) => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(name);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: pathHint ?? name }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(500);
  };

  const goTo = async (lineCol) => {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${lineCol}`);
    await sleep(200);
    await page.keyboard.press('Enter');
    await sleep(300);
  };

  // The caret at `lineCol` (`line:column`) of a file, the mouse parked where no hover or tooltip opens.
  const caretAt = async (name, pathHint, lineCol) => {
    await openFile(name, pathHint);
    await page.mouse.move(1200, 760);
    await goTo(lineCol);
  };

  // A shown (not fading out) hover containing `text`.
  const hoverWith = (text) => page.locator('.monaco-hover:not(.hidden)', { hasText: text }).first();

  // Editor: Show Hover at `lineCol` of a file; resolves to the hover once it shows `text`.
  const hoverAt = async (name, pathHint, lineCol, text, timeout) => {
    await caretAt(name, pathHint, lineCol);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = hoverWith(text);
    await hover.waitFor({ state: 'visible', timeout });
    return hover;
  };

  // Start from a clean editor area; the workbench must have focus for keyboard shortcuts.
  await page
    .locator('.monaco-workbench')
    .click({ position: { x: 640, y: 400 } })
    .catch(() => undefined);
  await runCommand('View: Close All Editors').catch(() => undefined);
  await runCommand('View: Close Panel').catch(() => undefined);
  await sleep(500);

  await check(
    'the suggest widget lists calendar scopes with documentation',
    'completion',
    async () => {
      await runCommand('View: Close Primary Side Bar').catch(() => undefined);
      // Line 5 is the first scope: `    "https://www.googleapis.com/auth/calendar.readonly",`; column 6 is just inside the quote.
      await caretAt('googlecalendar.jsonc', 'project-a', '5:6');
      await page.keyboard.press('Control+Space');
      const widget = page.locator('.editor-widget.suggest-widget.visible');
      await widget.waitFor({ state: 'visible', timeout: 20_000 });
      await widget
        .locator('.monaco-list-row', { hasText: 'calendar' })
        .first()
        .waitFor({ state: 'visible', timeout: 20_000 });
      // Show the documentation side pane (toggle "Read more" with Ctrl+Space if it is not shown yet).
      const details = page.locator('.suggest-details-container .suggest-details');
      if (!(await details.isVisible().catch(() => false))) await page.keyboard.press('Control+Space');
      await details.waitFor({ state: 'visible', timeout: 10_000 });
      await page.waitForFunction(
        () => {
          const el = document.querySelector('.suggest-details-container .suggest-details');
          return el && (el.textContent || '').trim().length > 20;
        },
        undefined,
        { timeout: 10_000 },
      );
      const text = (await details.textContent()) ?? '';
      if (!/calendar|event/i.test(text))
        throw new Error(`documentation pane does not describe a calendar scope: ${text.slice(0, 200)}`);
    },
    { x: 48, y: 30, width: 1000, height: 420 },
  );

  // The editor's own filter, not the server's: a Google scope's short name, typed in a new string, must find
  // the scope (its filter text is the URL, which contains the short name) and leave the others out.
  await check("typing a scope's short name finds it in the suggest widget", 'completion-typed', async () => {
    await caretAt('googlecalendar.jsonc', 'project-a', '6:5');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"calendar.eve', { delay: 40 });
    const widget = page.locator('.editor-widget.suggest-widget.visible');
    if (!(await widget.isVisible().catch(() => false))) await page.keyboard.press('Control+Space');
    await widget.waitFor({ state: 'visible', timeout: 20_000 });
    await widget
      .locator('.monaco-list-row', { hasText: 'calendar.events' })
      .first()
      .waitFor({ state: 'visible', timeout: 20_000 });
    const rows = (await widget.locator('.monaco-list-row').allTextContents()).map((t) => t.trim());
    if (rows.some((r) => /calendar\.acls/.test(r)))
      throw new Error(`the filter kept calendar.acls: ${rows.join(' | ')}`);
  });
  // Put the file back as it was for the checks that follow.
  await runCommand('File: Revert File').catch(() => undefined);
  await sleep(300);

  await check(
    'a hover appears on the connector type',
    'hover',
    async () => {
      // Line 3: `  "type": "googlecalendar",` (line 1 is a comment, line 2 `{`).
      const hover = await hoverAt('googlecalendar.jsonc', 'project-a', '3:16', 'Google Calendar', 20_000);
      // The type is also a document link, whose tooltip can fill the hover first: wait for the server's part.
      const withSample = hoverWith('getConnection');
      await withSample.waitFor({ state: 'visible', timeout: 20_000 }).catch(async () => {
        const text = (await hover.textContent()) ?? '';
        throw new Error(`hover lacks getConnection(): ${text.slice(0, 200)}`);
      });
      await hoverPainted();
    },
    { x: 48, y: 30, width: 1000, height: 520 },
  );

  // Function code: a connector type with no connector file, its warning and hover (project-a's calendar-sync).
  await check(
    'a function file flags a connector type with no connector file (hover)',
    'function-hover',
    async () => {
      // Line 10: `  const gmail = await base44.asServiceRole.connectors.getConnection("gmail");`, inside "gmail".
      const hover = await hoverAt('index.ts', 'calendar-sync', '10:71', 'No connector file', 30_000);
      const text = (await hover.textContent()) ?? '';
      if (!/push/.test(text)) throw new Error(`the hover does not say what push does: ${text.slice(0, 200)}`);
      await hoverPainted();
    },
    { x: 48, y: 30, width: 1232, height: 520 },
  );

  await check(
    'the Problems panel lists the unknown-type diagnostic',
    'problems',
    async () => {
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('.markers-panel');
      await panel.waitFor({ state: 'visible', timeout: 15_000 });
      await panel
        .locator('.monaco-list-row', { hasText: 'googlecalender' })
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 });
      await page.mouse.move(1200, 100);
    },
    { x: 48, y: 420, width: 1232, height: 380 },
  );

  await check(
    'a function config flags a connector automation without a connector file, with its quick fixes',
    'function-config',
    async () => {
      await page.keyboard.press('Control+Shift+M'); // close the Problems panel
      await caretAt('function.jsonc', 'on-slack-message', '9:29'); // line 9: `      "integration_type": "slak",`
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget', { hasText: 'Create base44/connectors/slak.jsonc' }).first();
      await menu.waitFor({ state: 'visible', timeout: 20_000 });
      const text = (await menu.textContent()) ?? '';
      if (!/Did you mean "slack"\?/.test(text))
        throw new Error(`quick fix menu lacks the did-you-mean fix: ${text.slice(0, 200)}`);
      await sleep(300);
    },
    { x: 48, y: 30, width: 1000, height: 420 },
  );

  await check(
    'the Base44 sidebar shows the connectors tree',
    'tree',
    async () => {
      await runCommand('View: Close Panel').catch(() => undefined);
      const item = page
        .locator(
          '.activitybar .action-item a[aria-label*="Base44"], .activitybar .action-item[aria-label*="Base44"] a, .activitybar [aria-label*="Base44"]',
        )
        .first();
      await item.waitFor({ state: 'visible', timeout: 15_000 });
      await item.click();
      const tree = page.locator('.sidebar .monaco-list-row');
      await tree.first().waitFor({ state: 'visible', timeout: 20_000 });
      await page
        .locator('.sidebar .monaco-list-row', { hasText: 'project-a' })
        .first()
        .waitFor({ state: 'visible', timeout: 20_000 });
      // Expand project-a when it is collapsed, then expect its connectors.
      const calendar = page.locator('.sidebar .monaco-list-row', { hasText: /googlecalendar|Google Calendar/ }).first();
      if (!(await calendar.isVisible().catch(() => false))) {
        await page.locator('.sidebar .monaco-list-row', { hasText: 'project-a' }).first().click();
        await sleep(500);
      }
      await calendar.waitFor({ state: 'visible', timeout: 20_000 });
      await page.mouse.move(1200, 760);
    },
    { x: 0, y: 0, width: 640, height: 560 },
  );

  await check(
    'the language status ({}) of a connector file shows Base44 connectors and the CLI version',
    'language-status',
    async () => {
      await openFile('googlecalendar.jsonc', 'project-a');
      const status = page.locator('[id="status.languageStatus"]').first();
      await status.waitFor({ state: 'visible', timeout: 15_000 });
      await status.click();
      const hover = hoverWith(/Base44: \d+ connectors?/);
      await hover.waitFor({ state: 'visible', timeout: 15_000 });
      const text = (await hover.textContent()) ?? '';
      if (!/Base44: 3 connectors · CLI \d+\.\d+\.\d+/.test(text))
        throw new Error(`language status: ${text.slice(0, 300)}`);
      if (!/project-a/.test(text)) throw new Error(`language status lacks the project (detail): ${text.slice(0, 300)}`);
    },
    { x: 640, y: 400, width: 640, height: 400 },
  );

  await check(
    'the palette runs "Base44: Authorize Connector": it asks which connector, then reports or waits',
    'authorize',
    async () => {
      // No active connector file: the command must ask which connector (every project's).
      await runCommand('View: Close All Editors').catch(() => undefined);
      await sleep(300);
      await runCommand('Base44: Authorize Connector');
      const widget = page.locator('.quick-input-widget');
      await widget
        .locator('input[placeholder*="Authorize which connector"], input[aria-label*="Authorize which connector"]')
        .first()
        .waitFor({ state: 'visible', timeout: 20_000 })
        .catch(async () => {
          const ph = await widget
            .locator('input')
            .first()
            .getAttribute('placeholder')
            .catch(() => null);
          throw new Error(`no "Authorize which connector?" quick pick (placeholder: ${ph})`);
        });
      const rows = widget.locator('.monaco-list-row');
      for (const name of ['Google Calendar', 'Slack', 'Gmail']) {
        await rows.filter({ hasText: name }).first().waitFor({ state: 'visible', timeout: 10_000 });
      }
      await sleep(300);
      await shot('authorize-pick');
      // The screenshot must show the pick: it is still open after it was taken.
      if (!(await widget.locator('.monaco-list-row', { hasText: 'Google Calendar' }).first().isVisible())) {
        throw new Error('the "Authorize which connector?" quick pick closed before the screenshot');
      }
      // Google Calendar (project-a) is authorized on the demo API: the CLI says so, and the extension tells.
      await rows.filter({ hasText: 'Google Calendar' }).first().click();
      const toast = page
        .locator('.notifications-toasts .notification-toast', {
          hasText: /already authorized|Waiting for authorization|Starting authorization|is authorized/,
        })
        .first();
      await toast.waitFor({ state: 'visible', timeout: 30_000 }).catch(async () => {
        const shown = await page
          .locator('.notifications-toasts .notification-toast, .monaco-dialog-box')
          .allTextContents()
          .catch(() => []);
        throw new Error(
          `no authorization notification after picking Google Calendar; shown: ${shown.join(' | ').slice(0, 300) || '(nothing)'}`,
        );
      });
      // "Starting authorization…" is the progress while the CLI runs: wait for what follows it.
      const final = page
        .locator('.notifications-toasts .notification-toast', {
          hasText: /already authorized|Waiting for authorization|is authorized/,
        })
        .first();
      await final.waitFor({ state: 'visible', timeout: 30_000 });
      const text = (await final.textContent()) ?? '';
      if (!/Google Calendar|googlecalendar/.test(text))
        throw new Error(`the notification does not name the connector: ${text.slice(0, 200)}`);
      await page.mouse.move(1200, 100);
    },
  );

  return results;
}
