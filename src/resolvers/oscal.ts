/** OSCAL exchange of the organisation's side through GraphQL; the work is services/oscal.ts's. */
import type { Resolvers } from '../generated/resolvers.js';
import { exportAssessmentResults, exportComponentDefinition, importComponentDefinition } from '../services/oscal.js';

export const oscalResolvers: Resolvers = {
  Query: {
    exportOscalComponentDefinition: (_root, args, context) => exportComponentDefinition(context.scope, args.source),
    exportOscalAssessmentResults: (_root, args, context) => exportAssessmentResults(context.scope, args),
  },
  Mutation: {
    importOscalComponentDefinition: (_root, args, context) =>
      importComponentDefinition(context.scope, args.content, args.source, args.dryRun === true),
  },
};
