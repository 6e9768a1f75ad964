/**
 * Coverage questions: the facts of the graph for one question (a framework, a scope, a
 * date), the pure rule over them (coverage/rule.ts), and what is built on its answer: the
 * Statement of Applicability, gaps, evidence reuse, and coverage over time through the
 * change log. A summary reads counts, not evidence (four statements in two rounds); the
 * requirements an answer explains have their implementations judged on demand, all of
 * them in one statement (explained()).
 */
import type { ChangeRow, MappingEndsRow, RequirementRow } from '../graph/rows.js';
import type { StoredMapping } from '../crosswalk/algebra.js';
import { countStatuses } from '../coverage/explain.js';
import { findGaps } from '../coverage/gaps.js';
import DataLoader from 'dataloader';
import {
  buildState,
  compareCoverage,
  COVERAGE_ENTITY_TYPES,
  coverageInputs,
  reach,
  rewind,
  touchedBy,
  type CoverageSnapshot,
  type LoggedChange,
  type MappingFact,
} from '../coverage/history.js';
import { evidenceUses } from '../coverage/reuse.js';
import {
  assessDirect,
  combineDirect,
  directFact,
  directFacts,
  directFromCounts,
  explainDirect,
  levelFrom,
  judgeImplementations,
  NO_DIRECT,
  type ApplicabilityFact,
  type ControlFact,
  type DirectFact,
  type DirectExplanation,
  type ExplainedCoverage,
  type RequirementCoverage,
} from '../coverage/rule.js';
import { decisionFor, SOA_COLUMNS, soaCells, soaMarkdown, soaRow, type SoaRow } from '../coverage/soa.js';
import { requirementId } from '../domain/ids.js';
import { entityTypeOfId } from '../domain/entity-spec.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { firstChangeAt, listChangesSince } from '../graph/statements/changes.js';
import {
  listAllMappings,
  listApplicabilityOf,
  listApplicabilityStateOf,
  listControlsSupportedBy,
  listCoverageControls,
  listCoverageControlsFor,
  listCoverageControlsSupportedBy,
  listCoverageMappings,
  listCoverageMappingsTo,
  listCoverageRequirements,
  listCoverageStateOf,
  listDirectFacts,
  listDirectFactsOn,
  listDirectLevels,
  listRiskFactsOf,
} from '../graph/statements/coverage.js';
import { MAX_HOPS } from '../graph/statements/crosswalk.js';
import { writeCsv } from '../ingest/csv-cells.js';
import { lastChangeSeq } from './changes.js';
import { checkId, dateTimeOf } from './checks.js';
import type { RequestScope } from './scope.js';
import type {
  CoverageChangeView,
  CoverageView,
  GapView,
  RequirementCoverageView,
  SoaView,
  StatusChangeView,
} from './views.js';

/** The UTC calendar date of a moment: the date evidence periods are judged on. */
const utcDate = (moment: string): string => new Date(moment).toISOString().slice(0, 10);

/** The question an assessment answers, as its explanations need it. */
export interface AssessedQuestion {
  /** null: the whole organisation. */
  readonly systems: readonly string[] | null;
  /** The date judged, YYYY-MM-DD. */
  readonly asOfDate: string;
  /**
   * Explanations worked out so far that agree with the statuses, kept with the assessment
   * (and so in the coverage cache, which serves it only while the graph is unchanged): a
   * repeated question re-reads nothing. The one part of an assessment that grows after it.
   */
  readonly explained: Map<string, Promise<DirectExplanation>>;
}

/** A framework's coverage as the rule gave it, with what showing it needs. Kept by the coverage cache: never changed after, but for the explanations it keeps (AssessedQuestion.explained). */
export interface Assessment {
  readonly results: readonly RequirementCoverage[];
  readonly sectionOf: ReadonlyMap<string, string>;
  readonly applicability: readonly ApplicabilityFact[];
  readonly question: AssessedQuestion;
}

/**
 * The statuses of a framework's requirements for a question, from the facts it needs
 * (cached while the graph is unchanged). `only`: just those requirements of the
 * framework, from the facts they need (the mappings reaching them, their neighbours').
 */
