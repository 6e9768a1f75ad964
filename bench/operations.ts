/**
 * The read benchmarks' six operations. Each has the GraphQL document an analyst sends
 * (the saved operation in queries/ where there is one), and a hand-written version that
 * computes the same answer through the driver alone: the fewest statements that return
 * exactly the fields the document asks for, shaped into the same JSON. Coverage and
 * evidence reuse apply the same pure rule (src/coverage/) in both: the rule is the
 * service's, not its GraphQL layer's. `fingerprint` reduces either answer to what must
 * agree, so every run checks that both sides computed the same result.
 */
import { readFileSync } from 'node:fs';
import neo4j, { type Driver } from 'neo4j-driver';
import { assessCoverage } from '../src/coverage/rule.js';
import { evidenceUses } from '../src/coverage/reuse.js';
import { toPlain } from '../src/graph/records.js';
import {
  listAllMappings,
  listApplicabilityOf,
  listCoverageControls,
  listCoverageRequirements,
} from '../src/graph/statements/coverage.js';
import { impactOf, listEvidenceFor, traceFrom } from '../src/graph/statements/traceability.js';
import type { Statement } from '../src/graph/executor.js';
import { countStatuses, reasonFor } from '../src/coverage/explain.js';
import { readFrom } from '../src/services/crosswalk.js';

export const AS_OF = '2026-11-27T12:00:00Z';
const AS_OF_DATE = AS_OF.slice(0, 10);
export const NESTED_FIRST = 10;
export const PAGE_SIZE = 100;

/** The records the operations start from, chosen in the store by a fixed rule (the busiest of each kind). */
export interface Subjects {
  system: string;
  dataset: string;
  evidence: string;
}

export interface Operation {
  readonly name: string;
  readonly question: string;
  readonly document: string;
  variables(subjects: Subjects): Record<string, unknown>;
  /** The same answer, through the driver alone. */
  handWritten(run: Run, subjects: Subjects): Promise<unknown>;
  /** What both answers must agree on. */
  fingerprint(data: unknown): unknown;
}

export type Run = <T = Record<string, unknown>>(cypher: string, params?: Record<string, unknown>) => Promise<T[]>;

/** Runs one read statement as a managed transaction, the way the service's executor does. */
export function runner(driver: Driver, database: string): Run {
  return async <T>(cypher: string, params: Record<string, unknown> = {}) => {
    const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run(cypher, params));
      return result.records.map((r) => toPlain(r.toObject()) as T);
    } finally {
      await session.close();
    }
  };
}

const statement = <T>(run: Run, s: Statement<T>): Promise<T[]> => run<T>(s.cypher, s.params as Record<string, unknown>);
const saved = (file: string): string => readFileSync(new URL(`../queries/${file}`, import.meta.url), 'utf8');

/** Picks the subjects: the system with the most risks, the dataset with the most users, the evidence supporting the most controls. */
export async function pickSubjects(run: Run): Promise<Subjects> {
  const [row] = await run<Subjects>(`
    CALL { MATCH (s:AISystem) RETURN s.id AS system ORDER BY COUNT { (s)<-[:RAISED_ON]-(:Risk) } DESC, s.id LIMIT 1 }
    CALL { MATCH (d:Dataset) RETURN d.id AS dataset ORDER BY COUNT { (d)<-[:USES_DATASET|TRAINED_ON]-() } DESC, d.id LIMIT 1 }
    CALL { MATCH (e:Evidence) RETURN e.id AS evidence ORDER BY COUNT { (e)-[:SUPPORTS]->(:Control) } DESC, e.id LIMIT 1 }
    RETURN system, dataset, evidence`);
  if (!row) throw new Error('the store has no AI systems, datasets or evidence to benchmark');
  return row;
}

