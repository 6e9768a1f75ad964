/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How much a requirement is met directly, or through one crosswalk claim. */
export type ContributionLevel =
  /** All of it. */
  | 'FULL'
  /** Nothing. */
  | 'NONE'
  /** Part of it. */
  | 'PART';

/** Why a control did not count towards a requirement. */
export type ControlRejectionReason =
  /** The control is PLANNED, INEFFECTIVE or RETIRED. */
  | 'CONTROL_NOT_CONTRIBUTING'
  /** The control applies only to AI systems outside the scope. */
  | 'CONTROL_OUT_OF_SCOPE'
  /** The control implements all of the requirement but has no evidence valid on the date and in the scope, so it counts only in part. */
  | 'NO_VALID_EVIDENCE';

/** A control's state. Only IMPLEMENTED and OPERATING controls contribute to coverage. */
export type ControlStatus =
  /** In place. */
  | 'IMPLEMENTED'
  /** In place but found not to work. */
  | 'INEFFECTIVE'
  /** In place and shown to operate. */
  | 'OPERATING'
  /** Decided, not in place. */
  | 'PLANNED'
  /** No longer in use. */
  | 'RETIRED';

/** How much of a requirement a control implements. */
export type Coverage =
  /** All of it. */
  | 'FULL'
  /** Part of it. */
  | 'PARTIAL';

/** What a coverage question is about. */
export type CoverageScope = {
  /**
   * The AI systems in scope. Controls count when they are organisation-wide or apply to one
   * of them; evidence counts when it is unscoped or scoped to one of them.
   */
  systems?: Array<string> | null | undefined;
};

/** The status of one requirement under the coverage rule. */
export type CoverageStatus =
  /** An in-scope IMPLEMENTED or OPERATING control implements all of it and has valid evidence. */
  | 'COVERED'
  /** Not covered directly, but a fully covered requirement of another framework contains it (EQUAL or SUPERSET_OF, stored or composed). */
  | 'COVERED_VIA_CROSSWALK'
  /** Nothing contributes. */
  | 'GAP'
  /** Excluded for this scope by an applicability entry with a justification. */
  | 'NOT_APPLICABLE'
  /** Some contribution, direct or through the crosswalk, but not a full one. */
  | 'PARTIAL';

/** Why a crosswalk chain did not count. */
export type CrosswalkRejectionReason =
  /** The chain includes a mapping recorded as NO_RELATIONSHIP. */
  | 'NO_RELATIONSHIP'
  /** The composition of the chain's relationships says nothing about the two ends. */
  | 'UNDETERMINED';

/** The EU AI Act risk class of an AI system. */
export type EuAiActRiskClass =
  /** High-risk under Art. 6 (Annex I or Annex III). */
  | 'HIGH_RISK'
  /** None of the above. */
  | 'MINIMAL'
  /** A prohibited practice under Art. 5. */
  | 'PROHIBITED'
  /** Subject to the transparency obligations of Art. 50. */
  | 'TRANSPARENCY';

/** Why an evidence item did not count. */
export type EvidenceRejectionReason =
  /** Its period ended before the date assessed. */
  | 'EXPIRED'
  /** Its period starts after the date assessed. */
  | 'NOT_YET_EFFECTIVE'
  /** It is scoped to AI systems outside the scope. */
  | 'OUT_OF_SCOPE';

/** The kind of an evidence item. */
export type EvidenceType =
  /** A signed statement. */
  | 'ATTESTATION'
  /** An internal or external audit report. */
  | 'AUDIT_REPORT'
  /** A configuration export. */
  | 'CONFIGURATION'
  /** A policy, procedure, record or report. */
  | 'DOCUMENT'
  /** Log records. */
  | 'LOG'
  /** Anything else. */
  | 'OTHER'
  /** A screenshot. */
  | 'SCREENSHOT'
  /** The result of a test or an evaluation. */
  | 'TEST_RESULT';

