/**
 * The coverage cache (services/coverage-cache.ts) on the demo organisation: a question
 * asked again with no write in between is answered without reading the facts again, and
 * any write (which moves the change log's head) makes the next one computed afresh, with
 * the same answer as an instance that keeps nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let cached: TestServer;
let uncached: TestServer;
beforeAll(async () => {
  cached = await startTestServer();
  uncached = await startTestServer({ coverageCacheEntries: 0 });
});
afterAll(async () => {
  await cached.close();
  await uncached.close();
});

const COVERAGE = `query ($framework: ID!) {
  coverage(framework: $framework, asOf: "2026-11-27T12:00:00Z") {
    summary { total notApplicable covered coveredViaCrosswalk partial gap }
    requirements { requirement { ref } status contributions { control { id } level validEvidence { id } } }
  }
}`;
const CONTROLS = `{ controls(first: 100) { edges { node { id version status implements { requirement { id } coverage } } } } }`;
const SET_STATUS = `mutation ($id: ID!, $version: Int!, $status: ControlStatus!) {
  updateControl(id: $id, expectedVersion: $version, input: { status: $status }) { control { version status } }
}`;

/** The answer, and which statements the question sent. */
async function ask(server: TestServer): Promise<{ answer: unknown; statements: string[] }> {
  server.statements.length = 0;
  const answer = await server.ok(COVERAGE, { framework: 'iso42001' });
  return { answer, statements: [...server.statements] };
}

async function lookups(): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(`${cached.url}/metrics`, { headers: await authHeaders('ADMIN') })).text();
  const count = (result: string): number =>
    Number(new RegExp(`^aims_coverage_cache_lookups_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { hit: count('hit'), miss: count('miss') };
}

describe('the coverage cache', () => {
  it('answers a repeated question from the cache, and recomputes after any write', async () => {
    const first = await ask(cached);
    expect(first.statements).toContain('listDirectFacts');
    expect(first.statements).toContain('listImplementations');
    const again = await ask(cached);
    expect(again.statements).toContain('findChangeLogHead');
    expect(again.statements).not.toContain('listDirectFacts');
    // The explanations were kept with the answer.
    expect(again.statements).not.toContain('listImplementations');
    expect(again.answer).toEqual(first.answer);
    expect(await lookups()).toMatchObject({ hit: 1, miss: 1 });

    // A control that counts for ISO/IEC 42001 stops counting: the answer must change.
    const { controls } = await cached.ok<{
      controls: {
        edges: {
          node: { id: string; version: number; status: string; implements: { requirement: { id: string } }[] };
        }[];
      };
    }>(CONTROLS);
    const control = controls.edges
      .map((e) => e.node)
      .find((c) => c.status === 'OPERATING' && c.implements.some((i) => i.requirement.id.startsWith('iso42001:')));
    expect(control, 'a demo control operating for ISO/IEC 42001').toBeDefined();
    const planned = await cached.ok<{ updateControl: { control: { version: number } } }>(SET_STATUS, {
      id: control!.id,
      version: control!.version,
      status: 'PLANNED',
    });
    try {
      const after = await ask(cached);
      expect(after.statements).toContain('listDirectFacts');
      expect(after.statements).toContain('listImplementations');
      expect(after.answer).not.toEqual(first.answer);
      expect(after.answer).toEqual((await ask(uncached)).answer);
    } finally {
      await cached.ok(SET_STATUS, {
        id: control!.id,
        version: planned.updateControl.control.version,
        status: 'OPERATING',
      });
    }
    const restored = await ask(cached);
    expect(restored.statements).toContain('listDirectFacts');
    expect(restored.answer).toEqual(first.answer);
    expect(await lookups()).toMatchObject({ hit: 1, miss: 3 });
  });

  it('keeps nothing when told to keep nothing', async () => {
    await ask(uncached);
    const again = await ask(uncached);
    expect(again.statements).toContain('listDirectFacts');
    expect(again.statements).not.toContain('findChangeLogHead');
  });
});
