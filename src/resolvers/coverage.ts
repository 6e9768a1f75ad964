/** coverage: four statements for the facts, then the pure rule, then the GraphQL shape. */
import { assessCoverage, type ApplicabilityFact, type CoverageStatus, type RequirementCoverage } from '../coverage/rule.js';
import type { Context } from '../context.js';
import type { GraphExecutor } from '../graph/executor.js';
import { entityTypeOfId } from '../domain/entity-spec.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import type { Resolvers } from '../generated/resolvers.js';
import { findGaps } from '../coverage/gaps.js';
import { writeCsv } from '../ingest/csv-cells.js';
import { evidenceUses } from '../coverage/reuse.js';
import { decisionFor, SOA_COLUMNS, soaCells, soaMarkdown, soaRow, type SoaRow } from '../coverage/soa.js';
import {
  listAllMappings,
  listApplicabilityOf,
  listCoverageControls,
  listCoverageLinks,
  listCoverageRecords,
  listCoverageRequirements,
  listRiskFacts,
} from '../graph/statements/coverage.js';
import { firstChangeAt, listChangesSince, type ChangeRow } from '../graph/statements/changes.js';
import {
  compareCoverage,
  COVERAGE_ENTITY_TYPES,
  coverageInputs,
  rewind,
  type CoverageSnapshot,
  type CoverageState,
  type LoggedChange,
  type MappingFact,
} from '../coverage/history.js';
import { MAX_HOPS, type MappingRow } from '../graph/statements/crosswalk.js';
import { checkId } from '../services/checks.js';
import { nowDateTime, utcDate } from './arguments.js';
import { readFrom } from './crosswalk.js';
import { loadEntityOrFail, requirementAt } from './projection.js';
import type { CoverageChangeView, CoverageCounts, RequirementCoverageView } from './views.js';

export function countStatuses(statuses: readonly CoverageStatus[]): CoverageCounts {
  const count = (status: CoverageStatus): number => statuses.filter((s) => s === status).length;
  return {
    total: statuses.length,
    notApplicable: count('NOT_APPLICABLE'),
    covered: count('COVERED'),
    coveredViaCrosswalk: count('COVERED_VIA_CROSSWALK'),
    partial: count('PARTIAL'),
    gap: count('GAP'),
  };
}

/** One sentence for an auditor: why the requirement has its status. */
export function reasonFor(r: RequirementCoverage): string {
  const full = r.contributions.filter((c) => c.level === 'FULL').length;
  switch (r.status) {
    case 'NOT_APPLICABLE':
      return `Excluded for this scope: ${r.exclusion?.justification ?? ''}`.trim();
    case 'COVERED':
      return `Met directly: ${full} in-scope control(s) implement all of it and have valid evidence.`;
    case 'COVERED_VIA_CROSSWALK': {
      const via = r.crosswalk.filter((c) => c.level === 'FULL');
      return `Met through the crosswalk: ${via.length} fully met requirement(s) contain it (${[...new Set(via.map((c) => c.relationship))].join(', ')}).`;
    }
    case 'PARTIAL': {
      const parts: string[] = [];
      if (r.direct === 'PART') parts.push(`${r.contributions.length} control(s) implement it in part or lack valid evidence`);
      if (r.crosswalk.length > 0) parts.push(`${r.crosswalk.length} crosswalk contribution(s) cover it in part`);
      return `Partly met: ${parts.join('; ')}.`;
    }
    case 'GAP': {
      const considered = r.rejectedControls.length + r.rejectedCrosswalk.length;
      return considered === 0 ? 'Nothing implements it.' : `Nothing counts: ${considered} contribution(s) were considered and rejected.`;
    }
  }
}

function chainViews(chain: readonly { mappingId: string; from: string }[], rows: ReadonlyMap<string, MappingRow>) {
  return chain.map((step) => readFrom(rows.get(step.mappingId)!, step.from));
}

