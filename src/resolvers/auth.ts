import type { Resolvers } from '../generated/resolvers.js';
import { issueApiKey, listKeys, revokeKey } from '../auth/key-store.js';
import { checkId } from '../services/checks.js';

export const authResolvers: Resolvers = {
  Query: {
    viewer: (_root, _args, context) => ({ id: context.principal.id, kind: context.principal.kind, roles: [...context.principal.roles] }),
    apiKeys: (_root, _args, context) => listKeys(context.graph),
  },
  Mutation: {
    createApiKey: async (_root, { input }, context) => {
      const issued = await issueApiKey(context.graph, { name: input.name, role: input.role, createdBy: context.principal.id });
      context.log.info({ keyId: issued.apiKey.id, name: issued.apiKey.name, role: issued.apiKey.role, by: context.principal.id }, 'API key created');
      return issued;
    },
    revokeApiKey: async (_root, { id }, context) => {
      const key = await revokeKey(context.graph, { id: checkId(id, 'id') });
      context.keyCache.forget(key.id);
      context.log.info({ keyId: key.id, name: key.name, by: context.principal.id }, 'API key revoked');
      return key;
    },
  },
};
