import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMappings, deleteMappingsOfSet, upsertCrosswalkSet } from '../../src/graph/statements/crosswalk.js';
import { requirementId } from '../../src/domain/ids.js';
import { SeedValidationError } from '../../src/ingest/seed.js';
import { loadSeed } from '../../src/services/seed.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * A test-only set with a known chain, so inference can be checked against the real graph:
 *   nist GOVERN 1.1  EQUAL        iso42001 4.1
 *   iso42001 4.1     SUPERSET_OF  iso27001 4.1     => GOVERN 1.1 SUPERSET_OF iso27001 4.1 (2 hops)
 *   iso9001 4.1      SUBSET_OF    iso27001 4.1     => nothing about GOVERN 1.1 and iso9001 4.1 (⊃ then ⊃... see below)
 */
const SET = 'test-crosswalk-chain';
const mapping = (source: string, target: string, relationship: string) => ({
  id: `${SET}:${source}->${target}`,
  sourceId: source,
  targetId: target,
  relationship,
  rationale: 'SEMANTIC',
  method: 'HUMAN',
  status: 'DRAFT',
  strength: 5,
  confidence: null,
  justification: 'test fixture',
  citation: null,
  originalRelationship: null,
});
const G11 = requirementId('nist-ai-rmf', 'GOVERN 1.1');
const I41 = requirementId('iso42001', '4.1');
const S41 = requirementId('iso27001', '4.1');
const Q41 = requirementId('iso9001', '4.1');

let server: TestServer;
const scratch = mkdtempSync(path.join(tmpdir(), 'aims-crosswalk-'));

async function writeFixture(): Promise<void> {
  await server.graph.transaction('WRITE', 'fixture', async (tx) => {
    await tx.run(
      upsertCrosswalkSet({
        id: SET,
        title: 'Test chain',
        description: 'Fixture for inference tests',
        publisher: 'tests',
        source: 'tests',
        sourceUrl: null,
        licence: 'n/a',
        method: 'HUMAN',
        relationshipsBy: 'tests',
        addedBy: 'tests',
        addedAt: '2026-11-27',
        fromFramework: 'nist-ai-rmf',
        toFramework: 'iso42001',
        origin: 'IMPORT',
      }),
    );
    await tx.run(
      createMappings(SET, [
        mapping(G11, I41, 'EQUAL'),
        mapping(I41, S41, 'SUPERSET_OF'),
        mapping(S41, Q41, 'SUPERSET_OF'),
      ]),
    );
  });
}

beforeAll(async () => {
  server = await startTestServer();
  await writeFixture();
});

afterAll(async () => {
  await server.graph.write(deleteMappingsOfSet(SET));
  await server.graph.write({ name: 'test', cypher: 'MATCH (s:CrosswalkSet {id: $id}) DELETE s', params: { id: SET } });
  rmSync(scratch, { recursive: true, force: true });
  await server.close();
});

interface Claim {
  target: { id: string };
  relationship: string;
  inferred: boolean;
  hops: number;
  chain: {
    id: string;
    inverted: boolean;
    relationship: string;
    provenance: { set: { id: string }; publisher: string };
  }[];
}

const CLAIMS = `query ($id: ID!, $inferred: Boolean!, $hops: Int!, $framework: ID) {
  node(id: $id) { ... on Requirement {
    mappings(includeInferred: $inferred, maxHops: $hops, framework: $framework) {
      target { id } relationship inferred hops
      chain { id inverted relationship provenance { set { id } publisher } }
    } } } }`;

async function claims(id: string, inferred: boolean, hops = 2, framework?: string): Promise<Claim[]> {
  const { body } = await server.gql<{ node: { mappings: Claim[] } }>(CLAIMS, { id, inferred, hops, framework });
  expect(body.errors).toBeUndefined();
  return body.data!.node.mappings.filter((c) => c.chain.every((step) => step.provenance.set.id === SET));
}

