/** Crosswalk and catalogue exchange through GraphQL: CSV and OSCAL exports, crosswalk imports (services/crosswalk.ts). */
import type { Resolvers } from '../generated/resolvers.js';
import { exportCrosswalkSet, exportFrameworkCatalog, importCrosswalkSet } from '../services/crosswalk.js';

export const exchangeResolvers: Resolvers = {
  Query: {
    exportCrosswalkSet: (_root, { id, format }, context) => exportCrosswalkSet(context.scope, id, format),
    exportFrameworkCatalog: (_root, args, context) => exportFrameworkCatalog(context.scope, args.framework),
  },
  Mutation: {
    importCrosswalkSet: (_root, { input }, context) => importCrosswalkSet(context.scope, input),
  },
};
