/**
 * `function.json` / `function.jsonc` as Base44 CLI 0.1.18 reads it: `FunctionConfigSchema` of its
 * `core/resources/function/schema.ts` (zod 4), rewritten as plain data that a small checker walks over the
 * server's JSON5 tree. The data also feeds completion and hover (each field carries its documentation).
 *
 * What zod does and this mirrors: objects strip unknown keys (never an error); `.trim()` trims before the
 * length and pattern checks; numbers must be finite, `.int()` means a safe integer; `.nullable()` admits null,
 * `.optional()` admits a missing key (never null); a union accepts a value when any member does.
 */
import { CONNECTOR_TYPE_PATTERN } from '../cliRules';
import type { JsonNode } from '../parser/jsonTree';
import { findPropertyValue, nodeValue, propertyKey } from '../parser/jsonNavigation';

export type Schema =
  | {
      readonly kind: 'string';
      readonly min?: number;
      readonly trim?: boolean;
      readonly pattern?: RegExp;
      readonly patternMessage?: string;
    }
  | {
      readonly kind: 'number';
      readonly int?: boolean;
      readonly positive?: boolean;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'array'; readonly item: Schema; readonly min?: number; readonly minMessage?: string }
  | { readonly kind: 'object'; readonly title: string; readonly fields: Readonly<Record<string, Field>> }
  | { readonly kind: 'record' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'union'; readonly title: string; readonly options: readonly Schema[] }
  | { readonly kind: 'lazy'; readonly get: () => Schema };

export interface Field {
  readonly schema: Schema;
  readonly optional?: boolean;
  readonly nullable?: boolean;
  /** Markdown shown on hover and in completion. */
  readonly doc: string;
  /** The value zod fills in when the key is missing. */
  readonly defaultValue?: string;
}

const str = (extra: Omit<Extract<Schema, { kind: 'string' }>, 'kind'> = {}): Schema => ({ kind: 'string', ...extra });
const int = (extra: Omit<Extract<Schema, { kind: 'number' }>, 'kind' | 'int'> = {}): Schema => ({
  kind: 'number',
  int: true,
  ...extra,
});
const literal = (value: string): Schema => ({ kind: 'literal', value });
const enumOf = (...values: string[]): Schema => ({ kind: 'enum', values });

const SCHEDULE_ENDS_TYPES = ['never', 'on', 'after'] as const;
const REPEAT_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months'] as const;
const ENTITY_EVENT_TYPES = ['create', 'update', 'delete'] as const;
export const CONDITION_OPERATORS = [
  'equals',
  'not_equals',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'in_list',
  'not_in_list',
  'exists',
  'not_exists',
  'is_empty',
  'is_not_empty',
] as const;

const baseFields: Record<string, Field> = {
  name: { schema: str({ min: 1 }), doc: 'Name of the automation (not empty).' },
  description: { schema: str(), optional: true, nullable: true, doc: 'What the automation is for.' },
  function_args: {
    schema: { kind: 'record' },
    optional: true,
    nullable: true,
    doc: 'An object passed to the function as its arguments when the automation runs.',
  },
  is_active: { schema: { kind: 'boolean' }, optional: true, doc: 'Whether the automation runs.', defaultValue: 'true' },
};

const endsFields: Record<string, Field> = {
  ends_type: {
    schema: enumOf(...SCHEDULE_ENDS_TYPES),
    optional: true,
    doc: 'When the schedule stops: `never`, `on` a date (`ends_on_date`) or `after` a count of runs (`ends_after_count`).',
    defaultValue: '"never"',
  },
  ends_on_date: {
    schema: str(),
    optional: true,
    nullable: true,
    doc: 'Date of the last run, with `"ends_type": "on"`.',
  },
  ends_after_count: {
    schema: int({ positive: true }),
    optional: true,
    nullable: true,
    doc: 'Number of runs (a positive integer), with `"ends_type": "after"`.',
  },
};

const scheduledType: Field = {
  schema: literal('scheduled'),
  doc: 'A scheduled automation: runs the function at set times.',
};

const recurringMode: Field = {
  schema: literal('recurring'),
  doc: '`recurring`: runs repeatedly; `schedule_type` says how.',
};

const SCHEDULED_ONE_TIME: Schema = {
  kind: 'object',
  title: 'one-time scheduled automation',
  fields: {
    type: scheduledType,
    schedule_mode: { schema: literal('one-time'), doc: '`one-time`: runs once, at `one_time_date`.' },
    one_time_date: { schema: str({ min: 1 }), doc: 'When it runs (an ISO date-time string, not empty).' },
    ...baseFields,
  },
};

