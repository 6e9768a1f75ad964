/**
 * The facts the coverage rule needs for one question (a framework, the systems in scope,
 * a date): the framework's auditable requirements, the mappings on chains that reach
 * them, the applicability records, and for the requirements involved the direct facts
 * (counted here) or, for the requirements an answer explains, each implementation judged
 * here. Whether a control counts and whether its evidence is valid on the date and in the
 * scope is decided in these statements, as src/coverage/rule.ts's judgeImplementations
 * decides it (a property test holds them equal). A summary reads counts and levels,
 * never an evidence record; an explanation reads the verdicts of the evidence of the
 * requirements it shows.
 */
import type { Statement } from '../executor.js';
import type {
  CoverageRequirementRow,
  CoverageControlRow,
  ApplicabilityRow,
  RiskFactRow,
  CoverageRecordRow,
  DirectFactRow,
  ImplementationRow,
  MappingEdgeRow,
  MappingEndsRow,
} from '../rows.js';

/** The current auditable requirements of a framework, each with its top-level section. */
export function listCoverageRequirements(frameworkId: string): Statement<CoverageRequirementRow> {
  return {
    name: 'listCoverageRequirements',
    cypher: `MATCH (r:Requirement {frameworkId: $frameworkId})
             WHERE r.current AND r.auditable
             OPTIONAL MATCH (r)-[:PART_OF*1..8]->(top:Requirement)
             WHERE NOT (top)-[:PART_OF]->(:Requirement)
             RETURN r.id AS id, coalesce(top.id, r.id) AS sectionId
             ORDER BY r.position`,
    params: { frameworkId },
  };
}

/** Hop bounds are not parameters in Cypher: the radius around the framework, one less than the chain length. */
const RADIUS: Readonly<Record<number, string>> = { 1: '*0..0', 2: '*0..1', 3: '*0..2' };

/**
 * The stored mappings on every chain of at most `maxHops` mappings that ends at one of the
 * requirements `targets` matches (as `t`): each touches a requirement at most
 * `maxHops - 1` mappings away from one. Their ends and relationships only.
 */
function mappingsNear(
  name: string,
  targets: string,
  params: Record<string, unknown>,
  maxHops: number,
): Statement<MappingEdgeRow> {
  const radius = RADIUS[maxHops];
  if (radius === undefined) throw new RangeError(`maxHops must be 1 to ${Object.keys(RADIUS).length}`);
  return {
    name: `${name}${maxHops}`,
    cypher: `${targets}
             MATCH (t)-[:MAPS_TO${radius}]-(near:Requirement)
             WITH DISTINCT near
             MATCH (near)-[m:MAPS_TO]-(:Requirement)
             WITH DISTINCT m
             RETURN m.id AS id, startNode(m).id AS source, endNode(m).id AS target, m.relationship AS relationship
             ORDER BY id`,
    params,
  };
}

/** The mappings on chains of at most `maxHops` that end at an auditable requirement of the framework. */
export function listCoverageMappings(frameworkId: string, maxHops: number): Statement<MappingEdgeRow> {
  return mappingsNear(
    'listCoverageMappings',
    `MATCH (t:Requirement {frameworkId: $frameworkId}) WHERE t.current AND t.auditable`,
    { frameworkId },
    maxHops,
  );
}

/** The mappings on chains of at most `maxHops` that end at one of the requirements. */
export function listCoverageMappingsTo(requirementIds: readonly string[], maxHops: number): Statement<MappingEdgeRow> {
  return mappingsNear(
    'listCoverageMappingsTo',
    `UNWIND $requirementIds AS id MATCH (t:Requirement {id: id})`,
    { requirementIds },
    maxHops,
  );
}

/** Whether control `c` counts at all: implemented or operating. */
const CONTRIBUTING = `coalesce(c.status, '') IN ['IMPLEMENTED', 'OPERATING']`;
/** Whether control `c` is in scope: the whole organisation is asked, or it is organisation-wide, or it applies to a system asked. */
const CONTROL_IN_SCOPE = `($systems IS NULL OR NOT EXISTS { (c)-[:APPLIES_TO]->(:AISystem) }
                           OR EXISTS { (c)-[:APPLIES_TO]->(s:AISystem) WHERE s.id IN $systems })`;
/** Evidence `e` outside the scope asked: limited to systems (or datasets) none of which is asked. */
const EVIDENCE_OUT_OF_SCOPE = `($systems IS NOT NULL AND EXISTS { (e)-[:SCOPED_TO]->() }
                                AND NOT EXISTS { (e)-[:SCOPED_TO]->(x) WHERE x.id IN $systems })`;

