/**
 * GET /metrics: refused without access, served with the bearer token or when public;
 * after a few operations the text counts them by name, their errors by code, their
 * Neo4j statements, and DataLoader batches of more than one key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const TOKEN = 'scrape-secret-0123456789';
let closed: TestServer;
let withToken: TestServer;
let open: TestServer;
beforeAll(async () => {
  closed = await startTestServer({ metricsAccess: { kind: 'credential' } });
  withToken = await startTestServer({ metricsAccess: { kind: 'token', token: TOKEN } });
  open = await startTestServer({ metricsAccess: { kind: 'public' } });
});
afterAll(async () => {
  await closed.close();
  await withToken.close();
  await open.close();
});

const scrape = (server: TestServer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/metrics`, { headers });

/** The value of one sample line, e.g. sample(text, 'x_count', {a: 'b'}); undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = new Map([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present.get(k) === v)) return Number(match[3]);
  }
  return undefined;
}

describe('/metrics access', () => {
  it('needs a credential whose role may read metrics (ADMIN) when neither public nor token', async () => {
    const response = await scrape(closed, { authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await response.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({
      code: 'UNAUTHENTICATED',
    });
    expect((await scrape(closed)).status).toBe(401);
    // A valid credential without the role is forbidden, not unauthenticated: sending it again will not help.
    for (const role of ['VIEWER', 'EDITOR', 'INTEGRATOR'] as const) {
      const refused = await scrape(closed, await authHeaders(role));
      expect(refused.status, role).toBe(403);
      expect(((await refused.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({
        code: 'FORBIDDEN',
      });
    }
    const admin = await scrape(closed, await authHeaders('ADMIN'));
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('# TYPE aims_graphql_errors_total counter');
  });

  it('needs the token when METRICS_TOKEN is set', async () => {
    expect((await scrape(withToken)).status).toBe(401);
    expect((await scrape(withToken, { authorization: 'Bearer not-the-secret-at-all' })).status).toBe(401);
    const served = await scrape(withToken, { authorization: `Bearer ${TOKEN}` });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await served.text()).toContain('# TYPE aims_graphql_request_duration_seconds histogram');
  });

  it('is open when public', async () => {
    const served = await scrape(open);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('process_cpu_user_seconds_total');
  });
});

describe('/metrics content', () => {
  it('counts operations by name and type, errors by code, statements per request and DataLoader batches', async () => {
    const ok = await open.gql('query Batching { frameworks { id versions { version } } }');
    expect(ok.body.errors).toBeUndefined();
    await open.gql('query Batching { frameworks { id versions { version } } }');
    const bad = await open.gql('query BadPage { changes(first: 0) { edges { cursor } } }');
    expect(bad.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    await open.gql('{ frameworks { id } }');
    await open.gql('{ frameworks { id ');

    const text = await (await scrape(open)).text();
    expect(
      sample(text, 'aims_graphql_request_duration_seconds_count', {
        operation_name: 'Batching',
        operation_type: 'query',
      }),
    ).toBe(2);
    expect(
      sample(text, 'aims_graphql_request_duration_seconds_count', {
        operation_name: 'BadPage',
        operation_type: 'query',
      }),
    ).toBe(1);
    expect(
      sample(text, 'aims_graphql_request_duration_seconds_count', {
        operation_name: 'anonymous',
        operation_type: 'query',
      }),
    ).toBe(1);
    expect(
      sample(text, 'aims_graphql_request_duration_seconds_count', {
        operation_name: 'unknown',
        operation_type: 'unknown',
      }),
    ).toBe(1);
    expect(sample(text, 'aims_graphql_errors_total', { operation_name: 'BadPage', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample(text, 'aims_graphql_errors_total', { operation_name: 'unknown', code: 'GRAPHQL_PARSE_FAILED' })).toBe(
      1,
    );
    expect(sample(text, 'aims_graphql_errors_total', { operation_name: 'Batching' })).toBeUndefined();
    // Statements: one for the frameworks, one batch for all their versions, each time.
    expect(sample(text, 'aims_neo4j_statements_per_request_count', { operation_name: 'Batching' })).toBe(2);
    expect(sample(text, 'aims_neo4j_statements_per_request_sum', { operation_name: 'Batching' })).toBe(4);
    // Five frameworks' versions in one batch: no observation of one key or fewer.
    const batches = sample(text, 'aims_dataloader_batch_size_count', { loader: 'versionsByFrameworkId' });
    expect(batches).toBe(2);
    expect(sample(text, 'aims_dataloader_batch_size_bucket', { loader: 'versionsByFrameworkId', le: '1' })).toBe(0);
    expect(sample(text, 'aims_dataloader_batch_size_sum', { loader: 'versionsByFrameworkId' })).toBe(10);
  });

  it('keeps each app to its own registry', async () => {
    await withToken.gql('query OnlyHere { frameworks { id } }');
    const mine = await (await scrape(withToken, { authorization: `Bearer ${TOKEN}` })).text();
    const theirs = await (await scrape(open)).text();
    expect(sample(mine, 'aims_graphql_request_duration_seconds_count', { operation_name: 'OnlyHere' })).toBe(1);
    expect(
      sample(theirs, 'aims_graphql_request_duration_seconds_count', { operation_name: 'OnlyHere' }),
    ).toBeUndefined();
  });

  it('counts limit refusals under QUERY_TOO_COMPLEX', async () => {
    const deep = await open.gql(
      `query TooDeep { frameworks { ${'requirements { children { '.repeat(7)} id ${'} } '.repeat(7)} } }`,
    );
    expect(deep.status).toBe(400);
    const text = await (await scrape(open)).text();
    expect(sample(text, 'aims_graphql_errors_total', { operation_name: 'TooDeep', code: 'QUERY_TOO_COMPLEX' })).toBe(1);
  });
});
