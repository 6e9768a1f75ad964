/**
 * Every saved analyst operation in queries/ runs against the real service and gives the
 * answer it promises. A new file without an expectation here fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSavedOperations } from '../../src/playground/saved-operations.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

type Data = Record<string, unknown>;
const expectations: Record<string, (data: Data) => void> = {
  Frameworks: (data) => {
    const frameworks = data.frameworks as { id: string }[];
    expect(frameworks.map((f) => f.id)).toEqual(['eu-ai-act', 'iso27001', 'iso42001', 'iso9001', 'nist-ai-rmf']);
  },
  AnnexAControls: (data) => {
    const framework = data.framework as { requirements: { children: { kind: string }[] }[] };
    expect(framework.requirements.flatMap((o) => o.children).filter((c) => c.kind === 'CONTROL')).toHaveLength(38);
  },
  RequirementContext: (data) => {
    expect(data.requirement).toMatchObject({ ref: 'Art. 9', title: 'Risk management system', roles: ['PROVIDER'] });
  },
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('saved operations in queries/', () => {
  for (const op of readSavedOperations('queries')) {
    it(`${op.file}: ${op.question}`, async () => {
      const expectation = expectations[op.name];
      expect(expectation, `add an expectation for ${op.name} to ${import.meta.url}`).toBeDefined();
      const { status, body } = await server.gql(op.query, op.variables);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expectation!(body.data as Data);
    });
  }
});
