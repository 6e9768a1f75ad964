import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SeedValidationError } from '../../src/ingest/seed.js';
import { loadSeed } from '../../src/services/seed.js';
import { testGraph } from '../helpers/server.js';

const { driver, graph } = testGraph();
const scratch = mkdtempSync(path.join(tmpdir(), 'aims-seed-'));
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await driver.close();
});

interface Snapshot {
  frameworks: number;
  requirements: number;
  partOf: number;
  checksum: string | null;
}

async function snapshot(): Promise<Snapshot> {
  const [row] = await graph.read<Snapshot>({
    name: 'test',
    cypher: `OPTIONAL MATCH (s:SeedState {id: 'seed'})
             RETURN COUNT { (:Framework) } AS frameworks, COUNT { (:Requirement) } AS requirements,
                    COUNT { (:Requirement)-[:PART_OF]->(:Requirement) } AS partOf, s.checksum AS checksum`,
    params: {},
  });
  return row!;
}

describe('catalogue seed', () => {
  it('has loaded all five frameworks with their hierarchies', async () => {
    const now = await snapshot();
    expect(now.frameworks).toBe(5);
    // The current versions, plus the six articles only the reported 2026 EU AI Act version has.
    expect(now.requirements).toBe(92 + 138 + 91 + 162 + 95 + 6);
    // Every requirement but the top-level ones has exactly one parent.
    const [roots] = await graph.read<{ n: number }>({
      name: 'test',
      cypher: 'MATCH (r:Requirement) WHERE NOT (r)-[:PART_OF]->() RETURN count(r) AS n',
      params: {},
    });
    expect(now.partOf).toBe(now.requirements - roots!.n);
  });

  it('skips when the seed has not changed, and rewrites nothing new when forced', async () => {
    const before = await snapshot();
    const lines: string[] = [];
    const skipped = await loadSeed(graph, 'seed', { say: (l) => lines.push(l) });
    expect(skipped.skipped).toBe(true);
    expect(lines).toEqual(['seed: catalogues and crosswalks are up to date']);
    const forced = await loadSeed(graph, 'seed', { force: true, say: (l) => lines.push(l) });
    expect(forced.frameworks.map((f) => f.removed)).toEqual([0, 0, 0, 0, 0]);
    expect(lines.filter((l) => /^seed: \[\d\/5\]/.test(l))).toHaveLength(5);
    expect(lines.filter((l) => /^seed: crosswalk \[\d\/\d\]/.test(l)).length).toBeGreaterThanOrEqual(7);
    expect(await snapshot()).toEqual(before);
  });

  it('validates every file before writing anything', async () => {
    const before = await snapshot();
    const dir = path.join(scratch, 'bad');
    cpSync('seed', dir, { recursive: true });
    // One good change and one bad file: neither may reach the graph.
    const iso = path.join(dir, 'catalogues', 'iso42001.json');
    writeFileSync(iso, readFileSync(iso, 'utf8').replace('"Context of the organization"', '"Renamed in a bad batch"'));
    const nist = path.join(dir, 'catalogues', 'nist-ai-rmf.json');
    const json = JSON.parse(readFileSync(nist, 'utf8')) as { requirements: { kind: string }[] };
    json.requirements[3]!.kind = 'NOT_A_KIND';
    writeFileSync(nist, JSON.stringify(json));
    await expect(loadSeed(graph, dir)).rejects.toThrowError(SeedValidationError);
    expect(await snapshot()).toEqual(before);
    const [title] = await graph.read<{ title: string }>({
      name: 'test',
      cypher: "MATCH (r:Requirement {id: 'iso42001:4'}) RETURN r.title AS title",
      params: {},
    });
    expect(title!.title).toBe('Context of the organization');
  });
});
