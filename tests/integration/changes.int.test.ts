/** The change log: every write appends one ordered entry; the feed resumes from any cursor. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../src/services/demo.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const FIELDS =
  'cursor node { id sequence at actor onBehalfOf operation entityId entityType link { kind from to } before after tombstone }';
const CHANGES = `query ($after: String, $first: Int) { changes(after: $after, first: $first) { edges { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`;
const TRAIL = `query ($entity: ID!, $after: String, $first: Int) { auditTrail(entity: $entity, after: $after, first: $first) { edges { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`;

interface ChangeNode {
  id: string;
  sequence: number;
  at: string;
  actor: string;
  onBehalfOf: string | null;
  operation: string;
  entityId: string;
  entityType: string;
  link: { kind: string; from: string; to: string } | null;
  before: string | null;
  after: string | null;
  tombstone: boolean;
}
interface Page {
  edges: { cursor: string; node: ChangeNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const feed = async (after: string | null, first: number): Promise<Page> =>
  (await server.ok<{ changes: Page }>(CHANGES, { after, first })).changes;
const trail = async (entity: string): Promise<ChangeNode[]> =>
  (await server.ok<{ auditTrail: Page }>(TRAIL, { entity, first: 1000 })).auditTrail.edges.map((e) => e.node);

/** The cursor after the newest entry: read to the end of the feed. */
async function tail(): Promise<string | null> {
  let cursor: string | null = null;
  for (;;) {
    const page = await feed(cursor, 1000);
    cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return cursor;
  }
}

const CREATE_CONTROL = `mutation ($input: CreateControlInput!) { createControl(input: $input) { control { id version } } }`;

