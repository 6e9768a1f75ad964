/**
 * Starts the test Neo4j (unless NEO4J_URI names one), applies the migrations and loads
 * the catalogue once for all integration and browser tests. The local test instance
 * has its own store and port (.local/neo4j/test, 7688), apart from the one `npm start`
 * uses, so running the tests never touches development data.
 */
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { connectGraph } from '../../src/graph/connect.js';
import { start, type RunningNeo4j } from '../../src/graph/local/local-neo4j.js';
import { migrate } from '../../src/graph/migrations.js';
import { loadDemo } from '../../src/services/demo.js';
import { loadSeed } from '../../src/services/seed.js';
import { TEST_ENV } from './env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jDatabase: string;
  }
}

let running: RunningNeo4j | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig({ ...TEST_ENV, ...(process.env.NEO4J_URI ? { NEO4J_URI: process.env.NEO4J_URI } : {}) });
  const say = (line: string): void => console.error(`[${project.name}] ${line}`);
  if (config.neo4j.kind === 'local') {
    running = await start(config.neo4j.local, { detached: false, say });
  } else {
    say(`using NEO4J_URI=${config.neo4j.uri}; tests write to database "${config.neo4j.database}"`);
  }
  const uri = running?.uri ?? config.neo4j.uri;
  const connected = connectGraph(config.neo4j, { uri, timeoutMs: config.neo4j.loadTimeoutMs });
  try {
    const { graph } = connected;
    await migrate(graph);
    await loadSeed(graph, config.seedDir, { say });
    // The test database is disposable: start every run from the demo organisation alone.
    await graph.write({
      name: 'resetOrganisation',
      cypher: 'MATCH (n) WHERE n:Entity OR n:ExternalRef OR n:Change DETACH DELETE n',
      params: {},
    });
    await loadDemo(graph, config.seedDir, say);
  } finally {
    await connected.close();
  }
  project.provide('neo4jUri', uri);
  project.provide('neo4jDatabase', config.neo4j.database);
  return async () => {
    await running?.release();
    running = undefined;
  };
}
