import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnnexAControlsDocument,
  FrameworksDocument,
  RequirementContextDocument,
} from '../../queries/generated/graphql.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { run } from '../helpers/typed.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('catalogue API over HTTP', () => {
  it('lists the five frameworks with their versions and kinds', async () => {
    const { status, body } = await run(server, FrameworksDocument);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.frameworks.map((f) => [f.id, f.version, f.kind, f.requirementCount])).toEqual([
      ['eu-ai-act', 'Regulation (EU) 2024/1689', 'REGULATION', 162],
      ['iso27001', '2022', 'STANDARD', 138],
      ['iso42001', '2023', 'STANDARD', 92],
      ['iso9001', '2015', 'STANDARD', 91],
      ['nist-ai-rmf', 'AI 100-1', 'GUIDANCE', 95],
    ]);
  });

  it('groups the ISO/IEC 42001 Annex A controls under their objectives', async () => {
    const { body } = await run(server, AnnexAControlsDocument, { standard: 'iso42001' });
    const objectives = body.data!.framework!.requirements;
    expect(objectives.map((o) => o.ref)).toEqual([
      'A.2',
      'A.3',
      'A.4',
      'A.5',
      'A.6',
      'A.6.1',
      'A.6.2',
      'A.7',
      'A.8',
      'A.9',
      'A.10',
    ]);
    const controls = objectives.flatMap((o) => o.children.filter((c) => c.kind === 'CONTROL'));
    expect(controls).toHaveLength(38);
    expect(controls.every((c) => c.auditable)).toBe(true);
    expect(objectives.find((o) => o.ref === 'A.6.2')!.children.map((c) => c.ref)).toContain('A.6.2.4');
  });

  it('places a requirement in its hierarchy', async () => {
    const { body } = await run(server, RequirementContextDocument, { framework: 'eu-ai-act', ref: 'Art. 9' });
    expect(body.data!.requirement).toMatchObject({
      id: 'eu-ai-act:Art. 9',
      title: 'Risk management system',
      kind: 'ARTICLE',
      auditable: true,
      roles: ['PROVIDER'],
      framework: { id: 'eu-ai-act' },
      ancestors: [
        { ref: 'Chapter III', kind: 'CHAPTER' },
        { ref: 'Chapter III Section 2', kind: 'SECTION' },
      ],
      parent: { ref: 'Chapter III Section 2' },
      children: [],
    });
  });

  it('filters requirements by kind and auditability, in document order', async () => {
    const { body } = await server.gql<{ framework: { requirements: { ref: string }[]; auditable: { ref: string }[] } }>(
      `{ framework(id: "nist-ai-rmf") {
           requirements(kind: FUNCTION) { ref }
           auditable: requirements(auditable: true) { ref }
       } }`,
    );
    expect(body.data!.framework.requirements.map((r) => r.ref)).toEqual(['GOVERN', 'MAP', 'MEASURE', 'MANAGE']);
    expect(body.data!.framework.auditable).toHaveLength(72);
    expect(body.data!.framework.auditable[0]!.ref).toBe('GOVERN 1.1');
  });

  it('resolves any node by id, and unknown ids to null', async () => {
    const { body } = await server.gql(
      `{ fw: node(id: "iso27001") { id ... on Framework { name } }
         req: node(id: "iso27001:A.5.23") { id ... on Requirement { title } }
         none: node(id: "iso27001:A.99") { id }
         noFramework: framework(id: "iso99999") { id }
         noRequirement: requirement(framework: "iso9001", ref: "11.1") { id } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      fw: { id: 'iso27001', name: 'ISO/IEC 27001' },
      req: { id: 'iso27001:A.5.23', title: 'Information security for use of cloud services' },
      none: null,
      noFramework: null,
      noRequirement: null,
    });
  });

  it('keeps several versions of a framework side by side, reading the current one by default', async () => {
    const { body } = await server.gql<{
      framework: {
        requirementCount: number;
        versions: { version: string; current: boolean; requirementCount: number }[];
        requirements: { ref: string }[];
      };
      added: { current: boolean; versions: string[]; parent: { ref: string } } | null;
    }>(
      `{ framework(id: "eu-ai-act") { requirementCount versions { version current requirementCount } requirements(kind: ARTICLE) { ref } }
         added: requirement(framework: "eu-ai-act", ref: "Art. 4a") { current versions parent { ref } } }`,
    );
    const fw = body.data!.framework;
    expect(fw.requirementCount).toBe(162);
    expect(fw.requirements).toHaveLength(113);
    expect(fw.versions.map((v) => [v.current, v.requirementCount])).toEqual([
      [false, 168],
      [true, 162],
    ]);
    expect(body.data!.added).toEqual({
      current: false,
      versions: ['Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744'],
      parent: { ref: 'Chapter I' },
    });
  });

  it('says what changed between two versions, and NOT_FOUND for an unknown version', async () => {
    const query = `query ($from: String!, $to: String!) { frameworkVersionDiff(framework: "eu-ai-act", from: $from, to: $to) {
      from { current } to { current } added { ref } removed { ref } retitled { ref fromTitle toTitle } moved { ref } } }`;
    const { body } = await server.gql<{
      frameworkVersionDiff: {
        added: { ref: string }[];
        removed: { ref: string }[];
        retitled: { ref: string; fromTitle: string; toTitle: string }[];
        moved: unknown[];
      };
    }>(query, {
      from: 'Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744',
      to: 'Regulation (EU) 2024/1689',
    });
    // Read backwards, the amendment's additions are removals.
    const diff = body.data!.frameworkVersionDiff;
    expect(diff.added).toEqual([]);
    expect(diff.removed.map((r) => r.ref)).toEqual([
      'Art. 4a',
      'Art. 60a',
      'Art. 75a',
      'Art. 75b',
      'Art. 75c',
      'Art. 75d',
    ]);
    expect(diff.retitled.find((r) => r.ref === 'Art. 77')).toMatchObject({
      toTitle: 'Powers of authorities protecting fundamental rights',
    });
    expect(diff.moved).toEqual([]);
    const missing = await server.gql(query, { from: 'Regulation (EU) 2024/1689', to: '2031' });
    expect(missing.body.errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('answers bad input with BAD_USER_INPUT naming the argument', async () => {
    const { status, body } = await server.gql(
      `query ($ref: String!) { requirement(framework: "iso9001", ref: $ref) { id } }`,
      {
        ref: 'x'.repeat(301),
      },
    );
    expect(status).toBe(200);
    expect(body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'ref' }, path: ['requirement'] }),
    ]);
  });

  it('answers a wrong enum value and a syntax error with stable codes and no stack trace', async () => {
    const wrongEnum = await server.gql('{ framework(id: "iso42001") { requirements(kind: CLAUS) { ref } } }');
    expect(wrongEnum.status).toBe(400);
    expect(wrongEnum.body.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const syntax = await server.gql('{ frameworks { id ');
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('loads a deep hierarchy in a number of statements bounded by its depth', async () => {
    server.statements.length = 0;
    const { body } = await server.gql<{
      frameworks: {
        roots: { children: { children: { children: { ref: string; parent: { ref: string } }[] }[] }[] }[];
      }[];
    }>(
      `{ frameworks { roots { ref children { ref children { ref children { ref parent { ref } framework { id } } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const leaves = body.data!.frameworks.flatMap((f) =>
      f.roots.flatMap((r) => r.children.flatMap((c) => c.children.flatMap((g) => g.children))),
    );
    expect(leaves.length).toBeGreaterThan(0);
    // One statement per level of the query, however many frameworks and requirements:
    // parents are primed by the children query, so they cost nothing.
    const counts = server.statements.reduce<Record<string, number>>(
      (acc, name) => ({ ...acc, [name]: (acc[name] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({
      listFrameworks: 1,
      listRequirementsOfFrameworks: 1,
      listChildrenByParentIds: 3,
      listFrameworksByIds: 1,
    });
  });
});
