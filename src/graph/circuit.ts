/**
 * The circuit in front of Neo4j. While Neo4j cannot be reached, a request that went to
 * the driver would wait out connection attempts and transaction retries before failing;
 * once one request has found Neo4j unreachable, the circuit opens and the requests after
 * it fail at once, for a short cool-down. Then one request probes (half-open): if Neo4j
 * answers the circuit closes, if not it opens for another cool-down. PURE state machine
 * (admit, settle) plus a small holder that executors of one driver share.
 */

export type CircuitState =
  | { readonly kind: 'closed' }
  /** Requests fail at once until `until` (epoch ms). */
  | { readonly kind: 'open'; readonly until: number }
  /** One probe is on its way to Neo4j; the others still fail at once. */
  | { readonly kind: 'half-open' };

/** run: go to Neo4j; probe: check that Neo4j answers first; reject: fail at once. */
export type Admission = 'run' | 'probe' | 'reject';

/** reached: Neo4j answered (even with an error); unreachable: it could not be reached. */
export type Outcome = 'reached' | 'unreachable';

export const CLOSED: CircuitState = Object.freeze({ kind: 'closed' });

/** Whether a request may go to Neo4j now, and the state that follows. */
export function admit(state: CircuitState, now: number): { admission: Admission; state: CircuitState } {
  switch (state.kind) {
    case 'closed':
      return { admission: 'run', state };
    case 'open':
      return now < state.until ? { admission: 'reject', state } : { admission: 'probe', state: { kind: 'half-open' } };
    case 'half-open':
      return { admission: 'reject', state };
  }
}

/**
 * The state after a request learnt whether Neo4j can be reached. Any answer closes the
 * circuit, even one from a request older than the failure that opened it: Neo4j has
 * just answered. Any failure to reach it opens the circuit for a fresh cool-down.
 */
export function settle(_state: CircuitState, outcome: Outcome, now: number, coolDownMs: number): CircuitState {
  return outcome === 'reached' ? CLOSED : { kind: 'open', until: now + coolDownMs };
}

export interface CircuitOptions {
  readonly coolDownMs: number;
  /** Told of every change of kind (closed, open, half-open). */
  readonly onChange?: (from: CircuitState['kind'], to: CircuitState['kind']) => void;
  readonly now?: () => number;
}

/** The one mutable circuit for a driver; executors made by withObserver share it. */
export class Circuit {
  private current: CircuitState = CLOSED;
  private readonly now: () => number;

  constructor(private readonly options: CircuitOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    return this.current;
  }

  admit(): Admission {
    const { admission, state } = admit(this.current, this.now());
    this.move(state);
    return admission;
  }

  settle(outcome: Outcome): void {
    this.move(settle(this.current, outcome, this.now(), this.options.coolDownMs));
  }

  private move(next: CircuitState): void {
    const from = this.current.kind;
    this.current = next;
    if (from !== next.kind) this.options.onChange?.(from, next.kind);
  }
}
