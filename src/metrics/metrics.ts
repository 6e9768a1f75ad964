/**
 * Prometheus metrics for one app, in the app's own registry (never prom-client's global
 * one, so that several apps in one process keep apart):
 *
 *   aims_graphql_request_duration_seconds{operation_name,operation_type}  histogram
 *   aims_graphql_errors_total{operation_name,code}                        counter
 *   aims_neo4j_statements_per_request{operation_name}                     histogram
 *   aims_dataloader_batch_size{loader}                                    histogram
 *
 * plus prom-client's default process and Node.js metrics. Operation names are bounded:
 * the saved operations' names and the first MAX_OTHER_NAMES others keep their own label,
 * later ones share "other"; an operation without a name is "anonymous", and a request
 * that never resolved to an operation (a syntax error, say) is "unknown".
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST } from 'graphql';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { AccessMode } from '../graph/executor.js';

export const MAX_OTHER_NAMES = 100;
const UNKNOWN = 'unknown';

/** Counts what one request does; kept beside its context, not in it. */
export interface RequestMeter {
  readonly onStatement: (name: string, mode: AccessMode) => void;
  readonly statements: () => number;
}

export interface Metrics {
  readonly registry: Registry;
  /**
   * Times operations and counts their errors and statements. `keyOf` picks the object a
   * request's meter was tracked under out of its context (Apollo hands plugins a shallow
   * copy of the context, so the context itself cannot be the key).
   */
  plugin<TContext extends object>(keyOf: (context: TContext) => object): ApolloServerPlugin<TContext>;
  /** A new meter for one request. */
  meter(): RequestMeter;
  /** Files a request's meter under an object its context holds (its graph executor, say). */
  track(key: object, meter: RequestMeter): void;
  /** Reports the size of one DataLoader batch. */
  readonly onBatch: (loader: string, size: number) => void;
  /** Counts a coverage cache lookup, found or not. */
  readonly onCoverageCache: (hit: boolean) => void;
  /** The exposition text and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Maps operation names to a bounded set of label values. */
export class OperationLabels {
  private readonly known: Set<string>;
  private others = 0;

  constructor(
    savedNames: Iterable<string>,
    private readonly maxOthers = MAX_OTHER_NAMES,
  ) {
    this.known = new Set(savedNames);
  }

  label(name: string | null | undefined): string {
    if (name === null) return 'anonymous';
    if (name === undefined) return UNKNOWN;
    if (this.known.has(name)) return name;
    if (this.others >= this.maxOthers) return 'other';
    this.others++;
    this.known.add(name);
    return name;
  }
}

export function createMetrics(savedOperationNames: Iterable<string>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labels = new OperationLabels(savedOperationNames);

  const duration = new Histogram({
    name: 'aims_graphql_request_duration_seconds',
    help: 'Time from the start of a GraphQL request to its response, by operation.',
    labelNames: ['operation_name', 'operation_type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'aims_graphql_errors_total',
    help: 'Errors in GraphQL responses, by operation and extensions.code.',
    labelNames: ['operation_name', 'code'],
    registers: [registry],
  });
  const statements = new Histogram({
    name: 'aims_neo4j_statements_per_request',
    help: 'Cypher statements (Neo4j round trips) sent for one GraphQL request.',
    labelNames: ['operation_name'],
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233],
    registers: [registry],
  });
  const batches = new Histogram({
    name: 'aims_dataloader_batch_size',
    help: 'Keys in one DataLoader batch, by loader.',
    labelNames: ['loader'],
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [registry],
  });

  const coverageCache = new Counter({
    name: 'aims_coverage_cache_lookups_total',
    help: 'Coverage answers looked up in this instance’s cache, by result (hit: served unchanged since the last write).',
    labelNames: ['result'],
    registers: [registry],
  });

  const meters = new WeakMap<object, RequestMeter>();

  return {
    registry,
    meter() {
      let count = 0;
      return { onStatement: () => void count++, statements: () => count };
    },
    track: (key, meter) => void meters.set(key, meter),
    onBatch: (loader, size) => batches.observe({ loader }, size),
    onCoverageCache: (hit) => coverageCache.inc({ result: hit ? 'hit' : 'miss' }),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    plugin<TContext extends object>(keyOf: (context: TContext) => object): ApolloServerPlugin<TContext> {
      return {
        async requestDidStart() {
          const started = process.hrtime.bigint();
          return {
            async willSendResponse({ document, request, operation, contextValue, response }) {
              const resolved =
                operation ?? (document ? getOperationAST(document, request.operationName) : null) ?? undefined;
              const operationName = labels.label(resolved === undefined ? undefined : (resolved.name?.value ?? null));
              const operationType = resolved?.operation ?? UNKNOWN;
              duration.observe(
                { operation_name: operationName, operation_type: operationType },
                Number(process.hrtime.bigint() - started) / 1e9,
              );
              const meter = meters.get(keyOf(contextValue));
              if (meter) statements.observe({ operation_name: operationName }, meter.statements());
              const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
              for (const error of sent) {
                const code = typeof error.extensions?.code === 'string' ? error.extensions.code : UNKNOWN;
                errors.inc({ operation_name: operationName, code });
              }
            },
          };
        },
      };
    },
  };
}
