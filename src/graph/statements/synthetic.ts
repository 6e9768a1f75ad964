/**
 * Statements for synthetic organisations (bench/synthetic/load.ts, a benchmark tool): many rows per statement,
 * each row a parameter. Labels, relationship types and property names come only from the
 * entity descriptions; the synthetic id prefixes are parameters too.
 */
import { ENTITIES, type EntityType, type LinkDef } from '../../domain/entity-spec.js';
import type { Statement } from '../executor.js';
import type { NodeSpace } from '../rows.js';
import { storeExpression } from './organisation.js';

function space(value: NodeSpace): string {
  if (value !== 'Entity' && value !== 'Requirement') throw new Error(`unknown node space ${String(value)}`);
  return value;
}

/**
 * A synthetic id starts with one of the prefixes (`sys_5717e71c-`), then four digits of
 * the seed and a dash, then the UUID version 8.
 */
const IS_SYNTHETIC = (id: string): string =>
  `any(p IN $prefixes WHERE ${id} STARTS WITH p AND substring(${id}, size(p) + 5, 1) = '8')`;

/** The current, auditable requirements of some frameworks, in catalogue order. */
export function listAuditableRequirements(
  frameworkIds: readonly string[],
): Statement<{ frameworkId: string; id: string }> {
  return {
    name: 'listAuditableRequirements',
    cypher: `MATCH (r:Requirement)
             WHERE r.frameworkId IN $frameworkIds AND r.current AND r.auditable
             RETURN r.frameworkId AS frameworkId, r.id AS id
             ORDER BY r.frameworkId, r.position, r.id`,
    params: { frameworkIds },
  };
}

/** How many organisation records are synthetic and how many are not. */
export function countOrganisationRecords(prefixes: readonly string[]): Statement<{ synthetic: number; other: number }> {
  return {
    name: 'countOrganisationRecords',
    cypher: `MATCH (n:Entity)
             WITH count(n) AS total, sum(CASE WHEN ${IS_SYNTHETIC('n.id')} THEN 1 ELSE 0 END) AS synthetic
             RETURN synthetic, total - synthetic AS other`,
    params: { prefixes },
  };
}

/** Creates records of one type at version 1, created and updated at `at`. */
export function createSyntheticEntities(
  type: EntityType,
  items: readonly { id: string; values: Readonly<Record<string, unknown>> }[],
  at: string,
): Statement<{ created: number }> {
  const sets = ENTITIES[type].fields.map((f) => `n.${f.name} = ${storeExpression(f, `item.values.${f.name}`)}`);
  return {
    name: `createSynthetic${type}`,
    cypher: `UNWIND $items AS item
             CREATE (n:Entity:${ENTITIES[type].type} {id: item.id})
             SET ${sets.join(', ')}, n.version = 1, n.createdAt = datetime($at), n.updatedAt = datetime($at)
             RETURN count(n) AS created`,
    params: { items, at },
  };
}

/**
 * Creates links of one kind to one space. The plan never repeats a link, so CREATE
 * suffices; a row whose ends are missing creates nothing, which the count shows.
 */
export function createSyntheticLinks(
  link: LinkDef,
  toSpace: NodeSpace,
  items: readonly { from: string; to: string; property: string | null }[],
): Statement<{ created: number }> {
  const prop = link.property?.name;
  return {
    name: `createSynthetic${link.kind}`,
    cypher: `UNWIND $items AS item
             MATCH (from:Entity {id: item.from})
             MATCH (to:${space(toSpace)} {id: item.to})
             CREATE (from)-[r:${link.kind}]->(to)
             ${prop ? `SET r.${prop} = item.property` : ''}
             RETURN count(r) AS created`,
    params: { items },
  };
}

/** Deletes up to `limit` synthetic records with one prefix, with their links and any external references. */
export function deleteSyntheticEntities(prefix: string, limit: number): Statement<{ deleted: number }> {
  return {
    name: 'deleteSyntheticEntities',
    cypher: `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix AND ${IS_SYNTHETIC('n.id')}
             WITH n LIMIT toInteger($limit)
             OPTIONAL MATCH (x:ExternalRef)-[:REFERS_TO]->(n)
             WITH n, collect(x) AS refs
             FOREACH (x IN refs | DETACH DELETE x)
             DETACH DELETE n
             RETURN count(*) AS deleted`,
    params: { prefix, prefixes: [prefix], limit },
  };
}

/** Deletes up to `limit` change log entries about synthetic records with one prefix. */
export function deleteSyntheticChanges(prefix: string, limit: number): Statement<{ deleted: number }> {
  return {
    name: 'deleteSyntheticChanges',
    cypher: `MATCH (c:Change) WHERE c.entityId STARTS WITH $prefix AND ${IS_SYNTHETIC('c.entityId')}
             WITH c LIMIT toInteger($limit)
             DELETE c
             RETURN count(*) AS deleted`,
    params: { prefix, prefixes: [prefix], limit },
  };
}

/** The first and last sequence numbers of change log entries about synthetic records (null when there are none). */
export function findSyntheticChangeRange(
  prefixes: readonly string[],
): Statement<{ first: number | null; last: number | null }> {
  return {
    name: 'findSyntheticChangeRange',
    cypher: `UNWIND $prefixes AS prefix
             OPTIONAL MATCH (c:Change) WHERE c.entityId STARTS WITH prefix AND ${IS_SYNTHETIC('c.entityId')}
             RETURN min(c.seq) AS first, max(c.seq) AS last`,
    params: { prefixes },
  };
}

/**
 * After the synthetic entries numbered `first` to `last` (with others perhaps in between)
 * are deleted: when they were the newest entries and none is left from `first` on, the
 * counter goes back to `first - 1`, so the log is as it was before they were written.
 * Otherwise the counter stays and the log keeps a gap: a number is never used twice.
 */
export function settleChangeCounter(first: number, last: number): Statement<{ seq: number }> {
  return {
    name: 'settleChangeCounter',
    cypher: `MATCH (log:ChangeLog {id: 'changes'})
             SET log._lock = true
             WITH log
             OPTIONAL MATCH (c:Change) WHERE c.seq >= $first
             WITH log, count(c) = 0 AND log.seq = $last AS rewind
             SET log.seq = CASE WHEN rewind THEN $first - 1 ELSE log.seq END
             REMOVE log._lock
             RETURN log.seq AS seq`,
    params: { first, last },
  };
}
