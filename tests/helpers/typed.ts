import type { TypedDocumentString } from '../../queries/generated/graphql.js';
import type { GraphQLResponse, TestServer } from './server.js';

/** Runs a codegen typed document; the result is typed by the operation it came from. */
export async function run<TResult, TVariables>(
  server: TestServer,
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<GraphQLResponse<TResult>> {
  return server.gql<TResult>(document.toString(), (variables ?? {}) as Record<string, unknown>);
}
