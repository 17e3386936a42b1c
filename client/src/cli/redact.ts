/**
 * Removes secrets (API keys, bearer tokens, OAuth codes and state, JWTs) from text before it is logged.
 * Everything written to the "Base44" output channel goes through `redact`.
 */

const REDACTED = '‹redacted›';

/** The CLI's own error codes (`"code":"API_ERROR"`) stay readable; any other `"code"` value is an OAuth code. */
const CLI_ERROR_CODE = /^(?:[A-Z]+_)*(?:ERROR|INVALID|NOT_FOUND|REQUIRED|EXPIRED|INPUT|FAILED)$/;

const RULES: readonly [RegExp, string | ((...m: string[]) => string)][] = [
  // Base44 workspace API keys.
  [/\bb44k_[A-Za-z0-9_-]+/g, REDACTED],
  // Credentials in a URL: https://user:secret@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*:)[^\s@/?#]+@/gi, `$1${REDACTED}@`],
  // Authorization headers, whatever the scheme (`Authorization: Token abc`, `"authorization": "abc"`).
  [
    /\b(authorization["']?\s*[:=]\s*["']?)(?:(Bearer|Basic|Token|Bot|Digest|Negotiate)\s+)?[^\s"',}]+/gi,
    (_m, head: string, scheme?: string) => `${head}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  ],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // JSON-ish "key": "value" pairs whose key names a secret.
  [
    /("(?:access_?token|refresh_?token|id_?token|token|(?:x-)?api[_-]?key|apiKey|password|secret|client_?secret|authorization|state)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi,
    `$1${REDACTED}$3`,
  ],
  // "code": an OAuth authorization code, unless it is one of the CLI's error codes.
  [
    /("code"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi,
    (m, head: string, value: string, tail: string) => (CLI_ERROR_CODE.test(value) ? m : `${head}${REDACTED}${tail}`),
  ],
  // Secret-bearing options written as one argument: --api-key=..., --token=...
  [/(--?(?:api-?key|token|access-?token|refresh-?token|password|secret|client-?secret)=)[^\s"']+/gi, `$1${REDACTED}`],
  // URL query / form parameters and KEY=value environment assignments.
  [
    /\b((?:access_?token|refresh_?token|id_?token|token|api_?key|apikey|password|secret|client_secret|code|state|BASE44_API_KEY|BASE44_ACCESS_TOKEN|BASE44_REFRESH_TOKEN)=)[^&\s"']+/gi,
    `$1${REDACTED}`,
  ],
  // Header / YAML / JS-object style `key: value` (`x-api-key: ...`, `refresh_token: 'abc'`, `api_key: ...`).
  [
    /\b((?:x-)?(?:access[_-]?token|refresh[_-]?token|id[_-]?token|api[_-]?key|apikey|client[_-]?secret|password|secret)\s*:\s*)(['"]?)[^\s'",}]+\2/gi,
    `$1$2${REDACTED}$2`,
  ],
  // Bare JWTs.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement as string);
  return out;
}

/** Redacts each argument; an argument following a secret-bearing option is hidden entirely. */
export function redactArgs(args: readonly string[]): string[] {
  const secretOption = /^--?(api-?key|token|access-?token|refresh-?token|password|secret|client-?secret)$/i;
  return args.map((arg, i) => (i > 0 && secretOption.test(args[i - 1]) ? REDACTED : redact(arg)));
}
