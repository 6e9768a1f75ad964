/**
 * The playground: GraphiQL rendered as one self-contained page (scripts, styles, editor
 * workers and icons inline), so it works with no network beyond this service. The saved
 * operations open as tabs.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { SavedOperation } from './saved-operations.js';

export function renderPlayground(operations: readonly SavedOperation[], endpoint = '/graphql'): string {
  return renderGraphiQL({
    title: 'aims-graph',
    endpoint,
    defaultTabs: operations.map((op) => ({
      query: op.query,
      variables: JSON.stringify(op.variables, null, 2),
    })),
    defaultQuery: operations[0]?.query ?? '{ frameworks { id name } }',
    schemaDescription: true,
    inputValueDeprecation: true,
    shouldPersistHeaders: false,
    useGETForQueries: false,
  });
}
