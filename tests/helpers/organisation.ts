/**
 * Organisation fixtures for one test file: every record it creates carries the file's
 * tag in its name or title, and `cleanUp` removes them all (with their links and external
 * references), so files that share the one Community database stay independent.
 */
import type { GraphExecutor } from '../../src/graph/executor.js';

export async function cleanUp(graph: GraphExecutor, tag: string): Promise<void> {
  await graph.write({
    name: 'testCleanUp',
    cypher: `MATCH (n:Entity) WHERE coalesce(n.name, n.title, '') STARTS WITH $tag
             OPTIONAL MATCH (x:ExternalRef)-[:REFERS_TO]->(n)
             DETACH DELETE x, n`,
    params: { tag },
  });
}
