/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query CrosswalkSets {\n  crosswalkSets {\n    id\n    title\n    publisher\n    source\n    sourceUrl\n    licence\n    method\n    relationshipsBy\n    addedAt\n    from {\n      id\n    }\n    to {\n      id\n    }\n    mappingCount\n  }\n}": typeof types.CrosswalkSetsDocument,
    "query EuAiActToIso42001 {\n  crosswalk(from: \"eu-ai-act\", to: \"iso42001\") {\n    source {\n      ref\n      title\n    }\n    target {\n      ref\n      title\n    }\n    relationship\n    inverted\n    strength\n    justification\n    status\n    provenance {\n      publisher\n      source\n      licence\n      set {\n        id\n      }\n    }\n  }\n}": typeof types.EuAiActToIso42001Document,
    "query EuAiActVersionDiff($fromVersion: String!, $toVersion: String!) {\n  framework(id: \"eu-ai-act\") {\n    versions {\n      version\n      current\n      note\n      requirementCount\n    }\n  }\n  frameworkVersionDiff(framework: \"eu-ai-act\", from: $fromVersion, to: $toVersion) {\n    changes {\n      kind\n      ref\n      fromTitle\n      toTitle\n      toParent\n      mappings {\n        target {\n          id\n        }\n        relationship\n      }\n    }\n  }\n}": typeof types.EuAiActVersionDiffDocument,
    "query Frameworks {\n  frameworks {\n    id\n    name\n    version\n    kind\n    publisher\n    requirementCount\n  }\n}": typeof types.FrameworksDocument,
    "query AnnexAControls($standard: ID!) {\n  framework(id: $standard) {\n    id\n    name\n    version\n    requirements(kind: CONTROL_OBJECTIVE) {\n      ref\n      title\n      children {\n        ref\n        title\n        kind\n        auditable\n      }\n    }\n  }\n}": typeof types.AnnexAControlsDocument,
    "query NistSubcategoryToIso42001($subcategory: String!, $maxHops: Int!) {\n  requirement(framework: \"nist-ai-rmf\", ref: $subcategory) {\n    ref\n    title\n    mappings(framework: \"iso42001\", includeInferred: true, maxHops: $maxHops) {\n      target {\n        ref\n        title\n        kind\n      }\n      relationship\n      inferred\n      hops\n      chain {\n        source {\n          id\n        }\n        target {\n          id\n        }\n        relationship\n        justification\n        citation\n        status\n        provenance {\n          publisher\n          source\n          set {\n            id\n          }\n        }\n      }\n    }\n  }\n}": typeof types.NistSubcategoryToIso42001Document,
    "query RequirementContext($framework: ID!, $ref: String!) {\n  requirement(framework: $framework, ref: $ref) {\n    id\n    ref\n    title\n    kind\n    auditable\n    roles\n    rolesNote\n    framework {\n      id\n      name\n    }\n    ancestors {\n      ref\n      title\n      kind\n    }\n    parent {\n      ref\n      title\n    }\n    children {\n      ref\n      title\n    }\n  }\n}": typeof types.RequirementContextDocument,
};
const documents: Documents = {
    "query CrosswalkSets {\n  crosswalkSets {\n    id\n    title\n    publisher\n    source\n    sourceUrl\n    licence\n    method\n    relationshipsBy\n    addedAt\n    from {\n      id\n    }\n    to {\n      id\n    }\n    mappingCount\n  }\n}": types.CrosswalkSetsDocument,
    "query EuAiActToIso42001 {\n  crosswalk(from: \"eu-ai-act\", to: \"iso42001\") {\n    source {\n      ref\n      title\n    }\n    target {\n      ref\n      title\n    }\n    relationship\n    inverted\n    strength\n    justification\n    status\n    provenance {\n      publisher\n      source\n      licence\n      set {\n        id\n      }\n    }\n  }\n}": types.EuAiActToIso42001Document,
    "query EuAiActVersionDiff($fromVersion: String!, $toVersion: String!) {\n  framework(id: \"eu-ai-act\") {\n    versions {\n      version\n      current\n      note\n      requirementCount\n    }\n  }\n  frameworkVersionDiff(framework: \"eu-ai-act\", from: $fromVersion, to: $toVersion) {\n    changes {\n      kind\n      ref\n      fromTitle\n      toTitle\n      toParent\n      mappings {\n        target {\n          id\n        }\n        relationship\n      }\n    }\n  }\n}": types.EuAiActVersionDiffDocument,
    "query Frameworks {\n  frameworks {\n    id\n    name\n    version\n    kind\n    publisher\n    requirementCount\n  }\n}": types.FrameworksDocument,
    "query AnnexAControls($standard: ID!) {\n  framework(id: $standard) {\n    id\n    name\n    version\n    requirements(kind: CONTROL_OBJECTIVE) {\n      ref\n      title\n      children {\n        ref\n        title\n        kind\n        auditable\n      }\n    }\n  }\n}": types.AnnexAControlsDocument,
    "query NistSubcategoryToIso42001($subcategory: String!, $maxHops: Int!) {\n  requirement(framework: \"nist-ai-rmf\", ref: $subcategory) {\n    ref\n    title\n    mappings(framework: \"iso42001\", includeInferred: true, maxHops: $maxHops) {\n      target {\n        ref\n        title\n        kind\n      }\n      relationship\n      inferred\n      hops\n      chain {\n        source {\n          id\n        }\n        target {\n          id\n        }\n        relationship\n        justification\n        citation\n        status\n        provenance {\n          publisher\n          source\n          set {\n            id\n          }\n        }\n      }\n    }\n  }\n}": types.NistSubcategoryToIso42001Document,
    "query RequirementContext($framework: ID!, $ref: String!) {\n  requirement(framework: $framework, ref: $ref) {\n    id\n    ref\n    title\n    kind\n    auditable\n    roles\n    rolesNote\n    framework {\n      id\n      name\n    }\n    ancestors {\n      ref\n      title\n      kind\n    }\n    parent {\n      ref\n      title\n    }\n    children {\n      ref\n      title\n    }\n  }\n}": types.RequirementContextDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CrosswalkSets {\n  crosswalkSets {\n    id\n    title\n    publisher\n    source\n    sourceUrl\n    licence\n    method\n    relationshipsBy\n    addedAt\n    from {\n      id\n    }\n    to {\n      id\n    }\n    mappingCount\n  }\n}"): typeof import('./graphql.js').CrosswalkSetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EuAiActToIso42001 {\n  crosswalk(from: \"eu-ai-act\", to: \"iso42001\") {\n    source {\n      ref\n      title\n    }\n    target {\n      ref\n      title\n    }\n    relationship\n    inverted\n    strength\n    justification\n    status\n    provenance {\n      publisher\n      source\n      licence\n      set {\n        id\n      }\n    }\n  }\n}"): typeof import('./graphql.js').EuAiActToIso42001Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EuAiActVersionDiff($fromVersion: String!, $toVersion: String!) {\n  framework(id: \"eu-ai-act\") {\n    versions {\n      version\n      current\n      note\n      requirementCount\n    }\n  }\n  frameworkVersionDiff(framework: \"eu-ai-act\", from: $fromVersion, to: $toVersion) {\n    changes {\n      kind\n      ref\n      fromTitle\n      toTitle\n      toParent\n      mappings {\n        target {\n          id\n        }\n        relationship\n      }\n    }\n  }\n}"): typeof import('./graphql.js').EuAiActVersionDiffDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Frameworks {\n  frameworks {\n    id\n    name\n    version\n    kind\n    publisher\n    requirementCount\n  }\n}"): typeof import('./graphql.js').FrameworksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AnnexAControls($standard: ID!) {\n  framework(id: $standard) {\n    id\n    name\n    version\n    requirements(kind: CONTROL_OBJECTIVE) {\n      ref\n      title\n      children {\n        ref\n        title\n        kind\n        auditable\n      }\n    }\n  }\n}"): typeof import('./graphql.js').AnnexAControlsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NistSubcategoryToIso42001($subcategory: String!, $maxHops: Int!) {\n  requirement(framework: \"nist-ai-rmf\", ref: $subcategory) {\n    ref\n    title\n    mappings(framework: \"iso42001\", includeInferred: true, maxHops: $maxHops) {\n      target {\n        ref\n        title\n        kind\n      }\n      relationship\n      inferred\n      hops\n      chain {\n        source {\n          id\n        }\n        target {\n          id\n        }\n        relationship\n        justification\n        citation\n        status\n        provenance {\n          publisher\n          source\n          set {\n            id\n          }\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql.js').NistSubcategoryToIso42001Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RequirementContext($framework: ID!, $ref: String!) {\n  requirement(framework: $framework, ref: $ref) {\n    id\n    ref\n    title\n    kind\n    auditable\n    roles\n    rolesNote\n    framework {\n      id\n      name\n    }\n    ancestors {\n      ref\n      title\n      kind\n    }\n    parent {\n      ref\n      title\n    }\n    children {\n      ref\n      title\n    }\n  }\n}"): typeof import('./graphql.js').RequirementContextDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
