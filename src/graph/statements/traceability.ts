/**
 * Traceability statements: from a system or dataset down to requirements, and from any
 * record or requirement up to what depends on it. Each answers in one statement.
 */
import type { Statement } from '../executor.js';
import type { TraceRow, ImpactRow } from '../rows.js';

/** Every requirement a system or dataset touches through risks and controls, or obligations, with each path. */
export function traceFrom(id: string, framework: string | null): Statement<TraceRow> {
  return {
    name: 'traceFrom',
    cypher: `MATCH (start:Entity {id: $id})
             CALL {
               WITH start
               MATCH (start)<-[:RAISED_ON]-(risk:Risk)<-[:MITIGATES]-(c:Control)-[i:IMPLEMENTS]->(r:Requirement)
               RETURN r, [risk.id, c.id] AS via, c.id AS controlId, i.coverage AS coverage, 'RISK' AS route
               UNION ALL
               WITH start
               MATCH (start)<-[:APPLIES_TO]-(c:Control)-[i:IMPLEMENTS]->(r:Requirement)
               RETURN r, [c.id] AS via, c.id AS controlId, i.coverage AS coverage, 'CONTROL' AS route
               UNION ALL
               WITH start
               MATCH (start)<-[:BINDS]-(o:Obligation)-[:DERIVED_FROM]->(r:Requirement)
               RETURN r, [o.id] AS via, null AS controlId, null AS coverage, 'OBLIGATION' AS route
             }
             WITH r, via, controlId, coverage, route
             WHERE $framework IS NULL OR r.frameworkId = $framework
             WITH r, collect(DISTINCT { route: route, via: via, controlId: controlId, coverage: coverage }) AS paths
             RETURN r.id AS requirementId, paths
             ORDER BY r.frameworkId, r.position`,
    params: { id, framework },
  };
}

/**
 * The evidence supporting each control or requirement that speaks for the given record:
 * unscoped evidence, or evidence scoped to it.
 */
export function listEvidenceFor(
  scopeId: string | null,
  controlIds: readonly string[],
  requirementIds: readonly string[],
): Statement<{ targetId: string; evidence: string[] }> {
  return {
    name: 'listEvidenceFor',
    cypher: `CALL {
               UNWIND $controlIds AS targetId
               MATCH (e:Evidence)-[:SUPPORTS]->(:Control {id: targetId})
               RETURN targetId, e
               UNION ALL
               UNWIND $requirementIds AS targetId
               MATCH (e:Evidence)-[:SUPPORTS]->(:Requirement {id: targetId})
               RETURN targetId, e
             }
             WITH targetId, e
             WHERE $scopeId IS NULL OR NOT EXISTS { (e)-[:SCOPED_TO]->() } OR EXISTS { (e)-[:SCOPED_TO]->(:Entity {id: $scopeId}) }
             RETURN targetId, collect(DISTINCT e.id) AS evidence`,
    params: { scopeId, controlIds, requirementIds },
  };
}

const COLLECT_REST = `
  WITH n, systems, models, risks, controls, evidence, requirements
  CALL { WITH systems
    OPTIONAL MATCH (o:Obligation)
    WHERE EXISTS { (o)-[:BINDS]->(s:AISystem) WHERE s.id IN systems } OR EXISTS { (o)-[:DERIVED_FROM]->(:Requirement {id: $id}) }
    RETURN collect(DISTINCT o.id) AS obligations }
  RETURN systems, models, risks, controls, obligations, evidence, requirements`;

/**
 * What depends on a record or requirement (see README, "Traceability"): the systems it
 * feeds or reaches, the risks raised on it or them, the controls that treat those risks
 * or implement the requirement, the obligations binding those systems (or derived from
 * the requirement asked about), the evidence involved, and the requirements affected.
 */
