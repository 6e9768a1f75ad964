/**
 * Reading only what an answer shows. A resolver that returns records asks which of their
 * stored properties the selection under it reads, and loads those alone: an answer that
 * lists a thousand evidence titles reads a thousand titles, not a thousand whole records.
 * A selected field it cannot place (not stored, not derived from stored properties, not a
 * link resolved from the id) makes it read the whole record, so a new field is never
 * answered from a property that was not read; tests/unit/projection.test.ts keeps every
 * field of every record type placed.
 */
import type { EntityRow, RequirementRow } from '../graph/rows.js';
import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type DataLoader from 'dataloader';
import type { Context } from '../context.js';
import { ENTITIES, type EntityType } from '../domain/entity-spec.js';
import type { Projection } from '../loaders/organisation.js';

/** Bookkeeping every record has, beside the fields of its type. */
const BOOKKEEPING = ['version', 'createdAt', 'updatedAt'] as const;

/** Leaf fields computed by a resolver, with the stored properties each reads. */
export const DERIVED: Readonly<Partial<Record<EntityType, Readonly<Record<string, readonly string[]>>>>> = {
  Risk: { score: ['likelihood', 'impact'] },
  Obligation: { derivedByRules: ['derivedByRules'] },
};

const isEntityType = (name: string): name is EntityType => Object.hasOwn(ENTITIES, name);

const storedFields = new Map<EntityType, ReadonlySet<string>>(
  (Object.keys(ENTITIES) as EntityType[]).map((type) => [
    type,
    new Set([...ENTITIES[type].fields.map((f) => f.name), ...BOOKKEEPING]),
  ]),
);

/** How a field of a record type is answered: from stored properties, from the id alone, or unknown. */
export type FieldSource =
  { kind: 'props'; props: readonly string[] } | { kind: 'id' } | { kind: 'externalRefs' } | { kind: 'unknown' };

export function sourceOf(type: GraphQLObjectType & { name: EntityType }, field: string): FieldSource {
  if (field === 'id' || field === '__typename') return { kind: 'id' };
  if (field === 'externalRefs') return { kind: 'externalRefs' };
  const derived = DERIVED[type.name]?.[field];
  if (derived !== undefined) return { kind: 'props', props: derived };
  if (storedFields.get(type.name)?.has(field)) return { kind: 'props', props: [field] };
  const def = type.getFields()[field];
  // Links (records, requirements, link views) are resolved from the record's id.
  if (def !== undefined && !isLeafType(getNamedType(def.type))) return { kind: 'id' };
  return { kind: 'unknown' };
}

/** The selection sets under these, through fragments of any type condition. */
function flatten(info: GraphQLResolveInfo, sets: readonly (SelectionSetNode | undefined)[]): FieldNode[] {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  sets.forEach(walk);
  return fields;
}

/** Every field name selected directly under this field. */
const selectedNames = (info: GraphQLResolveInfo): Set<string> =>
  new Set(
    flatten(
      info,
      info.fieldNodes.map((n) => n.selectionSet),
    ).map((f) => f.name.value),
  );

/** The properties of `candidates` (record types among them) that these field names read; null when one cannot be placed. */
function projectionFor(candidates: readonly GraphQLObjectType[], names: ReadonlySet<string>): Projection | null {
  const props = new Set<string>();
  let externalRefs = false;
  for (const type of candidates) {
    if (!isEntityType(type.name)) continue;
    const fields = type.getFields();
    for (const name of names) {
      if (name !== '__typename' && !Object.hasOwn(fields, name)) continue;
      const source = sourceOf(type as GraphQLObjectType & { name: EntityType }, name);
      if (source.kind === 'unknown') return null;
      if (source.kind === 'externalRefs') externalRefs = true;
      if (source.kind === 'props') for (const p of source.props) props.add(p);
    }
  }
  return { props: [...props].sort(), externalRefs };
}

const cache = new WeakMap<readonly FieldNode[], Projection | null>();
const nodeCache = new WeakMap<readonly FieldNode[], Projection | null>();

/**
 * The stored properties the selection under this field reads of the records it returns,
 * or null when the whole record is needed. Fields selected in fragments on other types
 * add properties those types share at most: reading more is harmless, reading less is not.
 */
export function projectionOf(info: GraphQLResolveInfo): Projection | null {
  const hit = cache.get(info.fieldNodes);
  if (hit !== undefined) return hit;
  const returned = getNamedType(info.returnType);
  const candidates = isAbstractType(returned)
    ? info.schema.getPossibleTypes(returned)
    : isObjectType(returned)
      ? [returned]
      : [];
  const projection = projectionFor(candidates, selectedNames(info));
  cache.set(info.fieldNodes, projection);
  return projection;
}

/** As `projectionOf`, for the records of a connection this field returns (`edges { node { … } }`) of type `type`. */
export function projectionOfNodes(info: GraphQLResolveInfo, type: EntityType): Projection | null {
  const hit = nodeCache.get(info.fieldNodes);
  if (hit !== undefined) return hit;
  const edges = flatten(
    info,
    info.fieldNodes.map((n) => n.selectionSet),
  ).filter((f) => f.name.value === 'edges');
  const nodes = flatten(
    info,
    edges.map((e) => e.selectionSet),
  ).filter((f) => f.name.value === 'node');
  const names = new Set(
    flatten(
      info,
      nodes.map((n) => n.selectionSet),
    ).map((f) => f.name.value),
  );
  const objectType = info.schema.getType(type);
  const projection = isObjectType(objectType) ? projectionFor([objectType], names) : null;
  nodeCache.set(info.fieldNodes, projection);
  return projection;
}

/** The loader for the records this field returns: reading only what its selection shows. */
export function entityLoader(context: Context, info: GraphQLResolveInfo): DataLoader<string, EntityRow | null> {
  const projection = projectionOf(info);
  return projection === null ? context.loaders.entityById : context.loaders.entitiesWith(projection);
}

/** The records with these ids that exist, in the order given, read for this field's selection. */
export async function loadEntities(
  context: Context,
  ids: readonly string[],
  info: GraphQLResolveInfo,
): Promise<EntityRow[]> {
  const rows = await entityLoader(context, info).loadMany(ids);
  return rows.filter((r): r is EntityRow => r !== null && !(r instanceof Error));
}

/** A record that must exist (it was just found by a statement), read for this field's selection. */
export async function loadEntityOrFail(context: Context, id: string, info: GraphQLResolveInfo): Promise<EntityRow> {
  const entity = await entityLoader(context, info).load(id);
  if (entity === null) throw new Error(`record ${id} is missing`);
  return entity;
}

/** True when the selection under this field reads nothing but the id (and the type name). */
export function selectsOnlyId(info: GraphQLResolveInfo): boolean {
  for (const name of selectedNames(info)) if (name !== 'id' && name !== '__typename') return false;
  return true;
}

/**
 * A requirement known to exist (an end of a stored mapping, a step of a coverage chain),
 * read only when the selection shows more than its id.
 */
export async function requirementAt(context: Context, id: string, info: GraphQLResolveInfo): Promise<RequirementRow> {
  if (selectsOnlyId(info)) return { id } as RequirementRow;
  const requirement = await context.loaders.requirementById.load(id);
  if (requirement === null) throw new Error(`requirement ${id} is missing`);
  return requirement;
}