const SCHEDULED_CRON: Schema = {
  kind: 'object',
  title: 'cron scheduled automation',
  fields: {
    type: scheduledType,
    schedule_mode: recurringMode,
    schedule_type: { schema: literal('cron'), doc: '`cron`: runs on `cron_expression`.' },
    cron_expression: { schema: str({ min: 1 }), doc: 'A cron expression such as `"0 9 * * 1"` (not empty).' },
    ...endsFields,
    ...baseFields,
  },
};

const SCHEDULED_SIMPLE: Schema = {
  kind: 'object',
  title: 'simple scheduled automation',
  fields: {
    type: scheduledType,
    schedule_mode: recurringMode,
    schedule_type: { schema: literal('simple'), doc: '`simple`: runs every `repeat_interval` `repeat_unit`.' },
    repeat_unit: {
      schema: enumOf(...REPEAT_UNITS),
      doc: 'Unit of the interval: minutes, hours, days, weeks or months.',
    },
    repeat_interval: {
      schema: int({ positive: true }),
      optional: true,
      nullable: true,
      doc: 'Every how many units (a positive integer).',
    },
    start_time: { schema: str(), optional: true, nullable: true, doc: 'Time of day of the runs.' },
    repeat_on_days: {
      schema: { kind: 'array', item: int({ min: 0, max: 6 }) },
      optional: true,
      nullable: true,
      doc: 'Days of the week, integers 0–6.',
    },
    repeat_on_day_of_month: {
      schema: int({ min: 1, max: 31 }),
      optional: true,
      nullable: true,
      doc: 'Day of the month, 1–31.',
    },
    ...endsFields,
    ...baseFields,
  },
};

const ENTITY_AUTOMATION: Schema = {
  kind: 'object',
  title: 'entity automation',
  fields: {
    type: {
      schema: literal('entity'),
      doc: 'An entity automation: runs the function when records of an entity change.',
    },
    entity_name: { schema: str({ min: 1 }), doc: 'The entity whose records are watched (not empty).' },
    event_types: {
      schema: {
        kind: 'array',
        item: enumOf(...ENTITY_EVENT_TYPES),
        min: 1,
        minMessage: 'at least one event type is required',
      },
      doc: 'Which changes trigger it: `create`, `update`, `delete` (at least one).',
    },
    ...baseFields,
  },
};

