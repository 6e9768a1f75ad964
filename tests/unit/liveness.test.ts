/**
 * The service's own bound on a transaction's wait (src/graph/executor.ts with
 * src/graph/liveness.ts), against a fake driver whose server can answer, be slow, or be
 * frozen (promises that never settle). The real frozen Neo4j is in outage.int.test.ts.
 */
import { createConnection, createServer, type AddressInfo } from 'node:net';
import neo4j, { Neo4jError, type Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { Circuit } from '../../src/graph/circuit.js';
import { GraphExecutor, translateError } from '../../src/graph/executor.js';
import { Liveness, NoAnswer } from '../../src/graph/liveness.js';

const never = <T>(): Promise<T> => new Promise<T>(() => {});
const after = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** A driver whose transactions take `answerMs` (or never answer) and whose connectivity check answers or not. */
function fakeDriver(server: { answerMs: number | 'never'; checkAnswers: boolean }) {
  const calls = { verify: 0, statements: 0, closed: 0 };
  const execute = async (work: (tx: unknown) => Promise<unknown>): Promise<unknown> =>
    work({
      run: async () => {
        calls.statements += 1;
        return server.answerMs === 'never' ? never() : after(server.answerMs, { records: [] });
      },
    });
  const driver = {
    session: () => ({
      executeRead: execute,
      executeWrite: execute,
      // A frozen server does not answer the session's close either: awaiting it would hang.
      close: () => {
        calls.closed += 1;
        return server.answerMs === 'never' ? never() : Promise.resolve();
      },
    }),
    verifyConnectivity: () => {
      calls.verify += 1;
      return server.checkAnswers ? Promise.resolve({}) : never();
    },
  } as unknown as Driver;
  return { driver, calls };
}

const statement = { name: 'waitForMe', cypher: 'RETURN 1', params: {} };

function executor(
  driver: Driver,
  timeoutMs: number,
  livenessMs: number,
  circuit = new Circuit({ coolDownMs: 60_000 }),
): GraphExecutor {
  return new GraphExecutor(driver, {
    database: 'neo4j',
    timeoutMs,
    circuit,
    liveness: new Liveness(() => driver.verifyConnectivity(), livenessMs),
  });
}

async function timed<T>(work: Promise<T>): Promise<{ ms: number; outcome: T | unknown }> {
  const started = Date.now();
  const outcome = await work.catch((error: unknown) => error);
  return { ms: Date.now() - started, outcome };
}

describe('Liveness', () => {
  it('answers undefined when the check answers, NoAnswer when it is silent past its bound, and runs one check at a time', async () => {
    let checks = 0;
    let answers = true;
    const liveness = new Liveness(() => {
      checks += 1;
      return answers ? after(10, 'ok') : never();
    }, 50);
    expect(await Promise.all([liveness.failure(), liveness.failure(), liveness.failure()])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(checks).toBe(1);
    answers = false;
    const silent = await timed(liveness.failure());
    expect(silent.outcome).toBeInstanceOf(NoAnswer);
    expect(silent.ms).toBeGreaterThanOrEqual(45);
    expect(checks).toBe(2);
  });

  it('does not take a busy process for a silent Neo4j: an answer that came while the process was busy counts', async () => {
    // A real round trip over TCP: the answer is read from a socket, after the due timers.
    const server = createServer((socket) => socket.on('data', () => socket.end('pong')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const roundTrip = () =>
      new Promise<void>((resolve, reject) => {
        const socket = createConnection(port, '127.0.0.1', () => socket.write('ping'));
        socket.on('data', () => resolve());
        socket.on('error', reject);
      });
    try {
      const liveness = new Liveness(roundTrip, 100);
      const check = liveness.failure();
      const busyUntil = Date.now() + 600; // synchronous work well past the bound
      while (Date.now() < busyUntil);
      expect(await check).toBeUndefined();
      // Silence is still silence.
      expect(await new Liveness(() => never(), 100).failure()).toBeInstanceOf(NoAnswer);
    } finally {
      server.close();
    }
  });

  it('passes a failed check on', async () => {
    const refused = new Neo4jError('down', neo4j.error.SERVICE_UNAVAILABLE, 'x', 'x');
    expect(await new Liveness(() => Promise.reject(refused), 50).failure()).toBe(refused);
  });
});

describe('GraphExecutor bounds the wait on Neo4j itself', () => {
  it('gives a frozen Neo4j up with SERVICE_UNAVAILABLE after the liveness check, opens the circuit, and does not wait for the session to close', async () => {
    const { driver, calls } = fakeDriver({ answerMs: 'never', checkAnswers: false });
    const circuit = new Circuit({ coolDownMs: 60_000 });
    const graph = executor(driver, 10_000, 50, circuit);
    const results = await Promise.all([1, 2, 3].map(() => timed(graph.read(statement))));
    for (const { ms, outcome } of results) {
      expect(outcome).toMatchObject({
        extensions: { code: 'SERVICE_UNAVAILABLE' },
        message: 'The graph database stopped answering; try again shortly',
      });
      // waited 50 ms before asking, then 50 ms for the answer that never came
      expect(ms).toBeGreaterThanOrEqual(90);
      expect(ms).toBeLessThan(1000);
    }
    expect(calls.verify).toBe(1); // three waiting statements, one check
    expect(calls.closed).toBe(3);
    expect(circuit.state.kind).toBe('open');
    // The next request fails at once, without a session.
    const next = await timed(graph.read(statement));
    expect(next.outcome).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(next.ms).toBeLessThan(20);
    expect(calls.statements).toBe(3);
  });

  it('lets a slow statement on a live Neo4j finish, asking again while it waits', async () => {
    const { driver, calls } = fakeDriver({ answerMs: 300, checkAnswers: true });
    const graph = executor(driver, 10_000, 50);
    expect(await graph.read(statement)).toEqual([]);
    expect(calls.verify).toBeGreaterThanOrEqual(2);
  });

  it('ends a transaction that outlives its time when Neo4j answers but does not end it: TIMEOUT naming the statement', async () => {
    const { driver } = fakeDriver({ answerMs: 'never', checkAnswers: true });
    const circuit = new Circuit({ coolDownMs: 60_000 });
    const { ms, outcome } = await timed(executor(driver, 100, 50, circuit).read(statement));
    expect(outcome).toMatchObject({ extensions: { code: 'TIMEOUT', timeoutMs: 100 }, statement: 'waitForMe' });
    expect(ms).toBeGreaterThanOrEqual(140);
    expect(ms).toBeLessThan(1000);
    expect(circuit.state.kind).toBe('closed'); // Neo4j answered: no outage
  });

  it('rolls back, never commits, a write given up while its last statement waited', async () => {
    let commits = 0;
    let rollbacks = 0;
    const driver = {
      session: () => ({
        executeRead: () => never(),
        // As the driver does: run the work, then commit if it returned, roll back if it threw.
        executeWrite: async (work: (tx: unknown) => Promise<unknown>) => {
          try {
            const result = await work({ run: () => after(300, { records: [] }) });
            commits += 1;
            return result;
          } catch (error) {
            rollbacks += 1;
            throw error;
          }
        },
        close: () => Promise.resolve(),
      }),
      verifyConnectivity: () => never(),
    } as unknown as Driver;
    const { outcome } = await timed(executor(driver, 10_000, 50).write(statement));
    expect(outcome).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    await after(400, null); // the statement answers (Neo4j resumed) after the caller was told
    expect([commits, rollbacks]).toEqual([0, 1]);
  });

  it("translates Neo4j's own transaction timeouts to TIMEOUT", () => {
    for (const code of [
      'Neo.ClientError.Transaction.TransactionTimedOut',
      'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
    ]) {
      expect(
        translateError(new Neo4jError('timed out', code, 'x', 'x'), { statement: 'slow', timeoutMs: 5 }),
      ).toMatchObject({
        extensions: { code: 'TIMEOUT', timeoutMs: 5 },
        statement: 'slow',
      });
    }
  });
});
