/**
 * The abuse limits as Apollo options: selections, depth, aliases and directives as validation
 * rules, tokens as the parser's own limit, cost as a plugin (it needs the variables).
 * Every refusal is QUERY_TOO_COMPLEX with HTTP 400.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import type { Limits } from '../config.js';
import { costLimitPlugin } from './cost.js';
import { maxAliasesRule, maxDepthRule, maxDirectivesRule, maxIntrospectionRule, maxSelectionsRule } from './rules.js';

/** Introspection root fields (`__schema`, `__type`) one document may hold. */
export const MAX_INTROSPECTION_ROOTS = 2;

export interface ApolloLimits<TContext extends object> {
  readonly validationRules: ValidationRule[];
  readonly parseOptions: { maxTokens: number };
  readonly plugins: ApolloServerPlugin<TContext>[];
}

export function apolloLimits<TContext extends object>(limits: Limits): ApolloLimits<TContext> {
  return {
    // Selections first: over the limit, the document is taken out of the walk before the dear rules see it.
    validationRules: [
      maxSelectionsRule(limits.maxSelections),
      maxDepthRule(limits.maxDepth),
      maxAliasesRule(limits.maxAliases),
      maxDirectivesRule(limits.maxDirectives),
      maxIntrospectionRule(MAX_INTROSPECTION_ROOTS),
    ],
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [costLimitPlugin<TContext>(limits.maxCost)],
  };
}
