/**
 * The organisation's entity types and the links between them, as data: one description
 * drives input validation, the Cypher that stores them, and the checks that keep
 * schema/organisation.graphql in step. Pure.
 */
import {
  AI_ACT_SPECIAL_CASES,
  CONTROL_STATUSES,
  CONTROL_TYPES,
  COVERAGES,
  DATA_QUALITY_STATUSES,
  DATASET_PURPOSES,
  EU_AI_ACT_CLASSES,
  EVIDENCE_TYPES,
  HIGH_RISK_ROUTES,
  LIFECYCLE_STAGES,
  OBLIGATION_STATUSES,
  PARTY_KINDS,
  RISK_CATEGORIES,
  RISK_STATUSES,
  RISK_TREATMENTS,
} from './organisation.js';
import { OPERATOR_ROLES } from './vocabulary.js';

export type FieldSpec =
  | { kind: 'string'; maxLength: number; pattern?: RegExp; patternHint?: string }
  | { kind: 'text'; maxLength: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enumList'; values: readonly string[] }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'datetime' };

export interface FieldDef {
  readonly name: string;
  readonly spec: FieldSpec;
  readonly required: boolean;
  /** Used when a create leaves the field out. */
  readonly default?: string | number | boolean | readonly string[];
}

export const ENTITY_TYPES = [
  'AISystem',
  'Model',
  'Dataset',
  'Risk',
  'Control',
  'Obligation',
  'Evidence',
  'Party',
  'Applicability',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface EntityDef {
  readonly type: EntityType;
  /** The id prefix: ids look like `sys_<uuid>`. */
  readonly prefix: string;
  /** The field a listing sorts by (then by id, for a stable order). */
  readonly sortField: string;
  /** Fields searched by the `text` filter. */
  readonly textFields: readonly string[];
  /** Fields that can be filtered on by equality. */
  readonly filterFields: readonly string[];
  readonly fields: readonly FieldDef[];
}

const name = (required = true): FieldDef => ({ name: 'name', spec: { kind: 'string', maxLength: 200 }, required });
const title = (): FieldDef => ({ name: 'title', spec: { kind: 'string', maxLength: 300 }, required: true });
const text = (field: string): FieldDef => ({ name: field, spec: { kind: 'text', maxLength: 10_000 }, required: false });
const str = (field: string, maxLength = 300): FieldDef => ({
  name: field,
  spec: { kind: 'string', maxLength },
  required: false,
});
const enumOf = (field: string, values: readonly string[], required: boolean, fallback?: string): FieldDef => ({
  name: field,
  spec: { kind: 'enum', values },
  required,
  ...(fallback === undefined ? {} : { default: fallback }),
});

export const ENTITIES: Readonly<Record<EntityType, EntityDef>> = {
  AISystem: {
    type: 'AISystem',
    prefix: 'sys',
    sortField: 'name',
    textFields: ['name', 'purpose', 'intendedUse'],
    filterFields: ['lifecycleStage', 'riskClass'],
    fields: [
      name(),
      text('purpose'),
      text('intendedUse'),
      enumOf('lifecycleStage', LIFECYCLE_STAGES, true),
      enumOf('riskClass', EU_AI_ACT_CLASSES, false),
      enumOf('highRiskRoute', HIGH_RISK_ROUTES, false),
      str('highRiskArea'),
      { name: 'operatorRoles', spec: { kind: 'enumList', values: OPERATOR_ROLES }, required: false, default: [] },
      {
        name: 'aiActSpecialCases',
        spec: { kind: 'enumList', values: AI_ACT_SPECIAL_CASES },
        required: false,
        default: [],
      },
    ],
  },
  Model: {
    type: 'Model',
    prefix: 'mdl',
    sortField: 'name',
    textFields: ['name', 'description', 'provider'],
    filterFields: [],
    fields: [name(), text('description'), str('provider'), str('modelType'), str('modelVersion', 100)],
  },
  Dataset: {
    type: 'Dataset',
    prefix: 'dst',
    sortField: 'name',
    textFields: ['name', 'description', 'source'],
    filterFields: ['personalData', 'qualityStatus'],
    fields: [
      name(),
      text('description'),
      str('source'),
      str('licence'),
      { name: 'personalData', spec: { kind: 'boolean' }, required: false, default: false },
      text('provenance'),
      enumOf('qualityStatus', DATA_QUALITY_STATUSES, false, 'UNASSESSED'),
    ],
  },
  Risk: {
    type: 'Risk',
    prefix: 'rsk',
    sortField: 'title',
    textFields: ['title', 'description'],
    filterFields: ['category', 'status', 'treatment'],
    fields: [
      title(),
      text('description'),
      enumOf('category', RISK_CATEGORIES, true),
      { name: 'likelihood', spec: { kind: 'int', min: 1, max: 5 }, required: true },
      { name: 'impact', spec: { kind: 'int', min: 1, max: 5 }, required: true },
      enumOf('treatment', RISK_TREATMENTS, false),
      enumOf('status', RISK_STATUSES, false, 'IDENTIFIED'),
    ],
  },
  Control: {
    type: 'Control',
    prefix: 'ctl',
    sortField: 'name',
    textFields: ['name', 'description'],
    filterFields: ['status', 'controlType'],
    fields: [
      name(),
      text('description'),
      enumOf('status', CONTROL_STATUSES, false, 'PLANNED'),
      enumOf('controlType', CONTROL_TYPES, false),
    ],
  },
  Obligation: {
    type: 'Obligation',
    prefix: 'obl',
    sortField: 'title',
    textFields: ['title', 'description'],
    filterFields: ['status'],
    fields: [
      title(),
      text('description'),
      { name: 'dueDate', spec: { kind: 'date' }, required: false },
      enumOf('status', OBLIGATION_STATUSES, false, 'OPEN'),
    ],
  },
  Evidence: {
    type: 'Evidence',
    prefix: 'evd',
    sortField: 'title',
    textFields: ['title', 'uri', 'collectedBy'],
    filterFields: ['evidenceType'],
    fields: [
      title(),
      enumOf('evidenceType', EVIDENCE_TYPES, true),
      str('uri', 2000),
      {
        name: 'sha256',
        spec: {
          kind: 'string',
          maxLength: 64,
          pattern: /^[0-9a-f]{64}$/,
          patternHint: '64 lower-case hexadecimal digits',
        },
        required: false,
      },
      str('collectedBy'),
      { name: 'uploadedAt', spec: { kind: 'datetime' }, required: false },
      { name: 'effectiveFrom', spec: { kind: 'date' }, required: false },
      { name: 'validUntil', spec: { kind: 'date' }, required: false },
    ],
  },
  Party: {
    type: 'Party',
    prefix: 'pty',
    sortField: 'name',
    textFields: ['name', 'email', 'jobTitle'],
    filterFields: ['kind'],
    fields: [
      name(),
      enumOf('kind', PARTY_KINDS, true),
      {
        name: 'email',
        spec: { kind: 'string', maxLength: 254, pattern: /^[^\s@]+@[^\s@]+$/, patternHint: 'an e-mail address' },
        required: false,
      },
      str('jobTitle'),
    ],
  },
  // A Statement of Applicability entry (ISO/IEC 42001 6.1.3): a requirement applies, or is
  // excluded, for the whole organisation or for some AI systems, with the reason.
  Applicability: {
    type: 'Applicability',
    prefix: 'apl',
    sortField: 'justification',
    textFields: ['justification'],
    filterFields: ['applicable'],
    fields: [
      { name: 'applicable', spec: { kind: 'boolean' }, required: true },
      { name: 'justification', spec: { kind: 'text', maxLength: 10_000 }, required: true },
    ],
  },
};

/** The type an entity id belongs to, from its prefix; undefined for other ids. */
export function entityTypeOfId(id: string): EntityType | undefined {
  const prefix = id.slice(0, id.indexOf('_'));
  return ENTITY_TYPES.find((type) => ENTITIES[type].prefix === prefix);
}

export type NodeKind = EntityType | 'Requirement';

/** A relationship the organisation graph may hold, always stored from `from` to `to`. */
export interface LinkDef {
  readonly kind: string;
  readonly from: readonly NodeKind[];
  readonly to: readonly NodeKind[];
  /** A property the link carries, with its allowed values, required when linking. */
  readonly property?: { readonly name: 'purpose' | 'coverage'; readonly values: readonly string[] };
}

const ACCOUNTABLE_TARGETS: readonly NodeKind[] = ['AISystem', 'Control', 'Risk', 'Obligation'];

export const LINKS: readonly LinkDef[] = [
  { kind: 'USES_MODEL', from: ['AISystem'], to: ['Model'] },
  {
    kind: 'USES_DATASET',
    from: ['AISystem'],
    to: ['Dataset'],
    property: { name: 'purpose', values: DATASET_PURPOSES },
  },
  { kind: 'TRAINED_ON', from: ['Model'], to: ['Dataset'] },
  { kind: 'RAISED_ON', from: ['Risk'], to: ['AISystem', 'Dataset'] },
  { kind: 'MITIGATES', from: ['Control'], to: ['Risk'] },
  { kind: 'IMPLEMENTS', from: ['Control'], to: ['Requirement'], property: { name: 'coverage', values: COVERAGES } },
  { kind: 'APPLIES_TO', from: ['Control'], to: ['AISystem'] },
  { kind: 'DERIVED_FROM', from: ['Obligation'], to: ['Requirement'] },
  { kind: 'BINDS', from: ['Obligation'], to: ['AISystem'] },
  { kind: 'SUPPORTS', from: ['Evidence'], to: ['Control', 'Requirement'] },
  { kind: 'SCOPED_TO', from: ['Evidence'], to: ['AISystem', 'Dataset'] },
  { kind: 'ACCOUNTABLE_FOR', from: ['Party'], to: ACCOUNTABLE_TARGETS },
  { kind: 'RESPONSIBLE_FOR', from: ['Party'], to: ACCOUNTABLE_TARGETS },
  { kind: 'FOR_REQUIREMENT', from: ['Applicability'], to: ['Requirement'] },
  { kind: 'LIMITED_TO', from: ['Applicability'], to: ['AISystem'] },
];

export const LINK_KINDS = LINKS.map((l) => l.kind);
export function linkDef(kind: string): LinkDef | undefined {
  return LINKS.find((l) => l.kind === kind);
}
