/**
 * The EU AI Act applicability rules of seed/rules/, case by case: each case is a system's
 * facts and the articles (with dates) the Act attaches to them. Every rule of the file
 * must fire in at least one case.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applicableArticles,
  compareArticles,
  type ApplicabilityRules,
  type SystemFacts,
} from '../../src/domain/ai-act-applicability.js';
import { parseApplicabilityRules } from '../../src/ingest/applicability-rules-file.js';
import { readApplicabilityRules, readCatalogues } from '../../src/ingest/seed.js';
import type { Catalogue } from '../../src/ingest/catalogue-file.js';

let rules: ApplicabilityRules;
let catalogues: readonly Catalogue[];
const fired = new Set<string>();

beforeAll(async () => {
  catalogues = (await readCatalogues('seed')).catalogues;
  rules = await readApplicabilityRules('seed', catalogues);
});

const system = (facts: Partial<SystemFacts>): SystemFacts => ({
  riskClass: null,
  highRiskRoute: null,
  operatorRoles: [],
  aiActSpecialCases: [],
  ...facts,
});

/** Evaluates the seed rules, recording which rules fired. */
function evaluate(facts: Partial<SystemFacts>) {
  const result = applicableArticles(rules, system(facts));
  for (const a of result.articles) for (const f of a.findings) fired.add(f.rule.id);
  return result;
}

/** article -> appliesFrom, for compact expectations. */
const dated = (facts: Partial<SystemFacts>): Record<string, string | null> =>
  Object.fromEntries(evaluate(facts).articles.map((a) => [a.article, a.appliesFrom]));

const rulesFor = (facts: Partial<SystemFacts>, article: string): string[] =>
  evaluate(facts)
    .articles.find((a) => a.article === article)
    ?.findings.map((f) => f.rule.id) ?? [];

const PROVIDER_HIGH_RISK = [
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
  'Art. 43',
  'Art. 47',
  'Art. 48',
  'Art. 72',
  'Art. 73',
];
const allOn = (articles: readonly string[], date: string | null): Record<string, string | null> =>
  Object.fromEntries(articles.map((a) => [a, date]));

