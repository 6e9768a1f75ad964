/** Crosswalk loaders: sets, their mappings, and each requirement's mapping neighbourhood. */
import type { CrosswalkSetRow, MappingDetailRow, MappingEndsRow, MappingRow } from '../graph/rows.js';
import DataLoader from 'dataloader';
import type { GraphExecutor } from '../graph/executor.js';
import {
  listCrosswalkSetsByIds,
  listMappingDetails,
  listMappingNeighbourhoods,
  listMappingsByRequirementIds,
  listMappingsBySetIds,
  MAX_HOPS,
} from '../graph/statements/crosswalk.js';
import { BATCHED, groupBy, observed, type BatchObserver, type LoaderOptions } from './observe.js';

export interface CrosswalkLoaders {
  readonly crosswalkSetById: DataLoader<string, CrosswalkSetRow | null>;
  readonly mappingsBySetId: DataLoader<string, MappingRow[]>;
  /** Stored mappings with the requirement at either end: their sets, ends and relationships. */
  readonly mappingsByRequirementId: DataLoader<string, MappingEndsRow[]>;
  /** What a stored mapping says beyond its ends, read when a field shows it. */
  readonly mappingDetailById: DataLoader<string, MappingDetailRow | null>;
  /** Every mapping on a chain of at most `hops` mappings from the requirement. */
  neighbourhood(hops: number): DataLoader<string, MappingRow[]>;
}

export function createCrosswalkLoaders(
  graph: GraphExecutor,
  onBatch?: BatchObserver,
  options: LoaderOptions = BATCHED,
): CrosswalkLoaders {
  const crosswalkSetById = new DataLoader<string, CrosswalkSetRow | null>(
    observed('crosswalkSetById', onBatch, async (ids) => {
      const rows = await graph.read(listCrosswalkSetsByIds(ids));
      const byId = new Map(rows.map(({ set }) => [set.id, set]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    options,
  );

  const mappingsBySetId = new DataLoader<string, MappingRow[]>(
    observed('mappingsBySetId', onBatch, async (ids) => {
      const rows = await graph.read(listMappingsBySetIds(ids));
      const bySet = groupBy(
        rows.map((r) => r.mapping),
        (m) => m.set,
      );
      return ids.map((id) => bySet.get(id) ?? []);
    }),
    options,
  );

  const mappingsByRequirementId = new DataLoader<string, MappingEndsRow[]>(
    observed('mappingsByRequirementId', onBatch, async (ids) => {
      const rows = await graph.read(listMappingsByRequirementIds(ids));
      const byRequirement = groupBy(rows, (r) => r.requirementId);
      return ids.map((id) => (byRequirement.get(id) ?? []).map((r) => r.mapping));
    }),
    options,
  );

  const neighbourhoods = new Map<number, DataLoader<string, MappingRow[]>>();
  const neighbourhood = (hops: number): DataLoader<string, MappingRow[]> => {
    if (!Number.isInteger(hops) || hops < 1 || hops > MAX_HOPS) throw new RangeError(`hops must be 1 to ${MAX_HOPS}`);
    let loader = neighbourhoods.get(hops);
    if (loader === undefined) {
      loader = new DataLoader<string, MappingRow[]>(
        observed('mappingNeighbourhood', onBatch, async (ids) => {
          const rows = await graph.read(listMappingNeighbourhoods(ids, hops));
          const byId = new Map(rows.map((r) => [r.requirementId, r.mappings]));
          return ids.map((id) => byId.get(id) ?? []);
        }),
        options,
      );
      neighbourhoods.set(hops, loader);
    }
    return loader;
  };

  const mappingDetailById = new DataLoader<string, MappingDetailRow | null>(
    observed('mappingDetailById', onBatch, async (ids) => {
      const rows = await graph.read(listMappingDetails(ids));
      const byId = new Map(rows.map(({ detail }) => [detail.id, detail]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    options,
  );

  return { crosswalkSetById, mappingsBySetId, mappingsByRequirementId, mappingDetailById, neighbourhood };
}
