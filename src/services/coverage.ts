/**
 * Coverage questions: the facts of the graph for a framework (four statements), the pure
 * rule over them (coverage/rule.ts), and what is built on its answer: the Statement of
 * Applicability, gaps, evidence reuse, and coverage over time through the change log.
 */
import type { ChangeRow, MappingRow } from '../graph/rows.js';
import type { StoredMapping } from '../crosswalk/algebra.js';
import { countStatuses } from '../coverage/explain.js';
import { findGaps } from '../coverage/gaps.js';
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
import { evidenceUses } from '../coverage/reuse.js';
import { assessCoverage, type ApplicabilityFact, type RequirementCoverage } from '../coverage/rule.js';
import { decisionFor, SOA_COLUMNS, soaCells, soaMarkdown, soaRow, type SoaRow } from '../coverage/soa.js';
import { requirementId } from '../domain/ids.js';
import { entityTypeOfId } from '../domain/entity-spec.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { firstChangeAt, listChangesSince } from '../graph/statements/changes.js';
import {
  listAllMappings,
  listApplicabilityOf,
  listCoverageControls,
  listCoverageLinks,
  listCoverageRecords,
  listCoverageRequirements,
  listRiskFacts,
} from '../graph/statements/coverage.js';
import { MAX_HOPS } from '../graph/statements/crosswalk.js';
import { writeCsv } from '../ingest/csv-cells.js';
import { checkId, dateTimeOf } from './checks.js';
import type { RequestScope } from './scope.js';
import type { CoverageChangeView, CoverageView, GapView, RequirementCoverageView, SoaView } from './views.js';

/** The UTC calendar date of a moment: the date evidence periods are judged on. */
const utcDate = (moment: string): string => new Date(moment).toISOString().slice(0, 10);

/** A framework's coverage as the rule gave it, with what showing it needs. Kept by the coverage cache: never changed after. */
export interface Assessment {
  readonly results: readonly RequirementCoverage[];
  readonly sectionOf: ReadonlyMap<string, string>;
  readonly mappingRows: ReadonlyMap<string, MappingRow>;
  readonly applicability: readonly ApplicabilityFact[];
}

/** The facts of the graph for a framework, and the rule applied to them (four statements). */
export async function assessFramework(
  scope: Pick<RequestScope, 'graph' | 'coverageCache'>,
  frameworkId: string,
  systems: readonly string[] | null,
  asOfDate: string,
  maxHops: number,
): Promise<Assessment> {
  if (scope.coverageCache === undefined) return assessNow(scope, frameworkId, systems, asOfDate, maxHops);
  const question = [frameworkId, systems === null ? null : [...systems].sort(), asOfDate, maxHops];
  return scope.coverageCache.answer(scope, question, () => assessNow(scope, frameworkId, systems, asOfDate, maxHops));
}

