/**
 * The questions analysts wait on (issue 17): ISO/IEC 42001 coverage in brief for the
 * whole organisation and for one AI system, one requirement with its explanation, the
 * whole framework explained for one system, and the report pages. Each is the request an
 * analyst's client sends (GraphQL, or a report page under /reports/api/), with, where the
 * answer is small enough to state, a hand-written version on the driver alone: the
 * fewest statements that compute the same answer (bench/analyst-cypher.ts), with only
 * the assembly of one requirement's explanation left to TypeScript. A report page is a
 * whole document built from several questions; it is timed alone, and the counts it
 * states are checked against the hand-written summary where it states them.
 */
import { reasonFor, type CoverageCounts } from '../src/coverage/explain.js';
import type { CoverageStatus, Level, ExplainedCoverage } from '../src/coverage/rule.js';
import { explained, summaries, type ExplainedRow } from './analyst-cypher.js';
import { AS_OF, type Run } from './operations.js';

export const FRAMEWORK = 'iso42001';
/** The date the coverage questions are asked for, as the report pages take it. */
export const DAY = AS_OF.slice(0, 10);

/** What the questions are about, chosen in the store by a fixed rule. */
export interface AnalystSubjects {
  /** The AI system with the most risks (as the read benchmarks' trace). */
  readonly system: string;
  /** The reference of the framework's auditable requirement with the most implementing controls. */
  readonly requirement: string;
}

/** Picks the requirement; the system is the read benchmarks' own. */
export async function pickRequirement(run: Run): Promise<string> {
  const [row] = await run<{ ref: string }>(
    `MATCH (r:Requirement {frameworkId: $framework}) WHERE r.current AND r.auditable
     RETURN r.ref AS ref ORDER BY COUNT { (r)<-[:IMPLEMENTS]-(:Control) } DESC, r.ref LIMIT 1`,
    { framework: FRAMEWORK },
  );
  if (!row) throw new Error(`the store has no auditable ${FRAMEWORK} requirement`);
  return row.ref;
}

export interface AnalystRequest {
  readonly method: 'GET' | 'POST';
  /** The path on the service, with its query string. */
  readonly path: string;
  readonly body: string | null;
}

export interface AnalystOperation {
  readonly name: string;
  readonly question: string;
  request(subjects: AnalystSubjects): AnalystRequest;
  /** The same answer through the driver alone; null where the answer is a whole page. */
  readonly handWritten: ((run: Run, subjects: AnalystSubjects) => Promise<unknown>) | null;
  /** What the API's answer (GraphQL data, or a page's text) and the hand-written one must agree on. */
  fingerprint(answer: unknown): unknown;
  /** The summary counts the page states, to check against the hand-written summary; null where it states none. */
  readonly statedSummary: ((page: string) => CoverageCounts) | null;
  /** The p50 an analyst should wait at most, in ms. */
  readonly targetMs: number;
  /** The API's p50 within this factor of the hand-written one, where that is a target. */
  readonly overheadTarget: number | null;
}

const SUMMARY_FIELDS = 'summary { total notApplicable covered coveredViaCrosswalk partial gap }';

const SUMMARY_DOCUMENT = `query CoverageSummary($framework: ID!, $scope: CoverageScope, $asOf: DateTime) {
  coverage(framework: $framework, scope: $scope, asOf: $asOf) { ${SUMMARY_FIELDS} }
}`;

const EXPLANATION_FIELDS = `requirements {
      requirement { ref }
      status
      reason
      contributions { control { id } level validEvidence { id } invalidEvidence { evidence { id } reason } }
      rejectedControls { control { id } reason }
      crosswalk { from { id } relationship level }
    }`;

const REQUIREMENT_DOCUMENT = `query RequirementExplained($framework: ID!, $asOf: DateTime, $requirements: [String!]) {
  coverage(framework: $framework, asOf: $asOf, requirements: $requirements) {
    ${EXPLANATION_FIELDS}
  }
}`;

const FRAMEWORK_DOCUMENT = `query FrameworkExplained($framework: ID!, $scope: CoverageScope, $asOf: DateTime) {
  coverage(framework: $framework, scope: $scope, asOf: $asOf) {
    ${SUMMARY_FIELDS}
    ${EXPLANATION_FIELDS}
  }
}`;

const graphql = (query: string, variables: Record<string, unknown>): AnalystRequest => ({
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify({ query, variables }),
});

const page = (name: string, params: Record<string, string>): AnalystRequest => ({
  method: 'GET',
  path: `/reports/api/${name}?${new URLSearchParams(params).toString()}`,
  body: null,
});

interface Explained {
  requirement: { ref: string };
  status: CoverageStatus;
  reason: string;
  contributions: {
    control: { id: string };
    level: Level;
    validEvidence: { id: string }[];
    invalidEvidence: { evidence: { id: string }; reason: string }[];
  }[];
  rejectedControls: { control: { id: string }; reason: string }[];
  crosswalk: { from: { id: string }; relationship: string; level: Level }[];
}

interface CoverageAnswer {
  coverage: { summary?: CoverageCounts; requirements?: Explained[] };
}

