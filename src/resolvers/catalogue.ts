import type { FrameworkRow, RequirementRow } from '../graph/rows.js';
import { requirementId } from '../domain/ids.js';
import { frameworkVersionDiff, listAllFrameworks } from '../services/catalogue.js';
import { readFrom } from '../services/crosswalk.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { checkId } from '../services/checks.js';

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
    frameworks: (_root, _args, context) => listAllFrameworks(context.scope),
    framework: (_root, { id }, context) => context.loaders.frameworkById.load(checkId(id, 'id')),
    requirement: (_root, { framework, ref }, context) => requirementOf(framework, ref, context),
    frameworkVersionDiff: (_root, args, context) => frameworkVersionDiff(context.scope, args),
  },
  FrameworkVersion: {
    sources: (version) => version.references,
  },
  FrameworkVersionDiff: {
    added: (diff) => diff.changes.filter((c) => c.kind === 'ADDED'),
    removed: (diff) => diff.changes.filter((c) => c.kind === 'REMOVED'),
    retitled: (diff) => diff.changes.filter((c) => c.kind === 'RETITLED'),
    moved: (diff) => diff.changes.filter((c) => c.kind === 'MOVED'),
  },
  RequirementChange: {
    requirement: async (change, _args, context) => {
      const requirement = await context.loaders.requirementById.load(change.requirementId);
      if (requirement === null) throw new Error(`requirement ${change.requirementId} is missing`);
      return requirement;
    },
    fromParent: (change) => refOf(change.fromParentId),
    toParent: (change) => refOf(change.toParentId),
    mappings: async (change, _args, context) =>
      (await context.loaders.mappingsByRequirementId.load(change.requirementId)).map((row) =>
        readFrom(row, change.requirementId),
      ),
  },
  Framework: {
    sources: (framework: FrameworkRow) => framework.references,
    versions: (framework, _args, context) => context.loaders.versionsByFrameworkId.load(framework.id),
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
    versions: (requirement, _args, context) => context.loaders.versionLabelsByRequirementId.load(requirement.id),
  },
};

/** The reference part of a requirement id ("eu-ai-act:Chapter I" -> "Chapter I"). */
function refOf(id: string | null): string | null {
  return id === null ? null : id.slice(id.indexOf(':') + 1);
}
