/** Upserts by external reference: idempotent, versioned only on real change, logged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const UPSERT_CONTROL = `mutation ($ref: ExternalRefInput!, $input: CreateControlInput!) {
  upsertControl(ref: $ref, input: $input) { action control { id version name description status externalRefs { system id } } } }`;
const UPSERT_EVIDENCE = `mutation ($ref: ExternalRefInput!, $input: CreateEvidenceInput!) {
  upsertEvidence(ref: $ref, input: $input) { action evidence { id version uploadedAt validUntil } } }`;

interface ControlResult {
  upsertControl: { action: string; control: { id: string; version: number; name: string; description: string | null; status: string; externalRefs: { system: string; id: string }[] } };
}

async function ok<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const { body } = await server.gql<T>(query, variables, { 'x-actor': 'servicenow-sync' });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

const trailLength = async (id: string): Promise<number> => {
  const { body } = await server.gql<{ auditTrail: { edges: unknown[] } }>(`query ($id: ID!) { auditTrail(entity: $id, first: 1000) { edges { cursor } } }`, { id });
  return body.data!.auditTrail.edges.length;
};

describe('upsert by external reference', () => {
  const ref = { system: 'servicenow', id: `CTRL-${Date.now()}` };

  it('creates, then reports UNCHANGED for the same input without a new version or log entry, then updates as a whole', async () => {
    const input = { name: 'Vendor model intake review', description: 'Checks third-party models before use.', status: 'IMPLEMENTED', controlType: 'PREVENTIVE' };
    const first = (await ok<ControlResult>(UPSERT_CONTROL, { ref, input })).upsertControl;
    expect(first).toMatchObject({ action: 'CREATED', control: { version: 1, status: 'IMPLEMENTED', externalRefs: [ref] } });
    const logged = await trailLength(first.control.id);

    const again = (await ok<ControlResult>(UPSERT_CONTROL, { ref, input })).upsertControl;
    expect(again).toMatchObject({ action: 'UNCHANGED', control: { id: first.control.id, version: 1 } });
    expect(await trailLength(first.control.id)).toBe(logged);

    const changed = (await ok<ControlResult>(UPSERT_CONTROL, { ref, input: { ...input, status: 'OPERATING' } })).upsertControl;
    expect(changed).toMatchObject({ action: 'UPDATED', control: { id: first.control.id, version: 2, status: 'OPERATING' } });
    // A field the other system no longer sends is cleared: the input is the whole record.
    const cleared = (await ok<ControlResult>(UPSERT_CONTROL, { ref, input: { name: input.name, status: 'OPERATING', controlType: 'PREVENTIVE' } })).upsertControl;
    expect(cleared).toMatchObject({ action: 'UPDATED', control: { version: 3, description: null } });
    expect(await trailLength(first.control.id)).toBe(logged + 2);
  });

  it('treats the same instant written differently as unchanged', async () => {
    const evidenceRef = { system: 'onetrust', id: `EV-${Date.now()}` };
    const input = { title: 'Access review export', evidenceType: 'LOG', uploadedAt: '2026-11-20T09:00:00Z', validUntil: '2027-05-20' };
    const first = await ok<{ upsertEvidence: { action: string; evidence: { version: number } } }>(UPSERT_EVIDENCE, { ref: evidenceRef, input });
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
