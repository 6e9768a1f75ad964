/**
 * Clients that read their answers, run as their own process (bench/analyst.ts forks it)
 * so that they do not share an event loop with the servers they measure. `connections`
 * clients each send one request after another until `amount` have been answered, and
 * every answer is read and checked: a status other than 200, or a GraphQL answer with
 * errors, counts as an error (autocannon sees only the status, and GraphQL reports most
 * errors with a 200), and a TIMEOUT (Neo4j ended the transaction) is counted apart.
 */
import { problemWith } from './answer.js';
import { latencies } from './latency.js';
import type { LoadResult } from './load.js';

export interface ClientsRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly body: string | null;
  readonly headers: Record<string, string>;
  readonly connections: number;
  /** How many answers to wait for. */
  readonly amount: number;
}

export interface ClientsResult extends LoadResult {
  /** Errors that were transaction timeouts (code TIMEOUT, or 504). */
  readonly timeouts: number;
  /** The first error's status and message, when there was one. */
  readonly firstError: string | null;
}

async function clients(request: ClientsRequest): Promise<ClientsResult> {
  const times: number[] = [];
  let [sent, errors, timeouts] = [0, 0, 0];
  let firstError: string | null = null;
  const client = async (): Promise<void> => {
    while (sent < request.amount) {
      sent += 1;
      const started = performance.now();
      let problem: ReturnType<typeof problemWith>;
      try {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          ...(request.body === null ? {} : { body: request.body }),
        });
        problem = problemWith(response.status, await response.text());
      } catch (error) {
        problem = {
          message: error instanceof Error ? error.message : String(error),
          timeout: false,
          unavailable: false,
        };
      }
      if (problem === null) times.push(performance.now() - started);
      else {
        errors += 1;
        if (problem.timeout) timeouts += 1;
        firstError ??= problem.message;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: request.connections }, client));
  return { ...latencies(times, (performance.now() - started) / 1000), errors, timeouts, firstError };
}

process.on('message', (message: ClientsRequest) => {
  clients(message).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