/** The facts of the graph for a framework, and the rule applied to them (four statements). */
export async function computeCoverage(
  graph: GraphExecutor,
  frameworkId: string,
  systems: readonly string[] | null,
  asOfDate: string,
  maxHops: number,
): Promise<{
  results: RequirementCoverage[];
  sectionOf: Map<string, string>;
  mappingRows: Map<string, MappingRow>;
  applicability: ApplicabilityFact[];
}> {
  const [requirements, controls, mappings, applicability] = await Promise.all([
    graph.read(listCoverageRequirements(frameworkId)),
    graph.read(listCoverageControls()),
    graph.read(listAllMappings()),
    graph.read(listApplicabilityOf(frameworkId)),
  ]);
  const results = assessCoverage(
    {
      requirements,
      controls: controls.map((r) => r.control),
      mappings: mappings.map(({ mapping }) => ({ id: mapping.id, source: mapping.sourceId, target: mapping.targetId, relationship: mapping.relationship })),
      applicability: applicability.map((r) => r.entry),
    },
    { systems, asOf: asOfDate, maxHops },
  );
  return {
    results,
    sectionOf: new Map(requirements.map((r) => [r.id, r.sectionId])),
    mappingRows: new Map(mappings.map(({ mapping }) => [mapping.id, mapping])),
    applicability: applicability.map((r) => r.entry),
  };
}

const parseJson = (text: string | null): Record<string, unknown> | null => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));

/**
 * coverageChange: the present coverage state and the change log since `from` (six
 * statements), rewound to each moment, assessed, and compared.
 */
async function coverageOverTime(
  context: Context,
  frameworkId: string,
  systems: readonly string[] | null,
  from: string,
  to: string,
  maxHops: number,
): Promise<CoverageChangeView> {
  const [requirements, records, links, mappings] = await Promise.all([
    context.graph.read(listCoverageRequirements(frameworkId)),
    context.graph.read(listCoverageRecords()),
    context.graph.read(listCoverageLinks()),
    context.graph.read(listAllMappings()),
  ]);
  // The log is read after the present state: an entry committed in between is undone
  // once more (undoing restores `before` values, so that is harmless); none can be missed.
  const [log, first] = await Promise.all([
    context.graph.read(listChangesSince(from, [...COVERAGE_ENTITY_TYPES, 'Framework'])),
    context.graph.read(firstChangeAt()),
  ]);
  const now: CoverageState = { controls: new Map(), evidence: new Map(), applicability: new Map(), links: new Map(), mappings: new Map() };
  for (const { record: r } of records) {
    if (r.type === 'Control') now.controls.set(r.id, { status: r.status ?? 'PLANNED' });
    else if (r.type === 'Evidence') now.evidence.set(r.id, { effectiveFrom: r.effectiveFrom, validUntil: r.validUntil });
    else now.applicability.set(r.id, { applicable: r.applicable === true, justification: r.justification ?? '' });
  }
  for (const { link } of links) now.links.set(`${link.kind}|${link.from}|${link.to}`, link);
  for (const { mapping } of mappings) now.mappings.set(mapping.set, [...(now.mappings.get(mapping.set) ?? []), mapping as unknown as MappingFact]);
  const entries: (LoggedChange & { row: ChangeRow })[] = log.map(({ change }) => ({ ...change, before: parseJson(change.before), after: parseJson(change.after), row: change }));
  const since = (moment: string) => entries.filter((e) => Date.parse(e.at) > Date.parse(moment));

  const snapshot = (moment: string): CoverageSnapshot => {
    const state = rewind(now, since(moment));
    const inputs = coverageInputs(state, frameworkId);
    const date = utcDate(moment);
    const results = assessCoverage({ requirements, controls: inputs.controls, mappings: inputs.mappings, applicability: inputs.applicability }, { systems, asOf: date, maxHops });
    return { state, inputs, date, results };
  };
  const a = snapshot(from);
  const b = snapshot(to);
  const changes = compareCoverage(a, b);

  const between = entries.filter((e) => Date.parse(e.at) > Date.parse(from) && Date.parse(e.at) <= Date.parse(to));
  const subjectIds = [...new Set(changes.flatMap((c) => c.reasons.map((r) => r.subjectId)))];
  const found = await context.loaders.entityById.loadMany(subjectIds.filter((id) => entityTypeOfId(id) !== undefined));
  const requirementsFound = await context.loaders.requirementById.loadMany(subjectIds.filter((id) => entityTypeOfId(id) === undefined));
  const names = new Map<string, string>();
  found.forEach((e) => {
    if (e !== null && !(e instanceof Error)) names.set(e.id, String(e.name ?? e.title ?? e.justification ?? e.id));
  });
  requirementsFound.forEach((r) => {
    if (r !== null && !(r instanceof Error)) names.set(r.id, `${r.ref}${r.title ? ` ${r.title}` : ''}`);
  });
  // A record deleted since still has its name in the log.
  for (const e of entries) {
    const fields = e.before ?? e.after;
    if (!names.has(e.entityId) && fields && (fields.name ?? fields.title)) names.set(e.entityId, String(fields.name ?? fields.title));
  }
  const notes: string[] = [];
  const start = first.find((r) => r.at !== null)?.at ?? null;
  if (start === null || Date.parse(start) > Date.parse(from)) {
    notes.push(
      start === null
        ? 'The change log is empty: both moments are judged on the present graph.'
        : `The change log begins at ${start}: the graph before then is taken as it stood when the log began.`,
    );
  }
  if (between.some((e) => e.operation === 'CATALOGUE_LOAD')) notes.push('A catalogue was reloaded between the two moments: both are judged against the present requirements.');
  return {
    frameworkId,
    from,
    to,
    before: countStatuses(a.results.map((r) => r.status)),
    after: countStatuses(b.results.map((r) => r.status)),
    changes: changes.map((c) => ({
      ...c,
      reasons: c.reasons.map((r) => ({
        ...r,
        subject: names.get(r.subjectId) ?? null,
        changes: between
          .filter((e) => e.entityId === r.subjectId || e.otherId === r.subjectId || (r.kind.startsWith('MAPPING_') && e.entityId === r.contextId))
          .map((e) => e.row),
      })),
    })),
    notes,
  };
}

