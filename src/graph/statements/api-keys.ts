/**
 * The key store: one (:ApiKey) node per key, found by the hash of the key. Keys are
 * revoked, never deleted, so the change log's `key:<name>` authors stay explained.
 */
import type { Statement } from '../executor.js';
import type { ApiKeyRow } from '../rows.js';

const KEY_ROW = `k { .id, .name, .role, .prefix, createdAt: toString(k.createdAt), .createdBy,
                    lastUsedAt: toString(k.lastUsedAt), revokedAt: toString(k.revokedAt) }`;

/** Creates a key; returns nothing when the name is taken (checked under the name's lock). */
export function createApiKey(key: {
  id: string;
  name: string;
  role: string;
  hash: string;
  prefix: string;
  createdBy: string;
}): Statement<{ key: ApiKeyRow }> {
  return {
    name: 'createApiKey',
    cypher: `OPTIONAL MATCH (taken:ApiKey {name: $name})
             WITH taken WHERE taken IS NULL
             CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, prefix: $prefix,
                               createdAt: datetime.realtime(), createdBy: $createdBy})
             RETURN ${KEY_ROW} AS key`,
    params: key,
  };
}

export function findApiKeyByHash(hash: string): Statement<{ key: ApiKeyRow }> {
  return {
    name: 'findApiKeyByHash',
    cypher: `MATCH (k:ApiKey {hash: $hash}) RETURN ${KEY_ROW} AS key`,
    params: { hash },
  };
}

export function listApiKeys(): Statement<{ key: ApiKeyRow }> {
  return {
    name: 'listApiKeys',
    cypher: `MATCH (k:ApiKey) RETURN ${KEY_ROW} AS key ORDER BY k.createdAt DESC, k.name`,
    params: {},
  };
}

/** Revokes the key with this id, or with this name (both unique); a revoked key keeps its first revocation time. */
export function revokeApiKey(by: { id: string } | { name: string }): Statement<{ key: ApiKeyRow }> {
  const found = 'id' in by ? 'MATCH (k:ApiKey {id: $value})' : 'MATCH (k:ApiKey {name: $value})';
  return {
    name: 'revokeApiKey',
    cypher: `${found}
             SET k.revokedAt = coalesce(k.revokedAt, datetime.realtime())
             RETURN ${KEY_ROW} AS key`,
    params: { value: 'id' in by ? by.id : by.name },
  };
}

/** Records use to the hour: one write per key per hour at most. */
export function touchApiKey(id: string): Statement<{ id: string }> {
  return {
    name: 'touchApiKey',
    cypher: `MATCH (k:ApiKey {id: $id})
             WHERE k.lastUsedAt IS NULL OR k.lastUsedAt < datetime.realtime() - duration('PT1H')
             SET k.lastUsedAt = datetime.truncate('hour', datetime.realtime())
             RETURN k.id AS id`,
    params: { id },
  };
}

export function countApiKeys(): Statement<{ keys: number }> {
  return { name: 'countApiKeys', cypher: 'MATCH (k:ApiKey) RETURN count(k) AS keys', params: {} };
}
