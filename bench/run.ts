/**
 * `npm run bench`: measures, in one run on this machine, the product's language server against
 * vscode-json-languageservice (with an equivalent JSON Schema), a parse-only floor server and the real
 * base44 CLI, plus the .vsix size and the activation time recorded by the VS Code integration runner.
 * Prints a table and writes bench/results.json. Exits 0 even when goals are missed (it is a benchmark).
 *
 * Options (after `npm run bench --`):
 *   --quick          fewer samples (N=50, 1 folder run, 1 CLI run) for a fast look
 *   --skip-package   do not run `npm run package` (the .vsix size is then read from an existing .vsix)
 *   --skip-build     do not rebuild dist/ first
 *   --skip-cli       do not run the CLI
 *   --profile        also run the product's server under --cpu-prof and print where its time goes
 *   --only=a,b       only these servers (base44, json, floor)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cliEnv, CLI_ENTRY, makeFakeHome } from '../test/support/base44Cli';
import { makeProject, TempProject } from '../test/support/tempProject';
import { BenchClient, delay, toUri } from './benchClient';
import { BenchDocument, folderFiles, largeDocument, typicalDocument } from './documents';
import { CONNECTOR_COUNT, FUNCTION_FILE_COUNT, FunctionsBenchResult, functionsBench } from './functions';
import { BENCH_OUT, PRODUCT_CODE_CACHE, ROOT, SERVER_ENTRIES, snapshotProduct } from './paths';
import { cpuProfileArgs, inclusiveTop, newestProfile, summarizeProfile } from './profile';

// ---- setup --------------------------------------------------------------------------------------------

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const QUICK = flag('quick');
const N = QUICK ? 50 : 500;
const WARMUP = QUICK ? 100 : 1000;
const N_DIAG = QUICK ? 20 : 100;
const COLD_RUNS = QUICK ? 2 : 7;
const FOLDER_RUNS = QUICK ? 1 : 5;
const CLI_RUNS = QUICK ? 1 : 3;
const FOLDER_SIZE = 1000;
const PROFILE_DIR = path.join(BENCH_OUT, 'profiles');
const onlyArg = args.find((a) => a.startsWith('--only='));
const ONLY = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;

type ServerId = 'base44' | 'json' | 'floor';
interface ServerSpec {
  readonly id: ServerId;
  readonly label: string;
  readonly entry: string;
  /** True when the server finds connector files itself (the product); false: it sees opened documents only. */
  readonly scansWorkspace: boolean;
}

const SERVERS: ServerSpec[] = [
  { id: 'base44', label: 'base44 server', entry: SERVER_ENTRIES.base44, scansWorkspace: true },
  { id: 'json', label: 'json-languageservice', entry: SERVER_ENTRIES.json, scansWorkspace: false },
  { id: 'floor', label: 'floor (parse only)', entry: SERVER_ENTRIES.floor, scansWorkspace: false },
].filter((s) => !ONLY || ONLY.has(s.id)) as ServerSpec[];

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// ---- statistics ---------------------------------------------------------------------------------------

