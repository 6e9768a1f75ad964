import type { GraphExecutor } from '../graph/executor.js';
import { createCatalogueLoaders, type CatalogueLoaders } from './catalogue.js';
import { createCoverageLoaders, type CoverageLoaders } from './coverage.js';
import { createCrosswalkLoaders, type CrosswalkLoaders } from './crosswalk.js';
import { createOrganisationLoaders, type OrganisationLoaders } from './organisation.js';
import { BATCHED, UNBATCHED, type BatchObserver } from './observe.js';

export type { BatchObserver } from './observe.js';

export type Loaders = CatalogueLoaders & CoverageLoaders & CrosswalkLoaders & OrganisationLoaders;

/**
 * A new set of loaders for one request: caches never outlive the request. `onBatch` hears
 * every batch's size. `batching: false` (benchmarks only) sends one statement per key.
 */
export function createLoaders(
  graph: GraphExecutor,
  onBatch?: BatchObserver,
  options: { batching?: boolean } = {},
): Loaders {
  const loaderOptions = options.batching === false ? UNBATCHED : BATCHED;
  return {
    ...createCatalogueLoaders(graph, onBatch, loaderOptions),
    ...createCoverageLoaders(graph, onBatch, loaderOptions),
    ...createCrosswalkLoaders(graph, onBatch, loaderOptions),
    ...createOrganisationLoaders(graph, onBatch, loaderOptions),
  };
}
