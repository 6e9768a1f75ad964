/**
 * Dates and date-times at the edges of what Neo4j takes, wherever they come in: GraphQL
 * literals and variables, arguments, sync batches and CSV imports. A value the service
 * accepts must be one Neo4j's date() or datetime() stores as the same moment; one it does
 * not is BAD_USER_INPUT naming where it was, and nothing is written.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCalendarDate, isDateTime } from '../../src/domain/date-time.js';
import { deleteMappingsOfSet } from '../../src/graph/statements/crosswalk.js';
import { fingerprint } from '../helpers/fuzz.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  // Nothing should be there; should a refusal fail, the next run must not find the set.
  await server.graph.write(deleteMappingsOfSet('test-bad-date'));
  await server.graph.write({
    name: 'test',
    cypher: 'MATCH (s:CrosswalkSet {id: $id}) DELETE s',
    params: { id: 'test-bad-date' },
  });
  await server.close();
});

/** Date-times that pass a regular expression and Date.parse but not Neo4j. */
const OUT_OF_RANGE = [
  '2026-01-01T24:00:00Z',
  '2026-01-01T24:00Z',
  '2026-01-01T00:00:00+18:01',
  '2026-01-01T00:00:00-18:01',
  '2026-01-01T00:00:00-23:59',
  '2026-01-01T00:00:00+05:60',
  '2026-12-31T23:59:60Z',
  '2023-02-29T00:00:00Z',
];

const codes = (body: { errors?: { extensions?: Record<string, unknown> }[] }): unknown[] =>
  (body.errors ?? []).map((e) => e.extensions?.code);

