/**
 * Folding: objects and arrays spanning lines (the closing bracket's line stays visible, as in VS Code's
 * JSON), block comments, and `// #region` … `// #endregion` (the markers language-configuration.json also
 * names: with a folding provider, VS Code uses only the provider's ranges).
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { JsonNode } from '../parser/jsonTree';
import type { ConnectorDocument } from './context';

const REGION_START = /^\/\/\s*#region\b/;
const REGION_END = /^\/\/\s*#endregion\b/;
/** What VS Code asks for by default; clients may say less (`foldingRange.rangeLimit`). */
const DEFAULT_RANGE_LIMIT = 5000;

interface Ranked {
  readonly range: FoldingRange;
  /** Nesting depth: when there are too many ranges, the outermost (then the longest) are kept. */
  readonly depth: number;
}

export function foldingRanges(doc: ConnectorDocument, rangeLimit = DEFAULT_RANGE_LIMIT): FoldingRange[] {
  const { document, parsed } = doc;
  const text = document.getText();
  const line = (offset: number) => document.positionAt(offset).line;
  const found: Ranked[] = [];

  // Containers, iteratively (the tree can be 1,000 levels deep).
  const stack: { node: JsonNode; depth: number }[] = parsed.root ? [{ node: parsed.root, depth: 0 }] : [];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node.type === 'object' || node.type === 'array') {
      const startLine = line(node.offset);
      const end = node.offset + node.length;
      // An unclosed container folds to its last line; a closed one keeps its closing line visible.
      const endLine = node.closed === false ? line(end) : line(end - 1) - 1;
      if (endLine > startLine)
        found.push({ range: { startLine, endLine, kind: node.type === 'object' ? 'object' : 'array' }, depth });
    }
    for (const child of node.children ?? []) {
      if (child.children) stack.push({ node: child, depth: child.type === 'property' ? depth : depth + 1 });
    }
  }

  const regions: number[] = [];
  for (const comment of parsed.comments ?? []) {
    const body = text.slice(comment.offset, comment.offset + comment.length);
    const startLine = line(comment.offset);
    if (body.startsWith('/*')) {
      const endLine = line(comment.offset + comment.length);
      if (endLine > startLine) found.push({ range: { startLine, endLine, kind: FoldingRangeKind.Comment }, depth: 0 });
    } else if (REGION_START.test(body)) {
      regions.push(startLine);
    } else if (REGION_END.test(body) && regions.length > 0) {
      const regionStart = regions.pop()!;
      if (startLine > regionStart) {
        found.push({
          range: { startLine: regionStart, endLine: startLine, kind: FoldingRangeKind.Region },
          depth: regions.length,
        });
      }
    }
  }

  // One range per start line (VS Code keeps one anyway): the larger.
  const byStart = new Map<number, Ranked>();
  for (const r of found) {
    const other = byStart.get(r.range.startLine);
    if (!other || r.range.endLine > other.range.endLine) byStart.set(r.range.startLine, r);
  }
  let kept = [...byStart.values()];
  if (kept.length > rangeLimit)
    kept = kept.sort((a, b) => a.depth - b.depth || span(b) - span(a)).slice(0, Math.max(0, rangeLimit));
  return kept.map((r) => r.range).sort((a, b) => a.startLine - b.startLine);
}

function span(r: Ranked): number {
  return r.range.endLine - r.range.startLine;
}