/** Where an AI system is in its life cycle (ISO/IEC 22989 stages). */
export type LifecycleStage =
  /** Being put into service. */
  | 'DEPLOYMENT'
  /** Being designed and built. */
  | 'DESIGN_AND_DEVELOPMENT'
  /** The need and the idea are being worked out. */
  | 'INCEPTION'
  /** In use, and monitored. */
  | 'OPERATION_AND_MONITORING'
  /** Withdrawn from use. */
  | 'RETIREMENT'
  /** Being re-assessed after a change or an incident. */
  | 'RE_EVALUATION'
  /** Being verified and validated before release. */
  | 'VERIFICATION_AND_VALIDATION';

/** How a mapping or set was made (OSCAL 1.2 mapping method). */
export type MappingMethod =
  /** By a tool. */
  | 'AUTOMATION'
  /** By people reading both requirements. */
  | 'HUMAN'
  /** By a tool, reviewed by people. */
  | 'HYBRID';

/** Why two requirements were matched (OSCAL 1.2 mapping rationale). */
export type MappingRationale =
  /** Matched on the outcome they achieve. */
  | 'FUNCTIONAL'
  /** Matched on meaning. */
  | 'SEMANTIC'
  /** Matched on wording. */
  | 'SYNTACTIC';

/** The state of a mapping (OSCAL 1.2 mapping status). */
export type MappingStatus =
  /** Reviewed and settled. */
  | 'COMPLETE'
  /** No longer to be relied on. */
  | 'DEPRECATED'
  /** Not yet reviewed: a judgement that may change. */
  | 'DRAFT'
  /** Replaced by another mapping. */
  | 'SUPERSEDED';

/** Where an obligation stands. */
export type ObligationStatus =
  /** Being worked on. */
  | 'IN_PROGRESS'
  /** Met. */
  | 'MET'
  /** Not started. */
  | 'OPEN'
  /** Past its due date and not met. */
  | 'OVERDUE'
  /** Not applicable, with a reason recorded. */
  | 'WAIVED';

/** The NIST IR 8477 set-theory relationship between the scopes of two requirements, read from source to target. */
export type Relationship =
  /** Source and target ask for the same thing. */
  | 'EQUAL'
  /** They overlap and neither contains the other. An inferred INTERSECTS_WITH says only that they overlap at least. */
  | 'INTERSECTS_WITH'
  /** Checked and found unrelated, recorded so that a shared number or heading does not mislead. */
  | 'NO_RELATIONSHIP'
  /** All of the source is within the target; the target asks for more. */
  | 'SUBSET_OF'
  /** The source contains all of the target and more. */
  | 'SUPERSET_OF';

/** What kind of action would close a gap. */
export type RemedyKind =
  /** A control implements all of the requirement but has no valid evidence: collect it. */
  | 'ADD_VALID_EVIDENCE'
  /** A control implements part of the requirement: extend it (and its evidence) to all of it. */
  | 'EXTEND_CONTROL'
  /** A requirement of another framework that overlaps this one is fully met: extend its control to cover the rest. */
  | 'EXTEND_FROM_COVERED_PARTNER'
  /** Nothing implements the requirement: implement a control. */
  | 'IMPLEMENT_CONTROL'
  /** A control implements the requirement but is PLANNED, INEFFECTIVE or RETIRED: make it operate. */
  | 'OPERATE_CONTROL';

/** The place of a requirement in its framework's structure. */
export type RequirementKind =
  /** An annex of the EU AI Act. */
  | 'ANNEX'
  /** A lettered or numbered section of an EU AI Act annex (Annex I Section A). */
  | 'ANNEX_SECTION'
  /** An article of the EU AI Act. */
  | 'ARTICLE'
  /** A NIST AI RMF category (GOVERN 1). */
  | 'CATEGORY'
  /** A chapter of the EU AI Act. */
  | 'CHAPTER'
  /** A top-level clause of an ISO management system standard (4 to 10). */
  | 'CLAUSE'
  /** An Annex A control (ISO/IEC 42001 A.6.2.4, ISO/IEC 27001 A.5.23). */
  | 'CONTROL'
  /** An Annex A control objective that groups controls (ISO/IEC 42001 A.6.2). */
  | 'CONTROL_OBJECTIVE'
  /** A NIST AI RMF function (GOVERN, MAP, MEASURE, MANAGE). */
  | 'FUNCTION'
  /** A numbered paragraph without a heading of its own (ISO 9001 8.7.1); assessed with its subclause. */
  | 'PARAGRAPH'
  /** A section of a chapter of the EU AI Act. */
  | 'SECTION'
  /** A NIST AI RMF subcategory (GOVERN 1.1), the unit its outcomes are assessed at. */
  | 'SUBCATEGORY'
  /** A headed subclause of a clause, at any depth (6.1.2, 7.1.5.1). */
  | 'SUBCLAUSE'
  /** An ISO/IEC 27001 Annex A theme that groups controls (A.5 Organizational controls). */
  | 'THEME';

