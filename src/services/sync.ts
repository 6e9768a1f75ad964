/**
 * Integrators' writes: upsert by external reference for every entity type (create or
 * update as a whole, UNCHANGED when the record already says the same), sync of a whole
 * batch in one transaction, applicability entries by reference, and GRC CSV in and out.
 * Each write is one transaction with its change-log entries (changes.ts `write`).
 */
import { ENTITIES, LINK_KINDS, linkDef, type EntityType, type LinkDef } from '../domain/entity-spec.js';
import { crossFieldProblems, validateEntityInput } from '../domain/entity-input.js';
import { sameFields } from '../domain/upsert.js';
import { AppError, BadUserInputError, ConflictError, ErrorCode } from '../errors.js';
import type { LinkKind, SyncBatchInput, UpsertAction } from '../generated/resolvers.js';
import type { ChangeEntry } from '../domain/change-log.js';
import {
  createEntity,
  findKinds,
  listLinksOf,
  lockByExternalRefs,
  lockEntitiesByIds,
  updateEntity,
  type EntityRow,
  type LinkRow,
  type NodeSpace,
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

export const UPSERT_TYPES: readonly EntityType[] = ['AISystem', 'Model', 'Dataset', 'Risk', 'Control', 'Obligation', 'Evidence', 'Party'];


/** Creates or updates the record of `type` that holds external reference `ref`, as a whole. */
export async function upsert(
  scope: RequestScope,
  type: EntityType,
  ref: ExternalRef,
  input: Record<string, unknown>,
): Promise<{ action: UpsertAction; entity: EntityRow }> {
  checkExternalRefs([ref]);
  const { externalRefs, ...fields } = input;
  if (externalRefs != null) throw new BadUserInputError('An upsert takes its external reference as `ref`, not in `input.externalRefs`', 'input.externalRefs');
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
      throw new ConflictError(`External reference ${ref.system} ${ref.id} belongs to a ${found.entity.type}, not a ${type}`, { field: 'ref', id: found.entity.id });
    }
    log.wrote(found.entity);
    if (sameFields(ENTITIES[type], found.entity, values)) return { action: 'UNCHANGED' as const, entity: found.entity };
    const [row] = await tx.run(updateEntity(type, found.entity.id, found.entity.version, values));
    // The lock was taken before the version was read, so the update always applies.
    if (!row?.applied) throw new Error(`upsert of ${found.entity.id} lost its lock`);
    log.record({ operation: 'UPDATE', entityId: found.entity.id, entityType: type, before: snapshot(row.before), after: snapshot(row.entity) });
    log.wrote(row.entity);
    return { action: 'UPDATED' as const, entity: row.entity };
  });
}


/* ---------------------------------------------------------------- sync(batch) */

const CHUNK = 1000;
/** The payload field that carries a record of this type: `aiSystem`, `control`, … (also a batch item's field). */
export const payloadField = (type: EntityType): string => (type === 'AISystem' ? 'aiSystem' : `${type[0]!.toLowerCase()}${type.slice(1)}`);
const TYPE_FIELDS: readonly [string, EntityType][] = UPSERT_TYPES.map((t) => [payloadField(t), t]);

interface SyncProblem {
  readonly list: 'entities' | 'links';
  readonly index: number;
  readonly field: string;
  readonly message: string;
}

function problemsError(problems: readonly SyncProblem[]): AppError {
  const where = (p: SyncProblem): string => `${p.list}[${p.index}]${p.field ? `.${p.field}` : ''}`;
  const first = problems[0]!;
  return new AppError(ErrorCode.BAD_USER_INPUT, `${where(first)} ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ''}`, {
    field: where(first),
    problems: problems.slice(0, 1000).map((p) => ({ index: p.index, field: where(p), message: p.message })),
  });
}

/** Thrown inside the transaction to roll a dry run back, carrying what it would have done. */
class DryRunRollback extends Error {
  constructor(readonly result: SyncOutcome) {
    super('dry run');
  }
}

