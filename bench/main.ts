/**
 * npm run bench [-- --scale 1,10] [--long] [--sections sync,read] [--operations trace,impact] [--duration 6] [--warmup 1] [--connections 4] [--port 7689]
 *
 * Sync: measured over real HTTP against its own local Neo4j (.local/neo4j/bench, wiped
 * first). Prints each figure and the ratios measured side by side in this one run.
 *   1. 1,000 controls pushed as 1,000 upsertControl mutations, and as one sync batch.
 *   2. A 10,000-item batch (2,500 controls, 2,500 evidence items, 5,000 links): dry run,
 *      first run (all created), second run (all unchanged), third run (2,500 updated).
 *
 * Read: the six analyst operations (bench/operations.ts) at each scale, against a store
 * of that scale's synthetic organisation (.local/neo4j/bench-scale-S, loaded once and
 * reused): GraphQL against hand-written Cypher, against @neo4j/graphql, and without
 * DataLoader batching (bench/read.ts). Then the questions analysts wait on
 * (bench/analyst.ts): coverage in brief and explained, the report pages, the cached
 * repeat and eight clients at once (`--operations analyst` runs only these). `--long` adds
 * scale 30 when the machine has the memory for it. Writes bench/results/<date>.json and .md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { loadBenchConfig } from '../src/config.js';
import { loadSeed } from '../src/services/seed.js';
import { migrate } from '../src/graph/migrations.js';
import { listCoverageRequirements } from '../src/graph/statements/coverage.js';
import { issueApiKey } from '../src/auth/key-store.js';
import { createDriver } from '../src/graph/driver.js';
import { GraphExecutor } from '../src/graph/executor.js';
import { Liveness } from '../src/graph/liveness.js';
import { neo4jVersion, start } from '../src/graph/local/local-neo4j.js';
import { syntheticCounts } from './synthetic/plan.js';
import { withGraph } from '../src/cli/graph-session.js';
import { runCli } from '../src/cli/run-cli.js';
import { benchAnalyst, selectsAnalyst, type AnalystScaleResult } from './analyst.js';
import { createBenchApp } from './app.js';
import { OPERATIONS } from './operations.js';
import { benchScale, type ScaleResult } from './read.js';
import { analystTargets, markdown, targets, type Machine } from './report.js';
import { prepareStore, storeConfig } from './store.js';

const say = (line: string): void => console.error(line);

interface BenchArgs {
  sections: Set<'sync' | 'read'>;
  scales: number[];
  durationS: number;
  warmupRounds: number;
  connections: number;
  port: number | undefined;
  operations: string[];
  /** Also scale 30, when it fits in memory. */
  long: boolean;
}

/** The scale `--long` adds. */
const LONG_SCALE = 30;

