/**
 * The rows statements return, in one place: the statements (statements/) declare them as
 * their answers, and services, loaders and resolvers read them. Types only.
 */
import type { ChangeOperation } from '../domain/change-log.js';
import type { EntityType } from '../domain/entity-spec.js';
import type {
  FrameworkKind,
  MappingMethod,
  MappingRationale,
  MappingStatus,
  OperatorRole,
  Relationship,
  RequirementKind,
} from '../domain/vocabulary.js';
import type { Plain } from './records.js';

export type TypedProperty = [name: string, type: string, value: unknown];

export interface ApiKeyRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface FrameworkRow {
  id: string;
  name: string;
  title: string;
  version: string;
  publisher: string;
  kind: FrameworkKind;
  edition: string;
  licence: string;
  references: string[];
  requirementCount: number;
}

export interface RequirementRow {
  id: string;
  frameworkId: string;
  ref: string;
  title: string | null;
  kind: RequirementKind;
  auditable: boolean;
  summary: string | null;
  position: number;
  parentId: string | null;
  roles: OperatorRole[];
  rolesConditional: OperatorRole[];
  rolesNote: string | null;
  /** True when the requirement is part of the framework's current version. */
  current: boolean;
}

export interface FrameworkVersionRow {
  id: string;
  frameworkId: string;
  version: string;
  current: boolean;
  note: string | null;
  edition: string;
  licence: string;
  references: string[];
  requirementCount: number;
}

/** One requirement as a given version has it. */
export interface VersionEntryRow {
  requirementId: string;
  ref: string;
  title: string | null;
  kind: RequirementKind;
  parentId: string | null;
  position: number;
}

export interface ChangeRow {
  seq: number;
  at: string;
  actor: string;
  onBehalfOf: string | null;
  operation: ChangeOperation;
  entityId: string;
  entityType: string;
  otherId: string | null;
  linkKind: string | null;
  before: string | null;
  after: string | null;
}

export interface CoverageRequirementRow {
  id: string;
  sectionId: string;
}

export interface CoverageControlRow {
  id: string;
  status: string;
  systems: string[];
  implements: { requirementId: string; coverage: 'FULL' | 'PARTIAL' }[];
  evidence: { id: string; effectiveFrom: string | null; validUntil: string | null; scopedTo: string[] }[];
}

/** A requirement's direct contributions for one question, counted where the data is. */
export interface DirectFactRow {
  requirementId: string;
  contributing: number;
  full: number;
  rejected: number;
}

/** One control's implementation of one requirement, judged for one question where the data is. */
export interface ImplementationRow {
  controlId: string;
  requirementId: string;
  coverage: 'FULL' | 'PARTIAL';
  rejection: 'CONTROL_NOT_CONTRIBUTING' | 'CONTROL_OUT_OF_SCOPE' | null;
  evidence: { id: string; verdict: 'VALID' | 'NOT_YET_EFFECTIVE' | 'EXPIRED' | 'OUT_OF_SCOPE' }[];
}

/** A stored mapping as the coverage rule walks it: its ends and relationship, nothing to show. */
export interface MappingEdgeRow {
  id: string;
  source: string;
  target: string;
  relationship: Relationship;
}

export interface ApplicabilityRow {
  id: string;
  requirementId: string;
  applicable: boolean;
  justification: string;
  systems: string[];
}

export interface RiskFactRow {
  id: string;
  score: number;
  subjects: string[];
  controls: string[];
}

export interface CoverageRecordRow {
  id: string;
  type: 'Control' | 'Evidence' | 'Applicability';
  status: string | null;
  effectiveFrom: string | null;
  validUntil: string | null;
  applicable: boolean | null;
  justification: string | null;
}

export interface CrosswalkSetRow {
  id: string;
  title: string;
  description: string;
  publisher: string;
  source: string;
  sourceUrl: string | null;
  licence: string;
  method: MappingMethod;
  relationshipsBy: string;
  addedBy: string;
  addedAt: string;
  fromFramework: string;
  toFramework: string;
  origin: 'SEED' | 'IMPORT';
  mappingCount: number;
}

export interface MappingRow {
  id: string;
  set: string;
  sourceId: string;
  targetId: string;
  relationship: Relationship;
  rationale: MappingRationale;
  method: MappingMethod;
  status: MappingStatus;
  strength: number | null;
  confidence: number | null;
  justification: string;
  citation: string | null;
  originalRelationship: string | null;
  /** Document order of each end within its framework, for sorting. */
  sourcePosition?: number;
  targetPosition?: number;
}

/** A stored mapping's set, ends and relationship: what listing or walking it needs. */
export type MappingEndsRow = Pick<
  MappingRow,
  'id' | 'set' | 'sourceId' | 'targetId' | 'relationship' | 'sourcePosition' | 'targetPosition'
>;

/** What a stored mapping says beyond its ends (why, how, how sure): read only when shown. */
export type MappingDetailRow = Omit<
  MappingRow,
  'set' | 'sourceId' | 'targetId' | 'relationship' | 'sourcePosition' | 'targetPosition'
>;

export interface DerivedObligationRow {
  obligation: EntityRow;
  requirementId: string;
}

/** An organisation record as stored: its own fields plus identity and bookkeeping. */
export interface EntityRow {
  id: string;
  type: EntityType;
  version: number;
  createdAt: string;
  updatedAt: string;
  externalRefs: { system: string; id: string }[];
  [field: string]: Plain | undefined;
}

/** A record as `listEntityFieldsByIds` and the projected listings return it, before `projectedRow`. */
export interface ProjectedRaw {
  id: string;
  type: EntityType;
  values: Plain[];
  refs: { system: string; id: string }[] | null;
}

export interface DependentRow {
  id: string;
  type: string;
  label: string;
  relationship: string;
}

export interface LinkRow {
  kind: string;
  from: string;
  /** The entity type of the `from` end. */
  fromType: string;
  to: string;
  property: string | null;
}

/** Which index finds a node: organisation records are Entities, the catalogue's are Requirements. */
export type NodeSpace = 'Entity' | 'Requirement';

export interface LinkedRow {
  id: string;
  otherId: string;
  property: string | null;
}

export interface ExportRow {
  ref: string;
  entity: EntityRow;
  /** Link cells: requirement ids (with `=coverage` for IMPLEMENTS) and references in the same source. */
  links: Record<string, string[]>;
  /** Links whose other end has no reference in the source, so a CSV cannot name it. */
  omitted: number;
}

export interface OscalControlRow {
  entity: EntityRow;
  oscalRef: string | null;
  systems: string[];
  implements: { frameworkId: string; ref: string; coverage: 'FULL' | 'PARTIAL' }[];
}

export interface OutgoingLinkRow {
  kind: string;
  from: string;
  fromType: string;
  to: string;
  toIsRequirement: boolean;
  /** Whether the other end has a reference in the source, so a file from the source can name it. */
  toInSource: boolean;
}

export interface TraceRow {
  requirementId: string;
  paths: {
    route: 'RISK' | 'CONTROL' | 'OBLIGATION';
    via: string[];
    controlId: string | null;
    coverage: string | null;
  }[];
}

export interface ImpactRow {
  systems: string[];
  models: string[];
  risks: string[];
  controls: string[];
  obligations: string[];
  evidence: string[];
  requirements: string[];
}
