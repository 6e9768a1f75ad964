import type { GraphExecutor } from '../graph/executor.js';
import { createCatalogueLoaders, type CatalogueLoaders } from './catalogue.js';
import { createCrosswalkLoaders, type CrosswalkLoaders } from './crosswalk.js';
import { createOrganisationLoaders, type OrganisationLoaders } from './organisation.js';

export type Loaders = CatalogueLoaders & CrosswalkLoaders & OrganisationLoaders;

/** A new set of loaders for one request: caches never outlive the request. */
export function createLoaders(graph: GraphExecutor): Loaders {
  return { ...createCatalogueLoaders(graph), ...createCrosswalkLoaders(graph), ...createOrganisationLoaders(graph) };
}
