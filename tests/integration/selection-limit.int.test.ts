/**
 * Selection floods: one small document (under the token limit) that repeats a field
 * thousands of times costs graphql-js's validation dearly (overlapping fields are
 * compared in pairs). The number of selections is limited before validation runs, so a
 * flood is refused in milliseconds and the service stays responsive while it comes in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const FLOOD = `{ ${'serviceInfo { version } '.repeat(1990)}}`;

async function send(query: string): Promise<{
  status: number;
  ms: number;
  body: { errors?: { message: string; extensions?: Record<string, unknown> }[] };
}> {
  const started = performance.now();
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await authHeaders('VIEWER')) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as never;
  return { status: response.status, ms: performance.now() - started, body };
}

describe('selection floods', () => {
  it('refuses the same field 1,990 times with QUERY_TOO_COMPLEX (limit: selections), in milliseconds', async () => {
    await send(FLOOD); // warm up
    const { status, ms, body } = await send(FLOOD);
    expect(status, JSON.stringify(body).slice(0, 300)).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'selections',
      max: 500,
      actual: 3980,
    });
    expect(ms).toBeLessThan(250);
  });

  it('counts fragment spreads where they are written, and a fragment’s own selections once', async () => {
    const spreads = await send(`{ serviceInfo { ${'...V '.repeat(1200)}} } fragment V on ServiceInfo { version }`);
    expect(spreads.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'selections',
      actual: 1202,
    });
    const once = await send(
      `{ a: serviceInfo { ...V } b: serviceInfo { ...V } } fragment V on ServiceInfo { ${'version '.repeat(400)}}`,
    );
    expect([once.status, once.body.errors]).toEqual([200, undefined]);
  });

  it('keeps /healthz answering at once while 10 floods arrive together', async () => {
    const floods = Array.from({ length: 10 }, () => send(FLOOD));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    const health = await fetch(`${server.url}/healthz`);
    const healthMs = performance.now() - started;
    const answers = await Promise.all(floods);
    expect(health.status).toBe(200);
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 10 }, () => 400));
    expect(healthMs).toBeLessThan(300);
  });
});
