/**
 * npm run bench: sync measured over real HTTP against its own local Neo4j
 * (.local/neo4j/bench, port 7689, wiped first). Prints each figure and the ratios
 * measured side by side in this one run.
 *
 *   1. 1,000 controls pushed as 1,000 upsertControl mutations, and as one sync batch.
 *   2. A 10,000-item batch (2,500 controls, 2,500 evidence items, 5,000 links): dry run,
 *      first run (all created), second run (all unchanged), third run (2,500 updated).
 */
import os from 'node:os';
import { loadBenchConfig } from '../config.js';
import { readApplicabilityRules, loadSeed } from '../ingest/seed.js';
import { migrate } from '../graph/migrations.js';
import { listCoverageRequirements } from '../graph/statements/coverage.js';
import { issueApiKey } from '../auth/key-store.js';
import { createLogger } from '../logger.js';
import { createApp } from '../server.js';
import { withGraph } from './graph-session.js';
import { runCli } from './run-cli.js';

const say = (line: string): void => console.error(line);

await runCli(async () => {
  const config = loadBenchConfig();
  return withGraph(config, say, async (graph) => {
    await migrate(graph);
    await loadSeed(graph, config.seedDir, { say });
    say('bench: wiping the organisation records and the change log of the bench store');
    await graph.write({ name: 'wipeBench', cypher: 'MATCH (n) WHERE n:Entity OR n:ExternalRef OR n:Change DETACH DELETE n', params: {} });
    const app = await createApp({
      graph,
      log: createLogger({ logLevel: 'silent', logFormat: 'json' }),
      queriesDir: config.queriesDir,
      maxBodyBytes: 64 * 1024 * 1024,
      introspection: false,
      hideSchemaDetails: false,
      limits: config.limits,
      metricsAccess: { kind: 'credential' },
      applicabilityRules: await readApplicabilityRules(config.seedDir),
      auth: { jwt: undefined, rateLimit: undefined, trustProxy: false },
    });
    const url = await app.listen(0, '127.0.0.1');
    // The bench authenticates like an integrator: with an API key of its own.
    const { key } = await issueApiKey(graph, { name: `bench-${Date.now()}`, role: 'INTEGRATOR', createdBy: 'bench' });
    const gql = async (query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> => {
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
      if (body.errors) throw new Error(body.errors[0]!.message);
      return body.data!;
    };
    const timed = async (label: string, work: () => Promise<unknown>): Promise<number> => {
      const started = performance.now();
      await work();
      const ms = performance.now() - started;
      say(`bench: ${label}: ${(ms / 1000).toFixed(2)} s`);
      return ms;
    };
    const SYNC = `mutation ($batch: SyncBatchInput!) { sync(batch: $batch) { summary { created updated unchanged deleted } } }`;
    const UPSERT = `mutation ($ref: ExternalRefInput!, $input: CreateControlInput!) { upsertControl(ref: $ref, input: $input) { action } }`;

    try {
      // 1. One by one against one batch, the same 1,000 controls (in two sources, so both create).
      const controls = Array.from({ length: 1000 }, (_, i) => ({ ref: `CTL-${i}`, control: { name: `Bench control ${i}`, status: 'OPERATING' } }));
      const oneByOne = await timed('1,000 upsertControl mutations, one after another', async () => {
        for (const [i, c] of controls.entries()) {
          await gql(UPSERT, { ref: { system: 'bench-single', id: c.ref }, input: c.control });
          if ((i + 1) % 250 === 0) say(`bench:   ${i + 1}/1000 upserts`);
        }
      });
      const batched = await timed('the same 1,000 controls in one sync batch', () => gql(SYNC, { batch: { source: 'bench-batch', entities: controls } }));

      // 2. The 10,000-item batch.
      const targets = (await graph.read(listCoverageRequirements('iso42001'))).map((r) => r.id);
      const n = 2500;
      const batch = {
        source: 'bench-10k',
        entities: [
          ...Array.from({ length: n }, (_, i) => ({ ref: `C-${i}`, control: { name: `Synced control ${i}`, status: 'IMPLEMENTED', controlType: 'PREVENTIVE' } })),
          ...Array.from({ length: n }, (_, i) => ({ ref: `E-${i}`, evidence: { title: `Synced evidence ${i}`, evidenceType: 'DOCUMENT', effectiveFrom: '2026-01-01', validUntil: '2027-12-31' } })),
        ],
        links: [
          ...Array.from({ length: n }, (_, i) => ({ kind: 'SUPPORTS', from: `E-${i}`, to: `C-${i}` })),
          ...Array.from({ length: n }, (_, i) => ({ kind: 'IMPLEMENTS', from: `C-${i}`, to: targets[i % targets.length], coverage: i % 2 === 0 ? 'FULL' : 'PARTIAL' })),
        ],
      };
      say(`bench: 10,000-item batch: ${JSON.stringify(batch).length.toLocaleString('en')} bytes of JSON`);
      const heapBefore = process.memoryUsage().heapUsed;
      const dry = await timed('10,000-item batch, dry run (applied, then rolled back)', () => gql(SYNC, { batch: { ...batch, dryRun: true } }));
      const first = await timed('10,000-item batch, first run (10,000 created)', () => gql(SYNC, { batch }));
      const second = await timed('10,000-item batch, second run (10,000 unchanged)', () => gql(SYNC, { batch }));
      const changed = { ...batch, entities: batch.entities.map((e) => ('control' in e ? { ...e, control: { ...e.control, status: 'OPERATING' } } : e)) };
      const third = await timed('10,000-item batch, third run (2,500 controls updated, the rest unchanged)', () => gql(SYNC, { batch: changed }));
      const heapAfter = process.memoryUsage().heapUsed;

      say('');
      say(`bench results, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`);
      say(`  1,000 upserts one by one      ${(oneByOne / 1000).toFixed(2)} s`);
      say(`  1,000 upserts in one sync     ${(batched / 1000).toFixed(2)} s   (${(oneByOne / batched).toFixed(1)}x faster)`);
      say(`  10,000 items, dry run         ${(dry / 1000).toFixed(2)} s`);
      say(`  10,000 items, first run       ${(first / 1000).toFixed(2)} s   (${Math.round(10_000 / (first / 1000)).toLocaleString('en')} items/s)`);
      say(`  10,000 items, unchanged       ${(second / 1000).toFixed(2)} s   (${(first / second).toFixed(1)}x faster than the first run)`);
      say(`  10,000 items, 2,500 updated   ${(third / 1000).toFixed(2)} s`);
      say(`  service heap growth over the four runs: ${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MiB`);
      return 0;
    } finally {
      await app.stop();
    }
  });
});