/** Titles and names by id, in one statement: what the service's loaders fetch in batches. */
async function names(run: Run, ids: readonly string[], fields: string): Promise<Map<string, Record<string, unknown>>> {
  const rows = await run<{ id: string; v: Record<string, unknown> }>(
    `UNWIND $ids AS id MATCH (n) WHERE (n:Entity OR n:Requirement OR n:Framework OR n:CrosswalkSet) AND n.id = id RETURN id, n { ${fields} } AS v`,
    { ids: [...new Set(ids)] },
  );
  return new Map(rows.map((r) => [r.id, r.v]));
}

const sortedIds = (xs: readonly { id?: unknown }[] | undefined): string[] => (xs ?? []).map((x) => String(x.id)).sort();

const coverage: Operation = {
  name: 'coverage',
  question: 'coverage of ISO/IEC 42001 (queries/iso42001-coverage.graphql)',
  document: saved('iso42001-coverage.graphql'),
  variables: () => ({ coverageDate: AS_OF }),
  async handWritten(run) {
    const [requirements, controls, mappings, applicability] = await Promise.all([
      statement(run, listCoverageRequirements('iso42001')),
      statement(run, listCoverageControls()),
      statement(run, listAllMappings()),
      statement(run, listApplicabilityOf('iso42001')),
    ]);
    const results = assessCoverage(
      {
        requirements,
        controls: controls.map((r) => r.control),
        mappings: mappings.map(({ mapping: m }) => ({
          id: m.id,
          source: m.sourceId,
          target: m.targetId,
          relationship: m.relationship,
        })),
        applicability: applicability.map((r) => r.entry),
      },
      { systems: null, asOf: AS_OF_DATE, maxHops: 2 },
    );
    const sectionOf = new Map(requirements.map((r) => [r.id, r.sectionId]));
    const ids = results.flatMap((r) => [
      r.requirementId,
      sectionOf.get(r.requirementId)!,
      ...r.contributions.flatMap((c) => [
        c.controlId,
        ...c.validEvidence,
        ...c.invalidEvidence.map((e) => e.evidenceId),
      ]),
    ]);
    const named = await names(run, ids, '.ref, .title, .name, .status, .validUntil');
    const sections = [...new Set(results.map((r) => sectionOf.get(r.requirementId)!))];
    return {
      coverage: {
        asOf: AS_OF,
        summary: countStatuses(results.map((r) => r.status)),
        sections: sections.map((id) => ({
          section: named.get(id),
          summary: countStatuses(results.filter((r) => sectionOf.get(r.requirementId) === id).map((r) => r.status)),
        })),
        requirements: results.map((r) => ({
          requirement: named.get(r.requirementId),
          status: r.status,
          reason: reasonFor(r),
          contributions: r.contributions.map((c) => ({
            control: named.get(c.controlId),
            level: c.level,
            validEvidence: c.validEvidence.map((id) => named.get(id)),
            invalidEvidence: c.invalidEvidence.map((e) => ({ evidence: named.get(e.evidenceId), reason: e.reason })),
          })),
          crosswalk: r.crosswalk.map((c) => ({ from: { id: c.from }, relationship: c.relationship, level: c.level })),
        })),
      },
    };
  },
  fingerprint: (data) => {
    const c = (data as { coverage: { summary: unknown; requirements: { status: string; contributions: unknown[] }[] } })
      .coverage;
    return { summary: c.summary, statuses: c.requirements.map((r) => `${r.status}/${r.contributions.length}`) };
  },
};

