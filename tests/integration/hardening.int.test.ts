/**
 * Requests that must be refused whole, with the right status and code, and leave the
 * graph as it was: bodies that are not UTF-8, tokens with empty claims, operations that
 * cannot be found, and what a production service says (or must not say) about its
 * schema. And the playground page, which anyone may fetch, as a browser may keep it.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, TEST_JWT } from '../helpers/auth.js';
import { fingerprint } from '../helpers/fuzz.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const CREATE_PARTY = 'mutation ($input: CreatePartyInput!) { createParty(input: $input) { party { id name } } }';

/** A JSON body whose party name holds `bytes` as they are, between two plain words. */
const bodyWithBytes = (bytes: number[]): Uint8Array<ArrayBuffer> => {
  const text = JSON.stringify({
    query: CREATE_PARTY,
    variables: { input: { name: 'hardening MARK after', kind: 'PERSON' } },
  });
  const [head, tail] = text.split('MARK') as [string, string];
  return new Uint8Array(Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(bytes), Buffer.from(tail, 'utf8')]));
};

async function post(
  body: Uint8Array<ArrayBuffer> | string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await authHeaders()), ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('request bodies that are not UTF-8', () => {
  it.each([
    ['a byte that is never UTF-8', [0xff]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['a sequence cut short', [0xe2, 0x82]],
  ])('refuses %s with 400 BAD_REQUEST and writes nothing', async (_what, bytes) => {
    const before = await fingerprint(server.graph);
    const { status, body } = await post(bodyWithBytes(bytes));
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(body.errors?.[0]?.message).toMatch(/UTF-8/);
    expect(await fingerprint(server.graph)).toEqual(before);
  });

  it('takes the same text well encoded', async () => {
    const { status, body } = await post(bodyWithBytes([...Buffer.from('é🤖', 'utf8')]));
    expect([status, body.errors]).toEqual([200, undefined]);
    const id = (body.data as { createParty: { party: { id: string; name: string } } }).createParty.party;
    expect(id.name).toBe('hardening é🤖 after');
    await server.gql('mutation ($id: ID!) { deleteParty(id: $id) { id } }', { id: id.id });
  });
});

describe('in production, variables refused without hints about the schema', () => {
  let production: TestServer;
  beforeAll(async () => {
    production = await startTestServer({ introspection: false, hideSchemaDetails: true });
  });
  afterAll(async () => {
    await production.close();
  });
  const query = 'query ($x: AISystemFilter) { aiSystems(filter: $x) { totalCount } }';

  it.each([
    ['a misspelt input field', { txt: 'a' }, 'Field "txt" is not defined by type "AISystemFilter"'],
    [
      'a misspelt enum value',
      { lifecycleStage: 'DEPLOYMEN' },
      'Value "DEPLOYMEN" does not exist in "LifecycleStage" enum',
    ],
  ])('%s: BAD_USER_INPUT with its message, and no "Did you mean"', async (_what, x, kept) => {
    const { status, body } = await production.gql(query, { x });
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.message).toContain(kept);
    expect(JSON.stringify(body)).not.toMatch(/did you mean/i);
    // Development keeps the hint: it helps whoever writes the query.
    const development = await server.gql(query, { x });
    expect(development.body.errors![0]!.message).toMatch(/Did you mean/);
  });

  it('a misspelt field in a literal is still refused without a hint', async () => {
    const { body } = await production.gql('{ aiSystems(filter: { txt: "a" }) { totalCount } }');
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(body)).not.toMatch(/did you mean/i);
  });
});

describe('bearer tokens with empty claims', () => {
  const secret = new TextEncoder().encode(TEST_JWT.secret);
  const token = (claims: { sub?: unknown; iss?: unknown; aud?: unknown }) =>
    new SignJWT({
      roles: ['ADMIN'],
      sub: 'test-claims',
      iss: TEST_JWT.issuer,
      aud: TEST_JWT.audience,
      ...claims,
    } as Record<string, unknown>)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
  const write = async (bearer: string) => {
    const before = await fingerprint(server.graph);
    const { status, body } = await server.gql(
      CREATE_PARTY,
      { input: { name: 'hardening claims', kind: 'PERSON' } },
      { authorization: `Bearer ${bearer}` },
    );
    expect(await fingerprint(server.graph)).toEqual(before);
    return { status, code: body.errors?.[0]?.extensions?.code };
  };

  it.each([
    ['an empty subject', { sub: '' }],
    ['a blank subject', { sub: '   ' }],
    ['an empty audience in a list', { aud: [TEST_JWT.audience, ''] }],
    ['an empty issuer', { iss: '' }],
    ['a subject that is not a string', { sub: 42 }],
  ])('%s is refused with 401 and writes nothing', async (_what, claims) => {
    expect(await write(await token(claims))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('the same token with every claim filled in may write', async () => {
    const { status, body } = await server.gql(
      CREATE_PARTY,
      { input: { name: 'hardening claims', kind: 'PERSON' } },
      { authorization: `Bearer ${await token({ aud: [TEST_JWT.audience, 'other'] })}` },
    );
    expect([status, body.errors]).toEqual([200, undefined]);
    const id = (body.data as { createParty: { party: { id: string } } }).createParty.party.id;
    await server.gql('mutation ($id: ID!) { deleteParty(id: $id) { id } }', { id });
  });
});

describe('operations that cannot be found', () => {
  it.each([
    [
      'an operationName the document does not define',
      { query: 'query A { serviceInfo { version } }', operationName: 'B' },
    ],
    [
      'a mutation document under an unknown name',
      {
        query: 'mutation A { createParty(input: { name: "hardening unknown op", kind: PERSON }) { party { id } } }',
        operationName: 'B',
      },
    ],
    [
      'several operations and no operationName',
      { query: 'query A { serviceInfo { version } } query B { serviceInfo { version } }' },
    ],
  ])('%s: 400 OPERATION_RESOLUTION_FAILURE, and nothing runs', async (_what, request) => {
    const before = await fingerprint(server.graph);
    const { status, body } = await post(JSON.stringify(request));
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(body.data).toBeUndefined();
    expect(await fingerprint(server.graph)).toEqual(before);
  });
});

describe('the playground page', () => {
  it('is served to anyone, and a browser may keep it: ETag, revalidated each time, 304 when unchanged', async () => {
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const etag = page.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{16,}"$/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const size = (await page.arrayBuffer()).byteLength;
    expect(size).toBeGreaterThan(1000);
    const again = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html', 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const other = await fetch(`${server.url}/graphql`, {
      headers: { accept: 'text/html', 'if-none-match': '"something-else"' },
    });
    expect(other.status).toBe(200);
    expect((await other.arrayBuffer()).byteLength).toBe(size);
  });
});
