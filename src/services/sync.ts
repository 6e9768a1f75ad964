/**
 * Integrators' writes: upsert by external reference for every entity type (create or
 * update as a whole, UNCHANGED when the record already says the same), sync of a whole
 * batch in one transaction, applicability entries by reference, and GRC CSV in and out.
 * Each write is one transaction with its change-log entries (changes.ts `write`).
 */
import type { EntityRow, NodeSpace } from '../graph/rows.js';
import { ENTITIES, linkDef, type EntityType } from '../domain/entity-spec.js';
import {
  checkBatch,
  endsToCheck,
  idsToAdopt,
  planSync,
  refsToRead,
  replacedIds,
  type CheckedBatch,
  type SyncAction,
  type SyncPlan,
  type SyncProblem,
  type SyncState,
} from '../domain/sync-plan.js';
import { sameFields } from '../domain/upsert.js';
import { AppError, BadUserInputError, ConflictError, ErrorCode } from '../errors.js';
import type { LinkKind, SyncBatchInput, UpsertAction } from '../generated/resolvers.js';
import type { ChangeEntry } from '../domain/change-log.js';
import type { Statement, TransactionRunner } from '../graph/executor.js';
import {
  createEntity,
  findKinds,
  listLinksOf,
  lockByExternalRefs,
  lockEntitiesByIds,
  updateEntity,
} from '../graph/statements/organisation.js';
import {
  attachExternalRefs,
  createEntities,
  deleteEntities,
  listControlsForExport,
  listEvidenceForExport,
  listOutgoingLinks,
  mergeLinks,
  removeLinks,
  replaceEntities,
} from '../graph/statements/sync.js';
import { CSV_FIELDS, grcCsv, grcCsvToBatch, GrcCsvError, type CsvKind, type GrcBatch } from '../ingest/grc-csv.js';
import { linkChange, snapshot, write } from './changes.js';
import { checkDecision, checkExternalRefs, checkNewRecord, mintId, type ExternalRef } from './organisation.js';
import type { RequestScope } from './scope.js';

export { payloadField, UPSERT_TYPES } from '../domain/sync-plan.js';

/** Creates or updates the record of `type` that holds external reference `ref`, as a whole. */
export async function upsert(
  scope: RequestScope,
  type: EntityType,
  ref: ExternalRef,
  input: Record<string, unknown>,
): Promise<{ action: UpsertAction; entity: EntityRow }> {
  checkExternalRefs([ref]);
  const { externalRefs, ...fields } = input;
  if (externalRefs != null)
    throw new BadUserInputError(
      'An upsert takes its external reference as `ref`, not in `input.externalRefs`',
      'input.externalRefs',
    );
  const values = checkNewRecord(type, fields);
  const key = `${ref.system}|${ref.id}`;
  return write(scope, `upsert${type}`, async (tx, log) => {
    const [found] = await tx.run(lockByExternalRefs([key]));
    if (found === undefined) {
      const id = mintId(type);
      const [row] = await tx.run(createEntity(type, id, values, [ref]));
      log.record({ operation: 'CREATE', entityId: id, entityType: type, before: null, after: snapshot(row!.entity) });
      log.wrote(row!.entity);
      return { action: 'CREATED' as const, entity: row!.entity };
    }
    if (found.entity.type !== type) {
      throw new ConflictError(
        `External reference ${ref.system} ${ref.id} belongs to a ${found.entity.type}, not a ${type}`,
        { field: 'ref', id: found.entity.id },
      );
    }
    log.wrote(found.entity);
    if (sameFields(ENTITIES[type], found.entity, values)) return { action: 'UNCHANGED' as const, entity: found.entity };
    const [row] = await tx.run(updateEntity(type, found.entity.id, found.entity.version, values));
    // The lock was taken before the version was read, so the update always applies.
    if (!row?.applied) throw new Error(`upsert of ${found.entity.id} lost its lock`);
    log.record({
      operation: 'UPDATE',
      entityId: found.entity.id,
      entityType: type,
      before: snapshot(row.before),
      after: snapshot(row.entity),
    });
    log.wrote(row.entity);
    return { action: 'UPDATED' as const, entity: row.entity };
  });
}

/* ---------------------------------------------------------------- sync(batch) */

const CHUNK = 1000;