function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    sections: new Set(['sync', 'read']),
    scales: [1, 10],
    durationS: 6,
    warmupRounds: 1,
    connections: 4,
    port: undefined,
    operations: [],
    long: false,
  };
  const number = (flag: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${flag} must be a number from ${min} to ${max}`);
    return n;
  };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--long') {
      args.long = true;
      continue;
    }
    const [flag, value] = [argv[i]!, argv[i + 1]];
    i += 1;
    if (flag === '--scale') args.scales = (value ?? '').split(',').map((s) => number('--scale', s, 0.01, 100));
    else if (flag === '--sections') {
      const names = (value ?? '').split(',');
      if (names.some((n) => n !== 'sync' && n !== 'read')) throw new Error('--sections takes sync, read or both');
      args.sections = new Set(names as ('sync' | 'read')[]);
    } else if (flag === '--duration') args.durationS = number('--duration', value, 1, 600);
    else if (flag === '--warmup') args.warmupRounds = number('--warmup', value, 0, 20);
    else if (flag === '--connections') args.connections = number('--connections', value, 1, 1000);
    else if (flag === '--operations') args.operations = (value ?? '').split(',').map((s) => s.trim());
    else if (flag === '--port') args.port = number('--port', value, 1024, 65535);
    else throw new Error(`unknown option ${flag}`);
  }
  if (args.long && !args.scales.includes(LONG_SCALE)) args.scales = [...args.scales, LONG_SCALE];
  return args;
}

/** Why a scale's store and servers would not fit in the memory free now, or null when they would. */
function memoryShortfall(scale: number, config: ReturnType<typeof storeConfig>): string | null {
  if (config.neo4j.kind !== 'local' || scale <= 10) return null;
  const gib = (size: string): number => {
    const [, n, unit] = /^(\d+)([kmg]?)$/i.exec(size.trim()) ?? [];
    return Number(n) * 2 ** ({ k: -20, m: -10, g: 0 }[(unit ?? '').toLowerCase()] ?? -30);
  };
  // Neo4j's heap and page cache, and the bench process with its servers (about 0.1 GiB a scale
  // unit for the largest coverage answers in flight), with a GiB to spare.
  const need = gib(config.neo4j.local.heap) + gib(config.neo4j.local.pageCache) + 0.1 * scale + 1;
  const free = os.freemem() / 2 ** 30;
  return need <= free
    ? null
    : `scale ${scale} needs about ${need.toFixed(1)} GiB (Neo4j heap ${config.neo4j.local.heap}, page cache ${config.neo4j.local.pageCache}, the bench process) and ${free.toFixed(1)} GiB is free`;
}

async function readSection(args: BenchArgs, machine: Machine): Promise<number> {
  const results: ScaleResult[] = [];
  const analyst: AnalystScaleResult[] = [];
  const notes: string[] = [];
  // Only the analysts' questions named: the read benchmarks' six are left out altogether.
  const sixSelected = args.operations.length === 0 || OPERATIONS.some((o) => args.operations.includes(o.name));
  for (const scale of args.scales) {
    const config = storeConfig(scale, args.port);
    if (config.neo4j.kind !== 'local') throw new Error('the read benchmarks run on their own local Neo4j');
    const shortfall = memoryShortfall(scale, config);
    if (shortfall !== null) {
      say(`bench: read, scale ${scale}: not run: ${shortfall}`);
      notes.push(`Scale ${scale} was not run: ${shortfall}.`);
      continue;
    }
    say(`bench: read, scale ${scale}`);
    const local = await start(config.neo4j.local, { detached: false, say });
    // Without batching, one request can hold every pooled connection: wait for one rather than fail.
    const driver = createDriver(config.neo4j, local.uri, { connectionAcquisitionTimeout: 120_000 });
    // Whether Neo4j still answers is asked on a connection of its own, as the service does
    // (src/graph/connect.ts): with every pooled connection busy, a check waiting for one
    // would take a loaded Neo4j for a silent one.
    const probe = createDriver(config.neo4j, local.uri, { maxConnectionPoolSize: 1 });
    try {
      // The hand-written side runs without a transaction timeout; so does the API here (the
      // service's 30 s would end the largest answers under load before they are measured).
      const graph = new GraphExecutor(driver, {
        database: config.neo4j.database,
        timeoutMs: 600_000,
        liveness: new Liveness(
          () => probe.verifyConnectivity({ database: config.neo4j.database }),
          config.neo4j.failFast.livenessTimeoutMs,
        ),
      });
      await prepareStore(graph, config, scale, say);
      const records = Object.values(syntheticCounts(scale)).reduce((a, b) => a + b, 0);
      if (sixSelected)
        results.push(
          await benchScale(scale, records, graph, driver, config, args, say, scale === Math.min(...args.scales)),
        );
      if (selectsAnalyst(args)) analyst.push(await benchAnalyst(scale, records, graph, driver, config, args, say));
    } finally {
      await Promise.all([driver.close(), probe.close()]);
      await local.release();
    }
  }
  const md = markdown(machine, results, args, analyst, notes);
  mkdirSync('bench/results', { recursive: true });
  const base = `bench/results/${machine.date}`;
  writeFileSync(
    `${base}.json`,
    JSON.stringify(
      {
        machine,
        options: { connections: args.connections, durationS: args.durationS, warmupRounds: args.warmupRounds },
        scales: results,
        analyst,
        notes,
        targets: [...targets(results), ...analystTargets(analyst)],
      },
      null,
      2,
    ) + '\n',
  );
  writeFileSync(`${base}.md`, md);
  console.log(md);
  say(`bench: wrote ${base}.json and ${base}.md`);
  return 0;
}

await runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const machine: Machine = {
    date: new Date().toISOString().slice(0, 10),
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    node: process.versions.node,
    neo4j: neo4jVersion(),
  };
  if (args.sections.has('sync')) await syncSection(args.port);
  if (args.sections.has('read')) await readSection(args, machine);
  say(`bench: done in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  return 0;
});

