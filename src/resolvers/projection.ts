/**
 * Reading only what an answer shows. A resolver that returns records asks which of their
 * stored properties the selection under it reads, and loads those alone: an answer that
 * lists a thousand evidence titles reads a thousand titles, not a thousand whole records.
 * A selected field it cannot place (not stored, not derived from stored properties, not a
 * link resolved from the id) makes it read the whole record, so a new field is never
 * answered from a property that was not read; tests/unit/projection.test.ts keeps every
 * field of every record type placed.
 */
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
import type { EntityRow } from '../graph/statements/organisation.js';
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
  (Object.keys(ENTITIES) as EntityType[]).map((type) => [type, new Set([...ENTITIES[type].fields.map((f) => f.name), ...BOOKKEEPING])]),
);

/** How a field of a record type is answered: from stored properties, from the id alone, or unknown. */
export type FieldSource = { kind: 'props'; props: readonly string[] } | { kind: 'id' } | { kind: 'externalRefs' } | { kind: 'unknown' };

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

/** Every field name selected directly under these nodes, through fragments of any type condition. */
function selectedNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return names;
}

const cache = new WeakMap<readonly FieldNode[], Projection | null>();

/**
 * The stored properties the selection under this field reads of the records it returns,
 * or null when the whole record is needed. Fields selected in fragments on other types
 * add properties those types share at most: reading more is harmless, reading less is not.
 */
export function projectionOf(info: GraphQLResolveInfo): Projection | null {
  const hit = cache.get(info.fieldNodes);
  if (hit !== undefined) return hit;
  const returned = getNamedType(info.returnType);
  const candidates = isAbstractType(returned) ? info.schema.getPossibleTypes(returned) : isObjectType(returned) ? [returned] : [];
  const names = selectedNames(info);
  const props = new Set<string>();
  let externalRefs = false;
  let projection: Projection | null = null;
  search: {
    for (const type of candidates) {
      if (!isEntityType(type.name)) continue;
      const fields = type.getFields();
      for (const name of names) {
        if (name !== '__typename' && !Object.hasOwn(fields, name)) continue;
        const source = sourceOf(type as GraphQLObjectType & { name: EntityType }, name);
        if (source.kind === 'unknown') break search;
        if (source.kind === 'externalRefs') externalRefs = true;
        if (source.kind === 'props') for (const p of source.props) props.add(p);
      }
    }
    projection = { props: [...props].sort(), externalRefs };
  }
  cache.set(info.fieldNodes, projection);
  return projection;
}

/** The loader for the records this field returns: reading only what its selection shows. */
export function entityLoader(context: Context, info: GraphQLResolveInfo): DataLoader<string, EntityRow | null> {
  const projection = projectionOf(info);
  return projection === null ? context.loaders.entityById : context.loaders.entitiesWith(projection);
}

/** The records with these ids that exist, in the order given, read for this field's selection. */
export async function loadEntities(context: Context, ids: readonly string[], info: GraphQLResolveInfo): Promise<EntityRow[]> {
  const rows = await entityLoader(context, info).loadMany(ids);
  return rows.filter((r): r is EntityRow => r !== null && !(r instanceof Error));
}

/** A record that must exist (it was just found by a statement), read for this field's selection. */
export async function loadEntityOrFail(context: Context, id: string, info: GraphQLResolveInfo): Promise<EntityRow> {
  const entity = await entityLoader(context, info).load(id);
  if (entity === null) throw new Error(`record ${id} is missing`);
  return entity;
}
