/**
 * Organisation statements, built from the entity descriptions in domain/entity-spec.ts.
 * Labels, relationship types and property names come only from those descriptions (a
 * fixed whitelist); every value travels as a parameter.
 */
import { ENTITIES, type EntityType, type FieldDef, type LinkDef } from '../../domain/entity-spec.js';
import type { Statement } from '../executor.js';
import type { EntityRow, ProjectedRaw, DependentRow, LinkRow, NodeSpace, LinkedRow } from '../rows.js';

const ENTITY_LABELS = new Set<string>(Object.keys(ENTITIES));

function label(type: EntityType): string {
  if (!ENTITY_LABELS.has(type)) throw new Error(`unknown entity type ${type}`);
  return type;
}

/** The Cypher expression that stores a field's parameter with its Neo4j type. */
export function storeExpression(field: FieldDef, param: string): string {
  if (field.spec.kind === 'date') return `CASE WHEN ${param} IS NULL THEN null ELSE date(${param}) END`;
  if (field.spec.kind === 'datetime') return `CASE WHEN ${param} IS NULL THEN null ELSE datetime(${param}) END`;
  if (field.spec.kind === 'int') return `toInteger(${param})`;
  return param;
}

/** The projection of an entity node `n` into an EntityRow. */
export const ENTITY_ROW = `n { .*, type: [l IN labels(n) WHERE l <> 'Entity'][0],
  externalRefs: [(x:ExternalRef)-[:REFERS_TO]->(n) | x { .system, .id }] }`;

export function createEntity(
  type: EntityType,
  id: string,
  values: Readonly<Record<string, unknown>>,
  externalRefs: readonly { system: string; id: string }[],
): Statement<{ entity: EntityRow }> {
  const sets = ENTITIES[type].fields.map((f) => `n.${f.name} = ${storeExpression(f, `$values.${f.name}`)}`);
  return {
    name: `create${type}`,
    cypher: `CREATE (n:Entity:${label(type)} {id: $id})
             SET ${sets.join(', ')}, n.version = 1, n.createdAt = datetime(), n.updatedAt = datetime()
             WITH n
             UNWIND (CASE WHEN size($externalRefs) = 0 THEN [null] ELSE $externalRefs END) AS ref
             CALL {
               WITH n, ref
               WITH n, ref WHERE ref IS NOT NULL
               CREATE (x:ExternalRef {key: ref.system + '|' + ref.id, system: ref.system, id: ref.id})-[:REFERS_TO]->(n)
             }
             WITH DISTINCT n
             RETURN ${ENTITY_ROW} AS entity`,
    params: { id, values, externalRefs },
  };
}

/**
 * Applies the given fields if the stored version is `expectedVersion`. The write lock is
 * taken before the version is read, so two concurrent updates cannot both pass the check.
 * Returns the entity as stored and whether the update applied.
 */
export function updateEntity(
  type: EntityType,
  id: string,
  expectedVersion: number,
  values: Readonly<Record<string, unknown>>,
): Statement<{ applied: boolean; before: EntityRow; entity: EntityRow }> {
  const fields = ENTITIES[type].fields.filter((f) => Object.prototype.hasOwnProperty.call(values, f.name));
  const sets = fields.map((f) => `n.${f.name} = ${storeExpression(f, `$values.${f.name}`)}`);
  return {
    name: `update${type}`,
    cypher: `MATCH (n:${label(type)} {id: $id})
             SET n._lock = true
             WITH n, n.version = toInteger($expectedVersion) AS applies, ${ENTITY_ROW} AS before
             CALL {
               WITH n, applies
               WITH n WHERE applies
               SET ${[...sets, 'n.version = n.version + 1', 'n.updatedAt = datetime()'].join(', ')}
             }
             REMOVE n._lock
             RETURN applies AS applied, before, ${ENTITY_ROW} AS entity`,
    params: { id, expectedVersion, values },
  };
}

export function listEntitiesByIds(ids: readonly string[]): Statement<{ entity: EntityRow }> {
  return {
    name: 'listEntitiesByIds',
    cypher: `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN ${ENTITY_ROW} AS entity`,
    params: { ids },
  };
}

/**
 * Some stored properties of each record by id: its identity (id and type) and the
 * named properties, read as `n[p]` so the statement's text is the same whatever is asked
 * for; with `externalRefs`, its references in other systems too. See `projectedRow`.
 */