async function syncSection(port: number | undefined): Promise<number> {
  const config = loadBenchConfig(undefined, undefined, { boltPort: port });
  return withGraph(config, say, async (graph) => {
    await migrate(graph);
    await loadSeed(graph, config.seedDir, { say });
    say('bench: wiping the organisation records and the change log of the bench store');
    await graph.write({
      name: 'wipeBench',
      cypher: 'MATCH (n) WHERE n:Entity OR n:ExternalRef OR n:Change DETACH DELETE n',
      params: {},
    });
    const app = await createBenchApp(config, graph, { logLevel: 'silent', maxBodyBytes: 64 * 1024 * 1024 });
    const url = await app.listen(0, '127.0.0.1');
    // The bench authenticates like an integrator: with an API key of its own.
    const { key } = await issueApiKey(graph, { name: `bench-${Date.now()}`, role: 'INTEGRATOR', createdBy: 'bench' });
    const gql = async (query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
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
      const controls = Array.from({ length: 1000 }, (_, i) => ({
        ref: `CTL-${i}`,
        control: { name: `Bench control ${i}`, status: 'OPERATING' },
      }));
      const oneByOne = await timed('1,000 upsertControl mutations, one after another', async () => {
        for (const [i, c] of controls.entries()) {
          await gql(UPSERT, { ref: { system: 'bench-single', id: c.ref }, input: c.control });
          if ((i + 1) % 250 === 0) say(`bench:   ${i + 1}/1000 upserts`);
        }
      });
      const batched = await timed('the same 1,000 controls in one sync batch', () =>
        gql(SYNC, { batch: { source: 'bench-batch', entities: controls } }),
      );

      // 2. The 10,000-item batch.
      const targets = (await graph.read(listCoverageRequirements('iso42001'))).map((r) => r.id);
      const n = 2500;
      const batch = {
        source: 'bench-10k',
        entities: [
          ...Array.from({ length: n }, (_, i) => ({
            ref: `C-${i}`,
            control: { name: `Synced control ${i}`, status: 'IMPLEMENTED', controlType: 'PREVENTIVE' },
          })),
          ...Array.from({ length: n }, (_, i) => ({
            ref: `E-${i}`,
            evidence: {
              title: `Synced evidence ${i}`,
              evidenceType: 'DOCUMENT',
              effectiveFrom: '2026-01-01',
              validUntil: '2027-12-31',
            },
          })),
        ],
        links: [
          ...Array.from({ length: n }, (_, i) => ({ kind: 'SUPPORTS', from: `E-${i}`, to: `C-${i}` })),
          ...Array.from({ length: n }, (_, i) => ({
            kind: 'IMPLEMENTS',
            from: `C-${i}`,
            to: targets[i % targets.length],
            coverage: i % 2 === 0 ? 'FULL' : 'PARTIAL',
          })),
        ],
      };
      say(`bench: 10,000-item batch: ${JSON.stringify(batch).length.toLocaleString('en')} bytes of JSON`);
      const heapBefore = process.memoryUsage().heapUsed;
      const dry = await timed('10,000-item batch, dry run (applied, then rolled back)', () =>
        gql(SYNC, { batch: { ...batch, dryRun: true } }),
      );
      const first = await timed('10,000-item batch, first run (10,000 created)', () => gql(SYNC, { batch }));
      const second = await timed('10,000-item batch, second run (10,000 unchanged)', () => gql(SYNC, { batch }));
      const changed = {
        ...batch,
        entities: batch.entities.map((e) =>
          'control' in e ? { ...e, control: { ...e.control, status: 'OPERATING' } } : e,
        ),
      };
      const third = await timed('10,000-item batch, third run (2,500 controls updated, the rest unchanged)', () =>
        gql(SYNC, { batch: changed }),
      );
      const heapAfter = process.memoryUsage().heapUsed;

      say('');
      say(
        `bench results, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
      );
      say(`  1,000 upserts one by one      ${(oneByOne / 1000).toFixed(2)} s`);
      say(
        `  1,000 upserts in one sync     ${(batched / 1000).toFixed(2)} s   (${(oneByOne / batched).toFixed(1)}x faster)`,
      );
      say(`  10,000 items, dry run         ${(dry / 1000).toFixed(2)} s`);
      say(
        `  10,000 items, first run       ${(first / 1000).toFixed(2)} s   (${Math.round(10_000 / (first / 1000)).toLocaleString('en')} items/s)`,
      );
      say(
        `  10,000 items, unchanged       ${(second / 1000).toFixed(2)} s   (${(first / second).toFixed(1)}x faster than the first run)`,
      );
      say(`  10,000 items, 2,500 updated   ${(third / 1000).toFixed(2)} s`);
      say(`  service heap growth over the four runs: ${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MiB`);
      return 0;
    } finally {
      await app.stop();
    }
  });
}
