import neo4j, { type Config as DriverConfig, type Driver } from 'neo4j-driver';
import type { Neo4jTarget } from '../config.js';

/**
 * One driver per process, for the local server and any external one alike. Its timeouts
 * are short (config.ts, NEO4J_*_MS): a request on a Neo4j that is down fails within a
 * few seconds, and the executor's circuit makes the ones after it fail at once.
 */
export function createDriver(target: Neo4jTarget, uri: string = target.uri, overrides: DriverConfig = {}): Driver {
  const auth =
    target.kind === 'external' && target.user !== undefined && target.password !== undefined
      ? neo4j.auth.basic(target.user, target.password)
      : neo4j.auth.basic('neo4j', 'unused-auth-disabled');
  return neo4j.driver(uri, auth, {
    userAgent: 'aims-graph',
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: target.failFast.acquireTimeoutMs,
    connectionTimeout: target.failFast.connectTimeoutMs,
    maxTransactionRetryTime: target.failFast.maxRetryMs,
    ...overrides,
  });
}