/** Evidence `e` has taken effect by `day` (a Cypher date expression); false, not null, for a date it cannot compare. */
const EVIDENCE_STARTED = (day: string): string =>
  `coalesce(e.effectiveFrom IS NULL OR e.effectiveFrom <= ${day}, false)`;
/** Evidence `e` has not run out before `day`; false, not null, for a date it cannot compare. */
const EVIDENCE_NOT_ENDED = (day: string): string => `coalesce(e.validUntil IS NULL OR e.validUntil >= ${day}, false)`;
/** Evidence `e` counts on `day` in the scope asked: the one test every statement here makes. */
const EVIDENCE_VALID = (day: string): string =>
  `${EVIDENCE_STARTED(day)} AND ${EVIDENCE_NOT_ENDED(day)} AND NOT ${EVIDENCE_OUT_OF_SCOPE}`;

/**
 * For each requirement, its implementing controls counted for the question: those that
 * count, those that count in full (FULL with evidence valid on the date and in scope),
 * and those rejected. Evidence is only tested for existence, stopping at the first valid.
 * A requirement nothing implements has no row.
 */
export function listDirectFacts(
  requirementIds: readonly string[],
  systems: readonly string[] | null,
  asOf: string,
): Statement<DirectFactRow> {
  return {
    name: 'listDirectFacts',
    cypher: `UNWIND $requirementIds AS id
             MATCH (c:Control)-[i:IMPLEMENTS]->(r:Requirement {id: id})
             WITH r, c, i, ${CONTRIBUTING} AND ${CONTROL_IN_SCOPE} AS counts
             WITH r, i, counts,
                  counts AND i.coverage = 'FULL' AND EXISTS {
                    MATCH (e:Evidence)-[:SUPPORTS]->(c)
                    WHERE ${EVIDENCE_VALID('date($asOf)')}
                  } AS full
             RETURN r.id AS requirementId,
                    sum(CASE WHEN counts THEN 1 ELSE 0 END) AS contributing,
                    sum(CASE WHEN full THEN 1 ELSE 0 END) AS full,
                    sum(CASE WHEN NOT counts OR (i.coverage = 'FULL' AND NOT full) THEN 1 ELSE 0 END) AS rejected`,
    params: { requirementIds, systems, asOf },
  };
}

/**
 * For each requirement, only whether an in-scope control counts in full and whether one
 * counts at all, each an EXISTS that stops at the first: what the crosswalk needs of the
 * requirements it carries from. A requirement nothing implements has no row.
 */
export function listDirectLevels(
  requirementIds: readonly string[],
  systems: readonly string[] | null,
  asOf: string,
): Statement<{ requirementId: string; full: boolean; counts: boolean }> {
  return {
    name: 'listDirectLevels',
    cypher: `UNWIND $requirementIds AS id
             MATCH (r:Requirement {id: id})
             WHERE EXISTS { (:Control)-[:IMPLEMENTS]->(r) }
             RETURN r.id AS requirementId,
                    EXISTS {
                      MATCH (c:Control)-[:IMPLEMENTS {coverage: 'FULL'}]->(r)
                      WHERE ${CONTRIBUTING} AND ${CONTROL_IN_SCOPE} AND EXISTS {
                        MATCH (e:Evidence)-[:SUPPORTS]->(c)
                        WHERE ${EVIDENCE_VALID('date($asOf)')}
                      }
                    } AS full,
                    EXISTS {
                      MATCH (c:Control)-[:IMPLEMENTS]->(r)
                      WHERE ${CONTRIBUTING} AND ${CONTROL_IN_SCOPE}
                    } AS counts`,
    params: { requirementIds, systems, asOf },
  };
}

/**
 * Each implementation of the requirements, judged for the question: why its control does
 * not count, or its evidence with each item's verdict on the date and in the scope.
 */
export function listImplementations(
  requirementIds: readonly string[],
  systems: readonly string[] | null,
  asOf: string,
): Statement<{ fact: ImplementationRow }> {
  return {
    name: 'listImplementations',
    cypher: `UNWIND $requirementIds AS id
             MATCH (c:Control)-[i:IMPLEMENTS]->(r:Requirement {id: id})
             WITH r, c, i, ${CONTRIBUTING} AS contributing, ${CONTROL_IN_SCOPE} AS inScope
             RETURN { controlId: c.id, requirementId: r.id, coverage: i.coverage,
                      rejection: CASE WHEN NOT contributing THEN 'CONTROL_NOT_CONTRIBUTING'
                                      WHEN NOT inScope THEN 'CONTROL_OUT_OF_SCOPE' END,
                      evidence: CASE WHEN contributing AND inScope THEN
                        [(e:Evidence)-[:SUPPORTS]->(c) | { id: e.id, verdict: CASE
                          WHEN NOT ${EVIDENCE_STARTED('date($asOf)')} THEN 'NOT_YET_EFFECTIVE'
                          WHEN NOT ${EVIDENCE_NOT_ENDED('date($asOf)')} THEN 'EXPIRED'
                          WHEN ${EVIDENCE_OUT_OF_SCOPE} THEN 'OUT_OF_SCOPE'
                          ELSE 'VALID' END }]
                        ELSE [] END } AS fact
             ORDER BY r.id, c.id`,
    params: { requirementIds, systems, asOf },
  };
}

