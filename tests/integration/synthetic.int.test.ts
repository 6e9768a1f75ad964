/**
 * A synthetic organisation at scale 0.05, loaded next to the demo organisation the test
 * setup loads: the counts the plan promises, coverage, trace and coverage over time
 * through the real service, and a removal that leaves the graph exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../src/domain/entity-spec.js';
import {
  countOrganisation,
  generateSynthetic,
  removeSynthetic,
  SyntheticRefusedError,
  type SyntheticCounts,
} from '../../bench/synthetic/load.js';
import { syntheticCounts, syntheticIdPrefix } from '../../bench/synthetic/plan.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SCALE = 0.05;
const SEED = 20_260_101;

let server: TestServer;
let before: string;
let loadedAt: string;
let counts: SyntheticCounts;

/** Everything the organisation side and the change log hold, as one comparable text. */
async function fingerprint(): Promise<string> {
  const parts = await Promise.all([
    server.graph.read({
      name: 'labels',
      cypher: 'MATCH (n) WITH labels(n) AS labels RETURN labels, count(*) AS n ORDER BY labels',
      params: {},
    }),
    server.graph.read({
      name: 'relationships',
      cypher: 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type',
      params: {},
    }),
    server.graph.read({
      name: 'entities',
      cypher:
        'MATCH (n:Entity) RETURN n.id AS id, n.version AS version, toString(n.updatedAt) AS updatedAt, properties(n) AS props ORDER BY id',
      params: {},
    }),
    server.graph.read({
      name: 'links',
      cypher: `MATCH (a:Entity)-[r]->(b) RETURN a.id AS a, type(r) AS type, coalesce(b.id, b.key) AS b, properties(r) AS props
               ORDER BY a, type, b`,
      params: {},
    }),
    server.graph.read({
      name: 'changes',
      cypher: 'MATCH (c:Change) RETURN c.seq AS seq, c.entityId AS id, c.operation AS op ORDER BY seq',
      params: {},
    }),
    server.graph.read({
      name: 'counter',
      cypher: 'MATCH (l:ChangeLog) RETURN l.id AS id, l.seq AS seq, keys(l) AS keys',
      params: {},
    }),
  ]);
  return JSON.stringify(parts);
}

beforeAll(async () => {
  server = await startTestServer();
  before = await fingerprint();
  expect((await countOrganisation(server.graph)).synthetic).toBe(0);
  loadedAt = new Date(Date.now() - 1000).toISOString();
  counts = await generateSynthetic(server.graph, { scale: SCALE, seed: SEED, force: true, batchSize: 500 });
}, 300_000);

afterAll(async () => {
  await removeSynthetic(server.graph);
  await server.close();
}, 300_000);

const COVERAGE = `query ($framework: ID!, $scope: CoverageScope) { coverage(framework: $framework, scope: $scope) {
  summary { total notApplicable covered coveredViaCrosswalk partial gap } } }`;
const TRACE = `query ($from: ID!) { trace(from: $from) { requirements { requirement { id } paths { route } evidence { id } } } }`;
const CHANGE = `query ($from: DateTime!, $to: DateTime!) { coverageChange(framework: "iso42001", from: $from, to: $to) {
  before { covered partial gap } after { covered partial gap } changes { requirement { id } reasons { kind } } } }`;

interface Summary {
  total: number;
  notApplicable: number;
  covered: number;
  coveredViaCrosswalk: number;
  partial: number;
  gap: number;
}