export async function assessFramework(
  scope: Pick<RequestScope, 'graph' | 'coverageCache'>,
  frameworkId: string,
  systems: readonly string[] | null,
  asOfDate: string,
  maxHops: number,
  only: ReadonlySet<string> | null = null,
): Promise<Assessment> {
  const compute = () => assessNow(scope, frameworkId, systems, asOfDate, maxHops, only);
  if (scope.coverageCache === undefined) return compute();
  const question = [
    frameworkId,
    systems === null ? null : [...systems].sort(),
    asOfDate,
    maxHops,
    only === null ? null : [...only].sort(),
  ];
  return scope.coverageCache.answer(scope, question, compute);
}

/**
 * Two rounds: the framework's requirements, the mappings on chains of at most `maxHops`
 * that reach them, and the applicability records; then the direct facts (counts) of those
 * requirements and the direct levels of every other requirement the mappings reach.
 */
async function assessNow(
  scope: Pick<RequestScope, 'graph'>,
  frameworkId: string,
  systems: readonly string[] | null,
  asOfDate: string,
  maxHops: number,
  only: ReadonlySet<string> | null,
): Promise<Assessment> {
  const [all, mappings, applicability] = await Promise.all([
    scope.graph.read(listCoverageRequirements(frameworkId)),
    scope.graph.read(
      only === null ? listCoverageMappings(frameworkId, maxHops) : listCoverageMappingsTo([...only], maxHops),
    ),
    scope.graph.read(listApplicabilityOf(frameworkId)),
  ]);
  const requirements = only === null ? all : all.filter((r) => only.has(r.id));
  // The targets' counts (their reasons name them); the other requirements the mappings
  // reach them from need only their level.
  const targets = new Set(requirements.map((r) => r.id));
  const sources = new Set<string>();
  for (const m of mappings) for (const id of [m.source, m.target]) if (!targets.has(id)) sources.add(id);
  const [direct, levels] = await Promise.all([
    scope.graph.read(listDirectFacts([...targets], systems, asOfDate)),
    sources.size === 0 ? [] : scope.graph.read(listDirectLevels([...sources], systems, asOfDate)),
  ]);
  const results = assessDirect(
    {
      requirements,
      direct: new Map(direct.map((row) => [row.requirementId, directFromCounts(row)])),
      levels: new Map(levels.map((row) => [row.requirementId, levelFrom(row.full, row.counts)])),
      mappings,
      applicability: applicability.map((r) => r.entry),
    },
    { systems, asOf: asOfDate, maxHops },
  );
  return {
    results,
    sectionOf: new Map(requirements.map((r) => [r.id, r.sectionId])),
    applicability: applicability.map((r) => r.entry),
    question: { systems, asOfDate, explained: new Map() },
  };
}

/**
 * Why one requirement has its direct level: its implementations, judged for the question
 * (batched with the others shown). Kept with the assessment when it agrees with it; an
 * explanation read after a write that changed the requirement's direct fact is given to
 * this request only.
 */
export function explanation(
  scope: Pick<RequestScope, 'loaders'>,
  question: AssessedQuestion,
  coverage: RequirementCoverage,
): Promise<DirectExplanation> {
  const id = coverage.requirementId;
  let kept = question.explained.get(id);
  if (kept === undefined) {
    kept = scope.loaders
      .implementations(question.systems, question.asOfDate)
      .load(id)
      .then((implementations) => {
        const fact = directFact(implementations);
        const agrees =
          fact.level === coverage.direct &&
          fact.contributing === coverage.counts.contributing &&
          fact.full === coverage.counts.full &&
          fact.rejected === coverage.counts.rejected;
        if (!agrees) question.explained.delete(id);
        return explainDirect(implementations);
      });
    question.explained.set(id, kept);
    kept.catch(() => question.explained.delete(id));
  }
  return kept;
}

/** The results given, explained: every one's implementations judged in one statement (per 1,000 requirements). */
export async function explained(
  scope: Pick<RequestScope, 'loaders'>,
  question: AssessedQuestion,
  results: readonly RequirementCoverage[],
): Promise<ExplainedCoverage[]> {
  const explanations = await Promise.all(results.map((r) => explanation(scope, question, r)));
  return results.map((r, i) => ({ ...r, ...explanations[i]! }));
}

const parseJson = (text: string | null): Record<string, unknown> | null =>
  text === null ? null : (JSON.parse(text) as Record<string, unknown>);

type Entry = LoggedChange & { row: ChangeRow };

