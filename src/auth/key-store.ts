/**
 * Issuing, listing and revoking API keys: the one implementation behind the GraphQL
 * mutations, `npm run apikey` and the local admin key `npm start` makes on first run.
 */
import type { ApiKeyRow } from '../graph/rows.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors.js';
import type { GraphExecutor } from '../graph/executor.js';
import { countApiKeys, createApiKey, listApiKeys, revokeApiKey } from '../graph/statements/api-keys.js';
import { generateKey, ID_SHAPED, KEY_NAME } from './api-keys.js';
import { isRole, type Role } from './roles.js';

export interface IssuedKey {
  readonly apiKey: ApiKeyRow;
  /** The secret: shown to its holder once, stored nowhere. */
  readonly key: string;
}

export async function issueApiKey(
  graph: GraphExecutor,
  request: { name: string; role: string; createdBy: string },
): Promise<IssuedKey> {
  if (!KEY_NAME.test(request.name) || ID_SHAPED.test(request.name)) {
    throw new BadUserInputError(
      'A key name is 1 to 100 characters of letters, digits, ".", "_", "-" and "@", and not shaped like a key id',
      'name',
    );
  }
  if (!isRole(request.role))
    throw new BadUserInputError('The role must be VIEWER, EDITOR, INTEGRATOR or ADMIN', 'role');
  const fresh = generateKey();
  const [row] = await graph.write(
    createApiKey({
      id: fresh.id,
      name: request.name,
      role: request.role,
      hash: fresh.hash,
      prefix: fresh.prefix,
      createdBy: request.createdBy,
    }),
  );
  if (row === undefined)
    throw new ConflictError(`An API key named "${request.name}" already exists`, { field: 'name' });
  return { apiKey: row.key, key: fresh.key };
}

export async function listKeys(graph: GraphExecutor): Promise<ApiKeyRow[]> {
  return (await graph.read(listApiKeys())).map((row) => row.key);
}

/** Revokes a key by its id, or by its name. */
export async function revokeKey(graph: GraphExecutor, by: { id: string } | { name: string }): Promise<ApiKeyRow> {
  const [row] = await graph.write(revokeApiKey(by));
  if (row === undefined) throw new NotFoundError('API key', 'id' in by ? by.id : by.name);
  return row.key;
}

/**
 * On a graph with no keys at all, issues an ADMIN key named `local-admin` and returns
 * it; otherwise returns undefined. For the embedded default only: a fresh local
 * service is usable at once, and a second start prints nothing.
 */
export async function bootstrapLocalAdminKey(
  graph: GraphExecutor,
  role: Role = 'ADMIN',
): Promise<IssuedKey | undefined> {
  const [count] = await graph.read(countApiKeys());
  if ((count?.keys ?? 0) > 0) return undefined;
  try {
    return await issueApiKey(graph, { name: 'local-admin', role, createdBy: 'system' });
  } catch (err) {
    // Another process made it first.
    if (err instanceof ConflictError) return undefined;
    throw err;
  }
}
