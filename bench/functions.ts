/**
 * The function side of the server: a project with 200 connector files and 1,000 function code files
 * (250 functions of 4 files, each file calling 3 connectors; in every 10th file one type has no connector file),
 * start to all
 * diagnostics, against the same 200 connector files alone (goal: within 2x); then edits to one function file:
 * didChange → its publishDiagnostics, and how many other files were published meanwhile (goal: none).
 */
import { performance } from 'node:perf_hooks';
import { makeProject, TempProject } from '../test/support/tempProject';
import { BenchClient, toUri } from './benchClient';
import { folderFiles } from './documents';

export const CONNECTOR_COUNT = 200;
export const FUNCTION_FILE_COUNT = 1000;
const FILES_PER_FUNCTION = 4;

export interface FunctionsBenchResult {
  connectorsOnlyMs: number[];
  withFunctionsMs: number[];
  editMs: number[];
  /** publishDiagnostics to files other than the edited one during the edits. */
  otherPublishes: number;
  filesWithProblems: number;
}

function functionCode(i: number): string {
  // Types custom-0047 … custom-0199 and the catalog's exist; `missing-<n>` does not.
  const declared = `custom-${String(47 + (i % 150)).padStart(4, '0')}`;
  return `import { createClientFromRequest } from "npm:@base44/sdk";
// Function file ${i}: three connector calls, one to a type no connector file declares.
export async function handler(req: Request) {
  const base44 = createClientFromRequest(req);
  const { connectors } = base44.asServiceRole;
  const a = await connectors.getConnection("${declared}");
  const b = await base44.asServiceRole.connectors.getConnection('slack');
  const c = await connectors.callApi(\`${i % 10 === 0 ? `missing-${i % 7}` : 'slack'}\`, { path: "/v1/items" }); // a template
  const pattern = /getConnection\\("not-a-call"\\)/;
  return Response.json({ a, b, c, pattern: String(pattern) });
}
`;
}

export function functionsProjectFiles(withFunctions: boolean): Record<string, string> {
  const files = folderFiles(CONNECTOR_COUNT);
  if (!withFunctions) return files;
  for (let i = 0; i < FUNCTION_FILE_COUNT; i++) {
    const fn = Math.floor(i / FILES_PER_FUNCTION);
    const part = i % FILES_PER_FUNCTION;
    const dir = `base44/functions/fn-${String(fn).padStart(3, '0')}`;
    if (part === 0) files[`${dir}/function.jsonc`] = `{ "name": "fn-${fn}", "entry": "entry.ts" }`;
    files[`${dir}/${part === 0 ? 'entry' : `part${part}`}.ts`] = functionCode(i);
  }
  return files;
}

async function startToAll(
  entry: string,
  project: TempProject,
  files: string[],
): Promise<{ ms: number; problems: number }> {
  const uris = files.map((f) => toUri(project.path(f)));
  const start = performance.now();
  const client = await BenchClient.start({ entry, workspaceFolder: project.root });
  try {
    await client.waitForAll(uris, 120_000);
    const ms = performance.now() - start;
    return { ms, problems: uris.filter((u) => (client.diagnosticsOf(u)?.length ?? 0) > 0).length };
  } finally {
    await client.stop();
  }
}

export async function functionsBench(
  entry: string,
  runs: number,
  edits: number,
  log: (m: string) => void,
): Promise<FunctionsBenchResult> {
  const connectorsOnly = makeProject(functionsProjectFiles(false));
  const allFiles = functionsProjectFiles(true);
  const withFunctions = makeProject(allFiles);
  const connectorList = Object.keys(functionsProjectFiles(false));
  const codeList = Object.keys(allFiles).filter((f) => f.endsWith('.ts'));
  const result: FunctionsBenchResult = {
    connectorsOnlyMs: [],
    withFunctionsMs: [],
    editMs: [],
    otherPublishes: 0,
    filesWithProblems: 0,
  };
  try {
    log(
      `functions: ${CONNECTOR_COUNT} connector files alone vs + ${FUNCTION_FILE_COUNT} function files (${runs} runs each, interleaved)`,
    );
    for (let run = 0; run < runs; run++) {
      result.connectorsOnlyMs.push((await startToAll(entry, connectorsOnly, connectorList)).ms);
      const both = await startToAll(entry, withFunctions, [...connectorList, ...codeList]);
      result.withFunctionsMs.push(both.ms);
      result.filesWithProblems = both.problems;
    }
    log(`functions: ${edits} edits to one function file`);
    const client = await BenchClient.start({ entry, workspaceFolder: withFunctions.root });
    try {
      const all = [...connectorList, ...codeList].map((f) => toUri(withFunctions.path(f)));
      await client.waitForAll(all, 120_000);
      const file = codeList[0];
      const uri = toUri(withFunctions.path(file));
      const original = functionCode(0);
      await client.open(uri, original);
      await new Promise((r) => setTimeout(r, 300));
      const others = () => all.filter((u) => u !== uri).reduce((sum, u) => sum + client.publishCount(u), 0);
      const othersBefore = others();
      for (let i = 0; i < edits; i++) {
        // Alternate a declared and an undeclared type in the same call: the file's diagnostics change each time.
        const text = i % 2 === 0 ? original.replace("'slack'", "'slakc'") : original;
        const before = client.publishCount(uri);
        const start = performance.now();
        await client.change(uri, text);
        await client.waitForPublish(uri, before);
        result.editMs.push(performance.now() - start);
      }
      result.otherPublishes = others() - othersBefore;
    } finally {
      await client.stop();
    }
  } finally {
    connectorsOnly.cleanup();
    withFunctions.cleanup();
  }
  return result;
}
