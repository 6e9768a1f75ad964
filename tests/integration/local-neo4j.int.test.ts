import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { start, status } from '../../src/graph/local/local-neo4j.js';
import { TEST_ENV } from '../helpers/env.js';
import { testGraph } from '../helpers/server.js';

const config = loadConfig(TEST_ENV);
const local = config.neo4j.kind === 'local' ? config.neo4j.local : undefined;
const { driver, graph } = testGraph();
afterAll(() => driver.close());

describe.skipIf(local === undefined || process.env.NEO4J_URI !== undefined)('local Neo4j', () => {
  it('is running, on loopback, as Neo4j 5.26 Community', async () => {
    expect(status(local!).state).toBe('running');
    const [row] = await graph.read<{ version: string; edition: string }>({
      name: 'test',
      cypher: 'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
      params: {},
    });
    expect(row!.version).toMatch(/^5\.26\./);
    expect(row!.edition).toBe('community');
  });

  it('start is idempotent: a second start finds the running instance and leaves it alone', async () => {
    const lines: string[] = [];
    const again = await start(local!, { detached: true, say: (l) => lines.push(l) });
    expect(again.startedHere).toBe(false);
    expect(lines[0]).toMatch(/already running/);
    await again.release();
    expect(status(local!).state).toBe('running');
  });

  it('keeps the store in the git-ignored .local folder', () => {
    expect(local!.home).toMatch(/\.local\/neo4j\/test$/);
  });
});
