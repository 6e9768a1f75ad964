/**
 * Organisation fixtures for one test file: every record it creates carries the file's
 * tag in its name or title, and `cleanUp` removes them all (with their links and external
 * references), so files that share the one Community database stay independent.
 */
import type { GraphExecutor } from '../../src/graph/executor.js';
import type { TestServer } from './server.js';

export async function cleanUp(graph: GraphExecutor, tag: string): Promise<void> {
  await graph.write({
    name: 'testCleanUp',
    cypher: `MATCH (n:Entity) WHERE coalesce(n.name, n.title, '') STARTS WITH $tag
             OPTIONAL MATCH (x:ExternalRef)-[:REFERS_TO]->(n)
             DETACH DELETE x, n`,
    params: { tag },
  });
}

/**
 * Deletes, through `sync` (so the change log records it), every record that carries a
 * reference in `source`: for files whose sources are their own, so that what they synced
 * does not change the demo organisation's coverage for the files after them.
 */
export async function removeSynced(server: TestServer, source: string, refs?: readonly string[]): Promise<void> {
  const rows = await server.graph.read<{ ref: string }>({
    name: 'refsOfSource',
    cypher: 'MATCH (x:ExternalRef {system: $source}) RETURN x.id AS ref ORDER BY x.id',
    params: { source },
  });
  const wanted = refs === undefined ? rows.map((r) => r.ref) : rows.map((r) => r.ref).filter((r) => refs.includes(r));
  if (wanted.length === 0) return;
  const { body } = await server.gql(
    `mutation ($batch: SyncBatchInput!) { sync(batch: $batch) { summary { deleted } } }`,
    {
      batch: { source, entities: wanted.map((ref) => ({ ref, delete: true })) },
    },
  );
  if (body.errors) throw new Error(`cleaning up ${source}: ${JSON.stringify(body.errors)}`);
}
