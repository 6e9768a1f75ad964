/**
 * Neo4j going away, freezing or running out of time under a running service: on a Neo4j
 * of its own (.local/neo4j/outage, port TEST_OUTAGE_BOLT_PORT or 7692), never the shared
 * test instance, this file stops, restarts and pauses (SIGSTOP) a real local Neo4j.
 * While it is down or frozen, requests fail promptly with SERVICE_UNAVAILABLE instead of
 * waiting out timeouts; once it is back, the service recovers by itself and nothing
 * written before was lost. A transaction that runs out of its time answers TIMEOUT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { loadConfig, type LocalNeo4jConfig } from '../../src/config.js';
import { Circuit } from '../../src/graph/circuit.js';
import { createDriver } from '../../src/graph/driver.js';
import { GraphExecutor } from '../../src/graph/executor.js';
import { Liveness } from '../../src/graph/liveness.js';
import { reset, start, stop, type RunningNeo4j } from '../../src/graph/local/local-neo4j.js';
import { migrate } from '../../src/graph/migrations.js';
import { authHeaders } from '../helpers/auth.js';
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
  server.gql(
    `mutation ($name: String!) { createAISystem(input: { name: $name, lifecycleStage: DEPLOYMENT }) { aiSystem { id name } } }`,
    {
      name,
    },
  );
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
    for (const response of burst.result)
      expect(response.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(burst.ms).toBeLessThan(PROMPT_MS);
    say(`down: read ${read.ms} ms, write ${write.ms} ms, readyz ${ready.ms} ms, 5 reads ${burst.ms} ms`);

    running = await start(local, { detached: false, say });
    mark = Date.now();
    await expect
      .poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 60_000, interval: 250 })
      .toBe(200);
    say(`ready again ${Date.now() - mark} ms after Neo4j started`);

    const after = await server.gql(listSystems);
    expect(after.body.errors).toBeUndefined();
    // Written before the outage: still there. Attempted during it: never happened.
    expect(namesOf(after.body.data)).toEqual(['Outage record: before']);
    const again = await createSystem('Outage record: after');
    expect(again.body.errors).toBeUndefined();
  }, 180_000);
});

/** SIGSTOP: the process keeps its sockets open and answers nothing, so neither a refused connection nor Neo4j's own timeout ends a wait. */
async function whileFrozen<T>(work: () => Promise<T>): Promise<T> {
  const pid = running?.pid;
  if (pid === undefined) throw new Error('the outage Neo4j is not running');
  process.kill(pid, 'SIGSTOP');
  try {
    return await work();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

/** The liveness check's default: a statement waits this long before asking, and the answer may take as long again. */
const LIVENESS_MS = 3000;

describe('while Neo4j is frozen', () => {
  it('gives up within seconds with SERVICE_UNAVAILABLE, stays alive but not ready, and recovers once Neo4j resumes', async () => {
    // Connections in the pool, as on a service that has been serving: the freeze catches statements, not connects.
    await Promise.all([
      createSystem('Outage record: before freezing'),
      server.gql(listSystems),
      server.gql(listSystems),
    ]);
    const frozen = await whileFrozen(async () => {
      const reads = await timed(() => Promise.all([server.gql(listSystems), server.gql(listSystems)]));
      const health = await timed(() => fetch(`${server.url}/healthz`));
      const ready = await timed(() => fetch(`${server.url}/readyz`));
      const next = await timed(() => server.gql(listSystems));
      return { reads, health, ready, next };
    });
    for (const response of frozen.reads.result) {
      expect(response.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(response.body.errors?.[0]?.message).toBe('The graph database stopped answering; try again shortly');
    }
    expect(frozen.reads.ms).toBeGreaterThanOrEqual(LIVENESS_MS);
    expect(frozen.reads.ms).toBeLessThan(2 * LIVENESS_MS + PROMPT_MS);
    expect(frozen.health.result.status).toBe(200);
    expect(frozen.health.ms).toBeLessThan(1000);
    expect(frozen.ready.result.status).toBe(503);
    // The circuit is open: the next request does not wait at all.
    expect(frozen.next.result.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(frozen.next.ms).toBeLessThan(1000);
    say(
      `frozen: 2 reads given up after ${frozen.reads.ms} ms, healthz ${frozen.health.ms} ms, readyz ${frozen.ready.ms} ms, next ${frozen.next.ms} ms`,
    );

    const mark = Date.now();
    await expect
      .poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 30_000, interval: 250 })
      .toBe(200);
    say(`ready again ${Date.now() - mark} ms after Neo4j resumed`);
    const after = await server.gql(listSystems);
    expect(after.body.errors).toBeUndefined();
    expect(namesOf(after.body.data)).toContain('Outage record: before freezing');
  }, 90_000);

  it('answers TIMEOUT for a transaction that outlives its time, and HTTP 504 with Retry-After on a report', async () => {
    const graph = new GraphExecutor(driver!, {
      database: config.neo4j.database,
      timeoutMs: 500,
      circuit: new Circuit({ coolDownMs: 1000 }),
    });
    const short = await startTestServer({ graph });
    try {
      const headers = await authHeaders('VIEWER');
      const report = (): Promise<Response> =>
        fetch(`${short.url}/reports/api/coverage?framework=iso42001`, { headers });
      await Promise.all([short.gql(listSystems), report(), report()]);
      const { ms, result } = await timed(() => whileFrozen(() => Promise.all([short.gql(listSystems), report()])));
      const [answer, page] = result;
      expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'TIMEOUT', timeoutMs: 500 });
      expect(answer.body.errors?.[0]?.message).toBe(
        'The database did not finish this request within 0.5 s; try again later or ask for less',
      );
      expect(page.status).toBe(504);
      expect(page.headers.get('retry-after')).toBe('5');
      expect(await page.json()).toMatchObject({ errors: [{ extensions: { code: 'TIMEOUT' } }] });
      // Its time and the liveness bound, before the liveness check itself would have given up.
      expect(ms).toBeGreaterThanOrEqual(500 + LIVENESS_MS);
      expect(ms).toBeLessThan(2 * LIVENESS_MS + 1000);
    } finally {
      await short.close();
    }
    await expect
      .poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 30_000, interval: 250 })
      .toBe(200);
  }, 90_000);

  it("turns Neo4j's own end of a transaction that ran out of its time into TIMEOUT", async () => {
    // A liveness bound far beyond Neo4j's transaction monitor (which looks every 2 s): the answer is Neo4j's.
    const graph = new GraphExecutor(driver!, {
      database: config.neo4j.database,
      timeoutMs: 200,
      liveness: new Liveness(() => driver!.verifyConnectivity(), 30_000),
    });
    const { ms, result } = await timed(() =>
      graph
        .read({
          name: 'countToTwoBillion',
          cypher: 'UNWIND range(1, 2000000000) AS x RETURN count(x) AS n',
          params: {},
        })
        .catch((error: unknown) => error),
    );
    expect(result).toMatchObject({ extensions: { code: 'TIMEOUT', timeoutMs: 200 }, statement: 'countToTwoBillion' });
    expect(ms).toBeLessThan(15_000);
  }, 60_000);
});
