/**
 * `npm start`'s entry point as a real process: it migrates, seeds, serves, and on
 * SIGTERM drains and exits 0; bad configuration stops it at once with every problem.
 * The production build (`node dist/main.js`, `node dist/cli/*.js`) serves the same API.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { LATEST_MIGRATION } from '../../src/graph/migrations.js';
import { reset } from '../../src/graph/local/local-neo4j.js';
import { authHeaders, TEST_AUTH_ENV } from '../helpers/auth.js';
import { startTestServer } from '../helpers/server.js';
import { commandFor, launchService } from '../helpers/service-process.js';

const run = promisify(execFile);

describe('npm start (src/main.ts)', () => {
  it('serves on the given Neo4j, then drains and exits 0 on SIGTERM', async () => {
    const service = launchService({
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
          url = /aims-graph ready: (http:\/\/[^ ]+)\/graphql/.exec(service.stdout())?.[1];
          return url;
        },
        { timeout: 45_000, interval: 200 },
      )
      .toBeDefined();
    const lines = service
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.some((l) => l.msg === 'migrations applied')).toBe(true);
    expect(lines.some((l) => l.msg.startsWith('seed: '))).toBe(true);

    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const query = JSON.stringify({ query: '{ serviceInfo { schemaVersion database } }' });
    const refused = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: query,
    });
    expect(refused.status).toBe(401);
    const answer = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders('VIEWER')) },
      body: query,
    });
    expect(await answer.json()).toEqual({
      data: { serviceInfo: { schemaVersion: LATEST_MIGRATION, database: inject('neo4jDatabase') } },
    });

    service.child.kill('SIGTERM');
    const exit = await service.exited;
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('"msg":"stopped"');
  }, 60_000);

  it('on the embedded default, loads the catalogue past the request timeout, makes and prints a local ADMIN key on a fresh store, and the key works', async () => {
    const env = {
      LOCAL_NEO4J_HOME: '.local/neo4j/first-run',
      LOCAL_NEO4J_BOLT_PORT: process.env.TEST_FIRST_RUN_BOLT_PORT ?? '7695',
      LOCAL_NEO4J_HEAP: '512m',
      // Requests get a second; the catalogue load (one transaction of several seconds) is not a request.
      NEO4J_TRANSACTION_TIMEOUT_MS: '1000',
      // The demo is not what this test is about: keep the fresh store small.
      DEMO_ON_START: 'false',
      PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
    };
    const target = loadConfig(env).neo4j;
    expect(target.kind).toBe('local');
    if (target.kind === 'local') await reset(target.local); // a fresh store: no key yet
    const service = launchService(env);
    try {
      let url: string | undefined;
      await expect
        .poll(() => (url = /aims-graph ready: (http:\/\/[^ ]+)\/graphql/.exec(service.stdout())?.[1]), {
          timeout: 150_000,
          interval: 500,
        })
        .toBeDefined();
      const seeded = /seed: \d+ requirements .* loaded in (\d+) ms/.exec(service.stdout())?.[1];
      expect(seeded, service.stdout()).toBeDefined();
      expect(Number(seeded)).toBeGreaterThan(1000);
      const key = /^ {4}(aimsg_[A-Za-z0-9_-]{43})$/m.exec(service.stdout())?.[1];
      expect(key, service.stdout()).toBeDefined();
      expect(service.stdout()).toContain('A local ADMIN API key was created for this store');
      const me = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: '{ viewer { id roles } }' }),
      });
      expect(await me.json()).toEqual({ data: { viewer: { id: 'key:local-admin', roles: ['ADMIN'] } } });
    } finally {
      service.child.kill('SIGTERM');
      expect((await service.exited).code).toBe(0);
    }
  }, 240_000);

  it('refuses to start on bad configuration, naming every bad variable', async () => {
    const exit = await launchService({ PORT: 'http', NEO4J_URI: 'localhost:7687', LOG_LEVEL: 'chatty' }).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('invalid configuration');
    for (const name of ['PORT', 'NEO4J_URI', 'LOG_LEVEL']) expect(exit.stderr).toContain(`- ${name}`);
    expect(exit.stderr).not.toMatch(/\bat .+\.ts:\d+/);
  }, 30_000);
});

describe('the production build (npm run build)', () => {
  const neo4jEnv = { NEO4J_URI: inject('neo4jUri'), NEO4J_DATABASE: inject('neo4jDatabase') };
  const apikey = async (...args: string[]): Promise<string> => {
    const [command, prefix] = commandFor('build', 'cli/apikey');
    const { stdout } = await run(command, [...prefix, ...args], {
      env: { PATH: process.env.PATH ?? '', ...neo4jEnv, LOG_LEVEL: 'warn' },
    });
    return stdout.trim();
  };

  it('serves the same API with node dist/main.js in production, and its commands work from dist/cli', async () => {
    const name = `build-test-${Date.now()}`;
    const key = await apikey('create', '--role', 'VIEWER', '--name', name);
    expect(key).toMatch(/^aimsg_[A-Za-z0-9_-]{43}$/);
    const service = launchService(
      { ...neo4jEnv, PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info', NODE_ENV: 'production', DEMO_ON_START: 'false' },
      'build',
    );
    const reference = await startTestServer();
    try {
      let url: string | undefined;
      await expect
        .poll(() => (url = /aims-graph ready: (http:\/\/[^ ]+)\/graphql/.exec(service.stdout())?.[1]), {
          timeout: 45_000,
          interval: 200,
        })
        .toBeDefined();
      const query = `{
        requirement(framework: "iso42001", ref: "A.6.2.4") { title parent { ref } }
        coverage(framework: "iso42001") { summary { total notApplicable covered coveredViaCrosswalk partial gap } }
        aiSystems(first: 3) { totalCount edges { node { name } } }
      }`;
      const built = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query }),
      });
      const body = (await built.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual((await reference.as('VIEWER')(query)).body.data);
      // Production: no introspection, and the playground and reports are still served.
      const introspection = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
      });
      expect(JSON.stringify(await introspection.json())).toContain('GRAPHQL_VALIDATION_FAILED');
      expect((await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(200);
      expect((await fetch(`${url}/reports/assets/reports.css`)).status).toBe(200);
    } finally {
      await reference.close();
      service.child.kill('SIGTERM');
      expect((await service.exited).code).toBe(0);
      await apikey('revoke', name);
    }
    const row = (await apikey('list')).split('\n').find((line) => line.includes(name));
    expect(row).toMatch(/\d{4}-\d\d-\d\dT\S+$/); // its revoked-at column
  }, 90_000);
});
