/**
 * Crosswalk statements. A mapping is stored once, as a MAPS_TO relationship from its
 * source requirement to its target requirement, tagged with its set; it is read in both
 * directions (the inverse is computed above this layer).
 */
import type { Statement } from '../executor.js';
import type { CrosswalkSetRow, MappingDetailRow, MappingEndsRow, MappingRow } from '../rows.js';

const SET_FIELDS = `s {
  .id, .title, .description, .publisher, .source, .sourceUrl, .licence, .method, .relationshipsBy,
  .addedBy, .addedAt, .fromFramework, .toFramework, .origin,
  mappingCount: COUNT { ()-[m:MAPS_TO {set: s.id}]->() }
}`;

/** A mapping row, for a pattern `(a:Requirement)-[m:MAPS_TO]->(b:Requirement)`. */
export const MAPPING_FIELDS = `m {
  .id, .set, .relationship, .rationale, .method, .status, .strength, .confidence, .justification,
  .citation, .originalRelationship, sourceId: a.id, targetId: b.id,
  sourcePosition: a.position, targetPosition: b.position
}`;

/** A mapping's set, ends and relationship, with `a` its source and `b` its target. */
const MAPPING_ENDS_FIELDS = `m { .id, .set, .relationship, sourceId: a.id, targetId: b.id,
  sourcePosition: a.position, targetPosition: b.position }`;

export function listCrosswalkSets(): Statement<{ set: CrosswalkSetRow }> {
  return {
    name: 'listCrosswalkSets',
    cypher: `MATCH (s:CrosswalkSet) RETURN ${SET_FIELDS} AS set ORDER BY s.id`,
    params: {},
  };
}

export function listCrosswalkSetsByIds(ids: readonly string[]): Statement<{ set: CrosswalkSetRow }> {
  return {
    name: 'listCrosswalkSetsByIds',
    cypher: `UNWIND $ids AS id MATCH (s:CrosswalkSet {id: id}) RETURN ${SET_FIELDS} AS set`,
    params: { ids },
  };
}

/** The mappings of many sets at once, in a stable order. */
export function listMappingsBySetIds(ids: readonly string[]): Statement<{ mapping: MappingRow }> {
  return {
    name: 'listMappingsBySetIds',
    cypher: `UNWIND $ids AS id
             MATCH (a:Requirement)-[m:MAPS_TO {set: id}]->(b:Requirement)
             RETURN ${MAPPING_FIELDS} AS mapping ORDER BY a.frameworkId, a.position, b.frameworkId, b.position`,
    params: { ids },
  };
}

/** Every stored mapping between two frameworks, whichever way it is stored. */
export function listMappingsBetween(frameworkA: string, frameworkB: string): Statement<{ mapping: MappingRow }> {
  return {
    name: 'listMappingsBetween',
    cypher: `MATCH (a:Requirement)-[m:MAPS_TO]->(b:Requirement)
             WHERE (a.frameworkId = $frameworkA AND b.frameworkId = $frameworkB)
                OR (a.frameworkId = $frameworkB AND b.frameworkId = $frameworkA)
             RETURN ${MAPPING_FIELDS} AS mapping ORDER BY a.frameworkId, a.position, b.position`,
    params: { frameworkA, frameworkB },
  };
}

/** The stored mappings touching each of many requirements, keyed by that requirement. */
export function listMappingsByRequirementIds(
  ids: readonly string[],
): Statement<{ requirementId: string; mapping: MappingEndsRow }> {
  return {
    name: 'listMappingsByRequirementIds',
    // From the requirement's own relationships, in either direction: a pattern with the
    // requirement on one fixed end would scan every mapping for each id.
    cypher: `UNWIND $ids AS id
             MATCH (r:Requirement {id: id})-[m:MAPS_TO]-(:Requirement)
             WITH DISTINCT id, m
             WITH id, m, startNode(m) AS a, endNode(m) AS b
             RETURN id AS requirementId, ${MAPPING_ENDS_FIELDS} AS mapping`,
    params: { ids },
  };
}

/** What the stored mappings say beyond their ends, by mapping id. */
export function listMappingDetails(ids: readonly string[]): Statement<{ detail: MappingDetailRow }> {
  return {
    name: 'listMappingDetails',
    cypher: `UNWIND $ids AS id
             MATCH ()-[m:MAPS_TO {id: id}]->()
             RETURN m { .id, .rationale, .method, .status, .strength, .confidence, .justification, .citation,
                        .originalRelationship } AS detail`,
    params: { ids },
  };
}

