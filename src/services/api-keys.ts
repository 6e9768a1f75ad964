/** API keys: made (shown once), listed, revoked. The key store (auth/key-store.ts) keeps only hashes. */
import type { ApiKeyRow } from '../graph/rows.js';
import { issueApiKey, listKeys, revokeKey, type IssuedKey } from '../auth/key-store.js';
import { checkId } from './checks.js';
import type { RequestScope } from './scope.js';

export function listApiKeys(scope: Pick<RequestScope, 'graph'>): Promise<ApiKeyRow[]> {
  return listKeys(scope.graph);
}

export function createApiKey(
  scope: Pick<RequestScope, 'graph'>,
  request: { name: string; role: string; createdBy: string },
): Promise<IssuedKey> {
  return issueApiKey(scope.graph, request);
}

/** Revokes by id, or (commands) by id then name. */
export function revokeApiKey(
  scope: Pick<RequestScope, 'graph'>,
  by: { id: string } | { name: string },
): Promise<ApiKeyRow> {
  return revokeKey(scope.graph, 'id' in by ? { id: checkId(by.id, 'id') } : by);
}
