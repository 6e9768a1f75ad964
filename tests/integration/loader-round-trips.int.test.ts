/**
 * The nested read analysts run most: systems → risks → controls → requirements →
 * evidence. Its Neo4j round trips must be bounded by the depth of the query, not by the
 * number of objects: the same query over 50 and over 100 systems sends the same number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, createLink } from '../../src/graph/statements/organisation.js';
import { linkDef } from '../../src/domain/entity-spec.js';
import { cleanUp } from '../helpers/organisation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const TAG = 'roundtrips ';
let server: TestServer;

async function buildFixture(systems: number): Promise<void> {
  const link = (
    kind: string,
    fromSpace: 'Entity',
    from: string,
    toSpace: 'Entity' | 'Requirement',
    to: string,
    property: string | null = null,
  ) => createLink(linkDef(kind)!, { space: fromSpace, id: from }, { space: toSpace, id: to }, property);
  await server.graph.transaction('WRITE', 'fixture', async (tx) => {
    const requirements = [
      'iso42001:A.6.2.4',
      'iso27001:A.8.29',
      'eu-ai-act:Art. 15',
      'nist-ai-rmf:MEASURE 2.5',
      'iso9001:8.3.4',
    ];
    for (let s = 0; s < systems; s++) {
      const sys = `sys_00000000-0000-4000-8000-${String(s).padStart(12, '0')}`;
      await tx.run(
        createEntity(
          'AISystem',
          sys,
          { name: `${TAG}system ${s}`, lifecycleStage: 'OPERATION_AND_MONITORING', operatorRoles: [] },
          s === 0 ? [{ system: 'grc', id: 'S-0' }] : [],
        ),
      );
      for (let r = 0; r < 2; r++) {
        const risk = `rsk_00000000-0000-4000-8${r}00-${String(s).padStart(12, '0')}`;
        await tx.run(
          createEntity(
            'Risk',
            risk,
            { title: `${TAG}risk ${s}.${r}`, category: 'ROBUSTNESS', likelihood: 2, impact: 3, status: 'ASSESSED' },
            [],
          ),
        );
        await tx.run(link('RAISED_ON', 'Entity', risk, 'Entity', sys));
        const control = `ctl_00000000-0000-4000-8${r}00-${String(s).padStart(12, '0')}`;
        await tx.run(createEntity('Control', control, { name: `${TAG}control ${s}.${r}`, status: 'OPERATING' }, []));
        await tx.run(link('MITIGATES', 'Entity', control, 'Entity', risk));
        await tx.run(
          link('IMPLEMENTS', 'Entity', control, 'Requirement', requirements[(s + r) % requirements.length]!, 'FULL'),
        );
        const evidence = `evd_00000000-0000-4000-8${r}00-${String(s).padStart(12, '0')}`;
        await tx.run(
          createEntity(
            'Evidence',
            evidence,
            {
              title: `${TAG}evidence ${s}.${r}`,
              evidenceType: 'TEST_RESULT',
              validUntil: r === 0 ? '2027-06-30' : null,
            },
            r === 1 ? [{ system: 'grc', id: `E-${s}` }] : [],
          ),
        );
        await tx.run(link('SUPPORTS', 'Entity', evidence, 'Entity', control));
      }
    }
  });
}

const NESTED = `query ($first: Int!) { aiSystems(first: $first, filter: {text: "${TAG}"}) { edges { node {
  name risks { title score mitigatedBy { name status implements { coverage requirement { id title framework { id } } } evidence { title } } } } } } }`;

async function roundTrips(first: number): Promise<{ statements: number; systems: number; leaves: number }> {
  server.statements.length = 0;
  const { body } = await server.gql<{
    aiSystems: { edges: { node: { risks: { mitigatedBy: { implements: unknown[]; evidence: unknown[] }[] }[] } }[] };
  }>(NESTED, { first });
  expect(body.errors).toBeUndefined();
  const systems = body.data!.aiSystems.edges;
  const leaves = systems.flatMap((e) =>
    e.node.risks.flatMap((r) => r.mitigatedBy.flatMap((c) => [...c.implements, ...c.evidence])),
  ).length;
  return { statements: server.statements.length, systems: systems.length, leaves };
}

beforeAll(async () => {
  server = await startTestServer();
  await cleanUp(server.graph, TAG);
  await buildFixture(100);
}, 120_000);
afterAll(async () => {
  await cleanUp(server.graph, TAG);
  await server.close();
});

describe('nested reads', () => {
  it('send the same number of statements for 50 and 100 systems', async () => {
    const fifty = await roundTrips(50);
    const hundred = await roundTrips(100);
    expect(fifty.systems).toBe(50);
    expect(hundred.systems).toBe(100);
    // 50 systems × 2 risks × 1 control × (1 requirement + 1 evidence item).
    expect(fifty.leaves).toBe(200);
    expect(hundred.leaves).toBe(400);
    expect(hundred.statements).toBe(fifty.statements);
    // One listing, then per level one statement for the links and the records they reach
    // (requirements and frameworks have their own): a small constant.
    expect(fifty.statements).toBeLessThanOrEqual(7);
  });
});

describe('records read for what is shown', () => {
  // Every stored field of each record on the way down, as the nested read shows them.
  const FIELDS: Record<string, string> = {
    AISystem:
      '__typename id version createdAt updatedAt externalRefs { system id } name purpose lifecycleStage riskClass operatorRoles aiActSpecialCases',
    Risk: '__typename id version createdAt updatedAt externalRefs { system id } title description category likelihood impact score status',
    Control: '__typename id version createdAt updatedAt name description status controlType',
    Evidence:
      '__typename id version createdAt updatedAt externalRefs { system id } title evidenceType uri validUntil effectiveFrom',
  };
  const NAVIGATION = `query ($first: Int!) { aiSystems(first: $first, filter: {text: "${TAG}"}) { edges { node { ${FIELDS.AISystem}
    risks { ${FIELDS.Risk} mitigatedBy { ${FIELDS.Control} evidence { ${FIELDS.Evidence} } } } } } } }`;
  // node(id:) reads the whole record.
  const whole = (type: string): string => `query ($id: ID!) { node(id: $id) { ... on ${type} { ${FIELDS[type]} } } }`;

  it('answer exactly as the whole records do, with fewer properties read', async () => {
    interface Shown {
      id: string;
      risks?: Shown[];
      mitigatedBy?: Shown[];
      evidence?: Shown[];
      [field: string]: unknown;
    }
    server.statements.length = 0;
    const { body } = await server.gql<{ aiSystems: { edges: { node: Shown }[] } }>(NAVIGATION, { first: 3 });
    expect(body.errors).toBeUndefined();
    // Each link and the records it reaches in one statement; no whole record read.
    expect(server.statements).toContain('listLinkedEntitiesRAISED_ONINEntity');
    expect(server.statements).not.toContain('listEntitiesByIds');
    const shown: Shown[] = [];
    const walk = (record: Shown): void => {
      const { risks, mitigatedBy, evidence, ...own } = record;
      shown.push(own as Shown);
      [...(risks ?? []), ...(mitigatedBy ?? []), ...(evidence ?? [])].forEach(walk);
    };
    body.data!.aiSystems.edges.forEach((e) => walk(e.node));
    // 3 systems, 6 risks, 6 controls, 6 evidence items; references where the fixture set them.
    expect(shown).toHaveLength(21);
    expect(shown.filter((r) => Array.isArray(r.externalRefs) && r.externalRefs.length > 0)).toHaveLength(4);
    for (const record of shown) {
      const answer = await server.gql<{ node: Record<string, unknown> }>(whole(String(record.__typename)), {
        id: record.id,
      });
      expect(answer.body.errors).toBeUndefined();
      expect(record, record.id).toEqual(answer.body.data!.node);
    }
  });
});
