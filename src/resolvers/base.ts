import type { Resolvers } from '../generated/resolvers.js';
import { entityTypeOfId } from '../domain/entity-spec.js';
import { checkId } from '../services/checks.js';

export const baseResolvers: Resolvers = {
  Query: {
    node: async (_root, { id }, context) => {
      checkId(id, 'id');
      if (entityTypeOfId(id) !== undefined) return context.loaders.entityById.load(id);
      // Requirement ids are "<framework>:<ref>"; framework ids have no colon.
      if (id.includes(':')) return context.loaders.requirementById.load(id);
      return (await context.loaders.frameworkById.load(id)) ?? (await context.loaders.crosswalkSetById.load(id));
    },
    serviceInfo: (_root, _args, context) => context.service,
  },
  Node: {
    __resolveType: (node) => {
      if ('frameworkId' in node) return 'Requirement';
      if ('fromFramework' in node) return 'CrosswalkSet';
      // Records carry their type (a record read for a selection may carry little else).
      if ('type' in node) return node.type;
      return 'Framework';
    },
  },
};
