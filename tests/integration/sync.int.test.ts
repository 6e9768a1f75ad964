/** Upserts by external reference: idempotent, versioned only on real change, logged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSynced } from '../helpers/organisation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
const sources: string[] = [];
afterAll(async () => {
  for (const source of sources) await removeSynced(server, source);
  await server.close();
});

const UPSERT_CONTROL = `mutation ($ref: ExternalRefInput!, $input: CreateControlInput!) {
  upsertControl(ref: $ref, input: $input) { action control { id version name description status externalRefs { system id } } } }`;
const UPSERT_EVIDENCE = `mutation ($ref: ExternalRefInput!, $input: CreateEvidenceInput!) {
  upsertEvidence(ref: $ref, input: $input) { action evidence { id version uploadedAt validUntil } } }`;

interface ControlResult {
  upsertControl: {
    action: string;
    control: {
      id: string;
      version: number;
      name: string;
      description: string | null;
      status: string;
      externalRefs: { system: string; id: string }[];
    };
  };
}

/** Every write of this file comes from one integration, named in X-Actor. */
const ok = <T>(query: string, variables: Record<string, unknown>): Promise<T> =>
  server.ok<T>(query, variables, { 'x-actor': 'servicenow-sync' });

const trailLength = async (id: string): Promise<number> => {
  const { body } = await server.gql<{ auditTrail: { edges: unknown[] } }>(
    `query ($id: ID!) { auditTrail(entity: $id, first: 1000) { edges { cursor } } }`,
    { id },
  );
  return body.data!.auditTrail.edges.length;
};

