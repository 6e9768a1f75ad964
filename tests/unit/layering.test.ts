/**
 * The layering rules in eslint.config.js fire: each bad line below, linted as if it were
 * a file at its path in the tree, is refused by the rule that guards that boundary, and
 * the same file without it passes.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const cases: [string, string, string, RegExp][] = [
  [
    'a resolver importing the graph executor',
    'src/resolvers/zz-fixture.ts',
    "import { GraphExecutor } from '../graph/executor.js';\nexport const x = GraphExecutor;\n",
    /import-x\/no-restricted-paths: .*Resolvers reach the graph through services/,
  ],
  [
    'a resolver opening a transaction',
    'src/resolvers/zz-fixture.ts',
    "export const run = (scope: { graph: { transaction(mode: string): void } }) => scope.graph.transaction('WRITE');\n",
    /no-restricted-syntax: Resolvers open no transactions/,
  ],
  [
    'a command importing a resolver',
    'src/cli/zz-fixture.ts',
    "import { coverageResolvers } from '../resolvers/coverage.js';\nexport const x = coverageResolvers;\n",
    /import-x\/no-restricted-paths: .*Commands call services\/, never resolvers/,
  ],
  [
    'a command running a statement of its own',
    'src/cli/zz-fixture.ts',
    "import { listChanges } from '../graph/statements/changes.js';\nexport const x = listChanges;\n",
    /import-x\/no-restricted-paths: .*Commands run no statements of their own/,
  ],
  [
    'a service importing a resolver',
    'src/services/zz-fixture.ts',
    "import { coverageResolvers } from '../resolvers/coverage.js';\nexport const x = coverageResolvers;\n",
    /import-x\/no-restricted-paths: .*services\/ sit below resolvers/,
  ],
  [
    'the service importing a benchmark tool',
    'src/services/zz-fixture.ts',
    "import { syntheticCounts } from '../../bench/synthetic/plan.js';\nexport const x = syntheticCounts;\n",
    /import-x\/no-restricted-paths: .*src\/ never imports bench\//,
  ],
  [
    'Cypher written outside graph/statements/',
    'src/services/zz-fixture.ts',
    "export const statement = { name: 'count', cypher: 'MATCH (n) RETURN count(n)', params: {} };\n",
    /no-restricted-syntax: Cypher is written only in src\/graph\/statements\//,
  ],
  [
    'a service appending to the change log outside the write recipe',
    'src/services/zz-fixture.ts',
    "import { appendChanges } from '../graph/statements/changes.js';\nexport const x = appendChanges;\n",
    /no-restricted-imports: .*only by the write recipe/,
  ],
  [
    'config.ts importing the service',
    'src/config.ts',
    "import { PERMISSIONS } from './auth/roles.js';\nexport const x = PERMISSIONS;\n",
    /import-x\/no-restricted-paths: .*config\.ts is the bottom of the tree/,
  ],
];

describe('layering rules', () => {
  it.each(cases)('refuse %s', async (_, filePath, code, rule) => {
    const found = await problems(filePath, code);
    expect(
      found.some((p) => rule.test(p)),
      found.join('\n'),
    ).toBe(true);
  });

  it('let the same places do what they may', async () => {
    expect(
      await problems(
        'src/resolvers/zz-fixture.ts',
        "import { coverage } from '../services/coverage.js';\nexport const x = coverage;\n",
      ),
    ).toEqual([]);
    expect(
      await problems('src/cli/zz-fixture.ts', "import { sync } from '../services/sync.js';\nexport const x = sync;\n"),
    ).toEqual([]);
    expect(
      await problems(
        'src/graph/statements/zz-fixture.ts',
        "export const statement = { name: 'count', cypher: 'MATCH (n) RETURN count(n)', params: {} };\n",
      ),
    ).toEqual([]);
  });
});
