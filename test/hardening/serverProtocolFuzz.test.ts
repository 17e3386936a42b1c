/**
 * The built language server over its real stdio protocol under a storm of incremental edits with
 * hostile content (megabyte strings, 100k-element arrays, 10k nesting, lone surrogates, NUL and control
 * characters, CR / CRLF line ends, a hostile config.jsonc), interleaved with completion, hover, code
 * action and editing (formatting, outline, folding, selection, links) requests at random (and impossible)
 * positions. Every request is answered, no handler throws, the process stays up, and the final
 * diagnostics equal those of a fresh server that opens the final text directly. And files on disk: generated
 * connectors folders (links to files, folders, nowhere and /proc/self/exe, FIFOs, huge files, non-UTF-8, UTF-16)
 * changing under the server while requests hit every entry: every request is answered, the server lists exactly
 * the files the CLI reads and agrees with the CLI's JSON5 verdict on each.
 */
import { readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position } from 'vscode-languageserver-protocol';
import { LanguageServerClient, startLanguageServer, toUri } from '../support/lspClient';
import { makeProject } from '../support/tempProject';
import { cliReadsConnectorEntry } from '../../server/src/cliRules';
import { HOSTILE_CHARS, mutatedConnector } from './arbitraries';
import { cliSyntaxOk, contentOf, diskEntries, resolvedKindOf, writeEntries } from './diskArbitraries';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const EDITS = Number(process.env.FUZZ_EDITS ?? 400);
const CONFIG = '{ "name": "fuzz-app" }\n';

/** A tiny deterministic PRNG (mulberry32), so a failure can be replayed with FUZZ_SEED. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
  };
}

const SCOPE = 'https://www.googleapis.com/auth/calendar.readonly';
const PAYLOADS = [
  () => `"${'x'.repeat(1 << 20)}"`,
  () => `[${Array.from({ length: 100_000 }, (_, i) => (i % 3 ? `"${SCOPE}"` : String(i))).join(',')}]`,
  () => '['.repeat(10_000) + ']'.repeat(10_000),
  () => '{"a":'.repeat(10_000),
  () => '"\uD800\uDFFF\uDC00\uD83D"',
  () => '"\u0000\u0001\u001b[2J\u007f"',
  () => '\r\n"type":\r"slack",\r\n',
  () => '/* unterminated',
  () => "'\\u{1F600}\\x41\\",
];

interface Doc {
  readonly file: string;
  doc: TextDocument;
}

async function edit(client: LanguageServerClient, d: Doc, start: number, end: number, text: string): Promise<void> {
  const range = { start: d.doc.positionAt(start), end: d.doc.positionAt(end) };
  const version = d.doc.version + 1;
  d.doc = TextDocument.update(d.doc, [{ range, text }], version);
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: toUri(d.file), version },
    contentChanges: [{ range, text }],
  });
}

/** One of the editing requests (formatting, outline, folding, selection, links) at a random place. */
function editingRequest(client: LanguageServerClient, d: Doc, position: Position, kind: number): Promise<unknown> {
  const textDocument = { uri: toUri(d.file) };
  const options = { tabSize: 2, insertSpaces: true };
  switch (kind) {
    case 0:
      return client.request('textDocument/formatting', { textDocument, options });
    case 1:
      return client.request('textDocument/rangeFormatting', {
        textDocument,
        range: { start: { line: 0, character: 0 }, end: position },
        options,
      });
    case 2:
      return client.request('textDocument/onTypeFormatting', { textDocument, position, ch: '}', options });
    case 3:
      return client.request('textDocument/documentSymbol', { textDocument });
    case 4:
      return client.request('textDocument/foldingRange', { textDocument });
    case 5:
      return client.request('textDocument/selectionRange', { textDocument, positions: [position] });
    default:
      return client.request('textDocument/documentLink', { textDocument });
  }
}

let settleVersion = 1_000_000;

/**
 * Waits until the server has validated everything it was sent: a no-op edit (a later version, nothing changed)
 * makes sure a flush follows, and the flush validates all that came before. (Waiting for "the next" flush after
 * a round trip raced with a flush that had already happened on a busy machine.)
 */
async function settle(client: LanguageServerClient, file: string): Promise<void> {
  await client.hover(file, { line: 0, character: 0 });
  const validated = client.nextValidation(60_000);
  const empty = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: toUri(file), version: ++settleVersion },
    contentChanges: [{ range: empty, text: '' }],
  });
  await validated;
}

function byUri(client: LanguageServerClient): Map<string, Diagnostic[]> {
  return new Map([...client.diagnostics].filter(([, d]) => d.length > 0).sort(([a], [b]) => a.localeCompare(b)));
}

