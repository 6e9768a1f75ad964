/**
 * The read benchmarks' stores: one local Neo4j home per scale (.local/neo4j/bench-scale-S),
 * holding the catalogue and the synthetic organisation of that scale and seed. A store is
 * loaded once and reused while its marker says it holds that scale and seed completely.
 */
import { loadBenchConfig, type Config } from '../src/config.js';
import type { GraphExecutor } from '../src/graph/executor.js';
import { migrate } from '../src/graph/migrations.js';
import { loadSeed } from '../src/services/seed.js';
import { countOrganisation, generateSynthetic } from './synthetic/load.js';
import { syntheticCounts } from './synthetic/plan.js';

export const BENCH_SEED = 8477;

export function storeConfig(scale: number, boltPort: number | undefined): Config {
  return loadBenchConfig(undefined, undefined, { home: `.local/neo4j/bench-scale-${scale}`, boltPort });
}

interface Marker {
  scale: number;
  seed: number;
  records: number;
}

const readMarker = {
  name: 'findBenchStore',
  cypher: `OPTIONAL MATCH (b:BenchStore {id: 'bench'}) RETURN b.scale AS scale, b.seed AS seed, b.records AS records`,
  params: {},
};
const clearMarker = { name: 'deleteBenchStore', cypher: `MATCH (b:BenchStore) DELETE b`, params: {} };
const writeMarker = (m: Marker) => ({
  name: 'upsertBenchStore',
  cypher: `MERGE (b:BenchStore {id: 'bench'}) SET b.scale = $scale, b.seed = $seed, b.records = $records`,
  params: { ...m },
});

/** Migrates, loads the catalogue, and loads the synthetic organisation unless the store already holds it. */
export async function prepareStore(
  graph: GraphExecutor,
  config: Config,
  scale: number,
  say: (line: string) => void,
): Promise<{ loadedMs: number | null }> {
  await migrate(graph);
  await loadSeed(graph, config.seedDir, { say: (line) => say(`  ${line}`) });
  const expected = Object.values(syntheticCounts(scale)).reduce((a, b) => a + b, 0);
  const [marker] = await graph.read<Partial<Marker>>(readMarker);
  const { synthetic, other } = await countOrganisation(graph);
  if (
    marker?.scale === scale &&
    marker.seed === BENCH_SEED &&
    marker.records === expected &&
    synthetic === expected &&
    other === 0
  ) {
    say(
      `  scale ${scale}: the store already holds the synthetic organisation (${expected.toLocaleString('en')} records); reusing it`,
    );
    return { loadedMs: null };
  }
  await graph.write(clearMarker);
  if (other > 0) {
    say(`  scale ${scale}: removing ${other.toLocaleString('en')} organisation records that are not synthetic`);
    await graph.write({
      name: 'wipeBench',
      cypher: 'MATCH (n) WHERE n:Entity OR n:ExternalRef OR n:Change DETACH DELETE n',
      params: {},
    });
  }
  say(
    `  scale ${scale}: loading the synthetic organisation (seed ${BENCH_SEED}, ${expected.toLocaleString('en')} records) once; later runs reuse it`,
  );
  let lastTenth = -1;
  const counts = await generateSynthetic(graph, {
    scale,
    seed: BENCH_SEED,
    replace: true,
    // The read benchmarks do not read the change log: loading without it is several times faster.
    changeLog: false,
    onProgress: (written, total) => {
      const tenth = Math.floor((written / total) * 10);
      if (tenth > lastTenth)
        say(`  scale ${scale}: ${written.toLocaleString('en')}/${total.toLocaleString('en')} rows written`);
      lastTenth = tenth;
    },
  });
  await graph.write(writeMarker({ scale, seed: BENCH_SEED, records: counts.totalRecords }));
  say(
    `  scale ${scale}: ${counts.totalRecords.toLocaleString('en')} records and ${counts.totalLinks.toLocaleString('en')} links loaded in ${((counts.planMs + counts.loadMs) / 1000).toFixed(0)} s`,
  );
  return { loadedMs: counts.planMs + counts.loadMs };
}
