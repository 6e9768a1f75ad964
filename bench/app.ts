/**
 * The service as the benchmarks run it: the same createApp as `npm start`, with the
 * configured limits, no rate limit (the bench authenticates with an API key of its own)
 * and no introspection.
 */
import type { Config } from '../src/config.js';
import type { GraphExecutor } from '../src/graph/executor.js';
import { readApplicabilityRules } from '../src/ingest/seed.js';
import { createLogger } from '../src/logger.js';
import { createApp, type App } from '../src/server.js';

export async function createBenchApp(
  config: Config,
  graph: GraphExecutor,
  options: {
    maxBodyBytes: number;
    logLevel: 'silent' | 'error';
    loaderBatching?: boolean;
    coverageCacheEntries?: number;
  },
): Promise<App> {
  return createApp({
    graph,
    log: createLogger({ logLevel: options.logLevel, logFormat: 'json' }),
    queriesDir: config.queriesDir,
    maxBodyBytes: options.maxBodyBytes,
    introspection: false,
    hideSchemaDetails: false,
    limits: config.limits,
    metricsAccess: { kind: 'credential' },
    applicabilityRules: await readApplicabilityRules(config.seedDir),
    auth: { jwt: undefined, rateLimit: undefined, trustProxy: false },
    // Every request computes its answer, as the hand-written side does: the coverage cache
    // would turn a repeated question into a lookup and measure that instead (the cached
    // repeat is measured on its own instance, bench/analyst.ts).
    coverageCacheEntries: options.coverageCacheEntries ?? 0,
    ...(options.loaderBatching === undefined ? {} : { loaderBatching: options.loaderBatching }),
  });
}
