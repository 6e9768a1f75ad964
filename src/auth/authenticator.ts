/**
 * Who is asking: turns the credential of a request (an API key, or a bearer token from
 * the configured identity provider) into a Principal, or says why not. API keys are
 * looked up by hash and cached for a few seconds, so a busy client costs one lookup per
 * cache period; revoking a key through this instance drops it from the cache at once.
 */
import type { ApiKeyRow } from '../graph/rows.js';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { JwtConfig } from '../config.js';
import { AppError, ErrorCode } from '../errors.js';
import { RequestBookmarks } from '../graph/bookmarks.js';
import type { GraphExecutor } from '../graph/executor.js';
import { findApiKeyByHash, touchApiKey } from '../graph/statements/api-keys.js';
import { hashKey, looksLikeKey } from './api-keys.js';
import { isRole, type Principal, type Role } from './roles.js';

/** How long a verified key is trusted without asking the graph again. */
export const KEY_CACHE_MS = 10_000;
const MAX_CACHED_KEYS = 10_000;

export class UnauthenticatedError extends AppError {
  constructor(message: string) {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export type Credential = { kind: 'API_KEY'; key: string } | { kind: 'TOKEN'; token: string };

/**
 * The credential a request carries: `Authorization: Bearer <key or token>`, or
 * `X-API-Key: <key>`. Undefined when it carries none; throws when it is malformed.
 */
export function credentialOf(
  authorization: string | undefined,
  apiKeyHeader: string | undefined,
): Credential | undefined {
  if (apiKeyHeader !== undefined && apiKeyHeader.trim() !== '') {
    if (authorization !== undefined)
      throw new UnauthenticatedError('Send one credential: Authorization or X-API-Key, not both');
    return { kind: 'API_KEY', key: apiKeyHeader.trim() };
  }
  if (authorization === undefined || authorization.trim() === '') return undefined;
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization);
  if (match === null) throw new UnauthenticatedError('The Authorization header must be "Bearer <API key or token>"');
  const value = match[1]!;
  return looksLikeKey(value) || value.startsWith('aimsg_')
    ? { kind: 'API_KEY', key: value }
    : { kind: 'TOKEN', token: value };
}

/**
 * Reads the roles out of a verified token's claims: a claim (or dotted path) holding a
 * string or a list. With a role map, only mapped values count (an identity provider's
 * own "admin" role must not become this service's ADMIN); without one, role names do.
 */
export function rolesFromClaims(payload: JWTPayload, config: Pick<JwtConfig, 'rolesClaim' | 'roleMap'>): Role[] {
  let value: unknown = payload;
  for (const step of config.rolesClaim.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[step] : undefined;
  }
  const values =
    typeof value === 'string'
      ? value.split(/[ ,]+/)
      : Array.isArray(value)
        ? value.filter((v): v is string => typeof v === 'string')
        : [];
  const roles = new Set<Role>();
  const mapped = Object.keys(config.roleMap).length > 0;
  for (const raw of values) {
    const role = mapped ? (Object.hasOwn(config.roleMap, raw) ? config.roleMap[raw] : undefined) : raw.toUpperCase();
    if (role !== undefined && isRole(role)) roles.add(role);
  }
  return [...roles];
}

export class Authenticator {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  /** Keys revoked through this instance lately: a lookup that raced the revocation must not cache them again. */
  private readonly revoked = new Map<string, number>();
  private readonly jwks: JWTVerifyGetKey | Uint8Array | undefined;

