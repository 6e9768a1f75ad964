/** trace and impact: bounded statements, then records loaded in batches. */
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { entityTypeOfId } from '../domain/entity-spec.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import type { Resolvers } from '../generated/resolvers.js';
import { findKinds } from '../graph/statements/organisation.js';
import { impactOf, listEvidenceFor, traceFrom } from '../graph/statements/traceability.js';
import { checkId } from '../services/checks.js';
import { entityLoader, loadEntities } from './projection.js';
import { readFrom } from './crosswalk.js';
import type { ImpactedRequirementView, MappingView, TracedRequirementView } from '../services/views.js';

/** A record (read for this field's selection) or a requirement. */
async function nodeOf(context: Context, id: string, info: GraphQLResolveInfo) {
  return (await entityLoader(context, info).load(id)) ?? (await context.loaders.requirementById.load(id));
}

export const traceabilityResolvers: Resolvers = {
  Query: {
    trace: async (_root, args, context) => {
      const from = checkId(args.from, 'from');
      const type = entityTypeOfId(from);
      if (type !== 'AISystem' && type !== 'Dataset') {
        throw new BadUserInputError('trace starts from an AI system or a dataset', 'from');
      }
      if ((await context.loaders.entityById.load(from)) === null) throw new NotFoundError(type, from);
      const framework = args.framework == null ? null : checkId(args.framework, 'framework');
      const rows = await context.graph.read(traceFrom(from, framework));
      const controlIds = [...new Set(rows.flatMap((r) => r.paths.flatMap((p) => (p.controlId ? [p.controlId] : []))))];
      const evidenceRows = await context.graph.read(listEvidenceFor(from, controlIds, rows.map((r) => r.requirementId)));
      const evidenceOf = new Map(evidenceRows.map((r) => [r.targetId, r.evidence]));
      const requirements: TracedRequirementView[] = rows.map((row) => {
        const evidence = new Set<string>(evidenceOf.get(row.requirementId) ?? []);
        for (const path of row.paths) for (const id of path.controlId ? (evidenceOf.get(path.controlId) ?? []) : []) evidence.add(id);
        return {
          requirementId: row.requirementId,
          paths: row.paths.map((p) => ({ route: p.route, stepIds: [from, ...p.via, row.requirementId], coverage: p.coverage })),
          evidenceIds: [...evidence].sort(),
        };
      });
      return { fromId: from, requirements };
    },
    impact: async (_root, args, context) => {
      const of = checkId(args.of, 'of');
      const [found] = await context.graph.read(findKinds([of]));
      const kind = found?.kind ?? null;
      if (kind === null) throw new NotFoundError('Record or requirement', of);
      if (!['Dataset', 'Model', 'Control', 'Evidence', 'Requirement'].includes(kind)) {
        throw new BadUserInputError(`impact is found for datasets, models, controls, evidence and requirements, not a ${kind}`, 'of');
      }
      const [row] = await context.graph.read(impactOf(of, kind));
      const direct = row?.requirements ?? [];
      // One crosswalk mapping away: stored mappings read from each affected requirement.
      const mappings = await context.loaders.mappingsByRequirementId.loadMany(direct);
      const mapped = new Map<string, MappingView[]>();
      direct.forEach((requirementId, index) => {
        const list = mappings[index];
        if (!Array.isArray(list)) return;
        for (const mapping of list) {
          const view = readFrom(mapping, requirementId);
          if (view.relationship === 'NO_RELATIONSHIP' || direct.includes(view.targetId)) continue;
          mapped.set(view.targetId, [...(mapped.get(view.targetId) ?? []), view]);
        }
      });
      const requirements: ImpactedRequirementView[] = [
        ...direct.map((requirementId) => ({ requirementId, direct: true, via: [] })),
        ...[...mapped.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([requirementId, via]) => ({ requirementId, direct: false, via })),
      ];
      return {
        ofId: of,
        systemIds: row?.systems ?? [],
        modelIds: row?.models ?? [],
        riskIds: row?.risks ?? [],
        controlIds: row?.controls ?? [],
        obligationIds: row?.obligations ?? [],
        evidenceIds: row?.evidence ?? [],
        requirements,
      };
    },
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
