/**
 * The analysts' questions at one scale (bench/analyst-operations.ts): each through the
 * service over HTTP and, where it has one, through its hand-written Cypher (served over
 * plain HTTP too, so both pay for HTTP and JSON), answers compared first, then timed
 * under load at fixed concurrency by clients that read and check every answer
 * (bench/clients.ts). Then the cached repeat (an instance with the coverage cache on,
 * asked the same question with no write in between) and eight clients at once on an
 * instance whose transactions have the service's own time limit, counting errors and
 * timeouts. Every other instance here runs with the coverage cache off.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../src/config.js';
import { type GraphExecutor } from '../src/graph/executor.js';
import { issueApiKey } from '../src/auth/key-store.js';
import { summaries } from './analyst-cypher.js';
import {
  ANALYST_OPERATIONS,
  CACHED_OPERATIONS,
  CONCURRENT_CLIENTS,
  CONCURRENT_OPERATIONS,
  DAY,
  FRAMEWORK,
  pickRequirement,
  type AnalystRequest,
  type AnalystSubjects,
} from './analyst-operations.js';
import { problemWith } from './answer.js';
import { createBenchApp } from './app.js';
import type { ClientsRequest, ClientsResult } from './clients.js';
import { pickSubjects, runner, type Run } from './operations.js';
import { MIN_ROUNDS, serveHandWritten, type LoadOptions } from './read.js';

export interface AnalystOperationResult {
  readonly operation: string;
  readonly question: string;
  readonly api: ClientsResult;
  readonly handWritten: ClientsResult | null;
  readonly responseBytes: number;
  readonly targetMs: number;
  readonly overheadTarget: number | null;
}

export interface CachedResult {
  readonly operation: string;
  /** The first request, which computes and keeps the answer. */
  readonly firstMs: number;
  readonly repeat: ClientsResult;
}

export interface ConcurrentResult {
  readonly operation: string;
  readonly clients: number;
  /** The time limit of each transaction, as the service is configured. */
  readonly transactionTimeoutMs: number;
  readonly result: ClientsResult;
}

export interface AnalystScaleResult {
  readonly scale: number;
  readonly records: number;
  readonly subjects: AnalystSubjects;
  readonly operations: readonly AnalystOperationResult[];
  readonly cached: readonly CachedResult[];
  readonly concurrent: readonly ConcurrentResult[];
}

/** Names that select every analyst question, the cached repeat and the eight clients. */
export const ANALYST_GROUP = 'analyst';
export const CACHED = 'cached';
export const CONCURRENT = 'concurrent';

/** A request slower than this warms the servers enough by itself, and one round of them is measured. */
const SLOW_MS = 1000;
const MAX_REQUESTS = 2000;

/** Whether the options select this name (none named: all). */
export const selects = (options: Pick<LoadOptions, 'operations'>, name: string): boolean =>
  options.operations.length === 0 || options.operations.includes(name) || options.operations.includes(ANALYST_GROUP);

/** True when the options select any analyst question. */
export const selectsAnalyst = (options: Pick<LoadOptions, 'operations'>): boolean =>
  [...ANALYST_OPERATIONS.map((o) => o.name), CACHED, CONCURRENT].some((name) => selects(options, name));

function clients(request: ClientsRequest): Promise<ClientsResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./clients.ts', import.meta.url), {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Keeps NaN: the percentiles of a measurement in which nothing was answered.
      serialization: 'advanced',
    });
    let result: ClientsResult | undefined;
    child.on('message', (m: ClientsResult) => (result = m));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`the clients exited with ${code}`))));
    child.send(request);
  });
}

interface Answer {
  /** GraphQL data, or a page's text. */
  readonly answer: unknown;
  readonly bytes: number;
  readonly ms: number;
}

/** An answer that is not a good one; `unavailable` when the service gave up on Neo4j (SERVICE_UNAVAILABLE). */
class AnswerError extends Error {
  constructor(
    message: string,
    readonly unavailable: boolean,
  ) {
    super(message);
  }
}