/** How a trace reaches a requirement. */
export type TraceRoute =
  /** Through a control that applies to the system. */
  | 'CONTROL'
  /** Through an obligation that binds the system. */
  | 'OBLIGATION'
  /** Through a risk raised on the record and a control that mitigates it. */
  | 'RISK';

export type ReportCoverageQueryVariables = Exact<{
  framework: string;
  scope?: CoverageScope | null | undefined;
  asOf?: string | null | undefined;
}>;


export type ReportCoverageQuery = { framework: { id: string, name: string, title: string, version: string, publisher: string } | null, coverage: { asOf: string, summary: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number }, sections: Array<{ section: { id: string, ref: string, title: string | null }, summary: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number } }>, requirements: Array<{ status: CoverageStatus, reason: string, requirement: { id: string, ref: string, title: string | null } }> }, gaps: Array<{ riskScore: number, coverage: { status: CoverageStatus, reason: string, requirement: { id: string, ref: string, title: string | null } }, risks: Array<{ id: string, title: string }>, remedies: Array<{ kind: RemedyKind, control: { id: string, name: string } | null, partner: { id: string, ref: string, title: string | null, framework: { id: string, name: string } } | null }> }> };

export type ReportCrosswalkQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type ReportCrosswalkQuery = { fromFramework: { id: string, name: string, title: string, version: string, publisher: string, roots: Array<{ id: string, ref: string, title: string | null }>, requirements: Array<{ id: string, ref: string, title: string | null, ancestors: Array<{ id: string }> }> } | null, toFramework: { id: string, name: string, title: string, version: string, publisher: string, roots: Array<{ id: string, ref: string, title: string | null }>, requirements: Array<{ id: string, ref: string, title: string | null, ancestors: Array<{ id: string }> }> } | null, crosswalk: Array<{ id: string, relationship: Relationship, inverted: boolean, rationale: MappingRationale, method: MappingMethod, status: MappingStatus, strength: number | null, confidence: number | null, justification: string, originalRelationship: string | null, citation: string | null, source: { id: string, ref: string, title: string | null, framework: { id: string, name: string } }, target: { id: string, ref: string, title: string | null, framework: { id: string, name: string } }, provenance: { publisher: string, source: string, sourceUrl: string | null, licence: string, addedBy: string, addedAt: string, set: { id: string, title: string } } }> };

export type ReportCrosswalkAxisFragment = { id: string, name: string, title: string, version: string, publisher: string, roots: Array<{ id: string, ref: string, title: string | null }>, requirements: Array<{ id: string, ref: string, title: string | null, ancestors: Array<{ id: string }> }> };

export type ReportSummaryFragment = { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number };

export type ReportFrameworkFragment = { id: string, name: string, title: string, version: string, publisher: string };

export type ReportRequirementFragment = { id: string, ref: string, title: string | null, framework: { id: string, name: string } };

export type ReportMappingFragment = { id: string, relationship: Relationship, inverted: boolean, rationale: MappingRationale, method: MappingMethod, status: MappingStatus, strength: number | null, confidence: number | null, justification: string, originalRelationship: string | null, citation: string | null, source: { id: string, ref: string, title: string | null, framework: { id: string, name: string } }, target: { id: string, ref: string, title: string | null, framework: { id: string, name: string } }, provenance: { publisher: string, source: string, sourceUrl: string | null, licence: string, addedBy: string, addedAt: string, set: { id: string, title: string } } };

