/** Summarises a V8 `.cpuprofile` (node --cpu-prof): self time per function and per file. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { SourceMapLookup } from './sourceMap';

const maps = new Map<string, SourceMapLookup | undefined>();
function mapped(file: string, line: number, column: number): string | undefined {
  if (!file.endsWith('.js')) return undefined;
  if (!maps.has(file)) maps.set(file, SourceMapLookup.forFile(file, ROOT_FOR_MAPS));
  return maps.get(file)?.lookup(line, column);
}
let ROOT_FOR_MAPS = process.cwd();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Node flags that make the server write a CPU profile into `dir` (emptied first), sampling every `intervalUs`. */
export function cpuProfileArgs(dir: string, intervalUs: number): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${intervalUs}`];
}

/** The newest `.cpuprofile` in `dir` (a server writes one when it exits). */
export function newestProfile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Busy time (everything but "(idle)"). */
  readonly busyMs: number;
  readonly functions: { readonly name: string; readonly selfMs: number; readonly totalMs: number }[];
  readonly files: { readonly file: string; readonly selfMs: number }[];
}

function label(node: ProfileNode, root: string): string {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  let file = url.replace(/^file:\/\//, '');
  ROOT_FOR_MAPS = root;
  // Bundled code (dist/server.js): name the original source file and line when the bundle has a .map.
  const original = file.startsWith('/') ? mapped(file, lineNumber, columnNumber) : undefined;
  if (original) {
    const [src, line] = [original.slice(0, original.lastIndexOf(':')), original.slice(original.lastIndexOf(':') + 1)];
    return `${src}:${functionName || '(anonymous)'}:${line}`;
  }
  if (file.startsWith(root)) file = path.relative(root, file);
  return `${file || '(native)'}:${functionName || '(anonymous)'}:${lineNumber + 1}`;
}

export function summarizeProfile(file: string, root: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfById = new Map<number, number>();
  profile.samples.forEach((id, i) => selfById.set(id, (selfById.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const files = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of selfById) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    busy += ms;
    const name = label(node, root);
    self.set(name, (self.get(name) ?? 0) + ms);
    const f = name.slice(0, name.indexOf(':', name.startsWith('(') ? 0 : 1));
    files.set(f, (files.get(f) ?? 0) + ms);
    // inclusive time: every distinct frame on the stack once
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!, root);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
  }
  const functions = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, selfMs]) => ({ name, selfMs, totalMs: total.get(name) ?? selfMs }));
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    busyMs: busy,
    functions,
    files: [...files.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([f, selfMs]) => ({ file: f, selfMs })),
  };
}

/** The heaviest inclusive frames (what calls the hot code), for the report. */
export function inclusiveTop(
  file: string,
  root: string,
  filter: (name: string) => boolean,
  top = 20,
): { name: string; totalMs: number }[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (byId.get(id)?.callFrame.functionName === '(idle)') return;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!, root);
      if (seen.has(l) || !filter(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
  });
  return [...total.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, totalMs]) => ({ name, totalMs }));
}
