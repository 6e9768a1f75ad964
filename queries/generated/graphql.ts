/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A fact about an AI system on which EU AI Act applicability turns, beyond its risk class and the operator roles (seed/rules/eu-ai-act-applicability.json). */
export type AiActSpecialCase =
  /** The system is listed in Annex III but its provider assessed it as not high-risk under Art. 6(3). */
  | 'ANNEX_III_NOT_HIGH_RISK'
  /** The system is used for creditworthiness or credit scoring, or for life and health insurance pricing (Annex III points 5(b) and 5(c); Art. 27(1)). */
  | 'CREDIT_OR_INSURANCE_PRICING'
  /** The system is a safety component of critical infrastructure (Annex III point 2; outside Arts. 27 and 86). */
  | 'CRITICAL_INFRASTRUCTURE'
  /** The system generates or manipulates image, audio or video content that is a deep fake (Art. 50(4)). */
  | 'DEEP_FAKE'
  /** The system is an emotion recognition or biometric categorisation system (Art. 50(3)). */
  | 'EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION'
  /** The system generates synthetic audio, image, video or text (Art. 50(2)). */
  | 'GENERATES_SYNTHETIC_CONTENT'
  /** The general-purpose AI model was placed on the market before 2 August 2025 (Art. 111(3)). */
  | 'GPAI_ON_MARKET_BEFORE_2_AUGUST_2025'
  /** The general-purpose AI model the organisation provides has systemic risk (Arts. 51, 52 and 55). */
  | 'GPAI_SYSTEMIC_RISK'
  /** The system is intended to interact directly with natural persons (Art. 50(1)). */
  | 'INTERACTS_WITH_NATURAL_PERSONS'
  /** The system was placed on the market or put into service before 2 August 2026 and its design has not changed significantly since (Art. 111(2)). */
  | 'ON_MARKET_BEFORE_2_AUGUST_2026'
  /** The provider is established outside the Union (Arts. 22 and 54). */
  | 'PROVIDER_OUTSIDE_UNION'
  /** The system generates or manipulates text published to inform the public on matters of public interest (Art. 50(4)). */
  | 'PUBLIC_INTEREST_TEXT'
  /** The organisation deploys the system as a body governed by public law or a private entity providing public services (Art. 27(1)). */
  | 'PUBLIC_SERVICE_DEPLOYER'
  /** The organisation put its name on the system, modified it substantially or changed its intended purpose, and so is considered its provider (Art. 25(1)). */
  | 'REBRANDED_OR_SUBSTANTIALLY_MODIFIED'
  /** The system is intended to be used by public authorities or Union institutions, bodies, offices or agencies; when the organisation deploys it, the organisation is one (Arts. 26(8), 49(3), 111(2)). */
  | 'USED_BY_PUBLIC_AUTHORITIES';

/** What a change log entry records. */
export type ChangeOperation =
  /** A framework's catalogue was loaded from the seed. */
  | 'CATALOGUE_LOAD'
  /** A record was created. */
  | 'CREATE'
  /** A crosswalk set was loaded from the seed or imported. */
  | 'CROSSWALK_LOAD'
  /** A crosswalk set was removed (a tombstone). */
  | 'CROSSWALK_REMOVE'
  /** A record was deleted (a tombstone: `before` keeps what it was, with its links; each removed link also has its own UNLINK entry). */
  | 'DELETE'
  /** A link was made, or its property changed. */
  | 'LINK'
  /** A link was removed (a tombstone). */
  | 'UNLINK'
  /** A record's fields changed. */
  | 'UPDATE';

/** How much a requirement is met directly, or through one crosswalk claim. */
export type ContributionLevel =
  /** All of it. */
  | 'FULL'
  /** Nothing. */
  | 'NONE'
  /** Part of it. */
  | 'PART';

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

