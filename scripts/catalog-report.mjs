#!/usr/bin/env node
// `npm run catalog:report`: per connector type of server/src/catalog/data/catalog.json, its scope count,
// coverage (full: the provider's whole scope list; partial: a documented subset), when its sources were
// last checked and the sources themselves, oldest check first in the summary, so the next review knows
// where to look. `--json` prints the same rows as JSON. Reads only the repository's own files.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const catalogPath = join(root, 'server', 'src', 'catalog', 'data', 'catalog.json');
const { types } = JSON.parse(readFileSync(catalogPath, 'utf8'));

const rows = types.map((t) => ({
  type: t.type,
  displayName: t.displayName,
  scopes: t.scopes.length,
  coverage: t.scopeCoverage === 'partial' ? 'partial' : 'full',
  auth: t.auth,
  checked: t.checked ?? 'never',
  metered: t.metered === true,
  omitted: (t.omittedScopes ?? []).map((o) => o.scope),
  base44Limit: t.base44Limit ? t.base44Limit.scopes : undefined,
  sources: t.sources,
}));

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  process.exit(0);
}

const out = [];
const totalScopes = rows.reduce((n, r) => n + r.scopes, 0);
out.push(`Connector catalog: ${rows.length} types, ${totalScopes} scopes (server/src/catalog/data/catalog.json)`);
out.push('');
const pad = (s, n) => String(s).padEnd(n);
out.push(`${pad('type', 24)}${pad('scopes', 8)}${pad('coverage', 10)}${pad('checked', 12)}notes`);
for (const r of rows) {
  const notes = [];
  if (r.auth !== 'oauth') notes.push(r.auth);
  if (r.metered) notes.push('metered (callApi)');
  if (r.omitted.length) notes.push(`left out: ${r.omitted.join(', ')}`);
  if (r.base44Limit) notes.push(`Base44 allows only: ${r.base44Limit.join(', ')}`);
  out.push(
    `${pad(r.type, 24)}${pad(String(r.scopes).padStart(6), 8)}${pad(r.coverage, 10)}${pad(r.checked, 12)}${notes.join('; ')}`,
  );
  for (const s of r.sources) out.push(`    - ${s}`);
}
out.push('');
const byDate = new Map();
for (const r of rows) byDate.set(r.checked, [...(byDate.get(r.checked) ?? []), r.type]);
out.push('Last checked:');
for (const date of [...byDate.keys()].sort())
  out.push(`  ${date}: ${byDate.get(date).length} types (${byDate.get(date).join(', ')})`);
const partial = rows.filter((r) => r.coverage === 'partial').map((r) => r.type);
out.push(`Partial coverage (${partial.length}): ${partial.join(', ')}`);
process.stdout.write(`${out.join('\n')}\n`);