const TRIGGER_CONDITION: Schema = {
  kind: 'object',
  title: 'trigger condition',
  fields: {
    field: { schema: str({ min: 1 }), doc: 'The event payload field to test (not empty).' },
    operator: {
      schema: str({ min: 1 }),
      doc: `How to compare: ${CONDITION_OPERATORS.map((o) => `\`${o}\``).join(', ')} (other non-empty strings are accepted for future operators).`,
    },
    value: { schema: { kind: 'unknown' }, optional: true, nullable: true, doc: 'The value to compare with.' },
  },
};

const TRIGGER_CONDITION_GROUP: Schema = {
  kind: 'object',
  title: 'condition group',
  fields: {
    logic: { schema: enumOf('and', 'or'), optional: true, doc: 'How the conditions combine: `and` or `or`.' },
    conditions: {
      schema: {
        kind: 'array',
        item: {
          kind: 'union',
          title: 'condition or condition group',
          options: [TRIGGER_CONDITION, { kind: 'lazy', get: () => TRIGGER_CONDITION_GROUP }],
        },
        min: 1,
      },
      doc: 'Conditions (`{ field, operator, value }`) or nested groups (`{ logic, conditions }`); at least one.',
    },
  },
};

export const CONNECTOR_AUTOMATION: Schema = {
  kind: 'object',
  title: 'connector automation',
  fields: {
    type: {
      schema: literal('connector'),
      doc: 'A connector automation: runs the function on a webhook event of a connector.',
    },
    integration_type: {
      // The CLI's `IntegrationTypeSchema`: the connector files' own `type` rule.
      schema: str({ min: 1, pattern: CONNECTOR_TYPE_PATTERN, patternMessage: 'letters, digits, "_" and "-" only' }),
      doc: 'The connector type whose events trigger the function, e.g. `slack`. The project needs a connector file of this type.',
    },
    events: {
      schema: { kind: 'array', item: str() },
      doc: 'The connector events that trigger it; `[]` means every event.',
    },
    resource_id: {
      schema: str(),
      optional: true,
      nullable: true,
      doc: 'Only events of this resource (a channel, a calendar...).',
    },
    trigger_conditions: {
      schema: { kind: 'lazy', get: () => TRIGGER_CONDITION_GROUP },
      optional: true,
      nullable: true,
      doc: 'Filters on the event payload: `{ "logic": "and", "conditions": [{ "field", "operator", "value" }] }`.',
    },
    ...baseFields,
  },
};

export const AUTOMATION: Schema = {
  kind: 'union',
  title: 'automation',
  options: [SCHEDULED_ONE_TIME, SCHEDULED_CRON, SCHEDULED_SIMPLE, ENTITY_AUTOMATION, CONNECTOR_AUTOMATION],
};

export const FUNCTION_CONFIG: Schema = {
  kind: 'object',
  title: 'function config',
  fields: {
    name: {
      schema: str({ min: 1, trim: true, pattern: /^[^.]+$/, patternMessage: 'a function name cannot contain dots' }),
      doc: "The function's name: unique in the project, no dots (spaces around it are trimmed).",
    },
    entry: {
      schema: str({ min: 1 }),
      doc: 'The entry file, relative to this file\'s folder, e.g. `"index.ts"`. It must exist.',
    },
    automations: {
      schema: { kind: 'array', item: AUTOMATION },
      optional: true,
      doc: 'What runs the function besides HTTP calls: scheduled, entity and connector automations.',
    },
  },
};

// ---- the checker ---------------------------------------------------------------------------------

/** Where the CLI's schema refuses a value. `node` is the value (or, for a missing key, its object). */
export interface SchemaIssue {
  readonly node: JsonNode;
  readonly message: string;
  /** The missing key, when the issue is a missing required key. */
  readonly missingKey?: string;
  /** How strongly this issue says "wrong union member" (a literal that does not match). */
  readonly weight: number;
}

export function checkSchema(schema: Schema, node: JsonNode, issues: SchemaIssue[], depth = 0): void {
  if (depth > 200) return; // the tree itself is depth-limited; this only guards a pathological recursion
  const fail = (message: string, weight = 1): void => {
    issues.push({ node, message, weight });
  };
  switch (schema.kind) {
    case 'unknown':
      return;
    case 'lazy':
      return checkSchema(schema.get(), node, issues, depth + 1);
    case 'string': {
      if (node.type !== 'string') return fail(`expected a string, not ${describeNode(node)}`);
      let value = String(node.value);
      if (schema.trim) value = value.trim();
      if (schema.min !== undefined && value.length < schema.min) {
        return fail(
          schema.trim && String(node.value).length > 0
            ? 'must not be empty (after trimming spaces)'
            : 'must not be empty',
        );
      }
      if (schema.pattern && !schema.pattern.test(value))
        fail(`invalid: ${schema.patternMessage ?? `must match ${schema.pattern}`}`);
      return;
    }
    case 'number': {
      const value = node.value;
      if (node.type !== 'number' || typeof value !== 'number' || !Number.isFinite(value)) {
        return fail(`expected ${schema.int ? 'an integer' : 'a number'}, not ${describeNode(node)}`);
      }
      if (schema.int && !Number.isSafeInteger(value)) {
        return fail(
          Number.isInteger(value) ? 'too large: beyond the safe integer range' : `expected an integer, not ${value}`,
        );
      }
      if (schema.positive && !(value > 0)) fail(`must be positive (greater than 0), not ${value}`);
      if (schema.min !== undefined && value < schema.min) fail(`too small: at least ${schema.min}`);
      if (schema.max !== undefined && value > schema.max) fail(`too large: at most ${schema.max}`);
      return;
    }
    case 'boolean':
      if (node.type !== 'boolean') fail(`expected true or false, not ${describeNode(node)}`);
      return;
    case 'literal':
      if (node.type !== 'string' || node.value !== schema.value) fail(`expected "${schema.value}"`, 100);
      return;
    case 'enum':
      if (node.type !== 'string' || !schema.values.includes(String(node.value))) {
        fail(
          `expected one of ${schema.values.map((v) => `"${v}"`).join(', ')}${node.type === 'string' ? `, not "${node.value}"` : ''}`,
        );
      }
      return;
    case 'array': {
      if (node.type !== 'array') return fail(`expected an array, not ${describeNode(node)}`);
      const items = node.children ?? [];
      if (schema.min !== undefined && items.length < schema.min)
        fail(schema.minMessage ?? `needs at least ${schema.min} item`);
      for (const item of items) checkSchema(schema.item, item, issues, depth + 1);
      return;
    }
    case 'record':
      if (node.type !== 'object') fail(`expected an object, not ${describeNode(node)}`);
      return;
    case 'object': {
      if (node.type !== 'object')
        return fail(`expected ${article(schema.title)} (an object), not ${describeNode(node)}`, 10);
      for (const [key, field] of Object.entries(schema.fields)) {
        const value = findPropertyValue(node, key);
        if (!value) {
          if (!field.optional) {
            const isLiteral = field.schema.kind === 'literal';
            issues.push({
              node,
              message: `missing "${key}"${isLiteral ? ` (${article(schema.title)} needs "${key}": "${(field.schema as { value: string }).value}")` : ''}`,
              missingKey: key,
              weight: isLiteral ? 50 : 1,
            });
          }
          continue;
        }
        if (value.type === 'null' && field.nullable) continue;
        checkSchema(field.schema, value, issues, depth + 1);
      }
      return;
    }
    case 'union': {
      const attempts = schema.options.map((option) => {
        const found: SchemaIssue[] = [];
        checkSchema(option, node, found, depth + 1);
        return { option, found, score: found.reduce((sum, issue) => sum + issue.weight, 0) };
      });
      if (attempts.some((a) => a.found.length === 0)) return;
      const discriminator = unmatchedDiscriminator(attempts);
      if (discriminator) return void issues.push(discriminator);
      const best = Math.min(...attempts.map((a) => a.score));
      const closest = attempts.filter((a) => a.score === best);
      issues.push(...closest[0].found.filter((issue) => !isLiteralIssueMergedAway(issue, closest)));
      const merged = mergedLiteralIssue(closest);
      if (merged) issues.push(merged);
      return;
    }
  }
}

/** The union member a value was meant to be (the first of the closest ones), for hover, completion and fixes. */
export function closestMember(schema: Schema, node: JsonNode): Schema {
  let current = schema;
  while (current.kind === 'lazy') current = current.get();
  if (current.kind !== 'union') return current;
  let bestScore = Number.POSITIVE_INFINITY;
  let best = current.options[0];
  for (const option of current.options) {
    const found: SchemaIssue[] = [];
    checkSchema(option, node, found);
    const score = found.reduce((sum, issue) => sum + issue.weight, 0);
    if (score < bestScore) {
      bestScore = score;
      best = option;
    }
  }
  return closestMember(best, node);
}

/**
 * When every member refuses the same key's literal (`"type": "webhook"`, or no `type` at all), that key is
 * the whole story: one issue listing what it may be, instead of the missing keys of some member.
 */
function unmatchedDiscriminator(attempts: { option: Schema; found: SchemaIssue[] }[]): SchemaIssue | undefined {
  const firsts = attempts.map((a) => a.found.find((issue) => issue.weight >= 50));
  const first = firsts[0];
  if (!first) return undefined;
  const key = literalKeyOf(first);
  if (key === undefined || !firsts.every((f) => f && f.node === first.node && literalKeyOf(f) === key))
    return undefined;
  const values = new Set<string>();
  for (const { option } of attempts) {
    const field = option.kind === 'object' ? option.fields[key]?.schema : undefined;
    if (field?.kind === 'literal') values.add(field.value);
  }
  const list = [...values].map((v) => `"${v}"`).join(' or ');
  return first.missingKey
    ? { node: first.node, message: `missing "${key}" (${list})`, missingKey: key, weight: first.weight }
    : { node: first.node, message: `expected ${list}`, weight: first.weight };
}

/** When several members tie and each wants a different literal at the same key, one issue lists them all. */
function mergedLiteralIssue(closest: { option: Schema; found: SchemaIssue[] }[]): SchemaIssue | undefined {
  if (closest.length < 2) return undefined;
  const first = closest[0].found.find((issue) => issue.weight >= 50);
  if (!first) return undefined;
  const key = literalKeyOf(first);
  const values = new Set<string>();
  for (const attempt of closest) {
    const issue = attempt.found.find((i) => i.weight >= 50 && literalKeyOf(i) === key && i.node === first.node);
    const value = issue && key && attempt.option.kind === 'object' ? attempt.option.fields[key]?.schema : undefined;
    if (value?.kind === 'literal') values.add(value.value);
  }
  if (values.size < 2) return undefined;
  const list = [...values].map((v) => `"${v}"`).join(' or ');
  return first.missingKey
    ? { node: first.node, message: `missing "${key}" (${list})`, missingKey: key, weight: first.weight }
    : { node: first.node, message: `expected ${list}`, weight: first.weight };
}

function isLiteralIssueMergedAway(issue: SchemaIssue, closest: { option: Schema; found: SchemaIssue[] }[]): boolean {
  return (
    issue.weight >= 50 &&
    mergedLiteralIssue(closest) !== undefined &&
    issue === closest[0].found.find((i) => i.weight >= 50)
  );
}

/** The key a literal issue is about: the missing key, or the key of the property holding the value. */
function literalKeyOf(issue: SchemaIssue): string | undefined {
  if (issue.missingKey) return issue.missingKey;
  const property = issue.node.parent;
  return property?.type === 'property' ? propertyKey(property) : undefined;
}

// Parallel to `describe` in features/validation.ts; these messages are terser ("expected a string, not 4"), uncut.
function describeNode(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return `the string ${JSON.stringify(node.value)}`;
    case 'null':
      return 'null';
    case 'boolean':
      return String(node.value);
    case 'number': {
      const value = nodeValue(node) as number;
      return Number.isNaN(value) ? 'NaN' : String(value);
    }
    default:
      return node.type;
  }
}

function article(title: string): string {
  return /^[aeiou]/.test(title) ? `an ${title}` : `a ${title}`;
}

// ---- where a node sits in the schema (completion and hover) ---------------------------------------

/**
 * The object schemas an object node of a function config may be meant as: one for plain objects, the
 * union members whose literals (`type`, `schedule_mode`, `schedule_type`) the object does not contradict.
 */
export function objectSchemasAt(root: JsonNode, object: JsonNode): Extract<Schema, { kind: 'object' }>[] {
  const schema = schemaAt(root, object);
  return schema ? objectCandidates(schema, object) : [];
}

/** The field a property node of a function config is (its object's closest member's field). */
export function fieldAt(
  root: JsonNode,
  property: JsonNode,
): { field: Field; owner: Extract<Schema, { kind: 'object' }> } | undefined {
  const object = property.parent;
  const key = propertyKey(property);
  if (!object || key === undefined) return undefined;
  const candidates = objectSchemasAt(root, object);
  const owner = candidates.find((c) => key in c.fields);
  return owner ? { field: owner.fields[key], owner } : undefined;
}

function objectCandidates(schema: Schema, object: JsonNode): Extract<Schema, { kind: 'object' }>[] {
  const resolved = schema.kind === 'lazy' ? schema.get() : schema;
  if (resolved.kind === 'object') return [resolved];
  if (resolved.kind !== 'union') return [];
  const members = resolved.options.flatMap((option) => objectCandidates(option, object));
  const fitting = members.filter((member) =>
    Object.entries(member.fields).every(([key, field]) => {
      if (field.schema.kind !== 'literal') return true;
      const value = findPropertyValue(object, key);
      return !value || value.type !== 'string' || value.value === field.schema.value;
    }),
  );
  return fitting.length > 0 ? fitting : members;
}

/** The schema of a value node, walking down from the root (unions resolved on the actual nodes). */
function schemaAt(root: JsonNode, target: JsonNode): Schema | undefined {
  const chain: JsonNode[] = [];
  for (let node: JsonNode | undefined = target; node; node = node.parent) chain.unshift(node);
  if (chain[0] !== root) return undefined;
  let schema: Schema = FUNCTION_CONFIG;
  for (let i = 1; i < chain.length; i++) {
    const node = chain[i];
    const holder = chain[i - 1];
    if (node.type === 'property') continue;
    while (schema.kind === 'lazy') schema = schema.get();
    if (holder.type === 'property') {
      const key = propertyKey(holder);
      const owner =
        key === undefined ? undefined : objectCandidates(schema, holder.parent!).find((c) => key in c.fields);
      if (!owner || key === undefined) return undefined;
      schema = owner.fields[key].schema;
    } else if (holder.type === 'array') {
      if (schema.kind !== 'array') return undefined;
      schema = schema.item;
    } else {
      return undefined;
    }
  }
  return schema;
}
