/**
 * Scaling out: two API instances, each with its own driver over neo4j:// (routing), as
 * two replicas behind a load balancer would be. Reads go as READ transactions and writes
 * as WRITE; a write's bookmarks come back in X-Neo4j-Bookmark, and the other instance,
 * given that header, starts its transactions after those writes. Neo4j Community is one
 * server, so its routing table names it for every role; the causal chain is checked by
 * what each instance hands the driver, and by Neo4j accepting (or refusing) it.
 */
import neo4j, { type Driver, type SessionConfig } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { BOOKMARK_HEADER, decodeBookmarks, encodeBookmarks } from '../../src/graph/bookmarks.js';
import { createDriver } from '../../src/graph/driver.js';
import { GraphExecutor, type AccessMode } from '../../src/graph/executor.js';
import { TEST_ENV } from '../helpers/env.js';
import { cleanUp } from '../helpers/organisation.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/server.js';

const TAG = 'routetest ';
const database = inject('neo4jDatabase');
const boltUri = inject('neo4jUri');
const routingUri = boltUri.replace(/^bolt:\/\//, 'neo4j://');
const address = routingUri.replace(/^neo4j:\/\//, '');

interface Instance {
  readonly server: TestServer;
  readonly driver: Driver;
  /** Every statement the instance sent, with its transaction's access mode. */
  readonly statements: [string, AccessMode][];
  /** The configuration of every session the instance opened. */
  readonly sessions: SessionConfig[];
}

async function instance(): Promise<Instance> {
  const config = loadConfig({ ...TEST_ENV, NEO4J_URI: routingUri, NEO4J_DATABASE: database });
  const driver = createDriver(config.neo4j);
  const sessions: SessionConfig[] = [];
  const open = driver.session.bind(driver);
  driver.session = (sessionConfig?: SessionConfig) => (sessions.push(sessionConfig ?? {}), open(sessionConfig));
  const statements: [string, AccessMode][] = [];
  const graph = new GraphExecutor(driver, { database }).withObserver(
    (name, mode) => void statements.push([name, mode]),
  );
  return { server: await startTestServer({ graph }), driver, statements, sessions };
}

let a: Instance;
let b: Instance;
beforeAll(async () => {
  expect(routingUri).toMatch(/^neo4j:\/\/[^/]+:\d+$/);
  [a, b] = [await instance(), await instance()];
  await cleanUp(a.server.graph, TAG);
});
afterAll(async () => {
  await cleanUp(a.server.graph, TAG);
  for (const each of [a, b]) {
    await each.server.close();
    await each.driver.close();
  }
});

/** Sends `query` to one instance and records what it sent to Neo4j and with which bookmarks. */
async function through<T>(
  to: Instance,
  query: string,
  variables: Record<string, unknown> = {},
  bookmark?: string,
): Promise<{
  response: GraphQLResponse<T>;
  statements: [string, AccessMode][];
  sessions: SessionConfig[];
  bookmark: string | null;
}> {
  const [statementsBefore, sessionsBefore] = [to.statements.length, to.sessions.length];
  const response = await to.server.gql<T>(
    query,
    variables,
    bookmark === undefined ? {} : { 'X-Neo4j-Bookmark': bookmark },
  );
  return {
    response,
    statements: to.statements.slice(statementsBefore),
    sessions: to.sessions.slice(sessionsBefore),
    bookmark: response.headers.get(BOOKMARK_HEADER),
  };
}

const CREATE = `mutation ($name: String!) { createAISystem(input: {name: $name, lifecycleStage: DEPLOYMENT}) { aiSystem { id version } } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $purpose: String!) { updateAISystem(id: $id, expectedVersion: $v, input: {purpose: $purpose}) { aiSystem { version purpose } } }`;
const READ = `query ($id: ID!) { node(id: $id) { ... on AISystem { name version purpose } } frameworks { id } }`;

describe('neo4j:// routing against one server', () => {
  it('gets a routing table that names the server for reads, writes and routing', async () => {
    const session = a.driver.session({ database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(
        'CALL dbms.routing.getRoutingTable({}, $database) YIELD servers RETURN servers',
        { database },
      );
      const servers = result.records[0]!.get('servers') as { role: string; addresses: string[] }[];
      expect(Object.fromEntries(servers.map((s) => [s.role, s.addresses]))).toEqual({
        WRITE: [address],
        READ: [address],
        ROUTE: [address],
      });
      expect(result.summary.server.address).toBe(address);
    } finally {
      await session.close();
    }
    const ready = await fetch(`${a.server.url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('sends the access mode to the server, which refuses a write in a READ transaction', async () => {
    const session = a.driver.session({ database, defaultAccessMode: neo4j.session.READ });
    try {
      await expect(session.executeRead((tx) => tx.run('CREATE (:RoutingProbe)'))).rejects.toMatchObject({
        code: 'Neo.ClientError.Statement.AccessMode',
      });
    } finally {
      await session.close();
    }
  });

  it('runs a query as READ transactions only, and hands out no bookmark for it', async () => {
    const { response, statements, sessions, bookmark } = await through(
      a,
      '{ frameworks { id roots { id } } aiSystems(first: 5) { edges { node { id } } } }',
    );
    expect(response.body.errors).toBeUndefined();
    expect(statements.length).toBeGreaterThan(1);
    expect(new Set(statements.map(([, mode]) => mode))).toEqual(new Set(['READ']));
    expect(sessions.every((s) => s.defaultAccessMode === neo4j.session.READ)).toBe(true);
    expect(bookmark).toBeNull();
  });
});

describe('read-your-writes across instances', () => {
  it('a write through A returns a bookmark that B’s reads start after', async () => {
    const write = await through<{ createAISystem: { aiSystem: { id: string; version: number } } }>(a, CREATE, {
      name: `${TAG}hiring`,
    });
    expect(write.response.body.errors).toBeUndefined();
    expect(write.statements).toContainEqual(['createAISystem', 'WRITE']);
    expect(write.bookmark).toMatch(/^[A-Za-z0-9_-]+$/);
    const bookmarks = decodeBookmarks(write.bookmark!);
    expect(bookmarks.length).toBeGreaterThan(0);

    const id = write.response.body.data!.createAISystem.aiSystem.id;
    const read = await through<{ node: { name: string; version: number } }>(b, READ, { id }, write.bookmark!);
    expect(read.response.body.errors).toBeUndefined();
    expect(read.response.body.data!.node).toMatchObject({ name: `${TAG}hiring`, version: 1 });
    // Every transaction B ran for the request waited for A's write, and all were reads.
    expect(read.sessions.length).toBeGreaterThan(0);
    for (const session of read.sessions) expect(session.bookmarks).toEqual(bookmarks);
    expect(new Set(read.statements.map(([, mode]) => mode))).toEqual(new Set(['READ']));
    // Nothing written: the client's bookmarks come back as they were.
    expect(read.bookmark).toBe(write.bookmark);
  });

  it('carries the header through several writes, alternating instances', async () => {
    const created = await through<{ createAISystem: { aiSystem: { id: string } } }>(b, CREATE, {
      name: `${TAG}triage`,
    });
    const id = created.response.body.data!.createAISystem.aiSystem.id;
    let bookmark = created.bookmark!;
    const seen = [bookmark];
    for (const [version, to] of [
      [1, a],
      [2, b],
      [3, a],
    ] as const) {
      const update = await through<{ updateAISystem: { aiSystem: { version: number } } }>(
        to,
        UPDATE,
        { id, v: version, purpose: `step ${version}` },
        bookmark,
      );
      expect(update.response.body.errors).toBeUndefined();
      expect(update.response.body.data!.updateAISystem.aiSystem.version).toBe(version + 1);
      // The write waited for the one before it, on the other instance.
      for (const session of update.sessions) expect(session.bookmarks).toEqual(decodeBookmarks(bookmark));
      expect(update.bookmark).not.toBeNull();
      bookmark = update.bookmark!;
      seen.push(bookmark);
    }
    expect(new Set(seen).size).toBe(seen.length);
    const read = await through<{ node: { version: number; purpose: string } }>(b, READ, { id }, bookmark);
    expect(read.response.body.data!.node).toMatchObject({ version: 4, purpose: 'step 3' });
  });

  it('chains the writes of one request: each starts after the one before', async () => {
    const two = `mutation ($x: String!, $y: String!) {
      x: createAISystem(input: {name: $x, lifecycleStage: DEPLOYMENT}) { aiSystem { id } }
      y: createAISystem(input: {name: $y, lifecycleStage: DEPLOYMENT}) { aiSystem { id } }
    }`;
    const write = await through(a, two, { x: `${TAG}first`, y: `${TAG}second` });
    expect(write.response.body.errors).toBeUndefined();
    const writes = write.sessions.filter((s) => s.defaultAccessMode === neo4j.session.WRITE);
    expect(writes).toHaveLength(2);
    expect(writes[0]!.bookmarks).toBeUndefined();
    expect(writes[1]!.bookmarks).toHaveLength(1);
    // The response holds the last write's bookmark alone: it stands for both.
    expect(decodeBookmarks(write.bookmark!)).toHaveLength(1);
    expect(decodeBookmarks(write.bookmark!)).not.toEqual(writes[1]!.bookmarks);
  });
});

describe('API keys across instances', () => {
  it('a key made through A works at once through B, whose lookup waits for A’s write', async () => {
    const created = await through<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      a,
      'mutation ($name: String!) { createApiKey(input: { name: $name, role: VIEWER }) { key apiKey { id } } }',
      { name: `routetest-key-${Date.now()}` },
    );
    expect(created.response.body.errors).toBeUndefined();
    const { key, apiKey } = created.response.body.data!.createApiKey;
    try {
      const sessionsBefore = b.sessions.length;
      const read = await b.server.gql(
        '{ frameworks { id } }',
        {},
        { authorization: `Bearer ${key}`, 'X-Neo4j-Bookmark': created.bookmark! },
      );
      expect(read.status).toBe(200);
      expect(read.body.errors).toBeUndefined();
      const lookup = b.sessions.slice(sessionsBefore)[0]!;
      expect(lookup.bookmarks).toEqual(decodeBookmarks(created.bookmark!));
    } finally {
      const revoked = await a.server.gql('mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: apiKey.id });
      expect(revoked.body.errors).toBeUndefined();
    }
  });
});

describe('the bookmark header', () => {
  it('refuses a malformed header with 400 BAD_REQUEST, before anything runs', async () => {
    for (const bad of [
      'not a token',
      'FB:kcwQ==',
      `${encodeBookmarks(['FB:x'])}, ${encodeBookmarks(['FB:y'])}`,
      'A'.repeat(10_000),
    ]) {
      const sent = a.statements.length;
      const { response } = await through(a, '{ frameworks { id } }', {}, bad);
      expect(response.status).toBe(400);
      expect(response.body.errors![0]!.extensions).toEqual({ code: 'BAD_REQUEST' });
      expect(a.statements.length).toBe(sent);
    }
  });

  it('answers BAD_USER_INPUT for a well-formed bookmark this database never issued', async () => {
    const { response } = await through(b, '{ frameworks { id } }', {}, encodeBookmarks(['FB:not-a-neo4j-bookmark']));
    expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(response.body)).not.toMatch(/Neo\.|FB:/);
  });
});