/** One request; its answer, or an error when it is not a good one. */
async function askOnce(base: string, request: AnalystRequest, headers: Record<string, string>): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${base}${request.path}`, {
    method: request.method,
    headers,
    ...(request.body === null ? {} : { body: request.body }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  const problem = problemWith(response.status, text);
  if (problem !== null)
    throw new AnswerError(`${request.method} ${request.path}: ${problem.message}`, problem.unavailable);
  const json = response.headers.get('content-type')?.startsWith('application/json') ?? false;
  const answer = json ? (JSON.parse(text) as { data: unknown }).data : text;
  return { answer, bytes: text.length, ms };
}

/** How long to wait for the service's circuit to close again after a measurement left it open. */
const RECOVERY_MS = 5000;

/**
 * One request outside a measurement. SERVICE_UNAVAILABLE (the service gave up on Neo4j under
 * the load of the measurement before, and fails at once until its circuit closes) is waited
 * out, twice at most; anything else stops the run.
 */
async function ask(base: string, request: AnalystRequest, headers: Record<string, string>): Promise<Answer> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await askOnce(base, request, headers);
    } catch (error) {
      if (!(error instanceof AnswerError) || !error.unavailable || attempt === 2) throw error;
      console.error(`    ${error.message}; waiting ${RECOVERY_MS / 1000} s for the service to recover`);
      await new Promise((resolve) => setTimeout(resolve, RECOVERY_MS));
    }
  }
}

type Say = (line: string) => void;

/**
 * One request shape under load from `connections` clients: warm-up rounds (none for a
 * request over a second), then enough requests to last about `durationS`, judged from one
 * warm request's time and the cores that can serve them at once.
 */
async function measure(
  label: string,
  base: string,
  request: AnalystRequest,
  headers: Record<string, string>,
  singleMs: number,
  connections: number,
  options: LoadOptions,
  say: Say,
): Promise<ClientsResult> {
  const slow = singleMs > SLOW_MS;
  for (let round = 0; round < (slow ? 0 : options.warmupRounds); round += 1)
    await Promise.all(Array.from({ length: connections }, () => ask(base, request, headers)));
  const parallel = Math.min(connections, os.availableParallelism());
  const amount = Math.min(
    MAX_REQUESTS,
    Math.max(
      (slow ? 1 : MIN_ROUNDS) * connections,
      Math.round((options.durationS * 1000 * parallel) / Math.max(singleMs, 1)),
    ),
  );
  const result = await clients({
    url: `${base}${request.path}`,
    method: request.method,
    body: request.body,
    headers,
    connections,
    amount,
  });
  say(
    `    ${label.padEnd(28)} p50 ${result.p50.toFixed(1).padStart(8)} ms  p95 ${result.p95.toFixed(1).padStart(8)} ms  ${result.perSecond.toFixed(1).padStart(7)} req/s  (${result.requests} answers in ${result.seconds.toFixed(1)} s, ${connections} clients)${result.errors ? `  ${result.errors} errors (${result.timeouts} timeouts): ${result.firstError}` : ''}`,
  );
  return result;
}

/** Serves each question's hand-written version at POST /<index>. */
function startHandWritten(run: Run, subjects: AnalystSubjects) {
  return serveHandWritten((index) => {
    const handWritten = ANALYST_OPERATIONS[index]?.handWritten;
    return handWritten ? () => handWritten(run, subjects) : undefined;
  });
}

/** Where two answers first differ: the path, and each side's value there. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}/${key}`,
      );
      if (found !== null) return found;
    }
  }
  return `at ${path || '/'}:\n  ${JSON.stringify(a)?.slice(0, 600)}\n  ${JSON.stringify(b)?.slice(0, 600)}`;
}

const disagree = (what: string, hand: unknown, api: unknown): Error =>
  new Error(`${what}: the hand-written Cypher and the API disagree ${firstDifference(hand, api)}`);

