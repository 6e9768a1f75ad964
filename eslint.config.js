// Lint rules, including the layering of the source tree (see README, "Layout"):
// server -> resolvers -> services -> loaders/graph -> neo4j-driver; crosswalk/, coverage/
// and domain/ are pure; only graph/ imports the driver; only config.ts reads the
// environment and it imports nothing of the service; Cypher is written only in
// graph/statements/. tests/unit/layering.test.ts shows each rule firing.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const pure = ['src/crosswalk', 'src/coverage', 'src/domain'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.local/',
      'src/generated/',
      'queries/generated/',
      'src/reports/generated/',
      'examples/integrator/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', 'vendor/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The reports' browser script (served as it is, no build step).
    files: ['src/reports/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        localStorage: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
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
            {
              target: './src',
              from: './bench',
              message:
                'src/ never imports bench/: the benchmarks and the synthetic generator are tools outside the service.',
            },
            ...pure.map((target) => ({
              target: `./${target}`,
              from: './src',
              except: pure.map((p) => `./${p.replace('src/', '')}`),
              message: 'crosswalk/, coverage/ and domain/ are pure: they import only each other.',
            })),
            {
              target: './src/graph',
              from: ['./src/resolvers', './src/services', './src/loaders', './src/server.ts', './src/http.ts'],
              message: 'graph/ sits below resolvers, services and loaders.',
            },
            {
              target: './src/services',
              from: ['./src/resolvers', './src/server.ts', './src/http.ts', './src/cli'],
              message: 'services/ sit below resolvers and the commands.',
            },
            {
              target: './src/resolvers',
              from: './src/graph',
              except: ['./rows.ts'],
              message:
                'Resolvers reach the graph through services/ (or loaders for a plain read by id); of graph/ they read only the row types.',
            },
            { target: './src/cli', from: './src/resolvers', message: 'Commands call services/, never resolvers.' },
            {
              target: './src/cli',
              from: './src/graph/statements',
              message: 'Commands run no statements of their own: they call services/.',
            },
            {
              target: './src/config.ts',
              from: './src',
              except: ['./config.ts'],
              message: 'config.ts is the bottom of the tree: it imports nothing of the service.',
            },
            {
              target: './src/loaders',
              from: ['./src/resolvers', './src/server.ts'],
              message: 'loaders/ sit below resolvers.',
            },
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
        {
          paths: [{ name: 'neo4j-driver', message: 'Only src/graph/ talks to Neo4j.' }],
          patterns: [
            {
              group: ['**/graph/statements/changes.js'],
              importNames: ['appendChanges'],
              message: 'The change log is appended only by the write recipe, services/changes.ts write().',
            },
          ],
        },
      ],
    },
  },
  {
    // The write recipe itself.
    files: ['src/services/changes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'neo4j-driver', message: 'Only src/graph/ talks to Neo4j.' }] },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/graph/statements/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='cypher']",
          message: 'Cypher is written only in src/graph/statements/, as a named statement builder.',
        },
      ],
    },
  },
  {
    files: ['src/resolvers/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='cypher']",
          message: 'Cypher is written only in src/graph/statements/, as a named statement builder.',
        },
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: 'Resolvers open no transactions: a service owns every write.',
        },
        {
          selector: "MemberExpression[property.name='graph']",
          message: 'Resolvers reach the graph through services/ (or loaders for a plain read by id).',
        },
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
        {
          patterns: [
            { regex: '^(node:|neo4j-driver|graphql|dataloader|pino|@apollo)', message: 'Pure modules do no I/O.' },
          ],
        },
      ],
    },
  },
);
