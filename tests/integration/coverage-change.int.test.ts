/**
 * coverageChange over a history written by the test itself: a control that starts PLANNED
 * and goes into operation, evidence that will expire, and a mapping imported later. Each
 * moment is taken between writes, so every answer is fixed by the change log.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const DROP_TEST_SET = `MATCH (s:CrosswalkSet {id: 'coverage-change-test'}) OPTIONAL MATCH ()-[m:MAPS_TO {set: s.id}]->() DELETE m WITH DISTINCT s DELETE s`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // The test database outlives a run: start without the set this file imports.
  await server.graph.write({ name: 'dropTestSet', cypher: DROP_TEST_SET, params: {} });
});
afterAll(async () => {
  // Leave the demo organisation's coverage as other test files expect it.
  await server.graph.write({ name: 'dropTestSet', cypher: DROP_TEST_SET, params: {} });
  await server.close();
});

/** A moment strictly between the writes before and after it. */
async function moment(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const now = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 20));
  return now;
}

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const CHANGE = `query ($framework: ID!, $from: DateTime!, $to: DateTime!) {
  coverageChange(framework: $framework, from: $from, to: $to) {
    from to notes
    before { total covered coveredViaCrosswalk partial gap }
    after { total covered coveredViaCrosswalk partial gap }
    changes { requirement { id } before after
      reasons { kind subjectId subject contextId before after changes { operation entityId actor } } } } }`;

interface Reason {
  kind: string;
  subjectId: string;
  subject: string | null;
  contextId: string | null;
  before: string | null;
  after: string | null;
  changes: { operation: string; entityId: string; actor: string }[];
}
interface ChangeResult {
  coverageChange: {
    notes: string[];
    before: Record<string, number>;
    after: Record<string, number>;
    changes: { requirement: { id: string }; before: string; after: string; reasons: Reason[] }[];
  };
}

const change = async (framework: string, from: string, to: string) =>
  (await server.ok<ChangeResult>(CHANGE, { framework, from, to })).coverageChange;
const of = (result: ChangeResult['coverageChange'], id: string) => result.changes.find((c) => c.requirement.id === id);

interface CoverageRow {
  requirement: { id: string };
  status: string;
  crosswalk: unknown[];
  rejectedCrosswalk: unknown[];
}
async function coverageRows(framework: string): Promise<CoverageRow[]> {
  const data = await server.ok<{ coverage: { requirements: CoverageRow[] } }>(
    `query ($f: ID!) { coverage(framework: $f) { requirements { requirement { id } status crosswalk { level } rejectedCrosswalk { reason } } } }`,
    { f: framework },
  );
  return data.coverage.requirements;
}