const trace: Operation = {
  name: 'trace',
  question: 'trace of the busiest AI system to ISO/IEC 42001 (queries/cv-screening-iso42001-trace.graphql)',
  document: saved('cv-screening-iso42001-trace.graphql'),
  variables: (s) => ({ cvSystem: s.system }),
  async handWritten(run, s) {
    const rows = await statement(run, traceFrom(s.system, 'iso42001'));
    const controlIds = [...new Set(rows.flatMap((r) => r.paths.flatMap((p) => (p.controlId ? [p.controlId] : []))))];
    const evidenceRows = await statement(
      run,
      listEvidenceFor(
        s.system,
        controlIds,
        rows.map((r) => r.requirementId),
      ),
    );
    const evidenceOf = new Map(evidenceRows.map((r) => [r.targetId, r.evidence]));
    const evidence = rows.map((row) => {
      const ids = new Set<string>(evidenceOf.get(row.requirementId) ?? []);
      for (const p of row.paths) for (const id of p.controlId ? (evidenceOf.get(p.controlId) ?? []) : []) ids.add(id);
      return [...ids].sort();
    });
    const labelled = await run<{ id: string; v: Record<string, unknown> }>(
      `UNWIND $ids AS id MATCH (n) WHERE (n:Entity OR n:Requirement) AND n.id = id
       RETURN id, n { .ref, .title, .name, .status, .riskClass, .highRiskArea, .effectiveFrom, .validUntil,
                      __typename: [l IN labels(n) WHERE l <> 'Entity'][0] } AS v`,
      {
        ids: [
          ...new Set([
            s.system,
            ...rows.flatMap((r) => [r.requirementId, ...r.paths.flatMap((p) => p.via)]),
            ...evidence.flat(),
          ]),
        ],
      },
    );
    const named = new Map(labelled.map((r) => [r.id, r.v]));
    return {
      trace: {
        from: { id: s.system, ...named.get(s.system) },
        requirements: rows.map((row, i) => ({
          requirement: named.get(row.requirementId),
          paths: row.paths.map((p) => ({
            route: p.route,
            coverage: p.coverage,
            steps: [s.system, ...p.via, row.requirementId].map((id) => named.get(id)),
          })),
          evidence: evidence[i]!.map((id) => named.get(id)),
        })),
      },
    };
  },
  fingerprint: (data) => {
    const t = (data as { trace: { requirements: { paths: unknown[]; evidence: unknown[] }[] } }).trace;
    return t.requirements.map((r) => `${r.paths.length}/${r.evidence.length}`);
  },
};

const impact: Operation = {
  name: 'impact',
  question: 'impact of the most used dataset (queries/applicant-dataset-impact.graphql)',
  document: saved('applicant-dataset-impact.graphql'),
  variables: (s) => ({ dataset: s.dataset }),
  async handWritten(run, s) {
    const [row] = await statement(run, impactOf(s.dataset, 'Dataset'));
    const direct = row?.requirements ?? [];
    // One crosswalk mapping away, read in either direction, as the service does.
    const mapped = await run<{ target: string; via: { source: string; relationship: string }[] }>(
      `UNWIND $direct AS rid
       MATCH (a:Requirement {id: rid})-[m:MAPS_TO]-(b:Requirement)
       WHERE NOT b.id IN $direct
       WITH a, m, b, CASE WHEN startNode(m) = a THEN m.relationship
         ELSE CASE m.relationship WHEN 'SUBSET_OF' THEN 'SUPERSET_OF' WHEN 'SUPERSET_OF' THEN 'SUBSET_OF' ELSE m.relationship END END AS relationship
       WHERE relationship <> 'NO_RELATIONSHIP'
       RETURN b.id AS target, collect({ source: a.id, relationship: relationship }) AS via ORDER BY target`,
      { direct },
    );
    const ids = [
      ...(row?.systems ?? []),
      ...(row?.models ?? []),
      ...(row?.risks ?? []),
      ...(row?.controls ?? []),
      ...(row?.obligations ?? []),
      ...(row?.evidence ?? []),
    ];
    const named = await names(
      run,
      [...ids, ...direct, ...mapped.map((m) => m.target)],
      '.id, .name, .title, .lifecycleStage, .status, .dueDate, .likelihood, .impact',
    );
    const get = (list: readonly string[] | undefined) => (list ?? []).map((id) => named.get(id));
    return {
      impact: {
        systems: get(row?.systems),
        models: get(row?.models),
        risks: get(row?.risks).map((r) => ({ title: r?.title, score: Number(r?.likelihood) * Number(r?.impact) })),
        controls: get(row?.controls),
        obligations: get(row?.obligations),
        evidence: get(row?.evidence),
        requirements: [
          ...direct.map((id) => ({ direct: true, requirement: named.get(id), via: [] })),
          ...mapped.map((m) => ({
            direct: false,
            requirement: named.get(m.target),
            via: m.via.map((v) => ({ source: { id: v.source }, relationship: v.relationship })),
          })),
        ],
      },
    };
  },
  fingerprint: (data) => {
    const i = (data as { impact: Record<string, unknown[]> }).impact;
    return Object.fromEntries(Object.entries(i).map(([k, v]) => [k, v.length]));
  },
};

