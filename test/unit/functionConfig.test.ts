import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CompletionItem, DiagnosticSeverity, MarkupContent, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { catalog } from '../../server/src/catalog/catalog';
import { functionConfigCodeActions } from '../../server/src/functions/functionConfigCodeActions';
import { functionConfigCompletion } from '../../server/src/functions/functionConfigCompletion';
import { functionConfigHover } from '../../server/src/functions/functionConfigHover';
import { validateFunctionConfig } from '../../server/src/functions/functionConfigValidation';
import type { FunctionConfigRequest } from '../../server/src/functions/functionConfigWorkspace';
import { isFunctionConfigPath, listFunctions } from '../../server/src/functions/functionsIndex';
import { parseJson5 } from '../../server/src/parser/json5Parser';
import { FileSystem, ProjectConfig, readProjectConfig } from '../../server/src/project/projectConfig';
import { caret } from '../support/caret';

const ROOT = path.resolve('/app');
const FILE = path.join(ROOT, 'base44', 'functions', 'hello', 'function.jsonc');
const PROJECT: ProjectConfig = {
  root: ROOT,
  configPath: path.join(ROOT, 'base44', 'config.jsonc'),
  connectorsDir: path.join(ROOT, 'base44', 'connectors'),
  functionsDir: path.join(ROOT, 'base44', 'functions'),
};

function request(
  text: string,
  existing: string[] = ['index.ts'],
  connectorTypes = ['slack', 'gmail'],
): FunctionConfigRequest {
  const document = TextDocument.create(
    'file:///app/base44/functions/hello/function.jsonc',
    'base44-function-config',
    1,
    text,
  );
  const present = new Set(existing.map((p) => path.join(path.dirname(FILE), p)));
  return {
    doc: { document, parsed: parseJson5(text) },
    ctx: {
      catalog,
      file: FILE,
      exists: (p) => present.has(p),
      connectorTypes: new Set(connectorTypes),
      connectorsDir: PROJECT.connectorsDir,
    },
    project: PROJECT,
  };
}

function diagnose(text: string, existing?: string[], types?: string[]) {
  const r = request(text, existing, types);
  return validateFunctionConfig(r.doc, r.ctx).map((d) => ({
    ...d,
    message: d.message as string,
    covered: text.slice(r.doc.document.offsetAt(d.range.start), r.doc.document.offsetAt(d.range.end)),
  }));
}
const errors = (text: string, existing?: string[]) =>
  diagnose(text, existing).filter((d) => d.severity === DiagnosticSeverity.Error);

test('a valid config has no diagnostics', () => {
  assert.deepEqual(diagnose('{ name: "hello", entry: "index.ts" }'), []);
  assert.deepEqual(
    diagnose(
      '{ "name": "hello", "entry": "index.ts", "automations": [{ "type": "connector", "name": "m", "integration_type": "slack", "events": [] }] }',
    ),
    [],
  );
});

test('name: dots, blank after trimming, not a string, missing', () => {
  const dot = errors('{ "name": "a.b", "entry": "index.ts" }');
  assert.equal(dot.length, 1);
  assert.equal(dot[0].covered, '"a.b"');
  assert.match(dot[0].message, /"name": invalid: a function name cannot contain dots/);
  assert.match(dot[0].message, /Invalid function configuration/);
  assert.match(
    errors('{ "name": "   ", "entry": "index.ts" }')[0].message,
    /must not be empty \(after trimming spaces\)/,
  );
  assert.match(errors('{ "name": 4, "entry": "index.ts" }')[0].message, /expected a string, not 4/);
  const missing = errors('{ "entry": "index.ts" }');
  assert.equal(missing[0].covered, '{');
  assert.match(missing[0].message, /"name": missing "name"/);
  assert.deepEqual(errors('{ "name": "  hello ", "entry": "index.ts" }'), []);
});

