/**
 * The coverage rule (DOMAIN.md section 3) written by hand in Cypher, for the questions
 * analysts wait on: the statements compute in the database exactly the small answer the
 * question asks for (five counts, or one requirement's explanation), and return only
 * that. The composition table is DOMAIN.md section 1's, written out again here rather
 * than taken from src/crosswalk/, so that the comparison checks the service against the
 * design. Chains are those of the default maxHops, 2.
 */
import type { CoverageCounts } from '../src/coverage/explain.js';
import type { Run } from './operations.js';

type SetRelationship = 'EQUAL' | 'SUBSET_OF' | 'SUPERSET_OF' | 'INTERSECTS_WITH';

/** rel(A,C) from rel(A,B) (row) and rel(B,C) (column); null: nothing can be inferred. */
const COMPOSITION: Record<SetRelationship, Record<SetRelationship, SetRelationship | null>> = {
  EQUAL: { EQUAL: 'EQUAL', SUBSET_OF: 'SUBSET_OF', SUPERSET_OF: 'SUPERSET_OF', INTERSECTS_WITH: 'INTERSECTS_WITH' },
  SUBSET_OF: { EQUAL: 'SUBSET_OF', SUBSET_OF: 'SUBSET_OF', SUPERSET_OF: null, INTERSECTS_WITH: null },
  SUPERSET_OF: {
    EQUAL: 'SUPERSET_OF',
    SUBSET_OF: 'INTERSECTS_WITH',
    SUPERSET_OF: 'SUPERSET_OF',
    INTERSECTS_WITH: 'INTERSECTS_WITH',
  },
  INTERSECTS_WITH: { EQUAL: 'INTERSECTS_WITH', SUBSET_OF: 'INTERSECTS_WITH', SUPERSET_OF: null, INTERSECTS_WITH: null },
};

/** rel(B,A) from rel(A,B): a mapping read against its stored direction. */
const INVERSE = {
  EQUAL: 'EQUAL',
  SUBSET_OF: 'SUPERSET_OF',
  SUPERSET_OF: 'SUBSET_OF',
  INTERSECTS_WITH: 'INTERSECTS_WITH',
  NO_RELATIONSHIP: 'NO_RELATIONSHIP',
};

/** The parameters every statement here takes. $systems null: the whole organisation. */
const rule = (systems: readonly string[] | null) => ({
  systems: systems === null ? null : [...systems],
  composition: COMPOSITION,
  inverse: INVERSE,
});

/** The target requirements: the framework's current auditable ones. */
const TARGET = (r: string) => `${r}.frameworkId = $framework AND ${r}.current AND ${r}.auditable`;

/** Control `c` is in scope: it applies to no AI system, or to one in $systems; any, for the whole organisation. */
const CONTROL_IN_SCOPE = `($systems IS NULL OR NOT EXISTS { (c)-[:APPLIES_TO]->(:AISystem) }
  OR EXISTS { (c)-[:APPLIES_TO]->(x:AISystem) WHERE x.id IN $systems })`;

/** Why evidence `e` does not count on `day` in the scope, or null when it does. */
const EVIDENCE_VERDICT = `CASE
  WHEN e.effectiveFrom > day THEN 'NOT_YET_EFFECTIVE'
  WHEN e.validUntil < day THEN 'EXPIRED'
  WHEN $systems IS NOT NULL AND EXISTS { (e)-[:SCOPED_TO]->() }
    AND NOT EXISTS { (e)-[:SCOPED_TO]->(x) WHERE x.id IN $systems } THEN 'OUT_OF_SCOPE'
  END`;

/** direct(s) on `day`: 'FULL', 'PART', or null for none. */
const directLevel = (s: string) => `CASE
  WHEN EXISTS { MATCH (c:Control)-[:IMPLEMENTS {coverage: 'FULL'}]->(${s})
                WHERE c.status IN ['IMPLEMENTED', 'OPERATING'] AND ${CONTROL_IN_SCOPE}
                  AND EXISTS { MATCH (e:Evidence)-[:SUPPORTS]->(c) WHERE ${EVIDENCE_VERDICT} IS NULL } } THEN 'FULL'
  WHEN EXISTS { MATCH (c:Control)-[:IMPLEMENTS]->(${s})
                WHERE c.status IN ['IMPLEMENTED', 'OPERATING'] AND ${CONTROL_IN_SCOPE} } THEN 'PART'
  END`;