/** Coverage at one moment, with what comparing it to another needs. */
interface MomentCoverage extends CoverageSnapshot {
  readonly moment: string;
}

/** What every moment of one request shares: the log since the earliest, and when the log begins. */
interface History {
  readonly entries: readonly Entry[];
  readonly logStart: string | null;
  /** The controls rebuilt from the log; every other control is read as it stands. */
  readonly rebuilt: ReadonlySet<string>;
}

/** One framework at one moment. */
interface Ask {
  readonly frameworkId: string;
  readonly moment: string;
}

/**
 * Coverage of frameworks at many moments for one scope in one pass: the change log is
 * read once, from the earliest moment; the controls and evidence it names are read as
 * they stand and rewound in memory for each moment; every other control stood then as it
 * stands now, so its contributions on each moment's date are counted in the graph (one
 * statement for every framework and date). The two parts add up (combineDirect).
 */
async function historyAt(
  scope: Pick<RequestScope, 'graph'>,
  systems: readonly string[] | null,
  maxHops: number,
  asks: readonly Ask[],
): Promise<{ history: History; coverage: MomentCoverage[] }> {
  // The log and the present are read in several statements: a write between them would be
  // counted as standing at every moment. The log's head is read before and after; when it
  // moved, everything is read again (a few times at most, then the last reading stands).
  for (let attempt = 1; ; attempt++) {
    const before = await lastChangeSeq(scope);
    const answer = await historyOnce(scope, systems, maxHops, asks);
    if ((await lastChangeSeq(scope)) === before || attempt === HISTORY_ATTEMPTS) return answer;
  }
}

/** How many times coverage over time reads again when the graph was written meanwhile. */
const HISTORY_ATTEMPTS = 3;

async function historyOnce(
  scope: Pick<RequestScope, 'graph'>,
  systems: readonly string[] | null,
  maxHops: number,
  asks: readonly Ask[],
): Promise<{ history: History; coverage: MomentCoverage[] }> {
  const frameworkIds = [...new Set(asks.map((a) => a.frameworkId))];
  const moments = [...new Set(asks.map((a) => a.moment))];
  const earliest = moments.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  const [requirementLists, log, first, mappings, applicability] = await Promise.all([
    Promise.all(frameworkIds.map((id) => scope.graph.read(listCoverageRequirements(id)))),
    scope.graph.read(listChangesSince(earliest, [...COVERAGE_ENTITY_TYPES, 'Framework'])),
    scope.graph.read(firstChangeAt()),
    scope.graph.read(listAllMappings()),
    scope.graph.read(listApplicabilityStateOf(frameworkIds)),
  ]);
  const requirementsOf = new Map(frameworkIds.map((id, i) => [id, requirementLists[i]!]));
  const entries: Entry[] = log.map(({ change }) => ({
    ...change,
    before: parseJson(change.before),
    after: parseJson(change.after),
    row: change,
  }));
  const touched = touchedBy(entries);
  const supported = await scope.graph.read(listControlsSupportedBy([...touched.evidence]));
  const rebuilt = new Set([...touched.controls, ...supported.map((r) => r.id)]);
  const present = await scope.graph.read(listCoverageStateOf([...rebuilt], [...touched.evidence]));
  const now = buildState(
    [...present, ...applicability].map((r) => r.record),
    [...present, ...applicability].flatMap((r) => r.links),
    mappings.map(({ mapping }) => mapping as unknown as MappingFact),
  );

  const stateAt = new Map(
    moments.map((moment) => [
      moment,
      rewind(
        now,
        entries.filter((e) => Date.parse(e.at) > Date.parse(moment)),
      ),
    ]),
  );
  const inputsOf = (ask: Ask) => coverageInputs(stateAt.get(ask.moment)!, ask.frameworkId);
  const involved = new Set<string>();
  for (const frameworkId of frameworkIds) {
    const everMapped = moments.flatMap((moment) => inputsOf({ frameworkId, moment }).mappings);
    const targets = requirementsOf.get(frameworkId)!.map((r) => r.id);
    for (const id of reach(targets, everMapped, maxHops)) involved.add(id);
  }
  const days = [...new Set(moments.map(utcDate))];
  const counted = await scope.graph.read(listDirectFactsOn([...involved], systems, days, [...rebuilt]));
  const byDay = new Map(days.map((day) => [day, new Map<string, DirectFact>()]));
  for (const row of counted) byDay.get(row.day)!.set(row.requirementId, directFromCounts(row));

  const coverage = asks.map((ask): MomentCoverage => {
    const date = utcDate(ask.moment);
    const state = stateAt.get(ask.moment)!;
    const inputs = inputsOf(ask);
    const question = { systems, asOf: date, maxHops };
    const direct = new Map(byDay.get(date)!);
    for (const [id, fact] of directFacts(judgeImplementations(inputs.controls, question)))
      direct.set(id, combineDirect(direct.get(id) ?? NO_DIRECT, fact));
    const results = assessDirect(
      {
        requirements: requirementsOf.get(ask.frameworkId)!,
        direct,
        mappings: inputs.mappings,
        applicability: inputs.applicability,
      },
      question,
    );
    return { moment: ask.moment, date, state, inputs, results };
  });
  return { history: { entries, logStart: first.find((r) => r.at !== null)?.at ?? null, rebuilt }, coverage };
}

