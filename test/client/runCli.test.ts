import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, parseJsonDocument } from '../../client/src/cli/runCli';
import { withFakeCli } from './clientHarness';

const cwd = tmpdir();

test('parses the single JSON document on stdout', async () => {
  await withFakeCli(
    `process.stderr.write('log line\\n'); process.stdout.write(JSON.stringify({ok: process.argv.slice(2)}) + '\\n');`,
    async (cli) => {
      const r = await runCli(cli, ['connectors', 'push', '--json'], { cwd, timeoutMs: 10_000 });
      assert.equal(r.ok, true);
      assert.deepEqual(r.ok && r.data, { ok: ['connectors', 'push', '--json'] });
    },
  );
});

test('arguments are passed verbatim, never through a shell', async () => {
  await withFakeCli(`process.stdout.write(JSON.stringify({args: process.argv.slice(2)}));`, async (cli) => {
    const nasty = ['$(touch /tmp/pwned)', '`id`', 'a;b', '"q"', "it's", '*'];
    const r = await runCli(cli, nasty, { cwd, timeoutMs: 10_000 });
    assert.deepEqual(r.ok && (r.data as { args: string[] }).args, nasty);
  });
});

test('a CLI printing garbage gives a badOutput error that points at the output', async () => {
  await withFakeCli(`process.stdout.write('Hello! <html>not json</html>\\n');`, async (cli) => {
    const r = await runCli(cli, ['whoami', '--json'], { cwd, timeoutMs: 10_000 });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.kind, 'badOutput');
    assert.match(r.error.message, /not the JSON/);
    assert.ok(r.error.nextSteps.includes('showOutput'));
  });
});

test('a CLI failing without JSON reports the exit code', async () => {
  await withFakeCli(`process.stderr.write('boom\\n'); process.exit(3);`, async (cli) => {
    const r = await runCli(cli, [], { cwd, timeoutMs: 10_000 });
    assert.equal(!r.ok && r.error.kind, 'failed');
    assert.match(!r.ok ? r.error.message : '', /exit code 3/);
  });
});

test('a CLI printing megabytes is stopped at the output cap', async () => {
  await withFakeCli(
    `const chunk = 'x'.repeat(65536); (function w(){ while (process.stdout.write(chunk)) {} process.stdout.once('drain', w); })();`,
    async (cli) => {
      const started = Date.now();
      const r = await runCli(cli, [], { cwd, timeoutMs: 20_000, maxOutputBytes: 2 * 1024 * 1024 });
      assert.equal(!r.ok && r.error.kind, 'outputTooLarge');
      assert.ok(Date.now() - started < 15_000);
    },
  );
});

test('a hanging CLI is killed at the timeout (SIGTERM ignored → SIGKILL)', async () => {
  await withFakeCli(`process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);`, async (cli) => {
    const started = Date.now();
    const r = await runCli(cli, [], { cwd, timeoutMs: 500, killGraceMs: 300 });
    assert.equal(!r.ok && r.error.kind, 'timeout');
    assert.match(!r.ok ? r.error.message : '', /did not finish within/);
    assert.ok(!r.ok && r.error.nextSteps.includes('retry'));
    assert.ok(Date.now() - started < 5_000);
  });
});

test('cancel through an AbortSignal stops the CLI', async () => {
  await withFakeCli(`setInterval(() => {}, 1000);`, async (cli) => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    let record: { outcome: string } | undefined;
    const r = await runCli(cli, [], { cwd, timeoutMs: 30_000, signal: ac.signal, onRecord: (x) => (record = x) });
    assert.equal(!r.ok && r.error.kind, 'cancelled');
    assert.equal(record?.outcome, 'cancelled');
  });
});

test('an already-aborted signal never starts the CLI', async () => {
  const ac = new AbortController();
  ac.abort();
  const r = await runCli({ command: '/nonexistent/base44', argsPrefix: [], source: 'test' }, [], {
    cwd,
    timeoutMs: 1000,
    signal: ac.signal,
  });
  assert.equal(!r.ok && r.error.kind, 'cancelled');
});

