/**
 * The organisation graph: listings, create/update/delete for every entity type, links,
 * and the relationship fields. Resolvers check arguments, then run statements; every
 * mutation is one transaction.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLScalarType, Kind, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { ENTITIES, ENTITY_TYPES, entityTypeOfId, linkDef, type EntityType, type LinkDef } from '../domain/entity-spec.js';
import { isCalendarDate, isDateTime } from '../domain/date-time.js';
import { crossFieldProblems, validateEntityInput, type FieldProblem } from '../domain/entity-input.js';
import { AppError, BadUserInputError, ConflictError, ErrorCode, NotFoundError, ScalarLiteralError } from '../errors.js';
import type { AiActSpecialCase, Resolvers } from '../generated/resolvers.js';
import {
  createEntity,
  createLink,
  deleteEntity,
  deleteLink,
  findKinds,
  listDependents,
  listEntities,
  listEntitiesByIds,
  listLinksOf,
  projectedRow,
  updateEntity,
  type EntityRow,
  type NodeSpace,
} from '../graph/statements/organisation.js';
import type { RequirementRow } from '../graph/statements/catalogue.js';
import { checkId } from './arguments.js';
import { linkChange, recordChanges, snapshot } from './changes.js';
import { loadEntities, loadEntityOrFail, projectionOf, projectionOfNodes } from './projection.js';
import type { LinkView } from './views.js';

const MAX_PAGE = 500;

export function invalidInput(problems: readonly FieldProblem[]): AppError {
  const [first] = problems;
  return new AppError(ErrorCode.BAD_USER_INPUT, `${first?.field ?? 'input'} ${first?.message ?? 'is invalid'}`, {
    field: first?.field,
    problems: problems.map((p) => ({ field: p.field, message: p.message })),
  });
}

function decodeCursor(after: string | null | undefined): { key: string; id: string } | null {
  if (after == null) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && typeof id === 'string') return { key, id };
  } catch {
    // fall through
  }
  throw new BadUserInputError('after is not a cursor from this listing', 'after');
}

const encodeCursor = (key: string, id: string): string => Buffer.from(JSON.stringify([key, id])).toString('base64url');

async function list(type: EntityType, args: { first?: number | null; after?: string | null; filter?: Record<string, unknown> | null }, context: Context, info: GraphQLResolveInfo) {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw new BadUserInputError(`first must be 0 to ${MAX_PAGE}`, 'first');
  const { text = null, party = null, ...equals } = (args.filter ?? {}) as { text?: string | null; party?: string | null } & Record<string, unknown>;
  if (text !== null && text.length > 200) throw new BadUserInputError('filter.text must be at most 200 characters', 'filter.text');
  const def = ENTITIES[type];
  const present = Object.fromEntries(Object.entries(equals).filter(([, v]) => v !== null && v !== undefined));
  const query = {
    type,
    equals: present,
    text,
    party: party === null ? null : checkId(party, 'filter.party'),
    after: decodeCursor(args.after),
    first: first + 1,
  };
  // The page's records are read for what the selection shows of them (the sort field too, for the cursors).
  const shown = projectionOfNodes(info, type);
  let entities: EntityRow[];
  let total: number;
  if (shown === null) {
    const [row] = await context.graph.read(listEntities(query));
    entities = row?.entities ?? [];
    total = row?.total ?? 0;
    for (const entity of entities.slice(0, first)) context.loaders.entityById.prime(entity.id, entity);
  } else {
    const props = [...new Set([...shown.props, def.sortField])].sort();
    const [row] = await context.graph.read(listEntities(query, { props, externalRefs: shown.externalRefs }));
    entities = (row?.entities ?? []).map((raw) => projectedRow(raw, props));
    total = row?.total ?? 0;
  }
  const page = entities.slice(0, first);
  const sortKey = (e: EntityRow): string => String(e[def.sortField] ?? '');
  return {
    totalCount: total,
    edges: page.map((node) => ({ cursor: encodeCursor(sortKey(node), node.id), node })),
    pageInfo: {
      hasNextPage: entities.length > first,
      endCursor: page.length > 0 ? encodeCursor(sortKey(page[page.length - 1]!), page[page.length - 1]!.id) : null,
    },
  };
}

export function checkExternalRefs(refs: readonly { system: string; id: string }[]): void {
  const seen = new Set<string>();
  refs.forEach((ref, index) => {
    for (const part of ['system', 'id'] as const) {
      if (ref[part].trim() === '' || ref[part].length > 200) {
        throw new BadUserInputError(`externalRefs[${index}].${part} must be 1 to 200 characters`, `externalRefs[${index}].${part}`);
      }
    }
    if (ref.system.includes('|')) throw new BadUserInputError(`externalRefs[${index}].system must not contain "|"`, `externalRefs[${index}].system`);
    const key = `${ref.system}|${ref.id}`;
    if (seen.has(key)) throw new BadUserInputError(`externalRefs[${index}] repeats ${ref.system} ${ref.id}`, `externalRefs[${index}]`);
    seen.add(key);
  });
}

async function create(type: EntityType, input: Record<string, unknown>, context: Context): Promise<EntityRow> {
  const {
    externalRefs: refsInput,
    requirement,
    systems,
    ...fields
  } = input as { externalRefs?: { system: string; id: string }[] | null; requirement?: string; systems?: string[] | null } & Record<string, unknown>;
  // An applicability entry is born linked: to its requirement, and to the systems it is limited to.
  const born: { kind: string; to: string }[] =
    type === 'Applicability'
      ? [{ kind: 'FOR_REQUIREMENT', to: checkId(String(requirement), 'requirement') }, ...(systems ?? []).map((s) => ({ kind: 'LIMITED_TO', to: checkId(s, 'systems') }))]
      : [];
  if (born.length > 0) {
    const kinds = new Map((await context.graph.read(findKinds(born.map((b) => b.to)))).map((r) => [r.id, r.kind]));
    for (const b of born) {
      const expected = b.kind === 'FOR_REQUIREMENT' ? 'Requirement' : 'AISystem';
      if (kinds.get(b.to) !== expected) throw new NotFoundError(expected === 'Requirement' ? 'Requirement' : 'AI system', b.to);
    }
  }
  const externalRefs = refsInput ?? [];
  checkExternalRefs(externalRefs);
  const result = validateEntityInput(ENTITIES[type], fields, 'create');
  if (!result.ok) throw invalidInput(result.problems);
  const cross = crossFieldProblems(type, result.values);
  if (cross.length > 0) throw invalidInput(cross);
  const id = `${ENTITIES[type].prefix}_${randomUUID()}`;
  const entity = await context.graph.transaction('WRITE', `create${type}`, async (tx) => {
    if (externalRefs.length > 0) {
      const taken = await tx.run<{ key: string }>({
        name: 'findExternalRefs',
        cypher: 'UNWIND $keys AS key MATCH (x:ExternalRef {key: key}) RETURN x.key AS key',
        params: { keys: externalRefs.map((r) => `${r.system}|${r.id}`) },
      });
      if (taken.length > 0) {
        throw new ConflictError(`External reference ${taken[0]!.key.replace('|', ' ')} already belongs to another record`, {
          field: 'externalRefs',
        });
      }
    }
    const [row] = await tx.run(createEntity(type, id, result.values, externalRefs));
    for (const b of born) {
      await tx.run(
        createLink(linkDef(b.kind)!, { space: 'Entity', id }, { space: b.kind === 'FOR_REQUIREMENT' ? 'Requirement' : 'Entity', id: b.to }, null),
      );
    }
    await recordChanges(tx, context.actor, [
      { operation: 'CREATE', entityId: id, entityType: type, before: null, after: snapshot(row!.entity) },
      ...born.map((b) => linkChange('LINK', b.kind, { id, type }, b.to, undefined, null)),
    ]);
    return row!.entity;
  });
  context.loaders.entityById.prime(entity.id, entity);
  return entity;
}

async function update(type: EntityType, id: string, expectedVersion: number, input: Record<string, unknown>, context: Context): Promise<EntityRow> {
  checkId(id, 'id');
  if (entityTypeOfId(id) !== type) throw new NotFoundError(type, id);
  const result = validateEntityInput(ENTITIES[type], input, 'update');
  if (!result.ok) throw invalidInput(result.problems);
  const entity = await context.graph.transaction('WRITE', `update${type}`, async (tx) => {
    const [current] = await tx.run(listEntitiesByIds([id]));
    if (current === undefined) throw new NotFoundError(type, id);
    const cross = crossFieldProblems(type, { ...current.entity, ...result.values });
    if (cross.length > 0) throw invalidInput(cross);
    const [row] = await tx.run(updateEntity(type, id, expectedVersion, result.values));
    if (row === undefined) throw new NotFoundError(type, id);
    if (!row.applied) {
      throw new ConflictError(`${type} ${id} is at version ${row.entity.version}, not ${expectedVersion}; reload it and apply the change again`, {
        id,
        currentVersion: row.entity.version,
      });
    }
    await recordChanges(tx, context.actor, [{ operation: 'UPDATE', entityId: id, entityType: type, before: snapshot(row.before), after: snapshot(row.entity) }]);
    return row.entity;
  });
  context.loaders.entityById.clear(id).prime(id, entity);
  return entity;
}

async function remove(type: EntityType, id: string, cascade: boolean, context: Context) {
  checkId(id, 'id');
  if (entityTypeOfId(id) !== type) throw new NotFoundError(type, id);
  return context.graph.transaction('WRITE', `delete${type}`, async (tx) => {
    const [existing] = await tx.run(listEntitiesByIds([id]));
    if (existing === undefined) throw new NotFoundError(type, id);
    const dependents = (await tx.run(listDependents(id))).map((r) => r.dependent);
    if (dependents.length > 0 && !cascade) {
      throw new ConflictError(`${type} ${id} has ${dependents.length} linked record(s); unlink them or delete with cascade: true`, {
        id,
        dependents,
      });
    }
    const removedLinks = (await tx.run(listLinksOf([id]))).map((r) => r.link);
    await tx.run(deleteEntity(type, id));
    // Each removed link gets its own tombstone (so the record at its other end sees it in its
    // trail); the record's tombstone keeps the record and its links, to audit or undo by hand.
    await recordChanges(tx, context.actor, [
      ...removedLinks.map((l) => linkChange('UNLINK', l.kind, { id: l.from, type: l.fromType }, l.to, l.property, undefined)),
      {
        operation: 'DELETE',
        entityId: id,
        entityType: type,
        before: { ...snapshot(existing.entity), links: removedLinks.map(({ fromType: _t, ...l }) => l) },
        after: null,
      },
    ]);
    return { id, removedLinks: removedLinks.length };
  });
}

/** The node space and kind of each end of a link, checked against what the link kind joins. */
async function resolveEnds(def: LinkDef, from: string, to: string, context: Context) {
  const kinds = new Map((await context.graph.read(findKinds([checkId(from, 'from'), checkId(to, 'to')]))).map((r) => [r.id, r.kind]));
  const end = (id: string, allowed: readonly string[], field: 'from' | 'to') => {
    const kind = kinds.get(id);
    if (kind == null) throw new NotFoundError(field === 'from' ? 'Record' : 'Record or requirement', id);
    if (!allowed.includes(kind)) {
      throw new BadUserInputError(`${def.kind} links ${def.from.join(' or ')} to ${def.to.join(' or ')}; ${field} is a ${kind}`, field);
    }
    return { space: (kind === 'Requirement' ? 'Requirement' : 'Entity') as NodeSpace, id, kind };
  };
  return { from: end(from, def.from, 'from'), to: end(to, def.to, 'to') };
}