describe('date-times Neo4j would refuse', () => {
  it.each(OUT_OF_RANGE)('%s in a literal is refused as bad input, and nothing is written', async (value) => {
    const before = await fingerprint(server.graph);
    const { status, body } = await server.gql(
      `mutation { createEvidence(input: { title: "x", evidenceType: DOCUMENT, uploadedAt: ${JSON.stringify(value)} }) { evidence { id } } }`,
    );
    expect(status, JSON.stringify(body)).toBe(400);
    expect(codes(body), JSON.stringify(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.message).toContain('uploadedAt');
    expect(await fingerprint(server.graph)).toEqual(before);
  });

  it.each(OUT_OF_RANGE)('%s in a variable is refused as bad input naming the field', async (value) => {
    const before = await fingerprint(server.graph);
    const { status, body } = await server.gql(
      `mutation ($input: CreateEvidenceInput!) { createEvidence(input: $input) { evidence { id } } }`,
      {
        input: { title: 'x', evidenceType: 'DOCUMENT', uploadedAt: value },
      },
    );
    expect(status, JSON.stringify(body)).toBe(400);
    expect(codes(body), JSON.stringify(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.message).toContain('uploadedAt');
    expect(await fingerprint(server.graph)).toEqual(before);
  });

  it('as an argument (coverageChange from) is refused as bad input naming the argument', async () => {
    const { status, body } = await server.gql(
      `{ coverageChange(framework: "iso42001", from: "2027-01-01T24:00:00Z", to: "2027-02-01T00:00:00Z") { from } }`,
    );
    expect(status, JSON.stringify(body)).toBe(400);
    expect(codes(body), JSON.stringify(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.message).toContain('from');
    const defaulted = await server.gql(
      `query ($at: DateTime = "2026-01-01T24:00:00Z") { coverage(framework: "iso42001", asOf: $at) { asOf } }`,
    );
    expect(codes(defaulted.body), JSON.stringify(defaulted.body)).toEqual(['BAD_USER_INPUT']);
    expect(defaulted.body.errors![0]!.message).toContain('"$at"');
    expect(defaulted.body.errors![0]!.extensions).toMatchObject({ field: '$at' });
    const variable = await server.gql(
      `query ($to: DateTime!) { coverageChange(framework: "iso42001", to: $to) { from } }`,
      { to: '2027-01-01T00:00:00+18:01' },
    );
    expect(codes(variable.body), JSON.stringify(variable.body)).toEqual(['BAD_USER_INPUT']);
    expect(variable.body.errors![0]!.message).toContain('$to');
  });

  it('in a sync batch and a CSV import is refused naming the item and field, and nothing is written', async () => {
    const before = await fingerprint(server.graph);
    const source = `date-edges-${Date.now()}`;
    const sync = await server.gql(
      `mutation ($batch: SyncBatchInput!) { sync(batch: $batch) { summary { created } } }`,
      {
        batch: {
          source,
          entities: [
            { ref: 'E-1', evidence: { title: 'x', evidenceType: 'DOCUMENT', uploadedAt: '2026-01-01T00:00:00-23:59' } },
          ],
        },
      },
    );
    expect(codes(sync.body), JSON.stringify(sync.body)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(sync.body.errors)).toContain('uploadedAt');
    const csv = [
      'source,ref,title,evidence_type,uri,sha256,collected_by,uploaded_at,effective_from,valid_until,supports,scoped_to',
      `${source},E-1,x,DOCUMENT,,,,2026-01-01T24:00:00Z,,,,`,
      `${source},E-2,y,DOCUMENT,,,,,2023-02-29,,,`,
    ].join('\r\n');
    const imported = await server.gql(
      `mutation ($content: String!) { importCsv(kind: EVIDENCE, content: $content) { summary { created } } }`,
      { content: csv },
    );
    expect(codes(imported.body), JSON.stringify(imported.body)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(imported.body.errors)).toContain('uploaded_at');
    expect(JSON.stringify(imported.body.errors)).toContain('effective_from');
    expect(await fingerprint(server.graph)).toEqual(before);
  });
});

describe('dates in imported files', () => {
  it('a crosswalk set added on a day that does not exist is refused, and nothing is written', async () => {
    const { body } = await server.gql<{ exportCrosswalkSet: { content: string } }>(
      `{ exportCrosswalkSet(id: "hs-iso42001-iso27001", format: CSV) { content } }`,
    );
    const rows = (parse(body.data!.exportCrosswalkSet.content, { columns: true }) as Record<string, string>[]).map(
      (row) => ({ ...row, set_id: 'test-bad-date', set_added_at: '2023-02-29' }),
    );
    const before = await fingerprint(server.graph);
    const imported = await server.gql(
      `mutation ($content: String!) { importCrosswalkSet(input: { format: CSV, content: $content }) { mappingCount } }`,
      {
        content: stringify(rows, { header: true, record_delimiter: 'windows' }),
      },
    );
    expect(codes(imported.body), JSON.stringify(imported.body)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(imported.body.errors)).toContain('addedAt');
    expect(await fingerprint(server.graph)).toEqual(before);
  });
});

describe('the date checks against Neo4j', () => {
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
  const offset = fc.oneof(
    fc.constant('Z'),
    fc.tuple(fc.constantFrom('+', '-'), two(25), two(61)).map(([sign, h, m]) => `${sign}${h}:${m}`),
  );
  const date = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), two(13), two(32))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${m}-${d}`);
  // Near-valid values, dense at the edges: Feb 29, hour 24, second 60, offsets past 18:00.
  const dateTime = fc
    .tuple(
      fc.oneof(
        date,
        fc.constantFrom(
          '2023-02-29',
          '2024-02-29',
          '1900-02-29',
          '2000-02-29',
          '0000-02-29',
          '0000-01-01',
          '9999-12-31',
        ),
      ),
      two(25),
      two(61),
      fc.option(fc.tuple(two(61), fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined })), { nil: undefined }),
      fc.oneof(offset, fc.constantFrom('+18:00', '-18:00', '+18:01', '-18:01', '+17:59')),
    )
    .map(
      ([d, h, mi, s, o]) =>
        `${d}T${h}:${mi}${s === undefined ? '' : `:${s[0]}${s[1] === undefined ? '' : `.${s[1]}`}`}${o}`,
    );

  async function neo4jReads(fn: 'date' | 'datetime', values: readonly string[]): Promise<Map<string, string | null>> {
    const rows = await server.graph.read<{ value: string; read: string | null }>({
      name: 'dateEdgesProbe',
      cypher: `UNWIND $values AS value
               CALL { WITH value RETURN ${fn === 'date' ? 'toString(date(value))' : 'toString(datetime(value).epochMillis)'} AS read }
               RETURN value, read`,
      params: { values },
    });
    return new Map(rows.map((r) => [r.value, r.read]));
  }

  it('every date-time the check accepts, Neo4j stores as the same moment; Neo4j refuses what the check refuses at the edges', async () => {
    const samples = [
      ...new Set([
        ...fc.sample(dateTime, { numRuns: 3000, seed: 42 }),
        ...OUT_OF_RANGE,
        '2026-01-01T00:00:00+18:00',
        '0000-01-01T00:00:00+18:00',
        '9999-12-31T23:59:59.999999999-18:00',
      ]),
    ];
    const accepted = samples.filter(isDateTime);
    expect(accepted.length).toBeGreaterThan(100);
    expect(samples.length - accepted.length).toBeGreaterThan(100);
    // Accepted values go to Neo4j together: one failure fails the statement, and is then found alone.
    const read = await neo4jReads('datetime', accepted);
    for (const value of accepted) expect(Number(read.get(value)), value).toBe(Date.parse(value));
    for (const value of OUT_OF_RANGE) expect(isDateTime(value), value).toBe(false);
  });

  it('every date the check accepts, Neo4j stores as the same date', async () => {
    const samples = [
      ...new Set([
        ...fc.sample(date, { numRuns: 3000, seed: 7 }),
        '2023-02-29',
        '2024-02-29',
        '1900-02-29',
        '2000-02-29',
        '0000-02-29',
        '0000-01-01',
        '9999-12-31',
      ]),
    ];
    const accepted = samples.filter(isCalendarDate);
    expect(accepted.length).toBeGreaterThan(100);
    const read = await neo4jReads('date', accepted);
    for (const value of accepted) expect(read.get(value), value).toBe(value);
    for (const value of ['2023-02-29', '1900-02-29', '2026-04-31', '2026-00-01', '2026-13-01'])
      expect(isCalendarDate(value), value).toBe(false);
    for (const value of ['2024-02-29', '2000-02-29', '0000-02-29']) expect(isCalendarDate(value), value).toBe(true);
  });
});
