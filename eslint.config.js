import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/**
 * The layers of src/ and what each may import (docs/architecture.md, "Layers"): imports point
 * downward only. A layer missing from a list is refused by `no-restricted-imports`.
 */
export const LAYERS = {
  domain: [],
  engine: ['domain'],
  sql: ['domain'],
  model: ['domain', 'sql'],
  io: ['domain', 'model'],
  ingest: ['domain', 'engine', 'sql', 'model'],
  charts: ['domain', 'model'],
  transforms: ['domain', 'model'],
  i18n: ['domain', 'model'],
  state: ['domain', 'engine', 'sql', 'model', 'io', 'ingest', 'charts', 'transforms', 'i18n'],
  components: [
    'domain',
    'engine',
    'sql',
    'model',
    'io',
    'ingest',
    'charts',
    'transforms',
    'i18n',
    'state',
  ],
};

/** One config block per layer, refusing relative imports that climb into a layer above it. */
const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => {
  const refused = Object.keys(LAYERS).filter((l) => l !== layer && !allowed.includes(l));
  const may = allowed.length > 0 ? allowed.map((l) => `src/${l}/`).join(', ') : 'nothing of ours';
  return {
    files: [`src/${layer}/**/*.{ts,js,svelte}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: refused.map((l) => ({
            regex: `^(\\.\\./)+${l}(/|$)`,
            message: `src/${layer}/ may import only ${may}: imports point downward (docs/architecture.md, Layers).`,
          })),
        },
      ],
    },
  };
});

export default ts.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'cli/dist/',
      'cli/node_modules/',
      'bench/data/',
      'sample-data/',
      'tests/fixtures/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  ...layerRules,
  {
    // State classes keep reactive fields in $state and use plain Map/Set/Date for scratch work.
    files: ['src/state/**/*.svelte.ts'],
    rules: { 'svelte/prefer-svelte-reactivity': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
);