/** Resolvers for the relationship fields: the records at the other end of one link kind. */
function related(kind: string, direction: 'OUT' | 'IN', space: NodeSpace = 'Entity') {
  const def = linkDef(kind);
  if (def === undefined) throw new Error(`unknown link kind ${kind}`);
  return async (parent: { id: string }, _args: unknown, context: Context, info: GraphQLResolveInfo): Promise<EntityRow[]> => {
    // The links and the records they reach in one statement, read for the selection.
    const projection = projectionOf(info);
    if (projection !== null) return context.loaders.linkedEntities(def, direction, space, projection).load(parent.id);
    const rows = await context.loaders.linked(def, direction, space).load(parent.id);
    return loadEntities(context, rows.map((r) => r.otherId), info);
  };
}

function relatedRequirements(kind: string) {
  const def = linkDef(kind)!;
  return async (parent: { id: string }, _args: unknown, context: Context) => {
    const rows = await context.loaders.linked(def, 'OUT', 'Entity').load(parent.id);
    const found = await context.loaders.requirementById.loadMany(rows.map((r) => r.otherId));
    return found.filter((r): r is RequirementRow => r !== null && !(r instanceof Error));
  };
}

function links(kind: string, direction: 'OUT' | 'IN', space: NodeSpace = 'Entity') {
  const def = linkDef(kind)!;
  return async (parent: { id: string }, _args: unknown, context: Context): Promise<LinkView[]> => {
    const rows = await context.loaders.linked(def, direction, space).load(parent.id);
    return rows.map((r) =>
      direction === 'OUT' ? { fromId: parent.id, toId: r.otherId, property: r.property } : { fromId: r.otherId, toId: parent.id, property: r.property },
    );
  };
}