test('entry: must exist relative to the config folder (file or folder, like fs.access)', () => {
  const notFound = errors('{ "name": "hello", "entry": "main.ts" }');
  assert.equal(notFound.length, 1);
  assert.equal(notFound[0].code, 'function-entry-not-found');
  assert.equal(notFound[0].covered, '"main.ts"');
  assert.match(notFound[0].message, /Function entry file not found: main\.ts/);
  assert.deepEqual(errors('{ "name": "hello", "entry": "src/main.ts" }', ['src/main.ts']), []);
  // path.join, never resolve: a leading slash stays inside the function folder
  assert.deepEqual(errors('{ "name": "hello", "entry": "/index.ts" }'), []);
  // no entry check while the schema fails (the CLI stops at the schema)
  assert.equal(errors('{ "name": "a.b", "entry": "main.ts" }').length, 1);
});

test('JSON5 errors and non-object roots', () => {
  const syntax = errors('{ "name": "hello" "entry": "x" }');
  assert.equal(syntax.length, 1);
  assert.equal(syntax[0].code, 'json-syntax');
  assert.match(syntax[0].message, /File contains invalid JSON/);
  assert.match(errors('')[0].message, /invalid end of input.*File contains invalid JSON/);
  assert.match(errors('[]')[0].message, /expected a function config \(an object\), not an array/);
});

test('automations: the union is judged like zod, the message names the closest kind', () => {
  const recurring = errors(
    '{ name: "h", entry: "index.ts", automations: [{ type: "scheduled", name: "x", schedule_mode: "recurring" }] }',
  );
  assert.equal(recurring.length, 2, JSON.stringify(recurring.map((d) => d.message)));
  assert.ok(
    recurring.some((d) =>
      /"automations\[0\]\.schedule_type": missing "schedule_type" \("cron" or "simple"\)/.test(d.message),
    ),
  );
  const badType = errors('{ name: "h", entry: "index.ts", automations: [{ type: "webhook", name: "x" }] }');
  assert.equal(badType.length, 1);
  assert.equal(badType[0].covered, '"webhook"');
  assert.match(badType[0].message, /"automations\[0\]\.type": expected "scheduled" or "entity" or "connector"/);
  const noType = errors('{ name: "h", entry: "index.ts", automations: [{ name: "x" }] }');
  assert.equal(noType.length, 1);
  assert.match(noType[0].message, /missing "type" \("scheduled" or "entity" or "connector"\)/);
  const events = errors(
    '{ name: "h", entry: "index.ts", automations: [{ type: "entity", name: "x", entity_name: "Task", event_types: [] }] }',
  );
  assert.equal(events.length, 1);
  assert.match(events[0].message, /"automations\[0\]\.event_types": at least one event type is required/);
  const interval = errors(
    '{ name: "h", entry: "index.ts", automations: [{ type: "scheduled", name: "x", schedule_mode: "recurring", schedule_type: "simple", repeat_unit: "hours", repeat_interval: Infinity }] }',
  );
  assert.equal(interval.length, 1);
  assert.equal(interval[0].covered, 'Infinity');
  const condition = errors(
    '{ name: "h", entry: "index.ts", automations: [{ type: "connector", name: "x", integration_type: "slack", events: [], trigger_conditions: { conditions: [{ field: "a", operator: "" }] } }] }',
  );
  assert.ok(
    condition.some((d) => d.covered === '""'),
    JSON.stringify(condition),
  );
  // members' keys are stripped, never an error; nulls where zod has .nullable()
  assert.deepEqual(
    errors(
      '{ name: "h", entry: "index.ts", automations: [{ type: "connector", name: "x", integration_type: "slack", events: [], resource_id: null, trigger_conditions: null, cron_expression: "x" }] }',
    ),
    [],
  );
  assert.match(errors('{ name: "h", entry: "index.ts", automations: null }')[0].message, /expected an array, not null/);
});