const RANK: Record<Level, number> = { NONE: 0, PART: 1, FULL: 2 };

/** One requirement's explanation, shaped as the API answers it, from the facts the statement returned. */
function explanation(row: ExplainedRow): Explained {
  const contributions = row.controls
    .filter((c) => c.rejection === null)
    .map((c) => {
      const valid = c.evidence.filter((e) => e.verdict === null).map((e) => e.id);
      return {
        controlId: c.control,
        coverage: c.coverage,
        level: (c.coverage === 'FULL' && valid.length > 0 ? 'FULL' : 'PART') as Level,
        validEvidence: valid,
        invalidEvidence: c.evidence.flatMap((e) =>
          e.verdict === null ? [] : [{ evidenceId: e.id, reason: e.verdict }],
        ),
      };
    });
  const rejectedControls = [
    ...row.controls.flatMap((c) => (c.rejection === null ? [] : [{ controlId: c.control, reason: c.rejection }])),
    ...contributions
      .filter((c) => c.coverage === 'FULL' && c.level === 'PART')
      .map((c) => ({ controlId: c.controlId, reason: 'NO_VALID_EVIDENCE' as const })),
  ];
  const crosswalk = row.chains.flatMap((c) =>
    c.relationship === null
      ? []
      : [
          {
            from: c.from,
            fromLevel: c.fromLevel,
            relationship: c.relationship,
            level: (c.fromLevel === 'FULL' && (c.relationship === 'EQUAL' || c.relationship === 'SUPERSET_OF')
              ? 'FULL'
              : 'PART') as Exclude<Level, 'NONE'>,
            chain: [],
          },
        ],
  );
  const direct = contributions.reduce<Level>((a, c) => (RANK[c.level] > RANK[a] ? c.level : a), 'NONE');
  const status: CoverageStatus =
    row.exclusion !== null
      ? 'NOT_APPLICABLE'
      : direct === 'FULL'
        ? 'COVERED'
        : crosswalk.some((c) => c.level === 'FULL')
          ? 'COVERED_VIA_CROSSWALK'
          : direct === 'PART' || crosswalk.length > 0
            ? 'PARTIAL'
            : 'GAP';
  // The auditor's sentence is the service's own (src/coverage/explain.ts), from the facts it
  // reads; an exclusion's systems and a chain's mappings are not among them.
  const coverage: ExplainedCoverage = {
    requirementId: row.id,
    status,
    direct,
    counts: {
      contributing: contributions.length,
      full: contributions.filter((c) => c.level === 'FULL').length,
      rejected: rejectedControls.length,
    },
    contributions,
    rejectedControls,
    crosswalk,
    rejectedCrosswalk: row.chains.flatMap((c) =>
      c.relationship === null
        ? [{ from: c.from, chain: [], reason: c.last === 'NO_RELATIONSHIP' ? 'NO_RELATIONSHIP' : 'UNDETERMINED' }]
        : [],
    ),
    exclusion:
      row.exclusion === null
        ? null
        : { ...row.exclusion, requirementId: row.id, applicable: false, systems: [] as string[] },
  };
  return {
    requirement: { ref: row.ref },
    status,
    reason: reasonFor(coverage),
    contributions: contributions.map((c) => ({
      control: { id: c.controlId },
      level: c.level,
      validEvidence: c.validEvidence.map((id) => ({ id })),
      invalidEvidence: c.invalidEvidence.map((e) => ({ evidence: { id: e.evidenceId }, reason: e.reason })),
    })),
    rejectedControls: rejectedControls.map((c) => ({ control: { id: c.controlId }, reason: c.reason })),
    crosswalk: crosswalk.map((c) => ({ from: { id: c.from }, relationship: c.relationship, level: c.level })),
  };
}

const countOf = (requirements: readonly Explained[]): CoverageCounts => {
  const n = (status: CoverageStatus) => requirements.filter((r) => r.status === status).length;
  return {
    total: requirements.length,
    notApplicable: n('NOT_APPLICABLE'),
    covered: n('COVERED'),
    coveredViaCrosswalk: n('COVERED_VIA_CROSSWALK'),
    partial: n('PARTIAL'),
    gap: n('GAP'),
  };
};

/** Every requirement's explanation with its lists in one order: the two sides list them in their own. */
function explainedFingerprint(answer: unknown): unknown {
  const { summary, requirements = [] } = (answer as CoverageAnswer).coverage;
  return {
    summary,
    requirements: requirements.map((r) => ({
      ref: r.requirement.ref,
      status: r.status,
      // A reason may list relationships, in the order its side found them.
      reason: r.reason.replace(/\(([^)]*)\)/g, (_, list: string) => `(${list.split(', ').sort().join(', ')})`),
      contributions: r.contributions
        .map(
          (c) =>
            `${c.control.id} ${c.level} valid ${c.validEvidence
              .map((e) => e.id)
              .sort()
              .join(',')} invalid ${c.invalidEvidence
              .map((e) => `${e.evidence.id}:${e.reason}`)
              .sort()
              .join(',')}`,
        )
        .sort(),
      rejectedControls: r.rejectedControls.map((c) => `${c.control.id}:${c.reason}`).sort(),
      crosswalk: r.crosswalk.map((c) => `${c.from.id}:${c.relationship}:${c.level}`).sort(),
    })),
  };
}