/** Hop bounds are not parameters in Cypher; only these fixed texts are ever sent. */
const NEIGHBOURHOOD: Readonly<Record<number, string>> = {
  1: '*1..1',
  2: '*1..2',
  3: '*1..3',
};
/** Longer chains add little and multiply paths; three hops is the most an analyst may ask. */
export const MAX_HOPS = 3;

/**
 * Every stored mapping on a path of at most `maxHops` mappings from each requirement,
 * keyed by the starting requirement: the material the pure inference walks.
 */
export function listMappingNeighbourhoods(
  ids: readonly string[],
  maxHops: number,
): Statement<{ requirementId: string; mappings: MappingRow[] }> {
  const range = NEIGHBOURHOOD[maxHops];
  if (range === undefined) throw new RangeError(`maxHops must be 1 to ${MAX_HOPS}`);
  return {
    name: `listMappingNeighbourhoods${maxHops}`,
    cypher: `UNWIND $ids AS id
             MATCH (r:Requirement {id: id})
             CALL {
               WITH r
               OPTIONAL MATCH path = (r)-[:MAPS_TO${range}]-(:Requirement)
               UNWIND CASE WHEN path IS NULL THEN [] ELSE relationships(path) END AS m
               RETURN collect(DISTINCT m) AS ms
             }
             RETURN id AS requirementId,
                    [m IN ms | m { .id, .set, .relationship, .rationale, .method, .status, .strength, .confidence,
                                   .justification, .citation, .originalRelationship,
                                   sourceId: startNode(m).id, targetId: endNode(m).id }] AS mappings`,
    params: { ids },
  };
}

/** A set as the seed or an import writes it: everything but what the graph counts. */
export type SeedCrosswalkSet = Omit<CrosswalkSetRow, 'mappingCount'>;

export interface SeedMapping {
  id: string;
  sourceId: string;
  targetId: string;
  relationship: string;
  rationale: string;
  method: string;
  status: string;
  strength: number | null;
  confidence: number | null;
  justification: string;
  citation: string | null;
  originalRelationship: string | null;
}

export function upsertCrosswalkSet(set: SeedCrosswalkSet): Statement<{ id: string }> {
  return {
    name: 'upsertCrosswalkSet',
    cypher: `MERGE (s:CrosswalkSet {id: $set.id})
             SET s += $set, s.loadedAt = datetime()
             RETURN s.id AS id`,
    params: { set },
  };
}

/** Removes every mapping of a set, so that it can be written anew as a whole. */
export function deleteMappingsOfSet(setId: string): Statement<{ removed: number }> {
  return {
    name: 'deleteMappingsOfSet',
    cypher: `MATCH ()-[m:MAPS_TO {set: $setId}]->() DELETE m RETURN count(*) AS removed`,
    params: { setId },
  };
}

/** Creates a batch of mappings of one set; returns how many it could attach to requirements. */
export function createMappings(setId: string, mappings: readonly SeedMapping[]): Statement<{ created: number }> {
  return {
    name: 'createMappings',
    cypher: `UNWIND $mappings AS item
             MATCH (a:Requirement {id: item.sourceId})
             MATCH (b:Requirement {id: item.targetId})
             CREATE (a)-[m:MAPS_TO]->(b)
             SET m = item { .id, .relationship, .rationale, .method, .status, .strength, .confidence,
                            .justification, .citation, .originalRelationship }, m.set = $setId,
                 m.strength = toInteger(item.strength)
             RETURN count(m) AS created`,
    params: { setId, mappings },
  };
}

/** Deletes seeded sets the seed no longer has, with their mappings; imported sets stay. */
export function pruneSeededCrosswalkSets(keepIds: readonly string[]): Statement<{ removed: string[] }> {
  return {
    name: 'pruneSeededCrosswalkSets',
    cypher: `MATCH (s:CrosswalkSet {origin: 'SEED'}) WHERE NOT s.id IN $keepIds
             OPTIONAL MATCH ()-[m:MAPS_TO {set: s.id}]->()
             DELETE m
             WITH DISTINCT s
             WITH collect(s.id) AS removed, collect(s) AS sets
             FOREACH (s IN sets | DELETE s)
             RETURN removed`,
    params: { keepIds },
  };
}

/** The references of each framework's requirements, in every version, for validating imports. */
export function listRefsOfFrameworks(ids: readonly string[]): Statement<{ frameworkId: string; refs: string[] }> {
  return {
    name: 'listRefsOfFrameworks',
    cypher: `UNWIND $ids AS id
             MATCH (r:Requirement {frameworkId: id})
             RETURN id AS frameworkId, collect(r.ref) AS refs`,
    params: { ids },
  };
}
