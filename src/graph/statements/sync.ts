/**
 * Batched statements for sync: one statement per kind of write and per batch of rows,
 * however many items, each row a parameter. Labels, relationship types and property
 * names come only from the entity descriptions.
 */
import { ENTITIES, type EntityType, type LinkDef } from '../../domain/entity-spec.js';
import type { Statement } from '../executor.js';
import type { EntityRow, NodeSpace, ExportRow, OscalControlRow, OutgoingLinkRow } from '../rows.js';
import { ENTITY_ROW, storeExpression } from './organisation.js';

function space(value: NodeSpace): string {
  if (value !== 'Entity' && value !== 'Requirement') throw new Error(`unknown node space ${String(value)}`);
  return value;
}

/** Attaches one external reference to each of some records. */
export function attachExternalRefs(
  items: readonly { id: string; system: string; ref: string; bump: boolean }[],
): Statement<{ entity: EntityRow }> {
  return {
    name: 'attachExternalRefs',
    cypher: `UNWIND $items AS item
             MATCH (n:Entity {id: item.id})
             CREATE (:ExternalRef {key: item.system + '|' + item.ref, system: item.system, id: item.ref})-[:REFERS_TO]->(n)
             FOREACH (_ IN CASE WHEN item.bump THEN [1] ELSE [] END | SET n.version = n.version + 1, n.updatedAt = datetime())
             RETURN ${ENTITY_ROW} AS entity`,
    params: { items },
  };
}

/** Creates records of one type, each with one external reference. */
export function createEntities(
  type: EntityType,
  items: readonly { id: string; values: Readonly<Record<string, unknown>>; ref: { system: string; id: string } }[],
): Statement<{ entity: EntityRow }> {
  const sets = ENTITIES[type].fields.map((f) => `n.${f.name} = ${storeExpression(f, `item.values.${f.name}`)}`);
  return {
    name: `create${type}Batch`,
    cypher: `UNWIND $items AS item
             CREATE (n:Entity:${ENTITIES[type].type} {id: item.id})
             SET ${sets.join(', ')}, n.version = 1, n.createdAt = datetime(), n.updatedAt = datetime()
             CREATE (:ExternalRef {key: item.ref.system + '|' + item.ref.id, system: item.ref.system, id: item.ref.id})-[:REFERS_TO]->(n)
             RETURN ${ENTITY_ROW} AS entity`,
    params: { items },
  };
}

/** Rewrites every field of records of one type (already locked), one version up each. */
export function replaceEntities(
  type: EntityType,
  items: readonly { id: string; values: Readonly<Record<string, unknown>> }[],
): Statement<{ entity: EntityRow }> {
  const sets = ENTITIES[type].fields.map((f) => `n.${f.name} = ${storeExpression(f, `item.values.${f.name}`)}`);
  return {
    name: `replace${type}Batch`,
    cypher: `UNWIND $items AS item
             MATCH (n:Entity {id: item.id}) WHERE n:${ENTITIES[type].type}
             SET ${sets.join(', ')}, n.version = n.version + 1, n.updatedAt = datetime()
             RETURN ${ENTITY_ROW} AS entity`,
    params: { items },
  };
}

/** Deletes records with their links and external references. */
export function deleteEntities(ids: readonly string[]): Statement<{ deleted: number }> {
  return {
    name: 'deleteEntityBatch',
    cypher: `UNWIND $ids AS id
             MATCH (n:Entity {id: id})
             OPTIONAL MATCH (x:ExternalRef)-[:REFERS_TO]->(n)
             WITH n, collect(x) AS refs
             FOREACH (x IN refs | DETACH DELETE x)
             DETACH DELETE n
             RETURN count(*) AS deleted`,
    params: { ids },
  };
}

/** Makes links of one kind (or updates their property); says for each whether it changed, and what it was. */
export function mergeLinks(
  link: LinkDef,
  toSpace: NodeSpace,
  items: readonly { i: number; from: string; to: string; property: string | null }[],
): Statement<{ i: number; changed: boolean; existed: boolean; before: string | null }> {
  const prop = link.property?.name;
  return {
    name: `link${link.kind}Batch`,
    cypher: `UNWIND $items AS item
             MATCH (from:Entity {id: item.from})
             MATCH (to:${space(toSpace)} {id: item.to})
             OPTIONAL MATCH (from)-[old:${link.kind}]->(to)
             WITH item, from, to, old IS NULL${prop ? ` OR old.${prop} <> item.property` : ''} AS changed,
                  old IS NOT NULL AS existed, ${prop ? `old.${prop}` : 'null'} AS before
             MERGE (from)-[r:${link.kind}]->(to)
             ${prop ? `SET r.${prop} = item.property` : ''}
             RETURN item.i AS i, changed, existed, before`,
    params: { items },
  };
}

