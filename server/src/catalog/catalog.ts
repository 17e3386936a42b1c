/** The connector catalog: `data/catalog.json` (bundled at build time) behind the `Catalog` interface. */
import data from './data/catalog.json';
import { editDistance } from './editDistance';
import type { Catalog, ConnectorTypeInfo, ScopeInfo } from './types';

interface PatternScope {
  readonly re: RegExp;
  readonly info: ScopeInfo;
}

interface Candidate {
  readonly value: string;
  /** Lower-cased comparison keys (e.g. the type and its display name), with their letter counts. */
  readonly keys: readonly { readonly key: string; readonly counts: Uint8Array }[];
}

function candidate(value: string, keys: Iterable<string>): Candidate {
  return {
    value,
    keys: [...new Set(keys)].map((key) => ({ key, counts: letterCounts(key, new Uint8Array(LETTER_BINS)) })),
  };
}

/** Bins of `letterCounts`: a-z, 0-9 and "anything else". */
const LETTER_BINS = 37;
/** The query's counts are filled in here: one array reused, not one allocated per look-up. */
const queryCountsScratch = new Uint8Array(LETTER_BINS);

let cached: Catalog | undefined;

/** Builds the catalog once; later calls return the same instance. */
export function loadCatalog(): Catalog {
  if (!cached) cached = buildCatalog((data as unknown as { types: ConnectorTypeInfo[] }).types);
  return cached;
}

/** The shared catalog instance. */
export const catalog: Catalog = loadCatalog();

/** Exposed for tests: builds a catalog from any type list. */
export function buildCatalog(types: readonly ConnectorTypeInfo[]): Catalog {
  const typeMap = new Map<string, ConnectorTypeInfo>();
  const scopeMaps = new Map<string, Map<string, ScopeInfo>>();
  const patternMaps = new Map<string, PatternScope[]>();
  const typesByScope = new Map<string, ConnectorTypeInfo[]>();
  const scopeCandidates = new Map<string, Candidate[]>();

  for (const info of types) {
    typeMap.set(info.type, info);
    const scopes = new Map<string, ScopeInfo>();
    const patterns: PatternScope[] = [];
    for (const s of info.scopes) {
      scopes.set(s.scope, s);
      if (s.pattern) patterns.push({ re: new RegExp(s.pattern), info: s });
      let list = typesByScope.get(s.scope);
      if (!list) typesByScope.set(s.scope, (list = []));
      list.push(info);
    }
    scopeMaps.set(info.type, scopes);
    if (patterns.length) patternMaps.set(info.type, patterns);
    scopeCandidates.set(
      info.type,
      info.scopes.filter((s) => !s.pattern).map((s) => candidate(s.scope, [scopeKey(s.scope)])),
    );
  }

  const typeCandidates: Candidate[] = types.map((t) =>
    candidate(t.type, [normalizeType(t.type), normalizeType(t.displayName)]),
  );

  function getScope(type: string, scope: string): ScopeInfo | undefined {
    const exact = scopeMaps.get(type)?.get(scope);
    if (exact) return exact;
    for (const p of patternMaps.get(type) ?? []) if (p.re.test(scope)) return p.info;
    return undefined;
  }

  return {
    types,
    getType: (type) => typeMap.get(type),
    getScope,
    typesWithScope(scope) {
      const exact = typesByScope.get(scope) ?? [];
      const byPattern: ConnectorTypeInfo[] = [];
      for (const [type, patterns] of patternMaps) {
        const info = typeMap.get(type);
        if (info && !exact.includes(info) && patterns.some((p) => p.re.test(scope))) byPattern.push(info);
      }
      return byPattern.length ? [...exact, ...byPattern] : exact;
    },
    impliedBy(type, scope) {
      const seen = new Set<string>([scope]);
      const out: string[] = [];
      const queue = [scope];
      while (queue.length) {
        const next = getScope(type, queue.shift() as string);
        for (const child of next?.implies ?? []) {
          if (seen.has(child)) continue;
          seen.add(child);
          out.push(child);
          queue.push(child);
        }
      }
      return out;
    },
    suggestTypes: (type, max = 3) => suggest(normalizeType(type), typeCandidates, max),
    suggestScopes: (type, scope, max = 3) => suggest(scopeKey(scope), scopeCandidates.get(type) ?? [], max),
  };
}

/** Case-insensitive and blind to `_`, `-`, spaces and dots, so "Google Calendar" and "google_calendar" match. */
function normalizeType(s: string): string {
  return s.toLowerCase().replace(/[\s_.-]+/g, '');
}

/** Google URL scopes are compared by the part after `…/auth/`. */
function scopeKey(s: string): string {
  const lower = s.trim().toLowerCase();
  const m = /^https?:\/\/(?:www\.)?googleapis\.com\/auth\/(.*)$/.exec(lower);
  return m ? m[1] : lower;
}

/**
 * Ranks candidates by edit distance to `query`; accepts close misspellings (distance within about a
 * third of the length) and, behind them, candidates that contain the query or start with it.
 */
function suggest(query: string, candidates: readonly Candidate[], max: number): string[] {
  if (!query || max <= 0) return [];
  const limit = Math.max(1, Math.min(4, Math.floor(query.length / 3)));
  const queryCounts = letterCounts(query, queryCountsScratch);
  const scored: { value: string; score: number }[] = [];
  // Index loops: this runs once per custom type of a folder, mostly before the JIT has optimized it, when
  // every for-of step would allocate.
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < c.keys.length; k++) {
      const { key, counts } = c.keys[k];
      // Cheap bounds first (validation asks this for every custom type of a folder): the distance is at
      // least the length difference, and each edit changes the letter counts by at most 2.
      const d =
        Math.abs(key.length - query.length) > limit || letterCountDistance(queryCounts, counts) > 2 * limit
          ? Number.POSITIVE_INFINITY
          : editDistance(query, key, limit);
      let score = d <= limit ? d : Number.POSITIVE_INFINITY;
      if (!Number.isFinite(score) && query.length >= 3) {
        if (key.startsWith(query)) score = limit + 1 + (key.length - query.length) / 100;
        else if (key.includes(query)) score = limit + 2 + (key.length - query.length) / 100;
        else if (key.length >= 4 && query.includes(key)) score = limit + 2 + (query.length - key.length) / 100;
      }
      if (score < best) best = score;
    }
    if (Number.isFinite(best)) scored.push({ value: c.value, score: best });
  }
  scored.sort((a, b) => a.score - b.score || a.value.length - b.value.length || a.value.localeCompare(b.value));
  return scored.slice(0, max).map((s) => s.value);
}

/** How often each of a-z, 0-9 (and "anything else") occurs in `s`, written into `counts`. */
function letterCounts(s: string, counts: Uint8Array): Uint8Array {
  counts.fill(0);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const bin = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? c - 22 : 36;
    if (counts[bin] < 255) counts[bin]++;
  }
  return counts;
}

function letterCountDistance(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < LETTER_BINS; i++) sum += a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
  return sum;
}