/** The summary counts a coverage page states (its data-count items). */
function pageSummary(text: string): CoverageCounts {
  const count = (key: keyof CoverageCounts): number => {
    const match = new RegExp(`data-count="${key}">(\\d+)<`).exec(text);
    if (!match) throw new Error(`the coverage page states no ${key} count`);
    return Number(match[1]);
  };
  return {
    total: count('total'),
    notApplicable: count('notApplicable'),
    covered: count('covered'),
    coveredViaCrosswalk: count('coveredViaCrosswalk'),
    partial: count('partial'),
    gap: count('gap'),
  };
}

const summaryOperation = (name: string, question: string, scoped: boolean): AnalystOperation => ({
  name,
  question,
  request: (s) =>
    graphql(SUMMARY_DOCUMENT, {
      framework: FRAMEWORK,
      scope: scoped ? { systems: [s.system] } : null,
      asOf: AS_OF,
    }),
  async handWritten(run, s) {
    const counts = await summaries(run, FRAMEWORK, scoped ? [s.system] : null, [DAY]);
    return { coverage: { summary: counts.get(DAY) } };
  },
  fingerprint: (answer) => (answer as CoverageAnswer).coverage.summary,
  statedSummary: null,
  targetMs: 500,
  overheadTarget: 1.5,
});

const pageOperation = (
  name: string,
  question: string,
  params: (s: AnalystSubjects) => Record<string, string>,
  targetMs: number,
  statedSummary: ((page: string) => CoverageCounts) | null = null,
): AnalystOperation => ({
  name,
  question,
  request: (s) => page(name.replace(/ page$/, ''), params(s)),
  handWritten: null,
  fingerprint: () => null,
  statedSummary,
  targetMs,
  overheadTarget: null,
});

export const ANALYST_OPERATIONS: readonly AnalystOperation[] = [
  summaryOperation('summary', `${FRAMEWORK} coverage in brief, whole organisation (five counts)`, false),
  summaryOperation('system summary', `${FRAMEWORK} coverage in brief for the AI system with the most risks`, true),
  {
    name: 'requirement',
    question: `one ${FRAMEWORK} requirement (the one with the most implementing controls) with its explanation`,
    request: (s) => graphql(REQUIREMENT_DOCUMENT, { framework: FRAMEWORK, asOf: AS_OF, requirements: [s.requirement] }),
    async handWritten(run, s) {
      const rows = await explained(run, FRAMEWORK, [s.requirement], null, DAY);
      return { coverage: { requirements: rows.map(explanation) } };
    },
    fingerprint: explainedFingerprint,
    statedSummary: null,
    targetMs: 300,
    overheadTarget: null,
  },
  {
    name: 'system coverage',
    question: `every ${FRAMEWORK} requirement explained, for the AI system with the most risks`,
    request: (s) => graphql(FRAMEWORK_DOCUMENT, { framework: FRAMEWORK, scope: { systems: [s.system] }, asOf: AS_OF }),
    async handWritten(run, s) {
      const requirements = (await explained(run, FRAMEWORK, null, [s.system], DAY)).map(explanation);
      return { coverage: { summary: countOf(requirements), requirements } };
    },
    fingerprint: explainedFingerprint,
    statedSummary: null,
    targetMs: 2000,
    overheadTarget: null,
  },
  pageOperation(
    'coverage page',
    `the ${FRAMEWORK} coverage report, whole organisation (/reports/api/coverage)`,
    () => ({ framework: FRAMEWORK, asOf: DAY }),
    2000,
    pageSummary,
  ),
  pageOperation(
    'soa page',
    `the ${FRAMEWORK} Statement of Applicability report (/reports/api/soa)`,
    () => ({ framework: FRAMEWORK, asOf: DAY }),
    2000,
  ),
  pageOperation(
    'trace page',
    `the trace report of the AI system with the most risks to ${FRAMEWORK} (/reports/api/trace)`,
    (s) => ({ system: s.system, framework: FRAMEWORK, asOf: DAY }),
    2000,
  ),
  pageOperation(
    'history page',
    `${FRAMEWORK} coverage over the twelve months to ${DAY} (/reports/api/history)`,
    () => ({ framework: FRAMEWORK, asOf: DAY }),
    5000,
  ),
];

/** The questions asked again of an instance with the coverage cache on, with no write in between. */
export const CACHED_OPERATIONS: readonly string[] = ['summary', 'system summary', 'requirement'];
/** The questions sent by eight clients at once, each transaction bound by the service's own time limit. */
export const CONCURRENT_OPERATIONS: readonly string[] = ['summary', 'coverage page'];
export const CONCURRENT_CLIENTS = 8;
/** The cached repeat's target, p50 ms. */
export const CACHED_TARGET_MS = 50;
