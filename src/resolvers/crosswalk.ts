/** The crosswalk through GraphQL: sets, mappings between frameworks, a requirement's mappings (services/crosswalk.ts). */
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { crosswalkBetween, crosswalkSets, mappingDetail, mappingsOf, readFrom } from '../services/crosswalk.js';
import { checkId } from '../services/checks.js';
import { requirementAt } from './projection.js';

async function requireSet(context: Context, setId: string) {
  const set = await context.loaders.crosswalkSetById.load(setId);
  if (set === null) throw new Error(`mapping set ${setId} is missing`);
  return set;
}

export const crosswalkResolvers: Resolvers = {
  Query: {
    crosswalkSets: (_root, _args, context) => crosswalkSets(context.scope),
    crosswalkSet: (_root, { id }, context) => context.loaders.crosswalkSetById.load(checkId(id, 'id')),
    crosswalk: (_root, { from, to }, context) => crosswalkBetween(context.scope, from, to),
  },
  Requirement: {
    mappings: (requirement, args, context) => mappingsOf(context.scope, requirement.id, args),
  },
  CrosswalkSet: {
    from: (set, _args, context) => loadFramework(context, set.fromFramework),
    to: (set, _args, context) => loadFramework(context, set.toFramework),
    mappings: async (set, _args, context) =>
      (await context.loaders.mappingsBySetId.load(set.id)).map((row) => readFrom(row, row.sourceId)),
  },
  Mapping: {
    id: (view) => view.row.id,
    source: (view, _args, context, info) => requirementAt(context, view.sourceId, info),
    target: (view, _args, context, info) => requirementAt(context, view.targetId, info),
    rationale: async (view, _args, context) => (await mappingDetail(context.scope, view)).rationale,
    strength: async (view, _args, context) => (await mappingDetail(context.scope, view)).strength,
    confidence: async (view, _args, context) => (await mappingDetail(context.scope, view)).confidence,
    justification: async (view, _args, context) => (await mappingDetail(context.scope, view)).justification,
    method: async (view, _args, context) => (await mappingDetail(context.scope, view)).method,
    status: async (view, _args, context) => (await mappingDetail(context.scope, view)).status,
    citation: async (view, _args, context) => (await mappingDetail(context.scope, view)).citation,
    originalRelationship: async (view, _args, context) =>
      (await mappingDetail(context.scope, view)).originalRelationship,
    provenance: (view, _args, context) => requireSet(context, view.row.set),
  },
  Provenance: {
    set: (set) => set,
  },
  MappingClaim: {
    source: (claim, _args, context, info) => requirementAt(context, claim.sourceId, info),
    target: (claim, _args, context, info) => requirementAt(context, claim.targetId, info),
    hops: (claim) => claim.chain.length,
  },
};

async function loadFramework(context: Context, id: string) {
  const framework = await context.loaders.frameworkById.load(id);
  if (framework === null) throw new Error(`framework ${id} is missing`);
  return framework;
}
