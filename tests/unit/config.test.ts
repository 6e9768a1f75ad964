import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env, '/srv/app');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('loadConfig', () => {
  it('defaults to the local Neo4j and port 4000', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.neo4j).toMatchObject({
      kind: 'local',
      uri: 'bolt://127.0.0.1:7687',
      database: 'neo4j',
      local: { home: '/srv/app/.local/neo4j/dev', boltPort: 7687, heap: '1g', pageCache: '256m' },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses the server named by NEO4J_URI and starts nothing', () => {
    const config = loadConfig({
      NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io',
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: 'secret',
      NEO4J_DATABASE: 'governance',
    });
    expect(config.neo4j).toEqual({
      kind: 'external',
      uri: 'neo4j+s://abc.databases.neo4j.io',
      user: 'neo4j',
      password: 'secret',
      database: 'governance',
      failFast: {
        maxRetryMs: 2000,
        connectTimeoutMs: 2000,
        acquireTimeoutMs: 5000,
        coolDownMs: 1000,
        livenessTimeoutMs: 3000,
      },
      transactionTimeoutMs: 30_000,
      loadTimeoutMs: 600_000,
    });
  });

  it('reads how long to wait on a Neo4j that does not answer', () => {
    const config = loadConfig({
      NEO4J_MAX_RETRY_MS: '0',
      NEO4J_CONNECT_TIMEOUT_MS: '1500',
      NEO4J_ACQUIRE_TIMEOUT_MS: '1500',
      NEO4J_UNAVAILABLE_COOLDOWN_MS: '250',
      NEO4J_LIVENESS_TIMEOUT_MS: '800',
    });
    expect(config.neo4j.failFast).toEqual({
      maxRetryMs: 0,
      connectTimeoutMs: 1500,
      acquireTimeoutMs: 1500,
      coolDownMs: 250,
      livenessTimeoutMs: 800,
    });
  });

  it('reads the time of a request transaction and of a load, apart', () => {
    const config = loadConfig({ NEO4J_TRANSACTION_TIMEOUT_MS: '5000', NEO4J_LOAD_TIMEOUT_MS: '3600000' });
    expect(config.neo4j).toMatchObject({ transactionTimeoutMs: 5000, loadTimeoutMs: 3_600_000 });
  });

  it.each([
    ['NEO4J_MAX_RETRY_MS', '2s'],
    ['NEO4J_MAX_RETRY_MS', '-1'],
    ['NEO4J_CONNECT_TIMEOUT_MS', '0'],
    ['NEO4J_ACQUIRE_TIMEOUT_MS', '99'],
    ['NEO4J_UNAVAILABLE_COOLDOWN_MS', '600001'],
    ['NEO4J_LIVENESS_TIMEOUT_MS', '99'],
    ['NEO4J_TRANSACTION_TIMEOUT_MS', '30s'],
    ['NEO4J_TRANSACTION_TIMEOUT_MS', '9'],
    ['NEO4J_LOAD_TIMEOUT_MS', '999'],
  ])('refuses %s=%s', (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name} must be an integer`))]);
  });

  it('refuses an acquisition timeout shorter than the connection timeout it includes', () => {
    expect(problemsOf({ NEO4J_CONNECT_TIMEOUT_MS: '3000', NEO4J_ACQUIRE_TIMEOUT_MS: '2000' })).toEqual([
      expect.stringMatching(/^NEO4J_ACQUIRE_TIMEOUT_MS \(2000\) must be at least NEO4J_CONNECT_TIMEOUT_MS \(3000\)/),
    ]);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      NEO4J_URI: 'http://localhost:7474',
      NEO4J_USER: 'neo4j',
      NEO4J_DATABASE: '1bad',
      NODE_ENV: 'staging',
    });
    expect(problems).toHaveLength(6);
    for (const name of ['PORT', 'LOG_LEVEL', 'NEO4J_URI', 'NEO4J_USER', 'NEO4J_DATABASE', 'NODE_ENV']) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
  });

  it('refuses credentials without a URI, and bad local sizes and ports', () => {
    expect(problemsOf({ NEO4J_PASSWORD: 'x' })).toEqual(['NEO4J_PASSWORD is set but NEO4J_URI is not']);
    expect(problemsOf({ LOCAL_NEO4J_HEAP: 'lots', LOCAL_NEO4J_BOLT_PORT: '80' })).toHaveLength(2);
  });

  it('sets the abuse limits, each from its variable', () => {
    expect(loadConfig({}).limits).toEqual({
      maxDepth: 12,
      maxAliases: 30,
      maxDirectives: 50,
      maxTokens: 10_000,
      maxSelections: 500,
      maxCost: 1_000_000,
      maxSyncItems: 20_000,
    });
    const limits = loadConfig({
      MAX_QUERY_DEPTH: '8',
      MAX_QUERY_ALIASES: '0',
      MAX_QUERY_DIRECTIVES: '5',
      MAX_QUERY_TOKENS: '2000',
      MAX_QUERY_SELECTIONS: '300',
      MAX_QUERY_COST: '5000',
      MAX_SYNC_ITEMS: '100',
    }).limits;
    expect(limits).toEqual({
      maxDepth: 8,
      maxAliases: 0,
      maxDirectives: 5,
      maxTokens: 2000,
      maxSelections: 300,
      maxCost: 5000,
      maxSyncItems: 100,
    });
    const problems = problemsOf({
      MAX_QUERY_DEPTH: '0',
      MAX_QUERY_ALIASES: 'many',
      MAX_QUERY_DIRECTIVES: '-1',
      MAX_QUERY_TOKENS: '10',
      MAX_QUERY_SELECTIONS: '0',
      MAX_QUERY_COST: '1.5',
      MAX_SYNC_ITEMS: '0',
    });
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'MAX_QUERY_DEPTH',
      'MAX_QUERY_ALIASES',
      'MAX_QUERY_DIRECTIVES',
      'MAX_QUERY_TOKENS',
      'MAX_QUERY_SELECTIONS',
      'MAX_QUERY_COST',
      'MAX_SYNC_ITEMS',
    ]);
  });

  it('turns introspection off in production unless INTROSPECTION=true', () => {
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadConfig({ INTROSPECTION: 'false' }).introspection).toBe(false);
    expect(problemsOf({ INTROSPECTION: 'sometimes' })).toEqual([
      'INTROSPECTION must be true or false (got "sometimes")',
    ]);
  });

  it('opens /metrics to the public, to a bearer token, or else to credentials', () => {
    expect(loadConfig({}).metricsAccess).toEqual({ kind: 'credential' });
    expect(loadConfig({ METRICS_PUBLIC: 'true' }).metricsAccess).toEqual({ kind: 'public' });
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-secret' }).metricsAccess).toEqual({
      kind: 'token',
      token: 'a-long-enough-secret',
    });
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual([
      'METRICS_TOKEN must be at least 16 printable characters without spaces',
    ]);
    expect(problemsOf({ METRICS_TOKEN: 'a-long-enough-secret', METRICS_PUBLIC: 'true' })).toEqual([
      'METRICS_TOKEN and METRICS_PUBLIC=true are both set: choose one',
    ]);
  });

  it('lists the problems in the error message', () => {
    expect(() => loadConfig({ PORT: '-1' })).toThrowError(/invalid configuration:\n {2}- PORT must be an integer/);
  });

  it('reads bearer-token settings: a secret or a JWKS, with issuer, audience, roles claim and role map', () => {
    const secret = 's'.repeat(32);
    expect(loadConfig({}).auth).toEqual({
      jwt: undefined,
      rateLimit: { perMinute: 600, burst: 100 },
      trustProxy: false,
    });
    const jwt = loadConfig({
      AUTH_JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      AUTH_JWT_ISSUER: 'https://idp.example/',
      AUTH_JWT_AUDIENCE: 'aims-graph',
      AUTH_JWT_ROLES_CLAIM: 'realm_access.roles',
      AUTH_JWT_ROLE_MAP: 'aims-auditors=VIEWER, aims-grc=INTEGRATOR',
      RATE_LIMIT_PER_MINUTE: '0',
      TRUST_PROXY: 'true',
    }).auth;
    expect(jwt).toEqual({
      jwt: {
        key: { kind: 'jwks', url: 'https://idp.example/.well-known/jwks.json' },
        issuer: 'https://idp.example/',
        audience: 'aims-graph',
        rolesClaim: 'realm_access.roles',
        roleMap: { 'aims-auditors': 'VIEWER', 'aims-grc': 'INTEGRATOR' },
        clockToleranceSeconds: 30,
      },
      rateLimit: undefined,
      trustProxy: true,
    });
    expect(loadConfig({ AUTH_JWT_SECRET: secret, AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' }).auth.jwt?.key).toEqual(
      { kind: 'secret', secret },
    );
  });

  it('refuses incomplete or unsafe bearer-token settings', () => {
    expect(problemsOf({ AUTH_JWT_SECRET: 'short' })).toEqual([
      'AUTH_JWT_SECRET must be at least 32 characters',
      'AUTH_JWT_ISSUER must be set when bearer tokens are enabled',
      'AUTH_JWT_AUDIENCE must be set when bearer tokens are enabled',
    ]);
    expect(
      problemsOf({ AUTH_JWT_JWKS_URL: 'http://idp.example/jwks', AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' }),
    ).toEqual(['AUTH_JWT_JWKS_URL must use https (plain http only on the loopback interface)']);
    expect(
      problemsOf({ AUTH_JWT_JWKS_URL: 'http://127.0.0.1:9999/jwks', AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' }),
    ).toEqual([]);
    expect(
      problemsOf({
        AUTH_JWT_SECRET: 's'.repeat(32),
        AUTH_JWT_JWKS_URL: 'https://x/jwks',
        AUTH_JWT_ISSUER: 'i',
        AUTH_JWT_AUDIENCE: 'a',
      }),
    ).toEqual(['set AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL, not both']);
    expect(
      problemsOf({
        AUTH_JWT_SECRET: 's'.repeat(32),
        AUTH_JWT_ISSUER: 'i',
        AUTH_JWT_AUDIENCE: 'a',
        AUTH_JWT_ROLE_MAP: 'x=ROOT',
      }),
    ).toHaveLength(1);
    expect(problemsOf({ AUTH_JWT_ISSUER: 'i' })).toEqual([
      'AUTH_JWT_ISSUER is set but neither AUTH_JWT_SECRET nor AUTH_JWT_JWKS_URL is',
    ]);
    expect(problemsOf({ RATE_LIMIT_PER_MINUTE: 'lots' })).toHaveLength(1);
  });
});
