/**
 * Removes secrets (API keys, bearer tokens, OAuth codes and state, JWTs) from text before it is logged.
 * Everything written to the "Base44" output channel goes through `redact`.
 */

const REDACTED = '‹redacted›';

const RULES: readonly [RegExp, string][] = [
  // Base44 workspace API keys.
  [/\bb44k_[A-Za-z0-9_\-]+/g, REDACTED],
  // Authorization headers.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=\-]+/gi, `$1 ${REDACTED}`],
  // JSON-ish "key": "value" pairs whose key names a secret.
  [
    /("(?:access_?token|refresh_?token|id_?token|token|api_?key|apiKey|password|secret|client_secret|authorization)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi,
    `$1${REDACTED}$3`,
  ],
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
  [/\beyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*/g, REDACTED],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** Redacts each argument; an argument following a secret-bearing option is hidden entirely. */
export function redactArgs(args: readonly string[]): string[] {
  const secretOption = /^--?(api-?key|token|access-?token|refresh-?token|password|secret)$/i;
  return args.map((arg, i) => (i > 0 && secretOption.test(args[i - 1]) ? REDACTED : redact(arg)));
}
