/**
 * Authentication through real HTTP: API keys over their whole life (GraphQL and the
 * CLI), bearer tokens signed with a secret and with a JWKS served over HTTP, the
 * refusals, rate limits, and the local admin key of a fresh embedded store.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootstrapLocalAdminKey, issueApiKey } from '../../src/auth/key-store.js';
import { hashKey } from '../../src/auth/api-keys.js';
import { TEST_JWT, testToken } from '../helpers/auth.js';
import { startTestServer, testAuthConfig, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const post = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
const errorOf = async (response: Response): Promise<{ message: string; extensions: { code: string } }> =>
  ((await response.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]!;

const CREATE_KEY = `mutation ($name: String!, $role: Role!) { createApiKey(input: { name: $name, role: $role }) { key apiKey { id name role prefix createdBy revokedAt } } }`;
interface Created {
  createApiKey: {
    key: string;
    apiKey: { id: string; name: string; role: string; prefix: string; createdBy: string; revokedAt: string | null };
  };
}

describe('without a credential', () => {
  it('answers nothing but /healthz, /readyz and the playground page', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('"iso42001"');

    const refused = await post(server.url, '{ frameworks { id } }');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="aims-graph"');
    expect(await errorOf(refused)).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ frameworks { id } }')}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(get.status).toBe(401);
    const mutation = await post(server.url, 'mutation { createControl(input: { name: "x" }) { control { id } } }');
    expect(mutation.status).toBe(401);
    for (const authorization of ['Basic YWRtaW46YWRtaW4=', 'Bearer aimsg_guess', 'Bearer not.a.token']) {
      const response = await post(server.url, '{ frameworks { id } }', { authorization });
      expect(response.status, authorization).toBe(401);
      expect((await errorOf(response)).extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('API keys', () => {
  it('are shown once, stored as a hash, work at once, and stop working when revoked', async () => {
    const name = `auth-test-${Date.now()}`;
    const created = await server.gql<Created>(CREATE_KEY, { name, role: 'EDITOR' });
    expect(created.body.errors).toBeUndefined();
    const { key, apiKey } = created.body.data!.createApiKey;
    expect(key).toMatch(/^aimsg_/);
    expect(apiKey).toMatchObject({
      name,
      role: 'EDITOR',
      prefix: key.slice(0, 12),
      createdBy: 'token:test-admin',
      revokedAt: null,
    });

    // The graph holds the hash, never the key.
    const [stored] = await server.graph.read<{ props: Record<string, unknown> }>({
      name: 'keyProps',
      cypher: 'MATCH (k:ApiKey {id: $id}) RETURN properties(k) AS props',
      params: { id: apiKey.id },
    });
    expect(stored!.props.hash).toBe(hashKey(key));
    expect(Object.values(stored!.props).map(String)).not.toContain(key);
    const listed = await server.gql<{ apiKeys: Record<string, unknown>[] }>(
      '{ apiKeys { id name role prefix lastUsedAt revokedAt } }',
    );
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const ways: Record<string, string>[] = [{ authorization: `Bearer ${key}` }, { 'x-api-key': key }];
    for (const headers of ways) {
      const me = await post(server.url, '{ viewer { id kind roles } }', headers);
      expect(await me.json()).toEqual({ data: { viewer: { id: `key:${name}`, kind: 'API_KEY', roles: ['EDITOR'] } } });
    }
    const write = await post(
      server.url,
      'mutation { createControl(input: { name: "Keyed control" }) { control { id } } }',
      { authorization: `Bearer ${key}` },
    );
    const controlId = ((await write.json()) as { data: { createControl: { control: { id: string } } } }).data
      .createControl.control.id;
    const trail = await server.gql<{ auditTrail: { edges: { node: { actor: string } }[] } }>(
      `query ($id: ID!) { auditTrail(entity: $id) { edges { node { actor } } } }`,
      { id: controlId },
    );
    expect(trail.body.data!.auditTrail.edges.map((e) => e.node.actor)).toEqual([`key:${name}`]);
    const afterUse = await server.gql<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>(
      '{ apiKeys { id lastUsedAt } }',
    );
    expect(afterUse.body.data!.apiKeys.find((k) => k.id === apiKey.id)!.lastUsedAt).toMatch(/:00:00(\.0+)?Z$/);

    const revoked = await server.gql<{ revokeApiKey: { revokedAt: string | null } }>(
      `mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
      { id: apiKey.id },
    );
    expect(revoked.body.data!.revokeApiKey.revokedAt).not.toBeNull();
    const after = await post(server.url, '{ viewer { id } }', { authorization: `Bearer ${key}` });
    expect(after.status).toBe(401);
    expect((await errorOf(after)).message).toMatch(/revoked/);
    await server.gql(`mutation ($id: ID!) { deleteControl(id: $id) { id } }`, { id: controlId });
  });

  it('refuses a taken name, a bad name and an unknown key', async () => {
    const name = `auth-dup-${Date.now()}`;
    await server.gql(CREATE_KEY, { name, role: 'VIEWER' });
    const again = await server.gql(CREATE_KEY, { name, role: 'ADMIN' });
    expect(again.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
    const bad = await server.gql(CREATE_KEY, { name: 'has spaces', role: 'VIEWER' });
    expect(bad.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const unknown = await server.gql(`mutation { revokeApiKey(id: "no-such-key") { id } }`);
    expect(unknown.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('are managed from the command line: create prints the key alone, list shows it, revoke ends it', async () => {
    const env = {
      ...process.env,
      NEO4J_URI: inject('neo4jUri'),
      NEO4J_DATABASE: inject('neo4jDatabase'),
      NODE_ENV: 'test',
    };
    const cli = (...args: string[]) => run('node_modules/.bin/tsx', ['src/cli/apikey.ts', ...args], { env });
    const name = `cli-key-${Date.now()}`;
    const created = await cli('create', '--role', 'integrator', '--name', name);
    const key = created.stdout.trim();
    expect(key).toMatch(/^aimsg_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain(`created API key "${name}" (INTEGRATOR`);
    const listed = await cli('list');
    const line = listed.stdout.split('\n').find((l) => l.includes(name))!;
    expect(line).toContain('INTEGRATOR');
    expect(line).toContain(`${key.slice(0, 12)}…`);
    expect(listed.stdout).not.toContain(key);
    const revoked = await cli('revoke', name);
    expect(revoked.stderr).toContain(`revoked API key "${name}"`);
    // Revoked before this instance ever cached it: refused at once.
    expect((await post(server.url, '{ viewer { id } }', { authorization: `Bearer ${key}` })).status).toBe(401);
    const usage = await cli('rotate').catch((err: { code: number; stderr: string }) => err);
    expect(usage).toMatchObject({ code: 2 });
    expect((usage as { stderr: string }).stderr).toContain('usage:');
  }, 60_000);

  it('are made for a fresh store once: the local admin key', async () => {
    await server.graph.write({ name: 'dropKeys', cypher: 'MATCH (k:ApiKey) DETACH DELETE k', params: {} });
    const first = await bootstrapLocalAdminKey(server.graph);
    expect(first?.apiKey).toMatchObject({ name: 'local-admin', role: 'ADMIN', createdBy: 'system' });
    expect(await bootstrapLocalAdminKey(server.graph)).toBeUndefined();
    const me = await post(server.url, '{ viewer { id roles } }', { authorization: `Bearer ${first!.key}` });
    expect(await me.json()).toEqual({ data: { viewer: { id: 'key:local-admin', roles: ['ADMIN'] } } });
  });
});

describe('bearer tokens', () => {
  const sign = (
    claims: Record<string, unknown>,
    options: { secret?: string; issuer?: string; audience?: string; expires?: string | number } = {},
  ) => {
    const jwt = new SignJWT({ roles: ['VIEWER'], ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice@example.org')
      .setIssuer(options.issuer ?? TEST_JWT.issuer)
      .setAudience(options.audience ?? TEST_JWT.audience)
      .setIssuedAt();
    if (options.expires !== undefined) jwt.setExpirationTime(options.expires);
    return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_JWT.secret));
  };

  it('are accepted with the right signature, issuer, audience and expiry, and refused otherwise', async () => {
    const good = await sign({}, { expires: '5m' });
    const me = await post(server.url, '{ viewer { id kind roles } }', { authorization: `Bearer ${good}` });
    expect(await me.json()).toEqual({
      data: { viewer: { id: 'token:alice@example.org', kind: 'TOKEN', roles: ['VIEWER'] } },
    });

    const cases: [string, Promise<string>, RegExp][] = [
      ['expired', sign({}, { expires: Math.floor(Date.now() / 1000) - 60 }), /expired/],
      ['no expiry', sign({}), /not valid/],
      ['another issuer', sign({}, { expires: '5m', issuer: 'https://evil.example/' }), /not valid/],
      ['another audience', sign({}, { expires: '5m', audience: 'another-service' }), /not valid/],
      ['another secret', sign({}, { expires: '5m', secret: 'x'.repeat(48) }), /not valid/],
    ];
    for (const [label, token, message] of cases) {
      const response = await post(server.url, '{ frameworks { id } }', { authorization: `Bearer ${await token}` });
      expect(response.status, label).toBe(401);
      expect((await errorOf(response)).message, label).toMatch(message);
    }
    // An unsigned token ("alg": "none") is never accepted.
    const [header, payload] = good.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    expect((await post(server.url, '{ frameworks { id } }', { authorization: `Bearer ${unsigned}` })).status).toBe(401);
    expect(header).toBeDefined();
  });

  it('are refused without a subject, issuer or audience, or when signed for another kind of key', async () => {
    const key = new TextEncoder().encode(TEST_JWT.secret);
    const base = () => new SignJWT({ roles: ['ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m');
    const tokens: [string, string][] = [
      ['no subject', await base().setIssuer(TEST_JWT.issuer).setAudience(TEST_JWT.audience).sign(key)],
      ['no issuer', await base().setSubject('x').setAudience(TEST_JWT.audience).sign(key)],
      ['no audience', await base().setSubject('x').setIssuer(TEST_JWT.issuer).sign(key)],
    ];
    const { privateKey } = await generateKeyPair('RS256');
    tokens.push([
      'RS256 where HS256 is configured',
      await new SignJWT({ roles: ['ADMIN'] })
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject('x')
        .setIssuer(TEST_JWT.issuer)
        .setAudience(TEST_JWT.audience)
        .setExpirationTime('5m')
        .sign(privateKey),
    ]);
    for (const [label, token] of tokens) {
      expect((await post(server.url, '{ viewer { id } }', { authorization: `Bearer ${token}` })).status, label).toBe(
        401,
      );
    }
  });

  it('without a known role may authenticate but do nothing', async () => {
    const token = await sign({ roles: ['SUPERUSER'] }, { expires: '5m' });
    const response = await post(server.url, '{ frameworks { id } }', { authorization: `Bearer ${token}` });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).extensions.code).toBe('FORBIDDEN');
  });

  it('are verified against a JWKS fetched over HTTP (RS256), with roles from a nested claim and a role map', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwks = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    const idp = await startTestServer({
      auth: {
        ...testAuthConfig(),
        jwt: {
          key: { kind: 'jwks', url: jwksUrl },
          issuer: 'https://idp.example/',
          audience: 'aims-graph',
          rolesClaim: 'realm_access.roles',
          roleMap: { 'aims-grc': 'INTEGRATOR' },
          clockToleranceSeconds: 0,
        },
      },
    });
    try {
      const token = (key: CryptoKey, kid: string) =>
        new SignJWT({ realm_access: { roles: ['aims-grc', 'offline_access'] } })
          .setProtectedHeader({ alg: 'RS256', kid })
          .setSubject('grc-connector')
          .setIssuer('https://idp.example/')
          .setAudience('aims-graph')
          .setExpirationTime('5m')
          .sign(key);
      const me = await post(idp.url, '{ viewer { id roles } }', {
        authorization: `Bearer ${await token(privateKey, 'k1')}`,
      });
      expect(await me.json()).toEqual({ data: { viewer: { id: 'token:grc-connector', roles: ['INTEGRATOR'] } } });
      const forged = await post(idp.url, '{ viewer { id } }', {
        authorization: `Bearer ${await token(other.privateKey, 'k1')}`,
      });
      expect(forged.status).toBe(401);
      // This service's own HS256 test tokens mean nothing to a JWKS-configured one.
      expect(
        (await post(idp.url, '{ viewer { id } }', { authorization: `Bearer ${await testToken('ADMIN')}` })).status,
      ).toBe(401);
    } finally {
      await idp.close();
      await new Promise((resolve) => jwks.close(resolve));
    }
  });
});

describe('rate limits', () => {
  it('answer 429 with Retry-After once a credential spends its burst, and count each credential apart', async () => {
    const limited = await startTestServer({ auth: testAuthConfig({ perMinute: 6, burst: 3 }) });
    try {
      const viewer = { authorization: `Bearer ${await testToken('VIEWER')}` };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1)
        statuses.push((await post(limited.url, '{ serviceInfo { version } }', viewer)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await post(limited.url, '{ serviceInfo { version } }', viewer);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(10);
      expect(await errorOf(refused)).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
      // Another credential has its own allowance.
      const editor = { authorization: `Bearer ${await testToken('EDITOR')}` };
      expect((await post(limited.url, '{ serviceInfo { version } }', editor)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('slow down guessing, even in parallel, without locking out keys already verified or valid tokens', async () => {
    const limited = await startTestServer({ auth: testAuthConfig({ perMinute: 6, burst: 3 }) });
    try {
      const { key: known } = await issueApiKey(limited.graph, {
        name: `rate-known-${Date.now()}`,
        role: 'VIEWER',
        createdBy: 'test',
      });
      const { key: unseen } = await issueApiKey(limited.graph, {
        name: `rate-unseen-${Date.now()}`,
        role: 'VIEWER',
        createdBy: 'test',
      });
      // Verified once (giving its attempt back), so cached on this instance.
      expect((await post(limited.url, '{ viewer { id } }', { authorization: `Bearer ${known}` })).status).toBe(200);
      const guess = (i: number) =>
        post(limited.url, '{ frameworks { id } }', { authorization: `Bearer aimsg_${String(i).padStart(43, 'x')}` });
      const statuses = (await Promise.all([0, 1, 2, 3, 4, 5].map(guess))).map((r) => r.status).sort();
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
      expect((await post(limited.url, '{ viewer { id } }', { authorization: `Bearer ${known}` })).status).toBe(200);
      expect(
        (await post(limited.url, '{ viewer { id } }', { authorization: `Bearer ${await testToken('VIEWER')}` })).status,
      ).toBe(200);
      // A key this instance has not verified costs a lookup: it waits like a guess would.
      const waiting = await post(limited.url, '{ viewer { id } }', { authorization: `Bearer ${unseen}` });
      expect(waiting.status).toBe(429);
      expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });
});
