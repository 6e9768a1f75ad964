/**
 * OSCAL documents of the organisation's side, validated against the official OSCAL 1.2.2
 * schemas: controls as a component-definition (out and back in), coverage as
 * assessment-results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../src/services/demo.js';
import { oscalErrors } from '../helpers/oscal.js';
import { removeSynced } from '../helpers/organisation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
const imported: { source: string; ref: string }[] = [];
afterAll(async () => {
  for (const { source, ref } of imported) await removeSynced(server, source, [ref]);
  await server.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const COMPONENTS = `query ($source: String) { exportOscalComponentDefinition(source: $source) { fileName mediaType content } }`;
const IMPORT = `mutation ($content: String!, $source: String, $dryRun: Boolean) {
  importOscalComponentDefinition(content: $content, source: $source, dryRun: $dryRun) { summary { created updated unchanged deleted } entities { ref id action } links { kind toId action } } }`;
const ours = (list: Json[] | undefined, name: string) =>
  list?.find((p) => p.name === name && p.ns === 'urn:aims-graph:oscal')?.value;

describe('OSCAL component-definition', () => {
  it("exports the organisation's controls as a schema-valid component-definition", async () => {
    const file = (
      await server.ok<{ exportOscalComponentDefinition: { content: string; mediaType: string } }>(COMPONENTS)
    ).exportOscalComponentDefinition;
    const doc = JSON.parse(file.content) as Json;
    expect(oscalErrors('component', doc)).toEqual([]);
    const bias = (doc['component-definition'].components as Json[]).find(
      (c) => ours(c.props, 'aims-graph-id') === demoId('Control', 'c-bias-test'),
    );
    expect(bias).toBeDefined();
    const implementations = bias!['control-implementations'] as Json[];
    const iso = implementations.find((ci) => ours(ci.props, 'framework') === 'iso42001')!;
    expect(
      (iso['implemented-requirements'] as Json[]).map((r) => [r['control-id'], ours(r.props, 'coverage')]),
    ).toContainEqual(['a.6.2.4', 'FULL']);
    expect(doc['component-definition']['back-matter'].resources.map((r: Json) => r.uuid)).toContain(
      iso.source.slice(1),
    );
  });

  it('imports components as controls keyed by UUID, exports them with the same UUID, and re-imports them unchanged', async () => {
    const source = `oscal-test-${Date.now()}`;
    const uuid = crypto.randomUUID();
    imported.push({ source, ref: uuid });
    const doc = {
      'component-definition': {
        uuid: crypto.randomUUID(),
        metadata: {
          title: 'Vendor model governance pack',
          'last-modified': '2026-11-20T00:00:00Z',
          version: '1',
          'oscal-version': '1.2.2',
        },
        components: [
          {
            uuid,
            type: 'process-procedure',
            title: 'Vendor model due diligence',
            description: 'Assesses third-party models before they are used.',
            'control-implementations': [
              {
                uuid: crypto.randomUUID(),
                source: '#iso',
                description: 'ISO/IEC 42001',
                'implemented-requirements': [
                  { uuid: crypto.randomUUID(), 'control-id': 'a.10.3', description: 'Supplier evaluation.' },
                  {
                    uuid: crypto.randomUUID(),
                    'control-id': 'a.10.2',
                    description: 'Allocating responsibilities.',
                    props: [{ name: 'coverage', value: 'FULL', ns: 'urn:aims-graph:oscal' }],
                  },
                ],
              },
            ],
          },
        ],
        'back-matter': {
          resources: [
            {
              uuid: crypto.randomUUID(),
              title: 'ISO/IEC 42001',
              props: [{ name: 'framework', value: 'iso42001', ns: 'urn:aims-graph:oscal' }],
            },
          ],
        },
      },
    };
    const resource = doc['component-definition']['back-matter'].resources[0]!;
    doc['component-definition'].components[0]!['control-implementations'][0]!.source = `#${resource.uuid}`;
    expect(oscalErrors('component', JSON.parse(JSON.stringify(doc)))).toEqual([]);

    const first = (
      await server.ok<{ importOscalComponentDefinition: Json }>(IMPORT, { content: JSON.stringify(doc), source })
    ).importOscalComponentDefinition;
    expect(first.summary).toEqual({ created: 3, updated: 0, unchanged: 0, deleted: 0 });
    // Without our coverage property a requirement counts as PARTIAL; without a status the control is PLANNED.
    const control = first.entities[0].id as string;
    const stored = await server.ok<{ node: Json }>(
      `query ($id: ID!) { node(id: $id) { ... on Control { name status implements { requirement { id } coverage } } } }`,
      { id: control },
    );
    expect(stored.node).toMatchObject({ name: 'Vendor model due diligence', status: 'PLANNED' });
    expect(stored.node.implements).toEqual(
      expect.arrayContaining([
        { requirement: { id: 'iso42001:A.10.3' }, coverage: 'PARTIAL' },
        { requirement: { id: 'iso42001:A.10.2' }, coverage: 'FULL' },
      ]),
    );

    const exported = JSON.parse(
      (await server.ok<{ exportOscalComponentDefinition: { content: string } }>(COMPONENTS, { source }))
        .exportOscalComponentDefinition.content,
    ) as Json;
    expect(oscalErrors('component', exported)).toEqual([]);
    expect((exported['component-definition'].components as Json[]).filter((c) => c.uuid === uuid)).toHaveLength(1);
    const again = (
      await server.ok<{ importOscalComponentDefinition: Json }>(IMPORT, { content: JSON.stringify(exported), source })
    ).importOscalComponentDefinition;
    expect(again.summary.created).toBe(0);
    expect(again.entities.find((e: Json) => e.ref === uuid)).toMatchObject({ id: control, action: 'UNCHANGED' });
    // A control exported from here comes back to itself (its aims-graph-id), gaining the OSCAL reference.
    const demoControl = demoId('Control', 'c-bias-test');
    expect(again.entities.find((e: Json) => e.id === demoControl)).toMatchObject({ action: 'UPDATED' });
    const third = (
      await server.ok<{ importOscalComponentDefinition: Json }>(IMPORT, { content: JSON.stringify(exported), source })
    ).importOscalComponentDefinition;
    expect(third.summary).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it('refuses a control implementation of a framework it does not hold, and writes nothing', async () => {
    const doc = {
      'component-definition': {
        uuid: crypto.randomUUID(),
        metadata: { title: 'x', 'last-modified': '2026-11-20T00:00:00Z', version: '1', 'oscal-version': '1.2.2' },
        components: [
          {
            uuid: crypto.randomUUID(),
            type: 'software',
            title: 'Firewall',
            description: 'Filters traffic.',
            'control-implementations': [
              {
                uuid: crypto.randomUUID(),
                source: 'https://doi.org/10.6028/NIST.SP.800-53r5',
                description: 'SP 800-53',
                'implemented-requirements': [
                  { uuid: crypto.randomUUID(), 'control-id': 'sc-7', description: 'Boundary protection.' },
                ],
              },
            ],
          },
        ],
      },
    };
    const { body } = await server.gql(IMPORT, { content: JSON.stringify(doc), source: 'oscal-refused' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    expect(body.errors?.[0]?.message).toMatch(/is not a framework this service holds/);
    const notJson = await server.gql(IMPORT, { content: '{"component-definition": ', source: 'oscal-refused' });
    expect(notJson.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    const [refs] = await server.graph.read<{ n: number }>({
      name: 'refusedRefs',
      cypher: "MATCH (x:ExternalRef {system: 'oscal-refused'}) RETURN count(x) AS n",
      params: {},
    });
    expect(refs!.n).toBe(0);
  });
});

describe('OSCAL assessment-results', () => {
  it("exports a framework's coverage as schema-valid assessment-results: a finding per requirement, evidence with hashes", async () => {
    const asOf = '2026-11-27T12:00:00Z';
    const file = (
      await server.ok<{ exportOscalAssessmentResults: { content: string; fileName: string } }>(
        `query ($asOf: DateTime) { exportOscalAssessmentResults(framework: "iso42001", asOf: $asOf) { fileName content } }`,
        { asOf },
      )
    ).exportOscalAssessmentResults;
    expect(file.fileName).toBe('iso42001.oscal-assessment-results.json');
    const doc = JSON.parse(file.content) as Json;
    expect(oscalErrors('assessment-results', doc)).toEqual([]);
    const coverage = await server.ok<{ coverage: { summary: Record<string, number> } }>(
      `query ($asOf: DateTime) { coverage(framework: "iso42001", asOf: $asOf) { summary { total notApplicable covered coveredViaCrosswalk } } }`,
      { asOf },
    );
    const s = coverage.coverage.summary;
    const [result] = doc['assessment-results'].results as Json[];
    const findings = result!.findings as Json[];
    expect(findings).toHaveLength(s.total! - s.notApplicable!);
    expect(findings.filter((f) => f.target.status.state === 'satisfied')).toHaveLength(
      s.covered! + s.coveredViaCrosswalk!,
    );
    const policy = findings.find((f) => ours(f.props, 'label') === 'A.2.2')!;
    expect(policy.target).toMatchObject({ type: 'objective-id', 'target-id': 'a.2.2', status: { state: 'satisfied' } });
    const observation = (result!.observations as Json[]).find(
      (o) => o.uuid === policy['related-observations'][0]['observation-uuid'],
    )!;
    const resource = (doc['assessment-results']['back-matter'].resources as Json[]).find(
      (r) => `#${r.uuid}` === observation['relevant-evidence'][0].href,
    )!;
    expect(resource.rlinks[0]).toEqual({
      href: 'https://docs.northwind.example/evidence/e-policy',
      hashes: [{ algorithm: 'SHA-256', value: 'a'.repeat(64) }],
    });
  });
});
