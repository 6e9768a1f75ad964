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
    const answer = this.check().then(
      () => undefined,
      (error: unknown) => error ?? new Error('connectivity check failed'),
    );
    const silence = this.silence();
    return Promise.race([answer, silence.heard]).finally(silence.stop);
  }

  /**
   * NoAnswer once the bound has passed with the process free to hear an answer. A busy
   * process (a long synchronous piece of work) runs its due timers before it reads the
   * sockets that answered meanwhile: a timer that fires late waits a short grace more (up
   * to LATE_RETRIES times, so a frozen Neo4j is still given up soon after the bound), and
   * one that fires on time still lets input already received be read first (setImmediate
   * runs after the poll phase).
   */
  private silence(): { heard: Promise<unknown>; stop: () => void } {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const heard = new Promise<unknown>((resolve) => {
      const wait = (ms: number, retries: number): void => {
        const due = performance.now() + ms;
        timer = setTimeout(() => {
          if (stopped) return;
          if (performance.now() - due > LATE_MS && retries > 0)
            return wait(Math.min(this.timeoutMs, GRACE_MS), retries - 1);
          setImmediate(() => resolve(new NoAnswer(`a liveness check within ${this.timeoutMs} ms`)));
        }, ms);
      };
      wait(this.timeoutMs, LATE_RETRIES);
    });
    return {
      heard,
      stop: () => {
        stopped = true;
        clearTimeout(timer);
      },
    };
  }
}

/** A timer this much past its time means the process was busy, not that Neo4j was silent. */
const LATE_MS = 250;
/** How long a late timer waits again: enough for an answer already received to be read. */
const GRACE_MS = 500;
/** How many times a late timer waits again: a process busy for that long has other trouble. */
const LATE_RETRIES = 3;