/** Path p of mappings from s to r is simple: s, the requirement between and r all differ. */
const SIMPLE = `r <> s AND all(n IN nodes(p)[1..-1] WHERE n <> s AND n <> r)`;

/** Each mapping's relationship along path p, read in the direction of the path. */
const RELATIONSHIPS = `[k IN range(0, length(p) - 1) | CASE WHEN startNode(relationships(p)[k]) = nodes(p)[k]
  THEN relationships(p)[k].relationship ELSE $inverse[relationships(p)[k].relationship] END]`;

/** rel(s, r) composed along rels (one or two), or null: NO_RELATIONSHIP, or a composition the table leaves open. */
const COMPOSED = `CASE size(rels) WHEN 1 THEN $composition.EQUAL[rels[0]] ELSE $composition[rels[0]][rels[1]] END`;

/** What a direct level carries across a relationship. */
const CARRIED = `CASE WHEN level = 'FULL' AND relationship IN ['EQUAL', 'SUPERSET_OF'] THEN 'FULL' ELSE 'PART' END`;

/** Applicability entry `a` excludes the requirement for the scope: whole-organisation, or limited to all of $systems. */
const EXCLUDES = `NOT coalesce(a.applicable, false) AND trim(coalesce(a.justification, '')) <> ''
  AND (NOT EXISTS { (a)-[:LIMITED_TO]->(:AISystem) }
       OR (size(coalesce($systems, [])) > 0 AND all(id IN $systems WHERE EXISTS { (a)-[:LIMITED_TO]->(:AISystem {id: id}) })))`;

/**
 * The summary on each of $days, in one statement: direct levels only for the targets and
 * the requirements within two mappings of one (no other can reach a target), then what
 * each carries to each target, then a status per target, counted.
 */
const SUMMARY = `
UNWIND $days AS d
WITH date(d) AS day
CALL (day) {
  MATCH (t:Requirement) WHERE ${TARGET('t')}
  MATCH (t)-[:MAPS_TO]-{0,2}(s:Requirement)
  WITH DISTINCT day, s
  WITH s, ${directLevel('s')} AS level
  WHERE level IS NOT NULL
  CALL (s, level) {
      WITH s, level WHERE ${TARGET('s')}
      RETURN s AS r, level AS direct, null AS carried
    UNION ALL
      MATCH p = (s)-[:MAPS_TO]-{1,2}(r:Requirement)
      WHERE ${TARGET('r')} AND ${SIMPLE}
      WITH r, level, ${RELATIONSHIPS} AS rels
      WITH r, level, ${COMPOSED} AS relationship
      WHERE relationship IS NOT NULL
      RETURN r, null AS direct, ${CARRIED} AS carried
  }
  WITH r, collect(direct) AS direct, collect(carried) AS carried
  RETURN collect({ r: r, direct: direct, carried: carried }) AS reached
}
MATCH (r:Requirement) WHERE ${TARGET('r')}
WITH day, r, [x IN reached WHERE x.r = r][0] AS x
WITH day, CASE
  WHEN EXISTS { MATCH (a:Applicability)-[:FOR_REQUIREMENT]->(r) WHERE ${EXCLUDES} } THEN 'notApplicable'
  WHEN x IS NULL THEN 'gap'
  WHEN 'FULL' IN x.direct THEN 'covered'
  WHEN 'FULL' IN x.carried THEN 'coveredViaCrosswalk'
  WHEN size(x.direct) + size(x.carried) > 0 THEN 'partial'
  ELSE 'gap' END AS status
RETURN toString(day) AS day, status, count(*) AS n`;

const NO_COUNTS = { total: 0, notApplicable: 0, covered: 0, coveredViaCrosswalk: 0, partial: 0, gap: 0 };

/** The framework's coverage summary for the scope on each day (YYYY-MM-DD), keyed by day. */
export async function summaries(
  run: Run,
  framework: string,
  systems: readonly string[] | null,
  days: readonly string[],
): Promise<Map<string, CoverageCounts>> {
  const rows = await run<{ day: string; status: Exclude<keyof CoverageCounts, 'total'>; n: number }>(SUMMARY, {
    ...rule(systems),
    framework,
    days: [...days],
  });
  const out = new Map<string, CoverageCounts>(days.map((d) => [d, { ...NO_COUNTS }]));
  for (const row of rows) {
    const counts = out.get(row.day) as Record<keyof CoverageCounts, number>;
    counts[row.status] += row.n;
    counts.total += row.n;
  }
  return out;
}