/** Removes links of one kind; says for each whether it existed, and its property. */
export function removeLinks(
  link: LinkDef,
  toSpace: NodeSpace,
  items: readonly { i: number; from: string; to: string }[],
): Statement<{ i: number; changed: boolean; before: string | null }> {
  const prop = link.property?.name;
  return {
    name: `unlink${link.kind}Batch`,
    cypher: `UNWIND $items AS item
             OPTIONAL MATCH (:Entity {id: item.from})-[r:${link.kind}]->(:${space(toSpace)} {id: item.to})
             WITH item, collect(r) AS found, collect(${prop ? `r.${prop}` : 'null'}) AS properties
             FOREACH (r IN found | DELETE r)
             RETURN item.i AS i, size(found) > 0 AS changed, properties[0] AS before`,
    params: { items },
  };
}

/** The controls that have a reference in `source`, with their IMPLEMENTS and APPLIES_TO links. */
export function listControlsForExport(source: string): Statement<ExportRow> {
  return {
    name: 'listControlsForExport',
    cypher: `MATCH (own:ExternalRef {system: $source})-[:REFERS_TO]->(n:Control)
             WITH own, n,
                  [(n)-[i:IMPLEMENTS]->(r:Requirement) | r.id + '=' + i.coverage] AS implements,
                  [(n)-[:APPLIES_TO]->(s:AISystem) | head([(s)<-[:REFERS_TO]-(y:ExternalRef {system: $source}) | y.id])] AS systems
             RETURN own.id AS ref, ${ENTITY_ROW} AS entity,
                    { implements: implements, applies_to: [s IN systems WHERE s IS NOT NULL] } AS links,
                    size([s IN systems WHERE s IS NULL]) AS omitted
             ORDER BY own.id`,
    params: { source },
  };
}

/** The evidence that has a reference in `source`, with its SUPPORTS and SCOPED_TO links. (`own`, not `x`: ENTITY_ROW's own `x` must stay free.) */
export function listEvidenceForExport(source: string): Statement<ExportRow> {
  return {
    name: 'listEvidenceForExport',
    cypher: `MATCH (own:ExternalRef {system: $source})-[:REFERS_TO]->(n:Evidence)
             WITH own, n,
                  [(n)-[:SUPPORTS]->(r:Requirement) | r.id] AS requirements,
                  [(n)-[:SUPPORTS]->(c:Control) | head([(c)<-[:REFERS_TO]-(y:ExternalRef {system: $source}) | y.id])] AS controls,
                  [(n)-[:SCOPED_TO]->(m:Entity) | head([(m)<-[:REFERS_TO]-(y:ExternalRef {system: $source}) | y.id])] AS scope
             RETURN own.id AS ref, ${ENTITY_ROW} AS entity,
                    { supports: [c IN controls WHERE c IS NOT NULL] + requirements, scoped_to: [s IN scope WHERE s IS NOT NULL] } AS links,
                    size([c IN controls WHERE c IS NULL]) + size([s IN scope WHERE s IS NULL]) AS omitted
             ORDER BY own.id`,
    params: { source },
  };
}

/** Every control with what it implements and where it applies, and its reference in an OSCAL source. */
export function listControlsForOscal(source: string): Statement<OscalControlRow> {
  return {
    name: 'listControlsForOscal',
    cypher: `MATCH (n:Control)
             RETURN ${ENTITY_ROW} AS entity,
                    head([(x:ExternalRef {system: $source})-[:REFERS_TO]->(n) | x.id]) AS oscalRef,
                    [(n)-[:APPLIES_TO]->(s:AISystem) | s.id] AS systems,
                    [(n)-[i:IMPLEMENTS]->(r:Requirement) | { frameworkId: r.frameworkId, ref: r.ref, coverage: i.coverage }] AS implements
             ORDER BY n.name, n.id`,
    params: { source },
  };
}

/** The links that start from some records, with what the source can say about their other end. */
export function listOutgoingLinks(ids: readonly string[], source: string): Statement<{ link: OutgoingLinkRow }> {
  return {
    name: 'listOutgoingLinks',
    cypher: `UNWIND $ids AS id
             MATCH (n:Entity {id: id})-[r]->(m)
             WHERE m:Entity OR m:Requirement
             RETURN { kind: type(r), from: n.id, fromType: [l IN labels(n) WHERE l <> 'Entity'][0], to: m.id,
                      toIsRequirement: m:Requirement,
                      toInSource: EXISTS { (m)<-[:REFERS_TO]-(:ExternalRef {system: $source}) } } AS link`,
    params: { ids, source },
  };
}
