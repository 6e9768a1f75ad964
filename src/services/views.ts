/**
 * The shapes services return and resolvers hand to GraphQL: stored rows, plus the
 * direction they are read in. Codegen maps the GraphQL types to these.
 */
import type {
  ChangeRow,
  EntityRow,
  FrameworkRow,
  FrameworkVersionRow,
  MappingEndsRow,
  MappingRow,
} from '../graph/rows.js';
import type { RemedyFact } from '../coverage/gaps.js';
import type { EvidenceUse } from '../coverage/reuse.js';
import type { SoaRow } from '../coverage/soa.js';
import type {
  CoverageStatus,
  CrosswalkContribution,
  DirectExplanation,
  RejectedCrosswalk,
  RequirementCoverage,
} from '../coverage/rule.js';
import type { AssessedQuestion } from './coverage.js';
import type { ApplicableArticle } from '../domain/ai-act-applicability.js';
import type { ChangeReason, StatusChange } from '../coverage/history.js';
import type { CoverageCounts } from '../coverage/explain.js';
import type { VersionChange } from '../domain/version-diff.js';
import type { Relationship } from '../domain/vocabulary.js';

/** A stored mapping read from `sourceId` to `targetId`. */
export interface MappingView {
  /** The stored mapping: its ends at least, everything when it was read whole. */
  readonly row: MappingEndsRow | MappingRow;
  readonly sourceId: string;
  readonly targetId: string;
  readonly relationship: Relationship;
  readonly inverted: boolean;
}

export interface MappingClaimView {
  readonly sourceId: string;
  readonly targetId: string;
  readonly relationship: Relationship;
  readonly inferred: boolean;
  readonly chain: readonly MappingView[];
}

export interface VersionDiffView {
  readonly framework: FrameworkRow;
  readonly from: FrameworkVersionRow;
  readonly to: FrameworkVersionRow;
  readonly changes: readonly VersionChange[];
}

/** A link read from the graph: its two ends and its property (a dataset purpose or a coverage). */
export interface LinkView {
  readonly fromId: string;
  readonly toId: string;
  readonly property: string | null;
}

export interface LinkPayloadView {
  readonly kind: string;
  readonly fromId: string;
  readonly toId: string;
  readonly changed: boolean;
}

export interface TracePathView {
  readonly route: 'RISK' | 'CONTROL' | 'OBLIGATION';
  readonly stepIds: readonly string[];
  readonly coverage: string | null;
}

export interface TracedRequirementView {
  readonly requirementId: string;
  readonly paths: readonly TracePathView[];
  readonly evidenceIds: readonly string[];
}

export interface TraceView {
  readonly fromId: string;
  readonly requirements: readonly TracedRequirementView[];
}

export interface ImpactedRequirementView {
  readonly requirementId: string;
  readonly direct: boolean;
  readonly via: readonly MappingView[];
}

export interface ImpactView {
  readonly ofId: string;
  readonly systemIds: readonly string[];
  readonly modelIds: readonly string[];
  readonly riskIds: readonly string[];
  readonly controlIds: readonly string[];
  readonly obligationIds: readonly string[];
  readonly evidenceIds: readonly string[];
  readonly requirements: readonly ImpactedRequirementView[];
}

export type { CoverageCounts };

export interface RequirementCoverageView extends RequirementCoverage, Partial<DirectExplanation> {
  readonly sectionId: string;
  /** The question answered: its explanation, when asked for and not already here, is judged for it. */
  readonly question: AssessedQuestion;
}

export interface SectionCoverageView {
  readonly sectionId: string;
  readonly summary: CoverageCounts;
}

export interface CoverageView {
  readonly frameworkId: string;
  readonly asOf: string;
  readonly systemIds: readonly string[] | null;
  /** The summary and the sections need every requirement's status: worked out when asked for. */
  readonly summary: () => Promise<CoverageCounts>;
  readonly sections: () => Promise<SectionCoverageView[]>;
  /** Worked out when asked for: from the whole assessment when the summary or sections are asked too. */
  readonly requirements: () => Promise<RequirementCoverageView[]>;
}

export type CrosswalkContributionView = CrosswalkContribution;

export type RejectedCrosswalkView = RejectedCrosswalk;

export interface EvidenceRejectionView {
  readonly evidenceId: string;
  readonly reason: 'NOT_YET_EFFECTIVE' | 'EXPIRED' | 'OUT_OF_SCOPE';
}

export type { CoverageStatus };

export interface GapView {
  readonly coverage: RequirementCoverageView;
  readonly riskIds: readonly string[];
  readonly riskScore: number;
  readonly remedies: readonly RemedyFact[];
}

export type EvidenceUseView = EvidenceUse;

export interface EvidenceReuseView {
  readonly evidenceId: string;
  readonly valid: boolean;
  readonly uses: readonly EvidenceUseView[];
}

export interface ReusableEvidenceView {
  readonly evidenceId: string;
  readonly uses: readonly EvidenceUseView[];
}

export interface SoaView {
  readonly frameworkId: string;
  readonly asOf: string;
  readonly rows: readonly SoaRow[];
  /** The files, made when first asked for. */
  readonly csv: () => Promise<string>;
  readonly markdown: () => Promise<string>;
}

/** applicableObligations: the evaluated rules for one system, on one day. */
export interface ApplicableObligationsView {
  readonly system: EntityRow;
  readonly frameworkVersion: string;
  readonly asOf: string;
  readonly articles: readonly ApplicableObligationView[];
  readonly notes: readonly string[];
}

export interface ApplicableObligationView {
  readonly frameworkId: string;
  readonly applicable: ApplicableArticle;
  readonly asOf: string;
  /** The obligation derived for the article, if any. */
  readonly obligation: EntityRow | null;
}

/** coverageChange: the two summaries and the status changes, with the log entries behind each reason. */
export interface CoverageChangeView {
  readonly frameworkId: string;
  readonly from: string;
  readonly to: string;
  readonly before: CoverageCounts;
  readonly after: CoverageCounts;
  /** Worked out when first asked for. */
  readonly changes: () => Promise<readonly StatusChangeView[]>;
  readonly notes: readonly string[];
}

export interface StatusChangeView extends Omit<StatusChange, 'reasons'> {
  readonly reasons: readonly ChangeReasonView[];
}

export interface ChangeReasonView extends ChangeReason {
  readonly subject: string | null;
  readonly changes: readonly ChangeRow[];
}