export type ReportHistoryQueryVariables = Exact<{
  framework: string;
  scope?: CoverageScope | null | undefined;
  t0: string;
  t1: string;
  t2: string;
  t3: string;
  t4: string;
  t5: string;
  t6: string;
  t7: string;
  t8: string;
  t9: string;
  t10: string;
  t11: string;
}>;


export type ReportHistoryQuery = { framework: { id: string, name: string, title: string, version: string, publisher: string } | null, p0: { before: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number }, after: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number } }, p1: { before: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number }, after: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number } }, p2: { before: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number }, after: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number } }, p3: { before: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number }, after: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number } }, p4: { before: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number }, after: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number } }, p5: { before: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number }, after: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number } } };

export type ReportHistoryPairFragment = { before: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number }, after: { total: number, notApplicable: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number } };

export type ReportChangeLogStartQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportChangeLogStartQuery = { changes: { edges: Array<{ node: { at: string } }> } };

export type ReportIndexQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportIndexQuery = { frameworks: Array<{ id: string, name: string, title: string, version: string, publisher: string }>, aiSystems: { totalCount: number, edges: Array<{ node: { id: string, name: string, riskClass: EuAiActRiskClass | null, lifecycleStage: LifecycleStage } }> }, crosswalkSets: Array<{ id: string, title: string, mappingCount: number, from: { id: string, name: string }, to: { id: string, name: string } }> };

export type ReportRequirementCoverageQueryVariables = Exact<{
  framework: string;
  ref: string;
  scope?: CoverageScope | null | undefined;
  asOf?: string | null | undefined;
}>;


export type ReportRequirementCoverageQuery = { framework: { id: string, name: string, title: string, version: string, publisher: string } | null, requirement: { id: string, ref: string, title: string | null, summary: string | null, kind: RequirementKind, auditable: boolean, ancestors: Array<{ ref: string, title: string | null }> } | null, coverage: { asOf: string, requirements: Array<{ status: CoverageStatus, direct: ContributionLevel, reason: string, requirement: { id: string }, contributions: Array<{ coverage: Coverage, level: ContributionLevel, control: { id: string, name: string, status: ControlStatus }, validEvidence: Array<{ id: string, title: string, evidenceType: EvidenceType, effectiveFrom: string | null, validUntil: string | null }>, invalidEvidence: Array<{ reason: EvidenceRejectionReason, evidence: { id: string, title: string, evidenceType: EvidenceType, effectiveFrom: string | null, validUntil: string | null } }> }>, rejectedControls: Array<{ reason: ControlRejectionReason, control: { id: string, name: string, status: ControlStatus } }>, crosswalk: Array<{ fromLevel: ContributionLevel, relationship: Relationship, level: ContributionLevel, from: { id: string, ref: string, title: string | null, framework: { id: string, name: string } }, chain: Array<{ id: string, relationship: Relationship, inverted: boolean, rationale: MappingRationale, method: MappingMethod, status: MappingStatus, strength: number | null, confidence: number | null, justification: string, originalRelationship: string | null, citation: string | null, source: { id: string, ref: string, title: string | null, framework: { id: string, name: string } }, target: { id: string, ref: string, title: string | null, framework: { id: string, name: string } }, provenance: { publisher: string, source: string, sourceUrl: string | null, licence: string, addedBy: string, addedAt: string, set: { id: string, title: string } } }> }>, rejectedCrosswalk: Array<{ reason: CrosswalkRejectionReason, from: { id: string, ref: string, title: string | null, framework: { id: string, name: string } }, chain: Array<{ id: string, relationship: Relationship, inverted: boolean, rationale: MappingRationale, method: MappingMethod, status: MappingStatus, strength: number | null, confidence: number | null, justification: string, originalRelationship: string | null, citation: string | null, source: { id: string, ref: string, title: string | null, framework: { id: string, name: string } }, target: { id: string, ref: string, title: string | null, framework: { id: string, name: string } }, provenance: { publisher: string, source: string, sourceUrl: string | null, licence: string, addedBy: string, addedAt: string, set: { id: string, title: string } } }> }>, exclusion: { id: string, justification: string } | null }> } };

export type ReportScopeSystemQueryVariables = Exact<{
  id: string;
}>;


