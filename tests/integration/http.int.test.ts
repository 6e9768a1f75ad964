import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDriver } from '../../src/graph/driver.js';
import { GraphExecutor } from '../../src/graph/executor.js';
import { authHeaders } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let auth: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: 64 * 1024 });
  auth = await authHeaders('VIEWER');
});
afterAll(() => server.close());

describe('HTTP front', () => {
  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${server.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: 'ready', checks: { neo4j: 'ok', migrations: 'ok' } },
    ]);
  });

  it('echoes a caller request id and makes one up otherwise', async () => {
    const given = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the playground to browsers from /graphql, and / redirects there', async () => {
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    // It keeps an API key in the browser: no other site may frame it.
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).toContain('<title>aims-graph</title>');
    expect(html).toContain('query Frameworks');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/graphql']);
  });

  it('refuses oversized bodies with 413 and malformed JSON with 400', async () => {
    const big = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: `{ frameworks { id } } # ${'x'.repeat(70 * 1024)}` }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
    });
    const bad = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: '{"query": ',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({
      code: 'BAD_REQUEST',
    });
  });

  it('refuses text with an unpaired surrogate with 400, which Neo4j would store altered', async () => {
    const query = 'query ($text: String) { aiSystems(filter: { text: $text }) { totalCount } }';
    const paired = await server.gql(query, { text: '\ud83e\udd16 robot' });
    expect([paired.status, paired.body.errors]).toEqual([200, undefined]);
    for (const text of ['\ud800', 'end \ud83e', '\udd16 start']) {
      const lone = await server.gql(query, { text });
      expect(lone.status, JSON.stringify(text)).toBe(400);
      expect(lone.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
    }
  });

  it('answers more than 50 bad variable values with BAD_USER_INPUT alone, not INTERNAL_SERVER_ERROR', async () => {
    const { status, body } = await server.gql(
      'mutation ($input: CreatePartyInput!) { createParty(input: $input) { party { id } } }',
      {
        input: { name: 'http many refs', kind: 'PERSON', externalRefs: Array.from({ length: 60 }, () => null) },
      },
    );
    expect(status).toBe(400);
    expect(body.errors!.length).toBeGreaterThan(50);
    expect(new Set(body.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
  });

  it('answers a persisted-query hash that does not match its query with BAD_REQUEST, not INTERNAL_SERVER_ERROR', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders()) },
      body: JSON.stringify({
        query: '{ frameworks { id } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({
      code: 'BAD_REQUEST',
    });
  });

  it('blocks simple cross-site GET requests (CSRF prevention)', async () => {
    const query = encodeURIComponent('{ frameworks { id } }');
    const simple = await fetch(`${server.url}/graphql?query=${query}`, { headers: auth });
    expect(simple.status).toBe(400);
    const preflighted = await fetch(`${server.url}/graphql?query=${query}`, {
      headers: { 'apollo-require-preflight': 'true', ...auth },
    });
    expect(preflighted.status).toBe(200);
  });

  it('answers unknown paths with 404', async () => {
    expect((await fetch(`${server.url}/admin`)).status).toBe(404);
  });

  it('reports not ready, and SERVICE_UNAVAILABLE, while Neo4j cannot be reached', async () => {
    // A driver pointed at a port where nothing listens stands in for a Neo4j that is down.
    const config = loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:9', NODE_ENV: 'test' });
    const driver = createDriver(config.neo4j, config.neo4j.uri, { maxTransactionRetryTime: 500 });
    const down = await startTestServer({ graph: new GraphExecutor(driver, { database: 'neo4j' }) });
    try {
      const ready = await fetch(`${down.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', checks: { neo4j: 'unreachable' } });
      const { status, body } = await down.gql('{ frameworks { id } }');
      expect(status).toBe(200);
      expect(body.errors![0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' }, path: ['frameworks'] });
      expect(JSON.stringify(body)).not.toMatch(/stack|bolt:|127\.0\.0\.1/i);
    } finally {
      await down.close();
      await driver.close();
    }
  });
});