async function assessNow(
  scope: Pick<RequestScope, 'graph'>,
  frameworkId: string,
  systems: readonly string[] | null,
  asOfDate: string,
  maxHops: number,
): Promise<Assessment> {
  const [requirements, controls, mappings, applicability] = await Promise.all([
    scope.graph.read(listCoverageRequirements(frameworkId)),
    scope.graph.read(listCoverageControls()),
    scope.graph.read(listAllMappings()),
    scope.graph.read(listApplicabilityOf(frameworkId)),
  ]);
  const results = assessCoverage(
    {
      requirements,
      controls: controls.map((r) => r.control),
      mappings: mappings.map(({ mapping }) => storedMapping(mapping)),
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

const parseJson = (text: string | null): Record<string, unknown> | null =>
  text === null ? null : (JSON.parse(text) as Record<string, unknown>);

/**
 * coverageChange: the present coverage state and the change log since `from` (six
 * statements), rewound to each moment, assessed, and compared.
 */
/** The coverage-relevant state of the graph now: controls, evidence, applicability, their links, the mappings. */
async function presentCoverageState(scope: Pick<RequestScope, 'graph'>): Promise<CoverageState> {
  const [records, links, mappings] = await Promise.all([
    scope.graph.read(listCoverageRecords()),
    scope.graph.read(listCoverageLinks()),
    scope.graph.read(listAllMappings()),
  ]);
  const now: CoverageState = {
    controls: new Map(),
    evidence: new Map(),
    applicability: new Map(),
    links: new Map(),
    mappings: new Map(),
  };
  for (const { record: r } of records) {
    if (r.type === 'Control') now.controls.set(r.id, { status: r.status ?? 'PLANNED' });
    else if (r.type === 'Evidence')
      now.evidence.set(r.id, { effectiveFrom: r.effectiveFrom, validUntil: r.validUntil });
    else now.applicability.set(r.id, { applicable: r.applicable === true, justification: r.justification ?? '' });
  }
  for (const { link } of links) now.links.set(`${link.kind}|${link.from}|${link.to}`, link);
  for (const { mapping } of mappings)
    now.mappings.set(mapping.set, [...(now.mappings.get(mapping.set) ?? []), mapping as unknown as MappingFact]);
  return now;
}

/** A read shared by the whole request when its scope has a memo (rewind() copies what it changes, so sharing is safe). */
const remember = <T>(scope: Pick<RequestScope, 'memo'>, key: string, read: () => Promise<T>): Promise<T> =>
  scope.memo === undefined ? read() : scope.memo(key, read);

export async function coverageOverTime(
  scope: RequestScope,
  frameworkId: string,
  systems: readonly string[] | null,
  from: string,
  to: string,
  maxHops: number,
): Promise<CoverageChangeView> {
  // One request may ask for many moments (the history report asks for 24): the present
  // state and the frameworks' requirements are read once for all of them (scope.memo).
  const [requirements, now, first] = await Promise.all([
    remember(scope, `coverageRequirements:${frameworkId}`, () =>
      scope.graph.read(listCoverageRequirements(frameworkId)),
    ),
    remember(scope, 'presentCoverageState', () => presentCoverageState(scope)),
    remember(scope, 'firstChangeAt', () => scope.graph.read(firstChangeAt())),
  ]);
  // The log is read after the present state: an entry committed in between is undone
  // once more (undoing restores `before` values, so that is harmless); none can be missed.
  const log = await remember(scope, `changesSince:${from}`, () =>
    scope.graph.read(listChangesSince(from, [...COVERAGE_ENTITY_TYPES, 'Framework'])),
  );
  const entries: (LoggedChange & { row: ChangeRow })[] = log.map(({ change }) => ({
    ...change,
    before: parseJson(change.before),
    after: parseJson(change.after),
    row: change,
  }));
  const since = (moment: string) => entries.filter((e) => Date.parse(e.at) > Date.parse(moment));

  const snapshot = (moment: string): CoverageSnapshot => {
    const state = rewind(now, since(moment));
    const inputs = coverageInputs(state, frameworkId);
    const date = utcDate(moment);
    const results = assessCoverage(
      { requirements, controls: inputs.controls, mappings: inputs.mappings, applicability: inputs.applicability },
      { systems, asOf: date, maxHops },
    );
    return { state, inputs, date, results };
  };
  const a = snapshot(from);
  const b = snapshot(to);
  const changes = compareCoverage(a, b);

  const between = entries.filter((e) => Date.parse(e.at) > Date.parse(from) && Date.parse(e.at) <= Date.parse(to));
  const subjectIds = [...new Set(changes.flatMap((c) => c.reasons.map((r) => r.subjectId)))];
  const found = await scope.loaders.entityById.loadMany(subjectIds.filter((id) => entityTypeOfId(id) !== undefined));
  const requirementsFound = await scope.loaders.requirementById.loadMany(
    subjectIds.filter((id) => entityTypeOfId(id) === undefined),
  );
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
    if (!names.has(e.entityId) && fields && (fields.name ?? fields.title))
      names.set(e.entityId, String(fields.name ?? fields.title));
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
  if (between.some((e) => e.operation === 'CATALOGUE_LOAD'))
    notes.push('A catalogue was reloaded between the two moments: both are judged against the present requirements.');
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
          .filter(
            (e) =>
              e.entityId === r.subjectId ||
              e.otherId === r.subjectId ||
              (r.kind.startsWith('MAPPING_') && e.entityId === r.contextId),
          )
          .map((e) => e.row),
      })),
    })),
    notes,
  };
}

