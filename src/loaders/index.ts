import type { GraphExecutor } from '../graph/executor.js';
import { createCatalogueLoaders, type CatalogueLoaders } from './catalogue.js';
import { createCrosswalkLoaders, type CrosswalkLoaders } from './crosswalk.js';
import { createOrganisationLoaders, type OrganisationLoaders } from './organisation.js';
import type { BatchObserver } from './observe.js';

export type { BatchObserver } from './observe.js';

export type Loaders = CatalogueLoaders & CrosswalkLoaders & OrganisationLoaders;

/** A new set of loaders for one request: caches never outlive the request. `onBatch` hears every batch's size. */
export function createLoaders(graph: GraphExecutor, onBatch?: BatchObserver): Loaders {
  return { ...createCatalogueLoaders(graph, onBatch), ...createCrosswalkLoaders(graph, onBatch), ...createOrganisationLoaders(graph, onBatch) };
}