/**
 * The moments of one request for one scope and hop count: every coverageChange of the
 * request asks at once (the history report asks twelve), answered by one historyAt.
 */
function momentsOf(
  scope: Pick<RequestScope, 'graph' | 'memo'>,
  systems: readonly string[] | null,
  maxHops: number,
): Promise<DataLoader<Ask, { history: History; at: MomentCoverage }, string>> {
  const make = async () =>
    new DataLoader<Ask, { history: History; at: MomentCoverage }, string>(
      async (asks) => {
        const { history, coverage } = await historyAt(scope, systems, maxHops, asks);
        return coverage.map((at) => ({ history, at }));
      },
      { maxBatchSize: 100, cacheKeyFn: (ask) => `${ask.frameworkId}|${ask.moment}` },
    );
  const key = JSON.stringify(['coverageMoments', systems === null ? null : [...systems].sort(), maxHops]);
  return scope.memo === undefined ? make() : scope.memo(key, make);
}

/** Why statuses moved between two moments: each changed requirement's reasons, with the log entries behind them. */
async function statusChanges(
  scope: RequestScope,
  history: History,
  a: MomentCoverage,
  b: MomentCoverage,
): Promise<StatusChangeView[]> {
  const before = new Map(a.results.map((r) => [r.requirementId, r.status]));
  const moved = b.results.filter((r) => before.get(r.requirementId) !== r.status).map((r) => r.requirementId);
  // The controls not rebuilt from the log are the same at both moments; their evidence's
  // periods are judged on each date, so they can explain a change too.
  const standing = (await scope.graph.read(listCoverageControlsFor(moved)))
    .map((r) => r.control)
    .filter((c) => !history.rebuilt.has(c.id));
  const withStanding = (s: MomentCoverage): CoverageSnapshot => ({
    ...s,
    inputs: { ...s.inputs, controls: [...s.inputs.controls, ...standing] },
  });
  const changes = compareCoverage(withStanding(a), withStanding(b));

  const { from, to } = { from: a.moment, to: b.moment };
  const between = history.entries.filter(
    (e) => Date.parse(e.at) > Date.parse(from) && Date.parse(e.at) <= Date.parse(to),
  );
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
  for (const e of history.entries) {
    const fields = e.before ?? e.after;
    if (!names.has(e.entityId) && fields && (fields.name ?? fields.title))
      names.set(e.entityId, String(fields.name ?? fields.title));
  }
  return changes.map((c) => ({
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
  }));
}

/**
 * Coverage at two moments and how it moved. Every call of one request shares one pass
 * over the log (momentsOf); the reasons are worked out only when asked for (`changes`).
 */