/** Control `c` as the whole-graph facts hold it, with `implements` collected: its systems and every evidence item. */
const CONTROL_FACT = `c { .id, .status, implements: implements,
  systems: [(c)-[:APPLIES_TO]->(s:AISystem) | s.id],
  evidence: [(e:Evidence)-[:SUPPORTS]->(c) | e { .id,
    effectiveFrom: CASE WHEN e.effectiveFrom IS NULL THEN null ELSE toString(e.effectiveFrom) END,
    validUntil: CASE WHEN e.validUntil IS NULL THEN null ELSE toString(e.validUntil) END,
    scopedTo: [(e)-[:SCOPED_TO]->(x) | x.id] }] }`;

/** Every control that implements a requirement, with the systems it applies to and its evidence. */
export function listCoverageControls(): Statement<{ control: CoverageControlRow }> {
  return {
    name: 'listCoverageControls',
    cypher: `MATCH (c:Control)-[i:IMPLEMENTS]->(r:Requirement)
             WITH c, collect({ requirementId: r.id, coverage: i.coverage }) AS implements
             RETURN ${CONTROL_FACT} AS control
             ORDER BY c.id`,
    params: {},
  };
}

/** The controls that implement any of the requirements, each as listCoverageControls gives it (all it implements, all its evidence). */
export function listCoverageControlsFor(requirementIds: readonly string[]): Statement<{ control: CoverageControlRow }> {
  return {
    name: 'listCoverageControlsFor',
    cypher: `UNWIND $requirementIds AS id
             MATCH (c:Control)-[:IMPLEMENTS]->(:Requirement {id: id})
             WITH DISTINCT c
             MATCH (c)-[i:IMPLEMENTS]->(r:Requirement)
             WITH c, collect({ requirementId: r.id, coverage: i.coverage }) AS implements
             RETURN ${CONTROL_FACT} AS control
             ORDER BY c.id`,
    params: { requirementIds },
  };
}

/** The controls the evidence item supports, each as listCoverageControls gives it. */
export function listCoverageControlsSupportedBy(evidenceId: string): Statement<{ control: CoverageControlRow }> {
  return {
    name: 'listCoverageControlsSupportedBy',
    cypher: `MATCH (:Entity {id: $evidenceId})-[:SUPPORTS]->(c:Control)
             MATCH (c)-[i:IMPLEMENTS]->(r:Requirement)
             WITH c, collect({ requirementId: r.id, coverage: i.coverage }) AS implements
             RETURN ${CONTROL_FACT} AS control
             ORDER BY c.id`,
    params: { evidenceId },
  };
}

/** The whole crosswalk (stored mappings: sets, ends and relationships), for composing chains. */
export function listAllMappings(): Statement<{ mapping: MappingEndsRow }> {
  return {
    name: 'listAllMappings',
    cypher: `MATCH (a:Requirement)-[m:MAPS_TO]->(b:Requirement)
             RETURN m { .id, .set, .relationship, sourceId: a.id, targetId: b.id } AS mapping
             ORDER BY m.id`,
    params: {},
  };
}

export function listApplicabilityOf(frameworkId: string): Statement<{ entry: ApplicabilityRow }> {
  return {
    name: 'listApplicabilityOf',
    cypher: `MATCH (a:Applicability)-[:FOR_REQUIREMENT]->(r:Requirement {frameworkId: $frameworkId})
             RETURN { id: a.id, requirementId: r.id, applicable: a.applicable, justification: a.justification,
                      systems: [(a)-[:LIMITED_TO]->(s:AISystem) | s.id] } AS entry`,
    params: { frameworkId },
  };
}

/** The risks the controls mitigate, each with its score, what it is raised on and every control that mitigates it. */
export function listRiskFactsOf(controlIds: readonly string[]): Statement<{ risk: RiskFactRow }> {
  return {
    name: 'listRiskFactsOf',
    cypher: `UNWIND $controlIds AS id
             MATCH (:Control {id: id})-[:MITIGATES]->(k:Risk)
             WITH DISTINCT k
             RETURN k { .id, score: toInteger(k.likelihood * k.impact),
                        subjects: [(k)-[:RAISED_ON]->(x) | x.id],
                        controls: [(c:Control)-[:MITIGATES]->(k) | c.id] } AS risk`,
    params: { controlIds },
  };
}