  constructor(
    private readonly graph: GraphExecutor,
    private readonly jwt: JwtConfig | undefined,
    private readonly now: () => number = Date.now,
  ) {
    if (jwt?.key.kind === 'jwks')
      this.jwks = createRemoteJWKSet(new URL(jwt.key.url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    else if (jwt?.key.kind === 'secret') this.jwks = new TextEncoder().encode(jwt.key.secret);
  }

  /**
   * The principal behind a credential; throws UNAUTHENTICATED (or SERVICE_UNAVAILABLE when
   * the key store cannot be read). A key is looked up after `bookmarks` (the request's
   * X-Neo4j-Bookmark), so a key made through another instance works at once.
   */
  async authenticate(credential: Credential, bookmarks: readonly string[] = []): Promise<Principal> {
    return credential.kind === 'API_KEY' ? this.byKey(credential.key, bookmarks) : this.byToken(credential.token);
  }

  /** Forgets a key at once (after it is revoked through this instance). */
  forget(keyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.principal.keyId === keyId) this.cache.delete(hash);
    const now = this.now();
    for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
    this.revoked.set(keyId, now + KEY_CACHE_MS);
  }

  /** Whether this instance verified `key` lately (so checking it costs no lookup). */
  isCached(key: string): boolean {
    const cached = looksLikeKey(key) ? this.cache.get(hashKey(key)) : undefined;
    return cached !== undefined && cached.until > this.now();
  }

  private async byKey(key: string, bookmarks: readonly string[]): Promise<Principal> {
    if (!looksLikeKey(key)) throw new UnauthenticatedError('The API key is not valid');
    const hash = hashKey(key);
    const cached = this.cache.get(hash);
    if (cached !== undefined && cached.until > this.now()) return cached.principal;
    this.cache.delete(hash);
    const graph = bookmarks.length > 0 ? this.graph.withBookmarks(new RequestBookmarks(bookmarks)) : this.graph;
    const [row] = await graph.read(findApiKeyByHash(hash));
    const revokedHere = row !== undefined && (this.revoked.get(row.key.id) ?? 0) > this.now();
    if (row === undefined || row.key.revokedAt !== null || revokedHere || !isRole(row.key.role)) {
      throw new UnauthenticatedError('The API key is not valid or has been revoked');
    }
    const principal = keyPrincipal(row.key);
    if (this.cache.size >= MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(hash, { principal, until: this.now() + KEY_CACHE_MS });
    // Use is noted to the hour: a write only when the hour noted has passed, not on every
    // cache miss. Best effort: a key that works must not stop working because its use could not be noted.
    const lastUsed = row.key.lastUsedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(row.key.lastUsedAt);
    if (!(this.now() - lastUsed < 3_600_000)) await this.graph.write(touchApiKey(row.key.id)).catch(() => undefined);
    return principal;
  }

  private async byToken(token: string): Promise<Principal> {
    const jwt = this.jwt;
    const key = this.jwks;
    if (jwt === undefined || key === undefined)
      throw new UnauthenticatedError('Bearer tokens are not accepted here: use an API key');
    let payload: JWTPayload;
    try {
      const options = {
        issuer: jwt.issuer,
        audience: jwt.audience,
        algorithms: jwt.key.kind === 'secret' ? ['HS256'] : ['RS256'],
        clockTolerance: jwt.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      };
      payload = (
        key instanceof Uint8Array ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options)
      ).payload;
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The token has expired');
      // Anything but a verdict on the token itself is an outage, not a refusal: a JWKS that
      // cannot be fetched or read (jose reports a non-200 answer as a bare JOSEError).
      const bare = err instanceof joseErrors.JOSEError && err.code === 'ERR_JOSE_GENERIC';
      if (
        !(err instanceof joseErrors.JOSEError) ||
        bare ||
        err instanceof joseErrors.JWKSTimeout ||
        err instanceof joseErrors.JWKSInvalid
      ) {
        throw new AppError(
          ErrorCode.SERVICE_UNAVAILABLE,
          'The identity provider’s keys cannot be fetched; try again shortly',
        );
      }
      throw new UnauthenticatedError('The token is not valid here (signature, issuer, audience or claims)');
    }
    // jose checks that these are present and match, not that they say anything: `"sub": ""`
    // would make every such token the same caller, `token:`.
    if (
      !nonEmpty(payload.sub) ||
      !nonEmpty(payload.iss) ||
      !(Array.isArray(payload.aud) ? payload.aud.length > 0 && payload.aud.every(nonEmpty) : nonEmpty(payload.aud))
    ) {
      throw new UnauthenticatedError(
        'The token is not valid here (its sub, iss and aud claims must be non-empty strings)',
      );
    }
    return { id: `token:${payload.sub}`, kind: 'TOKEN', roles: rolesFromClaims(payload, jwt) };
  }
}

const nonEmpty = (claim: unknown): claim is string => typeof claim === 'string' && claim.trim() !== '';

export const keyPrincipal = (key: Pick<ApiKeyRow, 'id' | 'name' | 'role'>): Principal => ({
  id: `key:${key.name}`,
  kind: 'API_KEY',
  roles: isRole(key.role) ? [key.role] : [],
  keyId: key.id,
});