/** Why a status moved. */
export type CoverageChangeReasonKind =
  /** An applicability entry now excludes it, or no longer does. */
  | 'APPLICABILITY_CHANGED'
  /** A control began to implement it. */
  | 'CONTROL_ADDED'
  /** An implementing control changed between FULL and PARTIAL. */
  | 'CONTROL_COVERAGE_CHANGED'
  /** A control stopped implementing it (unlinked or deleted). */
  | 'CONTROL_REMOVED'
  /** An implementing control changed the AI systems it applies to. */
  | 'CONTROL_SCOPE_CHANGED'
  /** An implementing control changed status (for example PLANNED to OPERATING). */
  | 'CONTROL_STATUS_CHANGED'
  /** A requirement it is reached from through the crosswalk changed its direct level. */
  | 'CROSSWALK_SOURCE_CHANGED'
  /** Evidence was linked to an implementing control and counts. */
  | 'EVIDENCE_ADDED'
  /** Evidence's period was edited. */
  | 'EVIDENCE_DATES_CHANGED'
  /** Evidence that counted reached the end of its period. */
  | 'EVIDENCE_EXPIRED'
  /** Evidence that counted was unlinked or deleted. */
  | 'EVIDENCE_REMOVED'
  /** Evidence reached the start of its period. */
  | 'EVIDENCE_TOOK_EFFECT'
  /** A mapping in a crosswalk chain was added. */
  | 'MAPPING_ADDED'
  /** A mapping in a crosswalk chain changed its relationship. */
  | 'MAPPING_CHANGED'
  /** A mapping in a crosswalk chain was removed. */
  | 'MAPPING_REMOVED';

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

/** How evidence reaches a requirement. */
export type EvidenceRoute =
  /** Through the crosswalk from a requirement such a control implements. */
  | 'CROSSWALK'
  /** It supports a control that implements the requirement. */
  | 'DIRECT';

/** What kind of publication a framework is. */
export type FrameworkKind =
  /** Voluntary guidance without certification (the NIST AI RMF). */
  | 'GUIDANCE'
  /** Law that binds those in its scope (the EU AI Act). */
  | 'REGULATION'
  /** A voluntary standard that can be certified against (the ISO management system standards). */
  | 'STANDARD';

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

/** An operator role that the EU AI Act places obligations on. */
export type OperatorRole =
  /** Holds a written mandate from a third-country provider to act on its behalf (Art. 3(5)). */
  | 'AUTHORISED_REPRESENTATIVE'
  /** Uses an AI system under its authority, other than for personal non-professional activity (Art. 3(4)). */
  | 'DEPLOYER'
  /** Makes an AI system available on the Union market, other than the provider or the importer (Art. 3(7)). */
  | 'DISTRIBUTOR'
  /** A provider of a general-purpose AI model (Chapter V). */
  | 'GPAI_PROVIDER'
  /** Places on the Union market an AI system bearing the name of a person established in a third country (Art. 3(6)). */
  | 'IMPORTER'
  /** Develops an AI system or model, or has it developed, and places it on the market or puts it into service under its own name (Art. 3(3)). */
  | 'PROVIDER';

/** A person or a team. */
export type PartyKind =
  /** A person. */
  | 'PERSON'
  /** A team or a function. */
  | 'TEAM';

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

/** How a requirement changed from one version of a framework to another. */
export type RequirementChangeKind =
  /** In the later version only. */
  | 'ADDED'
  /** In both, under a different parent. */
  | 'MOVED'
  /** In the earlier version only. */
  | 'REMOVED'
  /** In both, under a different heading. */
  | 'RETITLED';

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

export type AccountabilityQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountabilityQuery = { parties: { totalCount: number, edges: Array<{ node: { name: string, kind: PartyKind, jobTitle: string | null, accountableFor: Array<
          | { __typename: 'AISystem', name: string }
          | { __typename: 'Control', name: string }
          | { __typename: 'Obligation', title: string }
          | { __typename: 'Risk', title: string }
        >, responsibleFor: Array<
          | { __typename: 'AISystem', name: string }
          | { __typename: 'Control', name: string }
          | { __typename: 'Obligation', title: string }
          | { __typename: 'Risk', title: string }
        > } }> } };

export type ApplicantDatasetImpactQueryVariables = Exact<{
  dataset: string;
}>;


export type ApplicantDatasetImpactQuery = { impact: { systems: Array<{ name: string, lifecycleStage: LifecycleStage }>, models: Array<{ name: string }>, risks: Array<{ title: string, score: number }>, controls: Array<{ name: string, status: ControlStatus }>, obligations: Array<{ title: string, dueDate: string | null, status: ObligationStatus }>, evidence: Array<{ title: string }>, requirements: Array<{ direct: boolean, requirement: { id: string, title: string | null }, via: Array<{ relationship: Relationship, source: { id: string } }> }> } };