describe('EU AI Act applicability rules', () => {
  it('ask nothing of a system with no operator role, and say why', () => {
    const result = evaluate({ riskClass: 'HIGH_RISK', highRiskRoute: 'ANNEX_III' });
    expect(result.articles).toEqual([]);
    expect(result.notes.join(' ')).toMatch(/No operator role/);
  });

  it('AI literacy (Art. 4) binds providers and deployers of any system from 2 February 2025, even unclassified', () => {
    expect(dated({ riskClass: 'MINIMAL', operatorRoles: ['PROVIDER'] })).toEqual({ 'Art. 4': '2025-02-02' });
    expect(dated({ operatorRoles: ['DEPLOYER'] })).toEqual({ 'Art. 4': '2025-02-02' });
    expect(evaluate({ operatorRoles: ['DEPLOYER'] }).notes.join(' ')).toMatch(/no EU AI Act risk class/);
    expect(dated({ riskClass: 'MINIMAL', operatorRoles: ['DISTRIBUTOR'] })).toEqual({});
  });

  it('a prohibited practice (Art. 5) binds every operator from 2 February 2025', () => {
    expect(dated({ riskClass: 'PROHIBITED', operatorRoles: ['DEPLOYER'] })).toEqual({
      'Art. 4': '2025-02-02',
      'Art. 5': '2025-02-02',
    });
    expect(dated({ riskClass: 'PROHIBITED', operatorRoles: ['IMPORTER'] })).toEqual({ 'Art. 5': '2025-02-02' });
  });

  it('a provider of a high-risk Annex III system has the provider obligations and registration from 2 August 2026', () => {
    expect(dated({ riskClass: 'HIGH_RISK', highRiskRoute: 'ANNEX_III', operatorRoles: ['PROVIDER'] })).toEqual({
      'Art. 4': '2025-02-02',
      ...allOn(PROVIDER_HIGH_RISK, '2026-08-02'),
      'Art. 49': '2026-08-02',
    });
  });

  it('an Annex I high-risk system binds from 2 August 2027 (Art. 113(c)) and is not registered under Art. 49(1)', () => {
    expect(dated({ riskClass: 'HIGH_RISK', highRiskRoute: 'ANNEX_I', operatorRoles: ['PROVIDER'] })).toEqual({
      'Art. 4': '2025-02-02',
      ...allOn(PROVIDER_HIGH_RISK, '2027-08-02'),
    });
    expect(dated({ riskClass: 'HIGH_RISK', highRiskRoute: 'ANNEX_I', operatorRoles: ['DEPLOYER'] })).toEqual({
      'Art. 4': '2025-02-02',
      'Art. 26': '2027-08-02',
    });
  });

  it('a high-risk system without its route is dated as Annex III, skips the Annex III-only rules and says so', () => {
    const result = evaluate({ riskClass: 'HIGH_RISK', operatorRoles: ['DEPLOYER'] });
    expect(Object.fromEntries(result.articles.map((a) => [a.article, a.appliesFrom]))).toEqual({
      'Art. 4': '2025-02-02',
      'Art. 26': '2026-08-02',
    });
    expect(result.notes.join(' ')).toMatch(/high-risk route is not recorded/);
  });

  it('a deployer of a high-risk Annex III system owes Art. 26 and explanations (Art. 86), not a FRIA when private', () => {
    expect(dated({ riskClass: 'HIGH_RISK', highRiskRoute: 'ANNEX_III', operatorRoles: ['DEPLOYER'] })).toEqual({
      'Art. 4': '2025-02-02',
      'Art. 26': '2026-08-02',
      'Art. 86': '2026-08-02',
    });
  });

  it('the fundamental rights impact assessment (Art. 27) binds public-service deployers and deployers of Annex III 5(b)/(c) systems', () => {
    const base = { riskClass: 'HIGH_RISK', highRiskRoute: 'ANNEX_III', operatorRoles: ['DEPLOYER'] } as const;
    expect(dated({ ...base, aiActSpecialCases: ['CREDIT_OR_INSURANCE_PRICING'] })['Art. 27']).toBe('2026-08-02');
    expect(dated({ ...base, aiActSpecialCases: ['PUBLIC_SERVICE_DEPLOYER'] })['Art. 27']).toBe('2026-08-02');
    expect(dated({ ...base, aiActSpecialCases: ['USED_BY_PUBLIC_AUTHORITIES'] })).toEqual({
      'Art. 4': '2025-02-02',
      'Art. 26': '2026-08-02',
      'Art. 27': '2026-08-02',
      'Art. 49': '2026-08-02',
      'Art. 86': '2026-08-02',
    });
    // Not for critical infrastructure (Annex III point 2), not for Annex I systems, not for providers.
    expect(dated({ ...base, aiActSpecialCases: ['PUBLIC_SERVICE_DEPLOYER', 'CRITICAL_INFRASTRUCTURE'] })).toEqual({
      'Art. 4': '2025-02-02',
      'Art. 26': '2026-08-02',
    });
    expect(
      dated({ ...base, highRiskRoute: 'ANNEX_I', aiActSpecialCases: ['PUBLIC_SERVICE_DEPLOYER'] })['Art. 27'],
    ).toBeUndefined();
    expect(
      dated({ ...base, operatorRoles: ['PROVIDER'], aiActSpecialCases: ['CREDIT_OR_INSURANCE_PRICING'] })['Art. 27'],
    ).toBeUndefined();
  });

  it('Art. 49 is reached by the provider and by a public-authority deployer, each rule shown', () => {
    const facts = {
      riskClass: 'HIGH_RISK',
      highRiskRoute: 'ANNEX_III',
      operatorRoles: ['PROVIDER', 'DEPLOYER'],
      aiActSpecialCases: ['USED_BY_PUBLIC_AUTHORITIES'],
    } as const;
    expect(rulesFor(facts, 'Art. 49')).toEqual([
      'high-risk-provider-registration',
      'high-risk-deployer-public-authority',
    ]);
  });

  it('other operators of high-risk systems: authorised representative, importer, distributor, third-country provider', () => {
    const hr = { riskClass: 'HIGH_RISK', highRiskRoute: 'ANNEX_III' } as const;
    expect(dated({ ...hr, operatorRoles: ['AUTHORISED_REPRESENTATIVE'] })).toEqual({ 'Art. 22': '2026-08-02' });
    expect(dated({ ...hr, operatorRoles: ['IMPORTER'] })).toEqual({ 'Art. 23': '2026-08-02' });
    expect(dated({ ...hr, operatorRoles: ['DISTRIBUTOR'] })).toEqual({ 'Art. 24': '2026-08-02' });
    expect(
      dated({ ...hr, operatorRoles: ['PROVIDER'], aiActSpecialCases: ['PROVIDER_OUTSIDE_UNION'] })['Art. 22'],
    ).toBe('2026-08-02');
    expect(dated({ riskClass: 'MINIMAL', operatorRoles: ['IMPORTER'] })).toEqual({});
  });

  it('a deployer, importer or distributor that rebrands or substantially modifies a high-risk system takes on Art. 16 (Art. 25(1))', () => {
    expect(
      dated({
        riskClass: 'HIGH_RISK',
        highRiskRoute: 'ANNEX_III',
        operatorRoles: ['DISTRIBUTOR'],
        aiActSpecialCases: ['REBRANDED_OR_SUBSTANTIALLY_MODIFIED'],
      }),
    ).toEqual({
      'Art. 16': '2026-08-02',
      'Art. 24': '2026-08-02',
      'Art. 25': '2026-08-02',
    });
  });

  it('a high-risk system already on the market before 2 August 2026 binds only after a significant change, or from 2030 for public authorities (Art. 111(2))', () => {
    const legacy = {
      riskClass: 'HIGH_RISK',
      highRiskRoute: 'ANNEX_III',
      operatorRoles: ['DEPLOYER'],
      aiActSpecialCases: ['ON_MARKET_BEFORE_2_AUGUST_2026'],
    } as const;
    expect(dated(legacy)).toEqual({ 'Art. 4': '2025-02-02', 'Art. 26': null, 'Art. 86': null });
    const finding = evaluate(legacy).articles.find((a) => a.article === 'Art. 26')!.findings[0]!;
    expect(finding.dateBasis).toMatch(/^Art\. 111\(2\)/);
    expect(
      dated({ ...legacy, aiActSpecialCases: ['ON_MARKET_BEFORE_2_AUGUST_2026', 'USED_BY_PUBLIC_AUTHORITIES'] }),
    ).toEqual({
      'Art. 4': '2025-02-02',
      'Art. 26': '2030-08-02',
      'Art. 27': '2030-08-02',
      'Art. 49': '2030-08-02',
      'Art. 86': '2030-08-02',
    });
  });

  it('each Art. 50 transparency case binds the role the paragraph names, from 2 August 2026, whatever the risk class', () => {
    const cases = [
      ['INTERACTS_WITH_NATURAL_PERSONS', 'PROVIDER', 'transparency-interaction'],
      ['GENERATES_SYNTHETIC_CONTENT', 'PROVIDER', 'transparency-synthetic-content'],
      ['EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION', 'DEPLOYER', 'transparency-emotion-biometric'],
      ['DEEP_FAKE', 'DEPLOYER', 'transparency-deep-fake'],
      ['PUBLIC_INTEREST_TEXT', 'DEPLOYER', 'transparency-public-interest-text'],
    ] as const;
    for (const [specialCase, role, rule] of cases) {
      const other = role === 'PROVIDER' ? 'DEPLOYER' : 'PROVIDER';
      expect(
        rulesFor({ riskClass: 'TRANSPARENCY', operatorRoles: [role], aiActSpecialCases: [specialCase] }, 'Art. 50'),
        specialCase,
      ).toEqual([rule]);
      expect(
        dated({ riskClass: 'TRANSPARENCY', operatorRoles: [role], aiActSpecialCases: [specialCase] })['Art. 50'],
      ).toBe('2026-08-02');
      expect(
        rulesFor({ riskClass: 'TRANSPARENCY', operatorRoles: [other], aiActSpecialCases: [specialCase] }, 'Art. 50'),
        `${specialCase} as ${other}`,
      ).toEqual([]);
      expect(
        rulesFor(
          {
            riskClass: 'HIGH_RISK',
            highRiskRoute: 'ANNEX_III',
            operatorRoles: [role],
            aiActSpecialCases: [specialCase],
          },
          'Art. 50',
        ),
      ).toEqual([rule]);
    }
    expect(
      rulesFor(
        {
          riskClass: 'TRANSPARENCY',
          operatorRoles: ['PROVIDER'],
          aiActSpecialCases: ['INTERACTS_WITH_NATURAL_PERSONS', 'GENERATES_SYNTHETIC_CONTENT'],
        },
        'Art. 50',
      ),
    ).toEqual(['transparency-interaction', 'transparency-synthetic-content']);
  });

  it('a transparency system without its Art. 50 case still gets Art. 50, with a rule asking for the case', () => {
    expect(rulesFor({ riskClass: 'TRANSPARENCY', operatorRoles: ['DEPLOYER'] }, 'Art. 50')).toEqual([
      'transparency-case-unrecorded',
    ]);
    expect(dated({ riskClass: 'MINIMAL', operatorRoles: ['DEPLOYER'] })['Art. 50']).toBeUndefined();
  });

  it('a provider of a general-purpose AI model: Art. 53 from 2 August 2025 (2027 for models already on the market), Arts. 52, 54, 55 by case', () => {
    expect(dated({ operatorRoles: ['GPAI_PROVIDER'] })).toEqual({ 'Art. 53': '2025-08-02' });
    expect(
      dated({ operatorRoles: ['GPAI_PROVIDER'], aiActSpecialCases: ['GPAI_ON_MARKET_BEFORE_2_AUGUST_2025'] }),
    ).toEqual({ 'Art. 53': '2027-08-02' });
    expect(
      dated({ operatorRoles: ['GPAI_PROVIDER'], aiActSpecialCases: ['GPAI_SYSTEMIC_RISK', 'PROVIDER_OUTSIDE_UNION'] }),
    ).toEqual({
      'Art. 52': '2025-08-02',
      'Art. 53': '2025-08-02',
      'Art. 54': '2025-08-02',
      'Art. 55': '2025-08-02',
    });
    expect(dated({ operatorRoles: ['PROVIDER'], aiActSpecialCases: ['GPAI_SYSTEMIC_RISK'] })).toEqual({
      'Art. 4': '2025-02-02',
    });
  });

  it('an Annex III system its provider assessed as not high-risk: document the assessment and register (Arts. 6(4), 49(2))', () => {
    expect(
      dated({ riskClass: 'MINIMAL', operatorRoles: ['PROVIDER'], aiActSpecialCases: ['ANNEX_III_NOT_HIGH_RISK'] }),
    ).toEqual({
      'Art. 4': '2025-02-02',
      'Art. 6': '2026-08-02',
      'Art. 49': '2026-08-02',
    });
    expect(
      dated({ riskClass: 'MINIMAL', operatorRoles: ['DEPLOYER'], aiActSpecialCases: ['ANNEX_III_NOT_HIGH_RISK'] }),
    ).toEqual({ 'Art. 4': '2025-02-02' });
  });

  it('an article reached by rules with different dates applies from the earliest; a rule that does not bind yet does not hold it back', () => {
    const synthetic: ApplicabilityRules = {
      framework: 'eu-ai-act',
      version: 'v',
      schedules: {
        late: [{ when: null, date: '2027-08-02', basis: 'late' }],
        early: [{ when: null, date: '2026-08-02', basis: 'early' }],
        pending: [{ when: null, date: null, basis: 'pending' }],
      },
      rules: [
        { id: 'a', title: 'A', basis: 'a', when: { roles: ['PROVIDER'] }, articles: ['Art. 49'], schedule: 'late' },
        { id: 'b', title: 'B', basis: 'b', when: { roles: ['DEPLOYER'] }, articles: ['Art. 49'], schedule: 'early' },
        {
          id: 'c',
          title: 'C',
          basis: 'c',
          when: { roles: ['DEPLOYER'] },
          articles: ['Art. 49', 'Art. 26'],
          schedule: 'pending',
        },
      ],
    };
    const [art26, art49] = applicableArticles(synthetic, system({ operatorRoles: ['PROVIDER', 'DEPLOYER'] })).articles;
    expect(art49).toMatchObject({ article: 'Art. 49', appliesFrom: '2026-08-02' });
    expect(art49!.findings.map((f) => [f.rule.id, f.appliesFrom])).toEqual([
      ['a', '2027-08-02'],
      ['b', '2026-08-02'],
      ['c', null],
    ]);
    expect(art26).toMatchObject({ article: 'Art. 26', appliesFrom: null });
  });

  it('lists articles in article order', () => {
    expect(['Art. 10', 'Art. 9', 'Art. 4a', 'Art. 4'].sort(compareArticles)).toEqual([
      'Art. 4',
      'Art. 4a',
      'Art. 9',
      'Art. 10',
    ]);
  });

  it('every rule of the file fired in at least one case above', () => {
    expect(rules.rules.map((r) => r.id).filter((id) => !fired.has(id))).toEqual([]);
  });
});

