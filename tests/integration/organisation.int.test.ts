import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from '../helpers/organisation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const TAG = 'orgtest ';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await cleanUp(server.graph, TAG);
});
afterAll(async () => {
  await cleanUp(server.graph, TAG);
  await server.close();
});

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;

async function fails(query: string, variables: Record<string, unknown> = {}): Promise<NonNullable<Errors>[number]> {
  const { body } = await server.gql(query, variables);
  expect(body.errors).toBeDefined();
  return body.errors![0]!;
}

const CREATE_SYSTEM = `mutation ($input: CreateAISystemInput!) { createAISystem(input: $input) { aiSystem { id version name lifecycleStage riskClass operatorRoles externalRefs { system id } } } }`;

async function system(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const data = await server.ok<{ createAISystem: { aiSystem: { id: string } } }>(CREATE_SYSTEM, {
    input: { name: `${TAG}${name}`, lifecycleStage: 'OPERATION_AND_MONITORING', ...extra },
  });
  return data.createAISystem.aiSystem.id;
}

async function count(label: string): Promise<number> {
  const [row] = await server.graph.read<{ n: number }>({
    name: 'test',
    cypher: `MATCH (n:Entity) WHERE $label IN labels(n) AND coalesce(n.name, n.title, '') STARTS WITH $tag RETURN count(n) AS n`,
    params: { label, tag: TAG },
  });
  return row!.n;
}

