/** The read benchmarks' tables (printed, and written as Markdown) and the targets they check. */
import { ANALYST_OPERATIONS, CACHED_TARGET_MS, CONCURRENT_CLIENTS, DAY, FRAMEWORK } from './analyst-operations.js';
import type { AnalystScaleResult } from './analyst.js';
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
/** A figure to one decimal; a dash where nothing was answered to measure. */
const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

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

/** Whether a measurement answered every request, stated for a target's detail. */
const failures = (r: { errors: number; timeouts: number; firstError: string | null }): string =>
  r.errors === 0 ? '' : `; **${r.errors} errors** (${r.timeouts} timeouts), the first: ${r.firstError}`;

/** The analysts' targets (issue 17): waits at p50, the cached repeat, eight clients, and the summary's growth. */
export function analystTargets(scales: readonly AnalystScaleResult[]): Target[] {
  const out: Target[] = [];
  for (const s of scales) {
    for (const o of s.operations) {
      out.push({
        target: `${o.operation}, scale ${s.scale}: p50 within ${o.targetMs.toLocaleString('en')} ms`,
        met: o.api.p50 <= o.targetMs && o.api.errors === 0,
        detail: `${fixed(o.api.p50)} ms${failures(o.api)}`,
      });
      if (o.overheadTarget !== null && o.handWritten !== null) {
        const r = o.api.p50 / o.handWritten.p50;
        out.push({
          target: `${o.operation}, scale ${s.scale}: within ${o.overheadTarget}× of the minimal hand-written Cypher (p50)`,
          met: r <= o.overheadTarget,
          detail: `${fixed(r, 2)}× (${fixed(o.api.p50)} against ${fixed(o.handWritten.p50)} ms)`,
        });
      }
    }
    for (const c of s.cached) {
      out.push({
        target: `${c.operation}, scale ${s.scale}: asked again with no write in between, p50 within ${CACHED_TARGET_MS} ms`,
        met: c.repeat.p50 <= CACHED_TARGET_MS && c.repeat.errors === 0,
        detail: `${fixed(c.repeat.p50)} ms (first ${c.firstMs.toFixed(0)} ms)${failures(c.repeat)}`,
      });
    }
    for (const c of s.concurrent) {
      out.push({
        target: `${c.operation}, scale ${s.scale}: ${c.clients} clients at once, no error and no transaction timeout`,
        met: c.result.errors === 0,
        detail: `${c.result.requests} answered, ${c.result.errors} errors, ${c.result.timeouts} timeouts (limit ${(c.transactionTimeoutMs / 1000).toFixed(0)} s); p50 ${fixed(c.result.p50, 0)} ms, p95 ${fixed(c.result.p95, 0)} ms`,
      });
    }
  }
  const [small, large] = [scales.find((s) => s.scale === 1), scales.find((s) => s.scale === 10)];
  const a = small?.operations.find((o) => o.operation === 'summary');
  const b = large?.operations.find((o) => o.operation === 'summary');
  if (small && large && a && b) {
    const data = large.records / small.records;
    const growth = b.api.p50 / a.api.p50;
    out.push({
      target: 'summary: cost grows no faster than the data from scale 1 to 10',
      met: growth <= data,
      detail: `p50 ×${fixed(growth, 2)} for ×${data.toFixed(1)} records${b.handWritten && a.handWritten ? ` (hand-written ×${(b.handWritten.p50 / a.handWritten.p50).toFixed(2)})` : ''}`,
    });
  }
  return out;
}

/** What the analysts' figures rest on, for the questions measured. */
function analystNotes(measured: ReadonlySet<string>): string[] {
  const notes: string[] = [];
  if (['coverage page', 'soa page', 'trace page', 'history page'].some((name) => measured.has(name)))
    notes.push(
      "The report pages are timed alone against their targets: each is a whole HTML document built from several GraphQL operations (the coverage page: the summary, every section, every requirement with its reason, the gaps with their risks and remedies), not a small answer that one statement could honestly state. The counts the coverage page states are checked against the minimal Cypher's summary.",
    );
  if (measured.has('history page'))
    notes.push(
      "The history page runs on the bench store, whose synthetic organisation was loaded without a change log (several times faster to load): the log holds only the catalogue's and the crosswalk's load entries, written when the store was made, after every point the page asks for, so each of its twelve points is the present organisation with those loads undone, judged on that day. What is measured is the page's own work (the present state read once, the log read, twelve assessments); reading and undoing a long log is not in it.",
    );
  if (measured.has('requirement') || measured.has('system coverage'))
    notes.push(
      "The explanations' hand-written side assembles each requirement in TypeScript from the facts its statement returns (the levels, the status, and the one sentence, by the service's own src/coverage/explain.ts).",
    );
  return notes.flatMap((note) => [note, '']);
}

const answered = (r: LoadResult & { errors: number }): string =>
  `${fixed(r.p50)} / ${fixed(r.p95)}${r.errors > 0 ? ` (**${r.errors} errors**)` : ''}`;

