/**
 * Fault injection on the CLI layer, filling what test/client does not already cover: every failure
 * ends in a message the user can act on (a next step), and a pull changes all files or none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CliError } from '../../client/src/cli/cliErrors';
import { ConnectorsCli } from '../../client/src/cli/connectorsCli';
import { runCli } from '../../client/src/cli/runCli';
import { applyPull, ApplyFs } from '../../client/src/sync/applyPull';
import { cliTest, fakeCli, withFakeCli } from '../client/clientHarness';
import { folderContents } from '../support/folderContents';
import { pullPreviewOf } from './pullPreviews';
const cwd = tmpdir();

/** Every error the user sees says what happened and offers at least one way on (or is a plain cancel). */
function assertActionable(e: CliError): void {
  assert.ok(e.message.length > 10 && e.message.length < 400, `message: ${e.message}`);
  assert.doesNotMatch(e.message, /undefined|\[object Object\]/);
  if (e.kind !== 'cancelled') assert.ok(e.nextSteps.length > 0, `${e.kind} has a next step`);
}

cliTest(
  'HTTP 403 from Base44 (real CLI) → "no permission", nothing retried behind the user\'s back',
  {},
  async (h, p) => {
    h.api.failAlways(403, { path: 'available-integrations' });
    const r = await h.cli.listAvailable(p.root);
    assert.equal(!r.ok && r.error.kind, 'forbidden');
    if (r.ok) return;
    assert.match(r.error.message, /permission/);
    assert.ok(r.error.nextSteps.includes('showOutput'));
    assertActionable(r.error);
    assert.equal(h.api.requestsTo('available-integrations').length, 1, 'a 403 is not retried');
  },
);

test("exits non-zero WITH a JSON error: the CLI's own words, mapped to a next step", async () => {
  const cases: [object, CliError['kind'], RegExp][] = [
    [{ error: 'Error pushing connectors: Forbidden', code: 'API_ERROR', statusCode: 403 }, 'forbidden', /permission/],
    [{ error: 'Error pushing connectors: Fake 503', code: 'API_ERROR', statusCode: 503 }, 'serverError', /HTTP 503/],
    [{ error: 'Error pushing connectors: Unauthorized', code: 'API_ERROR', statusCode: 401 }, 'notLoggedIn', /log in/i],
    [
      {
        error: 'Could not initiate notion: different_user (already authorized by eve@example.com)',
        code: 'INVALID_INPUT',
      },
      'differentUser',
      /eve@example\.com/,
    ],
    [{ error: 'Request timed out: GET https://app.base44.com/x', code: 'API_ERROR' }, 'network', /network/],
    [{ error: 'Something new the extension never saw', code: 'WHATEVER' }, 'failed', /Something new/],
  ];
  for (const [envelope, kind, message] of cases) {
    await withFakeCli(
      `process.stdout.write(${JSON.stringify(JSON.stringify(envelope))}); process.exit(1);`,
      async (cli) => {
        const r = await runCli(cli, ['connectors', 'push', '--yes', '--json'], { cwd, timeoutMs: 10_000 });
        assert.equal(!r.ok && r.error.kind, kind, JSON.stringify(envelope));
        if (r.ok) return;
        assert.match(r.error.message, message);
        assertActionable(r.error);
      },
    );
  }
});

test('exits non-zero WITHOUT JSON: exit code, output kept for the log, Show Output / Retry', async () => {
  const variants = [
    [`process.exit(2)`, 'failed'],
    [`process.stdout.write('Segmentation fault\\n'); process.exit(139)`, 'badOutput'],
    [`process.stderr.write('TypeError: x is not a function\\n    at foo\\n'); process.exit(1)`, 'failed'],
    [`process.stdout.write('{"results": ['); process.exit(1)`, 'badOutput'], // truncated JSON
    [`process.kill(process.pid, 'SIGSEGV')`, 'failed'], // killed by a signal: no exit code
    [`process.stderr.write('Error: fetch failed ECONNREFUSED\\n'); process.exit(1)`, 'network'],
  ] as const;
  for (const [source, kind] of variants) {
    await withFakeCli(source, async (cli) => {
      const r = await runCli(cli, ['connectors', 'push', '--json'], { cwd, timeoutMs: 10_000 });
      assert.equal(!r.ok && r.error.kind, kind, source);
      if (r.ok) return;
      assertActionable(r.error);
      if (kind !== 'network') assert.ok(r.error.nextSteps.includes('showOutput'), source);
    });
  }
});

test('exit 0 with a JSON document of the wrong shape is not trusted', async () => {
  for (const body of ['{"results": "all good"}', '[]', 'null', '{"results": [{"type": 1}]}', '"ok"']) {
    await withFakeCli(`process.stdout.write(${JSON.stringify(body)});`, async (fake) => {
      const cli = new ConnectorsCli((args, dir, signal) => runCli(fake, args, { cwd: dir, signal, timeoutMs: 10_000 }));
      const r = await cli.push(cwd);
      assert.equal(!r.ok && r.error.kind, 'badOutput', body);
      if (!r.ok) assertActionable(r.error);
    });
  }
});

