/**
 * The abuse limits through real HTTP: each refuses with HTTP 400 and QUERY_TOO_COMPLEX
 * (sync batches: BAD_USER_INPUT), CSRF prevention, introspection and error masking in
 * production settings. The body size limit (413) is in http.int.test.ts.
 */
import { getIntrospectionQuery } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphExecutor } from '../../src/graph/executor.js';
import { authHeaders } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let tight: TestServer;
let defaults: TestServer;
beforeAll(async () => {
  tight = await startTestServer({
    limits: { maxDepth: 4, maxAliases: 2, maxDirectives: 1, maxTokens: 100, maxCost: 500, maxSyncItems: 2 },
  });
  defaults = await startTestServer();
});
afterAll(async () => {
  await tight.close();
  await defaults.close();
});

const refusal = (limit: string, max: number, actual?: number) => ({
  status: 400,
  body: {
    errors: [
      expect.objectContaining({
        message: expect.stringContaining('too complex'),
        extensions: { code: 'QUERY_TOO_COMPLEX', limit, max, ...(actual === undefined ? {} : { actual }) },
      }),
    ],
  },
});

describe('abuse limits', () => {
  it('refuse an operation nested too deeply, fragments followed', async () => {
    const ok = await tight.gql('{ frameworks { requirements { framework { id } } } }');
    expect([ok.status, ok.body.errors]).toEqual([200, undefined]);
    const deep = await tight.gql(
      '{ frameworks { ...F } } fragment F on Framework { requirements { framework { versions { version } } } }',
    );
    expect({ status: deep.status, body: deep.body }).toEqual(refusal('depth', 4, 5));
  });

  it('refuse too many aliases and too many directives', async () => {
    const aliases = await tight.gql('{ a: frameworks { id } b: frameworks { id } c: frameworks { id } }');
    expect({ status: aliases.status, body: aliases.body }).toEqual(refusal('aliases', 2, 3));
    const directives = await tight.gql(
      'query ($x: Boolean = true) { frameworks @include(if: $x) { id @include(if: $x) } }',
    );
    expect({ status: directives.status, body: directives.body }).toEqual(refusal('directives', 1, 2));
  });

  it('refuse a document of too many tokens before parsing all of it', async () => {
    const long = await tight.gql(`{ frameworks { ${'id '.repeat(120)} } }`);
    expect({ status: long.status, body: long.body }).toEqual(refusal('tokens', 100));
  });

  it('refuse an operation whose cost, which scales with first, is too high', async () => {
    const query = 'query Systems($first: Int) { aiSystems(first: $first) { edges { node { name } } } }';
    // 1 + first × (edges 1 + node 1 + name 1)
    const ok = await tight.gql(query, { first: 100 });
    expect([ok.status, ok.body.errors]).toEqual([200, undefined]);
    const dear = await tight.gql(query, { first: 200 });
    expect({ status: dear.status, body: dear.body }).toEqual(refusal('cost', 500, 601));
    // Lists nest: 5 frameworks' requirements' children are assumed 10 × 10 × 10.
    const nested = await tight.gql('{ frameworks { requirements { children { id } } } }');
    expect({ status: nested.status, body: nested.body }).toEqual(refusal('cost', 500, 1 + 10 * (1 + 10 * (1 + 10))));
  });

  it('refuse a sync batch over MAX_SYNC_ITEMS with BAD_USER_INPUT, writing nothing', async () => {
    const entities = ['A', 'B', 'C'].map((ref) => ({
      ref,
      control: { name: `limits control ${ref}`, status: 'PLANNED' },
    }));
    const sync = 'mutation ($batch: SyncBatchInput!) { sync(batch: $batch) { summary { created } } }';
    tight.statements.length = 0;
    const { status, body } = await tight.gql(sync, { batch: { source: 'limits-test', entities } });
    expect(status).toBe(200);
    expect(body.errors![0]).toMatchObject({
      message: 'a batch holds at most 2 entities (this one has 3); split it',
      extensions: { code: 'BAD_USER_INPUT', field: 'batch.entities', limit: 'syncItems', max: 2, actual: 3 },
    });
    expect(tight.statements.filter((s) => s !== 'ping')).toEqual([]);
  });

  it('let the playground introspect, and bound nested lists by their page size, by default', async () => {
    const introspection = await defaults.gql(
      getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, schemaDescription: true }),
    );
    expect([introspection.status, introspection.body.errors]).toEqual([200, undefined]);
    // The nested read of loader-round-trips.int.test.ts: 100 systems pass, 500 cost too much.
    const nested = `query ($first: Int!) { aiSystems(first: $first) { edges { node {
      name risks { title score mitigatedBy { name status implements { coverage requirement { id title framework { id } } } evidence { title } } } } } } }`;
    const hundred = await defaults.gql(nested, { first: 100 });
    expect([hundred.status, hundred.body.errors]).toEqual([200, undefined]);
    const fiveHundred = await defaults.gql(nested, { first: 500 });
    expect({ status: fiveHundred.status, body: fiveHundred.body }).toEqual(refusal('cost', 1_000_000, 3_717_001));
  });
});

