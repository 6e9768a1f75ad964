/**
 * The closed vocabularies of the catalogue, shared by the seed validator, the graph
 * rows and the GraphQL enums (schema/catalogue.graphql declares the same values).
 */
export const FRAMEWORK_IDS = ['iso42001', 'iso27001', 'iso9001', 'eu-ai-act', 'nist-ai-rmf'] as const;
export const FRAMEWORK_KINDS = ['STANDARD', 'REGULATION', 'GUIDANCE'] as const;
export const REQUIREMENT_KINDS = [
  'CLAUSE',
  'SUBCLAUSE',
  'PARAGRAPH',
  'CONTROL_OBJECTIVE',
  'CONTROL',
  'THEME',
  'CHAPTER',
  'SECTION',
  'ARTICLE',
  'ANNEX',
  'ANNEX_SECTION',
  'FUNCTION',
  'CATEGORY',
  'SUBCATEGORY',
] as const;
/** EU AI Act operator roles (Art. 3(3)-(8)) plus providers of general-purpose AI models. */
export const OPERATOR_ROLES = [
  'PROVIDER',
  'DEPLOYER',
  'IMPORTER',
  'DISTRIBUTOR',
  'AUTHORISED_REPRESENTATIVE',
  'GPAI_PROVIDER',
] as const;

export type FrameworkId = (typeof FRAMEWORK_IDS)[number];
export type FrameworkKind = (typeof FRAMEWORK_KINDS)[number];
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** NIST IR 8477 set-theory relationships between the scopes of two requirements. */
export const RELATIONSHIPS = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH', 'NO_RELATIONSHIP'] as const;
/** OSCAL 1.2 mapping: why two requirements were matched. */
export const MAPPING_RATIONALES = ['SYNTACTIC', 'SEMANTIC', 'FUNCTIONAL'] as const;
/** OSCAL 1.2 mapping: how the mapping was made. */
export const MAPPING_METHODS = ['HUMAN', 'AUTOMATION', 'HYBRID'] as const;
/** OSCAL 1.2 mapping: the state of a mapping. */
export const MAPPING_STATUSES = ['DRAFT', 'COMPLETE', 'DEPRECATED', 'SUPERSEDED'] as const;

export type Relationship = (typeof RELATIONSHIPS)[number];
export type MappingRationale = (typeof MAPPING_RATIONALES)[number];
export type MappingMethod = (typeof MAPPING_METHODS)[number];
export type MappingStatus = (typeof MAPPING_STATUSES)[number];