/** Checks a coverage question's arguments: the framework, the systems in scope, the date. */
export async function question(
  context: Context,
  args: { framework: string; scope?: { systems?: readonly string[] | null } | null; asOf?: string | null; maxHops?: number | null },
) {
  const framework = await context.loaders.frameworkById.load(checkId(args.framework, 'framework'));
  if (framework === null) throw new NotFoundError('Framework', args.framework);
  const maxHops = args.maxHops ?? 2;
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) {
    throw new BadUserInputError(`maxHops must be a whole number from 1 to ${MAX_HOPS}`, 'maxHops');
  }
  const systems = args.scope?.systems ?? null;
  if (systems !== null) {
    if (systems.length === 0) throw new BadUserInputError('scope.systems must name at least one AI system (or leave scope out)', 'scope.systems');
    const found = await context.loaders.entityById.loadMany(systems.map((s) => checkId(s, 'scope.systems')));
    systems.forEach((id, i) => {
      if (entityTypeOfId(id) !== 'AISystem' || found[i] === null || found[i] instanceof Error) throw new NotFoundError('AI system', id);
    });
  }
  const asOf = args.asOf ?? nowDateTime();
  // Evidence periods are calendar dates: the date assessed is asOf's UTC date.
  return { framework, maxHops, systems, asOf, asOfDate: utcDate(asOf) };
}

/** The facts evidence reuse needs: implementing controls with their evidence, and the crosswalk. */
async function reuseFacts(graph: GraphExecutor) {
  const [controls, mappings] = await Promise.all([graph.read(listCoverageControls()), graph.read(listAllMappings())]);
  return {
    controls: controls.map((r) => r.control),
    mappings: mappings.map(({ mapping }) => ({ id: mapping.id, source: mapping.sourceId, target: mapping.targetId, relationship: mapping.relationship })),
    mappingRows: new Map(mappings.map(({ mapping }) => [mapping.id, mapping])),
  };
}