describe('organisation records', () => {
  it('creates a record with defaults, a version and external references', async () => {
    const data = await server.ok<{ createAISystem: { aiSystem: Record<string, unknown> } }>(CREATE_SYSTEM, {
      input: {
        name: `${TAG}CV screening`,
        lifecycleStage: 'DEPLOYMENT',
        riskClass: 'HIGH_RISK',
        operatorRoles: ['DEPLOYER', 'DEPLOYER', 'PROVIDER'],
        externalRefs: [{ system: 'servicenow', id: 'orgtest-AI-1' }],
      },
    });
    expect(data.createAISystem.aiSystem).toMatchObject({
      id: expect.stringMatching(/^sys_[0-9a-f-]{36}$/),
      version: 1,
      riskClass: 'HIGH_RISK',
      operatorRoles: ['DEPLOYER', 'PROVIDER'],
      externalRefs: [{ system: 'servicenow', id: 'orgtest-AI-1' }],
    });
  });

  it('refuses a taken external reference with CONFLICT and writes nothing', async () => {
    const before = await count('AISystem');
    const error = await fails(CREATE_SYSTEM, {
      input: {
        name: `${TAG}duplicate`,
        lifecycleStage: 'INCEPTION',
        externalRefs: [{ system: 'servicenow', id: 'orgtest-AI-1' }],
      },
    });
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'externalRefs' });
    expect(await count('AISystem')).toBe(before);
  });

  it('answers bad values with BAD_USER_INPUT naming the field', async () => {
    const risk = await fails(`mutation ($input: CreateRiskInput!) { createRisk(input: $input) { risk { id } } }`, {
      input: { title: `${TAG}risk`, category: 'BIAS', likelihood: 6, impact: 2 },
    });
    expect(risk.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'likelihood' });
    const date = await fails(
      `mutation ($input: CreateEvidenceInput!) { createEvidence(input: $input) { evidence { id } } }`,
      {
        input: { title: `${TAG}evidence`, evidenceType: 'LOG', effectiveFrom: '2026-02-30' },
      },
    );
    expect(date.extensions!.code).toBe('BAD_USER_INPUT');
    expect(date.message).toMatch(/effectiveFrom/);
    const period = await fails(
      `mutation ($input: CreateEvidenceInput!) { createEvidence(input: $input) { evidence { id } } }`,
      {
        input: { title: `${TAG}evidence`, evidenceType: 'LOG', effectiveFrom: '2026-06-01', validUntil: '2026-01-01' },
      },
    );
    expect(period.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validUntil' });
    const blank = await fails(CREATE_SYSTEM, { input: { name: '   ', lifecycleStage: 'INCEPTION' } });
    expect(blank.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const enumValue = await fails(CREATE_SYSTEM, { input: { name: `${TAG}x`, lifecycleStage: 'LAUNCHED' } });
    expect(enumValue.extensions!.code).toBe('BAD_USER_INPUT');
    expect(await count('Evidence')).toBe(0);
  });

  it('updates with the expected version, and refuses a stale one with CONFLICT', async () => {
    const id = await system('versioned');
    const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateAISystemInput!) { updateAISystem(id: $id, expectedVersion: $v, input: $input) { aiSystem { version purpose riskClass } } }`;
    const first = await server.ok<{ updateAISystem: { aiSystem: { version: number; purpose: string } } }>(UPDATE, {
      id,
      v: 1,
      input: { purpose: 'Rank applicants', riskClass: 'HIGH_RISK' },
    });
    expect(first.updateAISystem.aiSystem).toEqual({ version: 2, purpose: 'Rank applicants', riskClass: 'HIGH_RISK' });
    const stale = await fails(UPDATE, { id, v: 1, input: { purpose: 'lost update' } });
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const cleared = await server.ok<{ updateAISystem: { aiSystem: { version: number; riskClass: string | null } } }>(
      UPDATE,
      { id, v: 2, input: { riskClass: null } },
    );
    expect(cleared.updateAISystem.aiSystem).toMatchObject({ version: 3, riskClass: null, purpose: 'Rank applicants' });
    const required = await fails(UPDATE, { id, v: 3, input: { name: null } });
    expect(required.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const missing = await fails(UPDATE, {
      id: 'sys_00000000-0000-4000-8000-000000000000',
      v: 1,
      input: { purpose: 'x' },
    });
    expect(missing.extensions!.code).toBe('NOT_FOUND');
  });

  it('lets exactly one of several concurrent updates of one version through', async () => {
    const id = await system('contended');
    const UPDATE = `mutation ($id: ID!, $input: UpdateAISystemInput!) { updateAISystem(id: $id, expectedVersion: 1, input: $input) { aiSystem { version } } }`;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => server.gql(UPDATE, { id, input: { purpose: `writer ${i}` } })),
    );
    const codes = results.map((r) => (r.body.errors ? String(r.body.errors[0]!.extensions!.code) : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
  });

  it('links records and requirements, reads the links from both sides, and unlinks', async () => {
    const sys = await system('linked system');
    const control = (
      await server.ok<{ createControl: { control: { id: string } } }>(
        `mutation { createControl(input: {name: "${TAG}bias testing", status: OPERATING}) { control { id } } }`,
      )
    ).createControl.control.id;
    const LINK = `mutation ($input: LinkInput!) { link(input: $input) { changed kind } }`;
    expect(
      (await server.ok<{ link: { changed: boolean } }>(LINK, { input: { kind: 'APPLIES_TO', from: control, to: sys } }))
        .link.changed,
    ).toBe(true);
    expect(
      (await server.ok<{ link: { changed: boolean } }>(LINK, { input: { kind: 'APPLIES_TO', from: control, to: sys } }))
        .link.changed,
    ).toBe(false);
    await server.ok(LINK, { input: { kind: 'IMPLEMENTS', from: control, to: 'iso42001:A.6.2.4', coverage: 'FULL' } });
    expect(
      (
        await server.ok<{ link: { changed: boolean } }>(LINK, {
          input: { kind: 'IMPLEMENTS', from: control, to: 'iso42001:A.6.2.4', coverage: 'PARTIAL' },
        })
      ).link.changed,
    ).toBe(true);

    const read = await server.ok<{
      node: { controls: { id: string; implements: { requirement: { id: string }; coverage: string }[] }[] };
      requirement: { implementedBy: { control: { id: string }; coverage: string }[] };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on AISystem { controls { id implements { requirement { id } coverage } } } }
         requirement(framework: "iso42001", ref: "A.6.2.4") { implementedBy { control { id } coverage } } }`,
      { id: sys },
    );
    expect(read.node.controls).toEqual([
      { id: control, implements: [{ requirement: { id: 'iso42001:A.6.2.4' }, coverage: 'PARTIAL' }] },
    ]);
    expect(read.requirement.implementedBy).toContainEqual({ control: { id: control }, coverage: 'PARTIAL' });

    const wrongKind = await fails(LINK, { input: { kind: 'MITIGATES', from: control, to: sys } });
    expect(wrongKind.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const noCoverage = await fails(LINK, { input: { kind: 'IMPLEMENTS', from: control, to: 'iso42001:A.6.2.5' } });
    expect(noCoverage.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'coverage' });
    const unknown = await fails(LINK, {
      input: { kind: 'APPLIES_TO', from: control, to: 'sys_00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.extensions!.code).toBe('NOT_FOUND');

    const UNLINK = `mutation ($input: UnlinkInput!) { unlink(input: $input) { changed } }`;
    expect(
      (
        await server.ok<{ unlink: { changed: boolean } }>(UNLINK, {
          input: { kind: 'APPLIES_TO', from: control, to: sys },
        })
      ).unlink.changed,
    ).toBe(true);
    expect(
      (
        await server.ok<{ unlink: { changed: boolean } }>(UNLINK, {
          input: { kind: 'APPLIES_TO', from: control, to: sys },
        })
      ).unlink.changed,
    ).toBe(false);
  });

  it('refuses to delete a record others are linked to, listing them, unless asked to cascade', async () => {
    const sys = await system('deleted system');
    const risk = (
      await server.ok<{ createRisk: { risk: { id: string } } }>(
        `mutation { createRisk(input: {title: "${TAG}unfair ranking", category: BIAS, likelihood: 3, impact: 4}) { risk { id } } }`,
      )
    ).createRisk.risk.id;
    await server.ok(`mutation ($input: LinkInput!) { link(input: $input) { changed } }`, {
      input: { kind: 'RAISED_ON', from: risk, to: sys },
    });
    const DELETE = `mutation ($id: ID!, $cascade: Boolean) { deleteAISystem(id: $id, cascade: $cascade) { id removedLinks } }`;
    const refused = await fails(DELETE, { id: sys });
    expect(refused.extensions).toMatchObject({
      code: 'CONFLICT',
      dependents: [{ id: risk, type: 'Risk', label: `${TAG}unfair ranking`, relationship: 'RAISED_ON' }],
    });
    const deleted = await server.ok<{ deleteAISystem: { removedLinks: number } }>(DELETE, { id: sys, cascade: true });
    expect(deleted.deleteAISystem.removedLinks).toBe(1);
    const after = await server.ok<{ node: unknown; risk: { raisedOn: unknown[] } }>(
      `query ($sys: ID!, $risk: ID!) { node(id: $sys) { id } risk: node(id: $risk) { ... on Risk { raisedOn { __typename } } } }`,
      { sys, risk },
    );
    expect(after).toEqual({ node: null, risk: { raisedOn: [] } });
  });

  it('lists with filters, text search and stable keyset pages', async () => {
    for (const name of ['page c', 'page a', 'page b', 'page d', 'page e'])
      await system(name, { riskClass: name === 'page b' ? 'MINIMAL' : 'HIGH_RISK' });
    const LIST = `query ($first: Int, $after: String, $filter: AISystemFilter) { aiSystems(first: $first, after: $after, filter: $filter) {
      totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      aiSystems: {
        totalCount: number;
        edges: { node: { name: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await server.ok<Page>(LIST, { first: 2, after, filter: { text: `${TAG}PAGE` } });
      expect(page.aiSystems.totalCount).toBe(5);
      names.push(...page.aiSystems.edges.map((e) => e.node.name));
      if (!page.aiSystems.pageInfo.hasNextPage) break;
      after = page.aiSystems.pageInfo.endCursor;
    }
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e'].map((x) => `${TAG}page ${x}`));
    const high = await server.ok<Page>(LIST, { filter: { text: `${TAG}page`, riskClass: 'HIGH_RISK' } });
    expect(high.aiSystems.totalCount).toBe(4);
    const bad = await fails(LIST, { after: 'not-a-cursor' });
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('applicability and version changes', () => {
  it('records an exclusion limited to one system, readable from the requirement', async () => {
    const sys = await system('applicability system');
    const data = await server.ok<{
      createApplicability: {
        applicability: { id: string; applicable: boolean; requirement: { id: string }; systems: { id: string }[] };
      };
    }>(
      `mutation ($input: CreateApplicabilityInput!) { createApplicability(input: $input) { applicability { id applicable requirement { id } systems { id } } } }`,
      {
        input: {
          requirement: 'iso42001:A.10.4',
          applicable: false,
          justification: `${TAG}no customers use this system's outputs`,
          systems: [sys],
        },
      },
    );
    expect(data.createApplicability.applicability).toMatchObject({
      applicable: false,
      requirement: { id: 'iso42001:A.10.4' },
      systems: [{ id: sys }],
    });
    const read = await server.ok<{ requirement: { applicability: { id: string }[] } }>(
      `{ requirement(framework: "iso42001", ref: "A.10.4") { applicability { id } } }`,
    );
    expect(read.requirement.applicability.map((a) => a.id)).toContain(data.createApplicability.applicability.id);
    const missing = await fails(
      `mutation ($input: CreateApplicabilityInput!) { createApplicability(input: $input) { applicability { id } } }`,
      {
        input: { requirement: 'iso42001:A.99.9', applicable: true, justification: `${TAG}x` },
      },
    );
    expect(missing.extensions!.code).toBe('NOT_FOUND');
    // The entry points at the system; deleting the entry needs no cascade.
    const deleted = await server.ok<{ deleteApplicability: { removedLinks: number } }>(
      `mutation ($id: ID!) { deleteApplicability(id: $id) { removedLinks } }`,
      {
        id: data.createApplicability.applicability.id,
      },
    );
    expect(deleted.deleteApplicability.removedLinks).toBe(2);
  });

  it('shows the controls and obligations that touch a requirement changed between versions', async () => {
    const control = (
      await server.ok<{ createControl: { control: { id: string } } }>(
        `mutation { createControl(input: {name: "${TAG}fundamental rights liaison", status: IMPLEMENTED}) { control { id } } }`,
      )
    ).createControl.control.id;
    await server.ok(`mutation ($input: LinkInput!) { link(input: $input) { changed } }`, {
      input: { kind: 'IMPLEMENTS', from: control, to: 'eu-ai-act:Art. 77', coverage: 'PARTIAL' },
    });
    const diff = await server.ok<{
      frameworkVersionDiff: { retitled: { ref: string; controls: { control: { id: string }; coverage: string }[] }[] };
    }>(
      `query ($from: String!, $to: String!) { frameworkVersionDiff(framework: "eu-ai-act", from: $from, to: $to) { retitled { ref controls { control { id } coverage } obligations { id } } } }`,
      { from: 'Regulation (EU) 2024/1689', to: 'Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744' },
    );
    expect(diff.frameworkVersionDiff.retitled.find((r) => r.ref === 'Art. 77')!.controls).toEqual([
      { control: { id: control }, coverage: 'PARTIAL' },
    ]);
  });
});
