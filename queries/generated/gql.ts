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
    "query Frameworks {\n  frameworks {\n    id\n    name\n    version\n    kind\n    publisher\n    requirementCount\n  }\n}": typeof types.FrameworksDocument,
    "query AnnexAControls($framework: ID!) {\n  framework(id: $framework) {\n    id\n    name\n    version\n    requirements(kind: CONTROL_OBJECTIVE) {\n      ref\n      title\n      children {\n        ref\n        title\n        kind\n        auditable\n      }\n    }\n  }\n}": typeof types.AnnexAControlsDocument,
    "query RequirementContext($framework: ID!, $ref: String!) {\n  requirement(framework: $framework, ref: $ref) {\n    id\n    ref\n    title\n    kind\n    auditable\n    roles\n    rolesNote\n    framework {\n      id\n      name\n    }\n    ancestors {\n      ref\n      title\n      kind\n    }\n    parent {\n      ref\n      title\n    }\n    children {\n      ref\n      title\n    }\n  }\n}": typeof types.RequirementContextDocument,
};
const documents: Documents = {
    "query Frameworks {\n  frameworks {\n    id\n    name\n    version\n    kind\n    publisher\n    requirementCount\n  }\n}": types.FrameworksDocument,
    "query AnnexAControls($framework: ID!) {\n  framework(id: $framework) {\n    id\n    name\n    version\n    requirements(kind: CONTROL_OBJECTIVE) {\n      ref\n      title\n      children {\n        ref\n        title\n        kind\n        auditable\n      }\n    }\n  }\n}": types.AnnexAControlsDocument,
    "query RequirementContext($framework: ID!, $ref: String!) {\n  requirement(framework: $framework, ref: $ref) {\n    id\n    ref\n    title\n    kind\n    auditable\n    roles\n    rolesNote\n    framework {\n      id\n      name\n    }\n    ancestors {\n      ref\n      title\n      kind\n    }\n    parent {\n      ref\n      title\n    }\n    children {\n      ref\n      title\n    }\n  }\n}": types.RequirementContextDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Frameworks {\n  frameworks {\n    id\n    name\n    version\n    kind\n    publisher\n    requirementCount\n  }\n}"): typeof import('./graphql.js').FrameworksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AnnexAControls($framework: ID!) {\n  framework(id: $framework) {\n    id\n    name\n    version\n    requirements(kind: CONTROL_OBJECTIVE) {\n      ref\n      title\n      children {\n        ref\n        title\n        kind\n        auditable\n      }\n    }\n  }\n}"): typeof import('./graphql.js').AnnexAControlsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RequirementContext($framework: ID!, $ref: String!) {\n  requirement(framework: $framework, ref: $ref) {\n    id\n    ref\n    title\n    kind\n    auditable\n    roles\n    rolesNote\n    framework {\n      id\n      name\n    }\n    ancestors {\n      ref\n      title\n      kind\n    }\n    parent {\n      ref\n      title\n    }\n    children {\n      ref\n      title\n    }\n  }\n}"): typeof import('./graphql.js').RequirementContextDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