export const coverageResolvers: Resolvers = {
  Query: {
    statementOfApplicability: async (_root, args, context) => {
      const q = await question(context, args);
      const { results, applicability } = await computeCoverage(context.graph, q.framework.id, q.systems, q.asOfDate, 2);
      const requirements = await context.loaders.requirementById.loadMany(results.map((r) => r.requirementId));
      const rows: SoaRow[] = [];
      results.forEach((coverage, i) => {
        const requirement = requirements[i];
        if (requirement === null || requirement === undefined || requirement instanceof Error) return;
        // ISO/IEC 42001's statement lists the Annex A controls; other frameworks list every auditable requirement.
        if (q.framework.id === 'iso42001' && !(requirement.kind === 'CONTROL' && requirement.ref.startsWith('A.'))) return;
        rows.push(soaRow(coverage, requirement, decisionFor(coverage, applicability, q.systems)));
      });
      const ids = [...new Set(rows.flatMap((r) => [...r.controlIds, ...r.evidenceIds]))];
      const entities = await context.loaders.entityById.loadMany(ids);
      const names = new Map<string, string>();
      entities.forEach((e, i) => {
        if (e !== null && !(e instanceof Error)) names.set(ids[i]!, String(e.name ?? e.title ?? e.id));
      });
      const cells = rows.map((row) => soaCells(row, names));
      return {
        frameworkId: q.framework.id,
        asOf: q.asOf,
        rows,
        csv: writeCsv([[...SOA_COLUMNS], ...cells]),
        markdown: soaMarkdown(cells),
      };
    },
    evidenceReuse: async (_root, args, context) => {
      const id = checkId(args.evidence, 'evidence');
      if (entityTypeOfId(id) !== 'Evidence' || (await context.loaders.entityById.load(id)) === null) throw new NotFoundError('Evidence', id);
      const facts = await reuseFacts(context.graph);
      const result = evidenceUses(id, facts.controls, facts.mappings, utcDate(args.asOf), 2);
      return { evidenceId: id, valid: result.valid, uses: result.uses.map((u) => ({ ...u, mappingRows: facts.mappingRows })) };
    },
    reusableEvidence: async (_root, args, context) => {
      const framework = await context.loaders.frameworkById.load(checkId(args.framework, 'framework'));
      if (framework === null) throw new NotFoundError('Framework', args.framework);
      const facts = await reuseFacts(context.graph);
      const asOf = utcDate(args.asOf);
      const evidenceIds = [...new Set(facts.controls.flatMap((c) => c.evidence.map((e) => e.id)))].sort();
      return evidenceIds
        .map((evidenceId) => ({
          evidenceId,
          uses: evidenceUses(evidenceId, facts.controls, facts.mappings, asOf, 2)
            .uses.filter((u) => u.requirementId.startsWith(`${framework.id}:`))
            .map((u) => ({ ...u, mappingRows: facts.mappingRows })),
        }))
        .filter((r) => r.uses.length > 0);
    },
    gaps: async (_root, args, context) => {
      const q = await question(context, args);
      const [{ results, sectionOf, mappingRows }, risks, controls] = await Promise.all([
        computeCoverage(context.graph, q.framework.id, q.systems, q.asOfDate, q.maxHops),
        context.graph.read(listRiskFacts()),
        context.graph.read(listCoverageControls()),
      ]);
      const implementers = new Map<string, string[]>();
      for (const { control } of controls) {
        for (const link of control.implements) implementers.set(link.requirementId, [...(implementers.get(link.requirementId) ?? []), control.id]);
      }
      return findGaps(results, { implementers, risks: risks.map((r) => r.risk) }, q.systems).map((gap) => ({
        ...gap,
        coverage: { ...gap.coverage, sectionId: sectionOf.get(gap.coverage.requirementId)!, mappingRows },
      }));
    },
    coverageChange: async (_root, args, context) => {
      const q = await question(context, { ...args, asOf: args.to });
      const from = args.from ?? nowDateTime();
      if (Date.parse(from) > Date.parse(args.to)) throw new BadUserInputError('from must not be later than to', 'from');
      return coverageOverTime(context, q.framework.id, q.systems, from, args.to, q.maxHops);
    },
    coverage: async (_root, args, context) => {
      const { framework, systems, asOf, asOfDate, maxHops } = await question(context, args);
      const { results, sectionOf, mappingRows } = await computeCoverage(context.graph, framework.id, systems, asOfDate, maxHops);
      const views: RequirementCoverageView[] = results.map((r) => ({ ...r, sectionId: sectionOf.get(r.requirementId)!, mappingRows }));
      const sectionIds = [...new Set(views.map((v) => v.sectionId))];
      return {
        frameworkId: framework.id,
        asOf,
        systemIds: systems,
        summary: countStatuses(views.map((v) => v.status)),
        sections: sectionIds.map((sectionId) => ({ sectionId, summary: countStatuses(views.filter((v) => v.sectionId === sectionId).map((v) => v.status)) })),
        requirements: views,
      };
    },
  },
  CoverageChange: {
    framework: async (view, _args, context) => (await context.loaders.frameworkById.load(view.frameworkId))!,
    changes: (view) => [...view.changes],
  },
  CoverageStatusChange: {
    requirement: async (change, _args, context) => {
      const requirement = await context.loaders.requirementById.load(change.requirementId);
      if (requirement === null) throw new Error(`requirement ${change.requirementId} is missing`);
      return requirement;
    },
    reasons: (change) => [...change.reasons],
  },
  CoverageChangeReason: {
    changes: (reason) => [...reason.changes],
  },
  FrameworkCoverage: {
    framework: async (view, _args, context) => (await context.loaders.frameworkById.load(view.frameworkId))!,
    systems: async (view, _args, context, info) =>
      view.systemIds === null ? null : Promise.all(view.systemIds.map((id) => loadEntityOrFail(context, id, info))),
  },
  SectionCoverage: {
    section: async (view, _args, context) => (await context.loaders.requirementById.load(view.sectionId))!,
  },
  RequirementCoverage: {
    requirement: async (view, _args, context) => (await context.loaders.requirementById.load(view.requirementId))!,
    reason: (view) => reasonFor(view),
    crosswalk: (view) => view.crosswalk.map((c) => ({ ...c, mappingRows: view.mappingRows })),
    rejectedCrosswalk: (view) => view.rejectedCrosswalk.map((c) => ({ ...c, mappingRows: view.mappingRows })),
    exclusion: async (view, _args, context, info) => (view.exclusion === null ? null : loadEntityOrFail(context, view.exclusion.id, info)),
  },
  ControlContribution: {
    control: (c, _args, context, info) => loadEntityOrFail(context, c.controlId, info),
    validEvidence: (c, _args, context, info) => Promise.all(c.validEvidence.map((id) => loadEntityOrFail(context, id, info))),
  },
  StatementOfApplicability: {
    framework: async (view, _args, context) => (await context.loaders.frameworkById.load(view.frameworkId))!,
    entries: (view) => [...view.rows],
  },
  SoaEntry: {
    requirement: async (row, _args, context) => (await context.loaders.requirementById.load(row.requirementId))!,
    decision: (row, _args, context, info) => (row.decisionId === null ? null : loadEntityOrFail(context, row.decisionId, info)),
    implementationStatus: (row) => row.status,
    controls: (row, _args, context, info) => Promise.all(row.controlIds.map((id) => loadEntityOrFail(context, id, info))),
    evidence: (row, _args, context, info) => Promise.all(row.evidenceIds.map((id) => loadEntityOrFail(context, id, info))),
  },
  EvidenceReuse: {
    evidence: (view, _args, context, info) => loadEntityOrFail(context, view.evidenceId, info),
    frameworks: async (view, _args, context) => {
      const ids = [...new Set(view.uses.map((u) => u.requirementId.slice(0, u.requirementId.indexOf(':'))))].sort();
      return (await Promise.all(ids.map((id) => context.loaders.frameworkById.load(id)))).filter((f) => f !== null);
    },
  },
  ReusableEvidence: {
    evidence: (view, _args, context, info) => loadEntityOrFail(context, view.evidenceId, info),
  },
  EvidenceUse: {
    requirement: async (use, _args, context) => (await context.loaders.requirementById.load(use.requirementId))!,
    control: (use, _args, context, info) => loadEntityOrFail(context, use.controlId, info),
    from: async (use, _args, context, info) => (use.fromRequirementId === null ? null : requirementAt(context, use.fromRequirementId, info)),
    chain: (use) => chainViews(use.chain, use.mappingRows),
  },
  Gap: {
    risks: (gap, _args, context, info) => Promise.all(gap.riskIds.map((id) => loadEntityOrFail(context, id, info))),
  },
  Remedy: {
    control: (remedy, _args, context, info) => (remedy.controlId === null ? null : loadEntityOrFail(context, remedy.controlId, info)),
    partner: async (remedy, _args, context) => (remedy.partnerId === null ? null : context.loaders.requirementById.load(remedy.partnerId)),
  },
  EvidenceRejection: {
    evidence: (e, _args, context, info) => loadEntityOrFail(context, e.evidenceId, info),
  },
  RejectedControl: {
    control: (c, _args, context, info) => loadEntityOrFail(context, c.controlId, info),
  },
  CrosswalkContribution: {
    from: (c, _args, context, info) => requirementAt(context, c.from, info),
    chain: (c) => chainViews(c.chain, c.mappingRows),
  },
  RejectedCrosswalk: {
    from: (c, _args, context, info) => requirementAt(context, c.from, info),
    chain: (c) => chainViews(c.chain, c.mappingRows),
  },
};
