/**
 * The organisation's records and links: create, update and delete of every entity type,
 * applicability decisions, links made and removed. Each is one write (changes.ts
 * `write`): checked, written, logged and primed in one place.
 */
import type { EntityRow, NodeSpace } from '../graph/rows.js';
import { randomUUID } from 'node:crypto';
import { ENTITIES, entityTypeOfId, linkDef, type EntityType, type LinkDef } from '../domain/entity-spec.js';
import { crossFieldProblems, validateEntityInput, type FieldProblem } from '../domain/entity-input.js';
import { AppError, BadUserInputError, ConflictError, ErrorCode, NotFoundError } from '../errors.js';
import {
  createEntity,
  createLink,
  deleteEntity,
  deleteLink,
  findApplicability,
  findExternalRefs,
  findKinds,
  listDependents,
  listEntitiesByIds,
  listEntities,
  listLinksOf,
  projectedRow,
  updateEntity,
  type EntityListQuery,
} from '../graph/statements/organisation.js';
import { linkChange, snapshot, write } from './changes.js';
import { checkId } from './checks.js';
import type { RequestScope } from './scope.js';

/** An external reference: the system that holds the record, and its id there. */
export interface ExternalRef {
  readonly system: string;
  readonly id: string;
}

/** A new record's id: its type's prefix and a random UUID. */
export const mintId = (type: EntityType): string => `${ENTITIES[type].prefix}_${randomUUID()}`;

/** BAD_USER_INPUT naming the first problem and listing them all. */
export function invalidInput(problems: readonly FieldProblem[]): AppError {
  const [first] = problems;
  return new AppError(ErrorCode.BAD_USER_INPUT, `${first?.field ?? 'input'} ${first?.message ?? 'is invalid'}`, {
    field: first?.field,
    problems: problems.map((p) => ({ field: p.field, message: p.message })),
  });
}

export function checkExternalRefs(refs: readonly ExternalRef[]): void {
  const seen = new Set<string>();
  refs.forEach((ref, index) => {
    for (const part of ['system', 'id'] as const) {
      if (ref[part].trim() === '' || ref[part].length > 200) {
        throw new BadUserInputError(
          `externalRefs[${index}].${part} must be 1 to 200 characters`,
          `externalRefs[${index}].${part}`,
        );
      }
    }
    if (ref.system.includes('|'))
      throw new BadUserInputError(
        `externalRefs[${index}].system must not contain "|"`,
        `externalRefs[${index}].system`,
      );
    const key = `${ref.system}|${ref.id}`;
    if (seen.has(key))
      throw new BadUserInputError(`externalRefs[${index}] repeats ${ref.system} ${ref.id}`, `externalRefs[${index}]`);
    seen.add(key);
  });
}

/** The values of a new record of `type`, checked field by field and across fields. */
export function checkNewRecord(type: EntityType, fields: Record<string, unknown>): Record<string, unknown> {
  const result = validateEntityInput(ENTITIES[type], fields, 'create');
  if (!result.ok) throw invalidInput(result.problems);
  const cross = crossFieldProblems(type, result.values);
  if (cross.length > 0) throw invalidInput(cross);
  return result.values;
}

/**
 * A page of records (query.first includes one more, to tell whether a next page exists)
 * and the count of all that match. With `shown`, records carry only those properties
 * (and the sort field, for cursors); without, whole, and the request's loader learns them.
 */
export async function listRecords(
  scope: RequestScope,
  query: EntityListQuery,
  shown: { props: readonly string[]; externalRefs: boolean } | null,
): Promise<{ entities: EntityRow[]; total: number }> {
  if (shown === null) {
    const [row] = await scope.graph.read(listEntities(query));
    const entities = row?.entities ?? [];
    for (const entity of entities.slice(0, query.first - 1)) scope.loaders.entityById.prime(entity.id, entity);
    return { entities, total: row?.total ?? 0 };
  }
  const props = [...new Set([...shown.props, ENTITIES[query.type].sortField])].sort();
  const [row] = await scope.graph.read(listEntities(query, { props, externalRefs: shown.externalRefs }));
  return { entities: (row?.entities ?? []).map((raw) => projectedRow(raw, props)), total: row?.total ?? 0 };
}

