import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Lint: typescript-eslint's recommended rules, eslint-plugin-svelte's, and the house's layering
// (design.md, "Rules that keep it honest") as import rules, so an editor marks a bad import as
// it is typed. Formatting is Prettier's job (.prettierrc); eslint-config-prettier turns off the
// rules that would argue with it. tests/unit/layers.test.ts keeps what a per-file rule cannot
// see: what the renderer and the preload reach through the files they import.

/** One restriction: `regex` matched against the import's source as written. */
const forbid = (regex, message, allowTypeImports = false) => ({ regex, message, allowTypeImports });

// Relative paths that reach into another top-level folder of src/, whatever the depth.
const into = (...folders) => `^(\\.\\./)+(${folders.join('|')})/`;

// The files of src/service that are transports (or wire them up) rather than the service.
const TRANSPORTS = ['dispatch', 'http', 'http-common', 'api-server', 'static-files', 'app', 'serve', 'classroom/server', 'classroom/proxy'];

const layer = (files, patterns, paths = []) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  {
    ignores: ['out/', 'dist/', 'node_modules/', 'coverage/', 'test-results/', 'playwright-report/', 'blob-report/', '.data/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // An unused name is a finding; a leading underscore says "deliberately unused" (callbacks
      // whose signature is fixed by someone else).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `value!` is used where a check the compiler cannot follow has just been made; TypeScript's
      // noUncheckedIndexedAccess is on, and these are the answer to it, not a smell.
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
      'prefer-const': 'error',
      // Names and other text are checked against control characters on purpose (contract.ts).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    rules: {
      // `let { a, b } = $props()` is Svelte's own idiom; svelte/prefer-const knows the runes.
      'prefer-const': 'off',
      'svelte/prefer-const': 'error',
      // `{' '}` keeps the space between sentences where a formatter could not move it.
      'svelte/no-useless-mustaches': 'off',
      // It flags every `new Set(...)`, also a local copy built and dropped inside one handler;
      // reactive state in this code base is `$state`/`$derived`, which the compiler checks.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // Tests and benchmarks read JSON replies loosely; the shape is what they assert.
    files: ['tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/renderer/**/*.ts', 'tests/component/**/*.ts', 'tests/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // ---- The layers ----------------------------------------------------------------------------
  // core: pure TypeScript. No Electron, no Node, no DOM; only zod, two pure libraries and itself.
  layer(
    ['src/core/**'],
    [
      forbid(
        // The readability packages are pure arithmetic over counts (and syllable's word list):
        // reading statistics belong in core so that import, library and scripts agree.
        '^(?!\\.|zod(/|$)|fastest-levenshtein$|jsonc-parser$|syllable$|flesch$|flesch-kincaid$|coleman-liau$|fast-xml-parser$)',
        'src/core imports only its own files, zod, fastest-levenshtein, jsonc-parser and the readability packages syllable, flesch, flesch-kincaid and coleman-liau, and fast-xml-parser for the interchange formats (no Electron, Node or DOM).',
      ),
      forbid(into('service', 'main', 'preload', 'renderer', 'shared'), 'src/core sits below every other layer and imports none of them.'),
    ],
  ),
  {
    files: ['src/core/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'fetch',
          'process',
          'Buffer',
          'require',
          '__dirname',
          '__filename',
        ].map((name) => ({ name, message: `src/core is pure: ${name} belongs to a runtime (take what you need as a parameter).` })),
      ],
    },
  },
  // shared: the contracts. They sit on core; nothing of the service, the shell or the screens.
  layer(
    ['src/shared/**'],
    [forbid(into('service', 'main', 'preload', 'renderer'), 'src/shared is the contract: it imports only core and zod.')],
    [{ name: 'electron', message: 'src/shared is the contract: it imports only core and zod.' }],
  ),
  // service: no Electron, and the service proper never reaches for its transports (types aside:
  // the classroom is handed its server by the composition root).
  layer(
    ['src/service/**'],
    [forbid(into('main', 'preload', 'renderer'), 'The service runs without Electron or the screens.')],
    [{ name: 'electron', message: 'The service runs without Electron (npm run serve, the tests); only src/main imports it.' }],
  ),
  {
    files: ['src/service/**'],
    ignores: TRANSPORTS.map((name) => `src/service/${name}.ts`),
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The service runs without Electron (npm run serve, the tests); only src/main imports it.' }],
          patterns: [
            forbid(into('main', 'preload', 'renderer'), 'The service runs without Electron or the screens.'),
            forbid(`(^|/)(${TRANSPORTS.join('|')})\\.ts$`, 'Transports import the service, never the reverse (a type is fine).', true),
          ],
        },
      ],
    },
  },
  // main: the shell wires the service; it never reaches into the screens.
  layer(['src/main/**'], [forbid(into('preload', 'renderer'), 'The shell loads the page and the preload by path, never by import.')]),
  // preload: Electron and the zod-free channel lists; anything else only as a type.
  layer(
    ['src/preload/**'],
    [
      forbid('^(?!electron$|\\.)', 'The preload is bundled into one sandboxed file: electron and the channel lists only.', true),
      forbid('^\\.\\./shared/(?!(session-)?channels\\.ts$)', 'The preload takes values only from the zod-free channel lists.', true),
      forbid(into('core', 'service', 'main', 'renderer'), 'The preload exposes channels, nothing else.', true),
    ],
  ),
  // renderer: types of the contract only (values from the channel lists); no zod, no scoring.
  layer(
    ['src/renderer/**'],
    [
      forbid('^zod(/|$)', 'The renderer parses nothing with zod: importing it ships all of zod to every student.'),
      forbid(
        into('core', 'service', 'main', 'preload'),
        'The renderer never imports core, the service or the shell (the answer key stays in main).',
      ),
      forbid(
        '^(\\.\\./)+shared/(?!(session-)?channels\\.ts$)',
        'The renderer imports only types from src/shared (values from the channel lists only).',
        true,
      ),
    ],
    [{ name: 'electron', message: 'The renderer talks to window.evident, never to Electron.' }],
  ),

  prettier,
);
