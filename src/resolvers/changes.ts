/**
 * The change log as integrators and auditors read it: `changes` (the feed, resumable from
 * any cursor) and `auditTrail` (one record's history). Writes append their entries
 * through services/changes.ts.
 */
import type { ChangeRow } from '../graph/rows.js';
import { BadUserInputError } from '../errors.js';
import type { LinkKind, Resolvers } from '../generated/resolvers.js';
import { readChanges } from '../services/changes.js';
import { checkId } from '../services/checks.js';

const MAX_PAGE = 1000;

const encodeCursor = (seq: number): string => Buffer.from(`change:${seq}`).toString('base64url');

function decodeCursor(after: string | null | undefined): number {
  if (after == null) return 0;
  const match = /^change:(\d{1,15})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match) throw new BadUserInputError('after is not a cursor from the change log', 'after');
  return Number(match[1]);
}

function pageSize(first: number | null | undefined): number {
  const size = first ?? 100;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE)
    throw new BadUserInputError(`first must be 1 to ${MAX_PAGE}`, 'first');
  return size;
}

async function page(rows: Promise<ChangeRow[]>, first: number, afterSeq: number) {
  const changes = await rows;
  const shown = changes.slice(0, first);
  const last = shown[shown.length - 1];
  return {
    edges: shown.map((change) => ({ cursor: encodeCursor(change.seq), node: change })),
    pageInfo: {
      hasNextPage: changes.length > first,
      // An empty page keeps the reader where it was: pass the same cursor again later.
      endCursor: last ? encodeCursor(last.seq) : afterSeq > 0 ? encodeCursor(afterSeq) : null,
    },
  };
}

export const changesResolvers: Resolvers = {
  Query: {
    changes: (_root, args, context) => {
      const first = pageSize(args.first);
      const afterSeq = decodeCursor(args.after);
      return page(readChanges(context.scope, afterSeq, first + 1), first, afterSeq);
    },
    auditTrail: (_root, args, context) => {
      const id = checkId(args.entity, 'entity');
      const first = pageSize(args.first);
      const afterSeq = decodeCursor(args.after);
      return page(readChanges(context.scope, afterSeq, first + 1, id), first, afterSeq);
    },
  },
  Change: {
    id: (row) => String(row.seq),
    sequence: (row) => row.seq,
    tombstone: (row) =>
      row.operation === 'DELETE' || row.operation === 'UNLINK' || row.operation === 'CROSSWALK_REMOVE',
    link: (row) =>
      row.linkKind === null || row.otherId === null
        ? null
        : { kind: row.linkKind as LinkKind, from: row.entityId, to: row.otherId },
  },
};