function problemsError(problems: readonly SyncProblem[]): AppError {
  const where = (p: SyncProblem): string => `${p.list}[${p.index}]${p.field ? `.${p.field}` : ''}`;
  const first = problems[0]!;
  return new AppError(
    ErrorCode.BAD_USER_INPUT,
    `${where(first)} ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ''}`,
    {
      field: where(first),
      problems: problems.slice(0, 1000).map((p) => ({ index: p.index, field: where(p), message: p.message })),
    },
  );
}

/** Thrown inside the transaction to roll a dry run back, carrying what it would have done. */
class DryRunRollback extends Error {
  constructor(readonly result: SyncOutcome) {
    super('dry run');
  }
}

interface SyncOutcome {
  dryRun: boolean;
  summary: { created: number; updated: number; unchanged: number; deleted: number };
  entities: { index: number; ref: string; type: string; id: string; action: SyncAction }[];
  links: { index: number | null; kind: LinkKind; fromId: string; toId: string; action: SyncAction }[];
}

const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Runs a statement over `items` a chunk at a time; the rows of all chunks, in order. */
async function inChunks<T, Row>(
  tx: TransactionRunner,
  items: readonly T[],
  statement: (part: T[]) => Statement<Row>,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const part of chunks(items)) rows.push(...(await tx.run(statement(part))));
  return rows;
}