export function listEntityFieldsByIds(
  ids: readonly string[],
  props: readonly string[],
  externalRefs: boolean,
): Statement<{ entity: ProjectedRaw }> {
  return {
    name: 'listEntityFieldsByIds',
    cypher: `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN ${projectedExpression(externalRefs)} AS entity`,
    params: { ids, props },
  };
}

/**
 * The record a projected row describes: only the properties asked for (and present) are
 * set, so it is to be read only for those, never stored or compared whole.
 */
export function projectedRow(row: ProjectedRaw, props: readonly string[]): EntityRow {
  const out: Record<string, unknown> = { id: row.id, type: row.type };
  props.forEach((p, i) => {
    const value = row.values[i];
    if (value !== null && value !== undefined) out[p] = value;
  });
  if (row.refs !== null) out.externalRefs = row.refs;
  return out as EntityRow;
}

export interface EntityListQuery {
  type: EntityType;
  equals: Readonly<Record<string, unknown>>;
  text: string | null;
  party: string | null;
  after: { key: string; id: string } | null;
  first: number;
}

/** The Cypher map that reads record `n` for a projection (`$props`), in the shape of ProjectedRaw. */
function projectedExpression(externalRefs: boolean): string {
  return `n { .id, type: [l IN labels(n) WHERE l <> 'Entity'][0], values: [p IN $props | n[p]],
              refs: ${externalRefs ? '[(x:ExternalRef)-[:REFERS_TO]->(n) | x { .system, .id }]' : 'null'} }`;
}

/**
 * A page of one entity type in a stable order (sort field, then id), with the total: the
 * whole records, or with `projection` only the properties it names (ProjectedRaw rows).
 * The total and the page are separate subqueries, so only the page is sorted in full.
 */
