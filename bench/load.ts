/**
 * The load generator, run as its own process (bench/read.ts forks it) so that autocannon
 * does not share an event loop with the servers it measures. It sends one request shape
 * at fixed concurrency until a fixed number of responses have come back (so no request
 * is cut off and left running into the next measurement) and reports latency percentiles
 * and throughput over the time that took.
 */
import autocannon from 'autocannon';
import { latencies } from './latency.js';

export interface LoadRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly connections: number;
  /** How many responses to wait for. */
  readonly amount: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly errors: number;
  readonly seconds: number;
}

async function load(request: LoadRequest): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  const instance = autocannon({
    url: request.url,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    connections: request.connections,
    amount: request.amount,
    timeout: 300,
  });
  const started = performance.now();
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status === 200) times.push(ms);
    else errors += 1;
  });
  const result = await instance;
  return {
    ...latencies(times, (performance.now() - started) / 1000),
    errors: errors + result.errors + result.timeouts,
  };
}

process.on('message', (message: LoadRequest) => {
  load(message).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
