// Lint: typescript-eslint's recommended rules (syntax only, no type information, so it stays fast).
// Layout is Prettier's job (.prettierrc.json); `npm run lint` runs both, and CI runs `npm run lint`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      '.cache/',
      '.vscode-test/',
      'examples/',
      'test/parity/cases/',
      'test/parity/function-cases/',
      // Generated data (scripts in its header).
      'server/src/parser/json5UnicodeTables.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Catalog data and protocol payloads are JSON: `any` at those edges is deliberate and narrowed right after.
      '@typescript-eslint/no-explicit-any': 'off',
      // The parser and the redaction rules match control characters on purpose.
      'no-control-regex': 'off',
      // Prettier wraps code at 120; this catches what it cannot wrap (comments).
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  {
    // Playwright evaluates these callbacks in the page.
    files: ['scripts/vscode-ui-checks.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The VS Code test harness is a plain CommonJS extension.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