/** What each id is (an entity type or Requirement), for ids that exist. */
async function kindsOf(scope: RequestScope, ids: readonly string[]): Promise<Map<string, string | null>> {
  return new Map((await scope.graph.read(findKinds(ids))).map((r) => [r.id, r.kind]));
}

export interface NewRecord {
  readonly type: EntityType;
  readonly fields: Record<string, unknown>;
  readonly externalRefs: readonly ExternalRef[];
  /** An applicability entry's requirement, and the systems it is limited to. */
  readonly requirement?: string;
  readonly systems?: readonly string[];
}

export async function createRecord(scope: RequestScope, input: NewRecord): Promise<EntityRow> {
  const { type, externalRefs } = input;
  // An applicability entry is born linked: to its requirement, and to the systems it is limited to.
  const born: { kind: 'FOR_REQUIREMENT' | 'LIMITED_TO'; to: string }[] =
    type === 'Applicability'
      ? [
          { kind: 'FOR_REQUIREMENT', to: checkId(String(input.requirement), 'requirement') },
          ...(input.systems ?? []).map((s) => ({ kind: 'LIMITED_TO' as const, to: checkId(s, 'systems') })),
        ]
      : [];
  if (born.length > 0) {
    const kinds = await kindsOf(
      scope,
      born.map((b) => b.to),
    );
    for (const b of born) {
      const expected = b.kind === 'FOR_REQUIREMENT' ? 'Requirement' : 'AISystem';
      if (kinds.get(b.to) !== expected)
        throw new NotFoundError(expected === 'Requirement' ? 'Requirement' : 'AI system', b.to);
    }
  }
  checkExternalRefs(externalRefs);
  const values = checkNewRecord(type, input.fields);
  const id = mintId(type);
  return write(scope, `create${type}`, async (tx, log) => {
    if (externalRefs.length > 0) {
      const taken = await tx.run(findExternalRefs(externalRefs.map((r) => `${r.system}|${r.id}`)));
      if (taken.length > 0) {
        throw new ConflictError(
          `External reference ${taken[0]!.key.replace('|', ' ')} already belongs to another record`,
          { field: 'externalRefs' },
        );
      }
    }
    const [row] = await tx.run(createEntity(type, id, values, externalRefs));
    for (const b of born) {
      await tx.run(
        createLink(
          linkDef(b.kind)!,
          { space: 'Entity', id },
          { space: b.kind === 'FOR_REQUIREMENT' ? 'Requirement' : 'Entity', id: b.to },
          null,
        ),
      );
    }
    log.record([
      { operation: 'CREATE', entityId: id, entityType: type, before: null, after: snapshot(row!.entity) },
      ...born.map((b) => linkChange('LINK', b.kind, { id, type }, b.to, undefined, null)),
    ]);
    log.wrote(row!.entity);
    return row!.entity;
  });
}

export async function updateRecord(
  scope: RequestScope,
  type: EntityType,
  id: string,
  expectedVersion: number,
  fields: Record<string, unknown>,
): Promise<EntityRow> {
  checkId(id, 'id');
  if (entityTypeOfId(id) !== type) throw new NotFoundError(type, id);
  const result = validateEntityInput(ENTITIES[type], fields, 'update');
  if (!result.ok) throw invalidInput(result.problems);
  return write(scope, `update${type}`, async (tx, log) => {
    const [current] = await tx.run(listEntitiesByIds([id]));
    if (current === undefined) throw new NotFoundError(type, id);
    const cross = crossFieldProblems(type, { ...current.entity, ...result.values });
    if (cross.length > 0) throw invalidInput(cross);
    const [row] = await tx.run(updateEntity(type, id, expectedVersion, result.values));
    if (row === undefined) throw new NotFoundError(type, id);
    if (!row.applied) {
      throw new ConflictError(
        `${type} ${id} is at version ${row.entity.version}, not ${expectedVersion}; reload it and apply the change again`,
        {
          id,
          currentVersion: row.entity.version,
        },
      );
    }
    log.record({
      operation: 'UPDATE',
      entityId: id,
      entityType: type,
      before: snapshot(row.before),
      after: snapshot(row.entity),
    });
    log.wrote(row.entity);
    return row.entity;
  });
}

