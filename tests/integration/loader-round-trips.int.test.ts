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
  const link = (kind: string, fromSpace: 'Entity', from: string, toSpace: 'Entity' | 'Requirement', to: string, property: string | null = null) =>
    createLink(linkDef(kind)!, { space: fromSpace, id: from }, { space: toSpace, id: to }, property);
  await server.graph.transaction('WRITE', 'fixture', async (tx) => {
    const requirements = ['iso42001:A.6.2.4', 'iso27001:A.8.29', 'eu-ai-act:Art. 15', 'nist-ai-rmf:MEASURE 2.5', 'iso9001:8.3.4'];
    for (let s = 0; s < systems; s++) {
      const sys = `sys_00000000-0000-4000-8000-${String(s).padStart(12, '0')}`;
      await tx.run(createEntity('AISystem', sys, { name: `${TAG}system ${s}`, lifecycleStage: 'OPERATION_AND_MONITORING', operatorRoles: [] }, []));
      for (let r = 0; r < 2; r++) {
        const risk = `rsk_00000000-0000-4000-8${r}00-${String(s).padStart(12, '0')}`;
        await tx.run(createEntity('Risk', risk, { title: `${TAG}risk ${s}.${r}`, category: 'ROBUSTNESS', likelihood: 2, impact: 3, status: 'ASSESSED' }, []));
        await tx.run(link('RAISED_ON', 'Entity', risk, 'Entity', sys));
        const control = `ctl_00000000-0000-4000-8${r}00-${String(s).padStart(12, '0')}`;
        await tx.run(createEntity('Control', control, { name: `${TAG}control ${s}.${r}`, status: 'OPERATING' }, []));
        await tx.run(link('MITIGATES', 'Entity', control, 'Entity', risk));
        await tx.run(link('IMPLEMENTS', 'Entity', control, 'Requirement', requirements[(s + r) % requirements.length]!, 'FULL'));
        const evidence = `evd_00000000-0000-4000-8${r}00-${String(s).padStart(12, '0')}`;
        await tx.run(createEntity('Evidence', evidence, { title: `${TAG}evidence ${s}.${r}`, evidenceType: 'TEST_RESULT' }, []));
        await tx.run(link('SUPPORTS', 'Entity', evidence, 'Entity', control));
      }
    }
  });
}

const NESTED = `query ($first: Int!) { aiSystems(first: $first, filter: {text: "${TAG}"}) { edges { node {
  name risks { title score mitigatedBy { name status implements { coverage requirement { id title framework { id } } } evidence { title } } } } } } }`;

async function roundTrips(first: number): Promise<{ statements: number; systems: number; leaves: number }> {
  server.statements.length = 0;
  const { body } = await server.gql<{ aiSystems: { edges: { node: { risks: { mitigatedBy: { implements: unknown[]; evidence: unknown[] }[] }[] } }[] } }>(NESTED, { first });
  expect(body.errors).toBeUndefined();
  const systems = body.data!.aiSystems.edges;
  const leaves = systems.flatMap((e) => e.node.risks.flatMap((r) => r.mitigatedBy.flatMap((c) => [...c.implements, ...c.evidence]))).length;
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
    // One listing, then per level one link batch and one record batch (requirements and
    // frameworks have their own): a small constant.
    expect(fifty.statements).toBeLessThanOrEqual(12);
  });
});