test(
  'a CLI that cannot be executed, even as root: no x bit, a folder, a missing #! interpreter',
  { skip: process.platform === 'win32' },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'b44-noexec-'));
    try {
      const noX = join(dir, 'base44');
      writeFileSync(noX, '#!/bin/sh\necho {}\n');
      chmodSync(noX, 0o644); // no execute bit for anyone: EACCES for root too
      const folder = join(dir, 'base44-folder');
      mkdirSync(folder);
      const badShebang = join(dir, 'base44-bad-interpreter');
      writeFileSync(badShebang, '#!/nonexistent/interpreter/node\nconsole.log("{}")\n');
      chmodSync(badShebang, 0o755);
      for (const command of [noX, folder, badShebang]) {
        const r = await runCli({ command, argsPrefix: [], source: 'setting' }, ['whoami', '--json'], {
          cwd,
          timeoutMs: 5000,
        });
        assert.equal(!r.ok && r.error.kind, 'cliNotExecutable', command);
        if (r.ok) return;
        assert.ok(r.error.nextSteps.includes('configureCliPath'), command);
        assertActionable(r.error);
      }
      const r = await runCli({ command: badShebang, argsPrefix: [], source: 'setting' }, [], { cwd, timeoutMs: 5000 });
      assert.match(!r.ok ? r.error.message : '', /interpreter/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('a CLI printing megabytes of JSON-looking noise to stderr is stopped too', async () => {
  await withFakeCli(
    `const chunk = '{"a":'.repeat(10000); (function w(){ while (process.stderr.write(chunk)) {} process.stderr.once('drain', w); })();`,
    async (cli) => {
      const r = await runCli(cli, [], { cwd, timeoutMs: 20_000, maxOutputBytes: 1024 * 1024 });
      assert.equal(!r.ok && r.error.kind, 'outputTooLarge');
      if (!r.ok) assertActionable(r.error);
    },
  );
});

test(
  "cancel mid-run kills the whole process group (the CLI's own children too)",
  { skip: process.platform === 'win32' },
  async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'b44-child-')), 'child-alive');
    // The "CLI" starts a grandchild that would write a file after 1.5 s unless it is killed with the group.
    const f = fakeCli(`
    const { spawn } = require('node:child_process');
    spawn(process.execPath, ['-e', ${JSON.stringify(`setTimeout(() => require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 1500)`)}], { stdio: 'ignore' });
    setInterval(() => {}, 1000);`);
    try {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 300);
      const r = await runCli(f.cli, [], { cwd, timeoutMs: 30_000, signal: ac.signal, killGraceMs: 200 });
      assert.equal(!r.ok && r.error.kind, 'cancelled');
      await new Promise((res) => setTimeout(res, 2000));
      assert.equal(readdirSync(join(marker, '..')).length, 0, 'the grandchild was killed with the CLI');
    } finally {
      f.cleanup();
      rmSync(join(marker, '..'), { recursive: true, force: true });
    }
  },
);

// -------------------------------------------------------------------------------------------------
// Pull: all or nothing

const fileName = fc.constantFrom('slack.jsonc', 'gmail.json', 'notion.jsonc', 'hubspot.jsonc', 'a.json', 'b.jsonc');
const content = fc.oneof(
  fc.constant('{ "type": "slack" }\n'),
  fc.string({ maxLength: 40 }),
  fc.constant('// c\n{ type: "x", }'),
);
const folderState = fc.dictionary(fileName, content, { maxKeys: 5 });

test('pull apply under a write failure at ANY step leaves every file exactly as it was', async () => {
  const root = await mkdtemp(join(tmpdir(), 'b44-allornothing-'));
  let n = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        folderState,
        folderState,
        fc.nat({ max: 20 }),
        fc.constantFrom('writeFile', 'rename', 'unlink'),
        async (before, after, failAt, op) => {
          const dir = join(root, `c${n}`);
          const backupRoot = join(root, `b${n++}`);
          mkdirSync(dir);
          for (const [name, text] of Object.entries(before)) writeFileSync(join(dir, name), text);
          const original = folderContents(dir);
          const preview = await pullPreviewOf(dir, after);
          let calls = 0;
          let failed = false;
          const fail = async <T>(kind: string, real: () => Promise<T>): Promise<T> => {
            if (kind === op && calls++ === failAt) {
              failed = true;
              throw new Error('EIO: injected');
            }
            return real();
          };
          const flaky: ApplyFs = {
            writeFile: (f, t) => fail('writeFile', () => writeFile(f, t, 'utf8')),
            rename: (a, b) => fail('rename', () => rename(a, b)),
            unlink: (f) => fail('unlink', () => unlink(f)),
          };
          const result = await applyPull(preview, { backupRoot, fs: flaky });
          if (failed) {
            assert.equal(result.ok, false);
            assert.equal(!result.ok && result.restored, true);
            assert.match(!result.ok ? result.message : '', /restored/);
            assert.deepEqual(folderContents(dir), original, 'all or nothing: nothing');
          } else {
            assert.ok(result.ok, JSON.stringify(result));
            assert.deepEqual(folderContents(dir), new Map([...Object.entries(after)].sort()), 'all or nothing: all');
          }
        },
      ),
      { numRuns: 150 },
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('pull apply whose backup cannot be written changes nothing and says so', async () => {
  const root = await mkdtemp(join(tmpdir(), 'b44-nobackup-'));
  try {
    const dir = join(root, 'connectors');
    mkdirSync(dir);
    writeFileSync(join(dir, 'slack.jsonc'), '// mine\n{ "type": "slack" }');
    const original = folderContents(dir);
    const blocker = join(root, 'backups-is-a-file');
    writeFileSync(blocker, '');
    const preview = await pullPreviewOf(dir, { 'gmail.jsonc': '{ "type": "gmail" }' });
    const result = await applyPull(preview, { backupRoot: blocker });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /Nothing was pulled/);
    assert.deepEqual(folderContents(dir), original);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
