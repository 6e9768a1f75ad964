/** The integrator example (examples/integrator) against the real service: push, pull, resume. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AimsGraphClient, AimsGraphError } from '../../examples/integrator/client.js';
import { syncOnce } from '../../examples/integrator/main.js';
import { issueApiKey } from '../../src/auth/key-store.js';
import { removeSynced } from '../helpers/organisation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let credential: string;
const keyName = `example-grc-sync-${Date.now()}`;
beforeAll(async () => {
  server = await startTestServer();
  // The example authenticates as integrators do: with an API key of the INTEGRATOR role.
  credential = (await issueApiKey(server.graph, { name: keyName, role: 'INTEGRATOR', createdBy: 'test' })).key;
});
afterAll(async () => {
  await removeSynced(server, 'example-grc');
  await server.close();
});

describe('integrator example', () => {
  it('pushes the sample GRC export, pulls the feed from its cursor, and stays idempotent', async () => {
    const cursorFile = path.join(await mkdtemp(path.join(tmpdir(), 'aims-example-')), 'cursor');
    const lines: string[] = [];
    const url = `${server.url}/graphql`;
    const dry = await syncOnce({ url, credential, cursorFile, dryRun: true, log: (l) => lines.push(l) });
    expect(dry.summary.created + dry.summary.unchanged).toBe(13);

    const first = await syncOnce({ url, credential, cursorFile, log: (l) => lines.push(l) });
    // 1 system, 2 controls, 2 evidence items; 4 IMPLEMENTS, 2 APPLIES_TO, 2 SUPPORTS links.
    expect(first.summary.created + first.summary.unchanged).toBe(13);
    expect(first.pulled).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes(` key:${keyName} for example-grc-sync CREATE Control `))).toBe(true);
    expect(lines.some((l) => /-\[IMPLEMENTS\]-> nist-ai-rmf:MEASURE 2\.11/.test(l))).toBe(true);
    expect(await readFile(cursorFile, 'utf8')).toBe(first.cursor);

    const second = await syncOnce({ url, credential, cursorFile, log: () => {} });
    expect(second.summary).toEqual({ created: 0, updated: 0, unchanged: 13, deleted: 0 });
    expect(second.pulled).toBe(0);
    expect(second.cursor).toBe(first.cursor);
  });

  it('surfaces the service error code and the problems of a refused batch', async () => {
    const client = new AimsGraphClient(`${server.url}/graphql`, { credential });
    const refused = await client
      .push({ source: 'example-grc', entities: [{ ref: 'X', control: { name: '' } }] })
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AimsGraphError);
    expect(refused).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ index: 0, field: 'entities[0].control.name' }],
    });
  });
});
