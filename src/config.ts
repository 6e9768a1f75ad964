/**
 * The only reader of process.env. The environment is parsed once, every problem is
 * collected, and one error lists them all, so a misconfigured deployment fails at
 * start with the whole picture instead of one variable at a time.
 */
import path from 'node:path';

/**
 * The roles a credential may carry. They are named here, at the bottom of the source
 * tree, because the configuration names them too (AUTH_JWT_ROLE_MAP); what each may do
 * is auth/roles.ts's.
 */
export const ROLES = ['VIEWER', 'EDITOR', 'INTEGRATOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** What every Neo4j target has: the database, and how long work on it may take. */
interface Neo4jCommon {
  readonly uri: string;
  readonly database: string;
  readonly failFast: Neo4jFailFast;
  /** The time a request's transaction may take (Neo4j ends it then; TIMEOUT). */
  readonly transactionTimeoutMs: number;
  /** The time each transaction of a load (catalogue, demo, migrations at start) may take. */
  readonly loadTimeoutMs: number;
}

/** Where the graph lives: a server the operator runs, or the local one the project provisions. */
export type Neo4jTarget =
  | (Neo4jCommon & {
      readonly kind: 'external';
      readonly user: string | undefined;
      readonly password: string | undefined;
    })
  | (Neo4jCommon & {
      readonly kind: 'local';
      readonly local: LocalNeo4jConfig;
    });

/** How long a request may wait on a Neo4j that does not answer, before SERVICE_UNAVAILABLE. */
export interface Neo4jFailFast {
  /** After a transaction's first failure, how long the driver keeps retrying it (transient errors, lost connections). */
  readonly maxRetryMs: number;
  /** How long one attempt to open a connection may take. */
  readonly connectTimeoutMs: number;
  /** How long a transaction may wait for a connection: a free one from the pool, or a new one. */
  readonly acquireTimeoutMs: number;
  /** Once Neo4j was found unreachable, how long requests fail at once before one of them checks again. */
  readonly coolDownMs: number;
  /** How long a statement waits before the service checks that Neo4j still answers, and how long that check may take. */
  readonly livenessTimeoutMs: number;
}

export interface LocalNeo4jConfig {
  /** Folder holding this instance's store, logs, configuration and pid file. */
  readonly home: string;
  /** Folder holding the resolved Maven classpath, shared by all local instances. */
  readonly cacheDir: string;
  readonly boltPort: number;
  readonly heap: string;
  readonly pageCache: string;
  readonly startTimeoutMs: number;
}

/** Bearer tokens from an identity provider: HS256 with a shared secret, or RS256 with its JWKS. */
export interface JwtConfig {
  readonly key: { readonly kind: 'secret'; readonly secret: string } | { readonly kind: 'jwks'; readonly url: string };
  readonly issuer: string;
  readonly audience: string;
  /** Where the roles are in the token: a claim name, or a dotted path such as realm_access.roles. */
  readonly rolesClaim: string;
  /** Claim values that name a role other than by its own name (e.g. an IdP group). */
  readonly roleMap: Readonly<Record<string, Role>>;
  readonly clockToleranceSeconds: number;
}

export interface AuthConfig {
  readonly jwt: JwtConfig | undefined;
  /** Requests a minute per credential (and per address for failed attempts); undefined: no limit. */
  readonly rateLimit: { readonly perMinute: number; readonly burst: number } | undefined;
  /** Behind one reverse proxy: the client address is the last X-Forwarded-For entry, not the socket's peer. */
  readonly trustProxy: boolean;
}

/** The abuse limits on every GraphQL operation (src/limits/) and on sync batches. */
export interface Limits {
  /** Fields nested in fields, fragments followed. */
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  /** Lexical tokens the parser reads before it gives up. */
  readonly maxTokens: number;
  /** Fields, fragment spreads and inline fragments written in one document, counted before validation. */
  readonly maxSelections: number;
  /** The estimated cost (src/limits/cost.ts), which scales with `first` and list sizes. */
  readonly maxCost: number;
  /** Records, and links, in one sync or import batch (each list). */
  readonly maxSyncItems: number;
}

/**
 * Who may read /metrics: anyone (public), whoever sends the bearer token, or (credential)
 * whoever the service's own authentication admits.
 */
export type MetricsAccess =
  { readonly kind: 'public' } | { readonly kind: 'token'; readonly token: string } | { readonly kind: 'credential' };

export interface Config {
  readonly nodeEnv: NodeEnv;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** json: one JSON object a line; pretty: for a terminal; auto: pretty on a terminal. */
  readonly logFormat: 'json' | 'pretty' | 'auto';
  readonly maxBodyBytes: number;
  readonly limits: Limits;
  /** How many coverage answers an instance keeps, until the next write (0: none); services/coverage-cache.ts. */
  readonly coverageCacheEntries: number;
  /** Schema introspection: on in development and test, off in production unless INTROSPECTION=true. */
  readonly introspection: boolean;
  readonly metricsAccess: MetricsAccess;
  readonly seedOnStart: boolean;
  /** Load the demo organisation into a graph that has no organisation records. */
  readonly demoOnStart: boolean;
  readonly seedDir: string;
  readonly queriesDir: string;
  readonly neo4j: Neo4jTarget;
  readonly auth: AuthConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];
const NEO4J_SCHEMES = ['neo4j', 'neo4j+s', 'neo4j+ssc', 'bolt', 'bolt+s', 'bolt+ssc'];
const MEMORY_SIZE = /^[1-9][0-9]*[kmg]$/i;
const DATABASE_NAME = /^[A-Za-z][A-Za-z0-9.-]{2,62}$/;

type Env = Readonly<Record<string, string | undefined>>;

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = text(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name);
    if (value === undefined) return fallback;
    const parsed = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const value = text(name);
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  };
  const memory = (name: string, fallback: string): string => {
    const value = text(name);
    if (value === undefined) return fallback;
    if (MEMORY_SIZE.test(value)) return value.toLowerCase();
    problems.push(`${name} must be a size such as 256m or 1g (got "${value}")`);
    return fallback;
  };
  const folder = (name: string, fallback: string): string => path.resolve(cwd, text(name) ?? fallback);

  const nodeEnv = oneOf('NODE_ENV', NODE_ENVS, 'development');
  const host = text('HOST') ?? '127.0.0.1';
  const port = integer('PORT', 4000, 0, 65535);
  const logLevel = oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info');
  const logFormat = oneOf('LOG_FORMAT', ['json', 'pretty', 'auto'] as const, 'auto');
  const maxBodyBytes = integer('MAX_BODY_BYTES', 1_048_576, 1024, 104_857_600);
  const limits: Limits = Object.freeze({
    maxDepth: integer('MAX_QUERY_DEPTH', 12, 1, 1000),
    maxAliases: integer('MAX_QUERY_ALIASES', 30, 0, 10_000),
    maxDirectives: integer('MAX_QUERY_DIRECTIVES', 50, 0, 10_000),
    maxTokens: integer('MAX_QUERY_TOKENS', 10_000, 100, 10_000_000),
    maxSelections: integer('MAX_QUERY_SELECTIONS', 500, 1, 1_000_000),
    maxCost: integer('MAX_QUERY_COST', 1_000_000, 1, 1_000_000_000_000),
    maxSyncItems: integer('MAX_SYNC_ITEMS', 20_000, 1, 1_000_000),
  });
  const coverageCacheEntries = integer('COVERAGE_CACHE_ENTRIES', 32, 0, 100_000);
  const introspection = bool('INTROSPECTION', nodeEnv !== 'production');
  const metricsPublic = bool('METRICS_PUBLIC', false);
  const metricsToken = env.METRICS_TOKEN === undefined || env.METRICS_TOKEN === '' ? undefined : env.METRICS_TOKEN;
  let metricsAccess: MetricsAccess = { kind: 'credential' };
  if (metricsToken !== undefined) {
    if (metricsPublic) problems.push('METRICS_TOKEN and METRICS_PUBLIC=true are both set: choose one');
    if (metricsToken.length < 16 || !/^[\x21-\x7e]+$/.test(metricsToken)) {
      problems.push('METRICS_TOKEN must be at least 16 printable characters without spaces');
    }
    metricsAccess = { kind: 'token', token: metricsToken };
  } else if (metricsPublic) {
    metricsAccess = { kind: 'public' };
  }
  const seedOnStart = bool('SEED_ON_START', true);
  const demoOnStart = bool('DEMO_ON_START', true);

  const database = text('NEO4J_DATABASE') ?? 'neo4j';
  if (!DATABASE_NAME.test(database)) {
    problems.push(`NEO4J_DATABASE must be a Neo4j database name (got "${database}")`);
  }
  const failFast: Neo4jFailFast = Object.freeze({
    maxRetryMs: integer('NEO4J_MAX_RETRY_MS', 2000, 0, 600_000),
    connectTimeoutMs: integer('NEO4J_CONNECT_TIMEOUT_MS', 2000, 100, 600_000),
    acquireTimeoutMs: integer('NEO4J_ACQUIRE_TIMEOUT_MS', 5000, 100, 600_000),
    coolDownMs: integer('NEO4J_UNAVAILABLE_COOLDOWN_MS', 1000, 0, 600_000),
    livenessTimeoutMs: integer('NEO4J_LIVENESS_TIMEOUT_MS', 3000, 100, 600_000),
  });
  const transactionTimeoutMs = integer('NEO4J_TRANSACTION_TIMEOUT_MS', 30_000, 10, 3_600_000);
  const loadTimeoutMs = integer('NEO4J_LOAD_TIMEOUT_MS', 600_000, 1000, 86_400_000);
  if (failFast.acquireTimeoutMs < failFast.connectTimeoutMs) {
    problems.push(
      `NEO4J_ACQUIRE_TIMEOUT_MS (${failFast.acquireTimeoutMs}) must be at least NEO4J_CONNECT_TIMEOUT_MS (${failFast.connectTimeoutMs}): acquiring includes connecting`,
    );
  }

  let neo4j: Neo4jTarget;
  const uri = text('NEO4J_URI');
  if (uri !== undefined) {
    const scheme = /^([a-z0-9+]+):\/\//i.exec(uri)?.[1]?.toLowerCase();
    if (scheme === undefined || !NEO4J_SCHEMES.includes(scheme)) {
      problems.push(
        `NEO4J_URI must start with one of ${NEO4J_SCHEMES.map((s) => `${s}://`).join(', ')} (got "${uri}")`,
      );
    }
    const user = text('NEO4J_USER');
    const password = env.NEO4J_PASSWORD === undefined || env.NEO4J_PASSWORD === '' ? undefined : env.NEO4J_PASSWORD;
    if ((user === undefined) !== (password === undefined)) {
      problems.push('NEO4J_USER and NEO4J_PASSWORD must be set together');
    }
    neo4j = { kind: 'external', uri, user, password, database, failFast, transactionTimeoutMs, loadTimeoutMs };
  } else {
    for (const name of ['NEO4J_USER', 'NEO4J_PASSWORD']) {
      if (text(name) !== undefined) problems.push(`${name} is set but NEO4J_URI is not`);
    }
    const boltPort = integer('LOCAL_NEO4J_BOLT_PORT', 7687, 1024, 65535);
    neo4j = {
      kind: 'local',
      uri: `bolt://127.0.0.1:${boltPort}`,
      database,
      failFast,
      transactionTimeoutMs,
      loadTimeoutMs,
      local: {
        home: folder('LOCAL_NEO4J_HOME', '.local/neo4j/dev'),
        cacheDir: folder('LOCAL_NEO4J_CACHE', '.local/neo4j'),
        boltPort,
        heap: memory('LOCAL_NEO4J_HEAP', '1g'),
        pageCache: memory('LOCAL_NEO4J_PAGECACHE', '256m'),
        startTimeoutMs: integer('LOCAL_NEO4J_START_TIMEOUT_MS', 120_000, 1000, 3_600_000),
      },
    };
  }

  const auth = authConfig(text, integer, bool, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    nodeEnv,
    host,
    port,
    logLevel,
    logFormat,
    maxBodyBytes,
    limits,
    coverageCacheEntries,
    introspection,
    metricsAccess: Object.freeze(metricsAccess),
    seedOnStart,
    demoOnStart,
    seedDir: folder('SEED_DIR', 'seed'),
    queriesDir: folder('QUERIES_DIR', 'queries'),
    neo4j: Object.freeze(neo4j),
    auth,
  });
}