const reuse: Operation = {
  name: 'evidence reuse',
  question: 'reuse of the evidence supporting the most controls (queries/evidence-reuse.graphql)',
  document: saved('evidence-reuse.graphql'),
  variables: (s) => ({ evidenceItem: s.evidence, coverageDate: AS_OF }),
  async handWritten(run, s) {
    const [controls, mappings] = await Promise.all([
      statement(run, listCoverageControls()),
      statement(run, listAllMappings()),
    ]);
    const rows = new Map(mappings.map(({ mapping }) => [mapping.id, mapping]));
    const result = evidenceUses(
      s.evidence,
      controls.map((r) => r.control),
      mappings.map(({ mapping: m }) => ({
        id: m.id,
        source: m.sourceId,
        target: m.targetId,
        relationship: m.relationship,
      })),
      AS_OF_DATE,
      2,
    );
    const frameworks = [
      ...new Set(result.uses.map((u) => u.requirementId.slice(0, u.requirementId.indexOf(':')))),
    ].sort();
    const sets = result.uses.flatMap((u) => u.chain.map((step) => rows.get(step.mappingId)!.set));
    const named = await names(
      run,
      [s.evidence, ...frameworks, ...sets, ...result.uses.flatMap((u) => [u.requirementId, u.controlId])],
      '.id, .title, .name, .validUntil, .publisher',
    );
    return {
      evidenceReuse: {
        evidence: named.get(s.evidence),
        valid: result.valid,
        frameworks: frameworks.map((id) => named.get(id)),
        uses: result.uses.map((u) => ({
          requirement: named.get(u.requirementId),
          route: u.route,
          level: u.level,
          control: named.get(u.controlId),
          from: u.fromRequirementId === null ? null : { id: u.fromRequirementId },
          relationship: u.relationship,
          chain: u.chain.map((step) => {
            const m = rows.get(step.mappingId)!;
            return {
              relationship: readFrom(m, step.from).relationship,
              provenance: { set: { id: m.set }, publisher: named.get(m.set)?.publisher },
            };
          }),
        })),
      },
    };
  },
  fingerprint: (data) => {
    const r = (data as { evidenceReuse: { valid: boolean; frameworks: unknown[]; uses: unknown[] } }).evidenceReuse;
    return { valid: r.valid, frameworks: r.frameworks.length, uses: r.uses.length };
  },
};

/** Systems, the risks raised on them, the controls treating each risk, and each control's evidence. */
export const NESTED_DOCUMENT = `query SystemRiskControlEvidence($first: Int!) {
  aiSystems(first: $first) {
    edges {
      node {
        id
        name
        risks {
          id
          title
          mitigatedBy {
            id
            name
            status
            evidence {
              id
              title
            }
          }
        }
      }
    }
  }
}`;

interface NestedSystem {
  id: string;
  risks: { id: string; mitigatedBy: { id: string; evidence: { id: string }[] }[] }[];
}

/** Counts at every level, order aside: the three servers order nested lists differently. */
export function nestedFingerprint(systems: readonly NestedSystem[]): unknown {
  return systems.map((s) => ({
    id: s.id,
    risks: sortedIds(s.risks),
    controls: s.risks.flatMap((r) => r.mitigatedBy.map((c) => `${r.id}>${c.id}:${c.evidence.length}`)).sort(),
  }));
}

