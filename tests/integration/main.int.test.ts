/**
 * `npm start`'s entry point as a real process: it migrates, seeds, serves, and on
 * SIGTERM drains and exits 0; bad configuration stops it at once with every problem.
 */
import { spawn } from 'node:child_process';
import { inject, describe, expect, it } from 'vitest';
import { LATEST_MIGRATION } from '../../src/graph/migrations.js';
import { authHeaders, TEST_AUTH_ENV } from '../helpers/auth.js';

const TSX = 'node_modules/.bin/tsx';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function launch(env: Record<string, string>) {
  const child = spawn(TSX, ['src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  const output = (): string => stdout;
  return { child, exited, output };
}

describe('npm start (src/main.ts)', () => {
  it('serves on the given Neo4j, then drains and exits 0 on SIGTERM', async () => {
    const service = launch({
      NEO4J_URI: inject('neo4jUri'),
      NEO4J_DATABASE: inject('neo4jDatabase'),
      PORT: '0',
      LOG_FORMAT: 'json',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      ...TEST_AUTH_ENV,
    });
    let url: string | undefined;
    await expect
      .poll(
        () => {
          url = /aims-graph ready: (http:\/\/[^ ]+)\/graphql/.exec(service.output())?.[1];
          return url;
        },
        { timeout: 45_000, interval: 200 },
      )
      .toBeDefined();
    const lines = service.output().trim().split('\n').map((line) => JSON.parse(line) as { msg: string });
    expect(lines.some((l) => l.msg === 'migrations applied')).toBe(true);
    expect(lines.some((l) => l.msg.startsWith('seed: '))).toBe(true);

    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const query = JSON.stringify({ query: '{ serviceInfo { schemaVersion database } }' });
    const refused = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
    expect(refused.status).toBe(401);
    const answer = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await authHeaders('VIEWER')) }, body: query });
    expect(await answer.json()).toEqual({ data: { serviceInfo: { schemaVersion: LATEST_MIGRATION, database: inject('neo4jDatabase') } } });

    service.child.kill('SIGTERM');
    const exit = await service.exited;
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('"msg":"stopped"');
  }, 60_000);

  it('refuses to start on bad configuration, naming every bad variable', async () => {
    const exit = await launch({ PORT: 'http', NEO4J_URI: 'localhost:7687', LOG_LEVEL: 'chatty' }).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('invalid configuration');
    for (const name of ['PORT', 'NEO4J_URI', 'LOG_LEVEL']) expect(exit.stderr).toContain(`- ${name}`);
    expect(exit.stderr).not.toMatch(/\bat .+\.ts:\d+/);
  }, 30_000);
});
