/**
 * /readyz checks the migration record every time it asks Neo4j (at most once a second),
 * not once: a store wiped or replaced under a running service is not ready until it is
 * migrated again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HIDDEN = 'MigrationHiddenByReadinessTest';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await restore();
  await server.close();
});

/** The migration record taken out of sight (relabelled, so it comes back exactly as it was). */
const hide = () =>
  server.graph.write({ name: 'test', cypher: `MATCH (m:Migration) REMOVE m:Migration SET m:${HIDDEN}`, params: {} });
const restore = () =>
  server.graph.write({ name: 'test', cypher: `MATCH (m:${HIDDEN}) REMOVE m:${HIDDEN} SET m:Migration`, params: {} });

async function readyz(): Promise<{ status: number; checks: Record<string, string> }> {
  const response = await fetch(`${server.url}/readyz`);
  return { status: response.status, checks: ((await response.json()) as { checks: Record<string, string> }).checks };
}

describe('/readyz and the migration record', () => {
  it('answers 503 naming migrations once the record is gone, and 200 again once it is back', async () => {
    expect(await readyz()).toEqual({ status: 200, checks: { neo4j: 'ok', migrations: 'ok' } });
    await hide();
    await expect
      .poll(readyz, { timeout: 5000, interval: 200 })
      .toEqual({ status: 503, checks: { neo4j: 'ok', migrations: 'pending' } });
    await restore();
    await expect
      .poll(readyz, { timeout: 5000, interval: 200 })
      .toEqual({ status: 200, checks: { neo4j: 'ok', migrations: 'ok' } });
  });

  it('asks Neo4j at most once a second, however often it is asked', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    server.statements.length = 0;
    await Promise.all(Array.from({ length: 20 }, () => readyz()));
    expect(server.statements.filter((name) => name === 'listMigrations').length).toBe(1);
  });
});
