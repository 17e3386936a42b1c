/**
 * The function side of each project: which files are backend function code (as the CLI bundles them), the
 * connector calls in each (scanned once per text), which connector types the project declares, and where each
 * type is used (calls and connector automations). Built on the connector model, which owns file texts.
 */
import * as path from 'node:path';
import type { Catalog } from '../catalog/types';
import { declaredType, declaredTypeNode } from '../project/connectorAnalysis';
import type { ConnectorWorkspace } from '../project/connectorWorkspace';
import type { FileSystem, ProjectConfig } from '../project/projectConfig';
import { ConnectorCall, TYPE_METHODS, findConnectorCalls } from './connectorCalls';
import { FUNCTION_CONFIG_NAMES, ProjectFunctions, discoverFunctions, isFunctionCodeName } from './functionsIndex';

interface ScannedFile {
  readonly text: string;
  readonly calls: readonly ConnectorCall[];
}

/** A connector file of the project and the type it declares. */
export interface DeclaredConnector {
  readonly file: string;
  readonly type: string;
  /** Offsets of the `type` value in the connector file. */
  readonly offset: number;
  readonly length: number;
}

/** One place a connector type is used. */
export interface ConnectorUsage {
  readonly file: string;
  readonly offset: number;
  readonly length: number;
  readonly functions: readonly string[];
  readonly kind: 'call' | 'automation';
}

export interface ProjectUsages {
  readonly byType: ReadonlyMap<string, readonly ConnectorUsage[]>;
  /** A call with a dynamic type argument exists: "unused" cannot be claimed. */
  readonly dynamic: boolean;
}

export class FunctionWorkspace {
  private readonly discovered = new Map<string, ProjectFunctions>();
  private readonly scans = new Map<string, ScannedFile>();
  private readonly declared = new Map<string, Map<string, DeclaredConnector>>();
  private readonly usages = new Map<string, ProjectUsages>();
  private readonly declaredKeys = new WeakMap<object, string>();

  constructor(
    private readonly fs: FileSystem,
    readonly catalog: Catalog,
    private readonly connectors: ConnectorWorkspace,
  ) {}

  /** Forgets everything (the projects were indexed again). */
  reset(): void {
    this.discovered.clear();
    this.declared.clear();
    this.usages.clear();
  }

  /** Functions of a project (discovered once, until a function file appears, disappears or its config changes). */
  functionsOf(project: ProjectConfig): ProjectFunctions {
    let found = this.discovered.get(project.configPath);
    if (!found) {
      found = discoverFunctions(this.fs, project.functionsDir, (file) => this.connectors.readText(file));
      this.discovered.set(project.configPath, found);
    }
    return found;
  }

  /** Is the file under a project's functions or shared folder (where a new file may become function code)? */
  projectsAround(file: string): ProjectConfig[] {
    return this.connectors.allProjects().filter((project) => {
      const shared = path.resolve(project.functionsDir, '..', 'shared');
      return isInside(file, project.functionsDir) || isInside(file, shared);
    });
  }

  /** Projects whose functions bundle this code file. */
  projectsOfCodeFile(file: string): ProjectConfig[] {
    const resolved = path.resolve(file);
    if (!isFunctionCodeName(path.basename(resolved)) && !this.isEntryOfSomeFunction(resolved)) return [];
    return this.connectors.allProjects().filter((project) => this.functionsOf(project).codeFiles.has(resolved));
  }

  private isEntryOfSomeFunction(file: string): boolean {
    return this.projectsAround(file).some((project) => this.functionsOf(project).codeFiles.has(file));
  }

  /**
   * A file changed on disk or in the editor. Returns what it affects: `structure` when the set of functions may
   * have changed (discovery runs again), else nothing beyond the file's own scan.
   */
  fileChanged(file: string, how: 'edit' | 'disk' | 'created' | 'deleted'): { structure: boolean } {
    const resolved = path.resolve(file);
    if (how !== 'edit') this.scans.delete(resolved);
    const name = path.basename(resolved);
    const isConfig = (FUNCTION_CONFIG_NAMES as readonly string[]).includes(name);
    // A new or deleted file may be an entry or a config; a config's name, entry or automations may change.
    const structural = how === 'created' || how === 'deleted' || isConfig;
    let structure = false;
    if (structural) {
      for (const project of this.projectsAround(resolved)) {
        this.discovered.delete(project.configPath);
        this.usages.delete(project.configPath);
        structure = true;
      }
    }
    return { structure };
  }