/** Checks a coverage question's arguments: the framework, the systems in scope, the date. */
export async function coverageQuestion(
  scope: RequestScope,
  args: {
    framework: string;
    scope?: { systems?: readonly string[] | null } | null;
    asOf?: string | null;
    maxHops?: number | null;
  },
) {
  const framework = await scope.loaders.frameworkById.load(checkId(args.framework, 'framework'));
  if (framework === null) throw new NotFoundError('Framework', args.framework);
  const maxHops = args.maxHops ?? 2;
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) {
    throw new BadUserInputError(`maxHops must be a whole number from 1 to ${MAX_HOPS}`, 'maxHops');
  }
  const systems = args.scope?.systems ?? null;
  if (systems !== null) {
    if (systems.length === 0)
      throw new BadUserInputError(
        'scope.systems must name at least one AI system (or leave scope out)',
        'scope.systems',
      );
    const found = await scope.loaders.entityById.loadMany(systems.map((s) => checkId(s, 'scope.systems')));
    systems.forEach((id, i) => {
      if (entityTypeOfId(id) !== 'AISystem' || found[i] === null || found[i] instanceof Error)
        throw new NotFoundError('AI system', id);
    });
  }
  const asOf = args.asOf ?? dateTimeOf(scope.clock());
  // Evidence periods are calendar dates: the date assessed is asOf's UTC date.
  return { framework, maxHops, systems, asOf, asOfDate: utcDate(asOf) };
}

export type CoverageQuestion = Awaited<ReturnType<typeof coverageQuestion>>;

/** A stored mapping as the crosswalk algebra takes it. */
const storedMapping = (row: MappingRow): StoredMapping => ({
  id: row.id,
  source: row.sourceId,
  target: row.targetId,
  relationship: row.relationship,
});

/** The facts evidence reuse needs: implementing controls with their evidence, and the crosswalk. */
async function reuseFacts(scope: RequestScope) {
  const [controls, mappings] = await Promise.all([
    scope.graph.read(listCoverageControls()),
    scope.graph.read(listAllMappings()),
  ]);
  return {
    controls: controls.map((r) => r.control),
    mappings: mappings.map(({ mapping }) => storedMapping(mapping)),
    mappingRows: new Map(mappings.map(({ mapping }) => [mapping.id, mapping])),
  };
}

/** The Statement of Applicability of a framework for the question's scope, with its CSV and Markdown. */
export async function statementOfApplicability(
  scope: RequestScope,
  args: Parameters<typeof coverageQuestion>[1],
): Promise<SoaView> {
  const q = await coverageQuestion(scope, args);
  const { results, applicability } = await assessFramework(scope, q.framework.id, q.systems, q.asOfDate, 2);
  const requirements = await scope.loaders.requirementById.loadMany(results.map((r) => r.requirementId));
  const rows: SoaRow[] = [];
  results.forEach((coverage, i) => {
    const requirement = requirements[i];
    if (requirement === null || requirement === undefined || requirement instanceof Error) return;
    // ISO/IEC 42001's statement lists the Annex A controls; other frameworks list every auditable requirement.
    if (q.framework.id === 'iso42001' && !(requirement.kind === 'CONTROL' && requirement.ref.startsWith('A.'))) return;
    rows.push(soaRow(coverage, requirement, decisionFor(coverage, applicability, q.systems)));
  });
  const ids = [...new Set(rows.flatMap((r) => [...r.controlIds, ...r.evidenceIds]))];
  const entities = await scope.loaders.entityById.loadMany(ids);
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
}

/** The evidence item's uses in every framework, directly and through the crosswalk. */
export async function evidenceReuse(scope: RequestScope, evidenceId: string, asOf?: string | null) {
  const args = { evidence: evidenceId, asOf };
  const id = checkId(args.evidence, 'evidence');
  if (entityTypeOfId(id) !== 'Evidence' || (await scope.loaders.entityById.load(id)) === null)
    throw new NotFoundError('Evidence', id);
  const facts = await reuseFacts(scope);
  const result = evidenceUses(id, facts.controls, facts.mappings, utcDate(args.asOf ?? dateTimeOf(scope.clock())), 2);
  return {
    evidenceId: id,
    valid: result.valid,
    uses: result.uses.map((u) => ({ ...u, mappingRows: facts.mappingRows })),
  };
}

