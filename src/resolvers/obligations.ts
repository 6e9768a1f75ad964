/** EU AI Act obligations: what binds an AI system, and the derivation of its Obligations (services/obligations.ts). */
import type { Resolvers } from '../generated/resolvers.js';
import { requirementId } from '../domain/ids.js';
import { applicableObligations, deriveObligations } from '../services/obligations.js';

export const obligationsResolvers: Resolvers = {
  Query: {
    applicableObligations: (_root, args, context) =>
      applicableObligations(context.scope, context.applicabilityRules, args.aiSystem, args.asOf),
  },
  Mutation: {
    deriveObligations: async (_root, args, context) => {
      const outcome = await deriveObligations(context.scope, context.applicabilityRules, args.aiSystem);
      return {
        aiSystem: outcome.system,
        derived: outcome.derived,
        notYetBinding: outcome.notYetBinding,
        noLongerApplicable: outcome.noLongerApplicable,
      };
    },
  },
  ApplicableObligations: {
    aiSystem: (view) => view.system,
    obligations: (view) => [...view.articles],
  },
  ApplicableObligation: {
    article: (view) => view.applicable.article,
    requirement: (view, _args, context) =>
      context.loaders.requirementById.load(requirementId(view.frameworkId, view.applicable.article)),
    appliesFrom: (view) => view.applicable.appliesFrom,
    inEffect: (view) => view.applicable.appliesFrom !== null && view.applicable.appliesFrom <= view.asOf,
    rules: (view) => [...view.applicable.findings],
    obligation: (view) => view.obligation,
  },
  ApplicabilityRuleMatch: {
    id: (finding) => finding.rule.id,
    title: (finding) => finding.rule.title,
    basis: (finding) => finding.rule.basis,
  },
  Obligation: {
    derivedByRules: (row) => (row.derivedByRules ?? []) as string[],
  },
};