test('a missing CLI offers to install it or use npx', async () => {
  const r = await runCli({ command: '/nonexistent/dir/base44', argsPrefix: [], source: 'setting' }, ['whoami'], {
    cwd,
    timeoutMs: 5000,
  });
  assert.equal(!r.ok && r.error.kind, 'cliNotFound');
  assert.deepEqual(!r.ok && [...r.error.nextSteps], ['installCli', 'useNpx', 'configureCliPath']);
});

// No execute bit for anyone (0o644): EACCES even for root, who bypasses read/write checks but not this.
test('a CLI that is not executable says so', { skip: process.platform === 'win32' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'b44-noexec-'));
  const file = join(dir, 'base44');
  writeFileSync(file, '#!/bin/sh\necho {}\n');
  chmodSync(file, 0o644);
  try {
    const r = await runCli({ command: file, argsPrefix: [], source: 'setting' }, [], { cwd, timeoutMs: 5000 });
    assert.equal(!r.ok && r.error.kind, 'cliNotExecutable');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI starting its interactive login is stopped at once as "not logged in"', async () => {
  await withFakeCli(
    `process.stderr.write('You need to login first to continue.\\nGenerating device code...\\n'); setInterval(() => {}, 1000);`,
    async (cli) => {
      const started = Date.now();
      const r = await runCli(cli, ['connectors', 'push', '--yes', '--json'], { cwd, timeoutMs: 30_000 });
      assert.equal(!r.ok && r.error.kind, 'notLoggedIn');
      assert.ok(!r.ok && r.error.nextSteps.includes('logIn'));
      assert.ok(Date.now() - started < 10_000);
    },
  );
});

test('parseJsonDocument tolerates a notice line before the document', () => {
  assert.deepEqual(parseJsonDocument('Update available!\n{\n  "a": 1\n}\n'), { a: 1 });
  assert.equal(parseJsonDocument('nothing here'), undefined);
  assert.equal(parseJsonDocument(''), undefined);
});

/**
 * Runs `hostEnd` (a script's tail) in a stand-in extension host that started a long CLI run through runCli, then
 * asserts the CLI (its own process group) did not outlive the host.
 */
async function assertCliEndsWithHost(
  hostEnd: (pidFile: string) => string,
  endHost: (host: string, pidFile: string) => Promise<void>,
): Promise<void> {
  const pidFile = join(mkdtempSync(join(tmpdir(), 'b44-orphan-')), 'pid');
  await withFakeCli(
    `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`,
    async (cli) => {
      const runCliJs = require.resolve('../../client/src/cli/runCli');
      const host = `const { runCli } = require(${JSON.stringify(runCliJs)});
const fs = require('fs');
void runCli(${JSON.stringify(cli)}, [], { cwd: ${JSON.stringify(cwd)}, timeoutMs: 60000 });
${hostEnd(pidFile)}`;
      await endHost(host, pidFile);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      let alive = true;
      for (let i = 0; i < 50 && alive; i++) {
        try {
          process.kill(pid, 0);
          await new Promise((r) => setTimeout(r, 100));
        } catch {
          alive = false;
        }
      }
      if (alive) process.kill(pid, 'SIGKILL');
      assert.equal(alive, false, 'the CLI outlived its host');
    },
  );
}

test('CLI runs still going when the extension host exits are killed with it (their process group would live on)', async () => {
  await assertCliEndsWithHost(
    (pidFile) =>
      `const wait = setInterval(() => { if (fs.existsSync(${JSON.stringify(pidFile)})) { clearInterval(wait); process.exit(0); } }, 20);`,
    async (host) => {
      const { spawnSync } = await import('node:child_process');
      assert.equal(spawnSync(process.execPath, ['-e', host], { timeout: 30_000 }).status, 0);
    },
  );
});

test('CLI runs still going when the extension host is stopped by SIGTERM are killed, and the host still ends', async () => {
  await assertCliEndsWithHost(
    () => 'setInterval(() => {}, 1000);',
    async (host, pidFile) => {
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, ['-e', host], { stdio: 'ignore' });
      const ended = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      for (let i = 0; i < 300 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGTERM');
      assert.equal(await ended, 'SIGTERM', 'the host still ends by the signal (the default is kept)');
    },
  );
});
