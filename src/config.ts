/**
 * The only reader of process.env. The environment is parsed once, every problem is
 * collected, and one error lists them all, so a misconfigured deployment fails at
 * start with the whole picture instead of one variable at a time.
 */
import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Where the graph lives: a server the operator runs, or the local one the project provisions. */
export type Neo4jTarget =
  | {
      readonly kind: 'external';
      readonly uri: string;
      readonly user: string | undefined;
      readonly password: string | undefined;
      readonly database: string;
      readonly failFast: Neo4jFailFast;
    }
  | {
      readonly kind: 'local';
      readonly uri: string;
      readonly database: string;
      readonly failFast: Neo4jFailFast;
      readonly local: LocalNeo4jConfig;
    };

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

export interface Config {
  readonly nodeEnv: NodeEnv;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** json: one JSON object a line; pretty: for a terminal; auto: pretty on a terminal. */
  readonly logFormat: 'json' | 'pretty' | 'auto';
  readonly maxBodyBytes: number;
  readonly seedOnStart: boolean;
  /** Load the demo organisation into a graph that has no organisation records. */
  readonly demoOnStart: boolean;
  readonly seedDir: string;
  readonly queriesDir: string;
  readonly neo4j: Neo4jTarget;
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
  });
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
      problems.push(`NEO4J_URI must start with one of ${NEO4J_SCHEMES.map((s) => `${s}://`).join(', ')} (got "${uri}")`);
    }
    const user = text('NEO4J_USER');
    const password = env.NEO4J_PASSWORD === undefined || env.NEO4J_PASSWORD === '' ? undefined : env.NEO4J_PASSWORD;
    if ((user === undefined) !== (password === undefined)) {
      problems.push('NEO4J_USER and NEO4J_PASSWORD must be set together');
    }
    neo4j = { kind: 'external', uri, user, password, database, failFast };
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

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    nodeEnv,
    host,
    port,
    logLevel,
    logFormat,
    maxBodyBytes,
    seedOnStart,
    demoOnStart,
    seedDir: folder('SEED_DIR', 'seed'),
    queriesDir: folder('QUERIES_DIR', 'queries'),
    neo4j: Object.freeze(neo4j),
  });
}

/**
 * The configuration of `npm run bench`: always its own local Neo4j (.local/neo4j/bench,
 * port 7689), which it wipes, whatever NEO4J_URI says.
 */
export function loadBenchConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const { NEO4J_URI: _uri, NEO4J_USER: _user, NEO4J_PASSWORD: _password, NEO4J_DATABASE: _database, ...rest } = env;
  return loadConfig({ ...rest, LOCAL_NEO4J_HOME: '.local/neo4j/bench', LOCAL_NEO4J_BOLT_PORT: '7689', LOG_LEVEL: 'silent' }, cwd);
}
