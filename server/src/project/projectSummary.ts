import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Catalog } from '../catalog/types';
import { nodeRange } from '../features/ranges';
import { findProperty, nodeValue } from '../parser/jsonNavigation';
import type { ConnectorFileSummary, ProjectSummary, ScopeSummary } from '../protocol';
import { declaredType, declaredTypeNode } from './connectorAnalysis';
import type { ConnectorWorkspace } from './connectorWorkspace';
import type { ProjectConfig } from './projectConfig';
import { pathToUri } from './uris';

/** What the client's tree shows for a project: its connector files with type, scopes and problem counts. */
export function summarizeProject(
  workspace: ConnectorWorkspace,
  project: ProjectConfig,
  catalog: Catalog,
): ProjectSummary {
  const diagnostics = workspace.validateProject(project);
  const connectors: ConnectorFileSummary[] = [];
  for (const [file, fileDiagnostics] of diagnostics) {
    const entry = workspace.getEntry(file);
    if (!entry) continue;
    const { doc } = entry;
    const type = declaredType(doc);
    const info = type === undefined ? undefined : catalog.getType(type);
    const root = doc.parsed.root;
    const typeNode = declaredTypeNode(doc);
    const scopesNode = root?.type === 'object' ? findProperty(root, 'scopes')?.children?.[1] : undefined;
    const scopes: ScopeSummary[] = [];
    if (scopesNode?.type === 'array') {
      for (const item of scopesNode.children ?? []) {
        const scope = nodeValue(item);
        if (typeof scope !== 'string') continue;
        const scopeInfo = type === undefined ? undefined : catalog.getScope(type, scope);
        scopes.push({
          scope,
          range: nodeRange(doc.document, item),
          ...(scopeInfo ? { description: scopeInfo.description, sensitivity: scopeInfo.sensitivity } : {}),
        });
      }
    }
    const errors = fileDiagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    connectors.push({
      uri: workspace.uriOf(file),
      ...(type !== undefined ? { type } : {}),
      ...(info ? { displayName: info.displayName } : {}),
      scopes,
      ...(typeNode ? { typeRange: nodeRange(doc.document, typeNode) } : {}),
      errorCount: errors.length,
      warningCount: fileDiagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
      ...(errors[0] ? { firstError: messageText(errors[0].message) } : {}),
    });
  }
  connectors.sort((a, b) => path.basename(a.uri).localeCompare(path.basename(b.uri)));
  return {
    rootUri: pathToUri(project.root),
    configUri: pathToUri(project.configPath),
    connectorsDirUri: pathToUri(project.connectorsDir),
    ...(project.configError ? { configError: project.configError } : {}),
    connectors,
  };
}

function messageText(message: string | { value: string }): string {
  return typeof message === 'string' ? message : message.value;
}