test('connector automation without a connector file: warning with did-you-mean and create-file fixes', () => {
  const text =
    '{ name: "h", entry: "index.ts", automations: [{ type: "connector", name: "x", integration_type: "slak", events: [] }] }';
  const warnings = diagnose(text);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].severity, DiagnosticSeverity.Warning);
  assert.equal(warnings[0].code, 'automation-connector-missing');
  assert.equal(warnings[0].covered, '"slak"');
  assert.match(warnings[0].message, /No connector file of this project declares "slak"/);
  assert.match(warnings[0].message, /Did you mean "slack"/);
  const r = request(text);
  const actions = functionConfigCodeActions(r, warnings);
  assert.equal(actions[0].title, 'Did you mean "slack"?');
  assert.equal(actions[0].isPreferred, true);
  assert.deepEqual(actions[0].edit!.changes![r.doc.document.uri], [TextEdit.replace(warnings[0].range, '"slack"')]);
  const create = actions.find((a) => a.title === 'Create base44/connectors/slak.jsonc')!;
  assert.ok(create, actions.map((a) => a.title).join(', '));
  const [, edit] = create.edit!.documentChanges!;
  assert.match((edit as TextDocumentEdit).textDocument.uri, /\/app\/base44\/connectors\/slak\.jsonc$/);
  assert.equal(((edit as TextDocumentEdit).edits[0] as TextEdit).newText, '{\n  "type": "slak",\n  "scopes": []\n}\n');
  // a declared type: nothing to say
  assert.deepEqual(diagnose(text.replace('slak', 'gmail')), []);
});

test('create-file fix is not offered when <type>.jsonc exists (it declares another type)', () => {
  const text =
    '{ name: "h", entry: "index.ts", automations: [{ type: "connector", name: "x", integration_type: "notion", events: [] }] }';
  const r = request(text, ['index.ts', '../../connectors/notion.jsonc']);
  const warnings = validateFunctionConfig(r.doc, r.ctx);
  assert.equal(warnings.length, 1);
  assert.ok(!functionConfigCodeActions(r, warnings).some((a) => a.title.startsWith('Create')));
});

test('ignored keys: warning, and a rename fix for a near miss', () => {
  const text =
    '{ name: "h", entry: "index.ts", automations: [{ type: "entity", name: "x", entity_name: "T", event_types: ["create"], is_activ: false }] }';
  const [warning] = diagnose(text);
  assert.equal(warning.code, 'function-ignored-key');
  assert.equal(warning.covered, 'is_activ');
  assert.match(warning.message, /the Base44 CLI ignores it\. Did you mean "is_active"\?/);
  const [action] = functionConfigCodeActions(request(text), [warning]);
  assert.equal(action.title, 'Rename to "is_active"');
});

function complete(marked: string, types?: string[]): CompletionItem[] {
  const { text, offset } = caret(marked);
  const r = request(text, ['index.ts'], types);
  return functionConfigCompletion(r, r.doc.document.positionAt(offset)).items;
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);

test('completion: root keys, then automation keys of the kind being written', () => {
  assert.deepEqual(labels(complete('{ "name": "h", | }')), ['entry', 'automations']);
  const connectorKeys = labels(complete('{ automations: [{ type: "connector", | }] }'));
  assert.ok(connectorKeys.includes('integration_type') && connectorKeys.includes('events'));
  assert.ok(!connectorKeys.includes('cron_expression'));
  const fresh = labels(complete('{ automations: [{ | }] }'));
  assert.ok(fresh.includes('type') && fresh.includes('cron_expression') && fresh.includes('entity_name'));
  assert.deepEqual(
    labels(complete('{ automations: [{ type: "connector", trigger_conditions: { conditions: [{ | }] } }] }')).slice(
      0,
      3,
    ),
    ['field', 'operator', 'value'],
  );
});

test('completion: automation types, schedule values, integration types (declared first), event types', () => {
  assert.deepEqual(labels(complete('{ automations: [{ type: "|" }] }')), ['scheduled', 'entity', 'connector']);
  assert.deepEqual(
    labels(complete('{ automations: [{ type: "scheduled", schedule_mode: "recurring", schedule_type: | }] }')),
    ['cron', 'simple'],
  );
  const types = complete('{ automations: [{ type: "connector", integration_type: "|" }] }', ['slack']);
  assert.equal(types[0].label, 'slack');
  assert.match(types[0].detail!, /connector file in this project/);
  const gmail = types.find((i) => i.label === 'gmail')!;
  assert.match(gmail.detail!, /no connector file yet/);
  assert.ok(gmail.sortText! > types[0].sortText!);
  assert.deepEqual(labels(complete('{ automations: [{ type: "entity", event_types: ["create", |] }] }')), [
    'update',
    'delete',
  ]);
});