interface Stats {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

const median = (xs: number[]) => stats(xs).p50;

// ---- measurements -------------------------------------------------------------------------------------

interface LatencyResult {
  completion: Stats;
  hover: Stats;
  diagnostics: Stats;
  /** What each server answered at each position (sanity: the work is equivalent). */
  answers: Record<string, string>;
  /** The same figures per position (`completion@scope`, `hover@type`, …). */
  byPosition: Record<string, Stats>;
}

function describeAnswer(method: string, result: unknown): string {
  if (result === null || result === undefined) return 'null';
  const bytes = JSON.stringify(result).length;
  if (method === 'textDocument/completion') {
    const items = Array.isArray(result) ? result : ((result as { items?: unknown[] }).items ?? []);
    return `${items.length} items, ${bytes} bytes of JSON`;
  }
  return `hover, ${bytes} bytes of JSON`;
}

/** One server under latency measurement: its client and the URIs of the two documents it has open. */
interface LatencySubject {
  readonly spec: ServerSpec;
  readonly client: BenchClient;
  readonly uris: Record<'typical' | 'large', string>;
}

/**
 * `method` at the document's two positions, alternating, N times per server: the servers take turns (in
 * blocks, their order rotating each round), so a load spike or a CPU frequency change hits all of them
 * alike instead of whichever was measured at that moment.
 */
async function measureRequests(
  subjects: LatencySubject[],
  key: 'typical' | 'large',
  method: 'textDocument/completion' | 'textDocument/hover',
  doc: BenchDocument,
): Promise<Map<ServerId, { all: Stats; answers: Record<string, string>; byPosition: Record<string, Stats> }>> {
  const feature = method.slice('textDocument/'.length);
  const names = ['scope', 'type'];
  const positions = [doc.inScope, doc.onType];
  const samples = new Map(
    subjects.map((s) => [
      s.spec.id,
      { all: [] as number[], per: positions.map(() => [] as number[]), answers: {} as Record<string, string> },
    ]),
  );
  // Turns of BLOCK requests: short enough that a load spike hits every server, long enough that the work
  // one server goes on doing after its answer (a collection, a 17 ms JSON schema completion) does not
  // land on the next server's every request.
  const BLOCK = 25;
  for (let start = 0, round = 0; start < N; start += BLOCK, round++) {
    for (let j = 0; j < subjects.length; j++) {
      const subject = subjects[(round + j) % subjects.length];
      const own = samples.get(subject.spec.id)!;
      for (let i = start; i < Math.min(N, start + BLOCK); i++) {
        const k = i % positions.length;
        const { ms, result } = await subject.client.timed(method, subject.uris[key], positions[k]);
        own.all.push(ms);
        own.per[k].push(ms);
        if (i < positions.length) own.answers[`${feature}@${names[k]}`] = describeAnswer(method, result);
      }
    }
  }
  const out = new Map<ServerId, { all: Stats; answers: Record<string, string>; byPosition: Record<string, Stats> }>();
  for (const [id, own] of samples) {
    const byPosition: Record<string, Stats> = {};
    own.per.forEach((xs, k) => (byPosition[`${feature}@${names[k]}`] = stats(xs)));
    out.set(id, { all: stats(own.all), answers: own.answers, byPosition });
  }
  return out;
}

/** didChange → the next publishDiagnostics for that document, alternating an invalid and the valid text. */
async function measureDiagnostics(client: BenchClient, uri: string, doc: BenchDocument): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < N_DIAG; i++) {
    const text = i % 2 === 0 ? doc.invalidText : doc.text;
    const before = client.publishCount(uri);
    const start = performance.now();
    await client.change(uri, text);
    await client.waitForPublish(uri, before, 10_000);
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

type LatencyResults = Partial<Record<ServerId, Record<'typical' | 'large', LatencyResult>>>;

/** Completion, hover and diagnostics latency of all `specs`, measured side by side (see measureRequests). */
async function latency(specs: ServerSpec[], nodeArgs: string[] = []): Promise<LatencyResults> {
  const docs = { typical: typicalDocument(), large: largeDocument() };
  const project = makeProject({
    [`base44/connectors/${docs.typical.fileName}`]: docs.typical.text,
    [`base44/connectors/${docs.large.fileName}`]: docs.large.text,
  });
  const uris = {
    typical: toUri(project.path(`base44/connectors/${docs.typical.fileName}`)),
    large: toUri(project.path(`base44/connectors/${docs.large.fileName}`)),
  };
  const subjects: LatencySubject[] = [];
  try {
    for (const spec of specs) {
      const client = await BenchClient.start({ entry: spec.entry, workspaceFolder: project.root, nodeArgs });
      subjects.push({ spec, client, uris });
      for (const key of ['typical', 'large'] as const) {
        await client.open(uris[key], docs[key].text);
        await client.waitForPublish(uris[key], 0, 30_000);
      }
    }
    // Warm up every path first (both documents, both features, both positions), so each figure is the
    // steady state of a long-running editor session, whichever is measured first.
    for (const { client } of subjects) {
      for (const key of ['typical', 'large'] as const) {
        for (const method of ['textDocument/completion', 'textDocument/hover'] as const) {
          for (let i = 0; i < WARMUP; i++)
            await client.timed(method, uris[key], i % 2 ? docs[key].onType : docs[key].inScope);
        }
      }
    }
    const out: LatencyResults = {};
    for (const { spec } of subjects) out[spec.id] = {} as Record<'typical' | 'large', LatencyResult>;
    for (const key of ['typical', 'large'] as const) {
      const completion = await measureRequests(subjects, key, 'textDocument/completion', docs[key]);
      const hover = await measureRequests(subjects, key, 'textDocument/hover', docs[key]);
      for (const { spec, client } of subjects) {
        await delay(300); // let any validation scheduled by didOpen settle before timing edits
        const c = completion.get(spec.id)!;
        const h = hover.get(spec.id)!;
        out[spec.id]![key] = {
          completion: c.all,
          hover: h.all,
          diagnostics: await measureDiagnostics(client, uris[key], docs[key]),
          answers: { ...c.answers, ...h.answers },
          byPosition: { ...c.byPosition, ...h.byPosition },
        };
      }
    }
    return out;
  } finally {
    for (const { client } of subjects) await client.stop();
    project.cleanup();
  }
}

/** Spawn → initialize → didOpen of one typical file → its first publishDiagnostics (one run). */
async function coldStartOnce(
  spec: ServerSpec,
  project: TempProject,
  doc: BenchDocument,
  env?: Record<string, string>,
): Promise<number> {
  const uri = toUri(project.path(`base44/connectors/${doc.fileName}`));
  const start = performance.now();
  const client = await BenchClient.start({ entry: spec.entry, workspaceFolder: project.root, env });
  try {
    await client.open(uri, doc.text);
    await client.waitForPublish(uri, 0, 30_000);
    return performance.now() - start;
  } finally {
    await client.stop();
  }
}

interface FolderRun {
  ms: number;
  rssBytes: number;
  filesWithDiagnostics: number;
  filesWithProblems: number;
}

interface FolderResult {
  ms: Stats;
  rssBytes: number;
  filesWithDiagnostics: number;
  filesWithProblems: number;
}

/**
 * The 1,000-file folder (one run): spawn with the project as workspace folder → a publishDiagnostics for
 * every connector file. The product's server finds and validates the files itself; the json-languageservice
 * server and the floor only see opened documents, so the client reads and opens all 1,000 (inside the
 * timed window). RSS: VmRSS of the server process right after.
 */
async function folderOnce(
  spec: ServerSpec,
  project: TempProject,
  files: string[],
  nodeArgs: string[] = [],
): Promise<FolderRun> {
  const uris = files.map((f) => toUri(project.path(f)));
  const start = performance.now();
  const client = await BenchClient.start({ entry: spec.entry, workspaceFolder: project.root, nodeArgs });
  try {
    if (!spec.scansWorkspace) {
      for (let i = 0; i < files.length; i++) await client.open(uris[i], readFileSync(project.path(files[i]), 'utf8'));
    }
    await client.waitForAll(uris, 120_000);
    const ms = performance.now() - start;
    await delay(200); // let the process settle (pending writes) before reading its memory
    return {
      ms,
      rssBytes: client.rssBytes() ?? NaN,
      filesWithDiagnostics: uris.filter((u) => client.publishCount(u) > 0).length,
      filesWithProblems: uris.filter((u) => (client.diagnosticsOf(u)?.length ?? 0) > 0).length,
    };
  } finally {
    await client.stop();
  }
}

function folderResult(runs: FolderRun[]): FolderResult {
  return {
    ms: stats(runs.map((r) => r.ms)),
    rssBytes: median(runs.map((r) => r.rssBytes)),
    filesWithDiagnostics: runs[runs.length - 1].filesWithDiagnostics,
    filesWithProblems: runs[runs.length - 1].filesWithProblems,
  };
}

interface CliResult {
  ms: Stats;
  verdict: string;
}

function runCliOnce(cwd: string, home: string): Promise<{ ms: number; stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [CLI_ENTRY, 'connectors', 'push', '--yes', '--json'], {
      cwd,
      env: cliEnv({ apiUrl: 'http://127.0.0.1:9', home }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - start, stdout, code });
    });
  });
}