/**
 * Checks an applicability decision (setApplicability, upsertApplicability): its fields, and
 * that its requirement and systems exist. Returns the stored values and the sorted scope.
 */
export async function checkDecision(
  input: { requirement: string; applicable: boolean; justification: string; systems?: readonly string[] | null },
  context: Context,
  prefix = '',
): Promise<{ values: Record<string, unknown>; requirement: string; systems: string[] }> {
  const result = validateEntityInput(ENTITIES.Applicability, { applicable: input.applicable, justification: input.justification }, 'create');
  if (!result.ok) throw invalidInput(result.problems);
  const requirement = checkId(input.requirement, `${prefix}requirement`);
  const systems = [...new Set((input.systems ?? []).map((s) => checkId(s, `${prefix}systems`)))].sort();
  const kinds = new Map((await context.graph.read(findKinds([requirement, ...systems]))).map((r) => [r.id, r.kind]));
  if (kinds.get(requirement) !== 'Requirement') throw new NotFoundError('Requirement', requirement);
  for (const s of systems) if (kinds.get(s) !== 'AISystem') throw new NotFoundError('AI system', s);
  return { values: result.values, requirement, systems };
}

/** The payload field that carries a record of this type: `aiSystem`, `control`, … */
export const payloadField = (type: EntityType): string => (type === 'AISystem' ? 'aiSystem' : `${type[0]!.toLowerCase()}${type.slice(1)}`);
const collections: Record<string, EntityType> = {
  aiSystems: 'AISystem',
  models: 'Model',
  datasets: 'Dataset',
  risks: 'Risk',
  controls: 'Control',
  obligations: 'Obligation',
  evidence: 'Evidence',
  parties: 'Party',
};

