/** trace and impact over the demo organisation (seed/demo), which the test setup loads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../src/services/demo.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const CV = demoId('AISystem', 's-cv');
const APPLICANTS = demoId('Dataset', 'd-applicants');

interface Traced {
  requirement: { id: string };
  paths: { route: string; coverage: string | null; steps: { id: string }[] }[];
  evidence: { title: string }[];
}

const TRACE = `query ($from: ID!, $framework: ID) { trace(from: $from, framework: $framework) { from { id }
  requirements { requirement { id } paths { route coverage steps { id } } evidence { title } } } }`;

describe('trace', () => {
  it('reaches every requirement of the CV screening system through risks, controls and obligations, with paths and scoped evidence', async () => {
    const { body } = await server.gql<{ trace: { requirements: Traced[] } }>(TRACE, { from: CV });
    expect(body.errors).toBeUndefined();
    const byId = new Map(body.data!.trace.requirements.map((r) => [r.requirement.id, r]));
    // Bias risk -> bias testing -> ISO/IEC 42001 A.6.2.4, with the CV-scoped report only (the credit one is scoped elsewhere).
    const a624 = byId.get('iso42001:A.6.2.4')!;
    expect(a624.paths).toEqual([
      {
        route: 'RISK',
        coverage: 'FULL',
        steps: [
          { id: CV },
          { id: demoId('Risk', 'r-cv-bias') },
          { id: demoId('Control', 'c-bias-test') },
          { id: 'iso42001:A.6.2.4' },
        ],
      },
    ]);
    expect(a624.evidence.map((e) => e.title)).toEqual(['Bias test report, TalentRank 2026.3']);
    // Human review applies to the system directly and also mitigates its risk: two paths.
    expect(
      byId
        .get('eu-ai-act:Art. 14')!
        .paths.map((p) => p.route)
        .sort(),
    ).toEqual(['CONTROL', 'RISK']);
    // The obligation to inform workers' representatives derives from Art. 26.
    expect(byId.get('eu-ai-act:Art. 26')!.paths.map((p) => p.route)).toContain('OBLIGATION');
    // Requirements in every framework the controls reach.
    expect(new Set([...byId.keys()].map((id) => id.slice(0, id.indexOf(':'))))).toEqual(
      new Set(['iso42001', 'iso27001', 'eu-ai-act', 'nist-ai-rmf']),
    );
  });

  it('narrows to one framework, and refuses what is not a system or dataset', async () => {
    const { body } = await server.gql<{ trace: { requirements: Traced[] } }>(TRACE, {
      from: CV,
      framework: 'iso42001',
    });
    expect(body.data!.trace.requirements.every((r) => r.requirement.id.startsWith('iso42001:'))).toBe(true);
    const control = await server.gql(TRACE, { from: demoId('Control', 'c-bias-test') });
    expect(control.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const unknown = await server.gql(TRACE, { from: 'sys_00000000-0000-4000-8000-000000000999' });
    expect(unknown.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('answers in a bounded number of statements', async () => {
    server.statements.length = 0;
    await server.gql(TRACE, { from: CV });
    const lookups = server.statements.filter((s) => s === 'traceFrom' || s === 'listEvidenceFor');
    expect(lookups).toEqual(['traceFrom', 'listEvidenceFor']);
    expect(server.statements.length).toBeLessThanOrEqual(6);
  });
});

describe('impact', () => {
  const IMPACT = `query ($of: ID!) { impact(of: $of) { systems { id } models { id } risks { id } controls { id } obligations { id }
    evidence { id } requirements { requirement { id } direct via { source { id } target { id } relationship provenance { set { id } } } } } }`;
  type Impact = {
    systems: { id: string }[];
    models: { id: string }[];
    risks: { id: string }[];
    controls: { id: string }[];
    obligations: { id: string }[];
    evidence: { id: string }[];
    requirements: {
      requirement: { id: string };
      direct: boolean;
      via: { source: { id: string }; relationship: string }[];
    }[];
  };
  const ids = (list: { id: string }[]) => list.map((x) => x.id).sort();

  it('finds everything that depends on the applicant dataset', async () => {
    const { body } = await server.gql<{ impact: Impact }>(IMPACT, { of: APPLICANTS });
    expect(body.errors).toBeUndefined();
    const impact = body.data!.impact;
    expect(ids(impact.systems)).toEqual([demoId('AISystem', 's-credit'), demoId('AISystem', 's-churn')].sort());
    expect(ids(impact.models)).toEqual([demoId('Model', 'm-credit')]);
    expect(ids(impact.risks)).toEqual([demoId('Risk', 'r-credit-bias'), demoId('Risk', 'r-applicant-privacy')].sort());
    expect(ids(impact.obligations)).toEqual(
      [demoId('Obligation', 'o-register'), demoId('Obligation', 'o-fria')].sort(),
    );
    expect(ids(impact.evidence)).toEqual([demoId('Evidence', 'e-lineage')]);
    const direct = impact.requirements.filter((r) => r.direct).map((r) => r.requirement.id);
    expect(direct).toEqual(expect.arrayContaining(['iso42001:A.7.2', 'eu-ai-act:Art. 10', 'iso27001:A.8.11']));
    // Through the crosswalk: never NO_RELATIONSHIP, always read from an affected requirement.
    const mapped = impact.requirements.filter((r) => !r.direct);
    expect(mapped.length).toBeGreaterThan(0);
    for (const r of mapped) {
      expect(r.via.length).toBeGreaterThan(0);
      for (const m of r.via) {
        expect(direct).toContain(m.source.id);
        expect(m.relationship).not.toBe('NO_RELATIONSHIP');
      }
    }
  });

  it('finds the controls, systems and evidence behind a requirement', async () => {
    const { body } = await server.gql<{ impact: Impact }>(IMPACT, { of: 'iso42001:A.6.2.4' });
    const impact = body.data!.impact;
    expect(ids(impact.controls)).toEqual([demoId('Control', 'c-bias-test')]);
    expect(ids(impact.systems)).toEqual([demoId('AISystem', 's-credit'), demoId('AISystem', 's-cv')].sort());
    expect(ids(impact.evidence)).toEqual([demoId('Evidence', 'e-bias-credit'), demoId('Evidence', 'e-bias-cv')].sort());
    const bad = await server.gql(IMPACT, { of: CV });
    expect(bad.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'of' });
  });

  it('reads what a mapping says beyond its ends only when the selection shows it, for the mappings shown', async () => {
    server.statements.length = 0;
    const ends = await server.ok<{ impact: Impact }>(IMPACT, { of: APPLICANTS });
    expect(server.statements).not.toContain('listMappingDetails');
    const DETAIL = `query ($of: ID!) { impact(of: $of) { requirements { requirement { id } direct
      via { id relationship justification rationale method status strength confidence citation originalRelationship } } } }`;
    server.statements.length = 0;
    const detailed = await server.ok<{
      impact: { requirements: { via: { id: string; justification: string; rationale: string }[] }[] };
    }>(DETAIL, { of: APPLICANTS });
    expect(server.statements.filter((s) => s === 'listMappingDetails')).toHaveLength(1);
    const via = detailed.impact.requirements.flatMap((r) => r.via);
    expect(via.length).toBe(ends.impact.requirements.flatMap((r) => r.via).length);
    for (const m of via) {
      expect(m.justification.trim()).not.toBe('');
      expect(m.rationale).toBeTruthy();
    }
    // Each says what is stored on it.
    const stored = await server.graph.read<{ id: string; justification: string }>({
      name: 'storedJustifications',
      cypher: 'UNWIND $ids AS id MATCH ()-[m:MAPS_TO {id: id}]->() RETURN m.id AS id, m.justification AS justification',
      params: { ids: via.map((m) => m.id) },
    });
    const byId = new Map(stored.map((r) => [r.id, r.justification]));
    for (const m of via) expect(m.justification).toBe(byId.get(m.id));
  });
});
