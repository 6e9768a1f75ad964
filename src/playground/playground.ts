/**
 * The playground: GraphiQL rendered as one self-contained page (scripts, styles, editor
 * workers and icons inline), so it works with no network beyond this service.
 *
 * The saved operations open together in one editor, each under the comment that says
 * what it answers; the run button offers them by name. (One tab per operation would be
 * nicer, but the bundled GraphiQL does not refresh the editor when tabs are switched.)
 * Their variables are merged into one object, so saved operations never reuse a
 * variable name with another value (checked by mergeVariables).
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { SavedOperation } from './saved-operations.js';

export class PlaygroundError extends Error {
  override name = 'PlaygroundError';
}

export function mergeVariables(operations: readonly SavedOperation[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const op of operations) {
    for (const [name, value] of Object.entries(op.variables)) {
      if (name in merged && JSON.stringify(merged[name]) !== JSON.stringify(value)) {
        throw new PlaygroundError(`${op.file} and ${owner.get(name)} both use $${name} with different values; rename one`);
      }
      merged[name] = value;
      owner.set(name, op.file);
    }
  }
  return merged;
}

export function renderPlayground(operations: readonly SavedOperation[], endpoint = '/graphql'): string {
  const document = operations.map((op) => op.query.trim()).join('\n\n');
  // Yoga's GraphiQL takes the opening document and variables as `query` and `variables`
  // (its typings do not list them); `defaultTabs` variables are not shown in this bundle.
  const opening = { query: `${document}\n`, variables: JSON.stringify(mergeVariables(operations), null, 2) };
  return renderGraphiQL({
    ...(opening as object),
    title: 'aims-graph',
    endpoint,
    defaultEditorToolsVisibility: 'variables',
    schemaDescription: true,
    inputValueDeprecation: true,
    shouldPersistHeaders: false,
    useGETForQueries: false,
  });
}