type AnyArgs = Record<string, unknown>;
const queryResolvers: Record<string, unknown> = {};
for (const [field, type] of Object.entries(collections)) {
  queryResolvers[field] = (_root: unknown, args: AnyArgs, context: Context, info: GraphQLResolveInfo) => list(type, args, context, info);
}
const mutationResolvers: Record<string, unknown> = {};
for (const type of ENTITY_TYPES) {
  mutationResolvers[`create${type}`] = async (_root: unknown, args: { input: AnyArgs }, context: Context) => ({
    [payloadField(type)]: await create(type, args.input, context),
  });
  mutationResolvers[`update${type}`] = async (_root: unknown, args: { id: string; expectedVersion: number; input: AnyArgs }, context: Context) => ({
    [payloadField(type)]: await update(type, args.id, args.expectedVersion, args.input, context),
  });
  mutationResolvers[`delete${type}`] = (_root: unknown, args: { id: string; cascade?: boolean | null }, context: Context) =>
    remove(type, args.id, args.cascade === true, context);
}

const dateScalar = (name: 'Date' | 'DateTime', check: (v: string) => boolean, hint: string) =>
  new GraphQLScalarType({
    name,
    serialize: (value) => String(value),
    parseValue: (value) => {
      if (typeof value !== 'string' || !check(value)) throw new BadUserInputError(`${name} must be ${hint}`);
      return value;
    },
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING || !check(ast.value)) throw new ScalarLiteralError(`${name} must be ${hint}`);
      return ast.value;
    },
  });