/** Syncs a batch in one transaction: check, read, plan (domain/sync-plan.ts), write what the plan says. */
export async function sync(scope: RequestScope, batch: SyncBatchInput): Promise<SyncOutcome> {
  checkSourceAndSize(scope, batch);
  const { problems, ...checked } = checkBatch(batch);
  if (problems.length > 0) throw problemsError(problems);
  try {
    return await write(scope, 'sync', async (tx, log) => {
      const plan = planSync(batch.source, checked, await readState(tx, batch.source, checked), mintId);
      if (plan.problems.length > 0) throw problemsError(plan.problems);
      // Writes: deletions, creations, adoptions, updates, then links; the change log in that order.
      const changes: ChangeEntry[] = [];
      await applyRecords(tx, plan, changes);
      const actions = await applyLinks(tx, plan, changes);
      log.record(changes);
      const outcome = outcomeOf(batch.dryRun === true, plan, actions);
      if (outcome.dryRun) throw new DryRunRollback(outcome);
      return outcome;
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.result;
    throw err;
  } finally {
    scope.loaders.entityById.clearAll();
  }
}

function checkSourceAndSize(scope: RequestScope, batch: SyncBatchInput): void {
  if (batch.source.trim() === '' || batch.source.length > 200 || batch.source.includes('|')) {
    throw new BadUserInputError('source must be 1 to 200 characters, without "|"', 'batch.source');
  }
  for (const list of ['entities', 'links'] as const) {
    const count = batch[list]?.length ?? 0;
    const max = scope.limits.maxSyncItems;
    if (count > max) {
      // BAD_USER_INPUT, not QUERY_TOO_COMPLEX: the operation is fine, the batch must be split.
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `a batch holds at most ${max} ${list} (this one has ${count}); split it`,
        {
          field: `batch.${list}`,
          limit: 'syncItems',
          max,
          actual: count,
        },
      );
    }
  }
}

/** Everything the plan depends on, each read depending on the ones before; records are locked as they are read. */
async function readState(tx: TransactionRunner, source: string, batch: CheckedBatch): Promise<SyncState<EntityRow>> {
  const key = (ref: string): string => `${source}|${ref}`;
  const refOf = new Map(refsToRead(batch).map((ref) => [key(ref), ref]));
  const byRef = new Map(
    (await inChunks(tx, [...refOf.keys()], lockByExternalRefs)).map((row) => [refOf.get(row.key)!, row.entity]),
  );
  const byId = new Map(
    (await inChunks(tx, idsToAdopt(batch, byRef), lockEntitiesByIds)).map(({ entity }) => [entity.id, entity]),
  );
  const kinds = await inChunks(tx, endsToCheck(batch, byRef), findKinds);
  const outgoing = await inChunks(tx, replacedIds(source, batch, byRef, byId), (part) =>
    listOutgoingLinks(part, source),
  );
  return {
    byRef,
    byId,
    requirements: new Set(kinds.filter((row) => row.kind === 'Requirement').map((row) => row.id)),
    outgoing: outgoing.map((row) => row.link),
  };
}

/** Deletes the plan's records with their links, each link logged, and each record with its own. */
async function applyDeletes(
  tx: TransactionRunner,
  deletes: readonly EntityRow[],
  changes: ChangeEntry[],
): Promise<void> {
  const ids = deletes.map((d) => d.id);
  const removed = (await inChunks(tx, ids, listLinksOf)).map((r) => r.link);
  for (const l of removed)
    changes.push(linkChange('UNLINK', l.kind, { id: l.from, type: l.fromType }, l.to, l.property, undefined));
  for (const d of deletes) {
    const own = removed.filter((l) => l.from === d.id || l.to === d.id).map(({ fromType: _t, ...l }) => l);
    changes.push({
      operation: 'DELETE',
      entityId: d.id,
      entityType: d.type,
      before: { ...snapshot(d), links: own },
      after: null,
    });
  }
  await inChunks(tx, ids, deleteEntities);
}

async function applyRecords(tx: TransactionRunner, plan: SyncPlan<EntityRow>, changes: ChangeEntry[]): Promise<void> {
  await applyDeletes(tx, plan.deletes, changes);
  for (const [type, items] of plan.creates) {
    for (const { entity } of await inChunks(tx, items, (part) => createEntities(type, part))) {
      changes.push({
        operation: 'CREATE',
        entityId: entity.id,
        entityType: type,
        before: null,
        after: snapshot(entity),
      });
    }
  }
  // An adopted record gets its reference first; one that is also updated is logged (and
  // versioned) once, by its update.
  const attached = new Map(plan.attachments.map((a) => [a.id, a]));
  const rows = await inChunks(tx, plan.attachments, (part) =>
    attachExternalRefs(part.map(({ id, system, ref, updated }) => ({ id, system, ref, bump: !updated }))),
  );
  for (const { entity } of rows) {
    const { before, updated } = attached.get(entity.id)!;
    if (!updated)
      changes.push({
        operation: 'UPDATE',
        entityId: entity.id,
        entityType: entity.type,
        before: snapshot(before),
        after: snapshot(entity),
      });
  }
  for (const [type, items] of plan.updates) {
    const before = new Map(items.map((i) => [i.id, i.before]));
    for (const { entity } of await inChunks(tx, items, (part) =>
      replaceEntities(
        type,
        part.map(({ id, values }) => ({ id, values })),
      ),
    )) {
      changes.push({
        operation: 'UPDATE',
        entityId: entity.id,
        entityType: type,
        before: snapshot(before.get(entity.id)!),
        after: snapshot(entity),
      });
    }
  }
}

/** Writes the plan's links, one statement per group and chunk; what happened to each, by position in `plan.links`. */
async function applyLinks(
  tx: TransactionRunner,
  plan: SyncPlan<EntityRow>,
  changes: ChangeEntry[],
): Promise<SyncAction[]> {
  const actions: SyncAction[] = [];
  for (const { def, space, remove, at } of plan.linkWrites) {
    for (const part of chunks(at)) {
      const links = part.map((position) => plan.links[position]!);
      // Rows are matched back to items by position in the part, not by row order.
      const rows = remove
        ? await tx.run(
            removeLinks(
              def,
              space,
              links.map((p, i) => ({ i, from: p.from.id, to: p.to.id })),
            ),
          )
        : await tx.run(
            mergeLinks(
              def,
              space,
              links.map((p, i) => ({ i, from: p.from.id, to: p.to.id, property: p.property })),
            ),
          );
      if (rows.length !== part.length)
        throw new Error(`${def.kind}: ${part.length - rows.length} links lost an end inside the transaction`);
      for (const row of rows) {
        const p = links[row.i]!;
        const existed = 'existed' in row && row.existed;
        actions[part[row.i]!] = !row.changed ? 'UNCHANGED' : remove ? 'DELETED' : existed ? 'UPDATED' : 'CREATED';
        if (row.changed)
          changes.push(
            remove
              ? linkChange('UNLINK', def.kind, p.from, p.to.id, row.before, undefined)
              : linkChange('LINK', def.kind, p.from, p.to.id, existed ? row.before : undefined, p.property),
          );
      }
    }
  }
  return actions;
}

function outcomeOf(dryRun: boolean, plan: SyncPlan<EntityRow>, linkActions: readonly SyncAction[]): SyncOutcome {
  const entities = [...plan.entities];
  const links = plan.links.map((p, i) => ({
    index: p.index,
    kind: p.def.kind as LinkKind,
    fromId: p.from.id,
    toId: p.to.id,
    action: linkActions[i]!,
  }));
  const summary = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  for (const r of [...entities, ...links]) {
    const field =
      r.action === 'CREATED'
        ? 'created'
        : r.action === 'UPDATED'
          ? 'updated'
          : r.action === 'UNCHANGED'
            ? 'unchanged'
            : 'deleted';
    summary[field] += 1;
  }
  return { dryRun, summary, entities, links };
}

/* ---------------------------------------------------------------- GRC CSV */

/** Input field -> CSV column, to name the cell a problem is about. */
const COLUMN_OF: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(CSV_FIELDS).flatMap((fields) => Object.entries(fields).map(([column, field]) => [field, column])),
);

