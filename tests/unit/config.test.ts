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
      failFast: { maxRetryMs: 2000, connectTimeoutMs: 2000, acquireTimeoutMs: 5000, coolDownMs: 1000 },
    });
  });

  it('reads how long to wait on a Neo4j that does not answer', () => {
    const config = loadConfig({
      NEO4J_MAX_RETRY_MS: '0',
      NEO4J_CONNECT_TIMEOUT_MS: '1500',
      NEO4J_ACQUIRE_TIMEOUT_MS: '1500',
      NEO4J_UNAVAILABLE_COOLDOWN_MS: '250',
    });
    expect(config.neo4j.failFast).toEqual({ maxRetryMs: 0, connectTimeoutMs: 1500, acquireTimeoutMs: 1500, coolDownMs: 250 });
  });

  it.each([
    ['NEO4J_MAX_RETRY_MS', '2s'],
    ['NEO4J_MAX_RETRY_MS', '-1'],
    ['NEO4J_CONNECT_TIMEOUT_MS', '0'],
    ['NEO4J_ACQUIRE_TIMEOUT_MS', '99'],
    ['NEO4J_UNAVAILABLE_COOLDOWN_MS', '600001'],
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

  it('lists the problems in the error message', () => {
    expect(() => loadConfig({ PORT: '-1' })).toThrowError(/invalid configuration:\n {2}- PORT must be an integer/);
  });
});
