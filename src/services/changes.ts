/**
 * The change log's side of every write, and the write recipe itself, written once: one
 * transaction in which the work writes and says what it changed, the change-log entries
 * appended in that same transaction (a write and its record commit together or not at
 * all), and, after the commit, the request's loaders told the new state of every record
 * the write touched. Reading the log (the feed, a record's trail) is here too.
 */
import type { ChangeRow, EntityRow } from '../graph/rows.js';
import { SYSTEM_ACTOR, type Actor, type ChangeEntry } from '../domain/change-log.js';
import type { TransactionRunner } from '../graph/executor.js';
import { appendChanges, findChangeLogHead, listChanges, listChangesOf } from '../graph/statements/changes.js';
import type { RequestScope } from './scope.js';

/** Change-log entries appended per statement (a sync batch may log tens of thousands). */
const APPEND_BATCH = 2000;

/** What a write says as it goes: the entries to log, and the records it left as they now are. */
export interface WriteLog {
  /** Entries for the change log, in the order they happened: one, or a list (of any length). */
  record(entries: ChangeEntry | readonly ChangeEntry[]): void;
  /** A record deleted: the request's later reads no longer find it in their cache. */
  removed(id: string): void;
  /** A record written (created or updated): the request's later reads see this state. */
  wrote(entity: EntityRow): void;
}

/** Where a write runs: a request's scope, or the service's own loads (no loaders to refresh, the system as actor). */
export type WriteScope = Pick<RequestScope, 'graph' | 'actor'> & { readonly loaders?: RequestScope['loaders'] };

/** The actor of the writes the service makes by itself (catalogue and demo loads). */
export const SYSTEM: Actor = { id: SYSTEM_ACTOR, onBehalfOf: null };

/**
 * Runs `work` as one write: one transaction, its change-log entries appended last inside
 * it, and the records it wrote primed into the request's loaders once it has committed.
 * The driver may run `work` again after a transient failure: it starts from nothing
 * each time, so it must not keep state of its own outside the transaction.
 */
export async function write<T>(
  scope: WriteScope,
  name: string,
  work: (tx: TransactionRunner, log: WriteLog) => Promise<T>,
): Promise<T> {
  let entries: ChangeEntry[] = [];
  let written = new Map<string, EntityRow | null>();
  const result = await scope.graph.transaction('WRITE', name, async (tx) => {
    entries = [];
    written = new Map();
    const outcome = await work(tx, {
      // One by one: a spread of tens of thousands of entries would overflow the call stack.
      record: (more) => {
        if (!Array.isArray(more)) entries.push(more as ChangeEntry);
        else for (const entry of more as readonly ChangeEntry[]) entries.push(entry);
      },
      wrote: (entity) => written.set(entity.id, entity),
      removed: (id) => written.set(id, null),
    });
    for (let i = 0; i < entries.length; i += APPEND_BATCH)
      await tx.run(appendChanges(scope.actor, entries.slice(i, i + APPEND_BATCH)));
    return outcome;
  });
  for (const [id, entity] of written) {
    const cache = scope.loaders?.entityById.clear(id);
    if (entity !== null) cache?.prime(id, entity);
  }
  return result;
}

/** An entity as the log keeps it: every stored field, without the transient write lock. */
export function snapshot(row: EntityRow): Record<string, unknown> {
  const { _lock: _ignored, ...fields } = row as EntityRow & { _lock?: unknown };
  return fields;
}

/** The log entry of a link made or removed (`before`/`after`: its property, undefined when the link was or is absent). */
export function linkChange(
  operation: 'LINK' | 'UNLINK',
  kind: string,
  from: { id: string; type: string },
  to: string,
  before: string | null | undefined,
  after: string | null | undefined,
): ChangeEntry {
  const state = (value: string | null | undefined, present: boolean) => (present ? { property: value ?? null } : null);
  return {
    operation,
    entityId: from.id,
    entityType: from.type,
    otherId: to,
    linkKind: kind,
    before: state(before, before !== undefined),
    after: state(after, after !== undefined),
  };
}

/** Up to `limit` entries after sequence `afterSeq`: of the whole log, or of one record's trail. */
export async function readChanges(
  scope: Pick<RequestScope, 'graph'>,
  afterSeq: number,
  limit: number,
  recordId?: string,
): Promise<ChangeRow[]> {
  const rows = await scope.graph.read(
    recordId === undefined ? listChanges(afterSeq, limit) : listChangesOf(recordId, afterSeq, limit),
  );
  return rows.map((r) => r.change);
}

/** The sequence number of the log's last entry, 0 while it is empty. */
export async function lastChangeSeq(scope: Pick<RequestScope, 'graph'>): Promise<number> {
  const [row] = await scope.graph.read(findChangeLogHead());
  return row?.seq ?? 0;
}
