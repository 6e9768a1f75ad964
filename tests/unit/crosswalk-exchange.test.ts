/**
 * Every seeded crosswalk set survives a round trip through CSV and through OSCAL
 * unchanged, and the OSCAL documents validate against the official OSCAL 1.2.2 schema.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCrosswalkFile, type CatalogueRefs, type CrosswalkSetFile } from '../../src/ingest/crosswalk-file.js';
import {
  crosswalkFromCsv,
  crosswalkFromOscal,
  crosswalkToCsv,
  crosswalkToOscal,
  ExchangeFormatError,
} from '../../src/ingest/crosswalk-exchange.js';
import { oscalToken, uuidFor } from '../../src/ingest/oscal-common.js';
import { catalogueRefs, readCatalogues, readCrosswalks } from '../../src/ingest/seed.js';
import { oscalErrors } from '../helpers/oscal.js';

let refs: CatalogueRefs;
let sets: readonly CrosswalkSetFile[];
beforeAll(async () => {
  const { catalogues } = await readCatalogues('seed');
  refs = catalogueRefs(catalogues);
  sets = (await readCrosswalks('seed', refs)).crosswalks;
});

const label = (id: string) => ({ id, name: id.toUpperCase(), version: '1' });
const reparse = (json: unknown): CrosswalkSetFile => {
  const result = parseCrosswalkFile(json, 'roundtrip', refs);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.crosswalk;
};

describe('OSCAL identifiers', () => {
  it('makes deterministic version 5 UUIDs', () => {
    expect(uuidFor('x')).toBe(uuidFor('x'));
    expect(uuidFor('x')).not.toBe(uuidFor('y'));
    expect(uuidFor('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives every reference of a framework a distinct, valid OSCAL token', () => {
    for (const [framework, list] of refs) {
      const tokens = [...list].map(oscalToken);
      expect(new Set(tokens).size, framework).toBe(tokens.length);
      for (const token of tokens) expect(token).toMatch(/^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u);
    }
    expect(['6.1.2', 'Art. 9', 'GOVERN 1.1', 'Chapter III Section 2'].map(oscalToken)).toEqual([
      'c-6.1.2',
      'art-9',
      'govern-1.1',
      'chapter-iii-section-2',
    ]);
  });
});

describe('crosswalk exchange', () => {
  it('round-trips every seeded set through CSV without loss', () => {
    expect(sets.length).toBeGreaterThanOrEqual(7);
    for (const set of sets) {
      const back = reparse(crosswalkFromCsv(crosswalkToCsv(set)));
      expect(back, set.set.id).toEqual(set);
    }
  });

  it('round-trips every seeded set through OSCAL without loss, as valid OSCAL 1.2.2', () => {
    for (const set of sets) {
      const document = crosswalkToOscal(set, label(set.from), label(set.to));
      expect(oscalErrors('mapping', document), set.set.id).toEqual([]);
      const back = reparse(crosswalkFromOscal(JSON.parse(JSON.stringify(document)), (fw) => refs.get(fw)));
      expect(back, set.set.id).toEqual(set);
    }
    // The validator is not a rubber stamp: a document without provenance fails.
    const broken = crosswalkToOscal(sets[0]!, label(sets[0]!.from), label(sets[0]!.to)) as {
      'mapping-collection': Record<string, unknown>;
    };
    delete broken['mapping-collection'].provenance;
    expect(oscalErrors('mapping', broken).join('\n')).toMatch(/provenance/);
  });

  it('reads another tool\u2019s OSCAL mappings by token, keeping its relationship word', () => {
    const set = sets.find((s) => s.set.id === 'hs-iso42001-iso27001')!;
    const document = crosswalkToOscal(set, label(set.from), label(set.to)) as {
      'mapping-collection': Record<string, unknown>;
    };
    const foreign = JSON.parse(JSON.stringify(document)) as {
      'mapping-collection': { metadata: { props?: unknown }; mappings: { maps: Record<string, unknown>[] } };
    };
    delete foreign['mapping-collection'].metadata.props;
    for (const map of foreign['mapping-collection'].mappings.maps) {
      delete map.props;
      for (const item of [...(map.sources as Record<string, unknown>[]), ...(map.targets as Record<string, unknown>[])])
        delete item.props;
      if (map.relationship === 'equal-to') map.relationship = 'equivalent-to';
    }
    const back = reparse(crosswalkFromOscal(foreign, (fw) => refs.get(fw)));
    expect(back.mappings.map((m) => [m.source, m.target])).toEqual(set.mappings.map((m) => [m.source, m.target]));
    const equal = back.mappings.find((m) => m.relationship === 'EQUAL')!;
    expect(equal.originalRelationship).toBe('equivalent-to');
  });

  it('rejects CSV that mixes sets or lacks columns, naming the problem', () => {
    const set = sets[0]!;
    const csv = crosswalkToCsv(set).split('\r\n');
    csv[2] = csv[2]!.replace(set.set.id, 'another-set');
    expect(() => crosswalkFromCsv(csv.join('\r\n'))).toThrowError(/row 3: set_id differs from the first row/);
    expect(() => crosswalkFromCsv('source_ref,target_ref\nA.2.2,A.5.1\n')).toThrowError(ExchangeFormatError);
  });
});
