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

  it('documents every environment variable the configuration reads', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Using an existing Neo4j'));
    const source = readFileSync('src/config.ts', 'utf8');
    const names = new Set([...source.matchAll(/(?:'|env\.)([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'?/g)].map((m) => m[1]!));
    expect(names.size).toBeGreaterThan(30);
    expect([...names].filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });
});
