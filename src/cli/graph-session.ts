import os from 'node:os';
import type { Config } from '../config.js';
import { connectGraph } from '../graph/connect.js';
import type { GraphExecutor } from '../graph/executor.js';
import { start } from '../graph/local/local-neo4j.js';
import { createLoaders } from '../loaders/index.js';
import type { RequestScope } from '../services/scope.js';

/**
 * Runs `work` against the configured graph. The local Neo4j is started for the duration
 * if it is not running, and stopped again afterwards only if it was started here.
 */
export async function withGraph<T>(
  config: Config,
  say: (line: string) => void,
  work: (graph: GraphExecutor) => Promise<T>,
): Promise<T> {
  const local = config.neo4j.kind === 'local' ? await start(config.neo4j.local, { detached: false, say }) : undefined;
  // Commands are jobs, not requests: they have the loads' time (NEO4J_LOAD_TIMEOUT_MS).
  const connected = connectGraph(config.neo4j, {
    uri: local?.uri ?? config.neo4j.uri,
    timeoutMs: config.neo4j.loadTimeoutMs,
  });
  try {
    return await work(connected.graph);
  } finally {
    await connected.close();
    await local?.release();
  }
}

/** The scope a command's services run in: the command's graph, the operator as the actor (`cli:<user>`). */
export function cliScope(config: Config, graph: GraphExecutor): RequestScope {
  return {
    graph,
    loaders: createLoaders(graph),
    actor: { id: `cli:${os.userInfo().username}`, onBehalfOf: null },
    clock: () => new Date(),
    limits: { maxSyncItems: config.limits.maxSyncItems },
  };
}