export async function deleteRecord(
  scope: RequestScope,
  type: EntityType,
  id: string,
  cascade: boolean,
): Promise<{ id: string; removedLinks: number }> {
  checkId(id, 'id');
  if (entityTypeOfId(id) !== type) throw new NotFoundError(type, id);
  return write(scope, `delete${type}`, async (tx, log) => {
    const [existing] = await tx.run(listEntitiesByIds([id]));
    if (existing === undefined) throw new NotFoundError(type, id);
    const dependents = (await tx.run(listDependents(id))).map((r) => r.dependent);
    if (dependents.length > 0 && !cascade) {
      throw new ConflictError(
        `${type} ${id} has ${dependents.length} linked record(s); unlink them or delete with cascade: true`,
        { id, dependents },
      );
    }
    const removedLinks = (await tx.run(listLinksOf([id]))).map((r) => r.link);
    await tx.run(deleteEntity(type, id));
    // Each removed link gets its own tombstone (so the record at its other end sees it in its
    // trail); the record's tombstone keeps the record and its links, to audit or undo by hand.
    log.record(
      removedLinks.map((l) =>
        linkChange('UNLINK', l.kind, { id: l.from, type: l.fromType }, l.to, l.property, undefined),
      ),
    );
    log.record({
      operation: 'DELETE',
      entityId: id,
      entityType: type,
      before: { ...snapshot(existing.entity), links: removedLinks.map(({ fromType: _t, ...l }) => l) },
      after: null,
    });
    log.removed(id);
    return { id, removedLinks: removedLinks.length };
  });
}

export interface Decision {
  readonly requirement: string;
  readonly applicable: boolean;
  readonly justification: string;
  readonly systems?: readonly string[] | null;
}

/**
 * Checks an applicability decision (setApplicability, upsertApplicability): its fields, and
 * that its requirement and systems exist. Returns the stored values and the sorted scope.
 */
export async function checkDecision(
  scope: RequestScope,
  input: Decision,
  prefix = '',
): Promise<{ values: Record<string, unknown>; requirement: string; systems: string[] }> {
  const result = validateEntityInput(
    ENTITIES.Applicability,
    { applicable: input.applicable, justification: input.justification },
    'create',
  );
  if (!result.ok) throw invalidInput(result.problems);
  const requirement = checkId(input.requirement, `${prefix}requirement`);
  const systems = [...new Set((input.systems ?? []).map((s) => checkId(s, `${prefix}systems`)))].sort();
  const kinds = await kindsOf(scope, [requirement, ...systems]);
  if (kinds.get(requirement) !== 'Requirement') throw new NotFoundError('Requirement', requirement);
  for (const s of systems) if (kinds.get(s) !== 'AISystem') throw new NotFoundError('AI system', s);
  return { values: result.values, requirement, systems };
}

/** Records whether a requirement applies (to the organisation, or to some systems): one entry per requirement and scope. */
export async function setApplicability(scope: RequestScope, input: Decision): Promise<EntityRow> {
  const { values, requirement, systems } = await checkDecision(scope, input);
  return write(scope, 'setApplicability', async (tx, log) => {
    const [existing] = await tx.run(findApplicability(requirement, systems));
    if (
      existing !== undefined &&
      existing.applicable === values.applicable &&
      existing.justification === values.justification
    ) {
      // The same decision again: nothing changes, nothing is logged.
      const [same] = await tx.run(listEntitiesByIds([existing.id]));
      log.wrote(same!.entity);
      return same!.entity;
    }
    if (existing !== undefined) {
      const [row] = await tx.run(updateEntity('Applicability', existing.id, existing.version, values));
      if (!row!.applied) {
        throw new ConflictError(
          `The decision for ${requirement} changed while this one was being recorded; send it again`,
          { id: existing.id },
        );
      }
      log.record({
        operation: 'UPDATE',
        entityId: existing.id,
        entityType: 'Applicability',
        before: snapshot(row!.before),
        after: snapshot(row!.entity),
      });
      log.wrote(row!.entity);
      return row!.entity;
    }
    const id = mintId('Applicability');
    const [row] = await tx.run(createEntity('Applicability', id, values, []));
    await tx.run(
      createLink(linkDef('FOR_REQUIREMENT')!, { space: 'Entity', id }, { space: 'Requirement', id: requirement }, null),
    );
    for (const s of systems)
      await tx.run(createLink(linkDef('LIMITED_TO')!, { space: 'Entity', id }, { space: 'Entity', id: s }, null));
    const from = { id, type: 'Applicability' };
    log.record([
      { operation: 'CREATE', entityId: id, entityType: 'Applicability', before: null, after: snapshot(row!.entity) },
      linkChange('LINK', 'FOR_REQUIREMENT', from, requirement, undefined, null),
      ...systems.map((s) => linkChange('LINK', 'LIMITED_TO', from, s, undefined, null)),
    ]);
    log.wrote(row!.entity);
    return row!.entity;
  });
}

