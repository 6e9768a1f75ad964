/** The README stays true to the data it describes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueRefs, readCatalogues, readCrosswalks } from '../../src/ingest/seed.js';

describe('README', () => {
  it('names the source and licence of every crosswalk set in seed/', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Data sources and licences'), readme.indexOf('## Configuration'));
    const { catalogues } = await readCatalogues('seed');
    const { crosswalks } = await readCrosswalks('seed', catalogueRefs(catalogues));
    for (const { set } of crosswalks) expect(section, set.id).toContain(`\`${set.id}\``);
  });
});
