/**
 * Authorization: every mutation tried by every role, a sample of queries, and the
 * promise that a refusal says nothing about the records it names. The expected roles
 * are written out here, apart from src/auth/policy.ts, so the two check each other.
 */
import { createHash } from 'node:crypto';
import { buildASTSchema, getNamedType, isObjectType, isAbstractType, type GraphQLField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../src/services/demo.js';
import { readTypeDefs } from '../../src/schema.js';
import { authHeaders, type TestRole } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const ROLES: readonly TestRole[] = ['VIEWER', 'EDITOR', 'INTEGRATOR', 'ADMIN'];
const ADMIN_ONLY = new Set(['importCrosswalkSet', 'createApiKey', 'revokeApiKey']);
const INTEGRATION = new Set([
  'sync',
  'importCsv',
  'importOscalComponentDefinition',
  'upsertAISystem',
  'upsertModel',
  'upsertDataset',
  'upsertRisk',
  'upsertControl',
  'upsertObligation',
  'upsertEvidence',
  'upsertParty',
  'upsertApplicability',
]);

/** Who may call a mutation: ADMIN always; INTEGRATOR the sync family; EDITOR every other organisation write. */
function allowed(mutation: string, role: TestRole): boolean {
  if (role === 'ADMIN') return true;
  if (ADMIN_ONLY.has(mutation)) return false;
  if (INTEGRATION.has(mutation)) return role === 'INTEGRATOR';
  return role === 'EDITOR';
}

/** A document that passes validation and names every argument as a variable; the variables are left out. */
function documentFor(name: string, field: GraphQLField<unknown, unknown>): string {
  const declared = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const type = getNamedType(field.type);
  const selection = isObjectType(type) || isAbstractType(type) ? ' { __typename }' : '';
  return `mutation Try${declared ? `(${declared})` : ''} { ${name}${passed ? `(${passed})` : ''}${selection} }`;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const mutations = Object.entries(buildASTSchema(readTypeDefs()).getMutationType()!.getFields());

describe('authorization', () => {
  it('knows every mutation of the schema', () => {
    expect(mutations.length).toBeGreaterThan(40);
    for (const name of [...ADMIN_ONLY, ...INTEGRATION]) expect(mutations.map(([n]) => n)).toContain(name);
  });

  for (const role of ROLES) {
    it(`lets ${role} call exactly the mutations its role grants, and refuses the rest before they run`, async () => {
      const wrong: string[] = [];
      for (const [name, field] of mutations) {
        const { status, body } = await server.as(role)(documentFor(name, field));
        const code = body.errors?.[0]?.extensions?.code;
        const refused = status === 403 && code === 'FORBIDDEN';
        // Allowed: authorization passed it on, and it failed only on its missing variables.
        const passed = status !== 403 && code !== 'FORBIDDEN' && code !== 'UNAUTHENTICATED';
        if (allowed(name, role) ? !passed : !refused) wrong.push(`${name}: HTTP ${status} ${String(code)}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('refuses the whole operation when one of its fields is not allowed, and runs none of it', async () => {
    const before = (await server.gql<{ controls: { totalCount: number } }>('{ controls { totalCount } }')).body.data!
      .controls.totalCount;
    const { status, body } = await server.as('EDITOR')(
      `mutation { a: createControl(input: { name: "Half of a refused operation" }) { control { id } } b: upsertControl(ref: { system: "x", id: "1" }, input: { name: "x" }) { action } }`,
    );
    expect(status).toBe(403);
    expect(body.errors).toEqual([
      {
        message: 'This credential (EDITOR) may not use upsertControl',
        extensions: { code: 'FORBIDDEN', fields: ['upsertControl'] },
      },
    ]);
    expect(body.data).toBeUndefined();
    expect(
      (await server.gql<{ controls: { totalCount: number } }>('{ controls { totalCount } }')).body.data!.controls
        .totalCount,
    ).toBe(before);
  });

  it('follows fragments to the fields they select', async () => {
    const { status, body } = await server.as('VIEWER')(
      'query { ...Keys } fragment Keys on Query { ... on Query { apiKeys { id } } }',
    );
    expect([status, body.errors?.[0]?.extensions?.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('says the same FORBIDDEN whether or not the record exists', async () => {
    const update = `mutation ($id: ID!) { updateAISystem(id: $id, expectedVersion: 1, input: { name: "renamed" }) { aiSystem { id } } }`;
    const existing = await server.as('VIEWER')(update, { id: demoId('AISystem', 's-credit') });
    const missing = await server.as('VIEWER')(update, { id: 'AISystem:does-not-exist' });
    expect(existing.status).toBe(403);
    expect(existing.body).toEqual(missing.body);
    const deletion = `mutation ($id: ID!) { deleteControl(id: $id) { id } }`;
    const a = await server.as('INTEGRATOR')(deletion, { id: demoId('Control', 'c-bias-test') });
    const b = await server.as('INTEGRATOR')(deletion, { id: 'Control:nothing' });
    expect(a.body).toEqual(b.body);
  });

  it('lets every role read, and only ADMIN list API keys', async () => {
    const reads = [
      '{ frameworks { id } }',
      '{ aiSystems(first: 1) { totalCount } }',
      '{ coverage(framework: "iso42001") { summary { total } } }',
      '{ changes(first: 1) { pageInfo { hasNextPage } } }',
      '{ viewer { id kind roles } }',
    ];
    for (const role of ROLES) {
      for (const query of reads) {
        const { status, body } = await server.as(role)(query);
        expect([status, body.errors], `${role} ${query}`).toEqual([200, undefined]);
      }
      const keys = await server.as(role)('{ apiKeys { id } }');
      expect(keys.body.errors?.[0]?.extensions?.code ?? 'allowed', role).toBe(
        role === 'ADMIN' ? 'allowed' : 'FORBIDDEN',
      );
    }
    const viewer = await server.as('INTEGRATOR')<{ viewer: unknown }>('{ viewer { id kind roles } }');
    expect(viewer.body.data!.viewer).toEqual({ id: 'token:test-integrator', kind: 'TOKEN', roles: ['INTEGRATOR'] });
  });

  it('lets each role do real work within its role', async () => {
    const editor = await server.as('EDITOR')<{ createControl: { control: { id: string } } }>(
      'mutation { createControl(input: { name: "Editor-made control" }) { control { id } } }',
    );
    expect(editor.body.errors).toBeUndefined();
    const id = editor.body.data!.createControl.control.id;
    const integrator = await server.as('INTEGRATOR')<{ upsertControl: { action: string } }>(
      'mutation { upsertControl(ref: { system: "authz-test", id: "C-1" }, input: { name: "Synced control" }) { action } }',
    );
    expect(integrator.body.data?.upsertControl.action).toBe('CREATED');
    const cleanup = await server.as('ADMIN')(
      `mutation ($id: ID!) { deleteControl(id: $id) { id } sync(batch: { source: "authz-test", entities: [{ ref: "C-1", delete: true }] }) { summary { deleted } } }`,
      { id },
    );
    expect(cleanup.body.errors).toBeUndefined();
  });

  it('checks every way of sending an operation: GET, a persisted-query hash, one of several operations, fields under @skip', async () => {
    const headers = { ...(await authHeaders('VIEWER')), 'apollo-require-preflight': 'true' };
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ apiKeys { id } }')}`, { headers });
    expect([
      get.status,
      ((await get.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ]).toEqual([403, 'FORBIDDEN']);

    // An ADMIN registers a persisted query; a VIEWER sending only its hash is still refused.
    const query = '{ apiKeys { id } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const post = (body: unknown, extra: Record<string, string>) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...extra },
        body: JSON.stringify(body),
      });
    expect((await post({ query, extensions }, await authHeaders('ADMIN'))).status).toBe(200);
    const byHash = await post({ extensions }, await authHeaders('VIEWER'));
    expect([
      byHash.status,
      ((await byHash.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ]).toEqual([403, 'FORBIDDEN']);

    const document = 'query Open { frameworks { id } } query Closed { apiKeys { id } }';
    expect((await post({ query: document, operationName: 'Open' }, await authHeaders('VIEWER'))).status).toBe(200);
    expect((await post({ query: document, operationName: 'Closed' }, await authHeaders('VIEWER'))).status).toBe(403);
    // A field that @skip would leave out is still checked: the check must not depend on variables.
    const skipped = await server.as('VIEWER')(
      'query ($no: Boolean = true) { frameworks { id } apiKeys @skip(if: $no) { id } }',
    );
    expect(skipped.status).toBe(403);
  });
});