type SyncAction = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'DELETED';
interface SyncOutcome {
  dryRun: boolean;
  summary: { created: number; updated: number; unchanged: number; deleted: number };
  entities: { index: number; ref: string; type: string; id: string; action: SyncAction }[];
  links: { index: number | null; kind: LinkKind; fromId: string; toId: string; action: SyncAction }[];
}

interface EntityItem {
  readonly index: number;
  readonly ref: string;
  readonly remove: boolean;
  readonly type: EntityType | null;
  readonly values: Record<string, unknown>;
  readonly replaceLinks: readonly string[];
  /** This service's id, when the source gave it. */
  readonly id: string | null;
}

const chunks = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Checks every item of a batch without touching the graph; all problems at once. */
function checkBatch(batch: SyncBatchInput): { entities: EntityItem[]; problems: SyncProblem[] } {
  const problems: SyncProblem[] = [];
  const entities: EntityItem[] = [];
  const seen = new Set<string>();
  const seenIds = new Set<string>();
  (batch.entities ?? []).forEach((entry, index) => {
    const at = (field: string, message: string) => problems.push({ list: 'entities', index, field, message });
    if (entry.ref.trim() === '' || entry.ref.length > 200) at('ref', 'must be 1 to 200 characters');
    if (seen.has(entry.ref)) at('ref', 'appears earlier in the batch');
    seen.add(entry.ref);
    const given = TYPE_FIELDS.filter(([field]) => (entry as Record<string, unknown>)[field] != null);
    const remove = entry.delete === true;
    if (remove) {
      if (given.length > 0) at(given[0]![0], 'must be left out when the record is deleted');
      if ((entry.replaceLinks ?? []).length > 0) at('replaceLinks', 'must be left out when the record is deleted');
      entities.push({ index, ref: entry.ref, remove, type: null, values: {}, replaceLinks: [], id: null });
      return;
    }
    if (given.length !== 1) {
      at('', `must give exactly one of ${TYPE_FIELDS.map(([f]) => f).join(', ')}`);
      return;
    }
    const [field, type] = given[0]!;
    const { externalRefs, ...fields } = (entry as unknown as Record<string, Record<string, unknown>>)[field]!;
    if (externalRefs != null) at(`${field}.externalRefs`, 'must be left out: the reference is `ref`');
    const result = validateEntityInput(ENTITIES[type], fields, 'create');
    if (!result.ok) {
      for (const p of result.problems) at(`${field}.${p.field}`, p.message);
      return;
    }
    for (const p of crossFieldProblems(type, result.values)) at(`${field}.${p.field}`, p.message);
    for (const kind of entry.replaceLinks ?? []) {
      const def = linkDef(kind);
      if (def === undefined || !def.from.includes(type)) at('replaceLinks', `${kind} does not start from a ${type}`);
    }
    if (entry.id != null && seenIds.has(entry.id)) at('id', 'names the same record as an earlier item');
    if (entry.id != null) seenIds.add(entry.id);
    if (entry.id != null && (entry.id.length === 0 || entry.id.length > 300)) at('id', 'must be 1 to 300 characters');
    entities.push({ index, ref: entry.ref, remove, type, values: result.values, replaceLinks: [...new Set(entry.replaceLinks ?? [])], id: entry.id ?? null });
  });
  const seenLinks = new Set<string>();
  (batch.links ?? []).forEach((link, index) => {
    const at = (field: string, message: string) => problems.push({ list: 'links', index, field, message });
    // A batch read from a file (npm run import) has not been through GraphQL's input checks.
    const def = linkDef(link.kind);
    if (def === undefined) {
      at('kind', `must be one of ${LINK_KINDS.join(', ')}`);
      return;
    }
    for (const end of ['from', 'to'] as const) if (typeof link[end] !== 'string' || link[end].trim() === '' || link[end].length > 300) at(end, 'must be 1 to 300 characters');
    const same = `${def.kind}|${link.from}|${link.to}`;
    if (seenLinks.has(same)) at('', 'repeats an earlier link of the batch');
    seenLinks.add(same);
    if (link.delete === true) return;
    const property = def.property?.name;
    for (const name of ['purpose', 'coverage'] as const) {
      if (link[name] != null && property !== name) at(name, `${def.kind} takes no ${name}`);
    }
    if (property && link[property] == null) at(property, `${def.kind} needs a ${property}`);
    if (property && link[property] != null && !def.property!.values.includes(String(link[property]))) at(property, `must be one of ${def.property!.values.join(', ')}`);
  });
  return { entities, problems };
}

