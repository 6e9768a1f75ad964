/**
 * The composition root: schema, Apollo, the HTTP front and the request context, wired
 * to one graph executor. main.ts adds configuration, Neo4j and signals; tests call
 * createApp directly with their own executor.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import { Authenticator } from './auth/authenticator.js';
import { requiredPermissions } from './auth/policy.js';
import { RateLimiter } from './auth/rate-limit.js';
import { can } from './auth/roles.js';
import type { AuthConfig, Limits, MetricsAccess } from './config.js';
import type { Context, ServiceDescription } from './context.js';
import type { ApplicabilityRules } from './domain/ai-act-applicability.js';
import { AppError, createErrorFormatter, ErrorCode, namedLiteralErrors, withoutSchemaHints } from './errors.js';
import type { GraphExecutor } from './graph/executor.js';
import { isMigrated, LATEST_MIGRATION } from './graph/migrations.js';
import { createRequestHandler, type Readiness } from './http.js';
import { apolloLimits } from './limits/index.js';
import { createLoaders } from './loaders/index.js';
import { createMetrics } from './metrics/metrics.js';
import { renderPlayground } from './playground/playground.js';
import { readSavedOperations } from './playground/saved-operations.js';
import { REPORT_OPERATION_NAMES } from './reports/run.js';
import { createResolvers } from './resolvers/index.js';
import { CoverageCache } from './services/coverage-cache.js';
import { createMemo } from './services/scope.js';
import type { Assessment } from './services/coverage.js';
import { readTypeDefs } from './schema.js';

export interface AppOptions {
  readonly graph: GraphExecutor;
  readonly log: Logger;
  readonly queriesDir: string;
  readonly maxBodyBytes: number;
  readonly introspection: boolean;
  /** Production: validation errors say nothing about the schema (no "Did you mean …?"). */
  readonly hideSchemaDetails: boolean;
  readonly limits: Limits;
  readonly metricsAccess: MetricsAccess;
  readonly applicabilityRules: ApplicabilityRules;
  readonly auth: AuthConfig;
  /** How many coverage answers to keep until the next write (COVERAGE_CACHE_ENTRIES); 0 keeps none. Default 32. */
  readonly coverageCacheEntries?: number;
  /** Benchmarks only: false sends one statement per loaded key, to measure what DataLoader batching saves. */
  readonly loaderBatching?: boolean;
}