function csvProblems(problems: readonly { row: number; column: string; message: string }[]): AppError {
  const where = (p: { row: number; column: string }) => `row ${p.row}${p.column ? `, ${p.column}` : ''}`;
  const first = problems[0]!;
  return new AppError(
    ErrorCode.BAD_USER_INPUT,
    `${where(first)}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ''}`,
    {
      field: 'content',
      problems: problems.slice(0, 1000).map((p) => ({ row: p.row, column: p.column, message: p.message })),
    },
  );
}

export async function importGrcCsv(
  scope: RequestScope,
  kind: CsvKind,
  content: string,
  dryRun: boolean,
): Promise<SyncOutcome> {
  let batch: GrcBatch;
  try {
    batch = grcCsvToBatch(kind, content);
  } catch (err) {
    if (err instanceof GrcCsvError) throw csvProblems(err.problems);
    throw err;
  }
  try {
    return await sync(scope, {
      source: batch.source,
      dryRun,
      entities: batch.entities as SyncBatchInput['entities'],
      links: batch.links as SyncBatchInput['links'],
    });
  } catch (err) {
    // Sync names items by their index in the batch; a CSV reader wants rows and columns.
    const problems =
      err instanceof AppError
        ? (err.extensions.problems as { field: string; message: string }[] | undefined)
        : undefined;
    if (!problems) throw err;
    throw csvProblems(
      problems.map((p) => {
        const entity = /^entities\[(\d+)\](?:\.\w+\.(\w+)|\.(\w+))?/.exec(p.field);
        if (entity)
          return {
            row: batch.entityRows[Number(entity[1])]!,
            column: entity[2] ? (COLUMN_OF[entity[2]] ?? entity[2]) : (entity[3] ?? ''),
            message: p.message,
          };
        const link = /^links\[(\d+)\]/.exec(p.field);
        if (link) return { ...batch.linkCells[Number(link[1])]!, message: p.message };
        return { row: 0, column: '', message: p.message };
      }),
    );
  }
}

export async function exportGrcCsv(scope: RequestScope, kind: CsvKind, source: string) {
  if (source.trim() === '' || source.length > 200)
    throw new BadUserInputError('source must be 1 to 200 characters', 'source');
  const rows = await scope.graph.read(
    kind === 'CONTROLS' ? listControlsForExport(source) : listEvidenceForExport(source),
  );
  const toCsv = (cells: Record<string, string | null | readonly string[]>[]): string => {
    try {
      return grcCsv(kind, cells);
    } catch (err) {
      if (err instanceof GrcCsvError) throw csvProblems(err.problems);
      throw err;
    }
  };
  const cells = rows.map((r) => {
    // Link cells in a stable order, so that the same graph always gives the same file.
    const links = Object.fromEntries(Object.entries(r.links).map(([column, values]) => [column, [...values].sort()]));
    const cell: Record<string, string | null | readonly string[]> = { source, ref: r.ref, ...links };
    for (const [column, field] of Object.entries(CSV_FIELDS[kind]))
      cell[column] = r.entity[field] == null ? null : String(r.entity[field]);
    return cell;
  });
  return {
    fileName: `${source}-${kind.toLowerCase()}.csv`,
    mediaType: 'text/csv',
    content: toCsv(cells),
    rows: rows.length,
    omittedLinks: rows.reduce((n, r) => n + r.omitted, 0),
  };
}

/* ---------------------------------------------------- upsertApplicability */