test(
  `rapid hostile incremental edits with interleaved requests (FUZZ_SEED=${SEED})`,
  { timeout: 120_000 },
  async () => {
    const r = rng(SEED);
    const start = fc.sample(mutatedConnector, { numRuns: 1, seed: SEED })[0];
    const project = makeProject({ 'base44/config.jsonc': CONFIG, 'base44/connectors/googlecalendar.jsonc': start });
    const file = project.path('base44/connectors/googlecalendar.jsonc');
    const configFile = project.path('base44/config.jsonc');
    let client: LanguageServerClient | undefined;
    let fresh: LanguageServerClient | undefined;
    try {
      client = await startLanguageServer({ workspaceFolders: [project.root] });
      await client.ready();
      const connector: Doc = { file, doc: TextDocument.create(toUri(file), 'base44-connector', 1, start) };
      const config: Doc = { file: configFile, doc: TextDocument.create(toUri(configFile), 'jsonc', 1, CONFIG) };
      await client.open(file, start);
      await client.open(configFile, CONFIG, 'jsonc');

      const pending: Promise<unknown>[] = [];
      const randomPosition = (d: TextDocument): Position =>
        r.next() < 0.1
          ? { line: r.int(1_000_000), character: r.int(1_000_000) }
          : d.positionAt(r.int(d.getText().length + 1));
      const mutations: string[] = [];

      for (let i = 0; i < EDITS; i++) {
        const d = r.next() < 0.05 ? config : connector;
        const text = d.doc.getText();
        const a = r.int(text.length + 1);
        const b = Math.min(text.length, a + r.int(20));
        const roll = r.next();
        let insert: string;
        if (roll < 0.04) insert = r.pick(PAYLOADS)();
        else if (roll < 0.08 && d === config)
          insert = r.pick([
            '"connectorsDir": "../../../..",',
            '"connectorsDir": "\u0000",',
            `"connectorsDir": "${'d/'.repeat(5000)}",`,
          ]);
        else if (roll < 0.55) insert = Array.from({ length: 1 + r.int(3) }, () => r.pick(HOSTILE_CHARS)).join('');
        else if (roll < 0.75) insert = '';
        else insert = text.slice(a, a + r.int(30)); // duplicate a slice
        // Large texts shrink back now and then so the run stays quick.
        if (text.length > 3_000_000) await edit(client, d, 0, text.length, start);
        else await edit(client, d, a, b, insert);
        mutations.push(
          `${d === config ? 'config' : 'connector'} ${a}-${b} ← ${JSON.stringify(insert.slice(0, 40))}${insert.length > 40 ? `…(${insert.length})` : ''}`,
        );

        if (r.next() < 0.35) {
          const target = r.next() < 0.9 ? connector : config;
          const pos = randomPosition(target.doc);
          const kind = r.int(4);
          const c = client;
          pending.push(
            kind === 0
              ? c.completion(target.file, pos)
              : kind === 1
                ? c.hover(target.file, pos)
                : kind === 2
                  ? c.codeActions(
                      target.file,
                      { start: pos, end: randomPosition(target.doc) },
                      c.diagnosticsFor(target.file),
                    )
                  : editingRequest(c, target, pos, r.int(7)),
          );
        }
        if (r.next() < 0.02) pending.push(client.request('base44/projects'));
        // Let the server breathe sometimes, so validation runs in the middle of the storm too.
        if (r.next() < 0.03) await new Promise((res) => setTimeout(res, 120));
      }
      // Requests for an unknown document and for impossible positions are answered too.
      pending.push(client.completion(project.path('base44/connectors/nope.jsonc'), { line: 0, character: 0 }));
      pending.push(client.hover(file, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }));

      // The final state: the config restored, the connector at its last (hostile) text.
      await edit(client, config, 0, config.doc.getText().length, CONFIG);
      const finalText = connector.doc.getText();
      let timer: NodeJS.Timeout | undefined;
      const answers = await Promise.race([
        Promise.all(pending),
        new Promise(
          (_, reject) => (timer = setTimeout(() => reject(new Error('a request was never answered')), 60_000)),
        ),
      ]).finally(() => clearTimeout(timer));
      assert.equal((answers as unknown[]).length, pending.length);
      await settle(client, file);

      assert.equal(client.process.exitCode, null, 'the server is still running');
      assert.equal(client.process.signalCode, null);
      const failures = client.stderr.filter((line) => / failed: /.test(line));
      assert.deepEqual(failures, [], `no handler threw (seed ${SEED})`);

      // A fresh server given the final texts directly reaches the same diagnostics.
      fresh = await startLanguageServer({ workspaceFolders: [project.root] });
      await fresh.ready();
      await fresh.open(file, finalText);
      await fresh.open(configFile, CONFIG, 'jsonc');
      await settle(fresh, file);
      assert.deepEqual(
        byUri(client),
        byUri(fresh),
        `diagnostics depend on the text only (seed ${SEED}); last edits:\n${mutations.slice(-10).join('\n')}`,
      );
    } finally {
      await client?.stop();
      await fresh?.stop();
      project.cleanup();
    }
  },
);

