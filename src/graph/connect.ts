/**
 * The graph a process works on, as its configuration says: the driver, a second driver
 * of one connection for the liveness check (so that a pool full of long transactions is
 * not taken for a frozen Neo4j), the circuit, and an executor with the configured times.
 * The service, the commands and the tests' setup all connect this one way.
 */
import type { Driver } from 'neo4j-driver';
import type { Neo4jTarget } from '../config.js';
import { Circuit, type CircuitOptions } from './circuit.js';
import { createDriver } from './driver.js';
import { GraphExecutor } from './executor.js';
import { Liveness } from './liveness.js';

export interface ConnectedGraph {
  readonly graph: GraphExecutor;
  readonly driver: Driver;
  /** Closes both drivers. */
  close(): Promise<void>;
}

export function connectGraph(
  target: Neo4jTarget,
  options: { uri?: string; timeoutMs?: number; onCircuitChange?: CircuitOptions['onChange'] } = {},
): ConnectedGraph {
  const uri = options.uri ?? target.uri;
  const driver = createDriver(target, uri);
  const probe = createDriver(target, uri, { maxConnectionPoolSize: 1 });
  const graph = new GraphExecutor(driver, {
    database: target.database,
    circuit: new Circuit({
      coolDownMs: target.failFast.coolDownMs,
      ...(options.onCircuitChange ? { onChange: options.onCircuitChange } : {}),
    }),
    liveness: new Liveness(
      () => probe.verifyConnectivity({ database: target.database }),
      target.failFast.livenessTimeoutMs,
    ),
    timeoutMs: options.timeoutMs ?? target.transactionTimeoutMs,
  });
  return { graph, driver, close: async () => void (await Promise.all([driver.close(), probe.close()])) };
}