export const organisationResolvers: Resolvers = {
  Date: dateScalar('Date', isCalendarDate, 'a date, YYYY-MM-DD'),
  DateTime: dateScalar('DateTime', isDateTime, 'a date and time with a time zone, hours 00 to 23 and an offset of at most 18:00 (RFC 3339), e.g. 2026-11-27T09:30:00Z'),
  Query: queryResolvers as Resolvers['Query'],
  Mutation: {
    ...(mutationResolvers as Resolvers['Mutation']),
    setApplicability: async (_root, { input }, context) => {
      const { values, requirement, systems } = await checkDecision(input, context);
          const entity = await context.graph.transaction('WRITE', 'setApplicability', async (tx) => {
        const [existing] = await tx.run<{ id: string; version: number; applicable: boolean; justification: string }>({
          name: 'findApplicability',
          cypher: `MATCH (a:Applicability)-[:FOR_REQUIREMENT]->(:Requirement {id: $requirement})
                   WITH a, [(a)-[:LIMITED_TO]->(s:AISystem) | s.id] AS scope
                   WHERE size(scope) = size($systems) AND all(x IN $systems WHERE x IN scope)
                   RETURN a.id AS id, a.version AS version, a.applicable AS applicable, a.justification AS justification LIMIT 1`,
          params: { requirement, systems },
        });
        if (existing !== undefined && existing.applicable === values.applicable && existing.justification === values.justification) {
          // The same decision again: nothing changes, nothing is logged.
          const [same] = await tx.run(listEntitiesByIds([existing.id]));
          return same!.entity;
        }
        if (existing !== undefined) {
          const [row] = await tx.run(updateEntity('Applicability', existing.id, existing.version, values));
          if (!row!.applied) {
            throw new ConflictError(`The decision for ${requirement} changed while this one was being recorded; send it again`, { id: existing.id });
          }
          await recordChanges(tx, context.actor, [
            { operation: 'UPDATE', entityId: existing.id, entityType: 'Applicability', before: snapshot(row!.before), after: snapshot(row!.entity) },
          ]);
          return row!.entity;
        }
        const id = `${ENTITIES.Applicability.prefix}_${randomUUID()}`;
        const [row] = await tx.run(createEntity('Applicability', id, values, []));
        await tx.run(createLink(linkDef('FOR_REQUIREMENT')!, { space: 'Entity', id }, { space: 'Requirement', id: requirement }, null));
        for (const s of systems) await tx.run(createLink(linkDef('LIMITED_TO')!, { space: 'Entity', id }, { space: 'Entity', id: s }, null));
        const from = { id, type: 'Applicability' };
        await recordChanges(tx, context.actor, [
          { operation: 'CREATE', entityId: id, entityType: 'Applicability', before: null, after: snapshot(row!.entity) },
          linkChange('LINK', 'FOR_REQUIREMENT', from, requirement, undefined, null),
          ...systems.map((s) => linkChange('LINK', 'LIMITED_TO', from, s, undefined, null)),
        ]);
        return row!.entity;
      });
      context.loaders.entityById.clear(entity.id).prime(entity.id, entity);
      return { applicability: entity };
    },
    link: async (_root, { input }, context) => {
      const def = linkDef(input.kind)!;
      const property = def.property?.name === 'purpose' ? input.purpose : def.property?.name === 'coverage' ? input.coverage : null;
      const stray = (['purpose', 'coverage'] as const).find((p) => input[p] != null && def.property?.name !== p);
      if (stray) throw new BadUserInputError(`${def.kind} takes no ${stray}`, stray);
      if (def.property && property == null) throw new BadUserInputError(`${def.kind} needs a ${def.property.name}`, def.property.name);
      const ends = await resolveEnds(def, input.from, input.to, context);
      const row = await context.graph.transaction('WRITE', 'link', async (tx) => {
        const [result] = await tx.run(createLink(def, ends.from, ends.to, property ?? null));
        if (result?.changed) {
          await recordChanges(tx, context.actor, [
            linkChange('LINK', def.kind, { id: input.from, type: ends.from.kind }, input.to, result.existed ? result.before : undefined, property ?? null),
          ]);
        }
        return result;
      });
      return { kind: def.kind, fromId: input.from, toId: input.to, changed: row?.changed ?? false };
    },
    unlink: async (_root, { input }, context) => {
      const def = linkDef(input.kind)!;
      const ends = await resolveEnds(def, input.from, input.to, context);
      const row = await context.graph.transaction('WRITE', 'unlink', async (tx) => {
        const [result] = await tx.run(deleteLink(def, ends.from, ends.to));
        if (result?.changed) {
          await recordChanges(tx, context.actor, [linkChange('UNLINK', def.kind, { id: input.from, type: ends.from.kind }, input.to, result.before, undefined)]);
        }
        return result;
      });
      return { kind: def.kind, fromId: input.from, toId: input.to, changed: row?.changed ?? false };
    },
  },
  LinkPayload: {
    from: async (payload, _args, context) =>
      (await context.loaders.entityById.load(payload.fromId)) ?? (await context.loaders.requirementById.load(payload.fromId))!,
    to: async (payload, _args, context) =>
      (await context.loaders.entityById.load(payload.toId)) ?? (await context.loaders.requirementById.load(payload.toId))!,
  },
  Entity: { __resolveType: (row) => row.type },
  RiskSubject: { __resolveType: (row) => row.type as 'AISystem' | 'Dataset' },
  EvidenceScope: { __resolveType: (row) => row.type as 'AISystem' | 'Dataset' },
  PartyAssignment: { __resolveType: (row) => row.type as 'AISystem' | 'Control' | 'Risk' | 'Obligation' },
  AISystem: {
    // Systems stored before the field existed have no value: none recorded.
    aiActSpecialCases: (row) => (row.aiActSpecialCases ?? []) as AiActSpecialCase[],
    models: related('USES_MODEL', 'OUT'),
    datasets: links('USES_DATASET', 'OUT'),
    risks: related('RAISED_ON', 'IN'),
    controls: related('APPLIES_TO', 'IN'),
    obligations: related('BINDS', 'IN'),
    evidence: related('SCOPED_TO', 'IN'),
    accountable: related('ACCOUNTABLE_FOR', 'IN'),
    responsible: related('RESPONSIBLE_FOR', 'IN'),
  },
  Model: {
    systems: related('USES_MODEL', 'IN'),
    trainedOn: related('TRAINED_ON', 'OUT'),
  },
  Dataset: {
    usedBy: links('USES_DATASET', 'IN'),
    models: related('TRAINED_ON', 'IN'),
    risks: related('RAISED_ON', 'IN'),
    evidence: related('SCOPED_TO', 'IN'),
  },
  DatasetUse: {
    system: (link, _args, context, info) => loadEntityOrFail(context, link.fromId, info),
    dataset: (link, _args, context, info) => loadEntityOrFail(context, link.toId, info),
    purpose: (link) => link.property as 'TRAINING',
  },
  Risk: {
    raisedOn: related('RAISED_ON', 'OUT'),
    mitigatedBy: related('MITIGATES', 'IN'),
    score: (risk) => Number(risk.likelihood) * Number(risk.impact),
    accountable: related('ACCOUNTABLE_FOR', 'IN'),
    responsible: related('RESPONSIBLE_FOR', 'IN'),
  },
  Control: {
    implements: links('IMPLEMENTS', 'OUT'),
    mitigates: related('MITIGATES', 'OUT'),
    appliesTo: related('APPLIES_TO', 'OUT'),
    evidence: related('SUPPORTS', 'IN'),
    accountable: related('ACCOUNTABLE_FOR', 'IN'),
    responsible: related('RESPONSIBLE_FOR', 'IN'),
  },
  ControlImplementation: {
    control: (link, _args, context, info) => loadEntityOrFail(context, link.fromId, info),
    requirement: async (link, _args, context) => {
      const requirement = await context.loaders.requirementById.load(link.toId);
      if (requirement === null) throw new Error(`requirement ${link.toId} is missing`);
      return requirement;
    },
    coverage: (link) => link.property as 'FULL',
  },
  Obligation: {
    derivedFrom: relatedRequirements('DERIVED_FROM'),
    systems: related('BINDS', 'OUT'),
    accountable: related('ACCOUNTABLE_FOR', 'IN'),
    responsible: related('RESPONSIBLE_FOR', 'IN'),
  },
  Evidence: {
    supportsControls: async (evidence, args, context, info) =>
      (await related('SUPPORTS', 'OUT')(evidence, args, context, info)).filter((e) => e.type === 'Control'),
    supportsRequirements: relatedRequirements('SUPPORTS'),
    scope: related('SCOPED_TO', 'OUT'),
  },
  Applicability: {
    requirement: async (entry, args, context) => {
      const [requirement] = await relatedRequirements('FOR_REQUIREMENT')(entry, args, context);
      if (requirement === undefined) throw new Error(`applicability ${entry.id} has no requirement`);
      return requirement;
    },
    systems: related('LIMITED_TO', 'OUT'),
  },
  Party: {
    accountableFor: related('ACCOUNTABLE_FOR', 'OUT'),
    responsibleFor: related('RESPONSIBLE_FOR', 'OUT'),
  },
  RequirementChange: {
    controls: (change, args, context) => links('IMPLEMENTS', 'IN', 'Requirement')({ id: change.requirementId }, args, context),
    obligations: (change, args, context, info) => related('DERIVED_FROM', 'IN', 'Requirement')({ id: change.requirementId }, args, context, info),
  },
  Requirement: {
    applicability: related('FOR_REQUIREMENT', 'IN', 'Requirement'),
    implementedBy: links('IMPLEMENTS', 'IN', 'Requirement'),
    obligations: related('DERIVED_FROM', 'IN', 'Requirement'),
    evidence: related('SUPPORTS', 'IN', 'Requirement'),
  },
};
