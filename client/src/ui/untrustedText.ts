/**
 * Text that comes from a file, the CLI or Base44's API (file names, types, app ids, accounts, error
 * messages) made safe to show. VS Code turns `[label](command:...)` in a notification, a language status
 * detail or a modal into a link that runs the command, and renders Markdown in tooltips: such text
 * must never be able to plant a link, an icon or formatting. No vscode import: plain-node tests.
 */

/** Line breaks, C0/C1 controls, and bidi overrides (which reorder what is shown). */
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ZERO_WIDTH_SPACE = '\u200b';

export interface PlainTextOptions {
  /** Longest text kept (then "…"). Default 500. */
  readonly max?: number;
  /** Keep `\n` (modal `detail` text); other controls still become spaces. */
  readonly keepLineBreaks?: boolean;
}

/**
 * For notifications, modal dialogs, language status items and quick picks: the text as written, but a
 * `](` can no longer close a link label and `$(` can no longer start an icon (a zero-width space is put
 * between them, so the text still reads the same).
 */
export function plainText(text: unknown, options: PlainTextOptions = {}): string {
  const max = options.max ?? 500;
  let s = String(text ?? '');
  s = options.keepLineBreaks ? s.replace(/\r\n?/g, '\n') : s.replace(/[\r\n]/g, ' ');
  s = s.replace(CONTROLS, ' ');
  s = s.replace(/\]\s*\(/g, (m) => `]${ZERO_WIDTH_SPACE}${m.slice(1)}`).replace(/\$\(/g, `$${ZERO_WIDTH_SPACE}(`);
  // The linkified forms VS Code also accepts: <https://...> and bare command: URIs in brackets.
  s = s.replace(/<(?=[a-z][a-z0-9+.-]*:)/gi, `<${ZERO_WIDTH_SPACE}`);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * For a `MarkdownString` (tooltips): every ASCII punctuation character backslash-escaped, so the text
 * cannot open a link, an image, an autolink (`https\://`), HTML, a code span, emphasis or an icon
 * (`$(...)`). Line breaks become spaces. Such a MarkdownString must never be `isTrusted`.
 */
export function markdownText(text: unknown, max = 500): string {
  const s = plainText(text, { max }).replace(new RegExp(ZERO_WIDTH_SPACE, 'g'), '');
  return s.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