/**
 * For each day and requirement, the implementing controls counted as listDirectFacts
 * counts them, leaving out the controls named in `excluded` (those coverage over time
 * rebuilds from the change log). One statement for every day asked.
 */
export function listDirectFactsOn(
  requirementIds: readonly string[],
  systems: readonly string[] | null,
  days: readonly string[],
  excluded: readonly string[],
): Statement<DirectFactRow & { day: string }> {
  return {
    name: 'listDirectFactsOn',
    cypher: `UNWIND $requirementIds AS id
             MATCH (c:Control)-[i:IMPLEMENTS]->(r:Requirement {id: id})
             WHERE NOT c.id IN $excluded
             WITH r, c, i, ${CONTRIBUTING} AND ${CONTROL_IN_SCOPE} AS counts
             UNWIND $days AS day
             WITH day, r, i, counts,
                  counts AND i.coverage = 'FULL' AND EXISTS {
                    MATCH (e:Evidence)-[:SUPPORTS]->(c)
                    WHERE ${EVIDENCE_VALID('date(day)')}
                  } AS full
             RETURN day, r.id AS requirementId,
                    sum(CASE WHEN counts THEN 1 ELSE 0 END) AS contributing,
                    sum(CASE WHEN full THEN 1 ELSE 0 END) AS full,
                    sum(CASE WHEN NOT counts OR (i.coverage = 'FULL' AND NOT full) THEN 1 ELSE 0 END) AS rejected`,
    params: { requirementIds, systems, days, excluded },
  };
}

/** The controls the evidence items support now. */
export function listControlsSupportedBy(evidenceIds: readonly string[]): Statement<{ id: string }> {
  return {
    name: 'listControlsSupportedBy',
    cypher: `UNWIND $evidenceIds AS id
             MATCH (:Entity {id: id})-[:SUPPORTS]->(c:Control)
             RETURN DISTINCT c.id AS id`,
    params: { evidenceIds },
  };
}

/**
 * The coverage-relevant records of some controls and evidence items, as stored now: the
 * controls, every evidence item supporting them, the evidence named, and the links of
 * each that coverage reads (IMPLEMENTS, APPLIES_TO, SUPPORTS, SCOPED_TO).
 */
export function listCoverageStateOf(
  controlIds: readonly string[],
  evidenceIds: readonly string[],
): Statement<{
  record: CoverageRecordRow;
  links: { kind: string; from: string; to: string; property: string | null }[];
}> {
  return {
    name: 'listCoverageStateOf',
    cypher: `CALL {
               UNWIND $controlIds AS id MATCH (n:Entity:Control {id: id}) RETURN n
               UNION
               UNWIND $controlIds AS id MATCH (:Entity:Control {id: id})<-[:SUPPORTS]-(n:Evidence) RETURN n
               UNION
               UNWIND $evidenceIds AS id MATCH (n:Entity:Evidence {id: id}) RETURN n
             }
             RETURN { id: n.id, type: CASE WHEN n:Control THEN 'Control' ELSE 'Evidence' END, status: n.status,
                      effectiveFrom: toString(n.effectiveFrom), validUntil: toString(n.validUntil),
                      applicable: null, justification: null } AS record,
                    [(n)-[r:IMPLEMENTS|APPLIES_TO|SUPPORTS|SCOPED_TO]->(b) |
                      { kind: type(r), from: n.id, to: b.id, property: r.coverage }] AS links`,
    params: { controlIds, evidenceIds },
  };
}

/** The frameworks' applicability entries as stored, with their FOR_REQUIREMENT and LIMITED_TO links. */
export function listApplicabilityStateOf(frameworkIds: readonly string[]): Statement<{
  record: CoverageRecordRow;
  links: { kind: string; from: string; to: string; property: string | null }[];
}> {
  return {
    name: 'listApplicabilityStateOf',
    cypher: `UNWIND $frameworkIds AS frameworkId
             MATCH (n:Applicability)-[:FOR_REQUIREMENT]->(:Requirement {frameworkId: frameworkId})
             RETURN { id: n.id, type: 'Applicability', status: null, effectiveFrom: null, validUntil: null,
                      applicable: n.applicable, justification: n.justification } AS record,
                    [(n)-[r:FOR_REQUIREMENT|LIMITED_TO]->(b) | { kind: type(r), from: n.id, to: b.id, property: null }] AS links`,
    params: { frameworkIds },
  };
}
