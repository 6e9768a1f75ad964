/**
 * The organisation side of the graph (DOMAIN.md section 2): the closed vocabularies of
 * its entities, shared by validation, rows and the GraphQL enums
 * (schema/organisation.graphql declares the same values). Pure.
 */
export const LIFECYCLE_STAGES = [
  'INCEPTION',
  'DESIGN_AND_DEVELOPMENT',
  'VERIFICATION_AND_VALIDATION',
  'DEPLOYMENT',
  'OPERATION_AND_MONITORING',
  'RE_EVALUATION',
  'RETIREMENT',
] as const;
export const EU_AI_ACT_CLASSES = ['PROHIBITED', 'HIGH_RISK', 'TRANSPARENCY', 'MINIMAL'] as const;
/** How a high-risk system is high-risk: a safety component under Annex I legislation, or an Annex III use. */
export const HIGH_RISK_ROUTES = ['ANNEX_I', 'ANNEX_III'] as const;
export const DATASET_PURPOSES = ['TRAINING', 'VALIDATION', 'TESTING', 'OPERATION'] as const;
export const DATA_QUALITY_STATUSES = ['UNASSESSED', 'ASSESSED', 'ISSUES_FOUND', 'APPROVED'] as const;
export const RISK_CATEGORIES = [
  'BIAS',
  'ROBUSTNESS',
  'PRIVACY',
  'SECURITY',
  'TRANSPARENCY',
  'SAFETY',
  'ACCOUNTABILITY',
  'LEGAL',
  'OTHER',
] as const;
export const RISK_TREATMENTS = ['MITIGATE', 'ACCEPT', 'TRANSFER', 'AVOID'] as const;
export const RISK_STATUSES = ['IDENTIFIED', 'ASSESSED', 'TREATED', 'ACCEPTED', 'CLOSED'] as const;
export const CONTROL_STATUSES = ['PLANNED', 'IMPLEMENTED', 'OPERATING', 'INEFFECTIVE', 'RETIRED'] as const;
export const CONTROL_TYPES = ['PREVENTIVE', 'DETECTIVE', 'CORRECTIVE', 'DIRECTIVE'] as const;
export const COVERAGES = ['FULL', 'PARTIAL'] as const;
export const OBLIGATION_STATUSES = ['OPEN', 'IN_PROGRESS', 'MET', 'OVERDUE', 'WAIVED'] as const;
export const EVIDENCE_TYPES = [
  'DOCUMENT',
  'TEST_RESULT',
  'LOG',
  'ATTESTATION',
  'AUDIT_REPORT',
  'SCREENSHOT',
  'CONFIGURATION',
  'OTHER',
] as const;
export const PARTY_KINDS = ['PERSON', 'TEAM'] as const;
/**
 * The facts about an AI system, beyond its risk class and the operator roles, on which
 * EU AI Act applicability turns (seed/rules/eu-ai-act-applicability.json).
 */
export const AI_ACT_SPECIAL_CASES = [
  'INTERACTS_WITH_NATURAL_PERSONS',
  'GENERATES_SYNTHETIC_CONTENT',
  'EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION',
  'DEEP_FAKE',
  'PUBLIC_INTEREST_TEXT',
  'USED_BY_PUBLIC_AUTHORITIES',
  'PUBLIC_SERVICE_DEPLOYER',
  'CREDIT_OR_INSURANCE_PRICING',
  'CRITICAL_INFRASTRUCTURE',
  'ANNEX_III_NOT_HIGH_RISK',
  'PROVIDER_OUTSIDE_UNION',
  'REBRANDED_OR_SUBSTANTIALLY_MODIFIED',
  'ON_MARKET_BEFORE_2_AUGUST_2026',
  'GPAI_SYSTEMIC_RISK',
  'GPAI_ON_MARKET_BEFORE_2_AUGUST_2025',
] as const;
export type AiActSpecialCase = (typeof AI_ACT_SPECIAL_CASES)[number];

/** Only these control statuses contribute anything to coverage (DOMAIN.md section 3). */
export const CONTRIBUTING_CONTROL_STATUSES: readonly (typeof CONTROL_STATUSES)[number][] = ['IMPLEMENTED', 'OPERATING'];

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export type EuAiActClass = (typeof EU_AI_ACT_CLASSES)[number];
export type ControlStatus = (typeof CONTROL_STATUSES)[number];
export type Coverage = (typeof COVERAGES)[number];
