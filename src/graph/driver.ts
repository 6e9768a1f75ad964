import neo4j, { type Config as DriverConfig, type Driver } from 'neo4j-driver';
import type { Neo4jTarget } from '../config.js';

/** One driver per process, for the local server and any external one alike. */
export function createDriver(target: Neo4jTarget, uri: string = target.uri, overrides: DriverConfig = {}): Driver {
  const auth =
    target.kind === 'external' && target.user !== undefined && target.password !== undefined
      ? neo4j.auth.basic(target.user, target.password)
      : neo4j.auth.basic('neo4j', 'unused-auth-disabled');
  return neo4j.driver(uri, auth, {
    userAgent: 'aims-graph',
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 10_000,
    ...overrides,
  });
}
