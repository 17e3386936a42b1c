/**
 * Differential: the server's function-config checker against the CLI's OWN `FunctionConfigSchema`.
 * The schema's TypeScript is taken from the source map of the cached base44 0.1.18 package
 * (`core/resources/function/schema.ts` and the connector schema it imports), transpiled and run with zod
 * 4.3.6, the version that package bundles (a devDependency, never shipped). fast-check mutates valid configs
 * of every automation kind; the server must report a schema error exactly when zod's safeParse fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import * as zod from 'zod';
import zodPackage from 'zod/package.json';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { catalog } from '../../server/src/catalog/catalog';
import { validateFunctionConfig } from '../../server/src/functions/functionConfigValidation';
import { parseJson5 } from '../../server/src/parser/json5Parser';
import { CLI_PACKAGE_DIR, cliAvailable, CLI_MISSING_MESSAGE } from '../support/base44Cli';

type SafeParse = (value: unknown) => { success: boolean; error?: { issues: unknown[] } };

/** Evaluates a CLI source file (from the source map) as CommonJS with the given imports. */
function loadCliSchema(): SafeParse {
  const map = JSON.parse(readFileSync(join(CLI_PACKAGE_DIR, 'dist', 'cli', 'index.js.map'), 'utf8')) as {
    sources: string[];
    sourcesContent: string[];
  };
  const source = (suffix: string) => {
    const i = map.sources.findIndex((s) => s.endsWith(suffix));
    assert.ok(i >= 0, `${suffix} not in the CLI's source map`);
    return map.sourcesContent[i];
  };
  const evaluate = (code: string, imports: Record<string, unknown>) => {
    const js = ts.transpileModule(code, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const module = { exports: {} as Record<string, unknown> };
    const requireFor = (id: string) => {
      if (!(id in imports)) throw new Error(`unexpected import ${id}`);
      return imports[id];
    };
    new Function('exports', 'require', 'module', js)(module.exports, requireFor, module);
    return module.exports;
  };
  assert.equal(zodPackage.version, '4.3.6', 'the CLI bundles zod 4.3.6');
  const connector = evaluate(source('core/resources/connector/schema.ts'), { zod });
  const fn = evaluate(source('core/resources/function/schema.ts'), {
    zod,
    '@/core/resources/connector/schema.js': connector,
    '@/core/resources/types.js': { ResourceSourceSchema: zod.z.any() },
  });
  const schema = fn.FunctionConfigSchema as { safeParse: SafeParse };
  return (value) => schema.safeParse(value);
}

/** JSON5 text of a value, keeping what JSON cannot say (Infinity, NaN, -0). */
function toJson5(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isNaN(value) ? 'NaN' : String(value);
  if (Array.isArray(value)) return `[${value.map(toJson5).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson5(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const VALID_AUTOMATIONS: Record<string, unknown>[] = [
  { type: 'scheduled', name: 'a', schedule_mode: 'one-time', one_time_date: '2030-01-01' },
  {
    type: 'scheduled',
    name: 'a',
    schedule_mode: 'recurring',
    schedule_type: 'cron',
    cron_expression: '* * * * *',
    ends_type: 'after',
    ends_after_count: 2,
  },
  {
    type: 'scheduled',
    name: 'a',
    schedule_mode: 'recurring',
    schedule_type: 'simple',
    repeat_unit: 'days',
    repeat_interval: 1,
    repeat_on_days: [1, 2],
    repeat_on_day_of_month: 3,
  },
  {
    type: 'entity',
    name: 'a',
    entity_name: 'Task',
    event_types: ['create'],
    function_args: { x: 1 },
    is_active: true,
    description: 'd',
  },
  {
    type: 'connector',
    name: 'a',
    integration_type: 'slack',
    events: ['m'],
    resource_id: 'r',
    trigger_conditions: {
      logic: 'and',
      conditions: [{ field: 'f', operator: 'equals', value: 1 }, { conditions: [{ field: 'g', operator: 'x' }] }],
    },
  },
];

const KEYS = [
  'name',
  'entry',
  'automations',
  'type',
  'schedule_mode',
  'schedule_type',
  'one_time_date',
  'cron_expression',
  'ends_type',
  'ends_on_date',
  'ends_after_count',
  'repeat_unit',
  'repeat_interval',
  'start_time',
  'repeat_on_days',
  'repeat_on_day_of_month',
  'entity_name',
  'event_types',
  'integration_type',
  'events',
  'resource_id',
  'trigger_conditions',
  'logic',
  'conditions',
  'field',
  'operator',
  'value',
  'description',
  'function_args',
  'is_active',
];

/** Values at the schema's edges: the random generator's leaves and the exhaustive single-edit sweep's values. */
const EDGE_VALUES: unknown[] = [
  '',
  ' ',
  '\u00a0',
  'a.b',
  ' a ',
  ' x ',
  'x',
  'scheduled',
  'entity',
  'connector',
  'one-time',
  'recurring',
  'cron',
  'simple',
  'days',
  'years',
  'create',
  'created',
  'update',
  'never',
  'on',
  'after',
  'sometimes',
  'and',
  'or',
  'xor',
  'equals',
  'slack',
  'Slack',
  'my slack',
  'a_b-1',
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  1.5,
  6,
  7,
  31,
  32,
  2 ** 53,
  2 ** 53 - 1,
  1e300,
  Infinity,
  -Infinity,
  NaN,
  [],
  {},
  ['create'],
  ['create', 'oops'],
  [0, 6],
  [7],
  [-1],
  [''],
  ['a'],
  [1],
  [null],
  { a: 1 },
  { conditions: [] },
  { conditions: [{ field: 'f', operator: 'o' }] },
  { logic: 'xor', conditions: [{ field: 'f', operator: 'o' }] },
];

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...EDGE_VALUES),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -3, max: 40 }),
);

type Mutation = (value: unknown) => unknown;

/** Replaces, deletes or adds a key somewhere in the value (objects and arrays, recursively). */
function mutate(value: unknown, path: number[], replacement: unknown, key: string, action: number): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0 || path.length === 0) return action % 2 === 0 ? [...value, replacement] : replacement;
    const i = path[0] % value.length;
    return value.map((item, j) => (j === i ? mutate(item, path.slice(1), replacement, key, action) : item));
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0 || path.length === 0) {
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      if (action % 3 === 0) delete copy[key];
      else copy[key] = replacement;
      return copy;
    }
    const [k, v] = entries[path[0] % entries.length];
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (action % 5 === 0 && path.length === 1) delete copy[k];
    else copy[k] = mutate(v, path.slice(1), replacement, key, action);
    return copy;
  }
  return replacement;
}

const mutation: fc.Arbitrary<Mutation> = fc
  .tuple(fc.array(fc.nat(20), { minLength: 0, maxLength: 6 }), leaf, fc.constantFrom(...KEYS), fc.nat(30))
  .map(
    ([path, replacement, key, action]) =>
      (value: unknown) =>
        mutate(value, path, replacement, key, action),
  );

/** Sets (or deletes) one key of one automation, or of its trigger conditions: where the schema's edges are. */
const automationEdit: fc.Arbitrary<Mutation> = fc
  .tuple(fc.nat(3), fc.constantFrom(...KEYS), leaf, fc.nat(9), fc.boolean())
  .map(([index, key, replacement, action, inConditions]) => (value: unknown) => {
    const automations = (value as { automations?: unknown }).automations;
    if (!Array.isArray(automations) || automations.length === 0) return value;
    const i = index % automations.length;
    const edit = (target: unknown): unknown => {
      if (!target || typeof target !== 'object' || Array.isArray(target)) return target;
      const copy: Record<string, unknown> = { ...(target as Record<string, unknown>) };
      if (action === 0) delete copy[key];
      else copy[key] = replacement;
      return copy;
    };
    const automation = automations[i] as Record<string, unknown>;
    const conditions = (automation?.trigger_conditions as { conditions?: unknown[] } | undefined)?.conditions;
    const changed =
      inConditions && Array.isArray(conditions) && conditions.length > 0
        ? {
            ...automation,
            trigger_conditions: {
              ...(automation.trigger_conditions as object),
              conditions: [edit(conditions[0]), ...conditions.slice(1)],
            },
          }
        : edit(automation);
    return { ...(value as object), automations: automations.map((a, j) => (j === i ? changed : a)) };
  });

const config: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.subarray(VALID_AUTOMATIONS, { minLength: 0, maxLength: 3 }),
    fc.array(fc.oneof(mutation, automationEdit, automationEdit), { minLength: 0, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([automations, mutations, withAutomations]) => {
    let value: unknown = { name: 'hello', entry: 'index.ts', ...(withAutomations ? { automations } : {}) };
    for (const m of mutations) value = m(value);
    return value;
  });

function serverRefuses(text: string): boolean {
  const document = TextDocument.create(
    'file:///app/base44/functions/f/function.jsonc',
    'base44-function-config',
    1,
    text,
  );
  const diagnostics = validateFunctionConfig(
    { document, parsed: parseJson5(text) },
    {
      catalog,
      file: '/app/base44/functions/f/function.jsonc',
      exists: () => true,
      connectorTypes: new Set(),
      connectorsDir: '/app/base44/connectors',
    },
  );
  return diagnostics.some((d) => d.severity === 1);
}

test("the server refuses a function config exactly when the CLI's zod schema does", { timeout: 120_000 }, () => {
  assert.ok(cliAvailable(), CLI_MISSING_MESSAGE);
  const safeParse = loadCliSchema();
  // The harness itself: both verdicts occur on the seeds.
  assert.equal(safeParse({ name: 'a', entry: 'b', automations: VALID_AUTOMATIONS }).success, true);
  assert.equal(safeParse({ name: 'a.b', entry: 'b' }).success, false);
  let refused = 0;
  fc.assert(
    fc.property(config, (value) => {
      const text = toJson5(value);
      const cli = safeParse(value);
      const server = serverRefuses(text);
      if (!cli.success) refused++;
      assert.equal(
        server,
        !cli.success,
        `text: ${text}\nzod: ${cli.success ? 'accepts' : JSON.stringify(cli.error?.issues).slice(0, 600)}`,
      );
    }),
    { numRuns: 6000, seed: 44 },
  );
  assert.ok(refused > 600 && refused < 5400, `the generator should produce both verdicts (refused ${refused} of 6000)`);
});

test("every single edit of every automation kind: the server and the CLI's zod agree", { timeout: 120_000 }, () => {
  assert.ok(cliAvailable(), CLI_MISSING_MESSAGE);
  const safeParse = loadCliSchema();
  const configs: unknown[] = [];
  const base = { name: 'hello', entry: 'index.ts' };
  for (const key of ['name', 'entry', 'automations', 'extra']) {
    configs.push(Object.fromEntries(Object.entries(base).filter(([k]) => k !== key)));
    for (const value of EDGE_VALUES) configs.push({ ...base, [key]: value });
  }
  for (const automation of VALID_AUTOMATIONS) {
    const targets: ((edit: (o: Record<string, unknown>) => Record<string, unknown>) => unknown)[] = [
      (edit) => edit(automation),
    ];
    const group = automation.trigger_conditions as { conditions: Record<string, unknown>[] } | undefined;
    if (group) {
      targets.push((edit) => ({
        ...automation,
        trigger_conditions: edit(group as unknown as Record<string, unknown>),
      }));
      targets.push((edit) => ({
        ...automation,
        trigger_conditions: { ...group, conditions: [edit(group.conditions[0]), ...group.conditions.slice(1)] },
      }));
    }
    for (const target of targets) {
      for (const key of KEYS) {
        configs.push({
          ...base,
          automations: [target((o) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key)))],
        });
        for (const value of EDGE_VALUES)
          configs.push({ ...base, automations: [target((o) => ({ ...o, [key]: value }))] });
      }
    }
  }
  let refused = 0;
  for (const value of configs) {
    const cli = safeParse(value);
    if (!cli.success) refused++;
    const text = toJson5(value);
    assert.equal(
      serverRefuses(text),
      !cli.success,
      `text: ${text}\nzod: ${cli.success ? 'accepts' : JSON.stringify(cli.error?.issues).slice(0, 600)}`,
    );
  }
  assert.ok(
    configs.length > 10_000 && refused > 1000 && configs.length - refused > 1000,
    `${configs.length} configs, ${refused} refused`,
  );
});
