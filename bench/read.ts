/**
 * The read benchmarks at one scale: each operation end to end over HTTP at fixed
 * concurrency, through the service's GraphQL API (with and without DataLoader batching),
 * through its hand-written Cypher on the driver alone (served over plain HTTP, so both
 * pay for HTTP and JSON), and, where it can express it, through @neo4j/graphql. All
 * measured side by side in one run, against one store; answers are checked to agree first.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../src/config.js';
import type { GraphExecutor } from '../src/graph/executor.js';
import { issueApiKey } from '../src/auth/key-store.js';
import { createBenchApp } from './app.js';
import type { LoadRequest, LoadResult } from './load.js';
import { OPERATIONS, pickSubjects, prepareOperations, runner, type Subjects } from './operations.js';
import { PEER_OPERATIONS, startPeer } from './peer.js';

export interface LoadOptions {
  readonly connections: number;
  /** Roughly how long each measurement under load lasts: the number of requests is set from one request's time. */
  readonly durationS: number;
  /** Rounds of `connections` concurrent requests sent, and answered, before each measurement. */
  readonly warmupRounds: number;
  /** Operation names to run (all when empty). */
  readonly operations: readonly string[];
}

export interface OperationResult {
  readonly operation: string;
  readonly question: string;
  readonly graphql: LoadResult;
  readonly cypher: LoadResult;
  readonly peer: LoadResult | null;
  /** Why @neo4j/graphql gave no answer, where it can express the operation but failed. */
  readonly peerFailure: string | null;
  /** Without batching, one request at a time (three, or one when a request takes over 20 s). */
  readonly unbatched: LoadResult | null;
  /** Statements sent to Neo4j for one request, with batching and without. */
  /**
   * Statements sent to Neo4j for one request, with batching and without, and the rounds
   * with batching: the longest chain of statements each sent after the one before it was
   * answered (statements in flight together are one round).
   */
  readonly roundTrips: { readonly batched: number; readonly unbatched: number | null; readonly rounds: number };
  /** Depth of the GraphQL document (fields nested in fields). */
  readonly depth: number;
  readonly responseBytes: number;
}

export interface ScaleResult {
  readonly scale: number;
  readonly records: number;
  readonly subjects: Subjects;
  readonly operations: readonly OperationResult[];
}

/** Operations also timed without batching (the rest only count round trips). */
const UNBATCHED_TIMED = new Set(['nested navigation', 'trace', 'impact']);
/** Requests a measurement sends at least, and at most. */
export const MIN_ROUNDS = 2;
/** A request slower than this warms the servers enough by itself: no warm-up round before measuring it. */
const SLOW_MS = 1000;
const MAX_REQUESTS = 2000;

/** The longest chain of statements each sent after the previous one was answered. */
export function rounds(spans: readonly { start: number; end: number }[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const chain: number[] = [];
  sorted.forEach((s, i) => {
    let longest = 0;
    for (let j = 0; j < i; j += 1) if (sorted[j]!.end <= s.start) longest = Math.max(longest, chain[j]!);
    chain.push(longest + 1);
  });
  return Math.max(0, ...chain);
}

function depthOf(document: string): number {
  let depth = 0;
  let max = 0;
  for (const ch of document.replace(/\([^)]*\)/g, '')) {
    if (ch === '{') max = Math.max(max, ++depth);
    else if (ch === '}') depth -= 1;
  }
  return max - 1;
}

function generate(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load.ts', import.meta.url), {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: LoadResult | undefined;
    child.on('message', (m: LoadResult) => (result = m));
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`the load generator exited with ${code}`)),
    );
    child.send(request);
  });
}

/**
 * One request shape under load: warm-up rounds, then enough requests at fixed concurrency
 * to last about `durationS`, judged from one warm request's time (`singleMs`) and the
 * cores that can serve them at once.
 */
async function measure(
  label: string,
  request: Omit<LoadRequest, 'connections' | 'amount'>,
  singleMs: number,
  options: LoadOptions,
  say: (line: string) => void,
): Promise<LoadResult> {
  for (let round = 0; round < (singleMs > SLOW_MS ? 0 : options.warmupRounds); round += 1) {
    await Promise.all(
      Array.from({ length: options.connections }, () => post(request.url, request.body, request.headers)),
    );
  }
  const parallel = Math.min(options.connections, os.availableParallelism());
  const amount = Math.min(
    MAX_REQUESTS,
    Math.max(
      MIN_ROUNDS * options.connections,
      Math.round((options.durationS * 1000 * parallel) / Math.max(singleMs, 1)),
    ),
  );
  const result = await generate({ ...request, connections: options.connections, amount });
  if (result.requests === 0) throw new Error(`${label}: no request succeeded (${result.errors} errors)`);
  say(
    `    ${label.padEnd(28)} p50 ${result.p50.toFixed(1).padStart(8)} ms  p95 ${result.p95.toFixed(1).padStart(8)} ms  ${result.perSecond.toFixed(1).padStart(7)} req/s  (${result.requests} requests in ${result.seconds.toFixed(1)} s)${result.errors ? `  ${result.errors} errors` : ''}`,
  );
  return result;
}

