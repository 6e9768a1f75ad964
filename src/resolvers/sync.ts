/**
 * Integrators' writes through GraphQL: upsert by external reference, sync, applicability
 * entries by reference, GRC CSV in and out. The work is services/sync.ts's.
 */
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import {
  exportGrcCsv,
  importGrcCsv,
  payloadField,
  sync,
  upsert,
  upsertApplicability,
  UPSERT_TYPES,
} from '../services/sync.js';

const mutations: Record<string, unknown> = {};
for (const type of UPSERT_TYPES) {
  mutations[`upsert${type}`] = async (
    _root: unknown,
    args: { ref: { system: string; id: string }; input: Record<string, unknown> },
    context: Context,
  ) => {
    const { action, entity } = await upsert(context.scope, type, args.ref, args.input);
    return { action, [payloadField(type)]: entity };
  };
}

export const syncResolvers: Resolvers = {
  Query: {
    exportCsv: (_root, args, context) => exportGrcCsv(context.scope, args.kind, args.source),
  },
  Mutation: {
    ...(mutations as Resolvers['Mutation']),
    sync: (_root, args, context) => sync(context.scope, args.batch),
    importCsv: (_root, args, context) => importGrcCsv(context.scope, args.kind, args.content, args.dryRun === true),
    upsertApplicability: async (_root, args, context) => {
      const { action, entity } = await upsertApplicability(context.scope, args.ref, args.input);
      return { action, applicability: entity };
    },
  },
};
