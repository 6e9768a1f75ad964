/**
 * Neo4j going away under a running service, and coming back: on a Neo4j of its own
 * (.local/neo4j/outage, port TEST_OUTAGE_BOLT_PORT or 7692), never the shared test
 * instance, this file stops and restarts a real local Neo4j. While it is down, requests
 * fail promptly with SERVICE_UNAVAILABLE instead of waiting out timeouts; once it is
 * back, the service recovers by itself and nothing written before was lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { loadConfig, type LocalNeo4jConfig } from '../../src/config.js';
import { Circuit } from '../../src/graph/circuit.js';
import { createDriver } from '../../src/graph/driver.js';
import { GraphExecutor } from '../../src/graph/executor.js';
import { reset, start, stop, type RunningNeo4j } from '../../src/graph/local/local-neo4j.js';
import { migrate } from '../../src/graph/migrations.js';
import { TEST_ENV } from '../helpers/env.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const config = loadConfig({
  ...TEST_ENV,
  LOCAL_NEO4J_HOME: '.local/neo4j/outage',
  LOCAL_NEO4J_BOLT_PORT: process.env.TEST_OUTAGE_BOLT_PORT?.trim() || '7692',
  LOCAL_NEO4J_HEAP: '512m',
  LOCAL_NEO4J_PAGECACHE: '64m',
});
if (config.neo4j.kind !== 'local') throw new Error('the outage test needs a local Neo4j of its own');
const local: LocalNeo4jConfig = config.neo4j.local;
const say = (line: string): void => console.error(`[outage] ${line}`);

/** Long enough for any timeout-free answer, far shorter than waiting out the driver's timeouts. */
const PROMPT_MS = 5000;

let running: RunningNeo4j | undefined;
let driver: Driver | undefined;
let server: TestServer;

beforeAll(async () => {
  await reset(local); // a fresh store, and no instance left over from an interrupted run
  running = await start(local, { detached: false, say });
  driver = createDriver(config.neo4j);
  const graph = new GraphExecutor(driver, {
    database: config.neo4j.database,
    circuit: new Circuit({ coolDownMs: config.neo4j.failFast.coolDownMs }),
  });
  await migrate(graph);
  server = await startTestServer({ graph });
}, 180_000);

afterAll(async () => {
  await server?.close();
  await driver?.close();
  await stop(local);
}, 90_000);

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = Date.now();
  const result = await work();
  return { ms: Date.now() - started, result };
}

const listSystems = `{ aiSystems(filter: { text: "Outage record" }) { edges { node { name } } } }`;
const createSystem = (name: string): Promise<Awaited<ReturnType<TestServer['gql']>>> =>
  server.gql(`mutation ($name: String!) { createAISystem(input: { name: $name, lifecycleStage: DEPLOYMENT }) { aiSystem { id name } } }`, {
    name,
  });
const namesOf = (body: Record<string, unknown> | null | undefined): string[] =>
  (body as { aiSystems: { edges: { node: { name: string } }[] } }).aiSystems.edges.map((edge) => edge.node.name).sort();

describe('while Neo4j is down', () => {
  it('fails fast with SERVICE_UNAVAILABLE, stays alive but not ready, and recovers by itself', async () => {
    const before = await createSystem('Outage record: before');
    expect(before.body.errors).toBeUndefined();

    let mark = Date.now();
    await running?.release();
    running = undefined;
    say(`stopped in ${Date.now() - mark} ms`);

    const read = await timed(() => server.gql(listSystems));
    expect(read.result.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(read.result.body.errors?.[0]?.message).toBe('The graph database is unavailable; try again shortly');
    expect(read.ms).toBeLessThan(PROMPT_MS);

    const write = await timed(() => createSystem('Outage record: during'));
    expect(write.result.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(write.ms).toBeLessThan(PROMPT_MS);

    const ready = await timed(() => fetch(`${server.url}/readyz`));
    expect(ready.result.status).toBe(503);
    expect(await ready.result.json()).toEqual({ status: 'unavailable', checks: { neo4j: 'unreachable' } });
    expect(ready.ms).toBeLessThan(PROMPT_MS);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    // A burst of requests while the circuit is open: each answered at once.
    const burst = await timed(() => Promise.all(Array.from({ length: 5 }, () => server.gql(listSystems))));
    for (const response of burst.result) expect(response.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(burst.ms).toBeLessThan(PROMPT_MS);
    say(`down: read ${read.ms} ms, write ${write.ms} ms, readyz ${ready.ms} ms, 5 reads ${burst.ms} ms`);

    running = await start(local, { detached: false, say });
    mark = Date.now();
    await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 60_000, interval: 250 }).toBe(200);
    say(`ready again ${Date.now() - mark} ms after Neo4j started`);

    const after = await server.gql(listSystems);
    expect(after.body.errors).toBeUndefined();
    // Written before the outage: still there. Attempted during it: never happened.
    expect(namesOf(after.body.data)).toEqual(['Outage record: before']);
    const again = await createSystem('Outage record: after');
    expect(again.body.errors).toBeUndefined();
  }, 180_000);
});
