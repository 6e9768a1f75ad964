/**
 * Catalogue loaders: one batched statement per level of a query, whatever the number
 * of objects at that level. Created fresh for every request.
 */
import type { FrameworkRow, FrameworkVersionRow, RequirementRow } from '../graph/rows.js';
import DataLoader from 'dataloader';
import type { GraphExecutor } from '../graph/executor.js';
import {
  listChildrenByParentIds,
  listFrameworksByIds,
  listRequirementsByIds,
  listRequirementsOfFrameworks,
  listFrameworkVersions,
  listVersionsOfRequirements,
  type RequirementFilter,
} from '../graph/statements/catalogue.js';
import { BATCHED, observed, type BatchObserver, type LoaderOptions } from './observe.js';

export interface CatalogueLoaders {
  readonly frameworkById: DataLoader<string, FrameworkRow | null>;
  readonly requirementById: DataLoader<string, RequirementRow | null>;
  readonly childrenByRequirementId: DataLoader<string, RequirementRow[]>;
  /** A framework's requirements, filtered; one statement for all frameworks asked at once. */
  readonly requirementsOfFramework: DataLoader<RequirementListQuery, RequirementRow[], string>;
  readonly versionsByFrameworkId: DataLoader<string, FrameworkVersionRow[]>;
  readonly versionLabelsByRequirementId: DataLoader<string, string[]>;
}

export interface RequirementListQuery extends RequirementFilter {
  readonly frameworkId: string;
}

const listKey = (q: RequirementListQuery): string =>
  JSON.stringify([q.frameworkId, q.kind ?? null, q.auditable ?? null, q.rootsOnly ?? false]);

export function createCatalogueLoaders(
  graph: GraphExecutor,
  onBatch?: BatchObserver,
  options: LoaderOptions = BATCHED,
): CatalogueLoaders {
  const requirementById = new DataLoader<string, RequirementRow | null>(
    observed('requirementById', onBatch, async (ids) => {
      const rows = await graph.read(listRequirementsByIds(ids));
      const byId = new Map(rows.map(({ requirement }) => [requirement.id, requirement]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    options,
  );

  const frameworkById = new DataLoader<string, FrameworkRow | null>(
    observed('frameworkById', onBatch, async (ids) => {
      const rows = await graph.read(listFrameworksByIds(ids));
      const byId = new Map(rows.map(({ framework }) => [framework.id, framework]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    options,
  );

  const childrenByRequirementId = new DataLoader<string, RequirementRow[]>(
    observed('childrenByRequirementId', onBatch, async (ids) => {
      const rows = await graph.read(listChildrenByParentIds(ids));
      const byParent = new Map<string, RequirementRow[]>();
      for (const { requirement } of rows) {
        if (requirement.parentId === null) continue;
        const list = byParent.get(requirement.parentId) ?? [];
        list.push(requirement);
        // Everything the children query returns is a requirement too: prime it.
        requirementById.prime(requirement.id, requirement);
        byParent.set(requirement.parentId, list);
      }
      return ids.map((id) => (byParent.get(id) ?? []).sort((a, b) => a.position - b.position));
    }),
    options,
  );

  const requirementsOfFramework = new DataLoader<RequirementListQuery, RequirementRow[], string>(
    observed('requirementsOfFramework', onBatch, async (queries) => {
      const rows = await graph.read(listRequirementsOfFrameworks(queries.map((q) => ({ ...q, key: listKey(q) }))));
      const byKey = new Map<string, RequirementRow[]>();
      for (const { key, requirement } of rows) {
        requirementById.prime(requirement.id, requirement);
        const list = byKey.get(key) ?? [];
        list.push(requirement);
        byKey.set(key, list);
      }
      return queries.map((q) => byKey.get(listKey(q)) ?? []);
    }),
    { ...options, cacheKeyFn: listKey },
  );

  const versionsByFrameworkId = new DataLoader<string, FrameworkVersionRow[]>(
    observed('versionsByFrameworkId', onBatch, async (ids) => {
      const rows = await graph.read(listFrameworkVersions(ids));
      return ids.map((id) => rows.map((r) => r.version).filter((v) => v.frameworkId === id));
    }),
    options,
  );

  const versionLabelsByRequirementId = new DataLoader<string, string[]>(
    observed('versionLabelsByRequirementId', onBatch, async (ids) => {
      const rows = await graph.read(listVersionsOfRequirements(ids));
      const byId = new Map(rows.map((r) => [r.requirementId, [...r.versions].sort()]));
      return ids.map((id) => byId.get(id) ?? []);
    }),
    options,
  );

  return {
    frameworkById,
    requirementById,
    childrenByRequirementId,
    requirementsOfFramework,
    versionsByFrameworkId,
    versionLabelsByRequirementId,
  };
}
