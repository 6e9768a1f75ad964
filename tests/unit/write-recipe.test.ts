/**
 * The write recipe (src/services/changes.ts write()): the change-log entries appended in
 * the write's own transaction, in order and in batches, however many there are; the
 * request's loaders told the new state only after the commit.
 */
import type { EntityRow } from '../../src/graph/rows.js';
import { describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../src/domain/change-log.js';
import type { GraphExecutor, Statement, TransactionRunner } from '../../src/graph/executor.js';
import type { Loaders } from '../../src/loaders/index.js';
import { write } from '../../src/services/changes.js';

/** A graph whose transactions record what they ran, and fail after the work when told to. */
function fakeGraph(failCommit = false) {
  const ran: Statement<unknown>[] = [];
  const graph = {
    transaction: async <T>(_mode: string, _name: string, work: (tx: TransactionRunner) => Promise<T>) => {
      const tx = {
        run: async (statement: Statement<unknown>) => {
          ran.push(statement);
          return [];
        },
      } as TransactionRunner;
      const result = await work(tx);
      if (failCommit) throw new Error('commit failed');
      return result;
    },
  } as unknown as GraphExecutor;
  return { graph, ran };
}

/** Loaders that only remember what they were told. */
function fakeLoaders() {
  const told: string[] = [];
  const entityById = {
    clear: (id: string) => (told.push(`clear ${id}`), entityById),
    prime: (id: string) => (told.push(`prime ${id}`), entityById),
  };
  return { loaders: { entityById } as unknown as Loaders, told };
}

const entry = (i: number): ChangeEntry => ({
  operation: 'CREATE',
  entityId: `ctl_${i}`,
  entityType: 'Control',
  before: null,
  after: { i },
});
const actor = { id: 'key:test', onBehalfOf: null };
const row = (id: string): EntityRow => ({ id, type: 'Control', version: 1, externalRefs: [] }) as unknown as EntityRow;

describe('write()', () => {
  it('appends 100,000 entries in order, 2,000 a statement, in the same transaction', async () => {
    const { graph, ran } = fakeGraph();
    const entries = Array.from({ length: 100_000 }, (_, i) => entry(i));
    await write({ graph, actor }, 'big', async (_tx, log) => {
      log.record(entries.slice(0, 1));
      log.record(entries.slice(1));
    });
    expect(ran).toHaveLength(50);
    const appended = ran.flatMap((s) =>
      (s.params as { entries: { entityId: string }[] }).entries.map((e) => e.entityId),
    );
    expect(appended).toEqual(entries.map((e) => e.entityId));
  });

  it('tells the loaders what was written and removed after the commit, and nothing when it fails', async () => {
    const ok = fakeLoaders();
    await write({ graph: fakeGraph().graph, actor, loaders: ok.loaders }, 'w', async (_tx, log) => {
      log.wrote(row('ctl_a'));
      log.removed('ctl_b');
    });
    expect(ok.told).toEqual(['clear ctl_a', 'prime ctl_a', 'clear ctl_b']);

    const failed = fakeLoaders();
    await expect(
      write({ graph: fakeGraph(true).graph, actor, loaders: failed.loaders }, 'w', async (_tx, log) =>
        log.wrote(row('ctl_a')),
      ),
    ).rejects.toThrow('commit failed');
    expect(failed.told).toEqual([]);
  });

  it('starts again from nothing when the driver retries the work', async () => {
    const ran: Statement<unknown>[] = [];
    const graph = {
      transaction: async <T>(_m: string, _n: string, work: (tx: TransactionRunner) => Promise<T>) => {
        const tx = {
          run: async (s: Statement<unknown>) => {
            ran.push(s);
            return [];
          },
        } as TransactionRunner;
        await work(tx).catch(() => undefined); // a first attempt that failed half way
        ran.length = 0;
        return work(tx);
      },
    } as unknown as GraphExecutor;
    let attempt = 0;
    await write({ graph, actor }, 'retried', async (_tx, log) => {
      attempt += 1;
      log.record(entry(attempt));
      if (attempt === 1) throw new Error('transient');
    });
    expect(
      ran.flatMap((s) => (s.params as { entries: { entityId: string }[] }).entries.map((e) => e.entityId)),
    ).toEqual(['ctl_2']);
  });
});
