/** trace and impact: bounded statements from one record, then the records they name. */
import { entityTypeOfId } from '../domain/entity-spec.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { findKinds } from '../graph/statements/organisation.js';
import { impactOf, listEvidenceFor, traceFrom } from '../graph/statements/traceability.js';
import { checkId } from './checks.js';
import { readFrom } from './crosswalk.js';
import type { RequestScope } from './scope.js';
import type { ImpactedRequirementView, ImpactView, MappingView, TracedRequirementView, TraceView } from './views.js';

/** From an AI system or a dataset, through its risks and controls, to the requirements they meet, with the evidence on the way. */
export async function trace(scope: RequestScope, fromId: string, frameworkId?: string | null): Promise<TraceView> {
  const from = checkId(fromId, 'from');
  const type = entityTypeOfId(from);
  if (type !== 'AISystem' && type !== 'Dataset') {
    throw new BadUserInputError('trace starts from an AI system or a dataset', 'from');
  }
  if ((await scope.loaders.entityById.load(from)) === null) throw new NotFoundError(type, from);
  const framework = frameworkId == null ? null : checkId(frameworkId, 'framework');
  const rows = await scope.graph.read(traceFrom(from, framework));
  const controlIds = [...new Set(rows.flatMap((r) => r.paths.flatMap((p) => (p.controlId ? [p.controlId] : []))))];
  const evidenceRows = await scope.graph.read(
    listEvidenceFor(
      from,
      controlIds,
      rows.map((r) => r.requirementId),
    ),
  );
  const evidenceOf = new Map(evidenceRows.map((r) => [r.targetId, r.evidence]));
  const requirements: TracedRequirementView[] = rows.map((row) => {
    const evidence = new Set<string>(evidenceOf.get(row.requirementId) ?? []);
    for (const path of row.paths)
      for (const id of path.controlId ? (evidenceOf.get(path.controlId) ?? []) : []) evidence.add(id);
    return {
      requirementId: row.requirementId,
      paths: row.paths.map((p) => ({
        route: p.route,
        stepIds: [from, ...p.via, row.requirementId],
        coverage: p.coverage,
      })),
      evidenceIds: [...evidence].sort(),
    };
  });
  return { fromId: from, requirements };
}

/** What a dataset, model, control, evidence item or requirement touches, up to the requirements one crosswalk mapping away. */
export async function impact(scope: RequestScope, ofId: string): Promise<ImpactView> {
  const of = checkId(ofId, 'of');
  const [found] = await scope.graph.read(findKinds([of]));
  const kind = found?.kind ?? null;
  if (kind === null) throw new NotFoundError('Record or requirement', of);
  if (!['Dataset', 'Model', 'Control', 'Evidence', 'Requirement'].includes(kind)) {
    throw new BadUserInputError(
      `impact is found for datasets, models, controls, evidence and requirements, not a ${kind}`,
      'of',
    );
  }
  const [row] = await scope.graph.read(impactOf(of, kind));
  const direct = row?.requirements ?? [];
  // One crosswalk mapping away: stored mappings read from each affected requirement.
  const mappings = await scope.loaders.mappingsByRequirementId.loadMany(direct);
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
    ...[...mapped.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([requirementId, via]) => ({ requirementId, direct: false, via })),
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
}
