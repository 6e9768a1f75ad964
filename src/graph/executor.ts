/**
 * The one way into Neo4j. Every statement runs in a managed transaction
 * (executeRead/executeWrite: retried on transient errors, routed to a reader or the
 * leader in a cluster) on the configured database, tagged with its name, and every
 * driver error is translated by its code at this boundary.
 */
import neo4j, { Neo4jError, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { ConflictError, ServiceUnavailableError } from '../errors.js';
import { toPlain, type Plain } from './records.js';

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

export interface ExecutorOptions {
  readonly database: string;
  readonly timeoutMs?: number;
  /** Called once per statement sent (used to count round trips). */
  readonly onStatement?: (name: string, mode: AccessMode) => void;
}

const UNAVAILABLE_CODES = new Set<string>([
  neo4j.error.SERVICE_UNAVAILABLE,
  neo4j.error.SESSION_EXPIRED,
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

/** Maps a driver error to the service's error vocabulary; unknown errors pass through. */
export function translateError(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE_CODES.has(error.code) || error.code.startsWith('Neo.TransientError.')) {
    return new ServiceUnavailableError();
  }
  if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConflictError('The change conflicts with an existing record');
  }
  return error;
}

export class GraphExecutor {
  constructor(
    private readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {}

  /**
   * The same executor also reporting each statement to `onStatement` (e.g. per request),
   * after any observer it already has.
   */
  withObserver(onStatement: (name: string, mode: AccessMode) => void): GraphExecutor {
    const earlier = this.options.onStatement;
    const both = earlier === undefined ? onStatement : (name: string, mode: AccessMode) => (earlier(name, mode), onStatement(name, mode));
    return new GraphExecutor(this.driver, { ...this.options, onStatement: both });
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
  async transaction<T>(mode: AccessMode, name: string, work: (tx: TransactionRunner) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const config = {
      timeout: options.timeoutMs ?? this.options.timeoutMs ?? 30_000,
      metadata: { app: 'aims-graph', statement: name },
    };
    const body = (tx: ManagedTransaction): Promise<T> => work(this.runner(tx, mode));
    try {
      return await (mode === 'READ' ? session.executeRead(body, config) : session.executeWrite(body, config));
    } catch (error) {
      throw translateError(error);
    } finally {
      await session.close();
    }
  }

  /** Succeeds when the database answers a trivial read. */
  async ping(): Promise<void> {
    await this.read({ name: 'ping', cypher: 'RETURN 1 AS ok', params: {} });
  }

  private runner(tx: ManagedTransaction, mode: AccessMode): TransactionRunner {
    return {
      run: async <Row>(statement: Statement<Row>): Promise<Row[]> => {
        this.options.onStatement?.(statement.name, mode);
        const result = await tx.run(statement.cypher, statement.params);
        return result.records.map((record) => toPlain(record.toObject()) as Row);
      },
    };
  }
}