export function impactOf(id: string, kind: string): Statement<ImpactRow> {
  const bodies: Record<string, string> = {
    Dataset: `
      MATCH (n:Dataset {id: $id})
      OPTIONAL MATCH (n)<-[:TRAINED_ON]-(m:Model)
      WITH n, collect(DISTINCT m) AS modelNodes
      OPTIONAL MATCH (s:AISystem) WHERE (s)-[:USES_DATASET]->(n) OR any(m IN modelNodes WHERE (s)-[:USES_MODEL]->(m))
      WITH n, [m IN modelNodes | m.id] AS models, collect(DISTINCT s.id) AS systems
      OPTIONAL MATCH (rk:Risk) WHERE (rk)-[:RAISED_ON]->(n) OR EXISTS { (rk)-[:RAISED_ON]->(s:AISystem) WHERE s.id IN systems }
      WITH n, models, systems, collect(DISTINCT rk.id) AS risks
      OPTIONAL MATCH (c:Control)-[:MITIGATES]->(rk:Risk) WHERE rk.id IN risks
      WITH n, models, systems, risks, collect(DISTINCT c.id) AS controls
      OPTIONAL MATCH (c:Control)-[:IMPLEMENTS]->(r:Requirement) WHERE c.id IN controls
      WITH n, models, systems, risks, controls, collect(DISTINCT r.id) AS requirements
      OPTIONAL MATCH (e:Evidence)-[:SCOPED_TO]->(n)
      WITH n, systems, models, risks, controls, requirements, collect(DISTINCT e.id) AS evidence`,
    Model: `
      MATCH (n:Model {id: $id})
      OPTIONAL MATCH (s:AISystem)-[:USES_MODEL]->(n)
      WITH n, collect(DISTINCT s.id) AS systems, [] AS models
      OPTIONAL MATCH (rk:Risk)-[:RAISED_ON]->(s:AISystem) WHERE s.id IN systems
      WITH n, models, systems, collect(DISTINCT rk.id) AS risks
      OPTIONAL MATCH (c:Control)-[:MITIGATES]->(rk:Risk) WHERE rk.id IN risks
      WITH n, models, systems, risks, collect(DISTINCT c.id) AS controls
      OPTIONAL MATCH (c:Control)-[:IMPLEMENTS]->(r:Requirement) WHERE c.id IN controls
      WITH n, systems, models, risks, controls, collect(DISTINCT r.id) AS requirements, [] AS evidence`,
    Control: `
      MATCH (n:Control {id: $id})
      OPTIONAL MATCH (n)-[:MITIGATES]->(rk:Risk)
      WITH n, collect(DISTINCT rk) AS riskNodes
      OPTIONAL MATCH (s:AISystem) WHERE (n)-[:APPLIES_TO]->(s) OR any(rk IN riskNodes WHERE (rk)-[:RAISED_ON]->(s))
      WITH n, [rk IN riskNodes | rk.id] AS risks, collect(DISTINCT s.id) AS systems, [] AS models, [n.id] AS controls
      OPTIONAL MATCH (n)-[:IMPLEMENTS]->(r:Requirement)
      WITH n, models, systems, risks, controls, collect(DISTINCT r.id) AS requirements
      OPTIONAL MATCH (e:Evidence)-[:SUPPORTS]->(n)
      WITH n, systems, models, risks, controls, requirements, collect(DISTINCT e.id) AS evidence`,
    Evidence: `
      MATCH (n:Evidence {id: $id})
      OPTIONAL MATCH (n)-[:SUPPORTS]->(c:Control)
      WITH n, collect(DISTINCT c) AS controlNodes
      OPTIONAL MATCH (rk:Risk) WHERE any(c IN controlNodes WHERE (c)-[:MITIGATES]->(rk))
      WITH n, controlNodes, collect(DISTINCT rk) AS riskNodes
      OPTIONAL MATCH (s:AISystem) WHERE (n)-[:SCOPED_TO]->(s) OR any(c IN controlNodes WHERE (c)-[:APPLIES_TO]->(s))
        OR any(rk IN riskNodes WHERE (rk)-[:RAISED_ON]->(s))
      WITH n, controlNodes, [rk IN riskNodes | rk.id] AS risks, collect(DISTINCT s.id) AS systems, [] AS models
      OPTIONAL MATCH (r:Requirement) WHERE (n)-[:SUPPORTS]->(r) OR any(c IN controlNodes WHERE (c)-[:IMPLEMENTS]->(r))
      WITH n, systems, models, risks, [c IN controlNodes | c.id] AS controls, collect(DISTINCT r.id) AS requirements, [n.id] AS evidence`,
    Requirement: `
      MATCH (n:Requirement {id: $id})
      OPTIONAL MATCH (c:Control)-[:IMPLEMENTS]->(n)
      WITH n, collect(DISTINCT c) AS controlNodes
      OPTIONAL MATCH (rk:Risk) WHERE any(c IN controlNodes WHERE (c)-[:MITIGATES]->(rk))
      WITH n, controlNodes, collect(DISTINCT rk) AS riskNodes
      OPTIONAL MATCH (s:AISystem) WHERE any(c IN controlNodes WHERE (c)-[:APPLIES_TO]->(s))
        OR any(rk IN riskNodes WHERE (rk)-[:RAISED_ON]->(s))
        OR EXISTS { (s)<-[:BINDS]-(:Obligation)-[:DERIVED_FROM]->(n) }
      WITH n, controlNodes, [rk IN riskNodes | rk.id] AS risks, collect(DISTINCT s.id) AS systems, [] AS models
      OPTIONAL MATCH (e:Evidence) WHERE (e)-[:SUPPORTS]->(n) OR any(c IN controlNodes WHERE (e)-[:SUPPORTS]->(c))
      WITH n, systems, models, risks, [c IN controlNodes | c.id] AS controls, [n.id] AS requirements, collect(DISTINCT e.id) AS evidence`,
  };
  // Own keys only: `toString` or `__proto__` must not find Object.prototype's.
  const body = Object.hasOwn(bodies, kind) ? bodies[kind] : undefined;
  if (body === undefined) throw new RangeError(`impact is not defined for ${kind}`);
  return { name: `impactOf${kind}`, cypher: body + COLLECT_REST, params: { id } };
}
