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

/** What a control does. */
export type ControlType =
  /** Puts it right afterwards. */
  | 'CORRECTIVE'
  /** Finds it when it happens. */
  | 'DETECTIVE'
  /** Tells people what to do (a policy, a procedure). */
  | 'DIRECTIVE'
  /** Stops something from happening. */
  | 'PREVENTIVE';

/** How much of a requirement a control implements. */
export type Coverage =
  /** All of it. */
  | 'FULL'
  /** Part of it. */
  | 'PARTIAL';

/** What a new AISystem is made of. */
export type CreateAiSystemInput = {
  /** The facts beyond risk class and roles on which EU AI Act applicability turns. Defaults to none. */
  aiActSpecialCases?: Array<AiActSpecialCase> | null | undefined;
  /** References to this record in other systems (GRC tools); each is unique per system. */
  externalRefs?: Array<ExternalRefInput> | null | undefined;
  /** For a high-risk system: the Annex III area or Annex I legislation, for example "Annex III 4(a) recruitment". */
  highRiskArea?: string | null | undefined;
  /** For a high-risk system: whether it is high-risk as a safety component under Annex I legislation or by an Annex III use. */
  highRiskRoute?: HighRiskRoute | null | undefined;
  /** The use the system is intended for, in the sense of EU AI Act Art. 3(12). */
  intendedUse?: string | null | undefined;
  /** Where the system is in its life cycle. */
  lifecycleStage: LifecycleStage;
  /** The system's name. */
  name: string;
  /** The roles the organisation holds towards the system under the EU AI Act. Defaults to none. */
  operatorRoles?: Array<OperatorRole> | null | undefined;
  /** What the system is for. */
  purpose?: string | null | undefined;
  /** The EU AI Act risk class; null until the system has been classified. */
  riskClass?: EuAiActRiskClass | null | undefined;
};

/** What a new Control is made of. */
export type CreateControlInput = {
  /** Whether the control prevents, detects, corrects or directs. */
  controlType?: ControlType | null | undefined;
  /** What the control does. */
  description?: string | null | undefined;
  /** References to this record in other systems (GRC tools); each is unique per system. */
  externalRefs?: Array<ExternalRefInput> | null | undefined;
  /** The control's name. */
  name: string;
  /** The control's state; only IMPLEMENTED and OPERATING controls count towards coverage. Defaults to PLANNED. */
  status?: ControlStatus | null | undefined;
};

/** What a new Dataset is made of. */
export type CreateDatasetInput = {
  /** What the dataset holds. */
  description?: string | null | undefined;
  /** References to this record in other systems (GRC tools); each is unique per system. */
  externalRefs?: Array<ExternalRefInput> | null | undefined;
  /** The terms under which the data is used. */
  licence?: string | null | undefined;
  /** The dataset's name. */
  name: string;
  /** True when the dataset holds personal data. Defaults to false. */
  personalData?: boolean | null | undefined;
  /** How the data was collected and processed. */
  provenance?: string | null | undefined;
  /** The state of the dataset's quality assessment. Defaults to UNASSESSED. */
  qualityStatus?: DataQualityStatus | null | undefined;
  /** Where the data comes from. */
  source?: string | null | undefined;
};

/** What a new Evidence is made of. */
export type CreateEvidenceInput = {
  /** Who collected the evidence. */
  collectedBy?: string | null | undefined;
  /** The first day of the period the evidence speaks for; null for an open start. */
  effectiveFrom?: string | null | undefined;
  /** The kind of evidence. */
  evidenceType: EvidenceType;
  /** References to this record in other systems (GRC tools); each is unique per system. */
  externalRefs?: Array<ExternalRefInput> | null | undefined;
  /** The SHA-256 digest of the evidence file, 64 lower-case hexadecimal digits. */
  sha256?: string | null | undefined;
  /** What the evidence is. */
  title: string;
  /** When the evidence was uploaded (not the period it speaks for). */
  uploadedAt?: string | null | undefined;
  /** Where the evidence is kept. */
  uri?: string | null | undefined;
  /** The last day of the period the evidence speaks for; null for an open end. */
  validUntil?: string | null | undefined;
};

/** What a new Model is made of. */
export type CreateModelInput = {
  /** What the model does. */
  description?: string | null | undefined;
  /** References to this record in other systems (GRC tools); each is unique per system. */
  externalRefs?: Array<ExternalRefInput> | null | undefined;
  /** The kind of model, for example "gradient-boosted trees" or "large language model". */
  modelType?: string | null | undefined;
  /** The model's version as its provider names it. */
  modelVersion?: string | null | undefined;
  /** The model's name. */
  name: string;
  /** Who provides the model (the organisation itself or a third party). */
  provider?: string | null | undefined;
};

/** What a new Obligation is made of. */
export type CreateObligationInput = {
  /** The duty in full. */
  description?: string | null | undefined;
  /** When the duty must be met. */
  dueDate?: string | null | undefined;
  /** References to this record in other systems (GRC tools); each is unique per system. */
  externalRefs?: Array<ExternalRefInput> | null | undefined;
  /** Where the duty stands. Defaults to OPEN. */
  status?: ObligationStatus | null | undefined;
  /** The duty, for example "Register the system in the EU database". */
  title: string;
};