export async function coverageOverTime(
  scope: RequestScope,
  frameworkId: string,
  systems: readonly string[] | null,
  from: string,
  to: string,
  maxHops: number,
): Promise<CoverageChangeView> {
  const loader = await momentsOf(scope, systems, maxHops);
  const [{ history, at: a }, { at: b }] = await Promise.all([
    loader.load({ frameworkId, moment: from }),
    loader.load({ frameworkId, moment: to }),
  ]);
  const notes: string[] = [];
  const start = history.logStart;
  if (start === null || Date.parse(start) > Date.parse(from)) {
    notes.push(
      start === null
        ? 'The change log is empty: both moments are judged on the present graph.'
        : `The change log begins at ${start}: the graph before then is taken as it stood when the log began.`,
    );
  }
  const between = history.entries.filter(
    (e) => Date.parse(e.at) > Date.parse(from) && Date.parse(e.at) <= Date.parse(to),
  );
  if (between.some((e) => e.operation === 'CATALOGUE_LOAD'))
    notes.push('A catalogue was reloaded between the two moments: both are judged against the present requirements.');
  let changes: Promise<StatusChangeView[]> | undefined;
  return {
    frameworkId,
    from,
    to,
    before: countStatuses(a.results.map((r) => r.status)),
    after: countStatuses(b.results.map((r) => r.status)),
    changes: () => (changes ??= statusChanges(scope, history, a, b)),
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
const storedMapping = (row: MappingEndsRow): StoredMapping => ({
  id: row.id,
  source: row.sourceId,
  target: row.targetId,
  relationship: row.relationship,
});

/** The facts evidence reuse needs: implementing controls with their evidence, and the crosswalk. */
async function reuseFacts(scope: RequestScope, evidenceId: string | null) {
  const [controls, mappings] = await Promise.all([
    scope.graph.read(evidenceId === null ? listCoverageControls() : listCoverageControlsSupportedBy(evidenceId)),
    scope.graph.read(listAllMappings()),
  ]);
  // Each evidence item's controls, so that each item's uses are worked out from its own.
  const supportedBy = new Map<string, ControlFact[]>();
  for (const { control } of controls) {
    for (const e of control.evidence) {
      const list = supportedBy.get(e.id);
      if (list === undefined) supportedBy.set(e.id, [control]);
      else list.push(control);
    }
  }
  return { supportedBy, mappings: mappings.map(({ mapping }) => storedMapping(mapping)) };
}

/** The Statement of Applicability of a framework for the question's scope, with its CSV and Markdown. */
export async function statementOfApplicability(
  scope: RequestScope,
  args: Parameters<typeof coverageQuestion>[1],
): Promise<SoaView> {
  const q = await coverageQuestion(scope, args);
  const { results, applicability, question } = await assessFramework(scope, q.framework.id, q.systems, q.asOfDate, 2);
  const requirements = await scope.loaders.requirementById.loadMany(results.map((r) => r.requirementId));
  const listed: { coverage: RequirementCoverage; requirement: RequirementRow }[] = [];
  results.forEach((coverage, i) => {
    const requirement = requirements[i];
    if (requirement === null || requirement === undefined || requirement instanceof Error) return;
    // ISO/IEC 42001's statement lists the Annex A controls; other frameworks list every auditable requirement.
    if (q.framework.id === 'iso42001' && !(requirement.kind === 'CONTROL' && requirement.ref.startsWith('A.'))) return;
    listed.push({ coverage, requirement });
  });
  const explanations = await explained(
    scope,
    question,
    listed.map((l) => l.coverage),
  );
  const rows: SoaRow[] = explanations.map((coverage, i) =>
    soaRow(coverage, listed[i]!.requirement, decisionFor(coverage, applicability, q.systems)),
  );
  // The files name every control and evidence item: read their names only when a file is asked for.
  let cells: Promise<string[][]> | undefined;
  const named = (): Promise<string[][]> =>
    (cells ??= (async () => {
      const ids = [...new Set(rows.flatMap((r) => [...r.controlIds, ...r.evidenceIds]))];
      const entities = await scope.loaders.entityById.loadMany(ids);
      const names = new Map<string, string>();
      entities.forEach((e, i) => {
        if (e !== null && !(e instanceof Error)) names.set(ids[i]!, String(e.name ?? e.title ?? e.id));
      });
      return rows.map((row) => soaCells(row, names));
    })());
  return {
    frameworkId: q.framework.id,
    asOf: q.asOf,
    rows,
    csv: async () => writeCsv([[...SOA_COLUMNS], ...(await named())]),
    markdown: async () => soaMarkdown(await named()),
  };
}

/** The evidence item's uses in every framework, directly and through the crosswalk. */
export async function evidenceReuse(scope: RequestScope, evidenceId: string, asOf?: string | null) {
  const args = { evidence: evidenceId, asOf };
  const id = checkId(args.evidence, 'evidence');
  if (entityTypeOfId(id) !== 'Evidence' || (await scope.loaders.entityById.load(id)) === null)
    throw new NotFoundError('Evidence', id);
  const facts = await reuseFacts(scope, id);
  const day = utcDate(args.asOf ?? dateTimeOf(scope.clock()));
  const result = evidenceUses(id, facts.supportedBy.get(id) ?? [], facts.mappings, day, 2);
  return {
    evidenceId: id,
    valid: result.valid,
    uses: result.uses,
  };
}

/** Every evidence item that counts somewhere in a framework, with its uses there. */
export async function reusableEvidence(scope: RequestScope, frameworkId: string, asOf?: string | null) {
  const args = { framework: frameworkId, asOf };
  const framework = await scope.loaders.frameworkById.load(checkId(args.framework, 'framework'));
  if (framework === null) throw new NotFoundError('Framework', args.framework);
  const facts = await reuseFacts(scope, null);
  const day = utcDate(args.asOf ?? dateTimeOf(scope.clock()));
  const evidenceIds = [...facts.supportedBy.keys()].sort();
  return evidenceIds
    .map((evidenceId) => ({
      evidenceId,
      uses: evidenceUses(evidenceId, facts.supportedBy.get(evidenceId)!, facts.mappings, day, 2).uses.filter((u) =>
        u.requirementId.startsWith(`${framework.id}:`),
      ),
    }))
    .filter((r) => r.uses.length > 0);
}

/** The framework's gaps for the question's scope, riskiest first, with what would close each. */
export async function gaps(scope: RequestScope, args: Parameters<typeof coverageQuestion>[1]): Promise<GapView[]> {
  const q = await coverageQuestion(scope, args);
  const { results, sectionOf, question } = await assessFramework(
    scope,
    q.framework.id,
    q.systems,
    q.asOfDate,
    q.maxHops,
  );
  const open = await explained(
    scope,
    question,
    results.filter((r) => r.status === 'GAP' || r.status === 'PARTIAL'),
  );
  const implementations = await scope.loaders
    .implementations(question.systems, question.asOfDate)
    .loadMany(open.map((r) => r.requirementId));
  const implementers = new Map<string, string[]>();
  implementations.forEach((facts, i) => {
    if (facts instanceof Error) throw facts;
    implementers.set(open[i]!.requirementId, [...new Set(facts.map((f) => f.controlId))]);
  });
  const risks = await scope.graph.read(listRiskFactsOf([...new Set([...implementers.values()].flat())]));
  return findGaps(open, { implementers, risks: risks.map((r) => r.risk) }, q.systems).map((gap) => ({
    ...gap,
    coverage: { ...gap.coverage, sectionId: sectionOf.get(gap.coverage.requirementId)!, question },
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
  const wanted =
    refs === null
      ? null
      : new Set(refs.map((ref, index) => requirementId(framework.id, checkId(ref, `requirements[${index}]`))));
  const views = async (only: ReadonlySet<string> | null): Promise<RequirementCoverageView[]> => {
    const { results, sectionOf, question } = await assessFramework(
      scope,
      framework.id,
      systems,
      asOfDate,
      maxHops,
      only,
    );
    return results.map((r) => ({ ...r, sectionId: sectionOf.get(r.requirementId)!, question }));
  };
  // The summary and the sections need every requirement's status; some requirements alone need only theirs.
  let whole: Promise<RequirementCoverageView[]> | undefined;
  const everything = () => (whole ??= views(null));
  return {
    frameworkId: framework.id,
    asOf,
    systemIds: systems,
    summary: async () => countStatuses((await everything()).map((v) => v.status)),
    sections: async () => {
      const all = await everything();
      return [...new Set(all.map((v) => v.sectionId))].map((sectionId) => ({
        sectionId,
        summary: countStatuses(all.filter((v) => v.sectionId === sectionId).map((v) => v.status)),
      }));
    },
    requirements: async () => {
      // GraphQL asks for every field of the answer before awaiting any: after this turn, a
      // summary or sections asked beside the requirements has started the whole assessment,
      // and the requirements are taken from it rather than read a second time.
      await Promise.resolve();
      if (wanted !== null && whole === undefined) return views(wanted);
      const all = await everything();
      return wanted === null ? all : all.filter((v) => wanted.has(v.requirementId));
    },
  };
}

/** The most requirements one coverage question may single out. */
const MAX_REQUIREMENTS = 500;
