/** Organisation loaders: records by id, and the records at the other end of each link kind. */
import type { EntityRow, LinkedRow, NodeSpace } from '../graph/rows.js';
import DataLoader from 'dataloader';
import type { LinkDef } from '../domain/entity-spec.js';
import type { GraphExecutor } from '../graph/executor.js';
import { BATCHED, groupBy, observed, type BatchObserver, type LoaderOptions } from './observe.js';
import {
  listEntitiesByIds,
  listEntityFieldsByIds,
  listLinked,
  listLinkedEntities,
  projectedRow,
} from '../graph/statements/organisation.js';

/** Which stored properties to read of each record (see resolvers/projection.ts). */
export interface Projection {
  readonly props: readonly string[];
  readonly externalRefs: boolean;
}

export interface OrganisationLoaders {
  readonly entityById: DataLoader<string, EntityRow | null>;
  /**
   * Records by id with only some properties read: what an answer that shows a few fields
   * of many records needs. Rows from it hold those properties alone.
   */
  entitiesWith(projection: Projection): DataLoader<string, EntityRow | null>;
  /** Links of one kind from (OUT) or to (IN) each id; one batched statement per kind and direction. */
  linked(link: LinkDef, direction: 'OUT' | 'IN', space: NodeSpace): DataLoader<string, LinkedRow[]>;
  /** The records at the other end of each id's links of one kind, read for a projection: one batched statement. */
  linkedEntities(
    link: LinkDef,
    direction: 'OUT' | 'IN',
    space: NodeSpace,
    projection: Projection,
  ): DataLoader<string, EntityRow[]>;
}

export function createOrganisationLoaders(
  graph: GraphExecutor,
  onBatch?: BatchObserver,
  options: LoaderOptions = BATCHED,
): OrganisationLoaders {
  const entityById = new DataLoader<string, EntityRow | null>(
    observed('entityById', onBatch, async (ids) => {
      const rows = await graph.read(listEntitiesByIds(ids));
      const byId = new Map(rows.map(({ entity }) => [entity.id, entity]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    options,
  );

  const projected = new Map<string, DataLoader<string, EntityRow | null>>();
  const entitiesWith = (projection: Projection): DataLoader<string, EntityRow | null> => {
    const key = `${projection.props.join(',')}|${projection.externalRefs}`;
    let loader = projected.get(key);
    if (loader === undefined) {
      const props = [...projection.props];
      loader = new DataLoader<string, EntityRow | null>(
        observed('entitiesWith', onBatch, async (ids) => {
          const rows = await graph.read(listEntityFieldsByIds(ids, props, projection.externalRefs));
          const byId = new Map(rows.map(({ entity }) => [entity.id, projectedRow(entity, props)]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
        options,
      );
      projected.set(key, loader);
    }
    return loader;
  };

  const linkedLoaders = new Map<string, DataLoader<string, LinkedRow[]>>();
  const linked = (link: LinkDef, direction: 'OUT' | 'IN', space: NodeSpace): DataLoader<string, LinkedRow[]> => {
    const key = `${link.kind}:${direction}:${space}`;
    let loader = linkedLoaders.get(key);
    if (loader === undefined) {
      loader = new DataLoader<string, LinkedRow[]>(
        observed(`linked:${key}`, onBatch, async (ids) => {
          const rows = await graph.read(listLinked(link, direction, space, ids));
          const byId = groupBy(
            rows.map(({ row }) => row),
            (row) => row.id,
          );
          return ids.map((id) => byId.get(id) ?? []);
        }),
        options,
      );
      linkedLoaders.set(key, loader);
    }
    return loader;
  };

  const linkedEntityLoaders = new Map<string, DataLoader<string, EntityRow[]>>();
  const linkedEntities = (
    link: LinkDef,
    direction: 'OUT' | 'IN',
    space: NodeSpace,
    projection: Projection,
  ): DataLoader<string, EntityRow[]> => {
    const key = `${link.kind}:${direction}:${space}:${projection.props.join(',')}|${projection.externalRefs}`;
    let loader = linkedEntityLoaders.get(key);
    if (loader === undefined) {
      const props = [...projection.props];
      loader = new DataLoader<string, EntityRow[]>(
        observed(`linkedEntities:${link.kind}:${direction}:${space}`, onBatch, async (ids) => {
          const rows = await graph.read(
            listLinkedEntities(link, direction, space, ids, { props, externalRefs: projection.externalRefs }),
          );
          const byId = groupBy(rows, (row) => row.id);
          return ids.map((id) => (byId.get(id) ?? []).map(({ entity }) => projectedRow(entity, props)));
        }),
        options,
      );
      linkedEntityLoaders.set(key, loader);
    }
    return loader;
  };

  return { entityById, entitiesWith, linked, linkedEntities };
}
