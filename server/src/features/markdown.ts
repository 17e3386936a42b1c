/**
 * Markdown helpers shared by hover and completion documentation.
 *
 * Anything that comes from the user's file (a type, a scope) goes through `escapeMarkdown` or `code`
 * before it is put into markdown: a hostile connector file must not be able to inject links, images
 * or HTML into a hover.
 */

/** Longest value from the file we echo back; beyond it the text is cut (hovers stay readable). */
const MAX_ECHO = 200;

function clip(text: string): string {
  const oneLine = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return oneLine.length > MAX_ECHO ? `${oneLine.slice(0, MAX_ECHO)}…` : oneLine;
}

/** Escapes every markdown (and HTML) special character, so the text renders literally. */
export function escapeMarkdown(text: string): string {
  return clip(text).replace(/[\\`*_{}[\]()#+\-.!<>|~&"':=]/g, '\\$&');
}

/**
 * Inline code span. Inside a code span nothing is interpreted (no links, no HTML), but the span must be
 * fenced with more backticks than the value contains.
 */
export function code(text: string): string {
  const value = clip(text);
  let longest = 0;
  for (const run of value.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // A space keeps a value that starts or ends with a backtick from merging with the fence.
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A markdown link to a catalog URL (trusted data); the label is escaped anyway. */
export function link(label: string, url: string): string {
  const target = url.replace(/[()\s<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(label)}](${target})`;
}

/** Escapes a catalog text for a table cell (pipes and line breaks would break the table). */
export function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
