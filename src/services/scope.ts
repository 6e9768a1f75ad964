/**
 * What a service needs of the request it serves, and nothing of GraphQL: the graph (with
 * the request's bookmarks and statement counting), the request's loaders (so a write
 * refreshes what later fields read), who the change log records, the clock, and the
 * limits. Resolvers, commands and benchmarks all reach the services with one of these.
 */
import type { Actor } from '../domain/change-log.js';
import type { GraphExecutor } from '../graph/executor.js';
import type { Loaders } from '../loaders/index.js';
import type { CoverageCache } from './coverage-cache.js';
import type { Assessment } from './coverage.js';

export interface RequestScope {
  readonly graph: GraphExecutor;
  readonly loaders: Loaders;
  readonly actor: Actor;
  /** Now; a service never reads the system clock itself. */
  readonly clock: () => Date;
  readonly limits: ServiceLimits;
  /** Reads shared by everything one request asks (see createMemo); none for commands. */
  readonly memo?: Memo;
  /** This instance's coverage answers (coverage-cache.ts); none for commands. */
  readonly coverageCache?: CoverageCache<Assessment>;
}

export interface ServiceLimits {
  /** The most records, and the most links, one sync or import batch may hold (MAX_SYNC_ITEMS). */
  readonly maxSyncItems: number;
}

/** Runs `read` once per key for the life of the memo, sharing its promise. */
export type Memo = <T>(key: string, read: () => Promise<T>) => Promise<T>;

/**
 * A memo for one request: a question asked many times over (coverage at 24 moments)
 * reads what does not change between them once. A failed read is forgotten, so a
 * later field may try again.
 */
export function createMemo(): Memo {
  const kept = new Map<string, Promise<unknown>>();
  return <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let promise = kept.get(key) as Promise<T> | undefined;
    if (promise === undefined) {
      promise = read();
      kept.set(key, promise);
      promise.catch(() => kept.delete(key));
    }
    return promise;
  };
}
