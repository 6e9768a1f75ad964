/**
 * Formulas in the CSV files the service writes: a cell a spreadsheet would run (one that
 * starts with =, +, -, @, a tab or a carriage return) is written with a leading
 * apostrophe in every CSV (GRC controls and evidence, crosswalk sets, the Statement of
 * Applicability), and the importers take the apostrophe off again, so export then import
 * still gives back the same records.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteMappingsOfSet } from '../../src/graph/statements/crosswalk.js';
import { removeSynced } from '../helpers/organisation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SOURCE = `csv-injection-${Date.now()}`;
const SET = 'test-csv-injection';
const HYPERLINK = '=HYPERLINK("http://evil.example","click")';
const FORMULAS = [HYPERLINK, "+cmd|' /C calc'!A0", '-2+3', '@SUM(1+1)', "'=already quoted", "''-twice"];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await removeSynced(server, SOURCE);
  await server.graph.write(deleteMappingsOfSet(SET));
  await server.graph.write({ name: 'test', cypher: 'MATCH (s:CrosswalkSet {id: $id}) DELETE s', params: { id: SET } });
  await server.close();
});

const rowsOf = (csv: string): Record<string, string>[] =>
  parse(csv, { columns: true, bom: true }) as Record<string, string>[];
const guarded = (cell: string): boolean => !/^[=+\-@\t\r]/.test(cell);

describe('formulas in CSV exports', () => {
  it('GRC controls and evidence: every formula cell is written as text, and the file imports back unchanged', async () => {
    await server.ok(`mutation ($batch: SyncBatchInput!) { sync(batch: $batch) { summary { created } } }`, {
      batch: {
        source: SOURCE,
        entities: [
          ...FORMULAS.map((name, i) => ({
            ref: `C-${i}`,
            control: {
              name,
              description: FORMULAS[(i + 1) % FORMULAS.length],
              status: 'PLANNED',
              controlType: 'PREVENTIVE',
            },
          })),
          { ref: 'E-1', evidence: { title: HYPERLINK, evidenceType: 'DOCUMENT', collectedBy: '@SUM(1+1)' } },
        ],
        links: [{ kind: 'IMPLEMENTS', from: 'C-0', to: 'iso42001:A.2.2', coverage: 'FULL' }],
      },
    });
    const file = async (kind: string) =>
      (
        await server.ok<{ exportCsv: { content: string } }>(
          `query ($kind: CsvKind!, $source: String!) { exportCsv(kind: $kind, source: $source) { content } }`,
          { kind, source: SOURCE },
        )
      ).exportCsv.content;
    const controls = await file('CONTROLS');
    const rows = rowsOf(controls);
    expect(rows.map((r) => r.name).sort()).toEqual(
      [
        "'+cmd|' /C calc'!A0",
        "'''-twice",
        "''=already quoted",
        "'-2+3",
        '\'=HYPERLINK("http://evil.example","click")',
        "'@SUM(1+1)",
      ].sort(),
    );
    for (const row of rows) for (const cell of Object.values(row)) expect(guarded(cell), cell).toBe(true);
    const evidence = await file('EVIDENCE');
    for (const row of rowsOf(evidence)) for (const cell of Object.values(row)) expect(guarded(cell), cell).toBe(true);

    const IMPORT = `mutation ($kind: CsvKind!, $content: String!) { importCsv(kind: $kind, content: $content) { summary { created updated unchanged deleted } } }`;
    const again = await server.ok<{ importCsv: { summary: Record<string, number> } }>(IMPORT, {
      kind: 'CONTROLS',
      content: controls,
    });
    expect(again.importCsv.summary).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    const evidenceAgain = await server.ok<{ importCsv: { summary: Record<string, number> } }>(IMPORT, {
      kind: 'EVIDENCE',
      content: evidence,
    });
    expect(evidenceAgain.importCsv.summary).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    // The records still hold the text as it was sent, not as the CSV carried it.
    const [row] = await server.graph.read<{ names: string[] }>({
      name: 'test',
      cypher: `MATCH (x:ExternalRef {system: $source})-[:REFERS_TO]->(c:Control) RETURN collect(c.name) AS names`,
      params: { source: SOURCE },
    });
    expect([...row!.names].sort()).toEqual([...FORMULAS].sort());
  });

  it('the Statement of Applicability CSV writes the same formula as text', async () => {
    const { statementOfApplicability } = await server.ok<{ statementOfApplicability: { csv: string } }>(
      `{ statementOfApplicability(framework: "iso42001") { csv } }`,
    );
    const cells = (parse(statementOfApplicability.csv) as string[][]).flat();
    expect(cells.some((cell) => cell.includes(HYPERLINK))).toBe(true);
    for (const cell of cells) expect(guarded(cell), cell).toBe(true);
  });

  it('crosswalk CSV: a formula in a set or mapping is written as text, and export, import, export gives the same file', async () => {
    const EXPORT = `query ($id: ID!, $format: CrosswalkFormat!) { exportCrosswalkSet(id: $id, format: $format) { content } }`;
    const csv = (
      await server.ok<{ exportCrosswalkSet: { content: string } }>(EXPORT, {
        id: 'hs-iso42001-iso27001',
        format: 'CSV',
      })
    ).exportCrosswalkSet.content;
    const rows = rowsOf(csv).map((r, i) => ({
      ...r,
      set_id: SET,
      set_title: '@evil title',
      set_description: '-1+1 description',
      justification: i === 0 ? HYPERLINK : r.justification,
    }));
    const hostile = stringify(rows, { header: true, record_delimiter: 'windows' });
    const IMPORT = `mutation ($input: ImportCrosswalkSetInput!) { importCrosswalkSet(input: $input) { mappingCount } }`;
    await server.ok(IMPORT, { input: { format: 'CSV', content: hostile } });
    const exported = (await server.ok<{ exportCrosswalkSet: { content: string } }>(EXPORT, { id: SET, format: 'CSV' }))
      .exportCrosswalkSet.content;
    const written = rowsOf(exported);
    for (const row of written) for (const cell of Object.values(row)) expect(guarded(cell), cell).toBe(true);
    expect(written[0]!.set_title).toBe("'@evil title");
    expect(written[0]!.set_description).toBe("'-1+1 description");
    expect(written.map((r) => r.justification)).toContain(`'${HYPERLINK}`);
    // Stored as sent (OSCAL carries no guard), and the guarded file imports back to the same set.
    const oscal = (
      await server.ok<{ exportCrosswalkSet: { content: string } }>(EXPORT, { id: SET, format: 'OSCAL_JSON' })
    ).exportCrosswalkSet.content;
    expect(oscal).toContain(JSON.stringify(HYPERLINK).slice(1, -1));
    await server.ok(IMPORT, { input: { format: 'CSV', content: exported, replace: true } });
    expect(
      (await server.ok<{ exportCrosswalkSet: { content: string } }>(EXPORT, { id: SET, format: 'CSV' }))
        .exportCrosswalkSet.content,
    ).toBe(exported);
    expect(
      (await server.ok<{ exportCrosswalkSet: { content: string } }>(EXPORT, { id: SET, format: 'OSCAL_JSON' }))
        .exportCrosswalkSet.content,
    ).toBe(oscal);
  });
});