describe('upsert by external reference', () => {
  const ref = { system: 'servicenow', id: `CTRL-${Date.now()}` };

  it('creates, then reports UNCHANGED for the same input without a new version or log entry, then updates as a whole', async () => {
    const input = {
      name: 'Vendor model intake review',
      description: 'Checks third-party models before use.',
      status: 'IMPLEMENTED',
      controlType: 'PREVENTIVE',
    };
    const first = (await ok<ControlResult>(UPSERT_CONTROL, { ref, input })).upsertControl;
    expect(first).toMatchObject({
      action: 'CREATED',
      control: { version: 1, status: 'IMPLEMENTED', externalRefs: [ref] },
    });
    const logged = await trailLength(first.control.id);

    const again = (await ok<ControlResult>(UPSERT_CONTROL, { ref, input })).upsertControl;
    expect(again).toMatchObject({ action: 'UNCHANGED', control: { id: first.control.id, version: 1 } });
    expect(await trailLength(first.control.id)).toBe(logged);

    const changed = (await ok<ControlResult>(UPSERT_CONTROL, { ref, input: { ...input, status: 'OPERATING' } }))
      .upsertControl;
    expect(changed).toMatchObject({
      action: 'UPDATED',
      control: { id: first.control.id, version: 2, status: 'OPERATING' },
    });
    // A field the other system no longer sends is cleared: the input is the whole record.
    const cleared = (
      await ok<ControlResult>(UPSERT_CONTROL, {
        ref,
        input: { name: input.name, status: 'OPERATING', controlType: 'PREVENTIVE' },
      })
    ).upsertControl;
    expect(cleared).toMatchObject({ action: 'UPDATED', control: { version: 3, description: null } });
    expect(await trailLength(first.control.id)).toBe(logged + 2);
  });

  it('treats the same instant written differently as unchanged', async () => {
    const evidenceRef = { system: 'onetrust', id: `EV-${Date.now()}` };
    const input = {
      title: 'Access review export',
      evidenceType: 'LOG',
      uploadedAt: '2026-11-20T09:00:00Z',
      validUntil: '2027-05-20',
    };
    const first = await ok<{ upsertEvidence: { action: string; evidence: { version: number } } }>(UPSERT_EVIDENCE, {
      ref: evidenceRef,
      input,
    });
    expect(first.upsertEvidence.action).toBe('CREATED');
    const again = await ok<{ upsertEvidence: { action: string; evidence: { version: number } } }>(UPSERT_EVIDENCE, {
      ref: evidenceRef,
      input: { ...input, uploadedAt: '2026-11-20T10:00:00+01:00' },
    });
    expect(again.upsertEvidence).toMatchObject({ action: 'UNCHANGED', evidence: { version: 1 } });
  });

  it('refuses a reference held by another type, references inside the input, and invalid fields', async () => {
    const wrongType = await server.gql(UPSERT_EVIDENCE, { ref, input: { title: 'x', evidenceType: 'LOG' } });
    expect(wrongType.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'ref' });
    const inside = await server.gql(UPSERT_CONTROL, { ref, input: { name: 'x', externalRefs: [ref] } });
    expect(inside.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.externalRefs' });
    const blank = await server.gql(UPSERT_CONTROL, { ref: { system: ' ', id: 'x' }, input: { name: 'x' } });
    expect(blank.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

const SYNC = `mutation ($batch: SyncBatchInput!) { sync(batch: $batch) {
  dryRun summary { created updated unchanged deleted }
  entities { index ref type id action } links { index kind fromId toId action } } }`;

interface SyncResult {
  sync: {
    dryRun: boolean;
    summary: { created: number; updated: number; unchanged: number; deleted: number };
    entities: { index: number; ref: string; type: string; id: string; action: string }[];
    links: { index: number; kind: string; fromId: string; toId: string; action: string }[];
  };
}

async function refCount(source: string): Promise<number> {
  const [row] = await server.graph.read<{ n: number }>({
    name: 'countRefs',
    cypher: 'MATCH (x:ExternalRef {system: $source}) RETURN count(x) AS n',
    params: { source },
  });
  return row!.n;
}

async function feedTail(): Promise<number> {
  const [row] = await server.graph.read<{ n: number | null }>({
    name: 'lastChange',
    cypher: 'MATCH (c:Change) RETURN max(c.seq) AS n',
    params: {},
  });
  return row!.n ?? 0;
}

describe('sync', () => {
  const source = `archer-${Date.now()}`;
  sources.push(source);
  const batch = (extra: Record<string, unknown> = {}) => ({
    source,
    entities: [
      {
        ref: 'SYS-1',
        aiSystem: {
          name: 'Claims triage',
          lifecycleStage: 'DEPLOYMENT',
          riskClass: 'HIGH_RISK',
          highRiskRoute: 'ANNEX_III',
          operatorRoles: ['DEPLOYER'],
        },
      },
      { ref: 'CTL-1', control: { name: 'Human review of triage outcomes', status: 'OPERATING' } },
      { ref: 'EV-1', evidence: { title: 'Review sample Q4', evidenceType: 'LOG', validUntil: '2027-12-31' } },
    ],
    links: [
      { kind: 'APPLIES_TO', from: 'CTL-1', to: 'SYS-1' },
      { kind: 'IMPLEMENTS', from: 'CTL-1', to: 'iso42001:A.6.2.6', coverage: 'PARTIAL' },
      { kind: 'SUPPORTS', from: 'EV-1', to: 'CTL-1' },
    ],
    ...extra,
  });

  it('diffs a dry run without writing, applies the same diff, and reports UNCHANGED the second time without logging', async () => {
    const dry = (await ok<SyncResult>(SYNC, { batch: batch({ dryRun: true }) })).sync;
    expect(dry).toMatchObject({ dryRun: true, summary: { created: 6, updated: 0, unchanged: 0, deleted: 0 } });
    expect(await refCount(source)).toBe(0);

    const before = await feedTail();
    const real = (await ok<SyncResult>(SYNC, { batch: batch() })).sync;
    expect(real.summary).toEqual(dry.summary);
    expect(real.entities.map((e) => [e.index, e.ref, e.type, e.action])).toEqual(
      dry.entities.map((e) => [e.index, e.ref, e.type, e.action]),
    );
    expect(real.links.map((l) => [l.kind, l.action])).toEqual([
      ['APPLIES_TO', 'CREATED'],
      ['IMPLEMENTS', 'CREATED'],
      ['SUPPORTS', 'CREATED'],
    ]);
    expect(await refCount(source)).toBe(3);
    expect(await feedTail()).toBe(before + 6);

    const again = (await ok<SyncResult>(SYNC, { batch: batch() })).sync;
    expect(again.summary).toEqual({ created: 0, updated: 0, unchanged: 6, deleted: 0 });
    expect(again.entities.map((e) => e.id)).toEqual(real.entities.map((e) => e.id));
    expect(await feedTail()).toBe(before + 6);
  });

  it('updates, deletes and unlinks by reference, with the deletion cascading to links', async () => {
    const next = await ok<SyncResult>(SYNC, {
      batch: {
        source,
        entities: [
          { ref: 'CTL-1', control: { name: 'Human review of triage outcomes', status: 'INEFFECTIVE' } },
          { ref: 'EV-1', delete: true },
        ],
        links: [{ kind: 'IMPLEMENTS', from: 'CTL-1', to: 'iso42001:A.6.2.6', delete: true }],
      },
    });
    expect(next.sync.entities.map((e) => [e.ref, e.action])).toEqual([
      ['CTL-1', 'UPDATED'],
      ['EV-1', 'DELETED'],
    ]);
    expect(next.sync.links.map((l) => l.action)).toEqual(['DELETED']);
    expect(next.sync.summary).toEqual({ created: 0, updated: 1, unchanged: 0, deleted: 2 });
    expect(await refCount(source)).toBe(2);
  });

  it('writes nothing when an item fails midway, naming its index and field', async () => {
    const other = `${source}-atomic`;
    const before = await feedTail();
    const failing = await server.gql(SYNC, {
      batch: {
        source: other,
        entities: [
          { ref: 'A', control: { name: 'First' } },
          { ref: 'B', control: { name: 'Second' } },
        ],
        links: [
          { kind: 'IMPLEMENTS', from: 'A', to: 'iso42001:A.6.2.6', coverage: 'FULL' },
          { kind: 'IMPLEMENTS', from: 'B', to: 'iso42001:Z.99', coverage: 'FULL' },
        ],
      },
    });
    expect(failing.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'links[1].to',
      problems: [{ index: 1, field: 'links[1].to', message: `is neither a reference of ${other} nor a requirement` }],
    });
    expect(await refCount(other)).toBe(0);
    expect(await feedTail()).toBe(before);
  });

  it('reports every invalid item at once, before touching the graph', async () => {
    const { body } = await server.gql(SYNC, {
      batch: {
        source,
        entities: [
          { ref: 'X-1' },
          { ref: 'X-2', risk: { title: 'Drift', category: 'ROBUSTNESS', likelihood: 9, impact: 2 } },
          { ref: 'X-2', party: { name: 'Ops', kind: 'TEAM' } },
          { ref: 'SYS-1', control: { name: 'Wrong type' } },
        ],
        links: [{ kind: 'IMPLEMENTS', from: 'CTL-1', to: 'iso42001:A.6.2.6' }],
      },
    });
    const problems = (body.errors?.[0]?.extensions?.problems ?? []) as { field: string }[];
    expect(problems.map((p) => p.field)).toEqual([
      'entities[0]',
      'entities[1].risk.likelihood',
      'entities[2].ref',
      'links[0].coverage',
    ]);
    // The type clash is found once the graph is read; it is reported the same way.
    const clash = await server.gql(SYNC, {
      batch: { source, entities: [{ ref: 'SYS-1', control: { name: 'Wrong type' } }] },
    });
    expect(clash.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entities[0].ref' });
  });
});

describe('sync edge cases', () => {
  const source = `edge-${Date.now()}`;
  beforeAll(() => {
    sources.push(source);
  });

  it('refuses a link given twice, an unknown id to adopt, and a source with "|"', async () => {
    const twice = await server.gql(SYNC, {
      batch: {
        source,
        entities: [{ ref: 'C', control: { name: 'Twice' } }],
        links: [
          { kind: 'IMPLEMENTS', from: 'C', to: 'iso42001:A.6.2.6', coverage: 'FULL' },
          { kind: 'IMPLEMENTS', from: 'C', to: 'iso42001:A.6.2.6', coverage: 'PARTIAL' },
        ],
      },
    });
    expect(twice.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'links[1]' });
    const unknown = await server.gql(SYNC, {
      batch: {
        source,
        entities: [{ ref: 'C', id: 'ctl_00000000-0000-4000-8000-000000000000', control: { name: 'Adopt' } }],
      },
    });
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entities[0].id' });
    const piped = await server.gql(SYNC, { batch: { source: 'a|b', entities: [] } });
    expect(piped.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'batch.source' });
  });

  it('adopts a record by id once, and replaceLinks leaves links the source cannot name', async () => {
    const created = (
      await ok<{ createControl: { control: { id: string; version: number } } }>(
        `mutation { createControl(input: { name: "Made here", status: PLANNED }) { control { id version } } }`,
        {},
      )
    ).createControl.control;
    const system = (
      await ok<{ createAISystem: { aiSystem: { id: string } } }>(
        `mutation { createAISystem(input: { name: "Unreferenced system", lifecycleStage: DEPLOYMENT }) { aiSystem { id } } }`,
        {},
      )
    ).createAISystem.aiSystem.id;
    await ok(`mutation ($input: LinkInput!) { link(input: $input) { changed } }`, {
      input: { kind: 'APPLIES_TO', from: created.id, to: system },
    });
    const adopted = (
      await ok<SyncResult>(SYNC, {
        batch: {
          source,
          entities: [
            {
              ref: 'HERE-1',
              id: created.id,
              control: { name: 'Made here', status: 'OPERATING' },
              replaceLinks: ['APPLIES_TO', 'IMPLEMENTS'],
            },
          ],
        },
      })
    ).sync;
    expect(adopted.entities).toEqual([{ index: 0, ref: 'HERE-1', type: 'Control', id: created.id, action: 'UPDATED' }]);
    expect(adopted.links).toEqual([]);
    const node = await ok<{
      node: { version: number; externalRefs: { system: string; id: string }[]; appliesTo: { id: string }[] };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Control { version externalRefs { system id } appliesTo { id } } } }`,
      { id: created.id },
    );
    expect(node.node).toEqual({
      version: created.version + 1,
      externalRefs: [{ system: source, id: 'HERE-1' }],
      appliesTo: [{ id: system }],
    });
  });
});

describe('upsertApplicability', () => {
  const UPSERT = `mutation ($ref: ExternalRefInput!, $input: CreateApplicabilityInput!) {
    upsertApplicability(ref: $ref, input: $input) { action applicability { id version applicable justification requirement { id } systems { id } } } }`;
  interface Result {
    upsertApplicability: {
      action: string;
      applicability: { id: string; version: number; requirement: { id: string }; systems: { id: string }[] };
    };
  }

  it('creates an entry with its requirement and systems, reports UNCHANGED for the same input, and replaces its scope', async () => {
    const ref = { system: 'onetrust', id: `SOA-${Date.now()}` };
    const system = (
      await ok<{ createAISystem: { aiSystem: { id: string } } }>(
        `mutation { createAISystem(input: { name: "Scoped for SoA", lifecycleStage: DEPLOYMENT }) { aiSystem { id } } }`,
        {},
      )
    ).createAISystem.aiSystem.id;
    const input = {
      requirement: 'iso42001:A.10.4',
      applicable: false,
      justification: 'No customers use the system directly.',
    };
    const first = (await ok<Result>(UPSERT, { ref, input })).upsertApplicability;
    expect(first).toMatchObject({
      action: 'CREATED',
      applicability: { version: 1, requirement: { id: 'iso42001:A.10.4' }, systems: [] },
    });
    const again = (await ok<Result>(UPSERT, { ref, input })).upsertApplicability;
    expect(again).toMatchObject({ action: 'UNCHANGED', applicability: { id: first.applicability.id, version: 1 } });
    const scoped = (await ok<Result>(UPSERT, { ref, input: { ...input, systems: [system] } })).upsertApplicability;
    expect(scoped).toMatchObject({
      action: 'UPDATED',
      applicability: { id: first.applicability.id, version: 2, systems: [{ id: system }] },
    });
    const unscoped = (await ok<Result>(UPSERT, { ref, input })).upsertApplicability;
    expect(unscoped).toMatchObject({ action: 'UPDATED', applicability: { version: 3, systems: [] } });
    await ok(`mutation ($id: ID!) { deleteApplicability(id: $id, cascade: true) { id } }`, {
      id: first.applicability.id,
    });
  });
});

describe('concurrent syncs', () => {
  it('leave one record per reference when overlapping batches run at once', async () => {
    const source = `overlap-${Date.now()}`;
    sources.push(source);
    const batch = (from: number) => ({
      source,
      entities: Array.from({ length: 40 }, (_, i) => ({
        ref: `R-${from + i}`,
        control: { name: `Overlap ${from + i}` },
      })),
      links: Array.from({ length: 39 }, (_, i) => ({
        kind: 'IMPLEMENTS',
        from: `R-${from + i}`,
        to: 'iso42001:A.6.2.2',
        coverage: 'PARTIAL',
      })),
    });
    // Four batches, each sharing half its references with the next.
    const results = await Promise.all(
      [0, 20, 40, 60].map((from) => server.gql<SyncResult>(SYNC, { batch: batch(from) })),
    );
    for (const r of results) {
      // A batch that lost the race to create a reference fails whole, with CONFLICT, and can be sent again.
      if (r.body.errors) expect(r.body.errors[0]!.extensions?.code).toBe('CONFLICT');
    }
    for (const [i, r] of results.entries()) if (r.body.errors) await ok(SYNC, { batch: batch(i * 20) });
    const [counts] = await server.graph.read<{ refs: number; records: number; links: number }>({
      name: 'overlapCounts',
      cypher: `MATCH (x:ExternalRef {system: $source})-[:REFERS_TO]->(n:Control)
               RETURN count(DISTINCT x) AS refs, count(DISTINCT n) AS records,
                      COUNT { MATCH (:ExternalRef {system: $source})-[:REFERS_TO]->(:Control)-[:IMPLEMENTS]->(:Requirement) } AS links`,
      params: { source },
    });
    expect(counts).toEqual({ refs: 100, records: 100, links: 99 });
  });
});
