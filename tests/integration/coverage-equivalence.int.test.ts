/**
 * The coverage facts read for the question only (counts and verdicts decided in Cypher,
 * src/graph/statements/coverage.ts) against the whole-graph path (every control with all
 * its evidence, judged by the pure rule in Node): on random small organisations written
 * beside the demo one, both give every requirement the same status, direct level, reason
 * and explanation, over random scopes, dates, hop counts and requirement subsets (on the
 * seeded crosswalk); coverage over time is compared on a day after the last log entry.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonFor } from '../../src/coverage/explain.js';
import { assessCoverage } from '../../src/coverage/rule.js';
import {
  listAllMappings,
  listApplicabilityOf,
  listCoverageControls,
  listCoverageRequirements,
} from '../../src/graph/statements/coverage.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
/** Requirements of ISO/IEC 42001, and requirements of other frameworks one or two mappings from them. */
let targets: string[];
let neighbours: string[];

const id = (prefix: string, n: number): string =>
  `${prefix}_e9e9e9e9-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const SYSTEMS = [0, 1, 2].map((n) => id('sys', n));
const DATASET = id('dst', 0);
/** Later than anything the change log holds (the test setup logs the demo load now): coverage over time judges the graph as it stands on it. */
const FUTURE = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
const DAYS = ['2026-01-15', '2026-06-30', '2026-11-27', FUTURE];

interface Organisation {
  controls: {
    status: string;
    systems: number[];
    implements: { requirement: number; coverage: 'FULL' | 'PARTIAL' }[];
  }[];
  evidence: { from: number | null; until: number | null; scoped: number[]; dataset: boolean; supports: number[] }[];
  exclusions: { requirement: number; systems: number[]; justification: string }[];
}

const dayNumber = (text: string): number => (Date.parse(`${text}T00:00:00Z`) - Date.UTC(2026, 0, 1)) / 86_400_000;
/** Days on and either side of the dates asked about (where the bounds are tested), any day, or null (an open end). */
const day = fc.option(
  fc.oneof(
    {
      arbitrary: fc.constantFrom(...DAYS.flatMap((d) => [dayNumber(d) - 1, dayNumber(d), dayNumber(d) + 1])),
      weight: 3,
    },
    { arbitrary: fc.integer({ min: 0, max: 360 }), weight: 1 },
  ),
  { nil: null },
);
const dayText = (n: number): string => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const organisation = (requirements: number): fc.Arbitrary<Organisation> =>
  fc.record({
    controls: fc.array(
      fc.record({
        // Mostly controls that count, so that evidence decides.
        status: fc.constantFrom('IMPLEMENTED', 'OPERATING', 'OPERATING', 'PLANNED', 'INEFFECTIVE', 'RETIRED'),
        systems: fc.subarray([0, 1, 2]),
        implements: fc.uniqueArray(
          fc.record({
            requirement: fc.nat({ max: requirements - 1 }),
            coverage: fc.constantFrom('FULL' as const, 'PARTIAL' as const),
          }),
          { minLength: 1, maxLength: 3, selector: (i) => i.requirement },
        ),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    evidence: fc.array(
      fc.record({
        from: day,
        until: day,
        scoped: fc.subarray([0, 1, 2]),
        dataset: fc.boolean(),
        supports: fc.uniqueArray(fc.nat({ max: 7 }), { minLength: 1, maxLength: 2 }),
      }),
      { maxLength: 12 },
    ),
    exclusions: fc.array(
      fc.record({
        requirement: fc.nat({ max: requirements - 1 }),
        systems: fc.subarray([0, 1, 2]),
        justification: fc.constantFrom('Not used here', ' '),
      }),
      { maxLength: 3 },
    ),
  });

const REMOVE = {
  name: 'removeEquivalenceOrganisation',
  cypher: `MATCH (n:Entity) WHERE n.id CONTAINS '_e9e9e9e9-' DETACH DELETE n`,
  params: {},
};

/** Writes the organisation in one transaction (the records only coverage reads, with their names). */
async function write(org: Organisation, requirementIds: readonly string[]): Promise<void> {
  await server.graph.write(REMOVE);
  const controls = org.controls.map((c, n) => ({
    id: id('ctl', n),
    status: c.status,
    systems: c.systems.map((s) => SYSTEMS[s]!),
    implements: c.implements.map((i) => ({ requirement: requirementIds[i.requirement]!, coverage: i.coverage })),
  }));
  const evidence = org.evidence.map((e, n) => ({
    id: id('evd', n),
    from: e.from === null ? null : dayText(e.from),
    until: e.until === null ? null : dayText(e.until),
    scoped: [...e.scoped.map((s) => SYSTEMS[s]!), ...(e.dataset ? [DATASET] : [])],
    supports: e.supports.filter((c) => c < controls.length).map((c) => controls[c]!.id),
  }));
  const exclusions = org.exclusions.map((x, n) => ({
    id: id('apl', n),
    requirement: requirementIds[x.requirement]!,
    systems: x.systems.map((s) => SYSTEMS[s]!),
    justification: x.justification,
  }));
  await server.graph.write({
    name: 'writeEquivalenceOrganisation',
    cypher: `UNWIND $systems AS sid MERGE (s:Entity:AISystem {id: sid}) SET s.name = sid
             WITH count(*) AS done
             MERGE (d:Entity:Dataset {id: $dataset}) SET d.name = $dataset
             WITH count(*) AS done
             UNWIND $controls AS c
             CREATE (n:Entity:Control {id: c.id, name: c.id, status: c.status})
             WITH n, c
             CALL { WITH n, c UNWIND c.systems AS sid MATCH (s:AISystem {id: sid}) CREATE (n)-[:APPLIES_TO]->(s) }
             CALL { WITH n, c UNWIND c.implements AS i MATCH (r:Requirement {id: i.requirement})
                    CREATE (n)-[:IMPLEMENTS {coverage: i.coverage}]->(r) }
             WITH count(*) AS done
             UNWIND $evidence AS e
             CREATE (n:Entity:Evidence {id: e.id, title: e.id,
                     effectiveFrom: CASE WHEN e.from IS NULL THEN null ELSE date(e.from) END,
                     validUntil: CASE WHEN e.until IS NULL THEN null ELSE date(e.until) END})
             WITH n, e
             CALL { WITH n, e UNWIND e.scoped AS xid MATCH (x:Entity {id: xid}) CREATE (n)-[:SCOPED_TO]->(x) }
             CALL { WITH n, e UNWIND e.supports AS cid MATCH (c:Control {id: cid}) CREATE (n)-[:SUPPORTS]->(c) }
             WITH count(*) AS done
             UNWIND $exclusions AS x
             MATCH (r:Requirement {id: x.requirement})
             CREATE (a:Entity:Applicability {id: x.id, applicable: false, justification: x.justification})-[:FOR_REQUIREMENT]->(r)
             WITH a, x
             CALL { WITH a, x UNWIND x.systems AS sid MATCH (s:AISystem {id: sid}) CREATE (a)-[:LIMITED_TO]->(s) }
             RETURN count(*) AS written`,
    params: { systems: SYSTEMS, dataset: DATASET, controls, evidence, exclusions },
  });
}

const COVERAGE = `query ($scope: CoverageScope, $asOf: DateTime, $maxHops: Int, $refs: [String!]) {
  coverage(framework: "iso42001", scope: $scope, asOf: $asOf, maxHops: $maxHops, requirements: $refs) {
    requirements { requirement { id } status direct reason
      contributions { control { id } coverage level validEvidence { id } invalidEvidence { evidence { id } reason } }
      rejectedControls { control { id } reason }
      crosswalk { from { id } fromLevel relationship level chain { id } }
      rejectedCrosswalk { from { id } reason } } } }`;

interface Answer {
  coverage: {
    requirements: {
      requirement: { id: string };
      status: string;
      direct: string;
      reason: string;
      contributions: {
        control: { id: string };
        coverage: string;
        level: string;
        validEvidence: { id: string }[];
        invalidEvidence: { evidence: { id: string }; reason: string }[];
      }[];
      rejectedControls: { control: { id: string }; reason: string }[];
      crosswalk: {
        from: { id: string };
        fromLevel: string;
        relationship: string;
        level: string;
        chain: { id: string }[];
      }[];
      rejectedCrosswalk: { from: { id: string }; reason: string }[];
    }[];
  };
}

const sorted = <T>(xs: readonly T[]): T[] => [...xs].map((x) => JSON.stringify(x)).sort() as unknown as T[];

/** Both answers in one comparable shape: every list as a sorted set. */
function normalise(r: Answer['coverage']['requirements'][number]) {
  return {
    id: r.requirement.id,
    status: r.status,
    direct: r.direct,
    reason: r.reason,
    contributions: sorted(
      r.contributions.map((c) => ({
        control: c.control.id,
        coverage: c.coverage,
        level: c.level,
        valid: sorted(c.validEvidence.map((e) => e.id)),
        invalid: sorted(c.invalidEvidence.map((e) => [e.evidence.id, e.reason])),
      })),
    ),
    rejected: sorted(r.rejectedControls.map((c) => [c.control.id, c.reason])),
    crosswalk: sorted(
      r.crosswalk.map((c) => [c.from.id, c.fromLevel, c.relationship, c.level, c.chain.map((s) => s.id)]),
    ),
    rejectedCrosswalk: sorted(r.rejectedCrosswalk.map((c) => [c.from.id, c.reason])),
  };
}

/** The whole-graph path: every control with every evidence item, judged in Node. */
async function wholeGraph(systems: string[] | null, asOf: string, maxHops: number) {
  const [requirements, controls, mappings, applicability] = await Promise.all([
    server.graph.read(listCoverageRequirements('iso42001')),
    server.graph.read(listCoverageControls()),
    server.graph.read(listAllMappings()),
    server.graph.read(listApplicabilityOf('iso42001')),
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
    { systems, asOf, maxHops },
  );
  return results.map((r) =>
    normalise({
      requirement: { id: r.requirementId },
      status: r.status,
      direct: r.direct,
      reason: reasonFor(r),
      contributions: r.contributions.map((c) => ({
        control: { id: c.controlId },
        coverage: c.coverage,
        level: c.level,
        validEvidence: c.validEvidence.map((e) => ({ id: e })),
        invalidEvidence: c.invalidEvidence.map((e) => ({ evidence: { id: e.evidenceId }, reason: e.reason })),
      })),
      rejectedControls: r.rejectedControls.map((c) => ({ control: { id: c.controlId }, reason: c.reason })),
      crosswalk: r.crosswalk.map((c) => ({
        from: { id: c.from },
        fromLevel: c.fromLevel,
        relationship: c.relationship,
        level: c.level,
        chain: c.chain.map((s) => ({ id: s.mappingId })),
      })),
      rejectedCrosswalk: r.rejectedCrosswalk.map((c) => ({ from: { id: c.from }, reason: c.reason })),
    }),
  );
}

beforeAll(async () => {
  // Coverage is computed afresh for every question: these writes go around the change log.
  server = await startTestServer({ coverageCacheEntries: 0 });
  const rows = await server.graph.read<{ targets: string[]; neighbours: string[] }>({
    name: 'equivalenceRequirements',
    cypher: `MATCH (t:Requirement {frameworkId: 'iso42001'}) WHERE t.current AND t.auditable
             WITH t ORDER BY t.position LIMIT 12
             WITH collect(t) AS ts
             UNWIND ts AS t
             OPTIONAL MATCH (t)-[:MAPS_TO*1..2]-(n:Requirement) WHERE n.frameworkId <> 'iso42001' AND n.auditable
             WITH ts, n ORDER BY n.id
             RETURN [t IN ts | t.id] AS targets, collect(DISTINCT n.id)[0..12] AS neighbours`,
    params: {},
  });
  targets = rows[0]!.targets;
  neighbours = rows[0]!.neighbours;
});

afterAll(async () => {
  await server.graph.write(REMOVE);
  await server.close();
});

describe('coverage facts read for the question', () => {
  it('has requirements to work on: ISO/IEC 42001 ones and mapped ones of other frameworks', () => {
    expect(targets.length).toBeGreaterThanOrEqual(10);
    expect(neighbours.length).toBeGreaterThanOrEqual(5);
  });

  it('give the same statuses and explanations as the whole-graph path on random organisations', async () => {
    const requirementIds = [...targets, ...neighbours];
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        organisation(requirementIds.length),
        fc.constantFrom(null, [0], [1, 2]),
        fc.constantFrom(...DAYS),
        fc.constantFrom(1, 2, 3),
        fc.subarray([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { minLength: 1, maxLength: 3 }),
        async (org, scope, asOf, maxHops, picked) => {
          await write(org, requirementIds);
          const systems = scope === null ? null : scope.map((s) => SYSTEMS[s]!);
          const data = await server.ok<Answer>(COVERAGE, {
            scope: systems === null ? null : { systems },
            asOf: `${asOf}T12:00:00Z`,
            maxHops,
          });
          const viaFacts = data.coverage.requirements.map(normalise);
          const whole = await wholeGraph(systems, asOf, maxHops);
          expect(viaFacts).toEqual(whole);
          // Some requirements alone, from their own facts: each as the whole answer has it.
          const ids = picked.map((i) => targets[i]!);
          const some = await server.ok<Answer>(COVERAGE, {
            scope: systems === null ? null : { systems },
            asOf: `${asOf}T12:00:00Z`,
            maxHops,
            refs: ids.map((id) => id.slice('iso42001:'.length)),
          });
          expect(some.coverage.requirements.map(normalise)).toEqual(whole.filter((r) => ids.includes(r.id)));
          // Coverage over time counts the controls the log does not name in the graph, for every date at once
          // (on a day after the last entry, where the graph it rewinds to is the graph of now).
          if (asOf !== FUTURE) return;
          const moment = `${asOf}T12:00:00Z`;
          const history = await server.ok<{ coverageChange: { before: Record<string, number> } }>(
            `query ($scope: CoverageScope, $at: DateTime!, $maxHops: Int) {
               coverageChange(framework: "iso42001", scope: $scope, from: $at, to: $at, maxHops: $maxHops) {
                 before { total notApplicable covered coveredViaCrosswalk partial gap } } }`,
            { scope: systems === null ? null : { systems }, at: moment, maxHops },
          );
          const count = (status: string) => whole.filter((r) => r.status === status).length;
          expect(history.coverageChange.before).toEqual({
            total: whole.length,
            notApplicable: count('NOT_APPLICABLE'),
            covered: count('COVERED'),
            coveredViaCrosswalk: count('COVERED_VIA_CROSSWALK'),
            partial: count('PARTIAL'),
            gap: count('GAP'),
          });
          compared += viaFacts.length;
        },
      ),
      { numRuns: 40, seed: 20_261_208 },
    );
    expect(compared).toBeGreaterThan(0);
  });
});