/** What a new Party is made of. */
export type CreatePartyInput = {
  /** How to reach them. */
  email?: string | null | undefined;
  /** References to this record in other systems (GRC tools); each is unique per system. */
  externalRefs?: Array<ExternalRefInput> | null | undefined;
  /** The person's role or the team's function. */
  jobTitle?: string | null | undefined;
  /** A person or a team. */
  kind: PartyKind;
  /** The person's or team's name. */
  name: string;
};

/** What a new Risk is made of. */
export type CreateRiskInput = {
  /** The kind of risk. */
  category: RiskCategory;
  /** The risk in full: cause, event and consequence. */
  description?: string | null | undefined;
  /** References to this record in other systems (GRC tools); each is unique per system. */
  externalRefs?: Array<ExternalRefInput> | null | undefined;
  /** How severe its consequences are, from 1 (negligible) to 5 (severe). */
  impact: number;
  /** How likely the risk is, from 1 (rare) to 5 (almost certain). */
  likelihood: number;
  /** Where the risk is in its handling. Defaults to IDENTIFIED. */
  status?: RiskStatus | null | undefined;
  /** A short statement of the risk. */
  title: string;
  /** How the organisation treats the risk. */
  treatment?: RiskTreatment | null | undefined;
};

/** The state of a dataset's quality assessment. */
export type DataQualityStatus =
  /** Assessed and approved for its uses. */
  | 'APPROVED'
  /** Assessed; findings being handled. */
  | 'ASSESSED'
  /** Assessed, with open issues. */
  | 'ISSUES_FOUND'
  /** Not assessed yet. */
  | 'UNASSESSED';

/** What an AI system uses a dataset for. */
export type DatasetPurpose =
  /** As input in operation. */
  | 'OPERATION'
  /** To test them. */
  | 'TESTING'
  /** To train its models. */
  | 'TRAINING'
  /** To validate them. */
  | 'VALIDATION';

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

/** A reference to a record in another system. */
export type ExternalRefInput = {
  /** The record's id there. */
  id: string;
  /** The other system, for example `servicenow`. */
  system: string;
};

/** Why a high-risk AI system is high-risk (EU AI Act Art. 6). */
export type HighRiskRoute =
  /** A safety component of, or itself, a product under the Union harmonisation legislation of Annex I (Art. 6(1)). */
  | 'ANNEX_I'
  /** Used in an area listed in Annex III (Art. 6(2)). */
  | 'ANNEX_III';

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

/** Every relationship the organisation graph holds, stored from the first named side to the second. */
export type LinkKind =
  /** Party → AISystem or Control or Risk or Obligation. */
  | 'ACCOUNTABLE_FOR'
  /** Control → AISystem. */
  | 'APPLIES_TO'
  /** Obligation → AISystem. */
  | 'BINDS'
  /** Obligation → Requirement. */
  | 'DERIVED_FROM'
  /** Applicability → Requirement. */
  | 'FOR_REQUIREMENT'
  /** Control → Requirement (with its coverage). */
  | 'IMPLEMENTS'
  /** Applicability → AISystem. */
  | 'LIMITED_TO'
  /** Control → Risk. */
  | 'MITIGATES'
  /** Risk → AISystem or Dataset. */
  | 'RAISED_ON'
  /** Party → AISystem or Control or Risk or Obligation. */
  | 'RESPONSIBLE_FOR'
  /** Evidence → AISystem or Dataset. */
  | 'SCOPED_TO'
  /** Evidence → Control or Requirement. */
  | 'SUPPORTS'
  /** Model → Dataset. */
  | 'TRAINED_ON'
  /** AISystem → Dataset (with its purpose). */
  | 'USES_DATASET'
  /** AISystem → Model. */
  | 'USES_MODEL';

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

/** The kind of a risk. */
export type RiskCategory =
  /** Unclear ownership or oversight. */
  | 'ACCOUNTABILITY'
  /** Unfair or discriminatory outcomes. */
  | 'BIAS'
  /** Breach of law or contract. */
  | 'LEGAL'
  /** Anything else. */
  | 'OTHER'
  /** Misuse or exposure of personal data. */
  | 'PRIVACY'
  /** Errors, drift, or failure under unexpected input. */
  | 'ROBUSTNESS'
  /** Harm to health or safety. */
  | 'SAFETY'
  /** Attacks on the system, its data or its models. */
  | 'SECURITY'
  /** People not knowing they deal with AI, or not understanding its output. */
  | 'TRANSPARENCY';

/** Where a risk is in its handling. */
export type RiskStatus =
  /** Accepted by its owner. */
  | 'ACCEPTED'
  /** Likelihood and impact assessed. */
  | 'ASSESSED'
  /** No longer relevant. */
  | 'CLOSED'
  /** Recorded, not assessed. */
  | 'IDENTIFIED'
  /** Treatment in place. */
  | 'TREATED';