describe('the change log', () => {
  it("keeps one control's whole history in order, with the actor, before and after, and a tombstone", async () => {
    const actor = { 'x-actor': 'grc-sync (ServiceNow)' };
    const { createControl } = await server.ok<{ createControl: { control: { id: string } } }>(
      CREATE_CONTROL,
      { input: { name: 'Model card review', status: 'PLANNED' } },
      actor,
    );
    const id = createControl.control.id;
    await server.ok(
      `mutation ($id: ID!) { updateControl(id: $id, expectedVersion: 1, input: { status: OPERATING }) { control { id } } }`,
      { id },
      actor,
    );
    const link = `mutation ($input: LinkInput!) { link(input: $input) { changed } }`;
    await server.ok(link, { input: { kind: 'IMPLEMENTS', from: id, to: 'iso42001:A.6.2.7', coverage: 'FULL' } }, actor);
    await server.ok(link, { input: { kind: 'IMPLEMENTS', from: id, to: 'iso42001:A.6.2.7', coverage: 'FULL' } }, actor); // no change: no entry
    await server.ok(
      link,
      { input: { kind: 'IMPLEMENTS', from: id, to: 'iso42001:A.6.2.7', coverage: 'PARTIAL' } },
      actor,
    );
    await server.ok(
      `mutation ($input: UnlinkInput!) { unlink(input: $input) { changed } }`,
      { input: { kind: 'IMPLEMENTS', from: id, to: 'iso42001:A.6.2.7' } },
      actor,
    );
    await server.ok(link, { input: { kind: 'APPLIES_TO', from: id, to: demoId('AISystem', 's-cv') } }, actor);
    // A write that fails appends nothing.
    const conflict = await server.gql(
      `mutation ($id: ID!) { updateControl(id: $id, expectedVersion: 1, input: { status: RETIRED }) { control { id } } }`,
      { id },
      actor,
    );
    expect(conflict.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await server.ok(`mutation ($id: ID!) { deleteControl(id: $id, cascade: true) { id removedLinks } }`, { id }, actor);

    const history = await trail(id);
    expect(history.map((c) => [c.operation, c.link?.kind ?? null])).toEqual([
      ['CREATE', null],
      ['UPDATE', null],
      ['LINK', 'IMPLEMENTS'],
      ['LINK', 'IMPLEMENTS'],
      ['UNLINK', 'IMPLEMENTS'],
      ['LINK', 'APPLIES_TO'],
      ['UNLINK', 'APPLIES_TO'],
      ['DELETE', null],
    ]);
    expect(
      history.every(
        (c) =>
          c.actor === 'token:test-admin' &&
          c.onBehalfOf === 'grc-sync (ServiceNow)' &&
          c.entityId === id &&
          c.entityType === 'Control',
      ),
    ).toBe(true);
    expect(history.map((c) => c.sequence)).toEqual([...history.map((c) => c.sequence)].sort((a, b) => a - b));
    const [create, update, link1, link2, unlink, , cascaded, del] = history;
    expect(cascaded).toMatchObject({
      tombstone: true,
      link: { kind: 'APPLIES_TO', from: id, to: demoId('AISystem', 's-cv') },
      after: null,
    });
    expect(create!.before).toBeNull();
    expect(JSON.parse(create!.after!)).toMatchObject({ id, name: 'Model card review', status: 'PLANNED', version: 1 });
    expect(JSON.parse(update!.before!)).toMatchObject({ status: 'PLANNED', version: 1 });
    expect(JSON.parse(update!.after!)).toMatchObject({ status: 'OPERATING', version: 2 });
    expect(JSON.parse(update!.after!)).not.toHaveProperty('_lock');
    expect([link1!.before, link1!.after]).toEqual([null, JSON.stringify({ property: 'FULL' })]);
    expect([link2!.before, link2!.after]).toEqual([
      JSON.stringify({ property: 'FULL' }),
      JSON.stringify({ property: 'PARTIAL' }),
    ]);
    expect(link2!.link).toEqual({ kind: 'IMPLEMENTS', from: id, to: 'iso42001:A.6.2.7' });
    expect([unlink!.before, unlink!.after, unlink!.tombstone]).toEqual([
      JSON.stringify({ property: 'PARTIAL' }),
      null,
      true,
    ]);
    expect(del!.tombstone).toBe(true);
    expect(del!.after).toBeNull();
    expect(JSON.parse(del!.before!)).toMatchObject({
      id,
      status: 'OPERATING',
      links: [{ kind: 'APPLIES_TO', from: id, to: demoId('AISystem', 's-cv'), property: null }],
    });
    // The system at the other end of a link sees it in its own trail.
    const cvTrail = await trail(demoId('AISystem', 's-cv'));
    expect(cvTrail.filter((c) => c.entityId === id).map((c) => c.operation)).toEqual(['LINK', 'UNLINK']);
  });

  it('records the same applicability decision once, and a new one as an update', async () => {
    const SET = `mutation ($input: SetApplicabilityInput!) { setApplicability(input: $input) { applicability { id version } } }`;
    const input = {
      requirement: 'iso27001:A.7.5',
      applicable: false,
      justification: 'No physical or environmental threats to log here.',
      systems: [demoId('AISystem', 's-code')],
    };
    const first = (
      await server.ok<{ setApplicability: { applicability: { id: string; version: number } } }>(SET, { input })
    ).setApplicability.applicability;
    const again = (
      await server.ok<{ setApplicability: { applicability: { id: string; version: number } } }>(SET, { input })
    ).setApplicability.applicability;
    expect(again).toEqual(first);
    const changed = (
      await server.ok<{ setApplicability: { applicability: { id: string; version: number } } }>(SET, {
        input: { ...input, justification: 'Reviewed again.' },
      })
    ).setApplicability.applicability;
    expect(changed).toEqual({ id: first.id, version: first.version + 1 });
    const history = await trail(first.id);
    expect(history.filter((c) => c.entityId === first.id).map((c) => c.operation)).toEqual(
      first.version === 1 ? ['CREATE', 'LINK', 'LINK', 'UPDATE'] : expect.arrayContaining(['UPDATE']),
    );
  });

  it('records the demo load as the service itself, and every other write as the authenticated caller', async () => {
    const [first] = await trail(demoId('AISystem', 's-credit'));
    expect(first).toMatchObject({ operation: 'CREATE', actor: 'system', entityType: 'AISystem' });
    const { createControl } = await server.ok<{ createControl: { control: { id: string } } }>(
      CREATE_CONTROL,
      { input: { name: 'Editor control' } },
      {},
      'EDITOR',
    );
    expect((await trail(createControl.control.id))[0]).toMatchObject({ actor: 'token:test-editor', onBehalfOf: null });
  });

  it('pages through the feed from any cursor without loss or repetition, in commit order', async () => {
    const start = await tail();
    const created: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      created.push(
        (
          await server.ok<{ createControl: { control: { id: string } } }>(CREATE_CONTROL, {
            input: { name: `Paged control ${i}` },
          })
        ).createControl.control.id,
      );
    }
    const paged: ChangeNode[] = [];
    let cursor = start;
    for (;;) {
      const page = await feed(cursor, 2);
      paged.push(...page.edges.map((e) => e.node));
      expect(page.edges.length).toBeLessThanOrEqual(2);
      if (page.edges.length > 0) expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]!.cursor);
      cursor = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    const whole = (await feed(start, 1000)).edges.map((e) => e.node);
    expect(paged.map((c) => c.sequence)).toEqual(whole.slice(0, paged.length).map((c) => c.sequence));
    // No gaps: a rolled-back write takes its sequence number back with it.
    for (let i = 1; i < paged.length; i += 1) expect(paged[i]!.sequence).toBe(paged[i - 1]!.sequence + 1);
    expect(paged.filter((c) => c.operation === 'CREATE').map((c) => c.entityId)).toEqual(created);

    // At the end, a page is empty and hands back the same cursor to wait on.
    const empty = await feed(cursor, 10);
    expect(empty).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: cursor } });
    // Resuming from the middle gives exactly the rest.
    const middle = await feed(start, 3);
    const rest = await feed(middle.pageInfo.endCursor, 1000);
    expect([...middle.edges, ...rest.edges].map((e) => e.node.sequence)).toEqual(whole.map((c) => c.sequence));
  });

  it('numbers concurrent writes uniquely and without gaps', async () => {
    const start = await tail();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => server.ok(CREATE_CONTROL, { input: { name: `Concurrent control ${i}` } })),
    );
    const entries = (await feed(start, 1000)).edges.map((e) => e.node);
    expect(entries).toHaveLength(8);
    const sequences = entries.map((c) => c.sequence);
    expect(new Set(sequences).size).toBe(8);
    expect(sequences[7]! - sequences[0]!).toBe(7);
    const times = entries.map((c) => Date.parse(c.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('logs derived obligations like any other write', async () => {
    const { createAISystem } = await server.ok<{ createAISystem: { aiSystem: { id: string } } }>(
      `mutation { createAISystem(input: { name: "Logged triage", lifecycleStage: DEPLOYMENT, riskClass: MINIMAL, operatorRoles: [DEPLOYER] }) { aiSystem { id } } }`,
    );
    const start = await tail();
    const derived = await server.ok<{ deriveObligations: { derived: { obligation: { id: string } }[] } }>(
      `mutation ($id: ID!) { deriveObligations(aiSystem: $id) { derived { obligation { id } } } }`,
      { id: createAISystem.aiSystem.id },
      { 'x-actor': 'obligations-bot' },
    );
    const obligation = derived.deriveObligations.derived[0]!.obligation.id;
    const entries = (await feed(start, 1000)).edges.map((e) => e.node);
    expect(entries.map((c) => [c.operation, c.entityId, c.link?.kind ?? null, c.link?.to ?? null])).toEqual([
      ['CREATE', obligation, null, null],
      ['LINK', obligation, 'BINDS', createAISystem.aiSystem.id],
      ['LINK', obligation, 'DERIVED_FROM', 'eu-ai-act:Art. 4'],
    ]);
    expect(entries.every((c) => c.actor === 'token:test-admin' && c.onBehalfOf === 'obligations-bot')).toBe(true);
  });

  it('refuses a cursor it did not issue, a page size out of range, and an unprintable actor', async () => {
    for (const variables of [{ after: 'bm90LWEtY3Vyc29y' }, { first: 0 }, { first: 1001 }]) {
      const { body } = await server.gql(CHANGES, variables);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    for (const actor of ['x'.repeat(201), 'system']) {
      const response = await server.gql(CHANGES, {}, { 'x-actor': actor });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    }
  });
});
