/**
 * A real service on a real port for one test file: the same createApp as `npm start`,
 * over the test Neo4j, with every Cypher statement it sends counted. It accepts the
 * bearer tokens of tests/helpers/auth.ts; gql() sends an ADMIN one unless the headers
 * given carry another credential. Rate limits are off unless asked for.
 */
import { expect, inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { loadConfig, type Limits, type MetricsAccess } from '../../src/config.js';
import { createDriver } from '../../src/graph/driver.js';
import { GraphExecutor } from '../../src/graph/executor.js';
import { createLogger } from '../../src/logger.js';
import { readApplicabilityRules } from '../../src/ingest/seed.js';
import { createApp, type App } from '../../src/server.js';
import type { AuthConfig } from '../../src/config.js';
import { authHeaders, TEST_JWT, type TestRole } from './auth.js';
import { TEST_ENV } from './env.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

export interface TestServer {
  readonly url: string;
  readonly graph: GraphExecutor;
  readonly driver: Driver;
  /** Statements sent to Neo4j since the last reset. */
  readonly statements: string[];
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** gql() that expects no error and returns the data (as `role`, ADMIN by default). */
  ok<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
    role?: TestRole,
  ): Promise<T>;
  /** gql() as `role`. */
  as(
    role: TestRole,
  ): <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export function testGraph(): { driver: Driver; graph: GraphExecutor } {
  const config = loadConfig({ ...TEST_ENV, NEO4J_URI: inject('neo4jUri'), NEO4J_DATABASE: inject('neo4jDatabase') });
  const driver = createDriver(config.neo4j);
  return { driver, graph: new GraphExecutor(driver, { database: config.neo4j.database }) };
}

/** The service's authentication in tests: the test tokens, and rate limits only when a test asks. */
export const testAuthConfig = (rateLimit?: AuthConfig['rateLimit']): AuthConfig => ({
  jwt: {
    key: { kind: 'secret', secret: TEST_JWT.secret },
    issuer: TEST_JWT.issuer,
    audience: TEST_JWT.audience,
    rolesClaim: 'roles',
    roleMap: {},
    clockToleranceSeconds: 0,
  },
  rateLimit,
  trustProxy: false,
});

export interface TestServerOptions {
  readonly graph?: GraphExecutor;
  readonly maxBodyBytes?: number;
  /** Limits to change from the configured defaults. */
  readonly limits?: Partial<Limits>;
  readonly introspection?: boolean;
  readonly hideSchemaDetails?: boolean;
  /** Coverage answers kept until the next write; the service's default (32) unless given. */
  readonly coverageCacheEntries?: number;
  readonly metricsAccess?: MetricsAccess;
  /** Authentication; defaults to testAuthConfig() (the test tokens, no rate limit). */
  readonly auth?: AuthConfig;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { driver, graph: base } = testGraph();
  const config = loadConfig(TEST_ENV);
  const statements: string[] = [];
  const graph = (options.graph ?? base).withObserver((name) => void statements.push(name));
  const app: App = await createApp({
    graph,
    log: createLogger({ logLevel: 'silent', logFormat: 'json' }),
    queriesDir: 'queries',
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
    introspection: options.introspection ?? true,
    hideSchemaDetails: options.hideSchemaDetails ?? false,
    limits: { ...config.limits, ...options.limits },
    metricsAccess: options.metricsAccess ?? config.metricsAccess,
    applicabilityRules: await readApplicabilityRules(config.seedDir),
    auth: options.auth ?? testAuthConfig(),
    ...(options.coverageCacheEntries === undefined ? {} : { coverageCacheEntries: options.coverageCacheEntries }),
  });
  const url = await app.listen(0, '127.0.0.1');
  const credentials = new Map<TestRole, Record<string, string>>();
  const as =
    (role: TestRole) =>
    async <T>(
      query: string,
      variables: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ): Promise<GraphQLResponse<T>> => {
      if (!credentials.has(role)) credentials.set(role, await authHeaders(role));
      const lower = Object.keys(headers).map((name) => name.toLowerCase());
      const own = lower.includes('authorization') || lower.includes('x-api-key');
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(own ? {} : credentials.get(role)), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as GraphQLResponse<T>['body'],
      };
    };
  return {
    url,
    graph,
    driver,
    statements,
    gql: as('ADMIN'),
    as,
    async ok<T>(
      query: string,
      variables: Record<string, unknown> = {},
      headers: Record<string, string> = {},
      role: TestRole = 'ADMIN',
    ): Promise<T> {
      const { body } = await as(role)<T>(query, variables, headers);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data as T;
    },
    async close() {
      await app.stop();
      await driver.close();
    },
  };
}