/** The analysts' questions: the API beside the minimal hand-written Cypher, against their targets. */
function questionsMarkdown(scales: readonly AnalystScaleResult[], options: { connections: number }): string[] {
  const rows = scales.flatMap((s) => s.operations.map((o) => ({ scale: s.scale, ...o })));
  if (rows.length === 0) return [];
  const lines = [
    `Questions analysts wait on (${FRAMEWORK}, as of ${DAY}): ${options.connections} clients at once, each reading every answer and counting any that is not a good one (a GraphQL error in a 200 included); latency p50 / p95 in ms. The API runs with the coverage cache off except in the cached repeat. The minimal hand-written Cypher is one statement on the driver alone returning only the answer asked for (the five counts; one requirement's explanation facts), checked against the API's answer before anything is timed.`,
    '',
    '| Question | Scale | API | req/s | Minimal hand-written Cypher | req/s | API / hand-written | Answer bytes | Target (p50) | Met |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (o) =>
        `| ${o.operation} | ${o.scale} | ${answered(o.api)} | ${rps(o.api)} | ${o.handWritten ? answered(o.handWritten) : '–'} | ${rps(o.handWritten)} | ${o.handWritten && o.api.requests > 0 ? `${fixed(o.api.p50 / o.handWritten.p50, 2)}×` : '–'} | ${o.responseBytes.toLocaleString('en')} | ${o.targetMs.toLocaleString('en')} ms | ${o.api.p50 <= o.targetMs && o.api.errors === 0 ? 'yes' : '**no**'} |`,
    ),
    '',
  ];
  for (const s of scales)
    lines.push(
      `- Scale ${s.scale}: the AI system ${s.subjects.system} (the most risks), the requirement ${FRAMEWORK} ${s.subjects.requirement} (the most implementing controls).`,
    );
  const measured = new Set(rows.map((o) => o.operation));
  for (const q of ANALYST_OPERATIONS.filter((q) => measured.has(q.name))) lines.push(`- ${q.name}: ${q.question}.`);
  lines.push('', ...analystNotes(measured));
  return lines;
}

/** The cached repeat. */
function cachedMarkdown(scales: readonly AnalystScaleResult[], options: { connections: number }): string[] {
  const rows = scales.flatMap((s) => s.cached.map((c) => ({ scale: s.scale, ...c })));
  if (rows.length === 0) return [];
  return [
    `Asked again of an instance with the coverage cache on, with no write in between (${options.connections} clients): the first request computes and keeps the answer; each repeat reads the change log's head and finds it kept.`,
    '',
    '| Question | Scale | First request, ms | Repeated: p50 / p95 | req/s | Target (p50) | Met |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (c) =>
        `| ${c.operation} | ${c.scale} | ${c.firstMs.toFixed(0)} | ${answered(c.repeat)} | ${rps(c.repeat)} | ${CACHED_TARGET_MS} ms | ${c.repeat.p50 <= CACHED_TARGET_MS && c.repeat.errors === 0 ? 'yes' : '**no**'} |`,
    ),
    '',
  ];
}

/** Eight clients at once, with the service's transaction time limit. */
function concurrentMarkdown(scales: readonly AnalystScaleResult[]): string[] {
  const rows = scales.flatMap((s) => s.concurrent.map((c) => ({ scale: s.scale, ...c })));
  if (rows.length === 0) return [];
  return [
    `${CONCURRENT_CLIENTS} clients at once on an instance whose transactions have the service's own time limit (${(rows[0]!.transactionTimeoutMs / 1000).toFixed(0)} s, NEO4J_TRANSACTION_TIMEOUT_MS; the other measurements run without one), coverage cache off:`,
    '',
    '| Question | Scale | Answered | Errors | Transaction timeouts | p50 / p95 | req/s | First error |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (c) =>
        `| ${c.operation} | ${c.scale} | ${c.result.requests} | ${c.result.errors} | ${c.result.timeouts} | ${fixed(c.result.p50)} / ${fixed(c.result.p95)} | ${rps(c.result)} | ${c.result.firstError ?? '–'} |`,
    ),
    '',
  ];
}

export function markdown(
  machine: Machine,
  scales: readonly ScaleResult[],
  options: { connections: number; durationS: number },
  analyst: readonly AnalystScaleResult[] = [],
  notes: readonly string[] = [],
): string {
  const lines: string[] = [];
  lines.push(
    `Read benchmarks, ${machine.date}: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, Neo4j ${machine.neo4j} embedded;`,
  );
  if (scales.length > 0) lines.push(...sixMarkdown(scales, options));
  if (analyst.length > 0)
    lines.push(
      '',
      ...questionsMarkdown(analyst, options),
      ...cachedMarkdown(analyst, options),
      ...concurrentMarkdown(analyst),
    );
  else lines.push('');
  const stores = new Map([...scales, ...analyst].map((s) => [s.scale, s.records]));
  lines.push(
    'Stores: ' +
      [...stores]
        .map(([scale, records]) => `scale ${scale}: ${records.toLocaleString('en')} synthetic records`)
        .join('; ') +
      '.',
  );
  for (const note of notes) lines.push('', note);
  lines.push('');
  lines.push('| Target | Met | Measured |');
  lines.push('|---|---|---|');
  for (const t of [...targets(scales), ...analystTargets(analyst)])
    lines.push(`| ${t.target} | ${t.met ? 'yes' : '**no**'} | ${t.detail} |`);
  return lines.join('\n') + '\n';
}

/** The table of the six read operations. */
function sixMarkdown(scales: readonly ScaleResult[], options: { connections: number; durationS: number }): string[] {
  const lines: string[] = [];
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
  return lines;
}
