import { describe, expect, it } from 'vitest';
import { generateKey, hashKey, looksLikeKey } from '../../src/auth/api-keys.js';
import { Authenticator, credentialOf, KEY_CACHE_MS, rolesFromClaims } from '../../src/auth/authenticator.js';
import { RateLimiter } from '../../src/auth/rate-limit.js';
import { can, PERMISSIONS } from '../../src/auth/roles.js';
import type { GraphExecutor } from '../../src/graph/executor.js';

describe('API keys', () => {
  it('are 256 random bits with a recognisable prefix, stored as a SHA-256 hash', () => {
    const a = generateKey();
    const b = generateKey();
    expect(a.key).toMatch(/^aimsg_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toBe(hashKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.prefix).toBe(a.key.slice(0, 12));
    expect(looksLikeKey(a.key)).toBe(true);
    expect(looksLikeKey(`${a.key}x`)).toBe(false);
  });
});

describe('credentialOf', () => {
  const key = generateKey().key;
  it.each([
    [undefined, undefined, undefined],
    ['', undefined, undefined],
    [`Bearer ${key}`, undefined, { kind: 'API_KEY', key }],
    [`bearer   ${key}`, undefined, { kind: 'API_KEY', key }],
    ['Bearer eyJhbGciOi.x.y', undefined, { kind: 'TOKEN', token: 'eyJhbGciOi.x.y' }],
    [undefined, key, { kind: 'API_KEY', key }],
  ])('Authorization %j, X-API-Key %j', (authorization, apiKey, expected) => {
    expect(credentialOf(authorization, apiKey)).toEqual(expected);
  });

  it.each([['Basic dXNlcjpwYXNz'], [`Bearer ${key} extra`], ['Bearer']])('refuses %j', (authorization) => {
    expect(() => credentialOf(authorization, undefined)).toThrow(/Bearer/);
  });

  it('refuses two credentials at once', () => {
    expect(() => credentialOf(`Bearer ${key}`, key)).toThrow(/one credential/);
  });
});

describe('rolesFromClaims', () => {
  const config = { rolesClaim: 'roles', roleMap: {} };
  it.each([
    [{ roles: ['VIEWER'] }, config, ['VIEWER']],
    [{ roles: ['viewer', 'Editor', 'unknown'] }, config, ['VIEWER', 'EDITOR']],
    [{ roles: 'INTEGRATOR ADMIN' }, config, ['INTEGRATOR', 'ADMIN']],
    [{ roles: 42 }, config, []],
    [{}, config, []],
    [
      { realm_access: { roles: ['aims-auditors'] } },
      { rolesClaim: 'realm_access.roles', roleMap: { 'aims-auditors': 'VIEWER' as const } },
      ['VIEWER'],
    ],
    [{ groups: ['ADMIN'] }, { rolesClaim: 'groups', roleMap: { ADMIN: 'VIEWER' as const } }, ['VIEWER']],
    // With a map, the identity provider's own role names mean nothing by themselves.
    [
      { roles: ['admin', 'aims-grc'] },
      { rolesClaim: 'roles', roleMap: { 'aims-grc': 'INTEGRATOR' as const } },
      ['INTEGRATOR'],
    ],
    [
      { roles: ['constructor', '__proto__', 'toString'] },
      {
        rolesClaim: 'roles',
        roleMap: Object.assign(Object.create(null) as Record<string, 'VIEWER'>, { x: 'VIEWER' as const }),
      },
      [],
    ],
  ])('%j with %j gives %j', (payload, settings, roles) => {
    expect(rolesFromClaims(payload, settings)).toEqual(roles);
  });
});

describe('roles', () => {
  const principal = (roles: ('VIEWER' | 'EDITOR' | 'INTEGRATOR' | 'ADMIN')[]) => ({
    id: 'x',
    kind: 'TOKEN' as const,
    roles,
  });
  it.each([
    [['VIEWER'], PERMISSIONS.READ, true],
    [['VIEWER'], PERMISSIONS.WRITE_ORGANISATION, false],
    [['EDITOR'], PERMISSIONS.WRITE_ORGANISATION, true],
    [['EDITOR'], PERMISSIONS.SYNC, false],
    [['INTEGRATOR'], PERMISSIONS.SYNC, true],
    [['INTEGRATOR'], PERMISSIONS.WRITE_ORGANISATION, false],
    [['EDITOR', 'INTEGRATOR'], PERMISSIONS.SYNC, true],
    [['INTEGRATOR'], PERMISSIONS.MANAGE_KEYS, false],
    [['ADMIN'], PERMISSIONS.MANAGE_KEYS, true],
    [[], PERMISSIONS.READ, false],
  ] as const)('%j may %s: %s', (roles, permission, expected) => {
    expect(can(principal([...roles]), permission)).toBe(expected);
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then refills at the configured rate, per key', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 1000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    now += 2500;
    expect(limiter.has('a')).toBe(true);
    expect(limiter.retryAfter('a')).toBe(0);
  });

  it('says how long to wait, rounded up to whole seconds', () => {
    const now = 0;
    const limiter = new RateLimiter({ perMinute: 6, burst: 1 }, () => now);
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.has('k')).toBe(false);
  });

  it('forgets clients whose allowance has refilled', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 2 }, () => now);
    limiter.take('a');
    limiter.take('b');
    expect(limiter.size).toBe(2);
    now += 120_000;
    limiter.take('c');
    expect(limiter.size).toBe(1);
  });
});