export type ReportScopeSystemQuery = { node:
    | { __typename: 'AISystem', name: string, id: string }
    | { __typename: 'Applicability', id: string }
    | { __typename: 'Control', id: string }
    | { __typename: 'CrosswalkSet', id: string }
    | { __typename: 'Dataset', id: string }
    | { __typename: 'Evidence', id: string }
    | { __typename: 'Framework', id: string }
    | { __typename: 'Model', id: string }
    | { __typename: 'Obligation', id: string }
    | { __typename: 'Party', id: string }
    | { __typename: 'Requirement', id: string }
    | { __typename: 'Risk', id: string }
   | null };

export type ReportSoaQueryVariables = Exact<{
  framework: string;
  scope?: CoverageScope | null | undefined;
  asOf?: string | null | undefined;
}>;


export type ReportSoaQuery = { framework: { id: string, name: string, title: string, version: string, publisher: string } | null, statementOfApplicability: { asOf: string, entries: Array<{ applicable: boolean, justification: string | null, implementationStatus: CoverageStatus, requirement: { id: string, ref: string, title: string | null }, controls: Array<{ id: string, name: string, status: ControlStatus }>, evidence: Array<{ id: string, title: string, validUntil: string | null }> }> } };

export type ReportSoaFileQueryVariables = Exact<{
  framework: string;
  scope?: CoverageScope | null | undefined;
  asOf?: string | null | undefined;
  csv: boolean;
}>;


export type ReportSoaFileQuery = { statementOfApplicability: { csv?: string, markdown?: string } };

export type ReportTraceQueryVariables = Exact<{
  from: string;
  framework?: string | null | undefined;
}>;


export type ReportTraceQuery = { trace: { from:
      | { __typename: 'AISystem', name: string, riskClass: EuAiActRiskClass | null, lifecycleStage: LifecycleStage, id: string }
      | { __typename: 'Applicability', id: string }
      | { __typename: 'Control', id: string }
      | { __typename: 'Dataset', name: string, id: string }
      | { __typename: 'Evidence', id: string }
      | { __typename: 'Model', id: string }
      | { __typename: 'Obligation', id: string }
      | { __typename: 'Party', id: string }
      | { __typename: 'Risk', id: string }
    , requirements: Array<{ requirement: { id: string, ref: string, title: string | null, framework: { id: string, name: string } }, paths: Array<{ route: TraceRoute, coverage: Coverage | null, steps: Array<
          | { __typename: 'AISystem', name: string, id: string }
          | { __typename: 'Applicability', id: string }
          | { __typename: 'Control', name: string, id: string, controlStatus: ControlStatus }
          | { __typename: 'CrosswalkSet', id: string }
          | { __typename: 'Dataset', name: string, id: string }
          | { __typename: 'Evidence', id: string }
          | { __typename: 'Framework', id: string }
          | { __typename: 'Model', id: string }
          | { __typename: 'Obligation', title: string, dueDate: string | null, id: string, obligationStatus: ObligationStatus }
          | { __typename: 'Party', id: string }
          | { __typename: 'Requirement', id: string }
          | { __typename: 'Risk', title: string, likelihood: number, impact: number, id: string }
        > }>, evidence: Array<{ id: string, title: string, evidenceType: EvidenceType, effectiveFrom: string | null, validUntil: string | null }> }> } };

export type ReportTraceStatusQueryVariables = Exact<{
  framework: string;
  scope?: CoverageScope | null | undefined;
  asOf?: string | null | undefined;
}>;