describe('crosswalk over HTTP', () => {
  it('lists every set with its provenance and counts', async () => {
    const { body } = await server.gql<{
      crosswalkSets: {
        id: string;
        publisher: string;
        licence: string;
        source: string;
        mappingCount: number;
        from: { id: string };
      }[];
    }>('{ crosswalkSets { id publisher licence source mappingCount from { id } } }');
    const sets = body.data!.crosswalkSets;
    expect(sets.length).toBeGreaterThanOrEqual(2);
    for (const set of sets) {
      expect(set.publisher.length, set.id).toBeGreaterThan(0);
      expect(set.licence.length, set.id).toBeGreaterThan(0);
      expect(set.source.length, set.id).toBeGreaterThan(0);
      expect(set.mappingCount, set.id).toBeGreaterThan(0);
    }
  });

  it('reads a stored mapping from both ends, through the inverse', async () => {
    const fromIso = await claims(I41, false);
    expect(fromIso.map((c) => [c.target.id, c.relationship, c.chain[0]!.inverted]).sort()).toEqual(
      [
        [S41, 'SUPERSET_OF', false],
        [G11, 'EQUAL', true],
      ].sort(),
    );
    const from27001 = await claims(S41, false);
    expect(from27001.find((c) => c.target.id === I41)).toMatchObject({
      relationship: 'SUBSET_OF',
      inferred: false,
      hops: 1,
    });
  });

  it('infers along chains, soundly, with the chain as proof', async () => {
    const found = await claims(G11, true, 2);
    expect(found.map((c) => [c.target.id, c.relationship, c.inferred, c.hops])).toEqual([
      [I41, 'EQUAL', false, 1],
      [S41, 'SUPERSET_OF', true, 2],
    ]);
    const proof = found[1]!.chain;
    expect(proof.map((s) => [s.id, s.relationship])).toEqual([
      [`${SET}:${G11}->${I41}`, 'EQUAL'],
      [`${SET}:${I41}->${S41}`, 'SUPERSET_OF'],
    ]);
    // Three hops reach ISO 9001 4.1: EQUAL, then SUPERSET_OF twice, is SUPERSET_OF.
    const three = await claims(G11, true, 3);
    expect(three.find((c) => c.target.id === Q41)).toMatchObject({ relationship: 'SUPERSET_OF', hops: 3 });
    // Read backwards from ISO 9001: SUBSET_OF along every step.
    const back = await claims(Q41, true, 3);
    expect(back.find((c) => c.target.id === G11)).toMatchObject({ relationship: 'SUBSET_OF', inferred: true, hops: 3 });
  });

  it('composes to nothing where the algebra says nothing', async () => {
    // From iso27001 4.1: ⊂ iso42001 4.1 (then = GOVERN 1.1) and ⊃ iso9001 4.1; from iso9001 4.1 through 27001 to 42001 is ⊂ then ⊂.
    const from27001 = await claims(S41, true, 2);
    const targets = from27001.map((c) => `${c.target.id}:${c.relationship}`);
    expect(targets).toContain(`${G11}:SUBSET_OF`);
    // ⊃ (to 9001) is stored; nothing is inferred from 9001 back via ⊂ then ⊃.
    expect(from27001.filter((c) => c.inferred).map((c) => c.target.id)).toEqual([G11]);
  });

  it('filters claims by framework and rejects an out-of-range hop bound', async () => {
    expect((await claims(G11, true, 2, 'iso27001')).map((c) => c.target.id)).toEqual([S41]);
    const { body } = await server.gql(CLAIMS, { id: G11, inferred: true, hops: 9 });
    expect(body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'maxHops' } });
  });

  it('orients the crosswalk between two frameworks from → to', async () => {
    const { body } = await server.gql<{
      crosswalk: { source: { id: string }; target: { id: string }; relationship: string; inverted: boolean }[];
    }>('{ crosswalk(from: "iso27001", to: "iso42001") { source { id } target { id } relationship inverted } }');
    const row = body.data!.crosswalk.find((m) => m.source.id === S41 && m.target.id === I41);
    expect(row).toEqual({ source: { id: S41 }, target: { id: I41 }, relationship: 'SUBSET_OF', inverted: true });
    expect(
      body.data!.crosswalk.every((m) => m.source.id.startsWith('iso27001:') && m.target.id.startsWith('iso42001:')),
    ).toBe(true);
  });

  it('refuses a crosswalk naming a requirement that does not exist, and loads nothing of the seed', async () => {
    const dir = path.join(scratch, 'bad');
    cpSync('seed', dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'crosswalks', 'zz-bad.json'),
      JSON.stringify({
        set: {
          id: 'zz-bad',
          title: 't',
          description: 'd',
          publisher: 'p',
          source: 's',
          licence: 'l',
          method: 'HUMAN',
          relationshipsBy: 'r',
          addedBy: 'a',
          addedAt: '2026-11-27',
        },
        from: 'iso42001',
        to: 'iso27001',
        mappings: [
          {
            source: 'A.6.2.4',
            target: 'A.8.29',
            relationship: 'INTERSECTS_WITH',
            rationale: 'SEMANTIC',
            method: 'HUMAN',
            status: 'DRAFT',
            justification: 'ok',
          },
          {
            source: 'A.6.2.4',
            target: 'A.8.99',
            relationship: 'INTERSECTS_WITH',
            rationale: 'SEMANTIC',
            method: 'HUMAN',
            status: 'DRAFT',
            justification: 'bad',
          },
        ],
      }),
    );
    const error = await loadSeed(server.graph, dir, { force: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    expect((error as SeedValidationError).problems).toEqual([
      'zz-bad.json: mappings[1] (A.6.2.4 -> A.8.99): iso27001 has no requirement "A.8.99"',
    ]);
    const [row] = await server.graph.read<{ n: number }>({
      name: 'test',
      cypher: "MATCH (s:CrosswalkSet {id: 'zz-bad'}) RETURN count(s) AS n",
      params: {},
    });
    expect(row!.n).toBe(0);
  });
});
