/**
 * Catalogue loaders: one batched statement per level of a query, whatever the number
 * of objects at that level. Created fresh for every request.
 */
import DataLoader from 'dataloader';
import type { GraphExecutor } from '../graph/executor.js';
import {
  listChildrenByParentIds,
  listFrameworksByIds,
  listRequirementsByIds,
  type FrameworkRow,
  type RequirementRow,
} from '../graph/statements/catalogue.js';

const OPTIONS = { maxBatchSize: 1000 } as const;

export interface CatalogueLoaders {
  readonly frameworkById: DataLoader<string, FrameworkRow | null>;
  readonly requirementById: DataLoader<string, RequirementRow | null>;
  readonly childrenByRequirementId: DataLoader<string, RequirementRow[]>;
}

export function createCatalogueLoaders(graph: GraphExecutor): CatalogueLoaders {
  const requirementById = new DataLoader<string, RequirementRow | null>(async (ids) => {
    const rows = await graph.read(listRequirementsByIds(ids));
    const byId = new Map(rows.map(({ requirement }) => [requirement.id, requirement]));
    return ids.map((id) => byId.get(id) ?? null);
  }, OPTIONS);

  const frameworkById = new DataLoader<string, FrameworkRow | null>(async (ids) => {
    const rows = await graph.read(listFrameworksByIds(ids));
    const byId = new Map(rows.map(({ framework }) => [framework.id, framework]));
    return ids.map((id) => byId.get(id) ?? null);
  }, OPTIONS);

  const childrenByRequirementId = new DataLoader<string, RequirementRow[]>(async (ids) => {
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
  }, OPTIONS);

  return { frameworkById, requirementById, childrenByRequirementId };
}
