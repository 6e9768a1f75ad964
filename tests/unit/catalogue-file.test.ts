import { describe, expect, it } from 'vitest';
import { parseCatalogueFile } from '../../src/ingest/catalogue-file.js';

const valid = () => ({
  framework: {
    id: 'iso42001',
    name: 'ISO/IEC 42001',
    title: 'AI management system',
    version: '2023',
    publisher: 'ISO/IEC',
    kind: 'STANDARD',
  },
  source: { edition: '2023', references: ['table of contents'], licence: 'headings only' },
  requirements: [
    { ref: '6', title: 'Planning', kind: 'CLAUSE', parent: null, auditable: false },
    {
      ref: '6.1',
      title: 'Actions to address risks and opportunities',
      kind: 'SUBCLAUSE',
      parent: '6',
      auditable: true,
    },
  ],
});

const problems = (json: unknown): string[] => {
  const result = parseCatalogueFile(json, 'x.json');
  return result.ok ? [] : result.problems;
};

describe('parseCatalogueFile', () => {
  it('accepts a well-formed catalogue and keeps document order', () => {
    const result = parseCatalogueFile(valid(), 'x.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.catalogue.requirements.map((r) => [r.ref, r.parent, r.position])).toEqual([
      ['6', null, 0],
      ['6.1', '6', 1],
    ]);
  });

  it.each([
    [
      'a duplicate ref',
      (c: ReturnType<typeof valid>) => c.requirements.push({ ...c.requirements[1]! }),
      /duplicate ref "6.1"/,
    ],
    [
      'a parent defined after its child',
      (c: ReturnType<typeof valid>) => c.requirements.reverse(),
      /parent "6" is not defined before it/,
    ],
    [
      'an unknown kind',
      (c: ReturnType<typeof valid>) => (c.requirements[0]!.kind = 'PARAGRAPHS'),
      /"kind" must be one of/,
    ],
    [
      'an unknown framework',
      (c: ReturnType<typeof valid>) => (c.framework.id = 'iso99999'),
      /unknown framework id "iso99999"/,
    ],
    [
      'no licence',
      (c: ReturnType<typeof valid>) => ((c.source as Record<string, unknown>).licence = ''),
      /"licence" must be a non-empty string/,
    ],
    [
      'no sources',
      (c: ReturnType<typeof valid>) => (c.source.references = []),
      /"references" must list at least one source/,
    ],
    [
      'a missing title outside paragraphs',
      (c: ReturnType<typeof valid>) => ((c.requirements[1] as Record<string, unknown>).title = null),
      /"title" must be a non-empty string/,
    ],
    [
      'auditable not a boolean',
      (c: ReturnType<typeof valid>) => ((c.requirements[1] as Record<string, unknown>).auditable = 'yes'),
      /"auditable" must be true or false/,
    ],
  ])('rejects %s', (_name, spoil, message) => {
    const catalogue = valid();
    spoil(catalogue);
    expect(problems(catalogue).join('\n')).toMatch(message);
  });

  it('allows a null title for an unheaded paragraph', () => {
    const catalogue = valid();
    catalogue.requirements.push({
      ref: '6.1.1',
      title: null as unknown as string,
      kind: 'PARAGRAPH',
      parent: '6.1',
      auditable: false,
    });
    expect(problems(catalogue)).toEqual([]);
  });

  it('reports every problem, naming the file and the item', () => {
    const catalogue = valid();
    catalogue.requirements[0]!.kind = 'NOPE';
    catalogue.requirements[1]!.parent = 'missing';
    const found = problems(catalogue);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^x\.json: requirements\[0\] \(6\): "kind"/);
    expect(found[1]).toMatch(/^x\.json: requirements\[1\] \(6\.1\): parent "missing"/);
  });

  it('rejects what is not a catalogue at all', () => {
    expect(problems([])).toEqual(['x.json: the file must hold a JSON object']);
    expect(problems({})).toHaveLength(3);
  });
});