const nested: Operation = {
  name: 'nested navigation',
  question: `${NESTED_FIRST} systems → their risks → the controls treating each → each control's evidence`,
  document: NESTED_DOCUMENT,
  variables: () => ({ first: NESTED_FIRST }),
  async handWritten(run) {
    const rows = await run<{ s: unknown }>(
      `MATCH (s:AISystem) WITH s ORDER BY coalesce(s.name, ''), s.id LIMIT $first
       RETURN s { .id, .name, risks: [(s)<-[:RAISED_ON]-(k:Risk) | k { .id, .title,
                mitigatedBy: [(k)<-[:MITIGATES]-(c:Control) | c { .id, .name, .status,
                  evidence: [(c)<-[:SUPPORTS]-(e:Evidence) | e { .id, .title }] }] }] } AS s`,
      { first: neo4j.int(NESTED_FIRST) },
    );
    return { aiSystems: { edges: rows.map((r) => ({ node: r.s })) } };
  },
  fingerprint: (data) =>
    nestedFingerprint((data as { aiSystems: { edges: { node: NestedSystem }[] } }).aiSystems.edges.map((e) => e.node)),
};

/** The third page of evidence, ordered by title. */
export const PAGED_DOCUMENT = `query EvidencePage($first: Int!, $after: String) {
  evidence(first: $first, after: $after) {
    totalCount
    edges {
      cursor
      node {
        id
        title
        evidenceType
        validUntil
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}`;

const cursor = (key: string, id: string): string => Buffer.from(JSON.stringify([key, id])).toString('base64url');

/** The cursor after the second page: the service's cursors are [title, id], so the third page starts after that pair. */
export async function pagedAfter(run: Run): Promise<{ key: string; id: string }> {
  const [row] = await run<{ key: string; id: string }>(
    `MATCH (n:Evidence) WITH n, coalesce(n.title, '') AS key ORDER BY key, n.id SKIP $skip LIMIT 1 RETURN key, n.id AS id`,
    { skip: neo4j.int(2 * PAGE_SIZE - 1) },
  );
  if (!row) throw new Error('the store has too little evidence for the paged list');
  return row;
}

let after: { key: string; id: string } | undefined;

const paged: Operation = {
  name: 'paged list',
  question: `the third page of ${PAGE_SIZE} evidence items, ordered by title, with the total`,
  document: PAGED_DOCUMENT,
  variables: () => ({ first: PAGE_SIZE, after: after === undefined ? null : cursor(after.key, after.id) }),
  async handWritten(run) {
    const a = after!;
    const [row] = await run<{ total: number; page: { id: string; title: string }[]; more: boolean }>(
      `CALL { MATCH (n:Evidence) RETURN count(n) AS total }
       CALL { MATCH (n:Evidence) WITH n, coalesce(n.title, '') AS key
              WHERE key > $key OR (key = $key AND n.id > $id)
              WITH n, key ORDER BY key, n.id LIMIT $limit
              RETURN collect(n { .id, .title, .evidenceType, validUntil: toString(n.validUntil), key: key }) AS rows }
       RETURN total, rows[0..$first] AS page, size(rows) > $first AS more`,
      { key: a.key, id: a.id, first: neo4j.int(PAGE_SIZE), limit: neo4j.int(PAGE_SIZE + 1) },
    );
    const page = row?.page ?? [];
    const last = page[page.length - 1] as { id: string; key: string } | undefined;
    return {
      evidence: {
        totalCount: row?.total ?? 0,
        edges: page.map((n) => ({ cursor: cursor((n as unknown as { key: string }).key, n.id), node: n })),
        pageInfo: { hasNextPage: row?.more ?? false, endCursor: last ? cursor(last.key, last.id) : null },
      },
    };
  },
  fingerprint: (data) => {
    const e = (
      data as {
        evidence: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } };
      }
    ).evidence;
    return { total: e.totalCount, ids: e.edges.map((x) => x.node.id), more: e.pageInfo.hasNextPage };
  },
};

/** Sets where the paged list starts (it depends on the store). */
export async function prepareOperations(run: Run): Promise<void> {
  after = await pagedAfter(run);
}

export const OPERATIONS: readonly Operation[] = [coverage, trace, impact, reuse, nested, paged];
