import { afterAll, describe, expect, it } from 'vitest';
import {
  checksum,
  isMigrated,
  migrate,
  MigrationError,
  MIGRATIONS,
  type Migration,
} from '../../src/graph/migrations.js';
import { testGraph } from '../helpers/server.js';

const { driver, graph } = testGraph();
const probe: Migration = {
  version: 90_001,
  name: 'test-only probe index',
  statements: ['CREATE INDEX test_probe_index IF NOT EXISTS FOR (n:TestProbe) ON (n.key)'],
};

afterAll(async () => {
  await graph.write({ name: 'dropProbe', cypher: 'DROP INDEX test_probe_index IF EXISTS', params: {} });
  await graph.write({ name: 'forgetProbe', cypher: 'MATCH (m:Migration {version: 90001}) DELETE m', params: {} });
  await driver.close();
});

describe('migrations', () => {
  it('are recorded in the graph and applying them again does nothing', async () => {
    expect(await isMigrated(graph)).toBe(true);
    const again = await migrate(graph);
    expect(again.applied).toEqual([]);
    const rows = await graph.read<{ version: number; checksum: string }>({
      name: 'test',
      cypher:
        'MATCH (m:Migration) WHERE m.version < 90000 RETURN m.version AS version, m.checksum AS checksum ORDER BY version',
      params: {},
    });
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, checksum: checksum(m) })));
  });

  it('create a uniqueness constraint for every node key', async () => {
    const rows = await graph.read<{ label: string; properties: string[] }>({
      name: 'test',
      cypher:
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties",
      params: {},
    });
    const keys = rows.map((r) => `${r.label}(${r.properties.join(',')})`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'Framework(id)',
        'Requirement(id)',
        'Requirement(frameworkId,ref)',
        'Migration(version)',
        'SeedState(id)',
      ]),
    );
  });

  it('apply a new migration once, and refuse one edited after it was applied', async () => {
    const first = await migrate(graph, [...MIGRATIONS, probe]);
    expect(first.applied).toEqual([90_001]);
    expect((await migrate(graph, [...MIGRATIONS, probe])).applied).toEqual([]);
    const edited = {
      ...probe,
      statements: [...probe.statements, 'CREATE INDEX other IF NOT EXISTS FOR (n:TestProbe) ON (n.other)'],
    };
    await expect(migrate(graph, [...MIGRATIONS, edited])).rejects.toThrowError(MigrationError);
  });
});
