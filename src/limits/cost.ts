/**
 * The estimated cost of an operation, worked out before it runs from the operation and
 * its variables (graphql-query-complexity walks it; the estimator below prices it):
 *
 *   cost(selection) = the sum of cost(field) over its fields (for a union or interface:
 *                     the dearest of the possible types)
 *   cost(field)     = 1 + multiplier × cost(the field's own selection)
 *   multiplier      = first           when the field takes a `first` argument (its value,
 *                                     the SDL default, or DEFAULT_PAGE_SIZE when neither)
 *                   = 1               for `edges`/`nodes` of a …Connection (already
 *                                     counted by the connection's `first`)
 *                   = ASSUMED_LIST_SIZE for any other list field
 *                   = 1               otherwise
 *
 * Scalars cost 1 each, so `{ aiSystems(first: 100) { edges { node { name risks {
 * title } } } } }` costs 1 + 100 × (edges 1 + (node 1 + (name 1 + risks (1 + 10 × 1))))
 * = 1401. Introspection
 * (`__schema`, `__type`, `__typename` and the fields of `__` types) is free: its size is
 * the schema's, and the introspection switch governs it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getNullableType, isListType } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { QueryTooComplexError } from '../errors.js';

/** Items a list field without `first` is assumed to hold. */
export const ASSUMED_LIST_SIZE = 10;
/** The page a `first` argument with no value and no SDL default gives (the change log's 100). */
export const DEFAULT_PAGE_SIZE = 100;

const isIntrospection = (name: string): boolean => name.startsWith('__');

export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (isIntrospection(field.name) || isIntrospection(type.name)) return 0;
  let multiplier = 1;
  if (field.args.some((arg) => arg.name === 'first')) {
    const first: unknown = args.first;
    multiplier = typeof first === 'number' && Number.isFinite(first) ? Math.max(0, first) : DEFAULT_PAGE_SIZE;
  } else if (isListType(getNullableType(field.type))) {
    const pageOfConnection = type.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes');
    multiplier = pageOfConnection ? 1 : ASSUMED_LIST_SIZE;
  }
  return 1 + multiplier * childComplexity;
};

/**
 * The cost of one operation of `document`. Throws QueryTooComplexError when the walk
 * itself is cut short (graphql-query-complexity stops after 10,000 selections, as a
 * fragment spread many times can make), and rethrows other errors, which are the
 * variables' (execution reports those properly).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  max: number,
): number {
  try {
    return getComplexity({ schema, query: document, variables, operationName, estimators: [costEstimator] });
  } catch (err) {
    if (err instanceof Error && /maximum allowed number of nodes/.test(err.message))
      throw new QueryTooComplexError('cost', max, undefined);
    throw err;
  }
}

/** Apollo takes the response status from extensions.http, and removes it before formatting. */
const STATUS_400 = { http: { status: 400 } };

/** Refuses, with HTTP 400, an operation whose cost is over `max`. */
export function costLimitPlugin<TContext extends object>(max: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          let cost: number;
          try {
            cost = operationCost(schema, document, request.variables ?? {}, operationName ?? undefined, max);
          } catch (err) {
            if (err instanceof QueryTooComplexError) throw new QueryTooComplexError('cost', max, undefined, STATUS_400);
            // Bad variables: execution refuses them with their own message, before any resolver runs.
            return;
          }
          if (cost > max) throw new QueryTooComplexError('cost', max, cost, STATUS_400);
        },
      };
    },
  };
}
