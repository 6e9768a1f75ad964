/**
 * The facts the coverage rule needs, for a whole framework in four statements however
 * many requirements it has: its auditable requirements, the organisation's implementing
 * controls with their evidence, the crosswalk, and the applicability records.
 */
import type { Statement } from '../executor.js';
import type {
  CoverageRequirementRow,
  CoverageControlRow,
  ApplicabilityRow,
  RiskFactRow,
  CoverageRecordRow,
  MappingRow,
} from '../rows.js';
import { MAPPING_FIELDS } from './crosswalk.js';

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

/** Every control that implements a requirement, with the systems it applies to and its evidence. */
export function listCoverageControls(): Statement<{ control: CoverageControlRow }> {
  return {
    name: 'listCoverageControls',
    cypher: `MATCH (c:Control)-[i:IMPLEMENTS]->(r:Requirement)
             WITH c, collect({ requirementId: r.id, coverage: i.coverage }) AS implements
             RETURN c { .id, .status, implements: implements,
                        systems: [(c)-[:APPLIES_TO]->(s:AISystem) | s.id],
                        evidence: [(e:Evidence)-[:SUPPORTS]->(c) | e { .id,
                          effectiveFrom: CASE WHEN e.effectiveFrom IS NULL THEN null ELSE toString(e.effectiveFrom) END,
                          validUntil: CASE WHEN e.validUntil IS NULL THEN null ELSE toString(e.validUntil) END,
                          scopedTo: [(e)-[:SCOPED_TO]->(x) | x.id] }] } AS control
             ORDER BY c.id`,
    params: {},
  };
}

/** The whole crosswalk (stored mappings), for composing chains. */
export function listAllMappings(): Statement<{ mapping: MappingRow }> {
  return {
    name: 'listAllMappings',
    cypher: `MATCH (a:Requirement)-[m:MAPS_TO]->(b:Requirement)
             RETURN ${MAPPING_FIELDS} AS mapping`,
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

/** Every risk a control mitigates, with its score and what it is raised on. */
export function listRiskFacts(): Statement<{ risk: RiskFactRow }> {
  return {
    name: 'listRiskFacts',
    cypher: `MATCH (k:Risk)<-[:MITIGATES]-(:Control)
             WITH DISTINCT k
             RETURN k { .id, score: toInteger(k.likelihood * k.impact),
                        subjects: [(k)-[:RAISED_ON]->(x) | x.id],
                        controls: [(c:Control)-[:MITIGATES]->(k) | c.id] } AS risk`,
    params: {},
  };
}

/** Every control, evidence item and applicability entry, with the fields coverage reads (for coverage over time). */
export function listCoverageRecords(): Statement<{ record: CoverageRecordRow }> {
  return {
    name: 'listCoverageRecords',
    cypher: `MATCH (n:Entity) WHERE n:Control OR n:Evidence OR n:Applicability
             RETURN { id: n.id, type: CASE WHEN n:Control THEN 'Control' WHEN n:Evidence THEN 'Evidence' ELSE 'Applicability' END,
                      status: n.status, effectiveFrom: toString(n.effectiveFrom), validUntil: toString(n.validUntil),
                      applicable: n.applicable, justification: n.justification } AS record`,
    params: {},
  };
}

/** Every link coverage reads, as stored. */
export function listCoverageLinks(): Statement<{
  link: { kind: string; from: string; to: string; property: string | null };
}> {
  return {
    name: 'listCoverageLinks',
    cypher: `MATCH (a:Entity)-[r:IMPLEMENTS|APPLIES_TO|SUPPORTS|SCOPED_TO|FOR_REQUIREMENT|LIMITED_TO]->(b)
             RETURN { kind: type(r), from: a.id, to: b.id, property: r.coverage } AS link`,
    params: {},
  };
}
