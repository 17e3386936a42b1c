/**
 * One feature, one server, many requests — for profiling what `npm run bench` reports:
 *   node bench/index.mjs --probe --server=base44 --feature=hover --doc=typical --n=3000 [--profile]
 * features: completion, hover, diagnostics, folder, functions (200 connector + 1,000 function files);
 * `--siblings=1000` puts the document in a folder with 1,000 other connector files. With --profile the server
 * runs under --cpu-prof and the self / inclusive time of its functions is printed (bundle lines mapped back to
 * server/src).
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeProject } from '../test/support/tempProject';
import { BenchClient, toUri } from './benchClient';
import { folderFiles, largeDocument, typicalDocument } from './documents';
import { functionsProjectFiles } from './functions';
import { PRODUCT_CODE_CACHE, ROOT, SERVER_ENTRIES, snapshotProduct } from './paths';
import { cpuProfileArgs, inclusiveTop, newestProfile, summarizeProfile } from './profile';

const opt = (name: string, dflt: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const server = opt('server', 'base44');
const feature = opt('feature', 'hover');
const docName = opt('doc', 'typical');
const n = Number(opt('n', '2000'));
const profile = process.argv.includes('--profile');
const profileDir = path.join(ROOT, '.cache', 'bench', 'probe-profiles');

async function main(): Promise<void> {
  if (server === 'base44' && !snapshotProduct())
    throw new Error('the bench build of the server is missing: run node bench/index.mjs --probe');
  // The product's code cache persists between probes (the first probe after a build compiles and saves it).
  process.env.BASE44_LS_CACHE_DIR ??= PRODUCT_CODE_CACHE;
  const doc = docName === 'large' ? largeDocument() : typicalDocument();
  // --siblings=N: the document sits in a connectors folder with N other files (per-request cost vs folder size).
  const siblings = Number(opt('siblings', '0'));
  const others = siblings ? folderFiles(siblings + 47) : {};
  for (const key of Object.keys(others)) if (!/custom-/.test(key)) delete others[key];
  const wholeProject = feature === 'folder' || feature === 'functions';
  const files =
    feature === 'folder'
      ? folderFiles(1000)
      : feature === 'functions'
        ? functionsProjectFiles(true)
        : {
            ...Object.fromEntries(Object.entries(others).slice(0, siblings)),
            [`base44/connectors/${doc.fileName}`]: doc.text,
          };
  const project = makeProject(files);
  // --node-args="--log-deopt --logfile=/tmp/v8.log": extra flags for the server's node (space-separated).
  const extraArgs = opt('node-args', '').split(' ').filter(Boolean);
  const nodeArgs = [...extraArgs, ...(profile ? cpuProfileArgs(profileDir, 50) : [])];
  const samples: number[] = [];
  const start = performance.now();
  const client = await BenchClient.start({
    entry: SERVER_ENTRIES[server as keyof typeof SERVER_ENTRIES],
    workspaceFolder: project.root,
    nodeArgs,
  });
  try {
    if (wholeProject) {
      const uris = Object.keys(files)
        .filter((f) => !f.endsWith('function.jsonc'))
        .map((f) => toUri(project.path(f)));
      if (server !== 'base44') for (const [i, f] of Object.keys(files).entries()) await client.open(uris[i], files[f]);
      await client.waitForAll(uris, 120_000);
      samples.push(performance.now() - start);
    } else {
      const uri = toUri(project.path(`base44/connectors/${doc.fileName}`));
      await client.open(uri, doc.text);
      await client.waitForPublish(uri, 0);
      const positions = [doc.inScope, doc.onType];
      for (let i = 0; i < n; i++) {
        if (feature === 'diagnostics') {
          const before = client.publishCount(uri);
          const t = performance.now();
          await client.change(uri, i % 2 ? doc.text : doc.invalidText);
          await client.waitForPublish(uri, before);
          samples.push(performance.now() - t);
        } else {
          const method = feature === 'completion' ? 'textDocument/completion' : 'textDocument/hover';
          samples.push((await client.timed(method, uri, positions[i % 2])).ms);
        }
      }
    }
  } finally {
    await client.stop();
    project.cleanup();
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)];
  console.log(
    `${server} ${feature} ${docName}: n=${samples.length} p50 ${p(0.5).toFixed(3)} ms, p99 ${p(0.99).toFixed(3)} ms`,
  );
  if (profile) {
    const file = newestProfile(profileDir);
    if (!file) return console.log('no profile written');
    const s = summarizeProfile(file, ROOT, 25);
    console.log(`profile ${path.relative(ROOT, file)}: busy ${s.busyMs.toFixed(0)} ms of ${s.totalMs.toFixed(0)} ms`);
    for (const f of s.functions)
      console.log(`  ${f.selfMs.toFixed(1).padStart(8)} self ${f.totalMs.toFixed(1).padStart(8)} total  ${f.name}`);
    console.log(' by file (self):');
    for (const f of s.files) console.log(`  ${f.selfMs.toFixed(1).padStart(8)}  ${f.file}`);
    console.log(' inclusive, server/src frames:');
    for (const f of inclusiveTop(file, ROOT, (x) => x.startsWith('server/src/'), 25))
      console.log(`  ${f.totalMs.toFixed(1).padStart(8)}  ${f.name}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