/** Requests one at a time: the latency without contention. */
async function sequential(
  label: string,
  url: string,
  body: string,
  headers: Record<string, string>,
  firstMs: number,
  say: (line: string) => void,
): Promise<LoadResult> {
  const times: number[] = [];
  const count = firstMs > 20_000 ? 1 : 3;
  const started = performance.now();
  for (let i = 0; i < count; i += 1) times.push((await timedPost(url, body, headers)).ms);
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const result = {
    requests: count,
    seconds,
    perSecond: count / seconds,
    p50: times[Math.floor((count - 1) / 2)]!,
    p95: times[count - 1]!,
    errors: 0,
  };
  say(`    ${label.padEnd(28)} p50 ${result.p50.toFixed(1).padStart(8)} ms  (${count} requests one at a time)`);
  return result;
}

async function timedPost(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ data: unknown; bytes: number; ms: number }> {
  const started = performance.now();
  const answer = await post(url, body, headers);
  return { ...answer, ms: performance.now() - started };
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ data: unknown; bytes: number }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  const parsed = JSON.parse(text) as { data?: unknown; errors?: { message: string }[] };
  if (!response.ok || parsed.errors)
    throw new Error(`${url}: ${response.status} ${parsed.errors?.[0]?.message ?? text.slice(0, 200)}`);
  return { data: parsed.data, bytes: text.length };
}

/**
 * Serves hand-written answers over plain HTTP at POST /<index>, so that they pay for HTTP
 * and JSON as the API does: `answer(index)` is the index's answer, or undefined (404).
 */
