/**
 * The abuse limits as Apollo options: depth, aliases and directives as validation
 * rules, tokens as the parser's own limit, cost as a plugin (it needs the variables).
 * Every refusal is QUERY_TOO_COMPLEX with HTTP 400.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import type { Limits } from '../config.js';
import { costLimitPlugin } from './cost.js';
import { maxAliasesRule, maxDepthRule, maxDirectivesRule } from './rules.js';

export interface ApolloLimits<TContext extends object> {
  readonly validationRules: ValidationRule[];
  readonly parseOptions: { maxTokens: number };
  readonly plugins: ApolloServerPlugin<TContext>[];
}

export function apolloLimits<TContext extends object>(limits: Limits): ApolloLimits<TContext> {
  return {
    validationRules: [maxDepthRule(limits.maxDepth), maxAliasesRule(limits.maxAliases), maxDirectivesRule(limits.maxDirectives)],
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [costLimitPlugin<TContext>(limits.maxCost)],
  };
}
