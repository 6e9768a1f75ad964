import type { Resolvers } from '../generated/resolvers.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys.js';

export const authResolvers: Resolvers = {
  Query: {
    viewer: (_root, _args, context) => ({
      id: context.principal.id,
      kind: context.principal.kind,
      roles: [...context.principal.roles],
    }),
    apiKeys: (_root, _args, context) => listApiKeys(context.scope),
  },
  Mutation: {
    createApiKey: async (_root, { input }, context) => {
      const issued = await createApiKey(context.scope, {
        name: input.name,
        role: input.role,
        createdBy: context.principal.id,
      });
      context.log.info(
        { keyId: issued.apiKey.id, name: issued.apiKey.name, role: issued.apiKey.role, by: context.principal.id },
        'API key created',
      );
      return issued;
    },
    revokeApiKey: async (_root, { id }, context) => {
      const key = await revokeApiKey(context.scope, { id });
      context.keyCache.forget(key.id);
      context.log.info({ keyId: key.id, name: key.name, by: context.principal.id }, 'API key revoked');
      return key;
    },
  },
};