describe('a synthetic organisation at scale 0.05', () => {
  it('holds what the plan promises, with one change log entry per record and link', async () => {
    const promised = syntheticCounts(SCALE);
    for (const type of ENTITY_TYPES) {
      if (type !== 'Applicability') expect(counts.records[type]).toBe(promised[type]);
      const [row] = await server.graph.read<{ n: number }>({
        name: 'countSynthetic',
        cypher: 'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n',
        params: { prefix: syntheticIdPrefix(type) },
      });
      expect(row!.n).toBe(counts.records[type]);
    }
    expect((await countOrganisation(server.graph)).synthetic).toBe(counts.totalRecords);
    const [links] = await server.graph.read<{ n: number }>({
      name: 'countSyntheticLinks',
      cypher: `MATCH (a:Entity)-[r]->() WHERE any(t IN $prefixes WHERE a.id STARTS WITH t) RETURN count(r) AS n`,
      params: { prefixes: ENTITY_TYPES.map(syntheticIdPrefix) },
    });
    expect(links!.n).toBe(counts.totalLinks);
    expect(Object.keys(counts.links).length).toBe(15);
    expect(counts.changes).toBe(counts.totalRecords + counts.totalLinks);
    const [log] = await server.graph.read<{ n: number; actors: string[] }>({
      name: 'countSyntheticChanges',
      cypher: `MATCH (c:Change) WHERE any(t IN $prefixes WHERE c.entityId STARTS WITH t) RETURN count(c) AS n, collect(DISTINCT c.actor) AS actors`,
      params: { prefixes: ENTITY_TYPES.map(syntheticIdPrefix) },
    });
    expect(log).toEqual({ n: counts.changes, actors: ['system'] });
  });

  it('refuses to load next to other records without --force, and twice without --replace', async () => {
    await expect(generateSynthetic(server.graph, { scale: SCALE, seed: SEED })).rejects.toThrow(SyntheticRefusedError);
    await expect(generateSynthetic(server.graph, { scale: SCALE, seed: SEED })).rejects.toThrow(/not synthetic/);
    await expect(generateSynthetic(server.graph, { scale: SCALE, seed: SEED, force: true })).rejects.toThrow(
      /--replace/,
    );
  });

  it('answers coverage for the whole organisation and for synthetic systems', async () => {
    const whole = await server.gql<{ coverage: { summary: Summary } }>(COVERAGE, { framework: 'iso42001' });
    expect(whole.body.errors).toBeUndefined();
    const summary = whole.body.data!.coverage.summary;
    expect(summary.covered + summary.partial).toBeGreaterThan(10);
    const [row] = await server.graph.read<{ ids: string[] }>({
      name: 'busySystems',
      cypher: `MATCH (s:AISystem) WHERE s.id STARTS WITH $prefix
               WITH s, COUNT { (s)<-[:APPLIES_TO]-(:Control) } AS controls ORDER BY controls DESC, s.id LIMIT 2
               RETURN collect(s.id) AS ids`,
      params: { prefix: syntheticIdPrefix('AISystem') },
    });
    for (const framework of ['iso42001', 'iso27001', 'eu-ai-act', 'nist-ai-rmf', 'iso9001']) {
      const scoped = await server.gql<{ coverage: { summary: Summary } }>(COVERAGE, {
        framework,
        scope: { systems: row!.ids },
      });
      expect(scoped.body.errors).toBeUndefined();
      const s = scoped.body.data!.coverage.summary;
      expect(s.total).toBeGreaterThan(0);
      expect(s.covered + s.coveredViaCrosswalk + s.partial).toBeGreaterThan(0);
    }
  });

  it('traces a synthetic system to requirements, through risks and controls, with evidence', async () => {
    const [row] = await server.graph.read<{ id: string }>({
      name: 'tracedSystem',
      cypher: `MATCH (s:AISystem) WHERE s.id STARTS WITH $prefix
               WITH s, COUNT { (s)<-[:RAISED_ON]-(:Risk)<-[:MITIGATES]-(:Control)-[:IMPLEMENTS]->() } AS paths ORDER BY paths DESC, s.id LIMIT 1
               RETURN s.id AS id`,
      params: { prefix: syntheticIdPrefix('AISystem') },
    });
    const { body } = await server.gql<{
      trace: {
        requirements: { requirement: { id: string }; paths: { route: string }[]; evidence: { id: string }[] }[];
      };
    }>(TRACE, { from: row!.id });
    expect(body.errors).toBeUndefined();
    const requirements = body.data!.trace.requirements;
    expect(requirements.length).toBeGreaterThan(0);
    expect(requirements.flatMap((r) => r.paths.map((p) => p.route))).toContain('RISK');
    expect(requirements.some((r) => r.evidence.length > 0)).toBe(true);
  });

  it('shows the load in coverage over time, from the change log', async () => {
    const { body } = await server.gql<{
      coverageChange: {
        before: Summary;
        after: Summary;
        changes: { requirement: { id: string }; reasons: { kind: string }[] }[];
      };
    }>(CHANGE, { from: loadedAt, to: new Date(Date.now() + 1000).toISOString() });
    expect(body.errors).toBeUndefined();
    const change = body.data!.coverageChange;
    expect(change.changes.length).toBeGreaterThan(0);
    expect(change.after.gap).toBeLessThan(change.before.gap);
    expect(new Set(change.changes.flatMap((c) => c.reasons.map((r) => r.kind)))).toContain('CONTROL_ADDED');
  });

  it('loads the same graph again with --replace, apart from the load timestamps', async () => {
    const content = async (): Promise<string> => {
      const rows = await server.graph.read<{ node: unknown; links: unknown[] }>({
        name: 'syntheticContent',
        cypher: `MATCH (n:Entity) WHERE any(t IN $prefixes WHERE n.id STARTS WITH t)
                 RETURN [labels(n), n {.*, createdAt: null, updatedAt: null}] AS node,
                        [(n)-[r]->(m) | [type(r), m.id, properties(r)]] AS links
                 ORDER BY n.id`,
        params: { prefixes: ENTITY_TYPES.map(syntheticIdPrefix) },
      });
      return JSON.stringify(rows.map((row) => [row.node, row.links.map((l) => JSON.stringify(l)).sort()]));
    };
    const first = await content();
    const again = await generateSynthetic(server.graph, { scale: SCALE, seed: SEED, force: true, replace: true });
    expect(again.removed).toBe(counts.totalRecords);
    expect(again.totalLinks).toBe(counts.totalLinks);
    expect(await content()).toBe(first);
  }, 300_000);

  it('is removed again, leaving the demo organisation and the change log exactly as they were', async () => {
    const removed = await removeSynthetic(server.graph, { batchSize: 300 });
    expect(removed).toBe(counts.totalRecords);
    expect(await fingerprint()).toBe(before);
  }, 300_000);
});
