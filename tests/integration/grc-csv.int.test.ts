/** Controls and evidence exchanged as GRC CSV files: round trip, removals, and problems by row and column. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSynced } from '../helpers/organisation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
let synced: string | null = null;
afterAll(async () => {
  if (synced) await removeSynced(server, synced);
  await server.close();
});

const IMPORT = `mutation ($kind: CsvKind!, $content: String!, $dryRun: Boolean) {
  importCsv(kind: $kind, content: $content, dryRun: $dryRun) { summary { created updated unchanged deleted } entities { ref action } links { index kind toId action } } }`;
const EXPORT = `query ($kind: CsvKind!, $source: String!) { exportCsv(kind: $kind, source: $source) { fileName mediaType content rows omittedLinks } }`;

interface ImportResult {
  importCsv: {
    summary: { created: number; updated: number; unchanged: number; deleted: number };
    entities: { ref: string; action: string }[];
    links: { index: number | null; kind: string; toId: string; action: string }[];
  };
}

const csv = (lines: string[]): string => `${lines.join('\r\n')}\r\n`;
const exported = async (kind: string, source: string) =>
  (
    await server.ok<{ exportCsv: { content: string; rows: number; omittedLinks: number; fileName: string } }>(EXPORT, {
      kind,
      source,
    })
  ).exportCsv;

describe('GRC CSV exchange', () => {
  const source = `ciso-assistant-${Date.now()}`;
  synced = source;
  const controls = csv([
    'source,ref,name,description,status,control_type,implements,applies_to',
    `${source},AC-1,Bias testing before release,"Tests every release for bias, on fixed cohorts",OPERATING,DETECTIVE,eu-ai-act:Art. 10=PARTIAL; iso42001:A.6.2.4=FULL,SYS-9`,
    `${source},AC-2,Model inventory,,IMPLEMENTED,DIRECTIVE,iso42001:A.4.2=FULL,`,
  ]);

  beforeAll(async () => {
    await server.ok(`mutation ($batch: SyncBatchInput!) { sync(batch: $batch) { summary { created } } }`, {
      batch: {
        source,
        entities: [{ ref: 'SYS-9', aiSystem: { name: 'Loan pricing', lifecycleStage: 'OPERATION_AND_MONITORING' } }],
      },
    });
  });

  it('imports controls with their mappings, exports the same file, and re-imports it unchanged', async () => {
    const first = (await server.ok<ImportResult>(IMPORT, { kind: 'CONTROLS', content: controls })).importCsv;
    expect(first.summary).toEqual({ created: 6, updated: 0, unchanged: 0, deleted: 0 });
    const file = await exported('CONTROLS', source);
    expect(file).toMatchObject({ fileName: `${source}-controls.csv`, rows: 2, omittedLinks: 0 });
    expect(file.content).toBe(controls);
    const again = (await server.ok<ImportResult>(IMPORT, { kind: 'CONTROLS', content: file.content })).importCsv;
    expect(again.summary).toEqual({ created: 0, updated: 0, unchanged: 6, deleted: 0 });
  });

  it('removes a mapping the file no longer lists, and says so', async () => {
    const edited = controls.replace('eu-ai-act:Art. 10=PARTIAL; iso42001:A.6.2.4=FULL', 'iso42001:A.6.2.4=FULL');
    const dry = (await server.ok<ImportResult>(IMPORT, { kind: 'CONTROLS', content: edited, dryRun: true })).importCsv;
    expect(dry.links.filter((l) => l.action === 'DELETED')).toEqual([
      { index: null, kind: 'IMPLEMENTS', toId: 'eu-ai-act:Art. 10', action: 'DELETED' },
    ]);
    expect((await exported('CONTROLS', source)).content).toBe(controls);
    await server.ok<ImportResult>(IMPORT, { kind: 'CONTROLS', content: edited });
    expect((await exported('CONTROLS', source)).content).toBe(edited);
  });

  it('imports evidence supporting controls and requirements, scoped to a system, and round-trips it', async () => {
    const evidence = csv([
      'source,ref,title,evidence_type,uri,sha256,collected_by,uploaded_at,effective_from,valid_until,supports,scoped_to',
      `${source},EV-7,Bias test report 2026-Q4,TEST_RESULT,https://grc.example/ev/7,${'a'.repeat(64)},Model risk team,2026-11-20T09:00:00Z,2026-11-01,2027-10-31,AC-1; iso42001:A.6.2.4,SYS-9`,
    ]);
    const first = (await server.ok<ImportResult>(IMPORT, { kind: 'EVIDENCE', content: evidence })).importCsv;
    expect(first.summary).toEqual({ created: 4, updated: 0, unchanged: 0, deleted: 0 });
    const file = await exported('EVIDENCE', source);
    expect(file.content).toBe(evidence);
    expect(
      (await server.ok<ImportResult>(IMPORT, { kind: 'EVIDENCE', content: file.content })).importCsv.summary.unchanged,
    ).toBe(4);
  });

  it('names the row and column of every problem, and writes nothing', async () => {
    const bad = csv([
      'source,ref,name,description,status,control_type,implements,applies_to',
      `${source},AC-3,Fine control,,PLANNED,,iso42001:A.6.2.5=FULL,`,
      `${source},AC-4,Bad status,,SOMETIMES,,,`,
      `${source},AC-5,Bad mapping,,PLANNED,,iso42001:A.6.2.5=MOSTLY,`,
    ]);
    const parse = await server.gql(IMPORT, { kind: 'CONTROLS', content: bad });
    expect(parse.body.errors?.[0]?.extensions?.problems).toEqual([
      {
        row: 4,
        column: 'implements',
        message: '"iso42001:A.6.2.5=MOSTLY" must be a requirement id, "=", and FULL or PARTIAL',
      },
    ]);
    const fixedMapping = bad.replace('=MOSTLY', '=FULL');
    const invalid = await server.gql(IMPORT, { kind: 'CONTROLS', content: fixedMapping });
    expect(invalid.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ row: 3, column: 'status' }],
    });
    const unknown = await server.gql(IMPORT, {
      kind: 'CONTROLS',
      content: fixedMapping
        .replace('SOMETIMES', 'PLANNED')
        .replace('iso42001:A.6.2.5=FULL,\r\n' + `${source},AC-4`, 'iso42001:Z.1=FULL,\r\n' + `${source},AC-4`),
    });
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ problems: [{ row: 2, column: 'implements' }] });
    expect((await exported('CONTROLS', source)).rows).toBe(2);
  });
});
