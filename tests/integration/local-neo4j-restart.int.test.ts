/**
 * A local Neo4j stopped and started again (npm run db:stop, db:start) under a running
 * service: the service's shutdown must stop only the instance it started, and must not
 * delete the pid file of the one someone else started, or that instance runs on with
 * no pid file and `db:stop` says it "was not running". Real processes, on a port and
 * store of their own (TEST_RESTART_BOLT_PORT, default 7796).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type LocalNeo4jConfig } from '../../src/config.js';
import { reset, start, status, stop } from '../../src/graph/local/local-neo4j.js';
import { TEST_ENV } from '../helpers/env.js';

const config = loadConfig({
  ...TEST_ENV,
  LOCAL_NEO4J_HOME: '.local/neo4j/restart',
  LOCAL_NEO4J_BOLT_PORT: process.env.TEST_RESTART_BOLT_PORT?.trim() || '7796',
  LOCAL_NEO4J_HEAP: '512m',
  LOCAL_NEO4J_PAGECACHE: '64m',
});
if (config.neo4j.kind !== 'local') throw new Error('this test needs a local Neo4j of its own');
const local: LocalNeo4jConfig = config.neo4j.local;
const lines: string[] = [];
const say = (line: string): void => void lines.push(line);
const pidInFile = (): number | undefined =>
  existsSync(path.join(local.home, 'neo4j.pid'))
    ? Number(readFileSync(path.join(local.home, 'neo4j.pid'), 'utf8').trim())
    : undefined;
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('Launcher.java');
  } catch {
    return false;
  }
};

beforeAll(async () => {
  await reset(local);
}, 120_000);
/** Every instance this file started: whatever a failure left behind is stopped by its pid. */
const started: number[] = [];
afterAll(async () => {
  for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await reset(local);
}, 120_000);

describe.skipIf(process.env.NEO4J_URI !== undefined)('a local Neo4j restarted under a running service', () => {
  it('release stops the instance it started, and removes its pid file', async () => {
    const own = await start(local, { detached: false, say });
    started.push(own.pid);
    expect(pidInFile()).toBe(own.pid);
    await own.release();
    expect(alive(own.pid)).toBe(false);
    expect(pidInFile()).toBeUndefined();
    expect(status(local).state).toBe('stopped');
  }, 120_000);

  it('after db:stop and db:start, release leaves the new instance and its pid file alone, and db:stop then stops it', async () => {
    const service = await start(local, { detached: false, say });
    started.push(service.pid);
    expect(await stop(local)).toBe(true); // npm run db:stop
    expect(alive(service.pid)).toBe(false);
    const restarted = await start(local, { detached: true, say }); // npm run db:start
    started.push(restarted.pid);
    expect(restarted.pid).not.toBe(service.pid);
    lines.length = 0;
    await service.release(); // the service's SIGTERM
    expect(lines.join('\n')).not.toMatch(/^neo4j: stopped$/m);
    expect(alive(restarted.pid)).toBe(true);
    expect(pidInFile()).toBe(restarted.pid);
    expect(status(local)).toEqual({ state: 'running', pid: restarted.pid });
    expect(await stop(local)).toBe(true); // npm run db:stop: "stopped", not "was not running"
    expect(alive(restarted.pid)).toBe(false);
  }, 180_000);
});