/**
 * `base44 connectors push --yes --json` against an unreachable API: reads + validates every file, then fails on
 * the network.
 */
async function cli(project: TempProject, runs = CLI_RUNS): Promise<CliResult> {
  const home = makeFakeHome();
  const samples: number[] = [];
  let verdict = '';
  try {
    for (let i = 0; i < runs; i++) {
      const r = await runCliOnce(project.root, home);
      samples.push(r.ms);
      let parsed: { code?: string; error?: string } | undefined;
      try {
        parsed = JSON.parse(r.stdout.trim());
      } catch {
        parsed = undefined;
      }
      verdict =
        parsed?.code === 'API_ERROR'
          ? 'accepted (validated, then API_ERROR: unreachable)'
          : `exit ${r.code}: ${r.stdout.trim().slice(0, 200)}`;
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return { ms: stats(samples), verdict };
}

interface VsixResult {
  bytes?: number;
  note: string;
}

function vsix(): VsixResult {
  const file = path.join(ROOT, '.cache', 'base44-connectors.vsix');
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  if (!pkg.scripts?.package) return { note: 'n/a: package.json has no "package" script' };
  if (!flag('skip-package')) {
    log('npm run package …');
    rmSync(file, { force: true });
    const r = spawnSync('npm', ['run', '--silent', 'package', '--', '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (r.status !== 0) {
      const out = `${r.stdout}\n${r.stderr}`.split('\n');
      const reason = out.find((l) => /\bERROR\b/.test(l)) ?? out.find((l) => /error/i.test(l)) ?? '';
      return { note: `n/a: npm run package failed (exit ${r.status}): ${reason.trim().slice(0, 300)}` };
    }
  }
  if (!existsSync(file)) return { note: `n/a: ${path.relative(ROOT, file)} missing` };
  return { bytes: statSync(file).size, note: path.relative(ROOT, file) };
}

interface ActivationResult {
  ms?: number;
  note: string;
}

/** The median of fresh starts, written by the VS Code runner (`bench/index.mjs` runs it with --repeat 5). */
function activation(): ActivationResult {
  const file = path.join(ROOT, '.cache', 'vscode-activation.json');
  if (!existsSync(file)) return { note: 'n/a (run npm run test:vscode first)' };
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const ms =
      typeof data === 'number' ? data : (data.activationMs ?? data.activationTimeMs ?? data.ms ?? data.activateMs);
    if (typeof ms !== 'number') return { note: `n/a: no activationMs in ${path.relative(ROOT, file)}` };
    const when = data.measuredAt ?? data.date ?? statSync(file).mtime.toISOString();
    const samples = Array.isArray(data.samples) ? `median of ${data.samples.length} fresh starts, ` : 'one start, ';
    return { ms, note: `${samples}${path.relative(ROOT, file)} (${when})` };
  } catch (e) {
    return { note: `n/a: ${path.relative(ROOT, file)} unreadable: ${e}` };
  }
}

// ---- profiling ----------------------------------------------------------------------------------------

async function profileProduct(
  spec: ServerSpec,
  project: TempProject,
  files: string[],
): Promise<Record<string, unknown>> {
  const nodeArgs = cpuProfileArgs(PROFILE_DIR, 100);
  const out: Record<string, unknown> = {};
  const report = (title: string) => {
    const file = newestProfile(PROFILE_DIR);
    if (!file) return log(`${title}: no profile written`);
    const s = summarizeProfile(file, ROOT, 15);
    const own = inclusiveTop(file, ROOT, (n) => n.startsWith('server/src/'), 15);
    out[title] = { profile: path.relative(ROOT, file), ...s, inclusiveProductFrames: own };
    console.log(
      `\nProfile (${title}): ${path.relative(ROOT, file)}, busy ${s.busyMs.toFixed(0)} ms of ${s.totalMs.toFixed(0)} ms`,
    );
    console.log('  self time by function:');
    for (const f of s.functions)
      console.log(
        `    ${f.selfMs.toFixed(1).padStart(8)} ms self ${f.totalMs.toFixed(1).padStart(8)} ms total  ${f.name}`,
      );
    console.log('  inclusive time, product frames:');
    for (const f of own) console.log(`    ${f.totalMs.toFixed(1).padStart(8)} ms  ${f.name}`);
  };
  log('profiling base44 server: latency');
  await latency([spec], nodeArgs);
  report('latency');
  log('profiling base44 server: 1,000-file folder');
  await folderOnce(spec, project, files, nodeArgs);
  report('folder');
  return out;
}

// ---- output -------------------------------------------------------------------------------------------

const fmtMs = (ms: number | undefined) =>
  ms === undefined || Number.isNaN(ms)
    ? '–'
    : ms < 10
      ? `${ms.toFixed(2)} ms`
      : ms < 1000
        ? `${ms.toFixed(1)} ms`
        : `${(ms / 1000).toFixed(2)} s`;
const fmtMB = (b: number | undefined) =>
  b === undefined || Number.isNaN(b) ? '–' : `${(b / 1024 / 1024).toFixed(1)} MB`;
const fmtKB = (b: number | undefined) => (b === undefined ? '–' : `${(b / 1024).toFixed(0)} KB`);

interface Row {
  metric: string;
  base44?: string;
  json?: string;
  floor?: string;
  cli?: string;
  goal?: string;
  met?: boolean | 'n/a';
}

function printTable(rows: Row[]): void {
  const header = ['metric', 'base44 server', 'json-languageservice', 'floor', 'CLI', 'goal', 'met?'];
  const cells = rows.map((r) => [
    r.metric,
    r.base44 ?? '',
    r.json ?? '',
    r.floor ?? '',
    r.cli ?? '',
    r.goal ?? '',
    r.met === undefined ? '' : r.met === 'n/a' ? 'n/a' : r.met ? 'yes' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => '| ' + c.map((x, i) => x.padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const c of cells) console.log(line(c));
}

// ---- main ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = new Date();
  const results: Record<string, unknown> = {
    date: started.toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGB: +(os.totalmem() / 1024 ** 3).toFixed(1),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
    },
    settings: { N, WARMUP, N_DIAG, COLD_RUNS, FOLDER_RUNS, CLI_RUNS, FOLDER_SIZE, quick: QUICK },
  };

  // The .vsix first: `npm run package` rebuilds dist/ minified; the build below restores the normal one
  // (the server measured is the minified one bench/index.mjs built, whatever dist/ holds).
  const vsixResult = vsix();
  if (!flag('skip-build')) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (r.status !== 0) results.buildWarning = `npm run build exited ${r.status}`;
  }
  snapshotProduct();
  // The product's code cache starts empty: the first server started (latency) compiles and saves it, as a
  // user's first start does; every later start (cold start, folder) loads from it, as a user's do.
  rmSync(PRODUCT_CODE_CACHE, { recursive: true, force: true });
  process.env.BASE44_LS_CACHE_DIR = PRODUCT_CODE_CACHE;
  for (const s of SERVERS)
    if (!existsSync(s.entry)) throw new Error(`${s.entry} is missing (run npm run build / node bench/index.mjs)`);

  let lat: LatencyResults = {};
  const cold: Partial<Record<ServerId, Stats>> = {};
  let coldUncached: Stats | undefined;
  const fold: Partial<Record<ServerId, FolderResult>> = {};

  const files = folderFiles(FOLDER_SIZE);
  const folderProject = makeProject(files);
  const connectorFiles = Object.keys(files);
  try {
    log(`completion / hover / diagnostics latency (${SERVERS.map((s) => s.label).join(', ')}: side by side)`);
    lat = await latency(SERVERS);
    // Cold start and the folder: runs interleaved across servers, so a passing load spike hits all alike.
    {
      log(`cold start (${COLD_RUNS} runs each, interleaved)`);
      const doc = typicalDocument();
      const project = makeProject({ [`base44/connectors/${doc.fileName}`]: doc.text });
      const samples = new Map<ServerId, number[]>(SERVERS.map((s) => [s.id, []]));
      const product = SERVERS.find((s) => s.id === 'base44');
      const uncached: number[] = [];
      try {
        for (let run = 0; run < COLD_RUNS; run++) {
          for (const spec of SERVERS) samples.get(spec.id)!.push(await coldStartOnce(spec, project, doc));
          // The product's very first start, before its code cache exists (see server/src/node/codeCache.ts).
          if (product) uncached.push(await coldStartOnce(product, project, doc, { BASE44_LS_CACHE_DIR: 'off' }));
        }
      } finally {
        project.cleanup();
      }
      for (const spec of SERVERS) cold[spec.id] = stats(samples.get(spec.id)!);
      if (uncached.length) coldUncached = stats(uncached);
    }
    {
      log(`${FOLDER_SIZE}-file folder (${FOLDER_RUNS} runs each, interleaved)`);
      const runs = new Map<ServerId, FolderRun[]>(SERVERS.map((s) => [s.id, []]));
      for (let run = 0; run < FOLDER_RUNS; run++)
        for (const spec of SERVERS) runs.get(spec.id)!.push(await folderOnce(spec, folderProject, connectorFiles));
      for (const spec of SERVERS) fold[spec.id] = folderResult(runs.get(spec.id)!);
    }
    let cliResult: CliResult | undefined;
    let cliOne: CliResult | undefined;
    if (!flag('skip-cli') && existsSync(CLI_ENTRY)) {
      log(`CLI: ${FOLDER_SIZE}-file folder`);
      cliResult = await cli(folderProject);
      log('CLI: one file (its fixed cost: start-up + the network attempt)');
      const one = makeProject({ 'base44/connectors/googlecalendar.jsonc': typicalDocument().text });
      try {
        cliOne = await cli(one);
      } finally {
        one.cleanup();
      }
    }
    const act = activation();
    const productSpec = SERVERS.find((s) => s.id === 'base44');
    const fn: FunctionsBenchResult | undefined = productSpec
      ? await functionsBench(productSpec.entry, FOLDER_RUNS, N_DIAG, log)
      : undefined;

    let profiles: Record<string, unknown> | undefined;
    const product = SERVERS.find((s) => s.id === 'base44');
    if (flag('profile') && product) profiles = await profileProduct(product, folderProject, connectorFiles);

    // ---- table ----
    const rows: Row[] = [];
    const missed: string[] = [];
    const goal = (metric: string, ok: boolean | undefined, why: string) => {
      if (ok === false) missed.push(`MISSED: ${metric}: ${why}`);
      return ok === undefined ? ('n/a' as const) : ok;
    };
    for (const key of ['typical', 'large'] as const) {
      const docLabel = key === 'typical' ? 'typical file' : '2,000-line file';
      for (const feature of ['completion', 'hover'] as const) {
        const b = lat.base44?.[key][feature];
        const j = lat.json?.[key][feature];
        const f = lat.floor?.[key][feature];
        const okJson = b && j ? b.p50 <= j.p50 / 2 : undefined;
        const okFloor = b && f ? b.p50 <= f.p50 * 2 : undefined;
        const ok = okJson === undefined || okFloor === undefined ? undefined : okJson && okFloor;
        const why =
          b && j && f
            ? `p50 ${fmtMs(b.p50)} = ${(b.p50 / j.p50).toFixed(2)}x json-languageservice (goal <= 0.5x), ${(b.p50 / f.p50).toFixed(2)}x floor (goal <= 2x)`
            : '';
        rows.push({
          metric: `${feature} p50, ${docLabel}`,
          base44: fmtMs(b?.p50),
          json: fmtMs(j?.p50),
          floor: fmtMs(f?.p50),
          goal: '<= 0.5x json, <= 2x floor',
          met: goal(`${feature} p50, ${docLabel}`, ok, why),
        });
        rows.push({
          metric: `${feature} p99, ${docLabel}`,
          base44: fmtMs(b?.p99),
          json: fmtMs(j?.p99),
          floor: fmtMs(f?.p99),
        });
      }
      const d = (id: ServerId) => lat[id]?.[key].diagnostics;
      rows.push({
        metric: `diagnostics p50, ${docLabel} (1)`,
        base44: fmtMs(d('base44')?.p50),
        json: fmtMs(d('json')?.p50),
        floor: fmtMs(d('floor')?.p50),
      });
      rows.push({
        metric: `diagnostics p99, ${docLabel} (1)`,
        base44: fmtMs(d('base44')?.p99),
        json: fmtMs(d('json')?.p99),
        floor: fmtMs(d('floor')?.p99),
      });
    }
    rows.push({
      metric: 'cold start to first diagnostics (median) (4)',
      base44: fmtMs(cold.base44?.p50),
      json: fmtMs(cold.json?.p50),
      floor: fmtMs(cold.floor?.p50),
    });
    if (coldUncached)
      rows.push({ metric: 'cold start, first start ever (no code cache)', base44: fmtMs(coldUncached.p50) });
    {
      const b = fold.base44?.ms.p50;
      const f = fold.floor?.ms.p50;
      const c = cliResult?.ms.p50;
      const okFloor = b !== undefined && f !== undefined ? b <= 2 * f : undefined;
      const okCli = b !== undefined && c !== undefined ? c >= 10 * b : undefined;
      const ok = okFloor === undefined || okCli === undefined ? undefined : okFloor && okCli;
      const why = `${fmtMs(b)} = ${b && f ? (b / f).toFixed(2) : '?'}x floor (goal <= 2x), CLI ${b && c ? (c / b).toFixed(1) : '?'}x slower (goal >= 10x)`;
      rows.push({
        metric: `${FOLDER_SIZE}-file folder to all diagnostics (2)`,
        base44: fmtMs(b),
        json: fmtMs(fold.json?.ms.p50),
        floor: fmtMs(f),
        cli: fmtMs(c),
        goal: '<= 2x floor, CLI >= 10x',
        met: goal(`${FOLDER_SIZE}-file folder`, ok, why),
      });
    }
    {
      const b = fold.base44?.rssBytes;
      const ok = b !== undefined && !Number.isNaN(b) ? b < 80 * 1024 * 1024 : undefined;
      rows.push({
        metric: `resident memory, ${FOLDER_SIZE} files`,
        base44: fmtMB(b),
        json: fmtMB(fold.json?.rssBytes),
        floor: fmtMB(fold.floor?.rssBytes),
        goal: '< 80 MB',
        met: goal('resident memory', ok, `${fmtMB(b)}`),
      });
    }
    if (cliOne) rows.push({ metric: 'CLI, 1 file (its fixed cost) (3)', cli: fmtMs(cliOne.ms.p50) });
    if (fn) {
      const alone = median(fn.connectorsOnlyMs);
      const both = median(fn.withFunctionsMs);
      const metric = `${CONNECTOR_COUNT} connector + ${FUNCTION_FILE_COUNT} function files to all diagnostics (5)`;
      rows.push({ metric: `${CONNECTOR_COUNT} connector files alone to all diagnostics`, base44: fmtMs(alone) });
      const ratio = `${fmtMs(both)} = ${(both / alone).toFixed(2)}x connectors alone (goal <= 2x)`;
      rows.push({
        metric,
        base44: fmtMs(both),
        goal: '<= 2x connectors alone',
        met: goal(metric, both <= 2 * alone, ratio),
      });
      const edit = stats(fn.editMs);
      rows.push({
        metric: 'function file edit -> its diagnostics p50 / p99 (1)',
        base44: `${fmtMs(edit.p50)} / ${fmtMs(edit.p99)}`,
      });
      const others = fn.otherPublishes;
      rows.push({
        metric: 'other files re-published during those edits',
        base44: String(others),
        goal: '0',
        met: goal('function edit re-checks only that file', others === 0, `${others} other publishes`),
      });
    }
    rows.push({
      metric: '.vsix size',
      base44: vsixResult.bytes !== undefined ? fmtKB(vsixResult.bytes) : 'n/a',
      goal: '< 1 MB',
      met: goal(
        '.vsix size',
        vsixResult.bytes !== undefined ? vsixResult.bytes < 1_000_000 : undefined,
        fmtKB(vsixResult.bytes),
      ),
    });
    rows.push({
      metric: 'activation in VS Code',
      base44: act.ms !== undefined ? fmtMs(act.ms) : 'n/a',
      goal: '< 100 ms',
      met: goal('activation', act.ms !== undefined ? act.ms < 100 : undefined, fmtMs(act.ms)),
    });

    console.log(
      `\nBase44 connectors benchmark — ${results.machine && (results.machine as { cpu: string }).cpu}, ${os.cpus().length} cores, node ${process.version}, ${started.toISOString()}`,
    );
    console.log(
      `N=${N} requests per latency figure, the servers taking turns every 25 requests (after ${WARMUP} warm-up requests per document, feature and server), ${N_DIAG} edits per diagnostics figure, cold start median of ${COLD_RUNS}, folder median of ${FOLDER_RUNS}, CLI median of ${CLI_RUNS}.\n`,
    );
    printTable(rows);
    console.log(`
(1) didChange -> publishDiagnostics, measured by the client; includes each server's 100 ms debounce (the product's
    default validationDelayMs; the json-languageservice server and the floor use the same delay).
(2) The product's server is given the folder and finds, reads and validates all ${FOLDER_SIZE} files itself; the
    json-languageservice server and the floor only see opened documents, so the client reads all ${FOLDER_SIZE} files and
    sends didOpen for each inside the timed window (their figure includes that client work).
    CLI: \`base44 connectors push --yes --json\` against an unreachable API (${cliResult?.verdict ?? 'not run'}).
(3) The CLI's time on one file: node start-up, command loading and its network attempt (with retries) — most of its
    ${FOLDER_SIZE}-file time.
(4) Spawn -> initialize -> didOpen -> first publishDiagnostics. The product's server loads through its V8 code cache
    (written by its first start in this run, as on a user's machine); the next row is a start without it.
(5) 250 functions of 4 .ts files each (function.jsonc + entry), 3 connector calls per file; every 10th file calls a
    type with no connector file; the connector files no function calls get a hint: ${fn?.filesWithProblems ?? '?'} files with problems.
    Median of ${FOLDER_RUNS}, interleaved with the connector files alone.
.vsix: ${vsixResult.note}. Activation: ${act.note}.`);
    console.log('\nPer position (p50; what each server answered):');
    for (const key of ['typical', 'large'] as const) {
      for (const pos of ['completion@scope', 'completion@type', 'hover@scope', 'hover@type']) {
        const cell = (id: ServerId) => {
          const r = lat[id]?.[key];
          return r ? `${fmtMs(r.byPosition[pos]?.p50)} (${r.answers[pos] ?? '?'})` : '–';
        };
        console.log(
          `  ${key.padEnd(7)} ${pos.padEnd(16)} base44 ${cell('base44')} | json ${cell('json')} | floor ${cell('floor')}`,
        );
      }
    }
    if (vsixResult.bytes === undefined) console.log(`n/a: .vsix size — ${vsixResult.note}`);
    if (act.ms === undefined) console.log(`n/a: activation — ${act.note}`);
    console.log('');
    for (const m of missed) console.log(m);
    if (!missed.length) console.log('All measured goals met.');

    Object.assign(results, {
      latency: lat,
      coldStart: cold,
      coldStartWithoutCodeCache: coldUncached,
      folder: fold,
      cli: { folder: cliResult, oneFile: cliOne },
      functions: fn,
      vsix: vsixResult,
      activation: act,
      table: rows,
      missed,
      profiles,
    });
    writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
    console.log(`\nwrote bench/results.json`);
  } finally {
    folderProject.cleanup();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
