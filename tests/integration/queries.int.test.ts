/**
 * Every saved analyst operation in queries/ runs against the real service and gives the
 * answer it promises. A new file without an expectation here fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSavedOperations } from '../../src/playground/saved-operations.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

type Data = Record<string, unknown>;
const expectations: Record<string, (data: Data) => void> = {
  Frameworks: (data) => {
    const frameworks = data.frameworks as { id: string }[];
    expect(frameworks.map((f) => f.id)).toEqual(['eu-ai-act', 'iso27001', 'iso42001', 'iso9001', 'nist-ai-rmf']);
  },
  AnnexAControls: (data) => {
    const framework = data.framework as { requirements: { children: { kind: string }[] }[] };
    expect(framework.requirements.flatMap((o) => o.children).filter((c) => c.kind === 'CONTROL')).toHaveLength(38);
  },
  NistSubcategoryToIso42001: (data) => {
    const requirement = data.requirement as {
      mappings: {
        target: { ref: string };
        relationship: string;
        inferred: boolean;
        chain: { citation: string | null; provenance: { publisher: string; set: { id: string } } }[];
      }[];
    };
    const direct = requirement.mappings.filter((m) => !m.inferred);
    // NIST's crosswalk pairs MEASURE 2.11 with Annex B guidance B.5.4 and B.5.5, recorded against A.5.4 and A.5.5.
    expect(direct.map((m) => [m.target.ref, m.chain[0]!.citation]).sort()).toEqual([
      ['A.5.4', 'B.5.4'],
      ['A.5.5', 'B.5.5'],
    ]);
    expect(
      direct.every(
        (m) => m.chain[0]!.provenance.publisher === 'NIST' && m.chain[0]!.provenance.set.id === 'nist-ai-rmf-iso42001',
      ),
    ).toBe(true);
    // INTERSECTS_WITH composes to nothing after an INTERSECTS_WITH: nothing inferred beyond may claim more.
    for (const m of requirement.mappings.filter((x) => x.inferred)) expect(m.chain.length).toBeGreaterThan(1);
  },
  EuAiActToIso42001: (data) => {
    const rows = data.crosswalk as {
      source: { ref: string };
      target: { ref: string };
      relationship: string;
      provenance: { set: { id: string }; licence: string };
    }[];
    const art9 = rows.filter((r) => r.source.ref === 'Art. 9').map((r) => r.target.ref);
    expect(art9).toEqual(expect.arrayContaining(['6.1.2', '6.1.3', '8.2', '8.3']));
    for (const article of [
      'Art. 4',
      'Art. 9',
      'Art. 10',
      'Art. 11',
      'Art. 12',
      'Art. 13',
      'Art. 14',
      'Art. 15',
      'Art. 17',
      'Art. 26',
      'Art. 27',
      'Art. 50',
      'Art. 72',
      'Art. 73',
    ]) {
      expect(
        rows.some((r) => r.source.ref === article),
        article,
      ).toBe(true);
    }
    expect(rows.every((r) => r.provenance.set.id === 'eu-ai-act-iso42001' && r.provenance.licence.length > 0)).toBe(
      true,
    );
  },
  CrosswalkSets: (data) => {
    const sets = data.crosswalkSets as { id: string; publisher: string; mappingCount: number }[];
    expect(sets.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        'hs-iso42001-iso27001',
        'hs-iso42001-iso9001',
        'hs-iso27001-iso9001',
        'nist-ai-rmf-iso42001',
        'eu-ai-act-iso42001',
        'eu-ai-act-nist-ai-rmf',
        'iso42001-annex-a-iso27001-annex-a',
      ]),
    );
    expect(sets.find((s) => s.id === 'nist-ai-rmf-iso42001')).toMatchObject({ publisher: 'NIST', mappingCount: 280 });
  },
  EuAiActVersionDiff: (data) => {
    const diff = data.frameworkVersionDiff as { changes: { kind: string; ref: string }[] };
    expect(diff.changes.filter((c) => c.kind === 'ADDED').map((c) => c.ref)).toEqual([
      'Art. 4a',
      'Art. 60a',
      'Art. 75a',
      'Art. 75b',
      'Art. 75c',
      'Art. 75d',
    ]);
    expect(diff.changes.filter((c) => c.kind === 'RETITLED').map((c) => c.ref)).toEqual(['Art. 75', 'Art. 77']);
    expect(diff.changes.filter((c) => c.kind === 'REMOVED')).toEqual([]);
  },
  CvScreeningIso42001Trace: (data) => {
    const trace = data.trace as {
      from: { name: string };
      requirements: { requirement: { ref: string }; evidence: { title: string }[] }[];
    };
    expect(trace.from.name).toBe('CV screening');
    const refs = trace.requirements.map((r) => r.requirement.ref);
    expect(refs).toEqual(expect.arrayContaining(['A.6.2.4', 'A.6.2.8', 'A.9.2']));
    expect(trace.requirements.find((r) => r.requirement.ref === 'A.6.2.4')!.evidence.map((e) => e.title)).toEqual([
      'Bias test report, TalentRank 2026.3',
    ]);
  },
  ApplicantDatasetImpact: (data) => {
    const impact = data.impact as {
      systems: { name: string }[];
      obligations: { title: string }[];
      requirements: { direct: boolean }[];
    };
    expect(impact.systems.map((s) => s.name).sort()).toEqual(['Credit scoring', 'Legacy churn predictor']);
    expect(impact.obligations.map((o) => o.title)).toContain('Fundamental rights impact assessment for credit scoring');
    expect(impact.requirements.some((r) => !r.direct)).toBe(true);
  },
  Accountability: (data) => {
    const parties = data.parties as {
      totalCount: number;
      edges: { node: { name: string; accountableFor: { name?: string; title?: string }[] } }[];
    };
    expect(parties.totalCount).toBe(6);
    const cro = parties.edges.find((e) => e.node.name === 'Amira Haddad')!.node;
    expect(cro.accountableFor.map((x) => x.name ?? x.title)).toEqual(
      expect.arrayContaining([
        'Credit scoring',
        'AI policy approved by the board',
        'Register the credit scoring system in the EU database',
      ]),
    );
  },
  Iso42001Coverage: (data) => {
    const coverage = data.coverage as {
      summary: { total: number; covered: number };
      requirements: { requirement: { ref: string }; status: string }[];
    };
    expect(coverage.summary.total).toBe(70);
    expect(coverage.summary.covered).toBeGreaterThan(0);
    expect(coverage.requirements.find((r) => r.requirement.ref === 'A.2.2')!.status).toBe('COVERED');
  },
  EuAiActGaps: (data) => {
    const gaps = data.gaps as {
      coverage: { requirement: { ref: string } };
      riskScore: number;
      remedies: { kind: string }[];
    }[];
    expect(gaps.length).toBeGreaterThan(90);
    expect(gaps[0]!.riskScore).toBe(20);
    expect(gaps.every((g) => g.remedies.length > 0)).toBe(true);
  },
  EvidenceReuse: (data) => {
    const reuse = data.evidenceReuse as {
      valid: boolean;
      frameworks: { id: string }[];
      uses: { requirement: { id: string }; route: string }[];
    };
    expect(reuse.valid).toBe(true);
    expect(reuse.frameworks.length).toBeGreaterThanOrEqual(3);
    expect(reuse.uses).toContainEqual(
      expect.objectContaining({ requirement: expect.objectContaining({ id: 'iso27001:7.5.3' }), route: 'CROSSWALK' }),
    );
  },
  Iso42001StatementOfApplicability: (data) => {
    const soa = data.statementOfApplicability as {
      entries: { requirement: { ref: string }; implementationStatus: string }[];
      markdown: string;
    };
    expect(soa.entries).toHaveLength(38);
    expect(soa.entries.find((e) => e.requirement.ref === 'A.6.2.4')!.implementationStatus).toBe('COVERED');
    expect(soa.markdown.split('\n').length).toBe(38 + 3);
  },
  CreditScoringEuAiActObligations: (data) => {
    const result = data.applicableObligations as {
      obligations: { article: string; appliesFrom: string; inEffect: boolean; rules: { id: string }[] }[];
    };
    const byArticle = new Map(result.obligations.map((o) => [o.article, o]));
    expect(byArticle.get('Art. 4')).toMatchObject({ appliesFrom: '2025-02-02', inEffect: true });
    expect(byArticle.get('Art. 27')).toMatchObject({
      appliesFrom: '2026-08-02',
      inEffect: true,
      rules: [{ id: 'fundamental-rights-impact-assessment' }],
    });
    expect(byArticle.get('Art. 9')!.rules.map((r) => r.id)).toEqual(['high-risk-provider']);
    expect(result.obligations).toHaveLength(24);
  },
  Iso42001CoverageForecast: (data) => {
    const result = data.coverageChange as {
      from: string;
      after: { covered: number };
      changes: {
        requirement: { ref: string };
        before: string;
        after: string;
        reasons: { kind: string; subject: string; before: string }[];
      }[];
    };
    // By the end of March 2027 the AI policy evidence (valid to 2027-01-19) no longer counts for A.2.2.
    expect(result.changes.every((c) => c.reasons.length > 0 && c.before !== c.after)).toBe(true);
    for (const reason of result.changes.flatMap((c) => c.reasons).filter((r) => r.kind === 'EVIDENCE_EXPIRED')) {
      expect(reason.before.slice(-10) < '2027-03-31').toBe(true);
    }
    if (result.from < '2027-01-19') {
      const policy = result.changes.find((c) => c.requirement.ref === 'A.2.2')!;
      expect(policy).toMatchObject({ before: 'COVERED', after: 'PARTIAL' });
      expect(policy.reasons).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'EVIDENCE_EXPIRED', subject: 'AI policy v3, board minutes 2026-01-20' }),
        ]),
      );
    }
  },
  RequirementContext: (data) => {
    expect(data.requirement).toMatchObject({ ref: 'Art. 9', title: 'Risk management system', roles: ['PROVIDER'] });
  },
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('saved operations in queries/', () => {
  for (const op of readSavedOperations('queries')) {
    it(`${op.file}: ${op.question}`, async () => {
      const expectation = expectations[op.name];
      expect(expectation, `add an expectation for ${op.name} to ${import.meta.url}`).toBeDefined();
      const { status, body } = await server.gql(op.query, op.variables);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expectation!(body.data as Data);
    });
  }
});