/** How a risk is treated. */
export type RiskTreatment =
  /** Accepted as it is. */
  | 'ACCEPT'
  /** Avoided by not doing the risky thing. */
  | 'AVOID'
  /** Reduced by controls. */
  | 'MITIGATE'
  /** Transferred, for example by contract or insurance. */
  | 'TRANSFER';

/** What happened to one record. */
export type SyncAction =
  /** Created. */
  | 'CREATED'
  /** Deleted, or for a link removed. */
  | 'DELETED'
  /** Already as given: nothing written. */
  | 'UNCHANGED'
  /** Updated as a whole. */
  | 'UPDATED';

/** A batch of records and links from one source system. */
export type SyncBatchInput = {
  /** Compute the diff and write nothing. */
  dryRun?: boolean | null | undefined;
  /** The records, at most 20,000 (the service's MAX_SYNC_ITEMS); a larger batch is refused with BAD_USER_INPUT. */
  entities?: Array<SyncEntityInput> | null | undefined;
  /** The links, at most 20,000 (the service's MAX_SYNC_ITEMS); a larger batch is refused with BAD_USER_INPUT. */
  links?: Array<SyncLinkInput> | null | undefined;
  /** The source system, for example `servicenow`: every reference in the batch is an id there. */
  source: string;
};

/** One record of a batch: its reference in the source system and, unless it is deleted, exactly one of the typed inputs. */
export type SyncEntityInput = {
  /** The record, when it is a AISystem. */
  aiSystem?: CreateAiSystemInput | null | undefined;
  /** The record, when it is a Control. */
  control?: CreateControlInput | null | undefined;
  /** The record, when it is a Dataset. */
  dataset?: CreateDatasetInput | null | undefined;
  /** Delete the record this reference points to (with its links). */
  delete?: boolean | null | undefined;
  /** The record, when it is a Evidence. */
  evidence?: CreateEvidenceInput | null | undefined;
  /** This service's id of the record, when the source knows it (from an earlier export): if no record has the reference yet, the record with this id is updated and the reference attached to it, instead of a new record being created. */
  id?: string | null | undefined;
  /** The record, when it is a Model. */
  model?: CreateModelInput | null | undefined;
  /** The record, when it is a Obligation. */
  obligation?: CreateObligationInput | null | undefined;
  /** The record, when it is a Party. */
  party?: CreatePartyInput | null | undefined;
  /** The record's id in the source system. */
  ref: string;
  /** Link kinds for which the batch gives this record's complete set of outgoing links: any stored link of these kinds from the record that the batch does not list is removed (as a GRC export that lists every mapping of a control). Leave out to only add and update links. */
  replaceLinks?: Array<LinkKind> | null | undefined;
  /** The record, when it is a Risk. */
  risk?: CreateRiskInput | null | undefined;
};

/** One link of a batch. Each end is a reference in the source system (a record of this batch or one synced before), or, for `to`, a requirement id such as `iso42001:A.6.2.4`. */
export type SyncLinkInput = {
  /** For IMPLEMENTS: whether the control implements all of the requirement or part of it. */
  coverage?: Coverage | null | undefined;
  /** Remove the link instead. */
  delete?: boolean | null | undefined;
  /** The reference of the record the link starts from. */
  from: string;
  /** The relationship. */
  kind: LinkKind;
  /** For USES_DATASET: what the system uses the dataset for. */
  purpose?: DatasetPurpose | null | undefined;
  /** The reference of the record it goes to, or a requirement id. */
  to: string;
};

export type PushBatchMutationVariables = Exact<{
  batch: SyncBatchInput;
}>;


export type PushBatchMutation = { sync: { dryRun: boolean, summary: { created: number, updated: number, unchanged: number, deleted: number }, entities: Array<{ ref: string, type: string, id: string, action: SyncAction }> } };

export type PullChangesQueryVariables = Exact<{
  after?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type PullChangesQuery = { changes: { edges: Array<{ node: { sequence: number, at: string, actor: string, onBehalfOf: string | null, operation: ChangeOperation, entityType: string, entityId: string, tombstone: boolean, link: { kind: LinkKind, to: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

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

export const PushBatchDocument = new TypedDocumentString(`
    mutation PushBatch($batch: SyncBatchInput!) {
  sync(batch: $batch) {
    dryRun
    summary {
      created
      updated
      unchanged
      deleted
    }
    entities {
      ref
      type
      id
      action
    }
  }
}
    `) as unknown as TypedDocumentString<PushBatchMutation, PushBatchMutationVariables>;
export const PullChangesDocument = new TypedDocumentString(`
    query PullChanges($after: String, $first: Int) {
  changes(after: $after, first: $first) {
    edges {
      node {
        sequence
        at
        actor
        onBehalfOf
        operation
        entityType
        entityId
        link {
          kind
          to
        }
        tombstone
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<PullChangesQuery, PullChangesQueryVariables>;