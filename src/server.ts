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
import type { Logger } from 'pino';
import type { Limits, MetricsAccess } from './config.js';
import type { Context, ServiceDescription } from './context.js';
import type { ApplicabilityRules } from './domain/ai-act-applicability.js';
import { createErrorFormatter } from './errors.js';
import type { GraphExecutor } from './graph/executor.js';
import { isMigrated, LATEST_MIGRATION } from './graph/migrations.js';
import { createRequestHandler, type Readiness } from './http.js';
import { apolloLimits } from './limits/index.js';
import { createLoaders } from './loaders/index.js';
import { createMetrics } from './metrics/metrics.js';
import { renderPlayground } from './playground/playground.js';
import { readSavedOperations } from './playground/saved-operations.js';
import { createResolvers } from './resolvers/index.js';
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
  const service: ServiceDescription = { version: PACKAGE_VERSION, schemaVersion: LATEST_MIGRATION, database: graph.database };
  const savedOperations = readSavedOperations(options.queriesDir);
  const playground = renderPlayground(savedOperations);
  const httpServer = http.createServer();
  const limits = apolloLimits<Context>(options.limits);
  const metrics = createMetrics(savedOperations.map((op) => op.name));

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
    formatError: createErrorFormatter((error, where) => log.error({ err: error, ...where }, 'unexpected error in a resolver')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...limits.plugins,
      metrics.plugin<Context>((context) => context.graph),
      {
        async serverWillStart() {
          return {
            async renderLandingPage() {
              return { html: playground };
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  let migrated = false;
  const readiness = async (): Promise<Readiness> => {
    const checks: Record<string, string> = {};
    try {
      await withTimeout(graph.ping(), 3000);
      checks.neo4j = 'ok';
      migrated ||= await withTimeout(isMigrated(graph), 3000);
      checks.migrations = migrated ? 'ok' : 'pending';
    } catch (err) {
      checks.neo4j = 'unreachable';
      log.warn({ err }, 'readiness check failed');
    }
    return { ready: checks.neo4j === 'ok' && checks.migrations === 'ok', checks };
  };

  httpServer.on(
    'request',
    createRequestHandler({
      apollo,
      log,
      maxBodyBytes: options.maxBodyBytes,
      readiness,
      metrics: { access: options.metricsAccess, render: metrics.render },
      // Credential access to /metrics: nobody until the service authenticates callers.
      authorizeMetrics: async () => false,
      context: (requestId, requestLog, actor) => {
        const meter = metrics.meter();
        const requestGraph = graph.withObserver(meter.onStatement);
        const context: Context = {
          requestId,
          actor,
          log: requestLog,
          graph: requestGraph,
          loaders: createLoaders(requestGraph, metrics.onBatch),
          service,
          applicabilityRules: options.applicabilityRules,
          maxSyncItems: options.limits.maxSyncItems,
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
