/**
 * The change log: one ordered (:Change) node per write, appended inside the transaction
 * that makes the write. The sequence number comes from one (:ChangeLog) counter whose
 * write lock is held until commit, so sequence order is commit order: a reader that has
 * seen entry n never later finds an entry below n appear. It is both the integrators'
 * change feed and the audit trail.
 */
import type { Actor, ChangeEntry } from '../../domain/change-log.js';
import type { Statement } from '../executor.js';
import type { ChangeRow } from '../rows.js';

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** Appends entries in the given order, numbered after the last entry committed. */
export function appendChanges(actor: Actor | string, entries: readonly ChangeEntry[]): Statement<{ last: number }> {
  return {
    name: 'appendChanges',
    cypher: `MERGE (log:ChangeLog {id: 'changes'}) ON CREATE SET log.seq = 0
             SET log._lock = true
             WITH log, log.seq AS last
             SET log.seq = last + size($entries)
             REMOVE log._lock
             WITH last, datetime.realtime() AS at
             UNWIND range(0, size($entries) - 1) AS i
             WITH last, at, i, $entries[i] AS e
             CREATE (:Change {seq: last + i + 1, at: at, actor: $actor, onBehalfOf: $onBehalfOf, operation: e.operation,
                              entityId: e.entityId, entityType: e.entityType, otherId: e.otherId, linkKind: e.linkKind,
                              before: e.before, after: e.after})
             RETURN max(last + i + 1) AS last`,
    params: {
      actor: typeof actor === 'string' ? actor : actor.id,
      onBehalfOf: typeof actor === 'string' ? null : actor.onBehalfOf,
      entries: entries.map((e) => ({
        operation: e.operation,
        entityId: e.entityId,
        entityType: e.entityType,
        otherId: e.otherId ?? null,
        linkKind: e.linkKind ?? null,
        before: json(e.before),
        after: json(e.after),
      })),
    },
  };
}

const CHANGE_ROW = `c { .seq, at: toString(c.at), .actor, .onBehalfOf, .operation, .entityId, .entityType, .otherId, .linkKind, .before, .after }`;

/** Entries after `afterSeq`, in order; one more than `first` tells whether more follow. */
export function listChanges(afterSeq: number, first: number): Statement<{ change: ChangeRow }> {
  return {
    name: 'listChanges',
    cypher: `MATCH (c:Change) WHERE c.seq > $afterSeq
             RETURN ${CHANGE_ROW} AS change
             ORDER BY c.seq
             LIMIT toInteger($first)`,
    params: { afterSeq, first },
  };
}

/** One record's entries (its own writes and the links to or from it) after `afterSeq`, in order. */
export function listChangesOf(id: string, afterSeq: number, first: number): Statement<{ change: ChangeRow }> {
  return {
    name: 'listChangesOf',
    cypher: `CALL {
               MATCH (c:Change {entityId: $id}) WHERE c.seq > $afterSeq RETURN c
               UNION
               MATCH (c:Change {otherId: $id}) WHERE c.seq > $afterSeq RETURN c
             }
             RETURN ${CHANGE_ROW} AS change
             ORDER BY c.seq
             LIMIT toInteger($first)`,
    params: { id, afterSeq, first },
  };
}

/** Entries written after a point in time, in order (what happened since `since`). */
export function listChangesSince(since: string, kinds: readonly string[]): Statement<{ change: ChangeRow }> {
  return {
    name: 'listChangesSince',
    cypher: `MATCH (c:Change) WHERE c.at > datetime($since) AND c.entityType IN $kinds
             RETURN ${CHANGE_ROW} AS change
             ORDER BY c.seq`,
    params: { since, kinds },
  };
}

/** When the change log begins (null while it is empty). */
export function firstChangeAt(): Statement<{ at: string | null }> {
  return {
    name: 'firstChangeAt',
    cypher: `MATCH (c:Change) WITH c ORDER BY c.seq LIMIT 1 RETURN toString(c.at) AS at
             UNION ALL
             RETURN null AS at`,
    params: {},
  };
}

/**
 * Where the log stands: its last sequence number and when that entry was written. Every
 * logged write moves it, so it names the state of the graph (the time tells apart two
 * stores, say a restored backup, that reached the same number differently).
 */
export function findChangeLogHead(): Statement<{ seq: number; at: string | null }> {
  return {
    name: 'findChangeLogHead',
    cypher: `OPTIONAL MATCH (log:ChangeLog {id: 'changes'})
             OPTIONAL MATCH (last:Change {seq: log.seq})
             RETURN coalesce(log.seq, 0) AS seq, CASE WHEN last IS NULL THEN null ELSE toString(last.at) END AS at`,
    params: {},
  };
}