/** What every measurement at one scale shares: where the servers are, and how to ask them. */
interface Bench {
  readonly scale: number;
  readonly run: Run;
  readonly subjects: AnalystSubjects;
  readonly api: string;
  readonly handWritten: string;
  /** The API's credential, as any integrator sends it. */
  readonly headers: Record<string, string>;
  readonly options: LoadOptions;
  readonly say: Say;
}

const PLAIN = { 'content-type': 'application/json' };

/** One question: answers compared (or the counts a page states checked), then the API and the hand-written side under load. */
async function question(bench: Bench, index: number): Promise<{ result: AnalystOperationResult; answer: unknown }> {
  const { scale, run, subjects, options, say } = bench;
  const operation = ANALYST_OPERATIONS[index]!;
  say(`  scale ${scale}: ${operation.name} — ${operation.question}`);
  const request = operation.request(subjects);
  const first = await ask(bench.api, request, bench.headers);
  say(`    first request: ${first.ms.toFixed(0)} ms, ${first.bytes.toLocaleString('en')} bytes`);
  const handRequest: AnalystRequest = { method: 'POST', path: `/${index}`, body: null };
  let warmHandMs = 0;
  if (operation.handWritten) {
    const hand = await ask(bench.handWritten, handRequest, PLAIN);
    const [expected, found] = [operation.fingerprint(hand.answer), operation.fingerprint(first.answer)];
    if (!isDeepStrictEqual(expected, found)) throw disagree(operation.name, expected, found);
    warmHandMs = (await ask(bench.handWritten, handRequest, PLAIN)).ms;
    say(`    answers agree (hand-written: first ${hand.ms.toFixed(0)} ms, warm ${warmHandMs.toFixed(0)} ms)`);
  } else if (operation.statedSummary) {
    const stated = operation.statedSummary(first.answer as string);
    const counted = (await summaries(run, FRAMEWORK, null, [DAY])).get(DAY);
    if (!isDeepStrictEqual(stated, counted)) throw disagree(`${operation.name}'s summary`, counted, stated);
    say('    the counts it states agree with the hand-written summary');
  }
  const warm = await ask(bench.api, request, bench.headers);
  const api = await measure('API', bench.api, request, bench.headers, warm.ms, options.connections, options, say);
  const handWritten = operation.handWritten
    ? await measure(
        'hand-written Cypher',
        bench.handWritten,
        handRequest,
        PLAIN,
        warmHandMs,
        options.connections,
        options,
        say,
      )
    : null;
  return {
    answer: operation.fingerprint(first.answer),
    result: {
      operation: operation.name,
      question: operation.question,
      api,
      handWritten,
      responseBytes: first.bytes,
      targetMs: operation.targetMs,
      overheadTarget: operation.overheadTarget,
    },
  };
}

/**
 * A question asked again and again of an instance of its own with the coverage cache on
 * (so that its first request computes the answer: questions about the same framework,
 * scope and day share one kept assessment), with no write in between.
 */
async function cachedRepeat(
  bench: Bench,
  name: string,
  expected: unknown,
  start: () => Promise<{ url: string; stop: () => Promise<void> }>,
): Promise<CachedResult> {
  const { scale, subjects, options, say } = bench;
  const operation = ANALYST_OPERATIONS.find((o) => o.name === name)!;
  say(`  scale ${scale}: ${name}, asked again of an instance with the coverage cache on`);
  const request = operation.request(subjects);
  const instance = await start();
  try {
    const first = await ask(instance.url, request, bench.headers);
    const again = await ask(instance.url, request, bench.headers);
    for (const answer of [first, again])
      if (!isDeepStrictEqual(operation.fingerprint(answer.answer), expected))
        throw new Error(`${name}: the cached answer differs from the one computed afresh`);
    say(`    first request ${first.ms.toFixed(0)} ms (computed and kept), second ${again.ms.toFixed(0)} ms`);
    const repeat = await measure(
      'API, cached',
      instance.url,
      request,
      bench.headers,
      again.ms,
      options.connections,
      options,
      say,
    );
    return { operation: name, firstMs: first.ms, repeat };
  } finally {
    await instance.stop();
  }
}

