/** trace and impact through GraphQL (services/traceability.ts); records loaded in batches for what is shown. */
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { impact, trace } from '../services/traceability.js';
import { entityLoader, loadEntities } from './projection.js';

/** A record (read for this field's selection) or a requirement. */
async function nodeOf(context: Context, id: string, info: GraphQLResolveInfo) {
  return (await entityLoader(context, info).load(id)) ?? (await context.loaders.requirementById.load(id));
}

export const traceabilityResolvers: Resolvers = {
  Query: {
    trace: (_root, args, context) => trace(context.scope, args.from, args.framework),
    impact: (_root, args, context) => impact(context.scope, args.of),
  },
  Trace: {
    // Read whole when trace checked that it exists: the loader has it already.
    from: async (trace, _args, context) => (await context.loaders.entityById.load(trace.fromId))!,
  },
  TracedRequirement: {
    requirement: async (row, _args, context) => (await context.loaders.requirementById.load(row.requirementId))!,
    evidence: (row, _args, context, info) => loadEntities(context, row.evidenceIds, info),
  },
  TracePath: {
    steps: async (path, _args, context, info) => {
      const nodes = await Promise.all(path.stepIds.map((id) => nodeOf(context, id, info)));
      return nodes.filter((n) => n !== null);
    },
    coverage: (path) => path.coverage as 'FULL' | 'PARTIAL' | null,
  },
  Impact: {
    of: async (impact, _args, context, info) => (await nodeOf(context, impact.ofId, info))!,
    systems: (impact, _args, context, info) => loadEntities(context, impact.systemIds, info),
    models: (impact, _args, context, info) => loadEntities(context, impact.modelIds, info),
    risks: (impact, _args, context, info) => loadEntities(context, impact.riskIds, info),
    controls: (impact, _args, context, info) => loadEntities(context, impact.controlIds, info),
    obligations: (impact, _args, context, info) => loadEntities(context, impact.obligationIds, info),
    evidence: (impact, _args, context, info) => loadEntities(context, impact.evidenceIds, info),
  },
  ImpactedRequirement: {
    requirement: async (row, _args, context) => (await context.loaders.requirementById.load(row.requirementId))!,
  },
};
