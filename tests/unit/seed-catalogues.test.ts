/**
 * The committed catalogues against the published structure of each framework: counts
 * of controls, articles and subcategories that any reader can check in the source.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readCatalogues } from '../../src/ingest/seed.js';
import type { Catalogue } from '../../src/ingest/catalogue-file.js';

let byId: Map<string, Catalogue>;
let all: readonly Catalogue[];
beforeAll(async () => {
  const seed = await readCatalogues('seed');
  all = seed.catalogues;
  byId = new Map(seed.catalogues.filter((c) => c.framework.current).map((c) => [c.framework.id, c]));
});

const count = (id: string, kind: string): number => byId.get(id)!.requirements.filter((r) => r.kind === kind).length;
const refs = (id: string, kind: string): string[] =>
  byId
    .get(id)!
    .requirements.filter((r) => r.kind === kind)
    .map((r) => r.ref);

describe('seed/catalogues', () => {
  it('holds the five frameworks', () => {
    expect([...byId.keys()].sort()).toEqual(['eu-ai-act', 'iso27001', 'iso42001', 'iso9001', 'nist-ai-rmf']);
  });

  it('ISO/IEC 42001:2023: clauses 4-10, 38 Annex A controls under 9 objectives', () => {
    expect(refs('iso42001', 'CLAUSE')).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    expect(count('iso42001', 'CONTROL')).toBe(38);
    expect(refs('iso42001', 'CONTROL')).toContain('A.6.2.4');
    expect(refs('iso42001', 'CONTROL').some((r) => /^A\.\d+\.1$/.test(r))).toBe(false);
  });

  it('ISO/IEC 27001:2022: 93 Annex A controls in 4 themes (37, 8, 14, 34)', () => {
    expect(refs('iso27001', 'THEME')).toEqual(['A.5', 'A.6', 'A.7', 'A.8']);
    const perTheme = ['A.5', 'A.6', 'A.7', 'A.8'].map(
      (theme) => byId.get('iso27001')!.requirements.filter((r) => r.kind === 'CONTROL' && r.parent === theme).length,
    );
    expect(perTheme).toEqual([37, 8, 14, 34]);
  });

  it('ISO 9001:2015: clauses 4-10 with 10.3 continual improvement', () => {
    expect(refs('iso9001', 'CLAUSE')).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    const r103 = byId.get('iso9001')!.requirements.find((r) => r.ref === '10.3');
    expect(r103?.title).toBe('Continual improvement');
  });

  it('EU AI Act: 113 articles, 13 annexes, 13 chapters', () => {
    expect(count('eu-ai-act', 'ARTICLE')).toBe(113);
    expect(count('eu-ai-act', 'ANNEX')).toBe(13);
    expect(count('eu-ai-act', 'CHAPTER')).toBe(13);
    const art9 = byId.get('eu-ai-act')!.requirements.find((r) => r.ref === 'Art. 9');
    expect(art9).toMatchObject({ title: 'Risk management system', roles: ['PROVIDER'] });
  });

  it('NIST AI RMF 1.0: 4 functions, 19 categories, 72 subcategories', () => {
    expect(refs('nist-ai-rmf', 'FUNCTION')).toEqual(['GOVERN', 'MAP', 'MEASURE', 'MANAGE']);
    expect(count('nist-ai-rmf', 'CATEGORY')).toBe(19);
    expect(count('nist-ai-rmf', 'SUBCATEGORY')).toBe(72);
  });

  it('keeps the reported 2026 amendment of the EU AI Act as a second, not current, version', () => {
    const versions = all.filter((c) => c.framework.id === 'eu-ai-act');
    expect(new Map(versions.map((c) => [c.framework.version, c.framework.current]))).toEqual(
      new Map([
        ['Regulation (EU) 2024/1689', true],
        ['Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744', false],
      ]),
    );
    const amended = versions.find((c) => !c.framework.current)!;
    expect(amended.framework.versionNote).toMatch(/Not verified against the Official Journal/);
    const refs = amended.requirements.filter((r) => r.kind === 'ARTICLE').map((r) => r.ref);
    expect(refs).toHaveLength(113 + 6);
    expect(refs.slice(refs.indexOf('Art. 4'), refs.indexOf('Art. 4') + 3)).toEqual(['Art. 4', 'Art. 4a', 'Art. 5']);
    expect(refs.slice(refs.indexOf('Art. 75'), refs.indexOf('Art. 75') + 6)).toEqual([
      'Art. 75',
      'Art. 75a',
      'Art. 75b',
      'Art. 75c',
      'Art. 75d',
      'Art. 76',
    ]);
  });

  it('marks only assessable items auditable', () => {
    for (const catalogue of byId.values()) {
      const parents = new Set(catalogue.requirements.map((r) => r.parent));
      for (const r of catalogue.requirements) {
        if (['CONTROL', 'ARTICLE', 'SUBCATEGORY'].includes(r.kind)) expect(r.auditable, r.ref).toBe(true);
        if (
          ['CLAUSE', 'THEME', 'CONTROL_OBJECTIVE', 'CHAPTER', 'SECTION', 'FUNCTION', 'CATEGORY', 'PARAGRAPH'].includes(
            r.kind,
          )
        ) {
          expect(r.auditable, `${catalogue.framework.id} ${r.ref}`).toBe(r.kind === 'CLAUSE' && !parents.has(r.ref));
        }
      }
    }
  });
});