export async function sync(scope: RequestScope, batch: SyncBatchInput): Promise<SyncOutcome> {
  const source = batch.source.trim();
  if (source === '' || batch.source.length > 200 || batch.source.includes('|')) {
    throw new BadUserInputError('source must be 1 to 200 characters, without "|"', 'batch.source');
  }
  for (const list of ['entities', 'links'] as const) {
    const count = batch[list]?.length ?? 0;
    const max = scope.limits.maxSyncItems;
    if (count > max) {
      // BAD_USER_INPUT, not QUERY_TOO_COMPLEX: the operation is fine, the batch must be split.
      throw new AppError(ErrorCode.BAD_USER_INPUT, `a batch holds at most ${max} ${list} (this one has ${count}); split it`, {
        field: `batch.${list}`,
        limit: 'syncItems',
        max,
        actual: count,
      });
    }
  }
  const { entities, problems } = checkBatch(batch);
  if (problems.length > 0) throw problemsError(problems);
  const links = batch.links ?? [];
  const key = (ref: string): string => `${batch.source}|${ref}`;

  try {
    return await write(scope, 'sync', async (tx, log) => {
      const refs = [...new Set([...entities.map((e) => e.ref), ...links.flatMap((l) => [l.from, l.to])])];
      const existing = new Map<string, EntityRow>();
      for (const part of chunks(refs)) for (const row of await tx.run(lockByExternalRefs(part.map(key)))) existing.set(row.key, row.entity);

      // Records the source knows by this service's id, not yet by its reference: adopt them.
      const adopt = entities.filter((e) => e.id !== null && !e.remove && !existing.has(key(e.ref)));
      const adopted = new Map<string, EntityRow>();
      for (const part of chunks(adopt.map((e) => e.id!))) for (const { entity } of await tx.run(lockEntitiesByIds(part))) adopted.set(entity.id, entity);
      const attach: { id: string; system: string; ref: string; before: EntityRow }[] = [];
      const failures: SyncProblem[] = [];
      for (const e of adopt) {
        const found = adopted.get(e.id!);
        const fail = (message: string) => failures.push({ list: 'entities', index: e.index, field: 'id', message });
        if (found === undefined) fail('no record has this id');
        else if (found.type !== e.type) fail(`is a ${found.type}, not a ${e.type}`);
        else if (found.externalRefs.some((x) => x.system === batch.source)) fail(`already has another reference in ${source}`);
        else {
          existing.set(key(e.ref), found);
          attach.push({ id: found.id, system: batch.source, ref: e.ref, before: found });
        }
      }

      const outcome: SyncOutcome = { dryRun: batch.dryRun === true, summary: { created: 0, updated: 0, unchanged: 0, deleted: 0 }, entities: [], links: [] };
      const creates = new Map<EntityType, { id: string; values: Record<string, unknown>; ref: { system: string; id: string } }[]>();
      const updates = new Map<EntityType, { id: string; values: Record<string, unknown>; before: EntityRow }[]>();
      const deletes: EntityRow[] = [];
      // What each reference of the batch names once the batch is applied.
      const resolved = new Map<string, { id: string; type: string } | null>();
      for (const [k, row] of existing) resolved.set(k, { id: row.id, type: row.type });

      for (const item of entities) {
        const found = existing.get(key(item.ref));
        let action: SyncAction;
        let id: string;
        let type: string;
        if (item.remove) {
          if (found === undefined) {
            failures.push({ list: 'entities', index: item.index, field: 'ref', message: `no record has the reference ${source} ${item.ref}` });
            continue;
          }
          [action, id, type] = ['DELETED', found.id, found.type];
          deletes.push(found);
          resolved.set(key(item.ref), null);
        } else if (found === undefined) {
          [action, id, type] = ['CREATED', mintId(item.type!), item.type!];
          creates.set(item.type!, [...(creates.get(item.type!) ?? []), { id, values: item.values, ref: { system: batch.source, id: item.ref } }]);
          resolved.set(key(item.ref), { id, type });
        } else if (found.type !== item.type) {
          failures.push({ list: 'entities', index: item.index, field: 'ref', message: `belongs to a ${found.type}, not a ${item.type}` });
          continue;
        } else {
          [id, type] = [found.id, found.type];
          if (sameFields(ENTITIES[item.type], found, item.values)) action = 'UNCHANGED';
          else {
            action = 'UPDATED';
            updates.set(item.type, [...(updates.get(item.type) ?? []), { id, values: item.values, before: found }]);
          }
        }
        outcome.entities.push({ index: item.index, ref: item.ref, type, id, action });
      }

      // Link ends: references of this source, or requirement ids.
      const unresolved = [...new Set(links.map((l) => l.to).filter((to) => !resolved.has(key(to))))];
      const requirements = new Set<string>();
      for (const part of chunks(unresolved)) for (const row of await tx.run(findKinds(part))) if (row.kind === 'Requirement') requirements.add(row.id);
      const planned: { index: number; def: LinkDef; from: { id: string; type: string }; to: { id: string; space: NodeSpace }; property: string | null; remove: boolean }[] = [];
      links.forEach((link, index) => {
        const def = linkDef(link.kind)!;
        const from = resolved.get(key(link.from));
        const toEntity = resolved.get(key(link.to));
        const to = toEntity ? { id: toEntity.id, space: 'Entity' as NodeSpace, kind: toEntity.type } : requirements.has(link.to) ? { id: link.to, space: 'Requirement' as NodeSpace, kind: 'Requirement' } : null;
        if (!from) failures.push({ list: 'links', index, field: 'from', message: from === null ? 'is deleted by this batch' : `no record has the reference ${source} ${link.from}` });
        else if (!def.from.includes(from.type as EntityType)) failures.push({ list: 'links', index, field: 'from', message: `${def.kind} starts from ${def.from.join(' or ')}, not a ${from.type}` });
        if (!to) failures.push({ list: 'links', index, field: 'to', message: toEntity === null ? 'is deleted by this batch' : `is neither a reference of ${source} nor a requirement` });
        else if (!(def.to as readonly string[]).includes(to.kind)) failures.push({ list: 'links', index, field: 'to', message: `${def.kind} goes to ${def.to.join(' or ')}, not a ${to.kind}` });
        if (from && to && def.from.includes(from.type as EntityType) && (def.to as readonly string[]).includes(to.kind)) {
          planned.push({ index, def, from, to, property: link.delete ? null : ((def.property ? link[def.property.name] : null) ?? null), remove: link.delete === true });
        }
      });
      // Links a record's replaceLinks leaves out are removed, after the batch's own links:
      // only links the source could have listed (to a requirement, or to a record that has a
      // reference in the source), so that links made here or by other sources stay.
      const replacing = entities.filter((e) => e.replaceLinks.length > 0 && existing.has(key(e.ref)));
      const implied: typeof planned = [];
      if (replacing.length > 0) {
        const listed = new Set(planned.map((p) => `${p.def.kind}|${p.from.id}|${p.to.id}`));
        const kindsOf = new Map(replacing.map((e) => [existing.get(key(e.ref))!.id, new Set(e.replaceLinks)]));
        for (const part of chunks([...kindsOf.keys()])) {
          for (const { link: l } of await tx.run(listOutgoingLinks(part, batch.source))) {
            if (!kindsOf.get(l.from)?.has(l.kind) || listed.has(`${l.kind}|${l.from}|${l.to}`)) continue;
            if (!l.toIsRequirement && !l.toInSource) continue;
            implied.push({
              index: -1 - implied.length,
              def: linkDef(l.kind)!,
              from: { id: l.from, type: l.fromType },
              to: { id: l.to, space: l.toIsRequirement ? 'Requirement' : 'Entity' },
              property: null,
              remove: true,
            });
          }
        }
      }
      planned.push(...implied);
      if (failures.length > 0) throw problemsError(failures.sort((a, b) => (a.list === b.list ? a.index - b.index : a.list === 'entities' ? -1 : 1)));

      // Writes: deletions, creations, updates, then links; the change log last, in that order.
      const changes: ChangeEntry[] = [];
      if (deletes.length > 0) {
        const ids = deletes.map((d) => d.id);
        const removed: LinkRow[] = [];
        for (const part of chunks(ids)) removed.push(...(await tx.run(listLinksOf(part))).map((r) => r.link));
        for (const l of removed) changes.push(linkChange('UNLINK', l.kind, { id: l.from, type: l.fromType }, l.to, l.property, undefined));
        for (const d of deletes) {
          const own = removed.filter((l) => l.from === d.id || l.to === d.id).map(({ fromType: _t, ...l }) => l);
          changes.push({ operation: 'DELETE', entityId: d.id, entityType: d.type, before: { ...snapshot(d), links: own }, after: null });
        }
        for (const part of chunks(ids)) await tx.run(deleteEntities(part));
      }
      for (const [type, items] of creates) {
        for (const part of chunks(items)) {
          for (const { entity } of await tx.run(createEntities(type, part))) changes.push({ operation: 'CREATE', entityId: entity.id, entityType: type, before: null, after: snapshot(entity) });
        }
      }
      // Adopted records get their reference first; one that is also updated is logged (and
      // versioned) once, by its update.
      if (attach.length > 0) {
        const updated = new Set([...updates.values()].flat().map((u) => u.id));
        for (const part of chunks(attach)) {
          for (const { entity } of await tx.run(attachExternalRefs(part.map(({ id, system, ref }) => ({ id, system, ref, bump: !updated.has(id) }))))) {
            if (updated.has(entity.id)) continue;
            const before = attach.find((a) => a.id === entity.id)!.before;
            changes.push({ operation: 'UPDATE', entityId: entity.id, entityType: entity.type, before: snapshot(before), after: snapshot(entity) });
          }
        }
        const attachedIds = new Set(attach.map((a) => a.id));
        for (const r of outcome.entities) if (attachedIds.has(r.id) && r.action === 'UNCHANGED') r.action = 'UPDATED';
      }
      for (const [type, items] of updates) {
        const before = new Map(items.map((i) => [i.id, i.before]));
        for (const part of chunks(items)) {
          for (const { entity } of await tx.run(replaceEntities(type, part.map(({ id, values }) => ({ id, values }))))) {
            changes.push({ operation: 'UPDATE', entityId: entity.id, entityType: type, before: snapshot(before.get(entity.id)!), after: snapshot(entity) });
          }
        }
      }
      const linkActions = new Map<number, SyncAction>();
      const groups = new Map<string, typeof planned>();
      for (const p of planned) groups.set(`${p.def.kind}|${p.to.space}|${p.remove}`, [...(groups.get(`${p.def.kind}|${p.to.space}|${p.remove}`) ?? []), p]);
      for (const group of groups.values()) {
        const { def, remove } = group[0]!;
        const space = group[0]!.to.space;
        for (const part of chunks(group)) {
          // Rows are matched back to items by position in the part, not by row order.
          const rows = remove
            ? await tx.run(removeLinks(def, space, part.map((p, i) => ({ i, from: p.from.id, to: p.to.id }))))
            : await tx.run(mergeLinks(def, space, part.map((p, i) => ({ i, from: p.from.id, to: p.to.id, property: p.property }))));
          if (rows.length !== part.length) throw new Error(`${def.kind}: ${part.length - rows.length} links lost an end inside the transaction`);
          rows.forEach((row) => {
            const p = part[row.i]!;
            if (remove) {
              linkActions.set(p.index, row.changed ? 'DELETED' : 'UNCHANGED');
              if (row.changed) changes.push(linkChange('UNLINK', def.kind, p.from, p.to.id, row.before, undefined));
            } else {
              const existed = 'existed' in row && row.existed;
              linkActions.set(p.index, !row.changed ? 'UNCHANGED' : existed ? 'UPDATED' : 'CREATED');
              if (row.changed) changes.push(linkChange('LINK', def.kind, p.from, p.to.id, existed ? row.before : undefined, p.property));
            }
          });
        }
      }
      outcome.links = planned.map((p) => ({ index: p.index < 0 ? null : p.index, kind: p.def.kind as LinkKind, fromId: p.from.id, toId: p.to.id, action: linkActions.get(p.index)! }));
      log.record(...changes);

      for (const r of [...outcome.entities, ...outcome.links]) {
        const field = r.action === 'CREATED' ? 'created' : r.action === 'UPDATED' ? 'updated' : r.action === 'UNCHANGED' ? 'unchanged' : 'deleted';
        outcome.summary[field] += 1;
      }
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

/* ---------------------------------------------------------------- GRC CSV */

/** Input field -> CSV column, to name the cell a problem is about. */
const COLUMN_OF: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(CSV_FIELDS).flatMap((fields) => Object.entries(fields).map(([column, field]) => [field, column])),
);

function csvProblems(problems: readonly { row: number; column: string; message: string }[]): AppError {
  const where = (p: { row: number; column: string }) => `row ${p.row}${p.column ? `, ${p.column}` : ''}`;
  const first = problems[0]!;
  return new AppError(ErrorCode.BAD_USER_INPUT, `${where(first)}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ''}`, {
    field: 'content',
    problems: problems.slice(0, 1000).map((p) => ({ row: p.row, column: p.column, message: p.message })),
  });
}

export async function importGrcCsv(scope: RequestScope, kind: CsvKind, content: string, dryRun: boolean): Promise<SyncOutcome> {
  let batch: GrcBatch;
  try {
    batch = grcCsvToBatch(kind, content);
  } catch (err) {
    if (err instanceof GrcCsvError) throw csvProblems(err.problems);
    throw err;
  }
  try {
    return await sync(scope, { source: batch.source, dryRun, entities: batch.entities as SyncBatchInput['entities'], links: batch.links as SyncBatchInput['links'] });
  } catch (err) {
    // Sync names items by their index in the batch; a CSV reader wants rows and columns.
    const problems = err instanceof AppError ? (err.extensions.problems as { field: string; message: string }[] | undefined) : undefined;
    if (!problems) throw err;
    throw csvProblems(
      problems.map((p) => {
        const entity = /^entities\[(\d+)\](?:\.\w+\.(\w+)|\.(\w+))?/.exec(p.field);
        if (entity) return { row: batch.entityRows[Number(entity[1])]!, column: entity[2] ? (COLUMN_OF[entity[2]] ?? entity[2]) : (entity[3] ?? ''), message: p.message };
        const link = /^links\[(\d+)\]/.exec(p.field);
        if (link) return { ...batch.linkCells[Number(link[1])]!, message: p.message };
        return { row: 0, column: '', message: p.message };
      }),
    );
  }
}

export async function exportGrcCsv(scope: RequestScope, kind: CsvKind, source: string) {
  if (source.trim() === '' || source.length > 200) throw new BadUserInputError('source must be 1 to 200 characters', 'source');
  const rows = await scope.graph.read(kind === 'CONTROLS' ? listControlsForExport(source) : listEvidenceForExport(source));
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
    for (const [column, field] of Object.entries(CSV_FIELDS[kind])) cell[column] = r.entity[field] == null ? null : String(r.entity[field]);
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
  input: { requirement: string; applicable: boolean; justification: string; systems?: readonly string[] | null; externalRefs?: unknown },
): Promise<{ action: UpsertAction; entity: EntityRow }> {
  checkExternalRefs([ref]);
  if (input.externalRefs != null) throw new BadUserInputError('An upsert takes its external reference as `ref`, not in `input.externalRefs`', 'input.externalRefs');
  const { values, requirement, systems } = await checkDecision(scope, input, 'input.');
  const wanted = [
    { kind: 'FOR_REQUIREMENT', to: requirement },
    ...systems.map((s) => ({ kind: 'LIMITED_TO', to: s })),
  ];
  return write(scope, 'upsertApplicability', async (tx, log) => {
    const [found] = await tx.run(lockByExternalRefs([`${ref.system}|${ref.id}`]));
    const changes: ChangeEntry[] = [];
    let entity: EntityRow;
    let action: UpsertAction;
    let stored: { kind: string; to: string }[] = [];
    if (found === undefined) {
      const id = mintId('Applicability');
      entity = (await tx.run(createEntity('Applicability', id, values, [ref])))[0]!.entity;
      changes.push({ operation: 'CREATE', entityId: id, entityType: 'Applicability', before: null, after: snapshot(entity) });
      action = 'CREATED';
    } else {
      if (found.entity.type !== 'Applicability') {
        throw new ConflictError(`External reference ${ref.system} ${ref.id} belongs to a ${found.entity.type}, not an Applicability`, { field: 'ref', id: found.entity.id });
      }
      entity = found.entity;
      stored = (await tx.run(listOutgoingLinks([entity.id], ref.system))).map((r) => r.link).filter((l) => l.kind === 'FOR_REQUIREMENT' || l.kind === 'LIMITED_TO');
      const sameLinks = stored.length === wanted.length && wanted.every((w) => stored.some((s) => s.kind === w.kind && s.to === w.to));
      if (sameFields(ENTITIES.Applicability, entity, values) && sameLinks) {
        log.wrote(entity);
        return { action: 'UNCHANGED' as const, entity };
      }
      const [row] = await tx.run(updateEntity('Applicability', entity.id, entity.version, values));
      if (!row?.applied) throw new Error(`upsert of ${entity.id} lost its lock`);
      changes.push({ operation: 'UPDATE', entityId: entity.id, entityType: 'Applicability', before: snapshot(row.before), after: snapshot(row.entity) });
      entity = row.entity;
      action = 'UPDATED';
    }
    const from = { id: entity.id, type: 'Applicability' };
    const has = (list: readonly { kind: string; to: string }[], l: { kind: string; to: string }) => list.some((x) => x.kind === l.kind && x.to === l.to);
    // One statement per link kind: the requirement (FOR_REQUIREMENT) and the systems (LIMITED_TO).
    for (const kind of ['FOR_REQUIREMENT', 'LIMITED_TO'] as const) {
      const space: NodeSpace = kind === 'FOR_REQUIREMENT' ? 'Requirement' : 'Entity';
      const gone = stored.filter((l) => l.kind === kind && !has(wanted, l));
      const added = wanted.filter((l) => l.kind === kind && !has(stored, l));
      if (gone.length > 0) await tx.run(removeLinks(linkDef(kind)!, space, gone.map((l, i) => ({ i, from: entity.id, to: l.to }))));
      if (added.length > 0) await tx.run(mergeLinks(linkDef(kind)!, space, added.map((l, i) => ({ i, from: entity.id, to: l.to, property: null }))));
      changes.push(...gone.map((l) => linkChange('UNLINK', kind, from, l.to, null, undefined)), ...added.map((l) => linkChange('LINK', kind, from, l.to, undefined, null)));
    }
    log.record(...changes);
    log.wrote(entity);
    return { action, entity };
  });
}