describe('coverageChange', () => {
  let requirement: string;
  let control: string;
  let evidence: string;
  let t0: string;
  let t1: string;
  let t2: string;

  beforeAll(async () => {
    // A requirement of ISO/IEC 27001 Annex A that nothing reaches yet, directly or through the crosswalk.
    const rows = await coverageRows('iso27001');
    requirement = rows.find(
      (r) =>
        r.status === 'GAP' &&
        r.requirement.id.startsWith('iso27001:A.') &&
        r.crosswalk.length === 0 &&
        r.rejectedCrosswalk.length === 0,
    )!.requirement.id;
    t0 = await moment();
    control = (
      await server.ok<{ createControl: { control: { id: string } } }>(
        `mutation { createControl(input: { name: "Supplier AI clause review", status: PLANNED }) { control { id } } }`,
      )
    ).createControl.control.id;
    evidence = (
      await server.ok<{ createEvidence: { evidence: { id: string } } }>(
        `mutation ($from: Date, $until: Date) { createEvidence(input: { title: "Supplier clause review record", evidenceType: DOCUMENT, effectiveFrom: $from, validUntil: $until }) { evidence { id } } }`,
        {
          from: day(-1),
          until: day(10),
        },
      )
    ).createEvidence.evidence.id;
    const link = `mutation ($input: LinkInput!) { link(input: $input) { changed } }`;
    await server.ok(link, { input: { kind: 'IMPLEMENTS', from: control, to: requirement, coverage: 'FULL' } });
    await server.ok(link, { input: { kind: 'SUPPORTS', from: evidence, to: control } });
    t1 = await moment();
    await server.ok(
      `mutation ($id: ID!) { updateControl(id: $id, expectedVersion: 1, input: { status: OPERATING }) { control { id } } }`,
      { id: control },
    );
    t2 = await moment();
  });

  afterAll(async () => {
    for (const id of [control, evidence]) {
      const mutation = id.startsWith('ctl_') ? 'deleteControl' : 'deleteEvidence';
      await server.ok(`mutation ($id: ID!) { ${mutation}(id: $id, cascade: true) { id } }`, { id });
    }
  });

  it('agrees with coverage when both moments are now', async () => {
    const now = new Date().toISOString();
    const result = await change('iso27001', now, now);
    expect(result.changes).toEqual([]);
    const rows = await coverageRows('iso27001');
    expect(result.after.gap).toBe(rows.filter((r) => r.status === 'GAP').length);
    expect(result.after.covered).toBe(rows.filter((r) => r.status === 'COVERED').length);
    expect(result.before).toEqual(result.after);
  });

  it('explains a control going into operation, with the log entry that did it', async () => {
    const result = await change('iso27001', t1, t2);
    expect(of(result, requirement)).toMatchObject({ before: 'GAP', after: 'COVERED' });
    const reasons = of(result, requirement)!.reasons;
    expect(reasons.map((r) => [r.kind, r.subjectId, r.before, r.after])).toEqual([
      ['CONTROL_STATUS_CHANGED', control, 'PLANNED', 'OPERATING'],
    ]);
    expect(reasons[0]!.subject).toBe('Supplier AI clause review');
    expect(reasons[0]!.changes).toEqual([{ operation: 'UPDATE', entityId: control, actor: 'token:test-admin' }]);
    expect(result.after.covered).toBe(result.before.covered! + 1);
  });

  it('explains a control that did not exist yet as added, with its creation and links', async () => {
    const result = await change('iso27001', t0, t2);
    const reasons = of(result, requirement)!.reasons;
    expect(reasons.map((r) => r.kind)).toEqual(['CONTROL_ADDED']);
    expect(reasons[0]!.changes.map((c) => c.operation)).toEqual(['CREATE', 'LINK', 'LINK', 'UPDATE']);
  });

  it('forecasts evidence expiring, a change no log entry makes', async () => {
    const now = new Date().toISOString();
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const result = await change('iso27001', now, later);
    expect(of(result, requirement)).toMatchObject({ before: 'COVERED', after: 'PARTIAL' });
    const expired = of(result, requirement)!.reasons;
    expect(expired).toEqual([
      {
        kind: 'EVIDENCE_EXPIRED',
        subjectId: evidence,
        subject: 'Supplier clause review record',
        contextId: control,
        before: `${day(-1)} to ${day(10)}`,
        after: `${day(-1)} to ${day(10)}`,
        changes: [],
      },
    ]);
  });

  it('explains a status reached through a mapping imported later, with the import', async () => {
    // A GAP requirement of ISO 9001 that nothing reaches through the crosswalk.
    const target = (await coverageRows('iso9001')).find(
      (r) => r.status === 'GAP' && r.crosswalk.length === 0 && r.rejectedCrosswalk.length === 0,
    )!.requirement.id;
    const exported = await server.ok<{ exportCrosswalkSet: { content: string } }>(
      `query { exportCrosswalkSet(id: "hs-iso27001-iso9001", format: CSV) { content } }`,
    );
    const [header] = parse(exported.exportCrosswalkSet.content, { columns: true }) as Record<string, string>[];
    const row = {
      ...header!,
      set_id: 'coverage-change-test',
      set_title: 'One test mapping',
      source_ref: requirement.slice('iso27001:'.length),
      target_ref: target.slice('iso9001:'.length),
      relationship: 'EQUAL',
      justification: 'Written by the coverage change test.',
      citation: '',
      original_relationship: '',
    };
    const before = await moment();
    await server.ok(
      `mutation ($input: ImportCrosswalkSetInput!) { importCrosswalkSet(input: $input) { mappingCount } }`,
      {
        input: { format: 'CSV', content: stringify([Object.keys(row), Object.values(row)]), replace: true },
      },
    );
    const result = await change('iso9001', before, new Date().toISOString());
    expect(of(result, target)).toMatchObject({ before: 'GAP', after: 'COVERED_VIA_CROSSWALK' });
    const reasons = of(result, target)!.reasons;
    expect(reasons.map((r) => [r.kind, r.contextId])).toEqual([
      ['MAPPING_ADDED', 'coverage-change-test'],
      ['CROSSWALK_SOURCE_CHANGED', null],
    ]);
    expect(reasons[0]!.changes).toEqual([
      { operation: 'CROSSWALK_LOAD', entityId: 'coverage-change-test', actor: 'token:test-admin' },
    ]);
    expect(reasons[1]).toMatchObject({ subjectId: requirement, before: null, after: 'FULL' });
  });

  it('notes a moment before the log begins, and refuses moments in the wrong order', async () => {
    const result = await change('iso27001', '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z');
    expect(result.notes.join(' ')).toMatch(/change log begins at/);
    const reversed = await server.gql(CHANGE, { framework: 'iso27001', from: t2, to: t1 });
    expect(reversed.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('reads the log and the state it names once for all the moments and frameworks one request asks about', async () => {
    const moments = ['2026-01-31T23:59:59Z', '2026-03-31T23:59:59Z', '2026-05-31T23:59:59Z'];
    const field = (alias: string, framework: string, from: string, to: string): string =>
      `${alias}: coverageChange(framework: "${framework}", from: "${from}", to: "${to}") { before { covered partial gap } after { covered partial gap } changes { requirement { id } before after } }`;
    const asked = [
      ['a', 'iso42001', moments[0]!, moments[1]!],
      ['b', 'iso42001', moments[1]!, moments[2]!],
      ['c', 'iso27001', moments[0]!, moments[2]!],
    ] as const;
    server.statements.length = 0;
    const together = await server.ok<Record<string, unknown>>(
      `{ ${asked.map(([alias, framework, from, to]) => field(alias, framework, from, to)).join(' ')} }`,
    );
    const counts = new Map<string, number>();
    for (const name of server.statements) counts.set(name, (counts.get(name) ?? 0) + 1);
    expect(counts.get('listChangesSince')).toBe(1);
    expect(counts.get('listCoverageStateOf')).toBe(1);
    expect(counts.get('listDirectFactsOn')).toBe(1);
    expect(counts.get('listAllMappings')).toBe(1);
    expect(counts.get('listCoverageRequirements')).toBe(2); // one a framework
    expect(counts.get('listCoverageRecords')).toBeUndefined();
    // The same answers as when each is asked alone.
    for (const [alias, framework, from, to] of asked) {
      const alone = await server.ok<Record<string, unknown>>(`{ ${field(alias, framework, from, to)} }`);
      expect(together[alias]).toEqual(alone[alias]);
    }
  });
});