export type CreditScoringEuAiActObligationsQueryVariables = Exact<{
  creditSystem: string;
  obligationsDate?: string | null | undefined;
}>;


export type CreditScoringEuAiActObligationsQuery = { applicableObligations: { frameworkVersion: string, notes: Array<string>, aiSystem: { name: string, riskClass: EuAiActRiskClass | null, highRiskArea: string | null, operatorRoles: Array<OperatorRole>, aiActSpecialCases: Array<AiActSpecialCase> }, obligations: Array<{ article: string, appliesFrom: string | null, inEffect: boolean, requirement: { title: string | null } | null, rules: Array<{ id: string, basis: string, dateBasis: string }>, obligation: { title: string, status: ObligationStatus } | null }> } };

export type CrosswalkSetsQueryVariables = Exact<{ [key: string]: never; }>;


export type CrosswalkSetsQuery = { crosswalkSets: Array<{ id: string, title: string, publisher: string, source: string, sourceUrl: string | null, licence: string, method: MappingMethod, relationshipsBy: string, addedAt: string, mappingCount: number, from: { id: string }, to: { id: string } }> };

export type CvScreeningIso42001TraceQueryVariables = Exact<{
  cvSystem: string;
}>;


export type CvScreeningIso42001TraceQuery = { trace: { from:
      | { name: string, riskClass: EuAiActRiskClass | null, highRiskArea: string | null, id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
    , requirements: Array<{ requirement: { ref: string, title: string | null }, paths: Array<{ route: TraceRoute, coverage: Coverage | null, steps: Array<
          | { __typename: 'AISystem' }
          | { __typename: 'Applicability' }
          | { __typename: 'Control', name: string, status: ControlStatus }
          | { __typename: 'CrosswalkSet' }
          | { __typename: 'Dataset' }
          | { __typename: 'Evidence' }
          | { __typename: 'Framework' }
          | { __typename: 'Model' }
          | { __typename: 'Obligation', title: string }
          | { __typename: 'Party' }
          | { __typename: 'Requirement' }
          | { __typename: 'Risk', title: string }
        > }>, evidence: Array<{ title: string, effectiveFrom: string | null, validUntil: string | null }> }> } };

export type EuAiActGapsQueryVariables = Exact<{
  coverageDate?: string | null | undefined;
}>;


export type EuAiActGapsQuery = { gaps: Array<{ riskScore: number, coverage: { status: CoverageStatus, reason: string, requirement: { ref: string, title: string | null } }, risks: Array<{ title: string, score: number }>, remedies: Array<{ kind: RemedyKind, control: { name: string, status: ControlStatus } | null, partner: { id: string, title: string | null } | null }> }> };

export type EuAiActToIso42001QueryVariables = Exact<{ [key: string]: never; }>;


export type EuAiActToIso42001Query = { crosswalk: Array<{ relationship: Relationship, inverted: boolean, strength: number | null, justification: string, status: MappingStatus, source: { ref: string, title: string | null }, target: { ref: string, title: string | null }, provenance: { publisher: string, source: string, licence: string, set: { id: string } } }> };

export type EuAiActVersionDiffQueryVariables = Exact<{
  fromVersion: string;
  toVersion: string;
}>;


export type EuAiActVersionDiffQuery = { framework: { versions: Array<{ version: string, current: boolean, note: string | null, requirementCount: number }> } | null, frameworkVersionDiff: { changes: Array<{ kind: RequirementChangeKind, ref: string, fromTitle: string | null, toTitle: string | null, toParent: string | null, mappings: Array<{ relationship: Relationship, target: { id: string } }> }> } };

export type EvidenceReuseQueryVariables = Exact<{
  evidenceItem: string;
  coverageDate?: string | null | undefined;
}>;


export type EvidenceReuseQuery = { evidenceReuse: { valid: boolean, evidence: { title: string, validUntil: string | null }, frameworks: Array<{ id: string, name: string }>, uses: Array<{ route: EvidenceRoute, level: ContributionLevel, relationship: Relationship | null, requirement: { id: string, title: string | null }, control: { name: string }, from: { id: string } | null, chain: Array<{ relationship: Relationship, provenance: { publisher: string, set: { id: string } } }> }> } };

export type FrameworksQueryVariables = Exact<{ [key: string]: never; }>;


export type FrameworksQuery = { frameworks: Array<{ id: string, name: string, version: string, kind: FrameworkKind, publisher: string, requirementCount: number }> };

export type AnnexAControlsQueryVariables = Exact<{
  standard: string;
}>;


export type AnnexAControlsQuery = { framework: { id: string, name: string, version: string, requirements: Array<{ ref: string, title: string | null, children: Array<{ ref: string, title: string | null, kind: RequirementKind, auditable: boolean }> }> } | null };

export type Iso42001CoverageForecastQueryVariables = Exact<{
  forecastTo: string;
}>;


export type Iso42001CoverageForecastQuery = { coverageChange: { from: string, to: string, notes: Array<string>, before: { covered: number, partial: number, gap: number }, after: { covered: number, partial: number, gap: number }, changes: Array<{ before: CoverageStatus, after: CoverageStatus, requirement: { ref: string, title: string | null }, reasons: Array<{ kind: CoverageChangeReasonKind, subject: string | null, contextId: string | null, before: string | null, after: string | null, changes: Array<{ operation: ChangeOperation, actor: string, at: string }> }> }> } };

export type Iso42001CoverageQueryVariables = Exact<{
  coverageDate?: string | null | undefined;
}>;


export type Iso42001CoverageQuery = { coverage: { asOf: string, summary: { total: number, covered: number, coveredViaCrosswalk: number, partial: number, gap: number, notApplicable: number }, sections: Array<{ section: { ref: string, title: string | null }, summary: { total: number, covered: number, partial: number, gap: number } }>, requirements: Array<{ status: CoverageStatus, reason: string, requirement: { ref: string, title: string | null }, contributions: Array<{ level: ContributionLevel, control: { name: string, status: ControlStatus }, validEvidence: Array<{ title: string, validUntil: string | null }>, invalidEvidence: Array<{ reason: EvidenceRejectionReason, evidence: { title: string } }> }>, crosswalk: Array<{ relationship: Relationship, level: ContributionLevel, from: { id: string } }> }> } };

export type Iso42001StatementOfApplicabilityQueryVariables = Exact<{
  coverageDate?: string | null | undefined;
}>;


export type Iso42001StatementOfApplicabilityQuery = { statementOfApplicability: { markdown: string, entries: Array<{ applicable: boolean, justification: string | null, implementationStatus: CoverageStatus, requirement: { ref: string, title: string | null }, controls: Array<{ name: string, status: ControlStatus }>, evidence: Array<{ title: string, validUntil: string | null }> }> } };

export type NistSubcategoryToIso42001QueryVariables = Exact<{
  subcategory: string;
  maxHops: number;
}>;


export type NistSubcategoryToIso42001Query = { requirement: { ref: string, title: string | null, mappings: Array<{ relationship: Relationship, inferred: boolean, hops: number, target: { ref: string, title: string | null, kind: RequirementKind }, chain: Array<{ relationship: Relationship, justification: string, citation: string | null, status: MappingStatus, source: { id: string }, target: { id: string }, provenance: { publisher: string, source: string, set: { id: string } } }> }> } | null };

export type RequirementContextQueryVariables = Exact<{
  framework: string;
  ref: string;
}>;


export type RequirementContextQuery = { requirement: { id: string, ref: string, title: string | null, kind: RequirementKind, auditable: boolean, roles: Array<OperatorRole>, rolesNote: string | null, framework: { id: string, name: string }, ancestors: Array<{ ref: string, title: string | null, kind: RequirementKind }>, parent: { ref: string, title: string | null } | null, children: Array<{ ref: string, title: string | null }> } | null };

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

export const AccountabilityDocument = new TypedDocumentString(`
    query Accountability {
  parties(first: 100) {
    totalCount
    edges {
      node {
        name
        kind
        jobTitle
        accountableFor {
          __typename
          ... on AISystem {
            name
          }
          ... on Control {
            name
          }
          ... on Risk {
            title
          }
          ... on Obligation {
            title
          }
        }
        responsibleFor {
          __typename
          ... on AISystem {
            name
          }
          ... on Control {
            name
          }
          ... on Risk {
            title
          }
          ... on Obligation {
            title
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AccountabilityQuery, AccountabilityQueryVariables>;
export const ApplicantDatasetImpactDocument = new TypedDocumentString(`
    query ApplicantDatasetImpact($dataset: ID!) {
  impact(of: $dataset) {
    systems {
      name
      lifecycleStage
    }
    models {
      name
    }
    risks {
      title
      score
    }
    controls {
      name
      status
    }
    obligations {
      title
      dueDate
      status
    }
    evidence {
      title
    }
    requirements {
      direct
      requirement {
        id
        title
      }
      via {
        source {
          id
        }
        relationship
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApplicantDatasetImpactQuery, ApplicantDatasetImpactQueryVariables>;
export const CreditScoringEuAiActObligationsDocument = new TypedDocumentString(`
    query CreditScoringEuAiActObligations($creditSystem: ID!, $obligationsDate: Date) {
  applicableObligations(aiSystem: $creditSystem, asOf: $obligationsDate) {
    aiSystem {
      name
      riskClass
      highRiskArea
      operatorRoles
      aiActSpecialCases
    }
    frameworkVersion
    notes
    obligations {
      article
      requirement {
        title
      }
      appliesFrom
      inEffect
      rules {
        id
        basis
        dateBasis
      }
      obligation {
        title
        status
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CreditScoringEuAiActObligationsQuery, CreditScoringEuAiActObligationsQueryVariables>;
export const CrosswalkSetsDocument = new TypedDocumentString(`
    query CrosswalkSets {
  crosswalkSets {
    id
    title
    publisher
    source
    sourceUrl
    licence
    method
    relationshipsBy
    addedAt
    from {
      id
    }
    to {
      id
    }
    mappingCount
  }
}
    `) as unknown as TypedDocumentString<CrosswalkSetsQuery, CrosswalkSetsQueryVariables>;
export const CvScreeningIso42001TraceDocument = new TypedDocumentString(`
    query CvScreeningIso42001Trace($cvSystem: ID!) {
  trace(from: $cvSystem, framework: "iso42001") {
    from {
      id
      ... on AISystem {
        name
        riskClass
        highRiskArea
      }
    }
    requirements {
      requirement {
        ref
        title
      }
      paths {
        route
        coverage
        steps {
          __typename
          ... on Risk {
            title
          }
          ... on Control {
            name
            status
          }
          ... on Obligation {
            title
          }
        }
      }
      evidence {
        title
        effectiveFrom
        validUntil
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CvScreeningIso42001TraceQuery, CvScreeningIso42001TraceQueryVariables>;
export const EuAiActGapsDocument = new TypedDocumentString(`
    query EuAiActGaps($coverageDate: DateTime) {
  gaps(framework: "eu-ai-act", asOf: $coverageDate) {
    coverage {
      requirement {
        ref
        title
      }
      status
      reason
    }
    riskScore
    risks {
      title
      score
    }
    remedies {
      kind
      control {
        name
        status
      }
      partner {
        id
        title
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EuAiActGapsQuery, EuAiActGapsQueryVariables>;
export const EuAiActToIso42001Document = new TypedDocumentString(`
    query EuAiActToIso42001 {
  crosswalk(from: "eu-ai-act", to: "iso42001") {
    source {
      ref
      title
    }
    target {
      ref
      title
    }
    relationship
    inverted
    strength
    justification
    status
    provenance {
      publisher
      source
      licence
      set {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EuAiActToIso42001Query, EuAiActToIso42001QueryVariables>;
export const EuAiActVersionDiffDocument = new TypedDocumentString(`
    query EuAiActVersionDiff($fromVersion: String!, $toVersion: String!) {
  framework(id: "eu-ai-act") {
    versions {
      version
      current
      note
      requirementCount
    }
  }
  frameworkVersionDiff(framework: "eu-ai-act", from: $fromVersion, to: $toVersion) {
    changes {
      kind
      ref
      fromTitle
      toTitle
      toParent
      mappings {
        target {
          id
        }
        relationship
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EuAiActVersionDiffQuery, EuAiActVersionDiffQueryVariables>;
export const EvidenceReuseDocument = new TypedDocumentString(`
    query EvidenceReuse($evidenceItem: ID!, $coverageDate: DateTime) {
  evidenceReuse(evidence: $evidenceItem, asOf: $coverageDate) {
    evidence {
      title
      validUntil
    }
    valid
    frameworks {
      id
      name
    }
    uses {
      requirement {
        id
        title
      }
      route
      level
      control {
        name
      }
      from {
        id
      }
      relationship
      chain {
        relationship
        provenance {
          set {
            id
          }
          publisher
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EvidenceReuseQuery, EvidenceReuseQueryVariables>;
export const FrameworksDocument = new TypedDocumentString(`
    query Frameworks {
  frameworks {
    id
    name
    version
    kind
    publisher
    requirementCount
  }
}
    `) as unknown as TypedDocumentString<FrameworksQuery, FrameworksQueryVariables>;
export const AnnexAControlsDocument = new TypedDocumentString(`
    query AnnexAControls($standard: ID!) {
  framework(id: $standard) {
    id
    name
    version
    requirements(kind: CONTROL_OBJECTIVE) {
      ref
      title
      children {
        ref
        title
        kind
        auditable
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnnexAControlsQuery, AnnexAControlsQueryVariables>;
export const Iso42001CoverageForecastDocument = new TypedDocumentString(`
    query Iso42001CoverageForecast($forecastTo: DateTime!) {
  coverageChange(framework: "iso42001", to: $forecastTo) {
    from
    to
    before {
      covered
      partial
      gap
    }
    after {
      covered
      partial
      gap
    }
    changes {
      requirement {
        ref
        title
      }
      before
      after
      reasons {
        kind
        subject
        contextId
        before
        after
        changes {
          operation
          actor
          at
        }
      }
    }
    notes
  }
}
    `) as unknown as TypedDocumentString<Iso42001CoverageForecastQuery, Iso42001CoverageForecastQueryVariables>;
export const Iso42001CoverageDocument = new TypedDocumentString(`
    query Iso42001Coverage($coverageDate: DateTime) {
  coverage(framework: "iso42001", asOf: $coverageDate) {
    asOf
    summary {
      total
      covered
      coveredViaCrosswalk
      partial
      gap
      notApplicable
    }
    sections {
      section {
        ref
        title
      }
      summary {
        total
        covered
        partial
        gap
      }
    }
    requirements {
      requirement {
        ref
        title
      }
      status
      reason
      contributions {
        control {
          name
          status
        }
        level
        validEvidence {
          title
          validUntil
        }
        invalidEvidence {
          evidence {
            title
          }
          reason
        }
      }
      crosswalk {
        from {
          id
        }
        relationship
        level
      }
    }
  }
}
    `) as unknown as TypedDocumentString<Iso42001CoverageQuery, Iso42001CoverageQueryVariables>;
export const Iso42001StatementOfApplicabilityDocument = new TypedDocumentString(`
    query Iso42001StatementOfApplicability($coverageDate: DateTime) {
  statementOfApplicability(framework: "iso42001", asOf: $coverageDate) {
    entries {
      requirement {
        ref
        title
      }
      applicable
      justification
      implementationStatus
      controls {
        name
        status
      }
      evidence {
        title
        validUntil
      }
    }
    markdown
  }
}
    `) as unknown as TypedDocumentString<Iso42001StatementOfApplicabilityQuery, Iso42001StatementOfApplicabilityQueryVariables>;
export const NistSubcategoryToIso42001Document = new TypedDocumentString(`
    query NistSubcategoryToIso42001($subcategory: String!, $maxHops: Int!) {
  requirement(framework: "nist-ai-rmf", ref: $subcategory) {
    ref
    title
    mappings(framework: "iso42001", includeInferred: true, maxHops: $maxHops) {
      target {
        ref
        title
        kind
      }
      relationship
      inferred
      hops
      chain {
        source {
          id
        }
        target {
          id
        }
        relationship
        justification
        citation
        status
        provenance {
          publisher
          source
          set {
            id
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<NistSubcategoryToIso42001Query, NistSubcategoryToIso42001QueryVariables>;
export const RequirementContextDocument = new TypedDocumentString(`
    query RequirementContext($framework: ID!, $ref: String!) {
  requirement(framework: $framework, ref: $ref) {
    id
    ref
    title
    kind
    auditable
    roles
    rolesNote
    framework {
      id
      name
    }
    ancestors {
      ref
      title
      kind
    }
    parent {
      ref
      title
    }
    children {
      ref
      title
    }
  }
}
    `) as unknown as TypedDocumentString<RequirementContextQuery, RequirementContextQueryVariables>;