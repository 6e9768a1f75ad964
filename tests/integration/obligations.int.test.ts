/** applicableObligations and deriveObligations against the real Neo4j, over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../src/services/demo.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const APPLICABLE = `query ($aiSystem: ID!, $asOf: Date) {
  applicableObligations(aiSystem: $aiSystem, asOf: $asOf) {
    aiSystem { name } frameworkVersion asOf notes
    obligations { article requirement { id title } appliesFrom inEffect
      rules { id title basis appliesFrom dateBasis } obligation { id } } } }`;

const DERIVE = `mutation ($aiSystem: ID!) {
  deriveObligations(aiSystem: $aiSystem) {
    aiSystem { id }
    derived { article action obligation { id version title description dueDate status derivedByRules
      systems { id } derivedFrom { id } } }
    notYetBinding
    noLongerApplicable { id title } } }`;

interface Applicable {
  applicableObligations: {
    aiSystem: { name: string };
    frameworkVersion: string;
    asOf: string;
    notes: string[];
    obligations: {
      article: string;
      requirement: { id: string; title: string } | null;
      appliesFrom: string | null;
      inEffect: boolean;
      rules: { id: string; title: string; basis: string; appliesFrom: string | null; dateBasis: string }[];
      obligation: { id: string } | null;
    }[];
  };
}

interface Derived {
  deriveObligations: {
    aiSystem: { id: string };
    derived: {
      article: string;
      action: string;
      obligation: {
        id: string;
        version: number;
        title: string;
        description: string;
        dueDate: string;
        status: string;
        derivedByRules: string[];
        systems: { id: string }[];
        derivedFrom: { id: string }[];
      };
    }[];
    notYetBinding: string[];
    noLongerApplicable: { id: string; title: string }[];
  };
}

async function createSystem(fields: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const data = await server.ok<{ createAISystem: { aiSystem: { id: string; version: number } } }>(
    `mutation ($input: CreateAISystemInput!) { createAISystem(input: $input) { aiSystem { id version } } }`,
    { input: { lifecycleStage: 'DEPLOYMENT', ...fields } },
  );
  return data.createAISystem.aiSystem;
}

async function updateSystem(id: string, expectedVersion: number, input: Record<string, unknown>): Promise<number> {
  const data = await server.ok<{ updateAISystem: { aiSystem: { version: number } } }>(
    `mutation ($id: ID!, $v: Int!, $input: UpdateAISystemInput!) { updateAISystem(id: $id, expectedVersion: $v, input: $input) { aiSystem { version } } }`,
    { id, v: expectedVersion, input },
  );
  return data.updateAISystem.aiSystem.version;
}

const byArticle = <T extends { article: string }>(items: readonly T[]): Map<string, T> =>
  new Map(items.map((i) => [i.article, i]));

describe('applicableObligations', () => {
  it('reads the demo credit scoring system (provider and deployer, Annex III 5(b)) as the Act does', async () => {
    const data = await server.ok<Applicable>(APPLICABLE, {
      aiSystem: demoId('AISystem', 's-credit'),
      asOf: '2026-06-01',
    });
    const result = data.applicableObligations;
    expect(result).toMatchObject({
      aiSystem: { name: 'Credit scoring' },
      frameworkVersion: 'Regulation (EU) 2024/1689',
      asOf: '2026-06-01',
      notes: [],
    });
    expect(result.obligations.map((o) => o.article)).toEqual([
      'Art. 4',
      'Art. 8',
      'Art. 9',
      'Art. 10',
      'Art. 11',
      'Art. 12',
      'Art. 13',
      'Art. 14',
      'Art. 15',
      'Art. 16',
      'Art. 17',
      'Art. 18',
      'Art. 19',
      'Art. 20',
      'Art. 21',
      'Art. 26',
      'Art. 27',
      'Art. 43',
      'Art. 47',
      'Art. 48',
      'Art. 49',
      'Art. 72',
      'Art. 73',
      'Art. 86',
    ]);
    const articles = byArticle(result.obligations);
    expect(articles.get('Art. 4')).toMatchObject({
      appliesFrom: '2025-02-02',
      inEffect: true,
      requirement: { id: 'eu-ai-act:Art. 4', title: 'AI literacy' },
    });
    const fria = articles.get('Art. 27')!;
    expect(fria).toMatchObject({
      appliesFrom: '2026-08-02',
      inEffect: false,
      requirement: { title: 'Fundamental rights impact assessment for high-risk AI systems' },
    });
    expect(fria.rules).toEqual([
      expect.objectContaining({
        id: 'fundamental-rights-impact-assessment',
        appliesFrom: '2026-08-02',
        dateBasis: expect.stringMatching(/^Art\. 113/),
      }),
    ]);
    expect(fria.rules[0]!.basis).toMatch(/^Art\. 27\(1\)/);
    const later = await server.ok<Applicable>(APPLICABLE, {
      aiSystem: demoId('AISystem', 's-credit'),
      asOf: '2026-08-02',
    });
    expect(byArticle(later.applicableObligations.obligations).get('Art. 27')!.inEffect).toBe(true);
  });

  it('gives the CV screening deployer Art. 26 and Art. 86 but no impact assessment, and the chatbot its two Art. 50 cases', async () => {
    const cv = await server.ok<Applicable>(APPLICABLE, { aiSystem: demoId('AISystem', 's-cv') });
    expect(cv.applicableObligations.obligations.map((o) => o.article)).toEqual(['Art. 4', 'Art. 26', 'Art. 86']);
    const chat = await server.ok<Applicable>(APPLICABLE, { aiSystem: demoId('AISystem', 's-chat') });
    const art50 = byArticle(chat.applicableObligations.obligations).get('Art. 50')!;
    expect(art50.rules.map((r) => r.id)).toEqual(['transparency-interaction', 'transparency-synthetic-content']);
  });

  it('defaults asOf to today and refuses what is not an AI system', async () => {
    const data = await server.ok<Applicable>(APPLICABLE, { aiSystem: demoId('AISystem', 's-fraud') });
    expect(data.applicableObligations.asOf).toBe(new Date().toISOString().slice(0, 10));
    const missing = await server.gql(APPLICABLE, { aiSystem: 'sys_00000000-0000-4000-8000-000000000000' });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const wrongType = await server.gql(APPLICABLE, { aiSystem: demoId('Control', 'c-ai-notice') });
    expect(wrongType.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await server.gql(APPLICABLE, { aiSystem: 'x'.repeat(301) });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badDate = await server.gql(APPLICABLE, { aiSystem: demoId('AISystem', 's-fraud'), asOf: '2026-02-30' });
    expect(badDate.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('deriveObligations', () => {
  it('creates one obligation per binding article, then finds them again instead of creating more', async () => {
    const system = await createSystem({
      name: 'Benefit eligibility triage',
      riskClass: 'HIGH_RISK',
      highRiskRoute: 'ANNEX_III',
      operatorRoles: ['DEPLOYER'],
      aiActSpecialCases: ['PUBLIC_SERVICE_DEPLOYER'],
    });
    const first = (await server.ok<Derived>(DERIVE, { aiSystem: system.id })).deriveObligations;
    expect(first.derived.map((d) => [d.article, d.action])).toEqual([
      ['Art. 4', 'CREATED'],
      ['Art. 26', 'CREATED'],
      ['Art. 27', 'CREATED'],
      ['Art. 86', 'CREATED'],
    ]);
    const fria = byArticle(first.derived).get('Art. 27')!.obligation;
    expect(fria).toMatchObject({
      version: 1,
      title: 'Art. 27 Fundamental rights impact assessment for high-risk AI systems: Benefit eligibility triage',
      dueDate: '2026-08-02',
      status: 'OPEN',
      derivedByRules: ['fundamental-rights-impact-assessment'],
      systems: [{ id: system.id }],
      derivedFrom: [{ id: 'eu-ai-act:Art. 27' }],
    });
    expect(fria.description).toMatch(/Art\. 27\(1\)/);

    const again = (await server.ok<Derived>(DERIVE, { aiSystem: system.id })).deriveObligations;
    expect(again.derived.map((d) => d.action)).toEqual(['UNCHANGED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    expect(again.derived.map((d) => [d.obligation.id, d.obligation.version])).toEqual(
      first.derived.map((d) => [d.obligation.id, 1]),
    );

    const shown = await server.ok<Applicable>(APPLICABLE, { aiSystem: system.id });
    expect(byArticle(shown.applicableObligations.obligations).get('Art. 27')!.obligation).toEqual({ id: fria.id });
  });

  it('refreshes what the facts change, keeps the status, and lists what no longer binds without deleting it', async () => {
    const system = await createSystem({
      name: 'Grid load forecaster',
      riskClass: 'HIGH_RISK',
      highRiskRoute: 'ANNEX_III',
      operatorRoles: ['DEPLOYER'],
      aiActSpecialCases: ['PUBLIC_SERVICE_DEPLOYER'],
    });
    const first = byArticle((await server.ok<Derived>(DERIVE, { aiSystem: system.id })).deriveObligations.derived);
    const art26 = first.get('Art. 26')!.obligation;
    await server.ok(
      `mutation ($id: ID!) { updateObligation(id: $id, expectedVersion: 1, input: { status: IN_PROGRESS }) { obligation { id } } }`,
      { id: art26.id },
    );

    // Annex III point 2: no impact assessment, no Art. 86; and an Annex I route moves the date to 2027.
    const v2 = await updateSystem(system.id, system.version, {
      aiActSpecialCases: ['PUBLIC_SERVICE_DEPLOYER', 'CRITICAL_INFRASTRUCTURE'],
      highRiskRoute: 'ANNEX_I',
    });
    const second = (await server.ok<Derived>(DERIVE, { aiSystem: system.id })).deriveObligations;
    expect(second.derived.map((d) => [d.article, d.action])).toEqual([
      ['Art. 4', 'UNCHANGED'],
      ['Art. 26', 'UPDATED'],
    ]);
    expect(second.derived[1]!.obligation).toMatchObject({
      id: art26.id,
      version: 3,
      dueDate: '2027-08-02',
      status: 'IN_PROGRESS',
    });
    expect(second.noLongerApplicable.map((o) => o.id).sort()).toEqual(
      [first.get('Art. 27')!.obligation.id, first.get('Art. 86')!.obligation.id].sort(),
    );

    // Already on the market before 2 August 2026 and unchanged: nothing binds from a date yet.
    await updateSystem(system.id, v2, {
      aiActSpecialCases: ['ON_MARKET_BEFORE_2_AUGUST_2026'],
      highRiskRoute: 'ANNEX_III',
    });
    const third = (await server.ok<Derived>(DERIVE, { aiSystem: system.id })).deriveObligations;
    expect(third.derived.map((d) => d.article)).toEqual(['Art. 4']);
    expect(third.notYetBinding).toEqual(['Art. 26', 'Art. 86']);
    expect(third.noLongerApplicable).toHaveLength(3);
    const kept = await server.ok<{ node: { status: string } | null }>(
      `query ($id: ID!) { node(id: $id) { ... on Obligation { status } } }`,
      { id: art26.id },
    );
    expect(kept.node).toEqual({ status: 'IN_PROGRESS' });
  });

  it('derives once when called concurrently for the same system', async () => {
    const system = await createSystem({
      name: 'Exam proctoring',
      riskClass: 'HIGH_RISK',
      highRiskRoute: 'ANNEX_III',
      operatorRoles: ['PROVIDER'],
    });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => server.gql<Derived>(DERIVE, { aiSystem: system.id })),
    );
    for (const r of results) expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    const created = results.flatMap((r) =>
      r.body.data!.deriveObligations.derived.filter((d) => d.action === 'CREATED'),
    );
    expect(created).toHaveLength(21);
    const ids = new Set(results.flatMap((r) => r.body.data!.deriveObligations.derived.map((d) => d.obligation.id)));
    expect(ids.size).toBe(21);
    const [count] = await server.graph.read<{ n: number }>({
      name: 'countDerived',
      cypher: 'MATCH (o:Obligation)-[:BINDS]->(:AISystem {id: $id}) RETURN count(o) AS n',
      params: { id: system.id },
    });
    expect(count!.n).toBe(21);
  });

  it('refuses an unknown system and writes nothing', async () => {
    const missing = await server.gql(DERIVE, { aiSystem: 'sys_00000000-0000-4000-8000-000000000000' });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(missing.body.data).toBeNull();
  });
});
