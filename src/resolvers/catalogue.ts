import type { FrameworkRow, RequirementRow } from '../graph/statements/catalogue.js';
import { listFrameworks, requirementId } from '../graph/statements/catalogue.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { checkId } from './arguments.js';

async function ancestors(requirement: RequirementRow, context: Context): Promise<RequirementRow[]> {
  const chain: RequirementRow[] = [];
  let parentId = requirement.parentId;
  // Hierarchies are at most a handful of levels deep; the seed loader rejects cycles.
  while (parentId !== null && chain.length < 16) {
    const parent = await context.loaders.requirementById.load(parentId);
    if (parent === null) break;
    chain.unshift(parent);
    parentId = parent.parentId;
  }
  return chain;
}

async function requirementOf(frameworkId: string, ref: string, context: Context): Promise<RequirementRow | null> {
  return context.loaders.requirementById.load(requirementId(checkId(frameworkId, 'framework'), checkId(ref, 'ref')));
}

export const catalogueResolvers: Resolvers = {
  Query: {
    frameworks: async (_root, _args, context) => {
      const rows = await context.graph.read(listFrameworks());
      return rows.map(({ framework }) => framework);
    },
    framework: (_root, { id }, context) => context.loaders.frameworkById.load(checkId(id, 'id')),
    requirement: (_root, { framework, ref }, context) => requirementOf(framework, ref, context),
  },
  Framework: {
    sources: (framework: FrameworkRow) => framework.references,
    requirements: (framework, { kind, auditable }, context) =>
      context.loaders.requirementsOfFramework.load({ frameworkId: framework.id, kind, auditable }),
    roots: (framework, _args, context) =>
      context.loaders.requirementsOfFramework.load({ frameworkId: framework.id, rootsOnly: true }),
    requirement: (framework, { ref }, context) => requirementOf(framework.id, ref, context),
  },
  Requirement: {
    framework: async (requirement, _args, context) => {
      const framework = await context.loaders.frameworkById.load(requirement.frameworkId);
      if (framework === null) throw new Error(`requirement ${requirement.id} has no framework`);
      return framework;
    },
    parent: (requirement, _args, context) =>
      requirement.parentId === null ? null : context.loaders.requirementById.load(requirement.parentId),
    children: (requirement, _args, context) => context.loaders.childrenByRequirementId.load(requirement.id),
    ancestors: (requirement, _args, context) => ancestors(requirement, context),
  },
};
