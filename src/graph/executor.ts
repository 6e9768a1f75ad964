/**
 * The one way into Neo4j. Every statement runs in a managed transaction
 * (executeRead/executeWrite: retried on transient errors, routed to a reader or the
 * leader in a cluster) on the configured database, tagged with its name, and every
 * driver error is translated by its code at this boundary. A circuit (circuit.ts) makes
 * requests fail at once with SERVICE_UNAVAILABLE while Neo4j cannot be reached.
 *
 * Reads go in READ transactions, which a cluster routes to its readers, and a READ
 * transaction refuses a statement that would update the graph. With a request's
 * bookmarks (bookmarks.ts), every transaction starts after the writes the client has
 * seen and the request's own earlier writes, whichever server it lands on.
 *
 * Every transaction has a time (timeoutMs) that Neo4j enforces, and the service bounds
 * the wait itself too, because a frozen Neo4j enforces nothing: a statement that has
 * waited `liveness.timeoutMs` makes the service ask whether Neo4j still answers (liveness.ts),
 * and if it does not, the transaction is given up with SERVICE_UNAVAILABLE and the
 * circuit opens; one that outlives its time by as much again ends with TIMEOUT.
 */
import neo4j, { Neo4jError, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { BadUserInputError, ConflictError, ServiceUnavailableError, TimeoutError } from '../errors.js';
import type { RequestBookmarks } from './bookmarks.js';
import { Circuit, type Outcome } from './circuit.js';
import { Liveness, NoAnswer } from './liveness.js';
import { toPlain, type Plain } from './records.js';
import { ping } from './statements/admin.js';

/** A named, parameterised Cypher statement built by a pure function in statements/. */
export interface Statement<Row = Record<string, Plain>> {
  readonly name: string;
  readonly cypher: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Phantom: the shape of one returned row, declared next to the Cypher that makes it. */
  readonly __row?: Row;
}

export type AccessMode = 'READ' | 'WRITE';

/** Runs statements inside one transaction. */
export interface TransactionRunner {
  run<Row>(statement: Statement<Row>): Promise<Row[]>;
}

/** Hears each statement as it is sent; may return what to call once its answer is in. */
export type StatementObserver = (name: string, mode: AccessMode) => void | (() => void);

export interface ExecutorOptions {
  readonly database: string;
  /** The time a transaction may take unless its caller gives another (DEFAULT_TRANSACTION_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** Shared by every executor of one driver; checks through this executor's driver within DEFAULT_LIVENESS_MS otherwise. */
  readonly liveness?: Liveness;
  /** Called once per statement sent (used to count round trips); a function it returns is called when the statement's answer is in. */
  readonly onStatement?: StatementObserver;
  /** Shared by every executor of one driver; a fresh one with the default cool-down otherwise. */
  readonly circuit?: Circuit;
  /** The request's bookmarks: transactions wait for them, writes replace them with theirs. */
  readonly bookmarks?: RequestBookmarks;
}

/** How long requests fail at once after Neo4j was found unreachable, unless configured. */
export const DEFAULT_COOL_DOWN_MS = 1000;
/** A request's transaction time, unless configured (NEO4J_TRANSACTION_TIMEOUT_MS). */
export const DEFAULT_TRANSACTION_TIMEOUT_MS = 30_000;
/** How long a statement waits before Neo4j is asked whether it still answers, and how long that may take (NEO4J_LIVENESS_TIMEOUT_MS). */
export const DEFAULT_LIVENESS_MS = 3000;

const TIMED_OUT_CODES = new Set<string>([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

const UNAVAILABLE_CODES = new Set<string>([
  neo4j.error.SERVICE_UNAVAILABLE,
  neo4j.error.SESSION_EXPIRED,
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

/**
 * The codes that mean Neo4j (or its database) cannot be reached at all, as opposed to
 * a transaction that lost a race: these open the circuit.
 */
const UNREACHABLE_CODES = new Set<string>([
  neo4j.error.SERVICE_UNAVAILABLE,
  neo4j.error.SESSION_EXPIRED,
  'Neo.TransientError.General.DatabaseUnavailable',
]);

/** Bookmarks (from a client's X-Neo4j-Bookmark header) that the database cannot read. */
const INVALID_BOOKMARK_CODES = new Set<string>([
  'Neo.ClientError.Transaction.InvalidBookmark',
  'Neo.ClientError.Transaction.InvalidBookmarkMixture',
]);

/** Whether a failure says Neo4j was reached (it answered, if with an error) or not. */
export function outcomeOf(error: unknown): Outcome {
  if (error instanceof NoAnswer) return 'unreachable';
  return error instanceof Neo4jError && UNREACHABLE_CODES.has(error.code) ? 'unreachable' : 'reached';
}

/**
 * Maps a driver error to the service's error vocabulary; unknown errors pass through.
 * `statement` and `timeoutMs` describe the transaction, for a timeout's error.
 */
export function translateError(error: unknown, transaction?: { statement: string; timeoutMs: number }): unknown {
  if (error instanceof NoAnswer)
    return new ServiceUnavailableError('The graph database stopped answering; try again shortly');
  if (!(error instanceof Neo4jError)) return error;
  if (TIMED_OUT_CODES.has(error.code))
    return new TimeoutError(transaction?.statement ?? 'unknown', transaction?.timeoutMs ?? 0);
  if (UNAVAILABLE_CODES.has(error.code) || error.code.startsWith('Neo.TransientError.')) {
    return new ServiceUnavailableError();
  }
  if (INVALID_BOOKMARK_CODES.has(error.code)) {
    return new BadUserInputError('The X-Neo4j-Bookmark header names transactions this database does not know');
  }
  if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConflictError('The change conflicts with an existing record');
  }
  return error;
}

/**
 * The clauses that update the graph (data or schema), outside strings, comments and
 * quoted names. Statements write Cypher keywords in capitals, so a property or variable
 * called `set` is not taken for the clause.
 */
const UPDATING_CLAUSE = /(?<![\w.$:])(?:CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH)(?!\w)/;
const NOT_CODE = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`[^`]*`/g;

/** Whether a statement would update the graph, and so must not run in a READ transaction. */
export function updatesGraph(cypher: string): boolean {
  return UPDATING_CLAUSE.test(cypher.replace(NOT_CODE, ' '));
}

/** A statement that updates the graph, sent in a READ transaction: a bug in the caller. */
export class ReadModeViolation extends Error {
  constructor(readonly statement: string) {
    super(`statement ${statement} updates the graph and cannot run in a READ transaction`);
    this.name = 'ReadModeViolation';
  }
}

export class GraphExecutor {
  private readonly circuit: Circuit;
  private readonly liveness: Liveness;

  constructor(
    private readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {
    this.circuit = options.circuit ?? new Circuit({ coolDownMs: DEFAULT_COOL_DOWN_MS });
    this.liveness =
      options.liveness ??
      new Liveness(() => driver.verifyConnectivity({ database: options.database }), DEFAULT_LIVENESS_MS);
  }

  /**
   * The same executor (same driver, same circuit) also reporting each statement to
   * `onStatement` (e.g. per request), after any observer it already has.
   */
  withObserver(onStatement: StatementObserver): GraphExecutor {
    const earlier = this.options.onStatement;
    const both: StatementObserver =
      earlier === undefined
        ? onStatement
        : (name, mode) => {
            const ends = [earlier(name, mode), onStatement(name, mode)];
            return () => ends.forEach((end) => end?.());
          };
    return this.derive({ onStatement: both });
  }

  /** The same executor (same driver, circuit and observers) running in `bookmarks`' causal chain: one request's. */
  withBookmarks(bookmarks: RequestBookmarks): GraphExecutor {
    return this.derive({ bookmarks });
  }

  /** The same executor (same driver, circuit, liveness and observers) with another default transaction time: for loads and jobs. */
  withTimeout(timeoutMs: number): GraphExecutor {
    return this.derive({ timeoutMs });
  }

  /** Another executor on the same driver, sharing this one's circuit and liveness check. */
  private derive(changes: Partial<ExecutorOptions>): GraphExecutor {
    return new GraphExecutor(this.driver, {
      ...this.options,
      circuit: this.circuit,
      liveness: this.liveness,
      ...changes,
    });
  }

  get database(): string {
    return this.options.database;
  }

  read<Row>(statement: Statement<Row>): Promise<Row[]> {
    return this.transaction('READ', statement.name, (tx) => tx.run(statement));
  }

  write<Row>(statement: Statement<Row>): Promise<Row[]> {
    return this.transaction('WRITE', statement.name, (tx) => tx.run(statement));
  }

  /**
   * Runs `work` in one managed transaction: all of its statements commit together or
   * not at all. `work` may be retried on transient errors, so it must not have side
   * effects outside the transaction.
   */
  async transaction<T>(
    mode: AccessMode,
    name: string,
    work: (tx: TransactionRunner) => Promise<T>,
    options: { timeoutMs?: number } = {},
  ): Promise<T> {
    await this.admit();
    return this.run(mode, name, work, options);
  }

  /**
   * Succeeds when the database answers a trivial read. Readiness calls it, and it goes
   * to Neo4j whatever the circuit says: that is how recovery is seen even when no
   * request comes, and its answer closes (or reopens) the circuit for the requests. It
   * checks the connection first, which fails in one attempt, so an unreachable Neo4j
   * is reported at once rather than after the transaction's retries.
   */
  async ping(): Promise<void> {
    await this.probe();
    await this.run('READ', 'ping', (tx) => tx.run(ping()));
  }

  /** Fails at once while the circuit is open; lets one probe through after the cool-down. */
  private async admit(): Promise<void> {
    const admission = this.circuit.admit();
    if (admission === 'reject') throw new ServiceUnavailableError();
    if (admission === 'probe') await this.probe();
  }

  /** One connection attempt, without the transaction retries, bounded in time; settles the circuit. */
  private async probe(): Promise<void> {
    const failure = await this.liveness.failure();
    this.circuit.settle(failure === undefined ? 'reached' : outcomeOf(failure));
    if (failure !== undefined) throw translateError(failure);
  }

  private async run<T>(
    mode: AccessMode,
    name: string,
    work: (tx: TransactionRunner) => Promise<T>,
    options: { timeoutMs?: number } = {},
  ): Promise<T> {
    const started = this.options.bookmarks?.current() ?? [];
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(started.length > 0 ? { bookmarks: started } : {}),
    });
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS;
    const config = { timeout: timeoutMs, metadata: { app: 'aims-graph', statement: name } };
    const given = { up: false };
    const body = async (tx: ManagedTransaction): Promise<T> => {
      const result = await work(this.runner(tx, mode, given));
      // Given up while its last statement waited: roll back rather than commit behind the caller's back.
      if (given.up) throw new NoAnswer(name);
      return result;
    };
    try {
      const result = await this.bounded(
        mode === 'READ' ? session.executeRead(body, config) : session.executeWrite(body, config),
        name,
        timeoutMs,
        given,
      );
      this.circuit.settle('reached');
      if (mode === 'WRITE') this.options.bookmarks?.committed(started, session.lastBookmarks());
      return result;
    } catch (error) {
      this.circuit.settle(outcomeOf(error));
      throw translateError(error, { statement: name, timeoutMs });
    } finally {
      // A transaction given up on may never settle (a frozen server): close its session
      // when it does, without waiting for it here.
      if (given.up) session.close().catch(() => undefined);
      else await session.close();
    }
  }

  /**
   * The transaction's own answer, or NoAnswer once a statement has waited and Neo4j does
   * not answer a liveness check, or TimeoutError once it has outlived its time by the
   * liveness bound (Neo4j ends it at its time; this holds if Neo4j does not). Giving up
   * sets `given.up`: the work's next statement fails, and work that ends after it is
   * rolled back instead of committed. Only a freeze during the commit itself leaves the
   * outcome open.
   */
  private bounded<T>(pending: Promise<T>, name: string, timeoutMs: number, given: { up: boolean }): Promise<T> {
    const patience = this.liveness.timeoutMs;
    return new Promise<T>((resolve, reject) => {
      const timers = new Set<NodeJS.Timeout>();
      const finish = (settle: () => void, giveUp = false): void => {
        if (timers.size === 0) return;
        timers.forEach(clearTimeout);
        timers.clear();
        given.up = giveUp;
        settle();
      };
      const watch = (): void => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          void this.liveness.failure().then((failure) => {
            if (timers.size === 0) return;
            if (failure === undefined || outcomeOf(failure) === 'reached') watch();
            else finish(() => reject(failure), true);
          });
        }, patience);
        timers.add(timer);
      };
      timers.add(setTimeout(() => finish(() => reject(new TimeoutError(name, timeoutMs)), true), timeoutMs + patience));
      watch();
      pending.then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
    });
  }

  private runner(tx: ManagedTransaction, mode: AccessMode, given: { up: boolean }): TransactionRunner {
    return {
      run: async <Row>(statement: Statement<Row>): Promise<Row[]> => {
        if (mode === 'READ' && updatesGraph(statement.cypher)) throw new ReadModeViolation(statement.name);
        if (given.up) throw new NoAnswer(statement.name);
        const answered = this.options.onStatement?.(statement.name, mode);
        try {
          const result = await tx.run(statement.cypher, statement.params);
          return result.records.map((record) => toPlain(record.toObject()) as Row);
        } finally {
          answered?.();
        }
      },
    };
  }
}