/** Every evidence item that counts somewhere in a framework, with its uses there. */
export async function reusableEvidence(scope: RequestScope, frameworkId: string, asOf?: string | null) {
  const args = { framework: frameworkId, asOf };
  const framework = await scope.loaders.frameworkById.load(checkId(args.framework, 'framework'));
  if (framework === null) throw new NotFoundError('Framework', args.framework);
  const facts = await reuseFacts(scope);
  const day = utcDate(args.asOf ?? dateTimeOf(scope.clock()));
  const evidenceIds = [...new Set(facts.controls.flatMap((c) => c.evidence.map((e) => e.id)))].sort();
  return evidenceIds
    .map((evidenceId) => ({
      evidenceId,
      uses: evidenceUses(evidenceId, facts.controls, facts.mappings, day, 2)
        .uses.filter((u) => u.requirementId.startsWith(`${framework.id}:`))
        .map((u) => ({ ...u, mappingRows: facts.mappingRows })),
    }))
    .filter((r) => r.uses.length > 0);
}

/** The framework's gaps for the question's scope, riskiest first, with what would close each. */
export async function gaps(scope: RequestScope, args: Parameters<typeof coverageQuestion>[1]): Promise<GapView[]> {
  const q = await coverageQuestion(scope, args);
  const [{ results, sectionOf, mappingRows }, risks, controls] = await Promise.all([
    assessFramework(scope, q.framework.id, q.systems, q.asOfDate, q.maxHops),
    scope.graph.read(listRiskFacts()),
    scope.graph.read(listCoverageControls()),
  ]);
  const implementers = new Map<string, string[]>();
  for (const { control } of controls) {
    for (const link of control.implements)
      implementers.set(link.requirementId, [...(implementers.get(link.requirementId) ?? []), control.id]);
  }
  return findGaps(results, { implementers, risks: risks.map((r) => r.risk) }, q.systems).map((gap) => ({
    ...gap,
    coverage: { ...gap.coverage, sectionId: sectionOf.get(gap.coverage.requirementId)!, mappingRows },
  }));
}

/** How coverage moved between two moments (`from` defaults to now: a forecast), and why. */
export async function coverageChange(
  scope: RequestScope,
  args: Parameters<typeof coverageQuestion>[1] & { from?: string | null; to: string },
): Promise<CoverageChangeView> {
  const q = await coverageQuestion(scope, { ...args, asOf: args.to });
  const from = args.from ?? dateTimeOf(scope.clock());
  if (Date.parse(from) > Date.parse(args.to)) throw new BadUserInputError('from must not be later than to', 'from');
  return coverageOverTime(scope, q.framework.id, q.systems, from, args.to, q.maxHops);
}

/** A framework's coverage for the question's scope: the summary, each section, each requirement. */
export async function coverage(
  scope: RequestScope,
  args: Parameters<typeof coverageQuestion>[1] & { requirements?: readonly string[] | null },
): Promise<CoverageView> {
  const refs = args.requirements ?? null;
  if (refs !== null && refs.length > MAX_REQUIREMENTS) {
    throw new BadUserInputError(`requirements names at most ${MAX_REQUIREMENTS} requirements`, 'requirements');
  }
  const { framework, systems, asOf, asOfDate, maxHops } = await coverageQuestion(scope, args);
  const { results, sectionOf, mappingRows } = await assessFramework(scope, framework.id, systems, asOfDate, maxHops);
  const views: RequirementCoverageView[] = results.map((r) => ({
    ...r,
    sectionId: sectionOf.get(r.requirementId)!,
    mappingRows,
  }));
  const sectionIds = [...new Set(views.map((v) => v.sectionId))];
  return {
    frameworkId: framework.id,
    asOf,
    systemIds: systems,
    summary: countStatuses(views.map((v) => v.status)),
    sections: sectionIds.map((sectionId) => ({
      sectionId,
      summary: countStatuses(views.filter((v) => v.sectionId === sectionId).map((v) => v.status)),
    })),
    requirements: refs === null ? views : only(views, framework.id, refs),
  };
}

/** The most requirements one coverage question may single out. */
const MAX_REQUIREMENTS = 500;

/** The views of the requirements `refs` names, in the framework's order; a ref that names no auditable requirement has none. */
function only(
  views: readonly RequirementCoverageView[],
  frameworkId: string,
  refs: readonly string[],
): RequirementCoverageView[] {
  const wanted = new Set(refs.map((ref, index) => requirementId(frameworkId, checkId(ref, `requirements[${index}]`))));
  return views.filter((v) => wanted.has(v.requirementId));
}