export function listEntities(query: EntityListQuery): Statement<{ total: number; entities: EntityRow[] }>;
export function listEntities(
  query: EntityListQuery,
  projection: { props: readonly string[]; externalRefs: boolean },
): Statement<{ total: number; entities: ProjectedRaw[] }>;
export function listEntities(
  query: EntityListQuery,
  projection?: { props: readonly string[]; externalRefs: boolean },
): Statement<{ total: number; entities: EntityRow[] | ProjectedRaw[] }> {
  const def = ENTITIES[query.type];
  const conditions = Object.keys(query.equals)
    .filter((field) => def.filterFields.includes(field))
    .map((field) => `n.${field} = $equals.${field}`);
  if (query.text !== null) {
    conditions.push(`(${def.textFields.map((f) => `toLower(coalesce(n.${f}, '')) CONTAINS $text`).join(' OR ')})`);
  }
  if (query.party !== null) {
    conditions.push('EXISTS { (:Party {id: $party})-[:ACCOUNTABLE_FOR|RESPONSIBLE_FOR]->(n) }');
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const sort = `coalesce(n.${def.sortField}, '')`;
  return {
    name: `list${query.type}`,
    cypher: `CALL { MATCH (n:${label(query.type)}) ${where} RETURN count(n) AS total }
             CALL { MATCH (n:${label(query.type)}) ${where}
                    WITH n, ${sort} AS key
                    WHERE $after IS NULL OR key > $after.key OR (key = $after.key AND n.id > $after.id)
                    WITH n, key ORDER BY key, n.id LIMIT toInteger($first)
                    RETURN collect(${projection === undefined ? ENTITY_ROW : projectedExpression(projection.externalRefs)}) AS entities }
             RETURN total, entities`,
    params: {
      equals: query.equals,
      text: query.text?.toLowerCase() ?? null,
      party: query.party,
      after: query.after,
      first: query.first,
      ...(projection === undefined ? {} : { props: projection.props }),
    },
  };
}

/** The organisation records linked to an entity, in either direction. */
export function listDependents(id: string): Statement<{ dependent: DependentRow }> {
  return {
    name: 'listDependents',
    cypher: `MATCH (n:Entity {id: $id})-[r]-(m:Entity)
             // An applicability entry only points at the systems it is limited to; they do not depend on it.
             WHERE NOT (n:Applicability AND type(r) = 'LIMITED_TO')
             RETURN { id: m.id, type: [l IN labels(m) WHERE l <> 'Entity'][0], label: coalesce(m.name, m.title, m.id),
                      relationship: type(r) } AS dependent
             ORDER BY dependent.type, dependent.label`,
    params: { id },
  };
}

/** Deletes an entity with its links and external references; returns how many links went. */
export function deleteEntity(type: EntityType, id: string): Statement<{ removedLinks: number }> {
  return {
    name: `delete${type}`,
    cypher: `MATCH (n:${label(type)} {id: $id})
             OPTIONAL MATCH (x:ExternalRef)-[:REFERS_TO]->(n)
             WITH n, collect(x) AS refs, COUNT { (n)-[r]-(m) WHERE NOT m:ExternalRef } AS links
             FOREACH (x IN refs | DETACH DELETE x)
             DETACH DELETE n
             RETURN links AS removedLinks`,
    params: { id },
  };
}

/** Records by id, each locked for the rest of the transaction. */
export function lockEntitiesByIds(ids: readonly string[]): Statement<{ entity: EntityRow }> {
  return {
    name: 'lockEntitiesByIds',
    cypher: `UNWIND $ids AS id
             MATCH (n:Entity {id: id})
             SET n._lock = true
             REMOVE n._lock
             RETURN ${ENTITY_ROW} AS entity`,
    params: { ids },
  };
}

/** The records some external reference keys point to, each locked for the rest of the transaction. */
export function lockByExternalRefs(keys: readonly string[]): Statement<{ key: string; entity: EntityRow }> {
  return {
    name: 'lockByExternalRefs',
    cypher: `UNWIND $keys AS key
             MATCH (:ExternalRef {key: key})-[:REFERS_TO]->(n:Entity)
             SET n._lock = true
             REMOVE n._lock
             RETURN key, ${ENTITY_ROW} AS entity`,
    params: { keys },
  };
}

/** Every link of some records to other records or requirements, as stored, with the type of each link's `from` end. */
export function listLinksOf(ids: readonly string[]): Statement<{ link: LinkRow }> {
  return {
    name: 'listLinksOf',
    cypher: `UNWIND $ids AS id
             MATCH (n:Entity {id: id})-[r]-(m)
             WHERE m:Entity OR m:Requirement
             WITH DISTINCT r
             RETURN { kind: type(r), from: startNode(r).id, fromType: [l IN labels(startNode(r)) WHERE l <> 'Entity'][0],
                      to: endNode(r).id, property: coalesce(r.purpose, r.coverage) } AS link`,
    params: { ids },
  };
}

/** How many organisation records the graph holds. */
export function countEntities(): Statement<{ n: number }> {
  return { name: 'countEntities', cypher: 'MATCH (n:Entity) RETURN count(n) AS n', params: {} };
}

/** Which of these external reference keys (`system|id`) a record already holds. */
export function findExternalRefs(keys: readonly string[]): Statement<{ key: string }> {
  return {
    name: 'findExternalRefs',
    cypher: 'UNWIND $keys AS key MATCH (x:ExternalRef {key: key}) RETURN x.key AS key',
    params: { keys },
  };
}

/** The applicability decision recorded for a requirement with exactly this scope of systems (none: the whole organisation). */
export function findApplicability(
  requirement: string,
  systems: readonly string[],
): Statement<{ id: string; version: number; applicable: boolean; justification: string }> {
  return {
    name: 'findApplicability',
    cypher: `MATCH (a:Applicability)-[:FOR_REQUIREMENT]->(:Requirement {id: $requirement})
             WITH a, [(a)-[:LIMITED_TO]->(s:AISystem) | s.id] AS scope
             WHERE size(scope) = size($systems) AND all(x IN $systems WHERE x IN scope)
             RETURN a.id AS id, a.version AS version, a.applicable AS applicable, a.justification AS justification LIMIT 1`,
    params: { requirement, systems },
  };
}

/** The label of each id: an entity type, Requirement, or nothing when the id is unknown. */
export function findKinds(ids: readonly string[]): Statement<{ id: string; kind: string | null }> {
  return {
    name: 'findKinds',
    cypher: `UNWIND $ids AS id
             OPTIONAL MATCH (n:Entity {id: id})
             OPTIONAL MATCH (r:Requirement {id: id})
             RETURN id, CASE WHEN n IS NOT NULL THEN [l IN labels(n) WHERE l <> 'Entity'][0]
                             WHEN r IS NOT NULL THEN 'Requirement' END AS kind`,
    params: { ids },
  };
}

function space(value: NodeSpace): string {
  if (value !== 'Entity' && value !== 'Requirement') throw new Error(`unknown node space ${String(value)}`);
  return value;
}

/** Creates a link, or updates its property; says whether anything changed, and what the property was. */
export function createLink(
  link: LinkDef,
  from: { space: NodeSpace; id: string },
  to: { space: NodeSpace; id: string },
  property: string | null,
): Statement<{ changed: boolean; existed: boolean; before: string | null }> {
  const prop = link.property?.name;
  return {
    name: `link${link.kind}`,
    cypher: `MATCH (from:${space(from.space)} {id: $from})
             MATCH (to:${space(to.space)} {id: $to})
             OPTIONAL MATCH (from)-[old:${link.kind}]->(to)
             WITH from, to, old IS NULL${prop ? ` OR old.${prop} <> $property` : ''} AS changed,
                  old IS NOT NULL AS existed, ${prop ? `old.${prop}` : 'null'} AS before
             MERGE (from)-[r:${link.kind}]->(to)
             ${prop ? `SET r.${prop} = $property` : ''}
             RETURN changed, existed, before`,
    params: { from: from.id, to: to.id, property },
  };
}

export function deleteLink(
  link: LinkDef,
  from: { space: NodeSpace; id: string },
  to: { space: NodeSpace; id: string },
): Statement<{ changed: boolean; before: string | null }> {
  const prop = link.property?.name;
  return {
    name: `unlink${link.kind}`,
    cypher: `OPTIONAL MATCH (:${space(from.space)} {id: $from})-[r:${link.kind}]->(:${space(to.space)} {id: $to})
             WITH collect(r) AS found, collect(${prop ? `r.${prop}` : 'null'}) AS properties
             FOREACH (r IN found | DELETE r)
             RETURN size(found) > 0 AS changed, properties[0] AS before`,
    params: { from: from.id, to: to.id },
  };
}

/** The order linked records (`m`) are listed in. */
const linkedOrder = (m: string): string =>
  `ORDER BY coalesce(${m}.position, 0), coalesce(${m}.name, ${m}.title, ${m}.ref, ${m}.id)`;

/**
 * For each id, the records at the other end of its links of one kind: OUT follows the
 * stored direction, IN goes against it.
 */
export function listLinked(
  link: LinkDef,
  direction: 'OUT' | 'IN',
  from: NodeSpace,
  ids: readonly string[],
): Statement<{ row: LinkedRow }> {
  const start = `(n:${space(from)} {id: id})`;
  const pattern = direction === 'OUT' ? `${start}-[r:${link.kind}]->(m)` : `${start}<-[r:${link.kind}]-(m)`;
  const prop = link.property?.name;
  return {
    name: `listLinked${link.kind}${direction}${from}`,
    cypher: `UNWIND $ids AS id
             MATCH ${pattern}
             RETURN { id: id, otherId: m.id, property: ${prop ? `r.${prop}` : 'null'} } AS row
             ${linkedOrder('m')}`,
    params: { ids },
  };
}

/**
 * For each id, the records (not requirements) at the other end of its links of one kind,
 * in the order of `listLinked`, each read for a projection: the link and the record in
 * one statement.
 */
export function listLinkedEntities(
  link: LinkDef,
  direction: 'OUT' | 'IN',
  from: NodeSpace,
  ids: readonly string[],
  projection: { props: readonly string[]; externalRefs: boolean },
): Statement<{ id: string; entity: ProjectedRaw }> {
  const start = `(s:${space(from)} {id: id})`;
  const pattern = direction === 'OUT' ? `${start}-[:${link.kind}]->(n:Entity)` : `${start}<-[:${link.kind}]-(n:Entity)`;
  return {
    name: `listLinkedEntities${link.kind}${direction}${from}`,
    cypher: `UNWIND $ids AS id
             MATCH ${pattern}
             RETURN id, ${projectedExpression(projection.externalRefs)} AS entity
             ${linkedOrder('n')}`,
    params: { ids, props: projection.props },
  };
}
