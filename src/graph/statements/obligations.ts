/**
 * Obligations derived from the EU AI Act applicability rules. A derived obligation is an
 * Obligation that BINDS one AI system, is DERIVED_FROM one article and carries the ids of
 * the rules behind it (`derivedByRules`); that triple is its identity, so deriving twice
 * finds it again instead of creating another.
 */
import type { Statement } from '../executor.js';
import type { DerivedObligationRow, EntityRow } from '../rows.js';
import { ENTITY_ROW } from './organisation.js';

/**
 * Takes the write lock of every obligation derived for the system, so that a concurrent
 * edit of one (its status, say) cannot slip between reading it and refreshing it.
 */
export function lockDerivedObligations(systemId: string): Statement<{ locked: number }> {
  return {
    name: 'lockDerivedObligations',
    cypher: `OPTIONAL MATCH (n:Obligation)-[:BINDS]->(:AISystem {id: $systemId})
             WHERE size(coalesce(n.derivedByRules, [])) > 0
             WITH collect(n) AS found
             FOREACH (n IN found | SET n._lock = true REMOVE n._lock)
             RETURN size(found) AS locked`,
    params: { systemId },
  };
}

/** The obligations derived for an AI system, each with the article it derives from. */
export function listDerivedObligations(systemId: string): Statement<DerivedObligationRow> {
  return {
    name: 'listDerivedObligations',
    cypher: `MATCH (n:Obligation)-[:BINDS]->(:AISystem {id: $systemId})
             WHERE size(coalesce(n.derivedByRules, [])) > 0
             MATCH (n)-[:DERIVED_FROM]->(r:Requirement)
             RETURN ${ENTITY_ROW} AS obligation, r.id AS requirementId
             ORDER BY r.position, n.id`,
    params: { systemId },
  };
}

/** The titles of some requirements, by id. */
export function listRequirementTitles(ids: readonly string[]): Statement<{ id: string; title: string | null }> {
  return {
    name: 'listRequirementTitles',
    cypher: 'MATCH (r:Requirement) WHERE r.id IN $ids RETURN r.id AS id, r.title AS title',
    params: { ids },
  };
}

/** What a derived obligation says; the fields derivation owns (status stays the organisation's). */
export interface DerivedFields {
  readonly title: string;
  readonly description: string;
  readonly dueDate: string;
  readonly derivedByRules: readonly string[];
}

/** Creates derived obligations, each OPEN, bound to the system and derived from its article. */
export function createDerivedObligations(
  systemId: string,
  items: readonly ({ id: string; requirementId: string } & DerivedFields)[],
): Statement<{ obligation: EntityRow; requirementId: string }> {
  return {
    name: 'createDerivedObligations',
    cypher: `MATCH (s:AISystem {id: $systemId})
             UNWIND $items AS item
             MATCH (r:Requirement {id: item.requirementId})
             CREATE (n:Entity:Obligation {id: item.id})
             SET n.title = item.title, n.description = item.description, n.dueDate = date(item.dueDate),
                 n.status = 'OPEN', n.derivedByRules = item.derivedByRules,
                 n.version = 1, n.createdAt = datetime(), n.updatedAt = datetime()
             CREATE (n)-[:BINDS]->(s)
             CREATE (n)-[:DERIVED_FROM]->(r)
             RETURN ${ENTITY_ROW} AS obligation, r.id AS requirementId`,
    params: { systemId, items },
  };
}

/** Rewrites the derived fields of existing obligations, one version up each. */
export function refreshDerivedObligations(
  items: readonly ({ id: string } & DerivedFields)[],
): Statement<{ obligation: EntityRow }> {
  return {
    name: 'refreshDerivedObligations',
    cypher: `UNWIND $items AS item
             MATCH (n:Obligation {id: item.id})
             SET n.title = item.title, n.description = item.description, n.dueDate = date(item.dueDate),
                 n.derivedByRules = item.derivedByRules, n.version = n.version + 1, n.updatedAt = datetime()
             RETURN ${ENTITY_ROW} AS obligation`,
    params: { items },
  };
}