describe('CSRF prevention', () => {
  it('refuses a POST a browser could send without a preflight (text/plain), running nothing', async () => {
    defaults.statements.length = 0;
    const response = await fetch(`${defaults.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...(await authHeaders()) },
      body: JSON.stringify({
        query:
          'mutation { sync(batch: {source: "csrf", entities: [{ref: "x", control: {name: "csrf", status: PLANNED}}]}) { dryRun } }',
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
    expect(defaults.statements).toEqual([]);
  });

  it('refuses a GET without a preflight header, and serves it with one', async () => {
    const query = encodeURIComponent('{ frameworks { id } }');
    const auth = await authHeaders('VIEWER');
    expect((await fetch(`${defaults.url}/graphql?query=${query}`, { headers: auth })).status).toBe(400);
    expect(
      (
        await fetch(`${defaults.url}/graphql?query=${query}`, {
          headers: { 'apollo-require-preflight': 'true', ...auth },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await fetch(`${defaults.url}/graphql?query=${query}`, {
          headers: { 'content-type': 'application/json', ...auth },
        })
      ).status,
    ).toBe(200);
  });
});

describe('production settings', () => {
  const SECRET_ID = 'sys_6f1d3a52-0000-4000-8000-00000000beef';
  // A driver whose every transaction fails with a message full of internals.
  const leakyDriver = {
    session: () => ({
      executeRead: async () => {
        throw new Error(
          `Neo.ClientError.Statement.SyntaxError: MATCH (n:Entity {id: "${SECRET_ID}"}) RETURN n.secret at bolt://10.0.0.7:7687`,
        );
      },
      executeWrite: async () => {
        throw new Error('unreachable');
      },
      close: async () => {},
    }),
  } as unknown as Driver;
  let production: TestServer;
  beforeAll(async () => {
    production = await startTestServer({
      introspection: false,
      hideSchemaDetails: true,
      graph: new GraphExecutor(leakyDriver, { database: 'neo4j' }),
    });
  });
  afterAll(() => production.close());

  it('refuses introspection', async () => {
    const { status, body } = await production.gql('{ __schema { queryType { name } } }');
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      validationErrorCode: 'INTROSPECTION_DISABLED',
    });
    const type = await production.gql('{ __type(name: "AISystem") { fields { name } } }');
    expect(type.status).toBe(400);
  });

  it('suggests no field names in validation errors (development does)', async () => {
    const hidden = await production.gql('{ frameworks { nmae } }');
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors![0]!.message).toBe('Cannot query field "nmae" on type "Framework".');
    const shown = await defaults.gql('{ frameworks { nmae } }');
    expect(shown.body.errors![0]!.message).toMatch(/Did you mean "name"\?/);
  });

  it('shows an unexpected error as a bare INTERNAL_SERVER_ERROR: no stack, no Cypher, no internal ids', async () => {
    const { status, body } = await production.gql('{ frameworks { id } }');
    expect(status).toBe(200);
    expect(body).toEqual({
      data: null,
      errors: [
        {
          message: 'Internal server error',
          locations: [{ line: 1, column: 3 }],
          path: ['frameworks'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    expect(JSON.stringify(body)).not.toMatch(/stack|MATCH|Neo\.|beef|sys_|bolt:|10\.0\.0\.7|secret/i);
  });
});