/** Hosts a JWKS may be fetched from over plain HTTP (a local identity provider in development). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function authConfig(
  text: (name: string) => string | undefined,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  bool: (name: string, fallback: boolean) => boolean,
  problems: string[],
): AuthConfig {
  const secret = text('AUTH_JWT_SECRET');
  const jwksUrl = text('AUTH_JWT_JWKS_URL');
  const issuer = text('AUTH_JWT_ISSUER');
  const audience = text('AUTH_JWT_AUDIENCE');
  let jwt: JwtConfig | undefined;
  if (secret !== undefined || jwksUrl !== undefined) {
    if (secret !== undefined && jwksUrl !== undefined)
      problems.push('set AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL, not both');
    if (secret !== undefined && secret.length < 32) problems.push('AUTH_JWT_SECRET must be at least 32 characters');
    if (jwksUrl !== undefined) {
      let url: URL | undefined;
      try {
        url = new URL(jwksUrl);
      } catch {
        problems.push(`AUTH_JWT_JWKS_URL must be a URL (got "${jwksUrl}")`);
      }
      if (url !== undefined && url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
        problems.push('AUTH_JWT_JWKS_URL must use https (plain http only on the loopback interface)');
      }
    }
    if (issuer === undefined) problems.push('AUTH_JWT_ISSUER must be set when bearer tokens are enabled');
    if (audience === undefined) problems.push('AUTH_JWT_AUDIENCE must be set when bearer tokens are enabled');
    const roleMap: Record<string, Role> = Object.create(null) as Record<string, Role>;
    for (const pair of (text('AUTH_JWT_ROLE_MAP') ?? '').split(',').filter((p) => p.trim() !== '')) {
      const [value, role] = pair.split('=').map((part) => part.trim());
      if (!value || !role || !isRole(role)) {
        problems.push(
          `AUTH_JWT_ROLE_MAP entries must be claim-value=ROLE with a role of VIEWER, EDITOR, INTEGRATOR or ADMIN (got "${pair.trim()}")`,
        );
        continue;
      }
      roleMap[value] = role;
    }
    jwt = Object.freeze({
      key: secret !== undefined ? { kind: 'secret' as const, secret } : { kind: 'jwks' as const, url: jwksUrl ?? '' },
      issuer: issuer ?? '',
      audience: audience ?? '',
      rolesClaim: text('AUTH_JWT_ROLES_CLAIM') ?? 'roles',
      roleMap: Object.freeze(roleMap),
      clockToleranceSeconds: integer('AUTH_JWT_CLOCK_TOLERANCE_SECONDS', 30, 0, 300),
    });
  } else {
    for (const name of ['AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE', 'AUTH_JWT_ROLES_CLAIM', 'AUTH_JWT_ROLE_MAP']) {
      if (text(name) !== undefined)
        problems.push(`${name} is set but neither AUTH_JWT_SECRET nor AUTH_JWT_JWKS_URL is`);
    }
  }
  const perMinute = integer('RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000);
  const burst = integer('RATE_LIMIT_BURST', Math.max(1, Math.ceil(perMinute / 6)), 1, 1_000_000);
  return Object.freeze({
    jwt,
    rateLimit: perMinute === 0 ? undefined : Object.freeze({ perMinute, burst }),
    trustProxy: bool('TRUST_PROXY', false),
  });
}

/**
 * The configuration of `npm run bench`: always its own local Neo4j (.local/neo4j/bench,
 * port 7689, unless the command line names another store or port), whatever NEO4J_URI says.
 */
export function loadBenchConfig(
  env: Env = process.env,
  cwd: string = process.cwd(),
  store: { home?: string; boltPort?: number } = {},
): Config {
  const { NEO4J_URI: _uri, NEO4J_USER: _user, NEO4J_PASSWORD: _password, NEO4J_DATABASE: _database, ...rest } = env;
  return loadConfig(
    {
      // The read benchmarks at scale 10 hold about a million nodes and links: more than the service's default memory.
      LOCAL_NEO4J_HEAP: '2g',
      LOCAL_NEO4J_PAGECACHE: '1g',
      ...rest,
      LOCAL_NEO4J_HOME: store.home ?? '.local/neo4j/bench',
      LOCAL_NEO4J_BOLT_PORT: String(store.boltPort ?? 7689),
      LOG_LEVEL: 'silent',
    },
    cwd,
  );
}
