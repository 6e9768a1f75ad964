import { describe, expect, it } from 'vitest';
import { parseCrosswalkFile, type CatalogueRefs } from '../../src/ingest/crosswalk-file.js';

const refs: CatalogueRefs = new Map([
  ['nist-ai-rmf', new Set(['GOVERN 1.1', 'MAP 1.1'])],
  ['iso42001', new Set(['4.1', 'A.6.2.4'])],
]);

const valid = () => ({
  set: {
    id: 'nist-ai-rmf-iso42001',
    title: 'NIST AI RMF to ISO/IEC 42001',
    description: 'Pairs from the published crosswalk.',
    publisher: 'NIST',
    source: 'NIST AI RMF to ISO/IEC FDIS 42001 crosswalk',
    sourceUrl: null,
    licence: 'public domain',
    method: 'HUMAN',
    relationshipsBy: 'aims-graph',
    addedBy: 'maintainers',
    addedAt: '2026-11-27',
  },
  from: 'nist-ai-rmf',
  to: 'iso42001',
  defaults: { rationale: 'SEMANTIC', method: 'HUMAN', status: 'DRAFT', originalRelationship: 'related' },
  mappings: [
    {
      source: 'GOVERN 1.1',
      target: '4.1',
      relationship: 'INTERSECTS_WITH',
      strength: 6,
      justification: 'Both ask for legal context.',
    },
    {
      source: 'MAP 1.1',
      target: 'A.6.2.4',
      relationship: 'SUBSET_OF',
      justification: 'x',
      citation: 'B.6.2.4',
      status: 'COMPLETE',
    },
  ],
});

const problems = (json: unknown): string[] => {
  const result = parseCrosswalkFile(json, 'x.json', refs);
  return result.ok ? [] : result.problems;
};

describe('parseCrosswalkFile', () => {
  it('applies the defaults and keeps per-mapping overrides', () => {
    const result = parseCrosswalkFile(valid(), 'x.json', refs);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.crosswalk.mappings).toEqual([
      expect.objectContaining({ status: 'DRAFT', strength: 6, citation: null, originalRelationship: 'related' }),
      expect.objectContaining({ status: 'COMPLETE', strength: null, citation: 'B.6.2.4' }),
    ]);
  });

  it('names the file and entry of a requirement the catalogue does not have', () => {
    const crosswalk = valid();
    crosswalk.mappings[1]!.target = 'A.6.2.99';
    expect(problems(crosswalk)).toEqual([
      'x.json: mappings[1] (MAP 1.1 -> A.6.2.99): iso42001 has no requirement "A.6.2.99"',
    ]);
  });

  it.each([
    [
      'an unknown relationship',
      (c: ReturnType<typeof valid>) => (c.mappings[0]!.relationship = 'RELATED'),
      /"relationship" must be one of/,
    ],
    [
      'a strength out of range',
      (c: ReturnType<typeof valid>) => (c.mappings[0]!.strength = 11),
      /"strength" must be a whole number from 1 to 10/,
    ],
    [
      'no justification',
      (c: ReturnType<typeof valid>) => (c.mappings[0]!.justification = ''),
      /"justification" must be a non-empty string/,
    ],
    [
      'a duplicate pair',
      (c: ReturnType<typeof valid>) => c.mappings.push({ ...c.mappings[0]! }),
      /the same pair is mapped twice/,
    ],
    ['an unknown framework', (c: ReturnType<typeof valid>) => (c.to = 'iso9999'), /to: unknown framework "iso9999"/],
    ['no licence', (c: ReturnType<typeof valid>) => (c.set.licence = ''), /"licence" must be a non-empty string/],
    ['a bad date', (c: ReturnType<typeof valid>) => (c.set.addedAt = '27/11/2026'), /"addedAt" must be a date/],
    ['a bad status default', (c: ReturnType<typeof valid>) => (c.defaults.status = 'FINAL'), /"status" must be one of/],
  ])('rejects %s', (_name, spoil, message) => {
    const crosswalk = valid();
    spoil(crosswalk);
    expect(problems(crosswalk).join('\n')).toMatch(message);
  });

  it('refuses a file with no provenance', () => {
    expect(problems({ from: 'nist-ai-rmf', to: 'iso42001', mappings: [] })).toEqual([
      'x.json: set: missing (every crosswalk set names its provenance)',
    ]);
  });
});