test('completion in an empty file: a whole config named after its folder', () => {
  const [item] = complete('|');
  assert.match((item.textEdit as TextEdit).newText, /"name": "\$\{1:hello\}",\n\t"entry": "\$\{2:index\.ts\}"/);
});

function hover(marked: string): string | undefined {
  const { text, offset } = caret(marked);
  const r = request(text);
  const result = functionConfigHover(r, r.doc.document.positionAt(offset));
  return result ? ((result.contents as MarkupContent).value as string) : undefined;
}

test('hover: keys, automation kinds, integration types', () => {
  assert.match(hover('{ "na|me": "h" }')!, /\*\*`name`\*\* \(required\).*no dots/s);
  assert.match(
    hover(
      '{ automations: [{ type: "scheduled", schedule_mode: "recurring", schedule_type: "cron", ends_t|ype: "never" }] }',
    )!,
    /cron scheduled automation[\s\S]*Default: `"never"`/,
  );
  assert.match(hover('{ automations: [{ type: "conn|ector" }] }')!, /\*\*Connector automation\*\*/);
  assert.match(
    hover('{ automations: [{ type: "connector", integration_type: "sla|ck" }] }')!,
    /\*\*Slack User\*\* \(`slack`\)[\s\S]*has a connector file/,
  );
  assert.match(hover('{ automations: [{ type: "connector", integration_type: "noti|on" }] }')!, /No connector file/);
  assert.equal(hover('{ "name": "h", "other|": 1 }'), undefined);
});

function fakeFs(files: string[]): FileSystem {
  const set = new Set(files.map((f) => path.resolve(f)));
  const children = (dir: string, folders: boolean) => {
    const names = new Set<string>();
    for (const f of set) {
      const rel = path.relative(dir, f);
      if (rel.startsWith('..') || rel === '') continue;
      const parts = rel.split(path.sep);
      if (folders ? parts.length > 1 : parts.length === 1) names.add(parts[0]);
    }
    return [...names].sort();
  };
  return {
    readFile: () => undefined,
    isFile: (f) => set.has(f),
    listFiles: (d) => children(d, false),
    listFolders: (d) => children(d, true),
  };
}

test('which files are function configs: any depth, hidden folders skipped, functionsDir honoured', () => {
  const dir = path.join(ROOT, 'base44', 'functions');
  assert.ok(isFunctionConfigPath(path.join(dir, 'a', 'b', 'function.json'), dir));
  assert.ok(isFunctionConfigPath(path.join(dir, 'v1.2', 'function.jsonc'), dir));
  assert.ok(!isFunctionConfigPath(path.join(dir, '.draft', 'function.jsonc'), dir));
  assert.ok(!isFunctionConfigPath(path.join(dir, 'a', 'Function.json'), dir));
  assert.ok(!isFunctionConfigPath(path.join(ROOT, 'base44', 'function.json'), dir));
  assert.equal(
    readProjectConfig(ROOT, PROJECT.configPath, '{ name: "x", functionsDir: "backend" }').functionsDir,
    path.join(ROOT, 'base44', 'backend'),
  );
  assert.equal(readProjectConfig(ROOT, PROJECT.configPath, '{ name: "x" }').functionsDir, dir);
  const listing = listFunctions(
    fakeFs([
      `${dir}/a/function.jsonc`,
      `${dir}/a/index.ts`,
      `${dir}/.hidden/function.json`,
      `${dir}/z/entry.ts`,
      `${dir}/y.1/entry.ts`,
      `${dir}/g/deep/function.json`,
    ]),
    dir,
  );
  assert.deepEqual(
    listing.configs,
    [`${dir}/a/function.jsonc`, `${dir}/g/deep/function.json`].map((f) => path.resolve(f)),
  );
  assert.deepEqual([...listing.zeroConfig.keys()], ['z']);
});
