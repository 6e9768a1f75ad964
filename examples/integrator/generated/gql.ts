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
    "mutation PushBatch($batch: SyncBatchInput!) {\n  sync(batch: $batch) {\n    dryRun\n    summary {\n      created\n      updated\n      unchanged\n      deleted\n    }\n    entities {\n      ref\n      type\n      id\n      action\n    }\n  }\n}\n\nquery PullChanges($after: String, $first: Int) {\n  changes(after: $after, first: $first) {\n    edges {\n      node {\n        sequence\n        at\n        actor\n        onBehalfOf\n        operation\n        entityType\n        entityId\n        link {\n          kind\n          to\n        }\n        tombstone\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.PushBatchDocument,
};
const documents: Documents = {
    "mutation PushBatch($batch: SyncBatchInput!) {\n  sync(batch: $batch) {\n    dryRun\n    summary {\n      created\n      updated\n      unchanged\n      deleted\n    }\n    entities {\n      ref\n      type\n      id\n      action\n    }\n  }\n}\n\nquery PullChanges($after: String, $first: Int) {\n  changes(after: $after, first: $first) {\n    edges {\n      node {\n        sequence\n        at\n        actor\n        onBehalfOf\n        operation\n        entityType\n        entityId\n        link {\n          kind\n          to\n        }\n        tombstone\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.PushBatchDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PushBatch($batch: SyncBatchInput!) {\n  sync(batch: $batch) {\n    dryRun\n    summary {\n      created\n      updated\n      unchanged\n      deleted\n    }\n    entities {\n      ref\n      type\n      id\n      action\n    }\n  }\n}\n\nquery PullChanges($after: String, $first: Int) {\n  changes(after: $after, first: $first) {\n    edges {\n      node {\n        sequence\n        at\n        actor\n        onBehalfOf\n        operation\n        entityType\n        entityId\n        link {\n          kind\n          to\n        }\n        tombstone\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): typeof import('./graphql.js').PushBatchDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
