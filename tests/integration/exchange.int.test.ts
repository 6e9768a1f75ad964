import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteMappingsOfSet } from '../../src/graph/statements/crosswalk.js';
import { oscalErrors } from '../helpers/oscal.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const IMPORTED = 'test-imported-hs';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.graph.write(deleteMappingsOfSet(IMPORTED));
  await server.graph.write({
    name: 'test',
    cypher: 'MATCH (s:CrosswalkSet {id: $id}) DELETE s',
    params: { id: IMPORTED },
  });
  await server.close();
});

const EXPORT = `query ($id: ID!, $format: CrosswalkFormat!) { exportCrosswalkSet(id: $id, format: $format) { fileName mediaType content } }`;
const IMPORT = `mutation ($input: ImportCrosswalkSetInput!) { importCrosswalkSet(input: $input) {
  created mappingCount set { id origin publisher mappingCount } } }`;

async function exported(id: string, format: 'CSV' | 'OSCAL_JSON'): Promise<string> {
  const { body } = await server.gql<{ exportCrosswalkSet: { content: string; fileName: string } }>(EXPORT, {
    id,
    format,
  });
  expect(body.errors).toBeUndefined();
  return body.data!.exportCrosswalkSet.content;
}

async function mappingCount(id: string): Promise<number> {
  const [row] = await server.graph.read<{ n: number }>({
    name: 'test',
    cypher: 'MATCH ()-[m:MAPS_TO {set: $id}]->() RETURN count(m) AS n',
    params: { id },
  });
  return row!.n;
}

describe('crosswalk and catalogue exchange over HTTP', () => {
  it('exports a set as CSV, imports it under another id, and exports the same rows back', async () => {
    const csv = await exported('hs-iso42001-iso27001', 'CSV');
    expect(csv.split('\r\n')[0]).toMatch(/^set_id,set_title,/);
    const renamed = csv.replaceAll('hs-iso42001-iso27001', IMPORTED);
    const first = await server.gql<{
      importCrosswalkSet: { created: boolean; mappingCount: number; set: { origin: string } };
    }>(IMPORT, {
      input: { format: 'CSV', content: renamed },
    });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.importCrosswalkSet).toMatchObject({
      created: true,
      mappingCount: 43,
      set: { origin: 'IMPORT' },
    });
    expect(await exported(IMPORTED, 'CSV')).toBe(renamed);
  });

  it('refuses to overwrite an import without replace, and a seeded set at all', async () => {
    const csv = await exported(IMPORTED, 'CSV');
    const again = await server.gql(IMPORT, { input: { format: 'CSV', content: csv } });
    expect(again.body.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', id: IMPORTED } });
    const replaced = await server.gql<{ importCrosswalkSet: { created: boolean } }>(IMPORT, {
      input: { format: 'CSV', content: csv, replace: true },
    });
    expect(replaced.body.data!.importCrosswalkSet.created).toBe(false);
    const seeded = await server.gql(IMPORT, {
      input: { format: 'CSV', content: await exported('hs-iso42001-iso27001', 'CSV'), replace: true },
    });
    expect(seeded.body.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
  });

  it('exports valid OSCAL and imports it back to the same set', async () => {
    const oscal = await exported('nist-ai-rmf-iso42001', 'OSCAL_JSON');
    expect(oscalErrors('mapping', JSON.parse(oscal))).toEqual([]);
    const renamed = oscal.replace('"value": "nist-ai-rmf-iso42001"', `"value": "${IMPORTED}"`);
    const result = await server.gql<{ importCrosswalkSet: { mappingCount: number; set: { publisher: string } } }>(
      IMPORT,
      {
        input: { format: 'OSCAL_JSON', content: renamed, replace: true },
      },
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.importCrosswalkSet).toMatchObject({ mappingCount: 280, set: { publisher: 'NIST' } });
    // Everything but the set id (and the UUIDs derived from it) comes back as it went out.
    const normalise = (text: string): string => text.replace(/"uuid": "[0-9a-f-]{36}"/g, '"uuid": "*"');
    expect(normalise(await exported(IMPORTED, 'OSCAL_JSON'))).toBe(normalise(renamed));
  });

  it('refuses a file naming a requirement that does not exist, and writes nothing', async () => {
    const before = await mappingCount(IMPORTED);
    const csv = (await exported(IMPORTED, 'CSV')).replace(',MAP 1.1,', ',MAP 9.9,');
    const { body } = await server.gql(IMPORT, { input: { format: 'CSV', content: csv, replace: true } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    expect((body.errors![0]!.extensions!.problems as string[])[0]).toMatch(/nist-ai-rmf has no requirement "MAP 9.9"/);
    expect(await mappingCount(IMPORTED)).toBe(before);
    const garbage = await server.gql(IMPORT, { input: { format: 'OSCAL_JSON', content: '{"catalog": {}}' } });
    expect(garbage.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('exports every framework as a valid OSCAL 1.2.2 catalog that keeps every requirement', async () => {
    for (const framework of ['iso42001', 'iso27001', 'iso9001', 'eu-ai-act', 'nist-ai-rmf']) {
      const { body } = await server.gql<{
        exportFrameworkCatalog: { content: string };
        framework: { requirementCount: number };
      }>(
        `query ($id: ID!) { exportFrameworkCatalog(framework: $id) { content } framework(id: $id) { requirementCount } }`,
        { id: framework },
      );
      expect(body.errors).toBeUndefined();
      const document = JSON.parse(body.data!.exportFrameworkCatalog.content) as { catalog: unknown };
      expect(oscalErrors('catalog', document), framework).toEqual([]);
      const labels: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (typeof node === 'object' && node !== null) {
          const item = node as { props?: { name: string; value: string }[] };
          const label = item.props?.find((p) => p.name === 'label');
          if (label) labels.push(label.value);
          Object.values(node).forEach(walk);
        }
      };
      walk(document.catalog);
      expect(labels.length, framework).toBe(body.data!.framework.requirementCount);
    }
  });
});
