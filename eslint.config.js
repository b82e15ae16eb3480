// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

// Bare Node built-ins by exact name (a pattern would also match relative paths of the same name).
const nodeBuiltins = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'worker_threads',
  'process',
];
const noIoPaths = nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node I/O.' }));
const noIo = [
  { group: ['electron', 'electron/*'], message: 'shared/ is pure: no Electron.' },
  { group: ['node:*'], message: 'shared/ is pure: no Node I/O.' },
  { group: ['better-sqlite3', 'ws'], message: 'shared/ is pure: no database or sockets.' },
  { group: ['@polkadot/*'], message: 'shared/ is pure: chain code lives in main/chain.' },
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'shared/ is pure: no UI.' },
  {
    group: ['**/main/**', '../main/*', '../renderer/*', '**/renderer/**', '**/devnet/**'],
    message: 'shared/ depends on nothing else in the repo.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      '.tsbuild/',
      'test-results/',
      'playwright-report/',
      'e2e/artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      // Type-aware rules: the compiler's view of every file (both tsconfig projects).
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { requireDefaultForNonUnion: false, considerDefaultExhaustiveForUnions: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      // Small modules: a file that outgrows this is split along a seam (blank lines and comments count).
      'max-lines': ['error', { max: 400 }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noIoPaths, patterns: noIo }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', 'electron', 'better-sqlite3', 'node:*', '@polkadot/*'],
              message: 'The renderer talks only through the API contract.',
            },
          ],
        },
      ],
    },
  },
);