describe('Authenticator key cache', () => {
  const issued = generateKey();
  const row = (revokedAt: string | null) => ({
    key: {
      id: issued.id,
      name: 'ci',
      role: 'VIEWER',
      prefix: issued.prefix,
      createdAt: '2026-01-01T00:00:00Z',
      createdBy: 'test',
      lastUsedAt: null,
      revokedAt,
    },
  });
  /** A key store whose one key can be revoked "on another instance", counting lookups. */
  function store() {
    const state = { revokedAt: null as string | null, lookups: 0, pending: undefined as (() => void) | undefined };
    const graph = {
      read: async () => {
        state.lookups += 1;
        const answer = [row(state.revokedAt)];
        if (state.pending) await new Promise<void>((resolve) => (state.pending = resolve));
        return answer;
      },
      write: async () => [],
    } as unknown as GraphExecutor;
    return { state, graph };
  }
  const credential = { kind: 'API_KEY' as const, key: issued.key };

  it('trusts a verified key for 10 seconds, then asks the store again (revocation elsewhere takes at most that long)', async () => {
    let now = 0;
    const { state, graph } = store();
    const auth = new Authenticator(graph, undefined, () => now);
    await expect(auth.authenticate(credential)).resolves.toMatchObject({ id: 'key:ci', roles: ['VIEWER'] });
    expect(auth.isCached(issued.key)).toBe(true);
    state.revokedAt = '2026-11-27T09:00:00Z';
    now += KEY_CACHE_MS - 1;
    await expect(auth.authenticate(credential)).resolves.toMatchObject({ id: 'key:ci' });
    expect(state.lookups).toBe(1);
    now += 1;
    await expect(auth.authenticate(credential)).rejects.toThrow(/revoked/);
    expect(state.lookups).toBe(2);
  });

  it('forgets a key revoked here at once, even when a lookup that began before the revocation ends after it', async () => {
    const { state, graph } = store();
    const auth = new Authenticator(graph, undefined, () => 0);
    state.pending = () => undefined;
    const racing = auth.authenticate(credential);
    await new Promise((resolve) => setTimeout(resolve, 0));
    auth.forget(issued.id);
    state.pending?.();
    await expect(racing).rejects.toThrow(/revoked/);
    expect(auth.isCached(issued.key)).toBe(false);
  });
});