/**
 * An applicability entry is its decision plus two kinds of link (its requirement, the
 * systems it is limited to): the upsert compares and replaces all of it.
 */
export async function upsertApplicability(
  scope: RequestScope,
  ref: ExternalRef,
  input: {
    requirement: string;
    applicable: boolean;
    justification: string;
    systems?: readonly string[] | null;
    externalRefs?: unknown;
  },
): Promise<{ action: UpsertAction; entity: EntityRow }> {
  checkExternalRefs([ref]);
  if (input.externalRefs != null)
    throw new BadUserInputError(
      'An upsert takes its external reference as `ref`, not in `input.externalRefs`',
      'input.externalRefs',
    );
  const { values, requirement, systems } = await checkDecision(scope, input, 'input.');
  const wanted = [{ kind: 'FOR_REQUIREMENT', to: requirement }, ...systems.map((s) => ({ kind: 'LIMITED_TO', to: s }))];
  return write(scope, 'upsertApplicability', async (tx, log) => {
    const [found] = await tx.run(lockByExternalRefs([`${ref.system}|${ref.id}`]));
    const changes: ChangeEntry[] = [];
    let entity: EntityRow;
    let action: UpsertAction;
    let stored: { kind: string; to: string }[] = [];
    if (found === undefined) {
      const id = mintId('Applicability');
      entity = (await tx.run(createEntity('Applicability', id, values, [ref])))[0]!.entity;
      changes.push({
        operation: 'CREATE',
        entityId: id,
        entityType: 'Applicability',
        before: null,
        after: snapshot(entity),
      });
      action = 'CREATED';
    } else {
      if (found.entity.type !== 'Applicability') {
        throw new ConflictError(
          `External reference ${ref.system} ${ref.id} belongs to a ${found.entity.type}, not an Applicability`,
          { field: 'ref', id: found.entity.id },
        );
      }
      entity = found.entity;
      stored = (await tx.run(listOutgoingLinks([entity.id], ref.system)))
        .map((r) => r.link)
        .filter((l) => l.kind === 'FOR_REQUIREMENT' || l.kind === 'LIMITED_TO');
      const sameLinks =
        stored.length === wanted.length && wanted.every((w) => stored.some((s) => s.kind === w.kind && s.to === w.to));
      if (sameFields(ENTITIES.Applicability, entity, values) && sameLinks) {
        log.wrote(entity);
        return { action: 'UNCHANGED' as const, entity };
      }
      const [row] = await tx.run(updateEntity('Applicability', entity.id, entity.version, values));
      if (!row?.applied) throw new Error(`upsert of ${entity.id} lost its lock`);
      changes.push({
        operation: 'UPDATE',
        entityId: entity.id,
        entityType: 'Applicability',
        before: snapshot(row.before),
        after: snapshot(row.entity),
      });
      entity = row.entity;
      action = 'UPDATED';
    }
    const from = { id: entity.id, type: 'Applicability' };
    const has = (list: readonly { kind: string; to: string }[], l: { kind: string; to: string }) =>
      list.some((x) => x.kind === l.kind && x.to === l.to);
    // One statement per link kind: the requirement (FOR_REQUIREMENT) and the systems (LIMITED_TO).
    for (const kind of ['FOR_REQUIREMENT', 'LIMITED_TO'] as const) {
      const space: NodeSpace = kind === 'FOR_REQUIREMENT' ? 'Requirement' : 'Entity';
      const gone = stored.filter((l) => l.kind === kind && !has(wanted, l));
      const added = wanted.filter((l) => l.kind === kind && !has(stored, l));
      if (gone.length > 0)
        await tx.run(
          removeLinks(
            linkDef(kind)!,
            space,
            gone.map((l, i) => ({ i, from: entity.id, to: l.to })),
          ),
        );
      if (added.length > 0)
        await tx.run(
          mergeLinks(
            linkDef(kind)!,
            space,
            added.map((l, i) => ({ i, from: entity.id, to: l.to, property: null })),
          ),
        );
      changes.push(
        ...gone.map((l) => linkChange('UNLINK', kind, from, l.to, null, undefined)),
        ...added.map((l) => linkChange('LINK', kind, from, l.to, undefined, null)),
      );
    }
    log.record(changes);
    log.wrote(entity);
    return { action, entity };
  });
}
