/**
 * Coverage answers kept per instance, never stale: an answer is filed under its question
 * (framework, scope, day, hops) and the change log's head (services/changes.ts), and every
 * logged write moves the head, so after any write the next question misses and is
 * computed afresh. Reading the head is one indexed lookup. Bounded (least recently used
 * first out). Writes that skip the change log (the benchmarks' synthetic loads with
 * --no-change-log) are not seen: serve such a graph from an instance started after them.
 */
import { LRUCache } from 'lru-cache';
import { findChangeLogHead } from '../graph/statements/changes.js';
import type { RequestScope } from './scope.js';

export class CoverageCache<V extends object> {
  private readonly entries: LRUCache<string, V>;

  /**
   * @param max how many answers to keep (each holds a framework's coverage with its evidence ids)
   * @param onLookup hears every lookup (for metrics)
   */
  constructor(
    max: number,
    private readonly onLookup: (hit: boolean) => void = () => {},
  ) {
    this.entries = new LRUCache<string, V>({ max });
  }

  /** The answer to `question` on the graph as it is now: kept, or computed by `compute` and kept. */
  async answer(
    scope: Pick<RequestScope, 'graph'>,
    question: readonly unknown[],
    compute: () => Promise<V>,
  ): Promise<V> {
    const [head] = await scope.graph.read(findChangeLogHead());
    const key = JSON.stringify([head?.seq ?? 0, head?.at ?? null, ...question]);
    const kept = this.entries.get(key);
    this.onLookup(kept !== undefined);
    if (kept !== undefined) return kept;
    const fresh = await compute();
    this.entries.set(key, fresh);
    return fresh;
  }
}
