import neo4j, { Neo4jError, type Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import {
  admit,
  Circuit,
  CLOSED,
  settle,
  type Admission,
  type CircuitState,
  type Outcome,
} from '../../src/graph/circuit.js';
import { GraphExecutor, outcomeOf } from '../../src/graph/executor.js';

const open = (until: number): CircuitState => ({ kind: 'open', until });
const HALF_OPEN: CircuitState = { kind: 'half-open' };
const COOL_DOWN = 1000;

describe('admit', () => {
  const cases: [string, CircuitState, number, Admission, CircuitState][] = [
    ['closed: run', CLOSED, 0, 'run', CLOSED],
    ['open, cooling down: reject', open(1000), 999, 'reject', open(1000)],
    ['open, cool-down over: one probe', open(1000), 1000, 'probe', HALF_OPEN],
    ['open, long over: one probe', open(1000), 50_000, 'probe', HALF_OPEN],
    ['half-open, probe on its way: reject', HALF_OPEN, 5000, 'reject', HALF_OPEN],
  ];
  it.each(cases)('%s', (_, state, now, admission, next) => {
    expect(admit(state, now)).toEqual({ admission, state: next });
  });
});

describe('settle', () => {
  const cases: [string, CircuitState, Outcome, CircuitState][] = [
    ['closed, reached: stays closed', CLOSED, 'reached', CLOSED],
    ['closed, unreachable: opens', CLOSED, 'unreachable', open(6000)],
    ['open, late answer from an older request: closes', open(5500), 'reached', CLOSED],
    ['open, another failure: fresh cool-down', open(5500), 'unreachable', open(6000)],
    ['half-open, probe answered: closes', HALF_OPEN, 'reached', CLOSED],
    ['half-open, probe failed: opens again', HALF_OPEN, 'unreachable', open(6000)],
  ];
  it.each(cases)('%s', (_, state, outcome, next) => {
    expect(settle(state, outcome, 5000, COOL_DOWN)).toEqual(next);
  });
});

describe('outcomeOf', () => {
  const error = (code: string): Neo4jError => new Neo4jError('x', code, 'x', 'x');
  const cases: [string, unknown, Outcome][] = [
    ['connection refused or lost', error(neo4j.error.SERVICE_UNAVAILABLE), 'unreachable'],
    ['session expired', error(neo4j.error.SESSION_EXPIRED), 'unreachable'],
    ['database stopping or starting', error('Neo.TransientError.General.DatabaseUnavailable'), 'unreachable'],
    ['deadlock: Neo4j answered', error('Neo.TransientError.Transaction.DeadlockDetected'), 'reached'],
    ['constraint: Neo4j answered', error('Neo.ClientError.Schema.ConstraintValidationFailed'), 'reached'],
    ['not a driver error', new TypeError('x'), 'reached'],
  ];
  it.each(cases)('%s', (_, thrown, outcome) => {
    expect(outcomeOf(thrown)).toBe(outcome);
  });
});

describe('Circuit', () => {
  it('reports each change of kind once', () => {
    let now = 0;
    const changes: string[] = [];
    const circuit = new Circuit({
      coolDownMs: COOL_DOWN,
      now: () => now,
      onChange: (from, to) => changes.push(`${from}>${to}`),
    });
    circuit.settle('unreachable');
    circuit.settle('unreachable');
    expect(circuit.admit()).toBe('reject');
    now = 2000;
    expect(circuit.admit()).toBe('probe');
    circuit.settle('reached');
    expect(changes).toEqual(['closed>open', 'open>half-open', 'half-open>closed']);
  });
});

/** A driver whose server is up or down, counting what reaches it. */
function fakeDriver() {
  const calls = { sessions: 0, verify: 0 };
  const state = { up: true };
  const unavailable = (): Neo4jError => new Neo4jError('cannot connect', neo4j.error.SERVICE_UNAVAILABLE, 'x', 'x');
  const execute = async (work: (tx: unknown) => Promise<unknown>): Promise<unknown> => {
    if (!state.up) throw unavailable();
    return work({ run: async () => ({ records: [] }) });
  };
  const driver = {
    session: () => {
      calls.sessions += 1;
      return { executeRead: execute, executeWrite: execute, close: async () => {} };
    },
    verifyConnectivity: async () => {
      calls.verify += 1;
      if (!state.up) throw unavailable();
    },
  } as unknown as Driver;
  return { driver, calls, state };
}

describe('GraphExecutor with its circuit', () => {
  const statement = { name: 'probeMe', cypher: 'RETURN 1', params: {} };

  it('fails at once while open, without touching the driver, then recovers through one probe', async () => {
    let now = 0;
    const { driver, calls, state } = fakeDriver();
    const base = new GraphExecutor(driver, {
      database: 'neo4j',
      circuit: new Circuit({ coolDownMs: COOL_DOWN, now: () => now }),
    });
    // Executors made per request share the circuit: one request's failure opens it for the next.
    const first = base.withObserver(() => {});
    const second = base.withObserver(() => {});

    state.up = false;
    await expect(first.read(statement)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(calls).toEqual({ sessions: 1, verify: 0 });
    await expect(second.write(statement)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(calls).toEqual({ sessions: 1, verify: 0 });

    now = 1000; // cool-down over, still down: the probe is one connection attempt, no transaction
    await expect(second.read(statement)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(calls).toEqual({ sessions: 1, verify: 1 });

    state.up = true;
    now = 2000;
    await expect(first.read(statement)).resolves.toEqual([]);
    expect(calls).toEqual({ sessions: 2, verify: 2 });
    await expect(second.write(statement)).resolves.toEqual([]);
    expect(calls).toEqual({ sessions: 3, verify: 2 });
  });

  it('pings Neo4j even while the circuit is open, and a good answer closes it', async () => {
    const { driver, calls, state } = fakeDriver();
    const circuit = new Circuit({ coolDownMs: 60_000 });
    const graph = new GraphExecutor(driver, { database: 'neo4j', circuit });
    state.up = false;
    await expect(graph.ping()).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(circuit.state.kind).toBe('open');
    expect(calls).toEqual({ sessions: 0, verify: 1 });
    state.up = true;
    await graph.ping();
    expect(circuit.state).toEqual(CLOSED);
    await expect(graph.read(statement)).resolves.toEqual([]);
  });
});
