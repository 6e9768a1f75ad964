/** coverage over the demo organisation (seed/demo), which the test setup loads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../src/services/demo.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  // Every answer here is computed: what it takes is part of what is tested (the cache has its own test).
  server = await startTestServer({ coverageCacheEntries: 0 });
});
afterAll(() => server.close());

const COVERAGE = `query ($framework: ID!, $scope: CoverageScope, $asOf: DateTime) {
  coverage(framework: $framework, scope: $scope, asOf: $asOf) {
    asOf summary { total notApplicable covered coveredViaCrosswalk partial gap }
    sections { section { ref } summary { total covered } }
    requirements { requirement { ref } status direct reason
      contributions { control { name } coverage level validEvidence { title } invalidEvidence { evidence { title } reason } }
      rejectedControls { control { name } reason }
      crosswalk { from { id } relationship level chain { id source { id } target { id } relationship provenance { set { id } publisher } } }
      rejectedCrosswalk { from { id } reason } } } }`;

interface Result {
  coverage: {
    summary: Record<string, number>;
    sections: { section: { ref: string }; summary: { total: number } }[];
    requirements: {
      requirement: { ref: string };
      status: string;
      direct: string;
      reason: string;
      contributions: {
        control: { name: string };
        validEvidence: { title: string }[];
        invalidEvidence: { evidence: { title: string }; reason: string }[];
      }[];
      rejectedControls: { control: { name: string }; reason: string }[];
      crosswalk: {
        from: { id: string };
        relationship: string;
        level: string;
        chain: { source: { id: string }; target: { id: string }; provenance: { set: { id: string } } }[];
      }[];
    }[];
  };
}

async function coverage(framework: string, extra: Record<string, unknown> = {}) {
  server.statements.length = 0;
  const { body } = await server.gql<Result>(COVERAGE, { framework, asOf: '2026-11-27T12:00:00Z', ...extra });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const byRef = new Map(body.data!.coverage.requirements.map((r) => [r.requirement.ref, r]));
  return { ...body.data!.coverage, byRef };
}

describe('coverage of ISO/IEC 42001 for the whole organisation', () => {
  it('gives every auditable requirement exactly one status, with counts that add up', async () => {
    const result = await coverage('iso42001');
    expect(result.summary.total).toBe(70);
    expect(result.requirements).toHaveLength(70);
    const s = result.summary;
    expect(s.notApplicable! + s.covered! + s.coveredViaCrosswalk! + s.partial! + s.gap!).toBe(70);
    expect(result.sections.reduce((n, x) => n + x.summary.total, 0)).toBe(70);
    expect(result.sections.map((x) => x.section.ref)).toEqual(expect.arrayContaining(['4', '10', 'A.2', 'A.10']));
  });

  it('explains each status with its controls, evidence and rejections', async () => {
    const { byRef } = await coverage('iso42001');
    expect(byRef.get('A.2.2')).toMatchObject({ status: 'COVERED', direct: 'FULL' });
    expect(byRef.get('A.2.2')!.contributions[0]!.validEvidence).toEqual([
      { title: 'AI policy v3, board minutes 2026-01-20' },
    ]);
    // Bias testing: the credit report expired on 2026-11-03; the CV one still counts organisation-wide.
    const a624 = byRef.get('A.6.2.4')!;
    expect(a624.status).toBe('COVERED');
    expect(a624.contributions[0]!.invalidEvidence).toEqual([
      { evidence: { title: 'Bias test report, credit scoring release 7.2' }, reason: 'EXPIRED' },
    ]);
    // Event logging's only evidence is from 2025: FULL coverage without valid evidence is PARTIAL.
    expect(byRef.get('A.6.2.8')).toMatchObject({
      status: 'PARTIAL',
      rejectedControls: [{ control: { name: 'Event logging for AI systems' }, reason: 'NO_VALID_EVIDENCE' }],
    });
    // The supplier assessment is only PLANNED: nothing direct; what is left comes in part through the crosswalk.
    const a1003 = byRef.get('A.10.3')!;
    expect(a1003).toMatchObject({
      direct: 'NONE',
      rejectedControls: [{ control: { name: 'AI supplier assessment' }, reason: 'CONTROL_NOT_CONTRIBUTING' }],
    });
    expect(a1003.status).toBe(a1003.crosswalk.length > 0 ? 'PARTIAL' : 'GAP');
    expect(a1003.crosswalk.every((c) => c.level === 'PART')).toBe(true);
    // Some requirements are plain gaps, and say so.
    const gaps = [...byRef.values()].filter((r) => r.status === 'GAP');
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap.reason).toMatch(/^Nothing/);
    expect(byRef.get('A.9.2')!.status).toBe('PARTIAL');
  });

  it('is computed in a fixed number of statements, explanations for every requirement in one', async () => {
    await coverage('iso42001');
    const facts = server.statements.filter(
      (s) =>
        s.startsWith('listCoverage') ||
        ['listAllMappings', 'listApplicabilityOf', 'listDirectFacts', 'listImplementations'].includes(s),
    );
    expect(facts.sort()).toEqual([
      'listApplicabilityOf',
      'listCoverageMappings2',
      'listCoverageRequirements',
      'listDirectFacts',
      'listImplementations',
    ]);
  });

  it('reads no implementation or evidence for a summary', async () => {
    server.statements.length = 0;
    const { body } = await server.gql<{ coverage: { summary: { total: number; covered: number } } }>(
      `{ coverage(framework: "iso42001", asOf: "2026-11-27T12:00:00Z") { summary { total covered }
         requirements { requirement { ref } status reason } } }`,
    );
    expect(body.data!.coverage.summary.total).toBeGreaterThan(0);
    expect(server.statements).toContain('listDirectFacts');
    expect(server.statements).not.toContain('listImplementations');
    expect(server.statements).not.toContain('listCoverageControls');
  });
});

describe('coverage of some requirements only', () => {
  const SOME = `query ($refs: [String!]) {
    coverage(framework: "iso42001", asOf: "2026-11-27T12:00:00Z", requirements: $refs) {
      summary { total covered gap }
      requirements { requirement { ref } status reason }
    }
  }`;
  type Some = {
    coverage: {
      summary: Record<string, number>;
      requirements: { requirement: { ref: string }; status: string; reason: string }[];
    };
  };

  it('returns only the requirements asked for, each as the whole answer has it, and the whole summary', async () => {
    const whole = await server.ok<Some>(SOME, { refs: null });
    const some = await server.ok<Some>(SOME, { refs: ['A.6.2.4', '7.5.3', '4'] });
    // Clause 4 only groups others: it has no entry; the others keep the framework's order.
    expect(some.coverage.requirements.map((r) => r.requirement.ref)).toEqual(['7.5.3', 'A.6.2.4']);
    for (const entry of some.coverage.requirements) {
      expect(entry).toEqual(whole.coverage.requirements.find((r) => r.requirement.ref === entry.requirement.ref));
    }
    expect(some.coverage.summary).toEqual(whole.coverage.summary);
    expect((await server.ok<Some>(SOME, { refs: [] })).coverage.requirements).toEqual([]);
  });

  it('works out requirements asked for alone from their own facts, crosswalk neighbours included', async () => {
    server.statements.length = 0;
    const alone = await server.ok<{
      coverage: {
        requirements: { requirement: { ref: string }; status: string; crosswalk: { from: { id: string } }[] }[];
      };
    }>(
      `{ coverage(framework: "iso27001", asOf: "2026-11-27T12:00:00Z", requirements: ["7.5.3"]) {
         requirements { requirement { ref } status crosswalk { from { id } } } } }`,
    );
    expect(alone.coverage.requirements).toEqual([
      {
        requirement: { ref: '7.5.3' },
        status: 'COVERED_VIA_CROSSWALK',
        crosswalk: expect.arrayContaining([{ from: { id: 'iso42001:7.5.3' } }]),
      },
    ]);
    expect(server.statements).toContain('listCoverageMappingsTo2');
    expect(server.statements).not.toContain('listCoverageMappings2');
    // Asking for the summary as well works the whole framework out.
    server.statements.length = 0;
    await server.ok(
      `{ coverage(framework: "iso27001", requirements: ["7.5.3"]) { summary { total } requirements { status } } }`,
    );
    expect(server.statements).toContain('listCoverageMappings2');
    // ... once, the requirements taken from it, whichever field comes first.
    expect(server.statements).not.toContain('listCoverageMappingsTo2');
    server.statements.length = 0;
    await server.ok(
      `{ coverage(framework: "iso27001", requirements: ["7.5.3"]) { requirements { status } summary { total } } }`,
    );
    expect(server.statements.filter((s) => s.startsWith('listCoverageMappings'))).toEqual(['listCoverageMappings2']);
  });

  it('refuses more than 500 references, or one no requirement could have', async () => {
    const many = await server.gql(SOME, { refs: Array.from({ length: 501 }, (_, i) => `X.${i}`) });
    expect(many.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'requirements' });
    const bad = await server.gql(SOME, { refs: ['A.6.2.4', ''] });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'requirements[1]' });
  });
});

describe('coverage through the crosswalk, by scope and by date', () => {
  it('covers ISO/IEC 27001 7.5.3 through the EQUAL harmonized-structure mapping, showing the chain', async () => {
    const { byRef } = await coverage('iso27001');
    const r = byRef.get('7.5.3')!;
    expect(r.status).toBe('COVERED_VIA_CROSSWALK');
    const full = r.crosswalk.find((c) => c.level === 'FULL')!;
    expect(full).toMatchObject({ from: { id: 'iso42001:7.5.3' }, relationship: 'EQUAL' });
    expect(full.chain).toEqual([
      expect.objectContaining({
        source: { id: 'iso42001:7.5.3' },
        target: { id: 'iso27001:7.5.3' },
        provenance: expect.objectContaining({ set: { id: 'hs-iso42001-iso27001' } }),
      }),
    ]);
    // ISO 9001 asks for more in 7.5.3 (42001's is a SUBSET_OF it): only partly met.
    const { byRef: iso9001 } = await coverage('iso9001');
    expect(iso9001.get('7.5.3')!.status).toBe('PARTIAL');
  });

  it('narrows to a system: controls and evidence for other systems stop counting', async () => {
    const credit = demoId('AISystem', 's-credit');
    const { byRef } = await coverage('iso42001', { scope: { systems: [credit] } });
    // Only the expired credit report is in scope for bias testing now.
    expect(byRef.get('A.6.2.4')).toMatchObject({ status: 'PARTIAL', direct: 'PART' });
  });

  it('honours the date: before the policy took effect it was not covered', async () => {
    const { byRef } = await coverage('iso42001', { asOf: '2025-06-01T00:00:00Z' });
    expect(byRef.get('A.2.2')!.status).toBe('PARTIAL');
    expect(byRef.get('A.2.2')!.contributions[0]!.invalidEvidence[0]!.reason).toBe('NOT_YET_EFFECTIVE');
  });

  it('answers bad input with stable codes', async () => {
    const unknown = await server.gql(COVERAGE, { framework: 'iso99999' });
    expect(unknown.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const badScope = await server.gql(COVERAGE, {
      framework: 'iso42001',
      scope: { systems: ['sys_00000000-0000-4000-8000-000000000999'] },
    });
    expect(badScope.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const badDate = await server.gql(COVERAGE, { framework: 'iso42001', asOf: 'yesterday' });
    expect(badDate.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('gaps', () => {
  const GAPS = `query ($framework: ID!, $asOf: DateTime, $scope: CoverageScope) { gaps(framework: $framework, asOf: $asOf, scope: $scope) {
    coverage { requirement { id } status } riskScore risks { title score } remedies { kind control { name } partner { id } } } }`;
  type GapRow = {
    coverage: { requirement: { id: string }; status: string };
    riskScore: number;
    risks: { title: string }[];
    remedies: { kind: string; control: { name: string } | null; partner: { id: string } | null }[];
  };

  it('lists the EU AI Act gaps the riskiest first, with what would close each', async () => {
    const { body } = await server.gql<{ gaps: GapRow[] }>(GAPS, {
      framework: 'eu-ai-act',
      asOf: '2026-11-27T12:00:00Z',
    });
    expect(body.errors).toBeUndefined();
    const gaps = body.data!.gaps;
    expect(gaps.every((g) => g.coverage.status === 'GAP' || g.coverage.status === 'PARTIAL')).toBe(true);
    const scores = gaps.map((g) => g.riskScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Bias risk (3 x 5 on credit, 4 x 5 on CV) rides on Art. 10 and Art. 14: they come first.
    expect(gaps[0]!.riskScore).toBe(20);
    expect(gaps.slice(0, 3).map((g) => g.coverage.requirement.id)).toEqual(
      expect.arrayContaining(['eu-ai-act:Art. 14']),
    );
    // Event logging implements Art. 12 only in part.
    const art12 = gaps.find((g) => g.coverage.requirement.id === 'eu-ai-act:Art. 12')!;
    expect(art12.remedies).toContainEqual({
      kind: 'EXTEND_CONTROL',
      control: { name: 'Event logging for AI systems' },
      partner: null,
    });
  });

  it('names the control that only lacks valid evidence', async () => {
    const { body } = await server.gql<{ gaps: GapRow[] }>(GAPS, {
      framework: 'iso42001',
      asOf: '2026-11-27T12:00:00Z',
    });
    const a628 = body.data!.gaps.find((g) => g.coverage.requirement.id === 'iso42001:A.6.2.8')!;
    expect(a628.remedies).toContainEqual({
      kind: 'ADD_VALID_EVIDENCE',
      control: { name: 'Event logging for AI systems' },
      partner: null,
    });
    const a1003 = body.data!.gaps.find((g) => g.coverage.requirement.id === 'iso42001:A.10.3')!;
    expect(a1003.remedies).toContainEqual({
      kind: 'OPERATE_CONTROL',
      control: { name: 'AI supplier assessment' },
      partner: null,
    });
  });
});

describe('evidence reuse', () => {
  const REUSE = `query ($evidence: ID!, $asOf: DateTime) { evidenceReuse(evidence: $evidence, asOf: $asOf) { valid frameworks { id }
    uses { requirement { id } route control { name } level from { id } relationship chain { provenance { set { id } } } } } }`;
  type Use = {
    requirement: { id: string };
    route: string;
    control: { name: string };
    level: string;
    from: { id: string } | null;
    relationship: string | null;
    chain: unknown[];
  };

  it('follows evidence collected once into every framework it counts in', async () => {
    const { body } = await server.gql<{ evidenceReuse: { valid: boolean; frameworks: { id: string }[]; uses: Use[] } }>(
      REUSE,
      {
        evidence: demoId('Evidence', 'e-doc-procedure'),
        asOf: '2026-11-27T12:00:00Z',
      },
    );
    expect(body.errors).toBeUndefined();
    const reuse = body.data!.evidenceReuse;
    expect(reuse.valid).toBe(true);
    const byId = new Map(reuse.uses.map((u) => [u.requirement.id, u]));
    expect(byId.get('iso42001:7.5.3')).toMatchObject({
      route: 'DIRECT',
      level: 'FULL',
      control: { name: 'Documented information control procedure' },
    });
    expect(byId.get('iso27001:7.5.3')).toMatchObject({
      route: 'CROSSWALK',
      level: 'FULL',
      relationship: 'EQUAL',
      from: { id: 'iso42001:7.5.3' },
    });
    expect(byId.get('iso9001:7.5.3')).toMatchObject({ route: 'CROSSWALK', level: 'PART', relationship: 'SUBSET_OF' });
    expect(reuse.frameworks.map((f) => f.id)).toEqual(expect.arrayContaining(['iso42001', 'iso27001', 'iso9001']));
  });

  it('gives expired evidence no use, and NOT_FOUND for what is not evidence', async () => {
    const { body } = await server.gql<{ evidenceReuse: { valid: boolean; uses: Use[] } }>(REUSE, {
      evidence: demoId('Evidence', 'e-logging-2025'),
      asOf: '2026-11-27T12:00:00Z',
    });
    expect(body.data!.evidenceReuse).toEqual({ valid: false, frameworks: [], uses: [] });
    const wrong = await server.gql(REUSE, { evidence: demoId('Control', 'c-policy') });
    expect(wrong.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('lists the evidence a team starting on ISO/IEC 27001 can reuse', async () => {
    const { body } = await server.gql<{ reusableEvidence: { evidence: { title: string }; uses: Use[] }[] }>(
      `query { reusableEvidence(framework: "iso27001", asOf: "2026-11-27T12:00:00Z") { evidence { title } uses { requirement { id } route level } } }`,
    );
    const byTitle = new Map(body.data!.reusableEvidence.map((r) => [r.evidence.title, r.uses]));
    expect(byTitle.get('Document control procedure DC-01 v4')).toContainEqual({
      requirement: { id: 'iso27001:7.5.3' },
      route: 'CROSSWALK',
      level: 'FULL',
    });
    expect(byTitle.get('AI policy v3, board minutes 2026-01-20')).toContainEqual({
      requirement: { id: 'iso27001:A.5.1' },
      route: 'DIRECT',
      level: 'PART',
    });
    expect(byTitle.has('Logging configuration review 2025')).toBe(false);
    for (const uses of byTitle.values()) expect(uses.every((u) => u.requirement.id.startsWith('iso27001:'))).toBe(true);
  });
});

describe('Statement of Applicability', () => {
  const SOA = `query ($framework: ID!, $asOf: DateTime) { statementOfApplicability(framework: $framework, asOf: $asOf) {
    entries { requirement { ref } applicable justification implementationStatus controls { name } evidence { title } decision { id version } }
    csv markdown } }`;
  const SET = `mutation ($input: SetApplicabilityInput!) { setApplicability(input: $input) { applicability { id version applicable justification } } }`;
  type Soa = {
    statementOfApplicability: {
      entries: {
        requirement: { ref: string };
        applicable: boolean;
        justification: string | null;
        implementationStatus: string;
        controls: { name: string }[];
        evidence: { title: string }[];
        decision: { id: string; version: number } | null;
      }[];
      csv: string;
      markdown: string;
    };
  };
  let decisionId: string | undefined;
  afterAll(async () => {
    if (decisionId) await server.gql(`mutation ($id: ID!) { deleteApplicability(id: $id) { id } }`, { id: decisionId });
  });

  it('lists every ISO/IEC 42001 Annex A control with its implementation, as CSV and Markdown too', async () => {
    const { body } = await server.gql<Soa>(SOA, { framework: 'iso42001', asOf: '2026-11-27T12:00:00Z' });
    expect(body.errors).toBeUndefined();
    const soa = body.data!.statementOfApplicability;
    expect(soa.entries).toHaveLength(38);
    const a22 = soa.entries.find((e) => e.requirement.ref === 'A.2.2')!;
    expect(a22).toMatchObject({
      applicable: true,
      justification: null,
      implementationStatus: 'COVERED',
      controls: [{ name: 'AI policy approved by the board' }],
    });
    expect(soa.csv.split('\r\n')[0]).toBe(
      'Reference,Title,Applicable,Justification,Implementation status,Controls,Evidence',
    );
    expect(soa.csv.split('\r\n')).toHaveLength(38 + 2);
    expect(soa.markdown.split('\n')[0]).toBe(
      '| Reference | Title | Applicable | Justification | Implementation status | Controls | Evidence |',
    );
    expect(soa.markdown).toContain(
      '| A.2.2 | AI policy | Yes |  | COVERED | AI policy approved by the board | AI policy v3, board minutes 2026-01-20 |',
    );
  });

  it('records an exclusion once per scope, and the statement and coverage follow it', async () => {
    const first = await server.gql<{ setApplicability: { applicability: { id: string; version: number } } }>(SET, {
      input: {
        requirement: 'iso42001:A.10.4',
        applicable: false,
        justification: 'No AI system serves customers directly.',
      },
    });
    expect(first.body.errors).toBeUndefined();
    decisionId = first.body.data!.setApplicability.applicability.id;
    const again = await server.gql<{
      setApplicability: { applicability: { id: string; version: number; justification: string } };
    }>(SET, {
      input: {
        requirement: 'iso42001:A.10.4',
        applicable: false,
        justification: 'No AI system serves customers directly (reviewed).',
      },
    });
    expect(again.body.data!.setApplicability.applicability).toMatchObject({ id: decisionId, version: 2 });
    const { body } = await server.gql<Soa>(SOA, { framework: 'iso42001', asOf: '2026-11-27T12:00:00Z' });
    const a104 = body.data!.statementOfApplicability.entries.find((e) => e.requirement.ref === 'A.10.4')!;
    expect(a104).toMatchObject({
      applicable: false,
      implementationStatus: 'NOT_APPLICABLE',
      justification: 'No AI system serves customers directly (reviewed).',
    });
    const blank = await server.gql(SET, {
      input: { requirement: 'iso42001:A.10.4', applicable: false, justification: '  ' },
    });
    expect(blank.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'justification' });
    const unknown = await server.gql(SET, {
      input: { requirement: 'iso42001:A.99', applicable: true, justification: 'x' },
    });
    expect(unknown.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});
