/** The documents, positions and project layouts every server is measured on. */
import { CATALOG_TYPES } from './jsonSchema';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface BenchDocument {
  /** File name inside `base44/connectors/`. */
  readonly fileName: string;
  readonly text: string;
  /** Inside a scope string (just after `…/auth/` or the scope's first characters). */
  readonly inScope: Position;
  /** Inside the `type` value. */
  readonly onType: Position;
  /** The same document with one scope made invalid (diagnostics latency toggles between the two). */
  readonly invalidText: string;
}

function positionOf(text: string, needle: string, delta: number, fromEnd = false): Position {
  const offset = fromEnd ? text.lastIndexOf(needle) : text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, offset + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** A typical connector file: Google Calendar with three scopes. */
export function typicalDocument(): BenchDocument {
  const text = `// Google Calendar: read events, manage the app's own calendars.
{
  "type": "googlecalendar",
  "scopes": [
    "https://www.googleapis.com/auth/calendar.readonly",
    "https://www.googleapis.com/auth/calendar.events",
    "https://www.googleapis.com/auth/calendar.app.created",
  ],
}
`;
  return {
    fileName: 'googlecalendar.jsonc',
    text,
    inScope: positionOf(text, 'calendar.events"', 'calendar.'.length),
    onType: positionOf(text, 'googlecalendar"', 'google'.length),
    invalidText: text.replace('calendar.events"', 'calendar.eventz"'),
  };
}

/**
 * A 2,000-line connector file: HubSpot (105 scopes in the catalog), every scope preceded by a long
 * block of line comments (the kind of file a team documents heavily). Positions: the type value near the
 * top, and a scope string near the end.
 */
export function largeDocument(targetLines = 2000): BenchDocument {
  const hubspot = CATALOG_TYPES.find((t) => t.type === 'hubspot');
  if (!hubspot) throw new Error('hubspot missing from the catalog');
  const scopes = hubspot.scopes.filter((s) => !s.pattern);
  const header = [
    '// HubSpot connector for the CRM sync backend functions.',
    '{',
    '  "type": "hubspot",',
    '  "scopes": [',
  ];
  const footer = ['  ],', '}', ''];
  const budget = targetLines - header.length - footer.length + 1;
  const perScope = Math.floor(budget / scopes.length);
  const extra = budget - perScope * scopes.length;
  const body: string[] = [];
  scopes.forEach((s, i) => {
    const comments = perScope - 1 + (i < extra ? 1 : 0);
    for (let c = 0; c < comments; c++) {
      body.push(
        c === 0
          ? `    // ${s.scope}: ${s.description}`
          : `    // note ${c}: requested by the sync job (ticket SYNC-${1000 + i * 31 + c}), reviewed by the security team.`,
      );
    }
    body.push(`    "${s.scope}",`);
  });
  const text = [...header, ...body, ...footer].join('\n');
  const last = scopes[scopes.length - 1].scope;
  return {
    fileName: 'hubspot.jsonc',
    text,
    inScope: positionOf(text, `"${last}",`, 1 + Math.min(4, last.length), true),
    onType: positionOf(text, '"hubspot"', 1 + 'hub'.length),
    invalidText: replaceLast(text, `"${last}",`, `"${last}zz",`),
  };
}

function replaceLast(text: string, needle: string, replacement: string): string {
  const i = text.lastIndexOf(needle);
  return text.slice(0, i) + replacement + text.slice(i + needle.length);
}

/**
 * The 1,000-file folder: one file per type (the CLI refuses duplicate types). The catalog's types first
 * (with two of their scopes), then custom types `custom-0047`… `custom-0999` (the CLI accepts any `[a-z0-9_-]+` type).
 */
export function folderFiles(count = 1000): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const known = CATALOG_TYPES[i];
    let content: string;
    let name: string;
    if (known) {
      name = known.type;
      const scopes = known.scopes
        .filter((s) => !s.pattern)
        .slice(0, 2)
        .map((s) => s.scope);
      content = `// ${known.displayName}\n{\n  "type": "${known.type}",\n  "scopes": [${scopes.map((s) => `\n    "${s}",`).join('')}\n  ],\n}\n`;
    } else {
      name = `custom-${String(i).padStart(4, '0')}`;
      content = `// An in-house OAuth provider.\n{\n  "type": "${name}",\n  "scopes": ["read", "write"],\n}\n`;
    }
    files[`base44/connectors/${name}.jsonc`] = content;
  }
  return files;
}