test(
  `files on disk: links, FIFOs, huge files, non-UTF-8 and UTF-16 while files change (FUZZ_SEED=${SEED})`,
  { timeout: 180_000, skip: process.platform === 'win32' },
  async () => {
    const r = rng(SEED);
    const project = makeProject({ 'base44/config.jsonc': CONFIG });
    const dir = project.path('base44/connectors');
    let client: LanguageServerClient | undefined;
    try {
      const rounds = fc.sample(diskEntries, { numRuns: 4, seed: SEED });
      writeEntries(dir, project.path('targets'), rounds[0]);
      // On Linux, links to /proc/self/exe: a regular file of tens of MB that the CLI would read.
      if (process.platform === 'linux')
        for (let i = 0; i < 5; i++) symlinkSync('/proc/self/exe', join(dir, `proc${i}.json`));
      client = await startLanguageServer({ workspaceFolders: [project.root] });
      await client.ready(60_000);
      const c = client;
      for (const [round, entries] of rounds.entries()) {
        let validated: Promise<void> = Promise.resolve();
        if (round > 0) {
          validated = c.nextValidation(60_000);
          // The folder changes under the server: every old entry goes, the new ones arrive, the server is told.
          for (const name of readdirSync(dir))
            if (!name.startsWith('proc')) rmSync(join(dir, name), { recursive: true, force: true });
          rmSync(project.path('targets'), { recursive: true, force: true });
          writeEntries(dir, project.path('targets'), entries);
          for (const name of readdirSync(dir)) await c.fileChanged(join(dir, name), 2);
        }
        const pending: Promise<unknown>[] = [];
        const names = readdirSync(dir);
        for (let i = 0; i < 40; i++) {
          const file = join(dir, r.pick(names));
          const position = { line: r.int(3), character: r.int(40) };
          const kind = r.int(4);
          pending.push(
            kind === 0
              ? c.completion(file, position)
              : kind === 1
                ? c.hover(file, position)
                : kind === 2
                  ? c.codeActions(file, { start: position, end: position }, c.diagnosticsFor(file))
                  : c.request('base44/projects'),
          );
        }
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.all(pending),
          new Promise(
            (_, reject) =>
              (timer = setTimeout(() => reject(new Error(`a request was never answered (seed ${SEED})`)), 60_000)),
          ),
        ]).finally(() => clearTimeout(timer));
        await validated;
        const projects = await c.request<{ projects: { connectors: { uri: string }[] }[] }>('base44/projects');
        const listed = projects.projects[0].connectors.map((x) => decodeURIComponent(x.uri.split('/').pop()!)).sort();
        const expected = [
          ...entries.filter((e) => cliReadsConnectorEntry(e.name, resolvedKindOf(e))).map((e) => e.name),
          ...(process.platform === 'linux' ? [0, 1, 2, 3, 4].map((i) => `proc${i}.json`) : []),
        ].sort();
        assert.deepEqual(listed, expected, `round ${round}: the files the CLI reads (seed ${SEED})`);
        for (const entry of entries) {
          if (!cliReadsConnectorEntry(entry.name, resolvedKindOf(entry))) continue;
          const file = join(dir, entry.name);
          const published = await c.waitForDiagnostics(file, () => true, 30_000).catch(() => [] as Diagnostic[]);
          const codes = published.map((d) => d.code);
          if (entry.kind === 'big-file') assert.deepEqual(codes, ['file-too-large'], entry.name);
          else
            assert.equal(!codes.includes('json-syntax'), cliSyntaxOk(contentOf(entry)), `${entry.name} (seed ${SEED})`);
        }
      }
      assert.equal(c.process.exitCode, null, 'the server is still running');
      assert.equal(c.process.signalCode, null);
      assert.deepEqual(
        c.stderr.filter((line) => / failed: /.test(line)),
        [],
        `no handler threw (seed ${SEED})`,
      );
    } finally {
      await client?.stop();
      project.cleanup();
    }
  },
);
