// Lint rules, including the layering of the source tree (see README, "Layout"):
// server -> resolvers -> loaders -> graph -> neo4j-driver; crosswalk/ and coverage/ are
// pure; only graph/ imports the driver; only config.ts reads the environment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const pure = ['src/crosswalk', 'src/coverage', 'src/domain'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.local/', 'src/generated/', 'queries/generated/', 'src/reports/generated/', 'examples/integrator/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['scripts/**/*.mjs', 'vendor/**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  {
    // The reports' browser script (served as it is, no build step).
    files: ['src/reports/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', location: 'readonly', localStorage: 'readonly', fetch: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src', from: './tests', message: 'src/ never imports tests/.' },
            { target: './src', from: './bench', message: 'src/ never imports bench/: the benchmarks and the synthetic generator are tools outside the service.' },
            ...pure.map((target) => ({
              target: `./${target}`,
              from: './src',
              except: pure.map((p) => `./${p.replace('src/', '')}`),
              message: 'crosswalk/, coverage/ and domain/ are pure: they import only each other.',
            })),
            { target: './src/graph', from: ['./src/resolvers', './src/loaders', './src/server.ts', './src/http.ts'], message: 'graph/ sits below resolvers and loaders.' },
            { target: './src/loaders', from: ['./src/resolvers', './src/server.ts'], message: 'loaders/ sit below resolvers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/graph/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'neo4j-driver', message: 'Only src/graph/ talks to Neo4j.' }] },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads the environment.' },
      ],
    },
  },
  {
    files: pure.map((p) => `${p}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(node:|neo4j-driver|graphql|dataloader|pino|@apollo)', message: 'Pure modules do no I/O.' }] },
      ],
    },
  },
);