describe('the applicability rules file', () => {
  const valid = () => ({
    framework: 'eu-ai-act',
    version: 'Regulation (EU) 2024/1689',
    schedules: { general: [{ date: '2026-08-02', basis: 'Art. 113.' }] },
    rules: [
      {
        id: 'x',
        title: 'X',
        basis: 'Art. 26.',
        when: { roles: ['DEPLOYER'] },
        articles: ['Art. 26'],
        schedule: 'general',
      },
    ],
  });

  it('accepts a minimal file', () => {
    expect(parseApplicabilityRules(valid(), 'f.json', catalogues).ok).toBe(true);
  });

  it('names every problem: condition, article, schedule, id', () => {
    const file = valid();
    file.schedules = {
      general: [
        { date: '2026-02-30', basis: 'b' },
        { when: { roles: ['DEPLOYER'] }, date: '2026-08-02', basis: 'b' },
      ],
      unused: [{ date: '2026-08-02', basis: 'b' }],
    } as never;
    file.rules.push(
      {
        id: 'x',
        title: 'X',
        basis: 'b',
        when: { role: ['DEPLOYER'] } as never,
        articles: ['Art. 200'],
        schedule: 'general',
      },
      {
        id: 'Bad Id',
        title: 'Y',
        basis: 'b',
        when: { allOf: ['NOT_A_CASE'] } as never,
        articles: ['Chapter III'],
        schedule: 'none',
      },
    );
    const result = parseApplicabilityRules(file, 'f.json', catalogues);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'f.json: schedule "general" step 1: "date" must be a calendar date (YYYY-MM-DD) or null',
        'f.json: schedule "general" step 1: only the last step may hold unconditionally; later steps would never be reached',
        'f.json: schedule "general" step 2: the last step must hold unconditionally (no "when")',
        'f.json: schedule "unused": no rule uses it',
        'f.json: rule 2 "x": id is used by an earlier rule',
        expect.stringContaining('f.json: rule 2 "x": unknown condition "role"'),
        'f.json: rule 2 "x": "Art. 200" is not an auditable requirement of eu-ai-act Regulation (EU) 2024/1689',
        'f.json: rule 3 "Bad Id": "id" must be lower-case words joined by hyphens',
        expect.stringContaining('f.json: rule 3 "Bad Id": "allOf" holds "NOT_A_CASE"'),
        'f.json: rule 3 "Bad Id": "Chapter III" is not an auditable requirement of eu-ai-act Regulation (EU) 2024/1689',
        'f.json: rule 3 "Bad Id": "schedule" must name one of the schedules (got "none")',
      ]),
    );
  });

  it('refuses a framework version that has no catalogue', () => {
    const result = parseApplicabilityRules({ ...valid(), version: '2099' }, 'f.json', catalogues);
    expect(result.ok ? [] : result.problems).toContain(
      'f.json: file: no catalogue for framework "eu-ai-act" version "2099"',
    );
  });
});
