/** Coverage loaders: the implementations of the requirements an answer explains, judged for its question. */
import DataLoader from 'dataloader';
import type { GraphExecutor } from '../graph/executor.js';
import type { ImplementationRow } from '../graph/rows.js';
import { listImplementations } from '../graph/statements/coverage.js';
import { groupBy, observed, type BatchObserver, type LoaderOptions } from './observe.js';

export interface CoverageLoaders {
  /**
   * Each requirement's implementations judged for one question: the AI systems in scope
   * (null for the whole organisation) and the date (YYYY-MM-DD). All the requirements one
   * answer shows are judged in one statement (per 1,000).
   */
  implementations(systems: readonly string[] | null, asOf: string): DataLoader<string, ImplementationRow[]>;
}

export function createCoverageLoaders(
  graph: GraphExecutor,
  onBatch: BatchObserver | undefined,
  options: LoaderOptions,
): CoverageLoaders {
  const byQuestion = new Map<string, DataLoader<string, ImplementationRow[]>>();
  const implementations = (
    systems: readonly string[] | null,
    asOf: string,
  ): DataLoader<string, ImplementationRow[]> => {
    const scope = systems === null ? null : [...new Set(systems)].sort();
    const key = JSON.stringify([scope, asOf]);
    let loader = byQuestion.get(key);
    if (loader === undefined) {
      loader = new DataLoader<string, ImplementationRow[]>(
        observed('implementations', onBatch, async (ids) => {
          const rows = await graph.read(listImplementations(ids, scope, asOf));
          const byRequirement = groupBy(
            rows.map((r) => r.fact),
            (f) => f.requirementId,
          );
          return ids.map((id) => byRequirement.get(id) ?? []);
        }),
        options,
      );
      byQuestion.set(key, loader);
    }
    return loader;
  };
  return { implementations };
}
