/**
 * Whether Neo4j still answers, asked while a statement has waited a while for its
 * answer. A Neo4j that is frozen (paused, swapping, a network path that drops packets)
 * keeps connections open and never answers, so neither the driver's connection errors
 * nor the server's own transaction timeout end the wait: this check does. One check at
 * a time, whatever number of statements are waiting, each bounded by its own timer.
 */
export type ConnectivityCheck = () => Promise<unknown>;

/** Neo4j gave no answer within the bound: it is frozen or cut off. */
export class NoAnswer extends Error {
  constructor(what: string) {
    super(`no answer from Neo4j to ${what}`);
    this.name = 'NoAnswer';
  }
}

export class Liveness {
  private inFlight: Promise<unknown> | undefined;

  /**
   * @param check one round trip to the server (the driver's verifyConnectivity sends a
   *   RESET on a pooled connection, or opens one)
   * @param timeoutMs how long the check may take before Neo4j is taken for gone
   */
  constructor(
    private readonly check: ConnectivityCheck,
    readonly timeoutMs: number,
  ) {}

  /** Resolves undefined when Neo4j answered within the bound, or with the failure (NoAnswer for silence); never rejects. */
  failure(): Promise<unknown> {
    this.inFlight ??= this.ask().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private ask(): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<unknown>((resolve) => {
      timer = setTimeout(() => resolve(new NoAnswer(`a liveness check within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    const answer = this.check().then(
      () => undefined,
      (error: unknown) => error ?? new Error('connectivity check failed'),
    );
    return Promise.race([answer, silence]).finally(() => clearTimeout(timer));
  }
}
