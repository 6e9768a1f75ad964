/** The read benchmarks' table (printed, and written as Markdown) and the targets it checks. */
import type { LoadResult } from './load.js';
import { MIN_ROUNDS, type ScaleResult } from './read.js';

export interface Machine {
  readonly date: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly cpu: string;
  readonly node: string;
  readonly neo4j: string;
}

/** GraphQL within this factor of the hand-written Cypher (p50 latency). */
export const OVERHEAD_TARGET = 1.3;

const ms = (r: LoadResult | null): string => (r === null ? '–' : `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}`);
const rps = (r: LoadResult | null): string => (r === null ? '–' : r.perSecond.toFixed(1));
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

export interface Target {
  readonly target: string;
  readonly met: boolean;
  readonly detail: string;
}

export function targets(scales: readonly ScaleResult[]): Target[] {
  const out: Target[] = [];
  for (const s of scales) {
    for (const o of s.operations) {
      const r = o.graphql.p50 / o.cypher.p50;
      out.push({
        target: `${o.operation}, scale ${s.scale}: GraphQL within ${OVERHEAD_TARGET}× of the hand-written Cypher (p50)`,
        met: r <= OVERHEAD_TARGET,
        detail: `${r.toFixed(2)}×`,
      });
      if (o.peer) {
        const p = o.graphql.p50 / o.peer.p50;
        out.push({
          target: `${o.operation}, scale ${s.scale}: at least as fast as @neo4j/graphql (p50)`,
          met: p <= 1,
          detail: `${p.toFixed(2)}× (throughput ${(o.graphql.perSecond / o.peer.perSecond).toFixed(2)}×)`,
        });
      } else if (o.peerFailure !== null) {
        out.push({
          target: `${o.operation}, scale ${s.scale}: at least as fast as @neo4j/graphql (p50)`,
          met: true,
          detail: `@neo4j/graphql gave no answer: ${o.peerFailure}`,
        });
      }
      out.push({
        target: `${o.operation}, scale ${s.scale}: round trips a request (batched) bounded by the document's depth`,
        met: o.roundTrips.rounds <= o.depth + 1,
        detail: `${o.roundTrips.rounds} rounds (${o.roundTrips.batched} statements), depth ${o.depth}`,
      });
    }
  }
  const [small, large] = [scales.find((s) => s.scale === 1), scales.find((s) => s.scale === 10)];
  if (small && large) {
    const data = large.records / small.records;
    for (const name of ['coverage', 'trace']) {
      const a = small.operations.find((o) => o.operation === name);
      const b = large.operations.find((o) => o.operation === name);
      if (!a || !b) continue;
      const growth = b.graphql.p50 / a.graphql.p50;
      out.push({
        target: `${name}: cost grows no faster than the data from scale 1 to 10`,
        met: growth <= data,
        detail: `p50 ×${growth.toFixed(2)} for ×${data.toFixed(1)} records`,
      });
    }
  }
  return out;
}

export function markdown(
  machine: Machine,
  scales: readonly ScaleResult[],
  options: { connections: number; durationS: number },
): string {
  const lines: string[] = [];
  lines.push(
    `Read benchmarks, ${machine.date}: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, Neo4j ${machine.neo4j} embedded;`,
  );
  lines.push(
    `${options.connections} connections; each measurement sends enough requests to last about ${options.durationS} s (at least ${MIN_ROUNDS * options.connections}), after a warm-up round (none for requests over a second, which warm the servers themselves). Latency p50 / p95 in ms; throughput in requests/s. Without batching (at the smallest scale only): one request at a time, p50 ms.`,
  );
  lines.push('');
  lines.push(
    '| Operation | Scale | GraphQL | req/s | Hand-written Cypher | req/s | Overhead | @neo4j/graphql | req/s | Peer ratio | Statements batched (rounds) / unbatched, depth | GraphQL without batching, one at a time |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of scales) {
    for (const o of s.operations) {
      lines.push(
        `| ${o.operation} | ${s.scale} | ${ms(o.graphql)} | ${rps(o.graphql)} | ${ms(o.cypher)} | ${rps(o.cypher)} | ${ratio(o.graphql.p50, o.cypher.p50)} | ${o.peerFailure === null ? ms(o.peer) : 'failed'} | ${rps(o.peer)} | ${o.peer ? ratio(o.graphql.p50, o.peer.p50) : '–'} | ${o.roundTrips.batched} (${o.roundTrips.rounds}) / ${o.roundTrips.unbatched ?? '–'}, ${o.depth} | ${o.unbatched === null ? '–' : o.unbatched.p50.toFixed(0)} |`,
      );
    }
  }
  lines.push('');
  lines.push(
    'Stores: ' +
      scales.map((s) => `scale ${s.scale}: ${s.records.toLocaleString('en')} synthetic records`).join('; ') +
      '.',
  );
  lines.push('');
  lines.push('| Target | Met | Measured |');
  lines.push('|---|---|---|');
  for (const t of targets(scales)) lines.push(`| ${t.target} | ${t.met ? 'yes' : '**no**'} | ${t.detail} |`);
  return lines.join('\n') + '\n';
}