export async function serveHandWritten(
  answer: (index: number) => (() => Promise<unknown>) | undefined,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const handWritten = answer(Number(req.url?.slice(1)));
      if (!handWritten) return void res.writeHead(404).end();
      handWritten().then(
        (data) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })),
        (error: unknown) => res.writeHead(500).end(JSON.stringify({ errors: [{ message: String(error) }] })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Serves each operation's hand-written version at POST /<index>. */
function startHandWritten(driver: Driver, database: string, subjects: Subjects) {
  const run = runner(driver, database);
  return serveHandWritten((index) => {
    const operation = OPERATIONS[index];
    return operation && (() => operation.handWritten(run, subjects));
  });
}

export async function benchScale(
  scale: number,
  records: number,
  graph: GraphExecutor,
  driver: Driver,
  config: Config,
  options: LoadOptions,
  say: (line: string) => void,
  /** Also without DataLoader batching (slow: one statement per record; run at the smallest scale). */
  withoutBatching: boolean,
): Promise<ScaleResult> {
  const run = runner(driver, config.neo4j.database);
  const subjects = await pickSubjects(run);
  await prepareOperations(run);
  say(`  scale ${scale}: system ${subjects.system}, dataset ${subjects.dataset}, evidence ${subjects.evidence}`);

  const statements = { batched: 0, unbatched: 0 };
  const spans: { start: number; end: number }[] = [];
  const observe = (batched: boolean) => () => {
    if (!batched) return void statements.unbatched++;
    statements.batched++;
    const span = { start: performance.now(), end: Number.POSITIVE_INFINITY };
    spans.push(span);
    return () => void (span.end = performance.now());
  };
  const app = async (batched: boolean) =>
    createBenchApp(config, graph.withObserver(observe(batched)), {
      // Unexpected errors are shown: a benchmark of failing requests measures nothing.
      logLevel: 'error',
      maxBodyBytes: 1024 * 1024,
      loaderBatching: batched,
    });
  const batchedApp = await app(true);
  const unbatchedApp = await app(false);
  const batchedUrl = `${await batchedApp.listen(0, '127.0.0.1')}/graphql`;
  const unbatchedUrl = `${await unbatchedApp.listen(0, '127.0.0.1')}/graphql`;
  const handWritten = await startHandWritten(driver, config.neo4j.database, subjects);
  const peer = await startPeer(driver, config.neo4j.database);
  // The API needs a credential, as for any integrator: a key of the bench's own.
  const { key } = await issueApiKey(graph, { name: `bench-read-${Date.now()}`, role: 'VIEWER', createdBy: 'bench' });
  const gqlHeaders = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const plainHeaders = { 'content-type': 'application/json' };

  const results: OperationResult[] = [];
  try {
    for (const [index, operation] of OPERATIONS.entries()) {
      if (options.operations.length > 0 && !options.operations.includes(operation.name)) continue;
      say(`  scale ${scale}: ${operation.name} — ${operation.question}`);
      const body = JSON.stringify({ query: operation.document, variables: operation.variables(subjects) });
      // Agreement first: the same answer from the API and from the hand-written Cypher.
      let t = performance.now();
      const lap = (what: string): void => {
        say(`    ${what}: ${(performance.now() - t).toFixed(0)} ms`);
        t = performance.now();
      };
      const first = await post(batchedUrl, body, gqlHeaders);
      lap('first GraphQL request');
      const hand = await post(`${handWritten.url}/${index}`, '', plainHeaders);
      lap('first hand-written request');
      if (!isDeepStrictEqual(operation.fingerprint(first.data), operation.fingerprint(hand.data))) {
        throw new Error(
          `${operation.name}: the hand-written Cypher and the API disagree:\n${JSON.stringify(operation.fingerprint(hand.data)).slice(0, 500)}\n${JSON.stringify(operation.fingerprint(first.data)).slice(0, 500)}`,
        );
      }
      // Round trips: statements for one request each way (the key is cached after the first).
      statements.unbatched = 0;
      const unbatchedFirst = withoutBatching ? await timedPost(unbatchedUrl, body, gqlHeaders) : null;
      if (unbatchedFirst !== null) {
        lap('first GraphQL request without batching');
        if (!isDeepStrictEqual(operation.fingerprint(first.data), operation.fingerprint(unbatchedFirst.data)))
          throw new Error(`${operation.name}: batching changed the answer`);
      }
      statements.batched = 0;
      spans.length = 0;
      const warmGraphql = await timedPost(batchedUrl, body, gqlHeaders);
      const roundTrips = {
        batched: statements.batched,
        unbatched: unbatchedFirst === null ? null : statements.unbatched,
        rounds: rounds(spans),
      };
      const warmCypher = await timedPost(`${handWritten.url}/${index}`, '', plainHeaders);

      const peerOperation = PEER_OPERATIONS.find((p) => p.name === operation.name);
      let peerBody: string | undefined;
      let warmPeerMs = 0;
      let peerFailure: string | null = null;
      if (peerOperation) {
        const candidate = JSON.stringify({
          query: peerOperation.document,
          variables: peerOperation.variables({ key: '', id: '' }),
        });
        // The peer may fail where the API does not (a memory limit at a large scale): that is a result too.
        const answer = await post(`${peer.url}/`, candidate, plainHeaders).catch((error: unknown) => {
          peerFailure = error instanceof Error ? error.message.replace(/^\S+: \d+ /, '') : String(error);
          return null;
        });
        if (answer !== null) {
          if (!isDeepStrictEqual(peerOperation.fingerprint(answer.data), operation.fingerprint(first.data))) {
            throw new Error(
              `${operation.name}: @neo4j/graphql and the API disagree:\n${JSON.stringify(peerOperation.fingerprint(answer.data)).slice(0, 500)}\n${JSON.stringify(operation.fingerprint(first.data)).slice(0, 500)}`,
            );
          }
          peerBody = candidate;
          warmPeerMs = (await timedPost(`${peer.url}/`, peerBody, plainHeaders)).ms;
        } else {
          say(`    @neo4j/graphql failed: ${peerFailure}`);
        }
      }
      say(
        `    answers agree; ${first.bytes.toLocaleString('en')} bytes; ${roundTrips.batched} statements a request batched in ${roundTrips.rounds} rounds${roundTrips.unbatched === null ? '' : `, ${roundTrips.unbatched} unbatched`}`,
      );
      say(
        `    one warm request: GraphQL ${warmGraphql.ms.toFixed(0)} ms, hand-written ${warmCypher.ms.toFixed(0)} ms${peerBody ? `, @neo4j/graphql ${warmPeerMs.toFixed(0)} ms` : ''}`,
      );

      const graphql = await measure(
        'GraphQL',
        { url: batchedUrl, body, headers: gqlHeaders },
        warmGraphql.ms,
        options,
        say,
      );
      const cypher = await measure(
        'hand-written Cypher',
        { url: `${handWritten.url}/${index}`, body: '', headers: plainHeaders },
        warmCypher.ms,
        options,
        say,
      );
      const peerResult = peerBody
        ? await measure(
            '@neo4j/graphql',
            { url: `${peer.url}/`, body: peerBody, headers: plainHeaders },
            warmPeerMs,
            options,
            say,
          )
        : null;
      const unbatched =
        unbatchedFirst !== null && UNBATCHED_TIMED.has(operation.name)
          ? await sequential('GraphQL without batching', unbatchedUrl, body, gqlHeaders, unbatchedFirst.ms, say)
          : null;
      results.push({
        operation: operation.name,
        question: operation.question,
        graphql,
        cypher,
        peer: peerResult,
        peerFailure,
        unbatched,
        roundTrips,
        depth: depthOf(operation.document),
        responseBytes: first.bytes,
      });
    }
  } finally {
    await peer.stop();
    await handWritten.stop();
    await unbatchedApp.stop();
    await batchedApp.stop();
  }
  return { scale, records, subjects, operations: results };
}
