/**
 * The function-side model in process, on a real temporary project: an edit to one function file re-checks that
 * file only (the others keep their cached diagnostics), and connector changes reach every function file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalog } from '../../server/src/catalog/catalog';
import { FunctionFeatures } from '../../server/src/functions/functionFeatures';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { ConnectorWorkspace } from '../../server/src/project/connectorWorkspace';
import { OpenDocument } from '../../server/src/project/documentStore';
import { pathToUri } from '../../server/src/project/uris';
import { makeProject } from '../support/tempProject';

const call = (type: string) => `await base44.asServiceRole.connectors.getConnection("${type}");\n`;

function setup() {
  const project = makeProject({
    'base44/connectors/slack.jsonc': '{ "type": "slack", "scopes": [] }',
    'base44/functions/a/entry.ts': call('slak'),
    'base44/functions/b/entry.ts': call('gmail'),
    'base44/functions/c/function.json':
      '{ "name": "c", "entry": "main.ts", "automations": [{ "type": "connector", "name": "x", "integration_type": "notion", "events": [] }] }',
    'base44/functions/c/main.ts': call('slack'),
  });
  const workspace = new ConnectorWorkspace(nodeFileSystem, catalog);
  workspace.setWorkspaceFolders([project.root]);
  const features = new FunctionFeatures(nodeFileSystem, catalog, workspace);
  const [config] = workspace.allProjects();
  return { project, workspace, features, config };
}

test('an edit to a function file re-checks only that file', (t) => {
  const { project, workspace, features, config } = setup();
  t.after(() => project.cleanup());
  const a = project.path('base44/functions/a/entry.ts');
  const b = project.path('base44/functions/b/entry.ts');
  const first = features.projectDiagnostics(config).code;
  assert.deepEqual([...first.keys()].sort(), [a, b, project.path('base44/functions/c/main.ts')].sort());
  assert.equal(first.get(a)!.length, 1);

  workspace.openDocument(a, new OpenDocument(pathToUri(a), 'typescript', 2, call('slack'), { used: 0 }));
  const change = features.fileChanged(a, 'edit');
  assert.equal(change.codeFile, true);
  assert.deepEqual(change.projects, []);
  assert.deepEqual(
    change.usageProjects.map((p) => p.configPath),
    [config.configPath],
  ); // slak -> slack: usages changed
  assert.deepEqual(features.fileDiagnostics(config, a), []);
  const second = features.projectDiagnostics(config).code;
  // Untouched files: the very same cached arrays (not computed again).
  assert.equal(second.get(b), first.get(b));
});

test('usages count calls and connector automations; a new connector file reaches every function file', (t) => {
  const { project, workspace, features, config } = setup();
  t.after(() => project.cleanup());
  const usages = features.model.usagesOf(config);
  assert.deepEqual([...usages.byType.keys()].sort(), ['gmail', 'notion', 'slack', 'slak']);
  assert.deepEqual(
    usages.byType.get('notion')!.map((u) => [u.kind, u.functions]),
    [['automation', ['c']]],
  );
  const b = project.path('base44/functions/b/entry.ts');
  assert.equal(features.fileDiagnostics(config, b).length, 1);

  project.write('base44/connectors/gmail.jsonc', '{ "type": "gmail", "scopes": [] }');
  workspace.fileChangedOnDisk(project.path('base44/connectors/gmail.jsonc'));
  const change = features.fileChanged(project.path('base44/connectors/gmail.jsonc'), 'created');
  assert.deepEqual(
    change.projects.map((p) => p.configPath),
    [config.configPath],
  );
  assert.deepEqual(features.fileDiagnostics(config, b), []);
});
