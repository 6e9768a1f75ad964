import { infer, inverse } from '../crosswalk/algebra.js';
import type { Context } from '../context.js';
import { BadUserInputError } from '../errors.js';
import type { Resolvers } from '../generated/resolvers.js';
import { listCrosswalkSets, listMappingsBetween, MAX_HOPS, type MappingRow } from '../graph/statements/crosswalk.js';
import { checkId } from '../services/checks.js';
import { requirementAt } from './projection.js';
import type { MappingClaimView, MappingView } from '../services/views.js';

/** A stored mapping read from the side of `fromId` (which must be one of its ends). */
export function readFrom(row: MappingRow, fromId: string): MappingView {
  const inverted = row.sourceId !== fromId;
  return {
    row,
    sourceId: inverted ? row.targetId : row.sourceId,
    targetId: inverted ? row.sourceId : row.targetId,
    relationship: inverted ? inverse(row.relationship) : row.relationship,
    inverted,
  };
}

const frameworkOf = (requirementId: string): string => requirementId.slice(0, requirementId.indexOf(':'));

async function requireSet(context: Context, setId: string) {
  const set = await context.loaders.crosswalkSetById.load(setId);
  if (set === null) throw new Error(`mapping set ${setId} is missing`);
  return set;
}

async function claimsOf(
  requirementId: string,
  args: { direction: 'OUTGOING' | 'INCOMING' | 'BOTH'; includeInferred: boolean; maxHops: number; framework?: string | null },
  context: Context,
): Promise<MappingClaimView[]> {
  const framework = args.framework == null ? null : checkId(args.framework, 'framework');
  const keep = (targetId: string): boolean => framework === null || frameworkOf(targetId) === framework;
  const stored = (await context.loaders.mappingsByRequirementId.load(requirementId))
    .filter((row) => args.direction === 'BOTH' || (args.direction === 'OUTGOING') === (row.sourceId === requirementId))
    .map((row) => readFrom(row, requirementId))
    .filter((view) => keep(view.targetId))
    .map((view) => ({ sourceId: requirementId, targetId: view.targetId, relationship: view.relationship, inferred: false, chain: [view] }));
  if (!args.includeInferred) return stored;
  if (!Number.isInteger(args.maxHops) || args.maxHops < 1 || args.maxHops > MAX_HOPS) {
    throw new BadUserInputError(`maxHops must be a whole number from 1 to ${MAX_HOPS}`, 'maxHops');
  }
  const neighbourhood = await context.loaders.neighbourhood(args.maxHops).load(requirementId);
  const rows = new Map(neighbourhood.map((row) => [row.id, row]));
  const inferred = infer(
    requirementId,
    neighbourhood.map((row) => ({ id: row.id, source: row.sourceId, target: row.targetId, relationship: row.relationship })),
    args.maxHops,
  )
    // One-step chains are the stored mappings themselves, already listed above.
    .filter((claim) => claim.chain.length > 1 && keep(claim.target))
    .map((claim) => ({
      sourceId: requirementId,
      targetId: claim.target,
      relationship: claim.relationship,
      inferred: true,
      chain: claim.chain.map((step) => readFrom(rows.get(step.mappingId)!, step.from)),
    }));
  return [...stored, ...inferred];
}

export const crosswalkResolvers: Resolvers = {
  Query: {
    crosswalkSets: async (_root, _args, context) => (await context.graph.read(listCrosswalkSets())).map((r) => r.set),
    crosswalkSet: (_root, { id }, context) => context.loaders.crosswalkSetById.load(checkId(id, 'id')),
    crosswalk: async (_root, { from, to }, context) => {
      checkId(from, 'from');
      checkId(to, 'to');
      if (from === to) throw new BadUserInputError('from and to must be different frameworks', 'to');
      const rows = await context.graph.read(listMappingsBetween(from, to));
      const position = (view: MappingView, end: 'source' | 'target'): number =>
        ((end === 'source') !== view.inverted ? view.row.sourcePosition : view.row.targetPosition) ?? 0;
      return rows
        .map(({ mapping }) => readFrom(mapping, frameworkOf(mapping.sourceId) === from ? mapping.sourceId : mapping.targetId))
        .sort((a, b) => position(a, 'source') - position(b, 'source') || position(a, 'target') - position(b, 'target'));
    },
  },
  Requirement: {
    mappings: (requirement, args, context) => claimsOf(requirement.id, args, context),
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
    rationale: (view) => view.row.rationale,
    strength: (view) => view.row.strength,
    confidence: (view) => view.row.confidence,
    justification: (view) => view.row.justification,
    method: (view) => view.row.method,
    status: (view) => view.row.status,
    citation: (view) => view.row.citation,
    originalRelationship: (view) => view.row.originalRelationship,
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
