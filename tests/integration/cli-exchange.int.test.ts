/** npm run import / export through the real command line, against the test Neo4j. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { removeSynced } from '../helpers/organisation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TEST_ENV } from '../helpers/env.js';

const run = promisify(execFile);
let server: TestServer;
const sources: string[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const source of sources) await removeSynced(server, source);
  await server.close();
});
const cli = (...args: string[]) =>
  run('npx', ['tsx', 'src/cli/exchange.ts', ...args], {
    env: { ...process.env, ...TEST_ENV, NEO4J_URI: inject('neo4jUri'), NEO4J_DATABASE: inject('neo4jDatabase') },
  });

describe('npm run import / export', () => {
  it('imports a controls CSV (dry run first), exports it back identical, with progress on stderr', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'aims-cli-'));
    const source = `onetrust-${Date.now()}`;
    sources.push(source);
    const file = path.join(dir, 'controls.csv');
    const content = [
      'source,ref,name,description,status,control_type,implements,applies_to',
      `${source},OT-1,Incident response for AI systems,,OPERATING,CORRECTIVE,iso42001:A.8.4=FULL,`,
      `${source},OT-2,Data quality checks,,IMPLEMENTED,DETECTIVE,eu-ai-act:Art. 10=PARTIAL; iso42001:A.7.4=FULL,`,
    ].join('\r\n');
    await writeFile(file, `${content}\r\n`);

    const dry = await cli('import', file, '--dry-run');
    expect(dry.stderr).toMatch(/is a controls CSV/);
    expect(dry.stderr).toMatch(/dry run, nothing written: 5 created/);
    const real = await cli('import', file);
    expect(real.stderr).toMatch(/^5 created, 0 updated, 0 unchanged, 0 deleted$/m);

    const out = path.join(dir, 'out.csv');
    const exported = await cli('export', 'controls', out, '--source', source);
    expect(exported.stderr).toMatch(/\[#{30}\] 100% 2\/2/);
    expect(await readFile(out, 'utf8')).toBe(`${content}\r\n`);
  }, 120_000);

  it('exports the change log as JSON lines in order, and refuses a file it cannot read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'aims-cli-'));
    const out = path.join(dir, 'changes.jsonl');
    await cli('export', 'changes', out);
    const entries = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; operation: string });
    expect(entries.length).toBeGreaterThan(100);
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
    const other = path.join(dir, 'other.csv');
    await writeFile(other, 'a,b\r\n1,2\r\n');
    const refused = await cli('import', other).catch((err: { code: number; stderr: string }) => err);
    expect(refused).toMatchObject({ code: 2 });
  }, 120_000);
});