export type ReportTraceStatusQuery = { coverage: { requirements: Array<{ status: CoverageStatus, requirement: { id: string } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ReportFrameworkFragmentDoc = new TypedDocumentString(`
    fragment ReportFramework on Framework {
  id
  name
  title
  version
  publisher
}
    `, {"fragmentName":"ReportFramework"}) as unknown as TypedDocumentString<ReportFrameworkFragment, unknown>;
export const ReportCrosswalkAxisFragmentDoc = new TypedDocumentString(`
    fragment ReportCrosswalkAxis on Framework {
  ...ReportFramework
  roots {
    id
    ref
    title
  }
  requirements {
    id
    ref
    title
    ancestors {
      id
    }
  }
}
    fragment ReportFramework on Framework {
  id
  name
  title
  version
  publisher
}`, {"fragmentName":"ReportCrosswalkAxis"}) as unknown as TypedDocumentString<ReportCrosswalkAxisFragment, unknown>;
export const ReportRequirementFragmentDoc = new TypedDocumentString(`
    fragment ReportRequirement on Requirement {
  id
  ref
  title
  framework {
    id
    name
  }
}
    `, {"fragmentName":"ReportRequirement"}) as unknown as TypedDocumentString<ReportRequirementFragment, unknown>;
export const ReportMappingFragmentDoc = new TypedDocumentString(`
    fragment ReportMapping on Mapping {
  id
  relationship
  inverted
  rationale
  method
  status
  strength
  confidence
  justification
  originalRelationship
  citation
  source {
    ...ReportRequirement
  }
  target {
    ...ReportRequirement
  }
  provenance {
    set {
      id
      title
    }
    publisher
    source
    sourceUrl
    licence
    addedBy
    addedAt
  }
}
    fragment ReportRequirement on Requirement {
  id
  ref
  title
  framework {
    id
    name
  }
}`, {"fragmentName":"ReportMapping"}) as unknown as TypedDocumentString<ReportMappingFragment, unknown>;
export const ReportSummaryFragmentDoc = new TypedDocumentString(`
    fragment ReportSummary on CoverageSummary {
  total
  notApplicable
  covered
  coveredViaCrosswalk
  partial
  gap
}
    `, {"fragmentName":"ReportSummary"}) as unknown as TypedDocumentString<ReportSummaryFragment, unknown>;
export const ReportHistoryPairFragmentDoc = new TypedDocumentString(`
    fragment ReportHistoryPair on CoverageChange {
  before {
    ...ReportSummary
  }
  after {
    ...ReportSummary
  }
}
    fragment ReportSummary on CoverageSummary {
  total
  notApplicable
  covered
  coveredViaCrosswalk
  partial
  gap
}`, {"fragmentName":"ReportHistoryPair"}) as unknown as TypedDocumentString<ReportHistoryPairFragment, unknown>;
export const ReportCoverageDocument = new TypedDocumentString(`
    query ReportCoverage($framework: ID!, $scope: CoverageScope, $asOf: DateTime) {
  framework(id: $framework) {
    ...ReportFramework
  }
  coverage(framework: $framework, scope: $scope, asOf: $asOf) {
    asOf
    summary {
      ...ReportSummary
    }
    sections {
      section {
        id
        ref
        title
      }
      summary {
        ...ReportSummary
      }
    }
    requirements {
      requirement {
        id
        ref
        title
      }
      status
      reason
    }
  }
  gaps(framework: $framework, scope: $scope, asOf: $asOf) {
    coverage {
      requirement {
        id
        ref
        title
      }
      status
      reason
    }
    riskScore
    risks {
      id
      title
    }
    remedies {
      kind
      control {
        id
        name
      }
      partner {
        ...ReportRequirement
      }
    }
  }
}
    fragment ReportSummary on CoverageSummary {
  total
  notApplicable
  covered
  coveredViaCrosswalk
  partial
  gap
}
fragment ReportFramework on Framework {
  id
  name
  title
  version
  publisher
}
fragment ReportRequirement on Requirement {
  id
  ref
  title
  framework {
    id
    name
  }
}`) as unknown as TypedDocumentString<ReportCoverageQuery, ReportCoverageQueryVariables>;
export const ReportCrosswalkDocument = new TypedDocumentString(`
    query ReportCrosswalk($from: ID!, $to: ID!) {
  fromFramework: framework(id: $from) {
    ...ReportCrosswalkAxis
  }
  toFramework: framework(id: $to) {
    ...ReportCrosswalkAxis
  }
  crosswalk(from: $from, to: $to) {
    ...ReportMapping
  }
}
    fragment ReportCrosswalkAxis on Framework {
  ...ReportFramework
  roots {
    id
    ref
    title
  }
  requirements {
    id
    ref
    title
    ancestors {
      id
    }
  }
}
fragment ReportFramework on Framework {
  id
  name
  title
  version
  publisher
}
fragment ReportRequirement on Requirement {
  id
  ref
  title
  framework {
    id
    name
  }
}
fragment ReportMapping on Mapping {
  id
  relationship
  inverted
  rationale
  method
  status
  strength
  confidence
  justification
  originalRelationship
  citation
  source {
    ...ReportRequirement
  }
  target {
    ...ReportRequirement
  }
  provenance {
    set {
      id
      title
    }
    publisher
    source
    sourceUrl
    licence
    addedBy
    addedAt
  }
}`) as unknown as TypedDocumentString<ReportCrosswalkQuery, ReportCrosswalkQueryVariables>;
export const ReportHistoryDocument = new TypedDocumentString(`
    query ReportHistory($framework: ID!, $scope: CoverageScope, $t0: DateTime!, $t1: DateTime!, $t2: DateTime!, $t3: DateTime!, $t4: DateTime!, $t5: DateTime!, $t6: DateTime!, $t7: DateTime!, $t8: DateTime!, $t9: DateTime!, $t10: DateTime!, $t11: DateTime!) {
  framework(id: $framework) {
    ...ReportFramework
  }
  p0: coverageChange(framework: $framework, scope: $scope, from: $t0, to: $t1) {
    ...ReportHistoryPair
  }
  p1: coverageChange(framework: $framework, scope: $scope, from: $t2, to: $t3) {
    ...ReportHistoryPair
  }
  p2: coverageChange(framework: $framework, scope: $scope, from: $t4, to: $t5) {
    ...ReportHistoryPair
  }
  p3: coverageChange(framework: $framework, scope: $scope, from: $t6, to: $t7) {
    ...ReportHistoryPair
  }
  p4: coverageChange(framework: $framework, scope: $scope, from: $t8, to: $t9) {
    ...ReportHistoryPair
  }
  p5: coverageChange(framework: $framework, scope: $scope, from: $t10, to: $t11) {
    ...ReportHistoryPair
  }
}
    fragment ReportSummary on CoverageSummary {
  total
  notApplicable
  covered
  coveredViaCrosswalk
  partial
  gap
}
fragment ReportFramework on Framework {
  id
  name
  title
  version
  publisher
}
fragment ReportHistoryPair on CoverageChange {
  before {
    ...ReportSummary
  }
  after {
    ...ReportSummary
  }
}`) as unknown as TypedDocumentString<ReportHistoryQuery, ReportHistoryQueryVariables>;
export const ReportChangeLogStartDocument = new TypedDocumentString(`
    query ReportChangeLogStart {
  changes(first: 1) {
    edges {
      node {
        at
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReportChangeLogStartQuery, ReportChangeLogStartQueryVariables>;
export const ReportIndexDocument = new TypedDocumentString(`
    query ReportIndex {
  frameworks {
    ...ReportFramework
  }
  aiSystems(first: 500) {
    totalCount
    edges {
      node {
        id
        name
        riskClass
        lifecycleStage
      }
    }
  }
  crosswalkSets {
    id
    title
    mappingCount
    from {
      id
      name
    }
    to {
      id
      name
    }
  }
}
    fragment ReportFramework on Framework {
  id
  name
  title
  version
  publisher
}`) as unknown as TypedDocumentString<ReportIndexQuery, ReportIndexQueryVariables>;
export const ReportRequirementCoverageDocument = new TypedDocumentString(`
    query ReportRequirementCoverage($framework: ID!, $ref: String!, $scope: CoverageScope, $asOf: DateTime) {
  framework(id: $framework) {
    ...ReportFramework
  }
  requirement(framework: $framework, ref: $ref) {
    id
    ref
    title
    summary
    kind
    auditable
    ancestors {
      ref
      title
    }
  }
  coverage(
    framework: $framework
    scope: $scope
    asOf: $asOf
    requirements: [$ref]
  ) {
    asOf
    requirements {
      requirement {
        id
      }
      status
      direct
      reason
      contributions {
        control {
          id
          name
          status
        }
        coverage
        level
        validEvidence {
          id
          title
          evidenceType
          effectiveFrom
          validUntil
        }
        invalidEvidence {
          evidence {
            id
            title
            evidenceType
            effectiveFrom
            validUntil
          }
          reason
        }
      }
      rejectedControls {
        control {
          id
          name
          status
        }
        reason
      }
      crosswalk {
        from {
          ...ReportRequirement
        }
        fromLevel
        relationship
        level
        chain {
          ...ReportMapping
        }
      }
      rejectedCrosswalk {
        from {
          ...ReportRequirement
        }
        chain {
          ...ReportMapping
        }
        reason
      }
      exclusion {
        id
        justification
      }
    }
  }
}
    fragment ReportFramework on Framework {
  id
  name
  title
  version
  publisher
}
fragment ReportRequirement on Requirement {
  id
  ref
  title
  framework {
    id
    name
  }
}
fragment ReportMapping on Mapping {
  id
  relationship
  inverted
  rationale
  method
  status
  strength
  confidence
  justification
  originalRelationship
  citation
  source {
    ...ReportRequirement
  }
  target {
    ...ReportRequirement
  }
  provenance {
    set {
      id
      title
    }
    publisher
    source
    sourceUrl
    licence
    addedBy
    addedAt
  }
}`) as unknown as TypedDocumentString<ReportRequirementCoverageQuery, ReportRequirementCoverageQueryVariables>;
export const ReportScopeSystemDocument = new TypedDocumentString(`
    query ReportScopeSystem($id: ID!) {
  node(id: $id) {
    id
    __typename
    ... on AISystem {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ReportScopeSystemQuery, ReportScopeSystemQueryVariables>;
export const ReportSoaDocument = new TypedDocumentString(`
    query ReportSoa($framework: ID!, $scope: CoverageScope, $asOf: DateTime) {
  framework(id: $framework) {
    ...ReportFramework
  }
  statementOfApplicability(framework: $framework, scope: $scope, asOf: $asOf) {
    asOf
    entries {
      requirement {
        id
        ref
        title
      }
      applicable
      justification
      implementationStatus
      controls {
        id
        name
        status
      }
      evidence {
        id
        title
        validUntil
      }
    }
  }
}
    fragment ReportFramework on Framework {
  id
  name
  title
  version
  publisher
}`) as unknown as TypedDocumentString<ReportSoaQuery, ReportSoaQueryVariables>;
export const ReportSoaFileDocument = new TypedDocumentString(`
    query ReportSoaFile($framework: ID!, $scope: CoverageScope, $asOf: DateTime, $csv: Boolean!) {
  statementOfApplicability(framework: $framework, scope: $scope, asOf: $asOf) {
    csv @include(if: $csv)
    markdown @skip(if: $csv)
  }
}
    `) as unknown as TypedDocumentString<ReportSoaFileQuery, ReportSoaFileQueryVariables>;
export const ReportTraceDocument = new TypedDocumentString(`
    query ReportTrace($from: ID!, $framework: ID) {
  trace(from: $from, framework: $framework) {
    from {
      id
      __typename
      ... on AISystem {
        name
        riskClass
        lifecycleStage
      }
      ... on Dataset {
        name
      }
    }
    requirements {
      requirement {
        ...ReportRequirement
      }
      paths {
        route
        coverage
        steps {
          __typename
          id
          ... on AISystem {
            name
          }
          ... on Dataset {
            name
          }
          ... on Risk {
            title
            likelihood
            impact
          }
          ... on Control {
            name
            controlStatus: status
          }
          ... on Obligation {
            title
            obligationStatus: status
            dueDate
          }
        }
      }
      evidence {
        id
        title
        evidenceType
        effectiveFrom
        validUntil
      }
    }
  }
}
    fragment ReportRequirement on Requirement {
  id
  ref
  title
  framework {
    id
    name
  }
}`) as unknown as TypedDocumentString<ReportTraceQuery, ReportTraceQueryVariables>;
export const ReportTraceStatusDocument = new TypedDocumentString(`
    query ReportTraceStatus($framework: ID!, $scope: CoverageScope, $asOf: DateTime) {
  coverage(framework: $framework, scope: $scope, asOf: $asOf) {
    requirements {
      requirement {
        id
      }
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ReportTraceStatusQuery, ReportTraceStatusQueryVariables>;