  /** The connector files of the project changed: the declared types are read again. */
  connectorsChanged(project: ProjectConfig): void {
    this.declared.delete(project.configPath);
  }

  /** The usages of a project must be collected again (a function file's calls changed). */
  usagesChanged(project: ProjectConfig): void {
    this.usages.delete(project.configPath);
  }

  /** The connector calls of a code file (cached while its text is unchanged). */
  callsOf(file: string): readonly ConnectorCall[] {
    const resolved = path.resolve(file);
    const text = this.connectors.readText(resolved);
    if (text === undefined) {
      this.scans.delete(resolved);
      return [];
    }
    const cached = this.scans.get(resolved);
    if (cached && cached.text === text) return cached.calls;
    const calls = findConnectorCalls(text);
    this.scans.set(resolved, { text, calls });
    return calls;
  }

  /** Type → connector file for every connector file of the project that declares a type (first file wins). */
  declaredTypes(project: ProjectConfig): ReadonlyMap<string, DeclaredConnector> {
    let types = this.declared.get(project.configPath);
    if (!types) {
      types = new Map();
      for (const file of this.connectors.connectorFiles(project)) {
        const entry = this.connectors.getEntry(file);
        const type = entry && declaredType(entry.doc);
        if (type === undefined || types.has(type)) continue;
        const value = declaredTypeNode(entry!.doc);
        types.set(type, { file, type, offset: value?.offset ?? 0, length: value?.length ?? 0 });
      }
      this.declared.set(project.configPath, types);
    }
    return types;
  }

  /** The declared types and their files as one string: function diagnostics are re-computed only when it changes. */
  declaredKey(project: ProjectConfig): string {
    const types = this.declaredTypes(project);
    let key = this.declaredKeys.get(types);
    if (key === undefined) {
      key = [...types.values()].map((c) => `${c.type}\u0000${c.file}`).join('\u0001');
      this.declaredKeys.set(types, key);
    }
    return key;
  }

  /** Every use of every connector type in the project's functions: literal calls and connector automations. */
  usagesOf(project: ProjectConfig): ProjectUsages {
    let usages = this.usages.get(project.configPath);
    if (!usages) {
      const byType = new Map<string, ConnectorUsage[]>();
      let dynamic = false;
      const add = (type: string, usage: ConnectorUsage) => {
        const list = byType.get(type);
        if (list) list.push(usage);
        else byType.set(type, [usage]);
      };
      const functions = this.functionsOf(project);
      for (const [file, names] of functions.codeFiles) {
        for (const call of this.callsOf(file)) {
          if (!TYPE_METHODS.has(call.method)) continue;
          if (!call.literal) {
            dynamic = true;
            continue;
          }
          const { value, start, end } = call.literal;
          add(value, { file, offset: start, length: end - start, functions: names, kind: 'call' });
        }
      }
      for (const fn of functions.functions) {
        for (const automation of fn.automations) {
          add(automation.type, {
            file: fn.configPath!,
            offset: automation.offset,
            length: automation.length,
            functions: [fn.name],
            kind: 'automation',
          });
        }
      }
      usages = { byType, dynamic };
      this.usages.set(project.configPath, usages);
    }
    return usages;
  }

  /** The literal types a code file uses, as a comparable key (to see whether an edit changed them). */
  usedTypesKey(file: string): string {
    return this.callsOf(file)
      .filter((call) => TYPE_METHODS.has(call.method))
      .map((call) => (call.literal ? call.literal.value : '\u0000dynamic'))
      .join('\u0000');
  }
}

function isInside(file: string, dir: string): boolean {
  return file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}