/** A control implementing the requirement, with why it does not count and, when it does, its evidence judged. */
export interface ControlRow {
  readonly control: string;
  readonly coverage: 'FULL' | 'PARTIAL';
  readonly rejection: 'CONTROL_NOT_CONTRIBUTING' | 'CONTROL_OUT_OF_SCOPE' | null;
  readonly evidence: readonly {
    readonly id: string;
    readonly verdict: 'NOT_YET_EFFECTIVE' | 'EXPIRED' | 'OUT_OF_SCOPE' | null;
  }[];
}

/** A chain reaching the requirement from one with a direct contribution: what it carries, or why it carries nothing. */
export interface ChainRow {
  readonly from: string;
  readonly fromLevel: 'FULL' | 'PART';
  /** Composed along the chain; null when it proves nothing. */
  readonly relationship: SetRelationship | null;
  /** The relationship of the chain's last mapping, as read. */
  readonly last: string;
}

export interface ExplainedRow {
  readonly id: string;
  readonly ref: string;
  readonly controls: readonly ControlRow[];
  readonly chains: readonly ChainRow[];
  /** An applicability entry that excludes it for the scope, or null. */
  readonly exclusion: { readonly id: string; readonly justification: string } | null;
}

/**
 * The facts one requirement's explanation shows, for each target requirement (or those
 * `refs` names), in document order: its controls with their evidence judged, the chains
 * from requirements met directly (those whose composition proves nothing included, as
 * far as they were followed), and an exclusion. No other record is read.
 */
const EXPLAINED = `
WITH date($day) AS day
MATCH (r:Requirement) WHERE ${TARGET('r')} AND ($refs IS NULL OR r.ref IN $refs)
RETURN r.id AS id, r.ref AS ref,
  COLLECT {
    MATCH (c:Control)-[i:IMPLEMENTS]->(r)
    WITH day, c, i, CASE
      WHEN NOT coalesce(c.status, '') IN ['IMPLEMENTED', 'OPERATING'] THEN 'CONTROL_NOT_CONTRIBUTING'
      WHEN NOT ${CONTROL_IN_SCOPE} THEN 'CONTROL_OUT_OF_SCOPE'
      END AS rejection
    RETURN { control: c.id, coverage: i.coverage, rejection: rejection,
             evidence: CASE WHEN rejection IS NULL
               THEN COLLECT { MATCH (e:Evidence)-[:SUPPORTS]->(c) RETURN { id: e.id, verdict: ${EVIDENCE_VERDICT} } }
               ELSE [] END }
  } AS controls,
  COLLECT {
    MATCH p = (s:Requirement)-[:MAPS_TO]-{1,2}(r)
    WHERE ${SIMPLE}
    WITH day, s, ${RELATIONSHIPS} AS rels
    WITH day, s, rels, ${COMPOSED} AS relationship
    // A chain is followed only while its composition proves something.
    WHERE relationship IS NOT NULL OR size(rels) = 1 OR $composition.EQUAL[rels[0]] IS NOT NULL
    WITH s, rels, relationship, ${directLevel('s')} AS fromLevel
    WHERE fromLevel IS NOT NULL
    RETURN { from: s.id, fromLevel: fromLevel, relationship: relationship, last: rels[-1] }
  } AS chains,
  COLLECT { MATCH (a:Applicability)-[:FOR_REQUIREMENT]->(r) WHERE ${EXCLUDES} RETURN a { .id, .justification } }[0] AS exclusion
ORDER BY r.position`;

/** The explanation facts of the framework's requirements (those `refs` names, or all) for the scope on `day`. */
export function explained(
  run: Run,
  framework: string,
  refs: readonly string[] | null,
  systems: readonly string[] | null,
  day: string,
): Promise<ExplainedRow[]> {
  return run<ExplainedRow>(EXPLAINED, {
    ...rule(systems),
    framework,
    refs: refs === null ? null : [...refs],
    day,
  });
}