/** The node space and kind of each end of a link, checked against what the link kind joins. */
async function resolveEnds(scope: RequestScope, def: LinkDef, from: string, to: string) {
  const kinds = await kindsOf(scope, [checkId(from, 'from'), checkId(to, 'to')]);
  const end = (id: string, allowed: readonly string[], field: 'from' | 'to') => {
    const kind = kinds.get(id);
    if (kind == null) throw new NotFoundError(field === 'from' ? 'Record' : 'Record or requirement', id);
    if (!allowed.includes(kind)) {
      throw new BadUserInputError(
        `${def.kind} links ${def.from.join(' or ')} to ${def.to.join(' or ')}; ${field} is a ${kind}`,
        field,
      );
    }
    return { space: (kind === 'Requirement' ? 'Requirement' : 'Entity') as NodeSpace, id, kind };
  };
  return { from: end(from, def.from, 'from'), to: end(to, def.to, 'to') };
}

export interface LinkRequest {
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  /** A DatasetUse's purpose or a ControlImplementation's coverage; nothing for the other kinds. */
  readonly purpose?: string | null;
  readonly coverage?: string | null;
}

export interface LinkOutcome {
  readonly kind: string;
  readonly fromId: string;
  readonly toId: string;
  readonly changed: boolean;
}

/** Makes a link, or sets its property; logs only when something changed. */
export async function link(scope: RequestScope, input: LinkRequest): Promise<LinkOutcome> {
  const def = linkDef(input.kind)!;
  const property =
    def.property?.name === 'purpose' ? input.purpose : def.property?.name === 'coverage' ? input.coverage : null;
  const stray = (['purpose', 'coverage'] as const).find((p) => input[p] != null && def.property?.name !== p);
  if (stray) throw new BadUserInputError(`${def.kind} takes no ${stray}`, stray);
  if (def.property && property == null)
    throw new BadUserInputError(`${def.kind} needs a ${def.property.name}`, def.property.name);
  const ends = await resolveEnds(scope, def, input.from, input.to);
  const changed = await write(scope, 'link', async (tx, log) => {
    const [result] = await tx.run(createLink(def, ends.from, ends.to, property ?? null));
    if (result?.changed) {
      log.record(
        linkChange(
          'LINK',
          def.kind,
          { id: input.from, type: ends.from.kind },
          input.to,
          result.existed ? result.before : undefined,
          property ?? null,
        ),
      );
    }
    return result?.changed ?? false;
  });
  return { kind: def.kind, fromId: input.from, toId: input.to, changed };
}

/** Removes a link; logs only when there was one. */
export async function unlink(scope: RequestScope, input: LinkRequest): Promise<LinkOutcome> {
  const def = linkDef(input.kind)!;
  const ends = await resolveEnds(scope, def, input.from, input.to);
  const changed = await write(scope, 'unlink', async (tx, log) => {
    const [result] = await tx.run(deleteLink(def, ends.from, ends.to));
    if (result?.changed)
      log.record(
        linkChange('UNLINK', def.kind, { id: input.from, type: ends.from.kind }, input.to, result.before, undefined),
      );
    return result?.changed ?? false;
  });
  return { kind: def.kind, fromId: input.from, toId: input.to, changed };
}