/** A question from eight clients at once, on an instance whose transactions have the service's time limit. */
async function eightClients(bench: Bench, name: string, url: string, timeoutMs: number): Promise<ConcurrentResult> {
  const { scale, subjects, options, say } = bench;
  const operation = ANALYST_OPERATIONS.find((o) => o.name === name)!;
  say(`  scale ${scale}: ${name}, ${CONCURRENT_CLIENTS} clients at once, transactions limited to ${timeoutMs} ms`);
  const request = operation.request(subjects);
  const single = await ask(url, request, bench.headers);
  // Every request of the eight is counted: none is sent as a warm-up, where a failure would stop the run.
  const result = await measure(
    `API, ${CONCURRENT_CLIENTS} clients`,
    url,
    request,
    bench.headers,
    single.ms,
    CONCURRENT_CLIENTS,
    { ...options, warmupRounds: 0 },
    say,
  );
  return { operation: name, clients: CONCURRENT_CLIENTS, transactionTimeoutMs: timeoutMs, result };
}

/** Starts an instance of the service on a free port. */
async function serve(
  config: Config,
  graph: GraphExecutor,
  coverageCacheEntries = 0,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const app = await createBenchApp(config, graph, {
    logLevel: 'error',
    maxBodyBytes: 1024 * 1024,
    coverageCacheEntries,
  });
  return { url: await app.listen(0, '127.0.0.1'), stop: () => app.stop() };
}

export async function benchAnalyst(
  scale: number,
  records: number,
  graph: GraphExecutor,
  driver: Driver,
  config: Config,
  options: LoadOptions,
  say: Say,
): Promise<AnalystScaleResult> {
  const run = runner(driver, config.neo4j.database);
  const subjects: AnalystSubjects = {
    system: (await pickSubjects(run)).system,
    requirement: await pickRequirement(run),
  };
  say(`  scale ${scale}: analysts' questions: system ${subjects.system}, ${FRAMEWORK} ${subjects.requirement}`);
  const api = await serve(config, graph);
  // The eight clients meet the transaction time limit the service runs with (NEO4J_TRANSACTION_TIMEOUT_MS).
  const timeoutMs = config.neo4j.transactionTimeoutMs;
  const bounded = await serve(config, graph.withTimeout(timeoutMs));
  const handWritten = await startHandWritten(run, subjects);
  const { key } = await issueApiKey(graph, { name: `bench-analyst-${Date.now()}`, role: 'VIEWER', createdBy: 'bench' });
  const bench: Bench = {
    scale,
    run,
    subjects,
    api: api.url,
    handWritten: handWritten.url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    options,
    say,
  };
  const answers = new Map<string, unknown>();
  const operations: AnalystOperationResult[] = [];
  const cached: CachedResult[] = [];
  const concurrent: ConcurrentResult[] = [];
  try {
    for (const [index, operation] of ANALYST_OPERATIONS.entries()) {
      if (!selects(options, operation.name)) continue;
      const { result, answer } = await question(bench, index);
      operations.push(result);
      answers.set(operation.name, answer);
    }
    if (selects(options, CACHED)) {
      for (const name of CACHED_OPERATIONS) {
        const operation = ANALYST_OPERATIONS.find((o) => o.name === name)!;
        const expected =
          answers.get(name) ??
          operation.fingerprint((await ask(api.url, operation.request(subjects), bench.headers)).answer);
        cached.push(await cachedRepeat(bench, name, expected, () => serve(config, graph, 32)));
      }
    }
    if (selects(options, CONCURRENT))
      for (const name of CONCURRENT_OPERATIONS)
        concurrent.push(await eightClients(bench, name, bounded.url, timeoutMs));
  } finally {
    await handWritten.stop();
    await bounded.stop();
    await api.stop();
  }
  return { scale, records, subjects, operations, cached, concurrent };
}