export interface App {
  readonly httpServer: http.Server;
  /** Listens and resolves with the base URL, for example http://127.0.0.1:4000. */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting requests, lets in-flight ones finish, then stops Apollo. */
  stop(): Promise<void>;
}

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export async function createApp(options: AppOptions): Promise<App> {
  const { graph, log } = options;
  const service: ServiceDescription = {
    version: PACKAGE_VERSION,
    schemaVersion: LATEST_MIGRATION,
    database: graph.database,
  };
  const savedOperations = readSavedOperations(options.queriesDir);
  const playground = renderPlayground(savedOperations);
  const httpServer = http.createServer();
  const limits = apolloLimits<Context>(options.limits);
  const metrics = createMetrics([...savedOperations.map((op) => op.name), ...REPORT_OPERATION_NAMES]);
  const cacheEntries = options.coverageCacheEntries ?? 32;
  const coverageCache =
    cacheEntries > 0 ? new CoverageCache<Assessment>(cacheEntries, metrics.onCoverageCache) : undefined;

  const apollo = new ApolloServer<Context>({
    typeDefs: readTypeDefs(),
    resolvers: createResolvers() as never,
    introspection: options.introspection,
    hideSchemaDetailsFromClientErrors: options.hideSchemaDetails,
    csrfPrevention: true,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    includeStacktraceInErrorResponses: false,
    logger: log,
    formatError: withoutSchemaHints(
      options.hideSchemaDetails,
      createErrorFormatter(
        (error, where) => log.error({ err: error, ...where }, 'unexpected error in a resolver'),
        (error, path) =>
          log.warn(
            { statement: error.statement, timeoutMs: error.timeoutMs, ...(path ? { path } : {}) },
            `transaction ${error.statement} timed out`,
          ),
      ),
    ),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      authorization(),
      namedLiteralErrors<Context>(),
      ...limits.plugins,
      metrics.plugin<Context>((context) => context.scope.graph),
    ],
  });
  await apollo.start();

  // /readyz answers without a credential: one check a second at most reaches Neo4j. The
  // migration record is read on every check, not remembered: a store wiped or replaced
  // under a running service is not ready until it is migrated again.
  let lastCheck: { at: number; result: Promise<Readiness> } | undefined;
  const readiness = (): Promise<Readiness> => {
    if (lastCheck === undefined || Date.now() - lastCheck.at >= 1000)
      lastCheck = { at: Date.now(), result: checkReadiness() };
    return lastCheck.result;
  };
  const checkReadiness = async (): Promise<Readiness> => {
    const checks: Record<string, string> = {};
    try {
      await withTimeout(graph.ping(), 3000);
      checks.neo4j = 'ok';
      const migrated = await withTimeout(isMigrated(graph), 3000);
      checks.migrations = migrated ? 'ok' : 'pending';
    } catch (err) {
      checks.neo4j = 'unreachable';
      log.warn({ err }, 'readiness check failed');
    }
    return { ready: checks.neo4j === 'ok' && checks.migrations === 'ok', checks };
  };

  const authenticator = new Authenticator(graph, options.auth.jwt);
  httpServer.on(
    'request',
    createRequestHandler({
      apollo,
      log,
      maxBodyBytes: options.maxBodyBytes,
      readiness,
      authenticator,
      rateLimiter: options.auth.rateLimit === undefined ? undefined : new RateLimiter(options.auth.rateLimit),
      playground,
      metrics: { access: options.metricsAccess, render: metrics.render },
      trustProxy: options.auth.trustProxy,
      context: (requestId, requestLog, principal, onBehalfOf, bookmarks) => {
        const meter = metrics.meter();
        const requestGraph = graph.withObserver(meter.onStatement).withBookmarks(bookmarks);
        const loaders = createLoaders(requestGraph, metrics.onBatch, { batching: options.loaderBatching !== false });
        const actor = { id: principal.id, onBehalfOf };
        const context: Context = {
          requestId,
          principal,
          keyCache: authenticator,
          log: requestLog,
          loaders,
          scope: {
            graph: requestGraph,
            loaders,
            actor,
            clock: () => new Date(),
            limits: { maxSyncItems: options.limits.maxSyncItems },
            memo: createMemo(),
            ...(coverageCache ? { coverageCache } : {}),
          },
          service,
          applicabilityRules: options.applicabilityRules,
        };
        metrics.track(requestGraph, meter);
        return context;
      },
    }),
  );

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shownHost}:${address.port}`);
        });
      }),
    stop: () => apollo.stop(),
  };
}

/**
 * Checks every root field of the operation against src/auth/policy.ts once it is parsed
 * and validated, before anything runs: a refused operation does nothing and says
 * nothing about the records it names.
 */
function authorization(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue, request }) {
          // No operation of that name (or several and no name): the client's mistake, refused
          // here as graphql-js would at execution, before anything can run.
          if (operation === undefined) throw operationNotFound(document, request.operationName);
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const denied = requiredPermissions(operation, fragments).filter(
            (need) => !can(contextValue.principal, need.permission),
          );
          if (denied.length === 0) return;
          const fields = [...new Set(denied.map((need) => need.field))];
          throw new AppError(
            ErrorCode.FORBIDDEN,
            `This credential (${contextValue.principal.roles.join(', ') || 'no role'}) may not use ${fields.join(', ')}`,
            {
              fields,
              http: { status: 403 },
            },
          );
        },
      };
    },
  };
}

function operationNotFound(document: DocumentNode, operationName: string | null | undefined): GraphQLError {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  const message =
    operationName != null
      ? `Unknown operation named "${operationName}".`
      : operations > 1
        ? 'Must provide operation name if query contains multiple operations.'
        : 'Must provide an operation.';
  return new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
