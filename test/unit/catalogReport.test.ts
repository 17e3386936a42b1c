import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { catalog } from '../../server/src/catalog/catalog';

const root = join(__dirname, '..', '..', '..');
const report = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, 'scripts', 'catalog-report.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

test('catalog:report prints a row per type: scope count, coverage, checked date, then its sources', () => {
  const lines = report().split('\n');
  for (const t of catalog.types) {
    const row = lines.findIndex((line) => line.startsWith(`${t.type.padEnd(24)}`));
    assert.ok(row >= 0, `no row for ${t.type}`);
    const [, scopes, coverage, checked] = lines[row].split(/\s+/);
    assert.equal(Number(scopes), t.scopes.length, t.type);
    assert.equal(coverage, t.scopeCoverage === 'partial' ? 'partial' : 'full', t.type);
    assert.equal(checked, t.checked, t.type);
    assert.deepEqual(
      lines.slice(row + 1, row + 1 + t.sources.length),
      t.sources.map((s) => `    - ${s}`),
      t.type,
    );
  }
  const salesforce = lines.find((line) => line.startsWith('salesforce '));
  assert.match(salesforce ?? '', /left out: lightning/);
  assert.match(lines.find((line) => line.startsWith('x ')) ?? '', /metered/);
  assert.ok(
    lines.some((line) => /^ {2}2026-11-27: \d+ types \(.*\bhubspot\b/.test(line)),
    'summary by checked date',
  );
});

test('catalog:report --json gives the same facts to scripts', () => {
  const rows = JSON.parse(report('--json')) as { type: string; scopes: number; coverage: string; checked: string }[];
  assert.deepEqual(
    rows.map((r) => r.type),
    catalog.types.map((t) => t.type),
  );
  assert.equal(rows.find((r) => r.type === 'calendly')?.scopes, catalog.getType('calendly')?.scopes.length);
});
